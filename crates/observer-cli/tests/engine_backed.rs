//! End-to-end tests that need the extraction engine to find events in a short invented report.
//!
//! Every assertion marked ENGINE below depends on what observer-extract codes; they fail (rather
//! than pass vacuously) while the extractor finds nothing. The CLI behaviour they also check
//! (ids, filters, explain's layout) is covered engine-free in tests/cli/ with hand-made events.

#[path = "common/mod.rs"]
mod common;

use common::Sandbox;
use serde_json::Value;

/// One sentence with a clear ASSAULT: shelling, a place, a day, a toll and a claimant.
const REPORT: &str = "\
---
title: Rebels shell Goma
source: Test Wire
published: 2024-03-06
url: https://example.test/goma-shelling
---
Rebels shelled the town of Goma on Tuesday, killing 12 civilians, the army said.
";

/// The events `observer extract --format json` finds in `REPORT`.
fn extracted(sandbox: &Sandbox) -> Vec<Value> {
    sandbox.write("report.txt", REPORT);
    let (code, stdout, stderr) = sandbox.run(&["extract", "report.txt"]);
    assert_eq!(code, 0, "{stderr}");
    let value: Value = serde_json::from_str(&stdout).unwrap();
    value[0]["events"].as_array().cloned().unwrap_or_default()
}

fn the_assault(events: &[Value]) -> &Value {
    events
        .iter()
        .find(|e| e["type"] == "ASSAULT")
        .unwrap_or_else(|| panic!("ENGINE: no ASSAULT event in {events:#?}"))
}

