//! `observer ingest`: new, unchanged and updated articles, bad inputs, stdin, exit codes.

use crate::common::{SHELLING_REPORT, Sandbox};

/// A directory of three text articles and a JSON Lines file with two good records.
fn corpus(sandbox: &Sandbox) -> String {
    sandbox.write("corpus/marrowfield.txt", SHELLING_REPORT);
    sandbox.write(
        "corpus/eastport.txt",
        "---\ntitle: Depot bombed\nsource: Other Herald\npublished: 2023-11-20\n---\n\
         Government aircraft bombed a fuel depot in Eastport on Sunday, officials said.\n",
    );
    sandbox.write(
        "corpus/nested/ceasefire.txt",
        "Both sides agreed to a ceasefire in the northern hills on Friday, a mediator said.\n",
    );
    sandbox.write(
        "corpus/feed.jsonl",
        concat!(
            r#"{"id":"feed-1","source":"Feed","published":"2024-01-02","text":"Protesters marched through the capital on Monday, police said."}"#,
            "\n",
            r#"{"id":"feed-2","source":"Feed","published":"2024-01-03","text":"Troops withdrew from two border villages overnight."}"#,
            "\n"
        ),
    );
    sandbox.path("corpus").to_string_lossy().into_owned()
}

#[test]
fn ingesting_twice_leaves_everything_unchanged() {
    let sandbox = Sandbox::new();
    let corpus = corpus(&sandbox);

    let (code, _, first) = sandbox.run(&["ingest", &corpus]);
    assert_eq!(code, 0, "{first}");
    assert!(
        first.contains("ingested 5 articles (5 new, 0 updated, 0 unchanged)"),
        "{first}"
    );
    assert!(first.contains("holds 5 articles"), "{first}");
    let events_after_first = sandbox.event_count();

    let (code, _, second) = sandbox.run(&["ingest", &corpus]);
    assert_eq!(code, 0, "{second}");
    assert!(
        second.contains("ingested 5 articles (0 new, 0 updated, 5 unchanged), 0 events"),
        "{second}"
    );
    assert!(second.contains("holds 5 articles"), "{second}");
    assert_eq!(sandbox.event_count(), events_after_first);
}

#[test]
fn revised_text_and_recode_update_in_place() {
    let sandbox = Sandbox::new();
    let file = sandbox.write("report.txt", SHELLING_REPORT);
    let file = file.to_string_lossy().into_owned();
    let (code, _, stderr) = sandbox.run(&["ingest", &file]);
    assert_eq!(code, 0, "{stderr}");

    // Same url and source, corrected text: the stored article is replaced, not duplicated.
    sandbox.write(
        "report.txt",
        SHELLING_REPORT.replace("12 civilians", "14 civilians"),
    );
    let (code, _, stderr) = sandbox.run(&["ingest", &file]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("(0 new, 1 updated, 0 unchanged)"),
        "{stderr}"
    );
    assert!(stderr.contains("holds 1 article,"), "{stderr}");

    let (code, _, stderr) = sandbox.run(&["ingest", "--recode", &file]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("(0 new, 1 updated, 0 unchanged)"),
        "{stderr}"
    );
    assert!(stderr.contains("holds 1 article,"), "{stderr}");
}

#[test]
fn duplicates_within_one_run_are_stored_once() {
    // Batch size 1 puts the duplicate in a later batch, 500 in the same one.
    for batch_size in ["500", "1"] {
        let sandbox = Sandbox::new();
        sandbox.write(
            "dups/a.txt",
            "Rebels shelled the town of Marrowfield on Tuesday.\n",
        );
        sandbox.write(
            "dups/b.txt",
            "Rebels shelled the town of Marrowfield on Tuesday.\n",
        );
        sandbox.write("dups/c.txt", "Talks resumed in Geneva on Monday.\n");
        let (code, _, stderr) = sandbox.run(&["ingest", "--batch-size", batch_size, "dups"]);
        assert_eq!(code, 0, "{stderr}");
        assert!(
            stderr.contains("ingested 3 articles (2 new, 0 updated, 1 unchanged)"),
            "batch size {batch_size}: {stderr}"
        );
        assert!(stderr.contains("holds 2 articles"), "{stderr}");
    }
}

