//! `observer events`: filters, formats and bad values, over hand-made stored events.

use crate::common::{Sandbox, seeded_articles};

fn seeded() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.seed(seeded_articles());
    sandbox
}

/// The ids of the events listed with `filters`, as JSON Lines.
fn ids(sandbox: &Sandbox, filters: &[&str]) -> Vec<String> {
    let mut args = vec!["events", "--format", "jsonl"];
    args.extend_from_slice(filters);
    let (code, stdout, stderr) = sandbox.run(&args);
    assert_eq!(code, 0, "{filters:?}: {stderr}");
    stdout
        .lines()
        .map(|line| {
            let event: serde_json::Value = serde_json::from_str(line).unwrap();
            event["id"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn filters_narrow_the_listing() {
    let sandbox = seeded();
    let mut all = ids(&sandbox, &[]);
    all.sort();
    assert_eq!(all, ["art-1-0-0", "art-1-1-0", "art-2-0-0"]);

    assert_eq!(ids(&sandbox, &["--type", "consult"]), ["art-1-1-0"]);
    assert_eq!(
        ids(&sandbox, &["--type", "ASSAULT", "--source", "other herald"]),
        ["art-2-0-0"]
    );
    assert_eq!(ids(&sandbox, &["--since", "2024-03-05"]), ["art-1-0-0"]);
    assert_eq!(ids(&sandbox, &["--until", "2023-12-31"]), ["art-2-0-0"]);
    assert_eq!(ids(&sandbox, &["--actor", "REBELS"]), ["art-1-0-0"]);
    assert_eq!(ids(&sandbox, &["--country", "bor"]), ["art-2-0-0"]);
    assert_eq!(ids(&sandbox, &["--place", "geneva"]), ["art-1-1-0"]);
    assert_eq!(ids(&sandbox, &["--article", "art-2"]), ["art-2-0-0"]);
    assert_eq!(ids(&sandbox, &["--limit", "1"]).len(), 1);
    assert!(ids(&sandbox, &["--type", "protest"]).is_empty());
}

#[test]
fn hostile_filter_strings_match_nothing_and_harm_nothing() {
    let sandbox = seeded();
    for hostile in [
        "'; DROP TABLE events; --",
        "\" OR 1=1 --",
        "%",
        "_",
        "art-1' OR '1'='1",
    ] {
        for flag in ["--actor", "--place", "--source", "--article"] {
            assert!(
                ids(&sandbox, &[flag, hostile]).is_empty(),
                "{flag} {hostile:?}"
            );
        }
    }
    assert_eq!(sandbox.event_count(), 3, "the events table survived");
}

#[test]
fn formats_show_the_event_fields() {
    let sandbox = seeded();

    let (code, stdout, _) = sandbox.run(&[
        "events",
        "--article",
        "art-1",
        "--type",
        "assault",
        "--format",
        "table",
    ]);
    assert_eq!(code, 0);
    for needle in [
        "id",
        "casualties",
        "art-1-0-0",
        "ASSAULT",
        "shelling",
        "Marrowfield, RUR",
        "12 civilian killed",
        "alleged",
    ] {
        assert!(stdout.contains(needle), "table lacks {needle}: {stdout}");
    }

    let (code, stdout, _) = sandbox.run(&["events", "--format", "json"]);
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value.as_array().unwrap().len(), 3);
    assert!(
        value
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["id"].is_string() && e["provenance"].is_array())
    );

    let (code, stdout, _) = sandbox.run(&[
        "events",
        "--format",
        "csv",
        "--article",
        "art-1",
        "--type",
        "assault",
    ]);
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let field = |name: &str| {
        let i = header.iter().position(|h| h == name).unwrap();
        rows[0][i].to_string()
    };
    assert_eq!(field("id"), "art-1-0-0");
    assert_eq!(field("type"), "ASSAULT");
    assert_eq!(field("cameo"), "195");
    assert_eq!(field("date_start"), "2024-03-05");
    assert_eq!(field("date_precision"), "day");
    assert_eq!(field("source_name"), "Ruritanian rebels");
    assert_eq!(field("source_role"), "REB");
    assert_eq!(field("target_country"), "RUR");
    assert_eq!(field("place_admin1"), "North Province");
    assert_eq!(field("lat"), "45.5");
    assert_eq!(field("place_precision"), "city");
    assert_eq!(field("killed_min"), "12");
    assert_eq!(field("killed_max"), "12");
    assert_eq!(field("injured_min"), "");
    assert_eq!(field("claimant"), "Ruritanian army");
    assert_eq!(field("stance"), "alleged");
    assert_eq!(field("negated"), "false");
    assert!(field("evidence").starts_with("Rebels shelled the town of Marrowfield"));
}

#[test]
fn the_default_format_off_a_terminal_is_jsonl() {
    let sandbox = seeded();
    let (code, stdout, _) = sandbox.run(&["events"]);
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().count(), 3);
    for line in stdout.lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap();
    }
}

#[test]
fn bad_filter_values_are_usage_errors() {
    let sandbox = seeded();
    let (code, _, stderr) = sandbox.run(&["events", "--type", "bombard"]);
    assert_eq!(code, 2);
    for name in [
        "ACCUSE",
        "AGREE",
        "AID",
        "ASSAULT",
        "COERCE",
        "CONCEDE",
        "CONSULT",
        "COOPERATE",
        "MOBILIZE",
        "PROTEST",
        "REJECT",
        "REQUEST",
        "RETREAT",
        "SANCTION",
        "SUPPORT",
        "THREATEN",
    ] {
        assert!(stderr.contains(name), "{stderr}");
    }
    for args in [
        &["events", "--since", "yesterday"][..],
        &["events", "--country", "Ruritania"],
        &["events", "--limit", "-3"],
        &["events", "--format", "xml"],
    ] {
        let (code, _, stderr) = sandbox.run(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
    }
}

#[test]
fn a_missing_database_is_an_error_and_is_not_created() {
    let sandbox = Sandbox::new();
    let (code, stdout, stderr) = sandbox.run(&["events"]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(stderr.contains("does not exist"), "{stderr}");
    assert!(stderr.contains("test.db"), "{stderr}");
    assert!(!sandbox.db().exists());
}