#[test]
fn extract_codes_the_shelling() {
    let sandbox = Sandbox::new();
    let events = extracted(&sandbox);
    let assault = the_assault(&events); // ENGINE
    assert_eq!(assault["mode"], "shelling", "ENGINE: {assault:#}");
    assert_eq!(
        assault["date"]["start"], "2024-03-05",
        "ENGINE: Tuesday before publication"
    );
    assert_eq!(assault["place"]["name"], "Goma", "ENGINE: {assault:#}");
    assert_eq!(assault["place"]["country"], "COD", "ENGINE: {assault:#}");
    let killed = assault["casualties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "killed")
        .unwrap_or_else(|| panic!("ENGINE: no killed count in {assault:#}"));
    assert_eq!(killed["min"], 12, "ENGINE");
    assert_eq!(killed["group"], "civilian", "ENGINE");
    assert!(
        assault["claimant"].is_object(),
        "ENGINE: the army said → claimant"
    );
    assert_eq!(assault["stance"], "alleged", "ENGINE");
    assert!(
        !assault["provenance"].as_array().unwrap().is_empty(),
        "ENGINE: explain needs provenance"
    );
}

#[test]
fn extract_csv_carries_the_toll() {
    let sandbox = Sandbox::new();
    sandbox.write("report.txt", REPORT);
    let (code, stdout, stderr) = sandbox.run(&["extract", "--format", "csv", "report.txt"]);
    assert_eq!(code, 0, "{stderr}");
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let assault = rows
        .iter()
        .find(|row| &row[column("type")] == "ASSAULT")
        .expect("ENGINE: an ASSAULT row");
    assert_eq!(&assault[column("killed_min")], "12", "ENGINE");
    assert!(assault[column("evidence")].contains("shelled"), "ENGINE");
}

#[test]
fn stored_events_are_filtered_and_explained() {
    let sandbox = Sandbox::new();
    sandbox.write("report.txt", REPORT);
    let (code, _, stderr) = sandbox.run(&["ingest", "report.txt"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains(", 0 events"), "ENGINE: {stderr}");

    let listed = |filters: &[&str]| -> Vec<Value> {
        let mut args = vec!["events", "--format", "jsonl"];
        args.extend_from_slice(filters);
        let (code, stdout, stderr) = sandbox.run(&args);
        assert_eq!(code, 0, "{stderr}");
        stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let assaults = listed(&["--type", "assault"]);
    let assault = the_assault(&assaults); // ENGINE
    assert!(listed(&["--type", "assault", "--until", "2024-03-01"]).is_empty());
    assert!(
        !listed(&[
            "--type",
            "assault",
            "--since",
            "2024-03-05",
            "--until",
            "2024-03-05"
        ])
        .is_empty(),
        "ENGINE: dated"
    );
    assert!(
        !listed(&["--country", "COD"]).is_empty(),
        "ENGINE: placed in COD"
    );
    assert!(
        !listed(&["--place", "goma"]).is_empty(),
        "ENGINE: placed in Goma"
    );
    assert!(!listed(&["--source", "test wire"]).is_empty());
    assert!(listed(&["--source", "other outlet"]).is_empty());

    let id = assault["id"].as_str().unwrap();
    let (code, stdout, stderr) = sandbox.run(&["explain", id]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with(&format!("Event {id}\n")), "{stdout}");
    assert!(
        stdout.contains("  Rebels shelled the town of Goma"),
        "{stdout}"
    );
    assert!(
        stdout.contains("^~"),
        "ENGINE: field spans marked: {stdout}"
    );
    assert!(stdout.contains("\nFields\n"), "{stdout}");
    assert!(
        !stdout.contains("(no field evidence recorded)"),
        "ENGINE: {stdout}"
    );
    assert!(
        stdout.contains("\nRules\n    1. ") || stdout.contains("\nRules\n   1. "),
        "ENGINE: {stdout}"
    );

    let (code, stdout, _) = sandbox.run(&["explain", "--format", "json", id]);
    assert_eq!(code, 0);
    let explained: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(explained["event"]["id"], id);
    assert!(
        !explained["fields"].as_array().unwrap().is_empty(),
        "ENGINE"
    );
    assert!(
        !explained["sentences"][0]["marks"]
            .as_array()
            .unwrap()
            .is_empty(),
        "ENGINE"
    );
}

#[test]
fn reingesting_keeps_the_same_events() {
    let sandbox = Sandbox::new();
    sandbox.write("in/report.txt", REPORT);
    sandbox.write(
        "in/second.txt",
        "---\npublished: 2024-03-06\n---\nGovernment troops clashed with rebels near Goma on Monday.\n",
    );
    let (code, _, stderr) = sandbox.run(&["ingest", "in"]);
    assert_eq!(code, 0, "{stderr}");
    let first = sandbox.event_count();
    assert!(first > 0, "ENGINE: events stored");
    let (code, _, stderr) = sandbox.run(&["ingest", "in"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("(0 new, 0 updated, 2 unchanged), 0 events"),
        "{stderr}"
    );
    assert_eq!(sandbox.event_count(), first);
    let (code, _, stderr) = sandbox.run(&["ingest", "--recode", "in"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&format!("(0 new, 2 updated, 0 unchanged), {first} event")),
        "{stderr}"
    );
    assert_eq!(sandbox.event_count(), first);
}

#[test]
fn a_missing_publication_date_is_warned_once_with_a_count() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "undated/a.txt",
        "Rebels shelled the town of Goma on Tuesday, the army said.\n",
    );
    sandbox.write(
        "undated/b.txt",
        "Troops shelled villages near Kidal on Friday, residents said.\n",
    );
    let (code, _, stderr) = sandbox.run(&["ingest", "undated"]);
    assert_eq!(code, 0, "{stderr}");
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:") && l.contains("publication date"))
        .collect();
    assert_eq!(
        warnings.len(),
        1,
        "ENGINE: one note for both articles: {stderr}"
    );
    assert!(
        warnings[0].contains("(2 times; first at undated/"),
        "ENGINE: {stderr}"
    );
}

#[test]
fn the_demo_finds_events_in_the_samples() {
    let sandbox = Sandbox::new();
    let (code, stdout, stderr) = sandbox.run(&["demo"]);
    assert_eq!(code, 0, "{stderr}");
    let events = sandbox.event_count();
    assert!(events > 0, "ENGINE: {stdout}");
    assert!(!stdout.contains("\nno events\n"), "ENGINE: {stdout}");
    assert!(
        !stdout.contains("observer explain <EVENT_ID>"),
        "ENGINE: a real id in the hint"
    );
    assert!(!stderr.contains("extraction failed"), "ENGINE: {stderr}");
}