#[test]
fn a_revision_of_an_article_coded_in_the_previous_batch_replaces_it() {
    // With batch size 1, "a" is coded and waits to be saved while its revision comes in.
    let sandbox = Sandbox::new();
    sandbox.write(
        "feed.jsonl",
        concat!(
            r#"{"id":"a","text":"Rebels shelled the town of Marrowfield on Tuesday."}"#,
            "\n",
            r#"{"id":"b","text":"Talks resumed in Geneva on Monday."}"#,
            "\n",
            r#"{"id":"a","text":"Rebels shelled the town of Eastport on Tuesday."}"#,
            "\n",
            r#"{"id":"a","text":"Rebels shelled the town of Eastport on Tuesday."}"#,
            "\n"
        ),
    );
    let (code, _, stderr) = sandbox.run(&["ingest", "--batch-size", "1", "feed.jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("ingested 4 articles (2 new, 1 updated, 1 unchanged)"),
        "{stderr}"
    );
    assert!(stderr.contains("holds 2 articles"), "{stderr}");
    let (code, stdout, stderr) = sandbox.run(&["events", "--article", "a", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Eastport"), "{stdout}");
    assert!(!stdout.contains("Marrowfield"), "{stdout}");
}

#[test]
fn a_malformed_jsonl_line_is_reported_and_the_rest_ingested() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "feed.jsonl",
        concat!(
            r#"{"id":"a","text":"Rebels shelled Marrowfield on Tuesday."}"#,
            "\n",
            "{this is not json\n",
            r#"{"id":"c","text":"Troops withdrew from Eastport."}"#,
            "\n"
        ),
    );
    let (code, _, stderr) = sandbox.run(&["ingest", "feed.jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("ingested 2 articles (2 new"), "{stderr}");
    assert!(stderr.contains("; skipped 1:"), "{stderr}");
    assert!(stderr.contains("\n  feed.jsonl:2 "), "{stderr}");
    assert!(stderr.contains("holds 2 articles"), "{stderr}");
}

#[test]
fn bad_files_are_skipped_by_name_while_good_ones_are_stored() {
    let sandbox = Sandbox::new();
    sandbox.write("mixed/good.txt", "Rebels shelled Marrowfield on Tuesday.\n");
    sandbox.write(
        "mixed/latin1.txt",
        b"Caf\xe9 bombed in Eastport \xff\xfe.\n",
    );
    sandbox.write("mixed/empty.txt", "");
    let (code, _, stderr) = sandbox.run(&["ingest", "mixed"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("ingested 1 article (1 new"), "{stderr}");
    assert!(stderr.contains("skipped 2:"), "{stderr}");
    assert!(stderr.contains("  mixed/latin1.txt "), "{stderr}");
    assert!(stderr.contains("  mixed/empty.txt "), "{stderr}");
}

#[test]
fn nothing_readable_fails_with_the_reasons() {
    for (name, contents) in [
        ("empty.txt", &b""[..]),
        ("latin1.txt", &b"Caf\xe9 \xff\xfe\n"[..]),
    ] {
        let sandbox = Sandbox::new();
        sandbox.write(name, contents);
        let (code, _, stderr) = sandbox.run(&["ingest", name]);
        assert_eq!(code, 1, "{name}: {stderr}");
        assert!(stderr.contains("ingested 0 articles"), "{stderr}");
        assert!(stderr.contains(&format!("  {name} ")), "{stderr}");
    }
}

#[test]
fn missing_and_unreadable_paths_are_named() {
    let sandbox = Sandbox::new();
    let (code, _, stderr) = sandbox.run(&["ingest", "no-such-file.txt"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("skipped 1:"), "{stderr}");
    assert!(stderr.contains("  no-such-file.txt "), "{stderr}");

    // A path through a regular file cannot be read, even by root.
    sandbox.write("plain.txt", "Rebels shelled Marrowfield.\n");
    let (code, _, stderr) = sandbox.run(&["ingest", "plain.txt/inner.txt"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("  plain.txt/inner.txt "), "{stderr}");

    // With a good input beside it, the run succeeds and names the bad path.
    let (code, _, stderr) = sandbox.run(&["ingest", "plain.txt", "no-such-file.txt"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("ingested 1 article (1 new"), "{stderr}");
    assert!(stderr.contains("  no-such-file.txt "), "{stderr}");
}

#[test]
fn strict_fails_on_any_skip_but_stores_the_rest() {
    let sandbox = Sandbox::new();
    sandbox.write("in/good.txt", "Rebels shelled Marrowfield on Tuesday.\n");
    sandbox.write("in/empty.txt", "");
    let (code, _, stderr) = sandbox.run(&["ingest", "--strict", "in"]);
    assert_eq!(code, 4, "{stderr}");
    assert!(stderr.contains("  in/empty.txt "), "{stderr}");
    assert!(stderr.contains("holds 1 article,"), "{stderr}");

    let (code, _, stderr) = sandbox.run(&["ingest", "--strict", "in/good.txt"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn stdin_is_read_with_the_given_metadata() {
    let sandbox = Sandbox::new();
    let text = "Rebels shelled the town of Marrowfield on Tuesday, the army said.\n";
    let ingest = |sandbox: &Sandbox| {
        let output = sandbox
            .observer(&[
                "ingest",
                "--source",
                "Test Wire",
                "--published",
                "2024-03-05",
                "-",
            ])
            .write_stdin(text)
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8(output.stderr).unwrap(),
        )
    };
    let (code, stderr) = ingest(&sandbox);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("ingested 1 article (1 new"), "{stderr}");
    let (code, stderr) = ingest(&sandbox);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("(0 new, 0 updated, 1 unchanged)"),
        "{stderr}"
    );

    let output = sandbox
        .observer(&["ingest", "--format", "jsonl", "-"])
        .write_stdin("{\"id\":\"s1\",\"text\":\"Troops withdrew.\"}\n")
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("holds 2 articles"), "{stderr}");
}

#[test]
fn bad_option_values_are_clean_usage_errors() {
    let sandbox = Sandbox::new();
    sandbox.write("a.txt", "Rebels shelled Marrowfield.\n");
    for args in [
        &["ingest", "--published", "not-a-date", "a.txt"][..],
        &["ingest", "--published", "2024-02-30", "a.txt"],
        &["ingest", "--published", "2199-01-01", "a.txt"],
        &["ingest", "--batch-size", "0", "a.txt"],
        &["ingest", "--format", "xml", "a.txt"],
    ] {
        let (code, stdout, stderr) = sandbox.run(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty());
        assert!(
            stderr.starts_with("error: invalid value"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    assert!(
        !sandbox.db().exists(),
        "a usage error must not create the database"
    );
}

#[test]
fn quiet_prints_only_skips() {
    let sandbox = Sandbox::new();
    sandbox.write("in/good.txt", "Rebels shelled Marrowfield on Tuesday.\n");
    let (code, _, stderr) = sandbox.run(&["--quiet", "ingest", "in"]);
    assert_eq!(code, 0);
    assert_eq!(stderr, "");

    sandbox.write("in/empty.txt", "");
    let (code, _, stderr) = sandbox.run(&["ingest", "-q", "in"]);
    assert_eq!(code, 0);
    assert_eq!(stderr, "skipped 1:\n  in/empty.txt empty article\n");
}

#[test]
fn the_default_database_lives_in_the_data_directory() {
    let sandbox = Sandbox::new();
    sandbox.write("a.txt", "Rebels shelled Marrowfield on Tuesday.\n");
    let output = sandbox.bare().args(["ingest", "a.txt"]).output().unwrap();
    assert!(output.status.success());
    assert!(sandbox.path("data/observer/observer.db").exists());

    let output = sandbox
        .bare()
        .env("OBSERVER_DB", sandbox.path("from-env.db"))
        .args(["ingest", "a.txt"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(sandbox.path("from-env.db").exists());
}

#[test]
fn an_unusable_database_is_an_error_naming_it() {
    let sandbox = Sandbox::new();
    sandbox.write("a.txt", "Rebels shelled Marrowfield on Tuesday.\n");
    sandbox.write(
        "not-a-db.db",
        "this is not an SQLite database, just text, long enough to tell",
    );
    let output = sandbox
        .bare()
        .args(["--db", "not-a-db.db", "ingest", "a.txt"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("not-a-db.db"), "{stderr}");
}

#[test]
fn a_server_database_url_is_refused_without_showing_its_password() {
    let sandbox = Sandbox::new();
    sandbox.write("a.txt", "Rebels shelled Marrowfield on Tuesday.\n");
    let output = sandbox
        .bare()
        .args([
            "--db",
            "postgres://me:hunter2@db.invalid/observer",
            "ingest",
            "a.txt",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("postgres://***@db.invalid/observer"),
        "{stderr}"
    );
    assert!(!stderr.contains("hunter2"), "{stderr}");
}
