//! The ledger commands end to end: ingest the shared example and the ledger's test corpora,
//! then `clusters`, `truces`, `claims`, `timeline` and `export` in each output format.

#[path = "common/mod.rs"]
mod common;

use common::Sandbox;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A sandbox holding the shared example (as published) and the truce and air-strike corpora.
fn ingested() -> Sandbox {
    let sandbox = Sandbox::new();
    let example = workspace().join("../shared/examples/nagorno-karabakh-2020-10-20.txt");
    let example = example.to_string_lossy();
    let (code, _, stderr) = sandbox.run(&[
        "ingest",
        "-q",
        "--published",
        "2020-10-20",
        "--source",
        "Al Jazeera",
        &example,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let corpora = workspace().join("crates/observer-ledger/tests/corpora");
    for corpus in ["truce", "air-strike"] {
        let dir = corpora.join(corpus);
        let (code, _, stderr) = sandbox.run(&["ingest", "-q", &dir.to_string_lossy()]);
        assert_eq!(code, 0, "{stderr}");
    }
    sandbox
}

fn json(sandbox: &Sandbox, args: &[&str]) -> Value {
    let (code, stdout, stderr) = sandbox.run(args);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

#[test]
fn ledger_commands_print_tables_json_jsonl_and_csv() {
    let sandbox = ingested();

    let truces = json(&sandbox, &["truces", "--format", "json"]);
    let conflicts: Vec<&str> = truces
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["conflict"].as_str().unwrap())
        .collect();
    assert_eq!(
        conflicts,
        ["ARM–AZE", "ARM–AZE", "Rapid Support Forces–SDN"]
    );
    assert_eq!(truces[1]["kind"], "humanitarian");
    assert_eq!(truces[2]["effective"]["time"], "06:00:00");

    let (code, table, _) = sandbox.run(&["truces", "--format", "table"]);
    assert_eq!(code, 0);
    assert!(table.contains("ARM accuses AZE"), "{table}");
    assert!(table.contains("≤24 h (stated: within hours)"), "{table}");

    let (code, csv, _) = sandbox.run(&["truces", "--format", "csv"]);
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(&reader.headers().unwrap()[0], "truce_id");
    assert_eq!(reader.records().count(), 3);

    let contradictions = json(&sandbox, &["claims", "--contradicting", "--format", "json"]);
    assert!(
        contradictions
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["kind"] == "gains_versus_repulsed"),
        "{contradictions:#}"
    );
    let (code, jsonl, _) = sandbox.run(&["claims", "--format", "jsonl"]);
    assert_eq!(code, 0);
    assert!(jsonl.lines().count() > 10);

    let clusters = json(
        &sandbox,
        &["clusters", "--min-articles", "5", "--format", "json"],
    );
    // The five outlets' air strike is one cluster (fighting in El Fasher reported across the
    // truce corpus may make another).
    let strike_cluster = clusters
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["place"]["country"] == "UKR")
        .unwrap_or_else(|| panic!("no cluster in Ukraine: {clusters:#}"));
    assert_eq!(strike_cluster["counts"]["articles"], 5);
    assert_eq!(strike_cluster["counts"]["claimants"], 2);
    // `clusters` keeps every event's cluster in the database.
    let store = observer_store::open(&sandbox.db_arg()).unwrap();
    let membership = store.cluster_membership().unwrap();
    assert_eq!(membership.len() as u64, store.stats().unwrap().events);
    let strike = strike_cluster["id"].as_str().unwrap();
    let members = membership.iter().filter(|(_, c)| c == strike).count();
    assert_eq!(
        members as u64,
        strike_cluster["counts"]["mentions"].as_u64().unwrap()
    );

    let timeline = json(
        &sandbox,
        &[
            "timeline",
            "--party",
            "SDN",
            "--party",
            "Rapid Support Forces",
            "--format",
            "json",
        ],
    );
    let kinds: Vec<&str> = timeline
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"truce") && kinds.contains(&"event"),
        "{kinds:?}"
    );
    let dates: Vec<&str> = timeline
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["date"].as_str())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
}

#[test]
fn export_writes_each_format_to_a_file() {
    let sandbox = ingested();
    for (format, header_start) in [
        ("gdelt", "GLOBALEVENTID\tSQLDATE"),
        ("acled", "event_id_cnty,event_date"),
        ("csv", "cluster_id,date_start"),
    ] {
        let out = sandbox.path(&format!("export.{format}"));
        let (code, _, stderr) = sandbox.run(&[
            "export",
            "--format",
            format,
            "--output",
            &out.to_string_lossy(),
        ]);
        assert_eq!(code, 0, "{stderr}");
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with(header_start), "{format}: {text}");
        assert!(text.lines().count() > 3, "{format}: {text}");
    }
    let (code, plover, _) = sandbox.run(&["export", "--format", "plover"]);
    assert_eq!(code, 0);
    for line in plover.lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        assert!(record["id"].is_string() && record["event"].is_array());
    }
}

#[test]
fn ledger_commands_on_a_missing_database_fail_clearly() {
    let sandbox = Sandbox::new();
    let (code, _, stderr) = sandbox.run(&["truces"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("does not exist"), "{stderr}");
}
