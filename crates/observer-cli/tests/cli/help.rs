//! Every subcommand documents itself, with examples and exit codes.

use crate::common::Sandbox;

#[test]
fn every_subcommand_has_help_with_examples_and_exit_codes() {
    let sandbox = Sandbox::new();
    for sub in [
        None,
        Some("ingest"),
        Some("extract"),
        Some("events"),
        Some("explain"),
        Some("demo"),
    ] {
        for flag in ["--help", "-h"] {
            let mut cmd = sandbox.bare();
            cmd.args(sub).arg(flag);
            let output = cmd.output().unwrap();
            let help = String::from_utf8(output.stdout).unwrap();
            assert!(output.status.success(), "{sub:?} {flag}");
            assert!(help.contains("Usage: observer"), "{sub:?} {flag}: {help}");
            assert!(help.contains("Examples:"), "{sub:?} {flag}: {help}");
            assert!(help.contains("Exit status:"), "{sub:?} {flag}: {help}");
            assert!(help.contains("--db <PATH>"), "{sub:?} {flag}: {help}");
        }
    }
}

#[test]
fn help_names_the_flags_of_each_subcommand() {
    let sandbox = Sandbox::new();
    let expectations: [(&str, &[&str]); 5] = [
        (
            "ingest",
            &[
                "--published",
                "--source",
                "--url",
                "--title",
                "--format",
                "--strict",
                "--recode",
                "--batch-size",
            ],
        ),
        (
            "extract",
            &[
                "--published",
                "--input-format",
                "--format",
                "json",
                "jsonl",
                "table",
                "csv",
            ],
        ),
        (
            "events",
            &[
                "--since",
                "--until",
                "--actor",
                "--country",
                "--type",
                "--place",
                "--source",
                "--article",
                "--limit",
                "--format",
            ],
        ),
        ("explain", &["EVENT_ID", "--format"]),
        ("demo", &["fresh database", "OBSERVER_DB"]),
    ];
    for (sub, needles) in expectations {
        let output = sandbox.bare().args([sub, "--help"]).output().unwrap();
        let help = String::from_utf8(output.stdout).unwrap();
        for needle in needles {
            assert!(
                help.contains(needle),
                "`{sub} --help` lacks {needle}: {help}"
            );
        }
    }
}

#[test]
fn no_subcommand_and_unknown_options_are_usage_errors() {
    let sandbox = Sandbox::new();
    sandbox.bare().assert().code(2);
    sandbox
        .bare()
        .args(["ingest", "--no-such-flag", "x"])
        .assert()
        .code(2);
    sandbox.bare().args(["ingest"]).assert().code(2);
    sandbox.bare().arg("--version").assert().success();
}
