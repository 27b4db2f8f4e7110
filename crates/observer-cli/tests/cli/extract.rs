//! `observer extract`: every output format, stdin, skips; nothing is stored.

use crate::common::{SHELLING_REPORT, Sandbox};

const CSV_HEADER: [&str; 29] = [
    "id",
    "article_id",
    "type",
    "mode",
    "cameo",
    "date_start",
    "date_end",
    "date_precision",
    "source_name",
    "source_country",
    "source_role",
    "target_name",
    "target_country",
    "target_role",
    "place_name",
    "place_country",
    "place_admin1",
    "lat",
    "lon",
    "place_precision",
    "killed_min",
    "killed_max",
    "injured_min",
    "injured_max",
    "claimant",
    "stance",
    "negated",
    "hypothetical",
    "evidence",
];

#[test]
fn json_groups_events_under_their_article() {
    let sandbox = Sandbox::new();
    sandbox.write("report.txt", SHELLING_REPORT);
    let (code, stdout, stderr) = sandbox.run(&["extract", "report.txt"]);
    assert_eq!(code, 0, "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let items = value.as_array().unwrap();
    assert_eq!(items.len(), 1);
    let article = &items[0]["article"];
    assert_eq!(article["title"], "Rebels shell Marrowfield");
    assert_eq!(article["source"], "Test Wire");
    assert_eq!(article["published"], "2024-03-05");
    assert_eq!(article["url"], "https://example.test/marrowfield");
    assert!(article["id"].as_str().is_some_and(|id| !id.is_empty()));
    assert!(items[0]["events"].is_array());
    assert!(stdout.starts_with("[\n  {"), "pretty-printed: {stdout}");
    assert!(!sandbox.db().exists(), "extract must not store anything");
}

#[test]
fn command_line_metadata_reaches_the_article() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .observer(&[
            "extract",
            "--published",
            "October 20, 2020",
            "--source",
            "Desk",
            "--title",
            "Shelling",
            "--url",
            "https://example.test/x",
            "-",
        ])
        .write_stdin("Rebels shelled the town on Tuesday, the army said.\n")
        .output()
        .unwrap();
    assert!(output.status.success());
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let article = &value[0]["article"];
    assert_eq!(article["published"], "2020-10-20");
    assert_eq!(article["source"], "Desk");
    assert_eq!(article["title"], "Shelling");
    assert_eq!(article["url"], "https://example.test/x");
}

#[test]
fn jsonl_table_and_csv_outputs_are_well_formed() {
    let sandbox = Sandbox::new();
    sandbox.write("report.txt", SHELLING_REPORT);

    let (code, stdout, stderr) = sandbox.run(&["extract", "--format", "jsonl", "report.txt"]);
    assert_eq!(code, 0, "{stderr}");
    for line in stdout.lines() {
        let event: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(
            event["id"].is_string() && event["type"].is_string(),
            "{line}"
        );
    }

    let (code, stdout, stderr) = sandbox.run(&["extract", "--format", "table", "report.txt"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout == "no events\n" || (stdout.contains(" type ") && stdout.contains(" stance")),
        "{stdout}"
    );

    let (code, stdout, stderr) = sandbox.run(&["extract", "--format", "csv", "report.txt"]);
    assert_eq!(code, 0, "{stderr}");
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, CSV_HEADER);
    for record in reader.records() {
        assert_eq!(record.unwrap().len(), CSV_HEADER.len());
    }
}

#[test]
fn jsonl_input_is_read_by_content_or_by_flag() {
    let sandbox = Sandbox::new();
    let lines = concat!(
        r#"{"id":"x1","text":"Rebels shelled Marrowfield on Tuesday."}"#,
        "\n",
        r#"{"id":"x2","text":"Troops withdrew from Eastport."}"#,
        "\n"
    );
    sandbox.write("feed.data", lines);
    for args in [
        &["extract", "feed.data"][..],
        &["extract", "--input-format", "jsonl", "feed.data"],
    ] {
        let (code, stdout, stderr) = sandbox.run(args);
        assert_eq!(code, 0, "{stderr}");
        let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let ids: Vec<&str> = value
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["article"]["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["x1", "x2"], "{args:?}");
    }

    // Read as text, the same file is one article.
    let (code, stdout, _) = sandbox.run(&["extract", "--input-format", "text", "feed.data"]);
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value.as_array().unwrap().len(), 1);
}

#[test]
fn skips_are_reported_and_nothing_readable_fails() {
    let sandbox = Sandbox::new();
    sandbox.write("report.txt", SHELLING_REPORT);
    sandbox.write("empty.txt", "");
    let (code, stdout, stderr) = sandbox.run(&["extract", "report.txt", "empty.txt"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("extracted from 1 article; skipped 1:"),
        "{stderr}"
    );
    assert!(stderr.contains("  empty.txt "), "{stderr}");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let (code, _, stderr) = sandbox.run(&["extract", "empty.txt", "missing.txt"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("  missing.txt "), "{stderr}");
    assert!(
        stderr.contains("error: no article could be read"),
        "{stderr}"
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let sandbox = Sandbox::new();
    sandbox.write("report.txt", SHELLING_REPORT);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("observer"))
        .current_dir(sandbox.dir.path())
        .args(["extract", "--format", "csv", "report.txt"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
}
