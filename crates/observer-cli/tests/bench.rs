//! `observer gen-corpus` and `observer bench` from the command line: the corpus is deterministic
//! and ingestible, and the benchmark reports every stage. Speed itself is never asserted.

use assert_cmd::Command;

fn observer() -> Command {
    let mut cmd = Command::cargo_bin("observer").unwrap();
    cmd.env_remove("OBSERVER_DB");
    cmd
}

fn gen_corpus(articles: &str, seed: &str) -> Vec<u8> {
    let out = observer()
        .args(["gen-corpus", "--articles", articles, "--seed", seed])
        .output()
        .unwrap();
    assert!(out.status.success());
    out.stdout
}

#[test]
fn gen_corpus_is_deterministic_jsonl() {
    let corpus = gen_corpus("25", "9");
    assert_eq!(corpus, gen_corpus("25", "9"));
    assert_ne!(corpus, gen_corpus("25", "10"));
    let text = String::from_utf8(corpus).unwrap();
    assert_eq!(text.lines().count(), 25);
    for line in text.lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        for field in ["id", "url", "source", "published", "title", "text"] {
            assert!(record[field].is_string(), "{field} missing in {line}");
        }
    }
}

#[test]
fn bench_reports_every_stage_on_one_and_two_threads() {
    let out = observer()
        .args(["bench", "--generate", "12", "--threads", "2"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("12 articles"), "{stdout}");
    assert!(stdout.contains("start-up"), "{stdout}");
    for stage in [
        "segmentation + tokens",
        "extraction",
        "storage (SQLite)",
        "end to end (input -> SQLite)",
    ] {
        for threads in [1, 2] {
            let row = stdout.lines().find(|l| {
                l.starts_with(stage)
                    && l[stage.len()..].split_whitespace().next() == Some(&threads.to_string())
            });
            assert!(
                row.is_some(),
                "no {stage} row for {threads} threads in\n{stdout}"
            );
        }
    }
    for layer in [
        "actors",
        "places",
        "time",
        "quantities",
        "attribution",
        "triggers",
        "frame",
    ] {
        assert!(
            stdout.lines().any(|l| l.starts_with(layer)),
            "no {layer} layer in\n{stdout}"
        );
    }
    assert!(stdout.contains("peak resident"), "{stdout}");
}

#[test]
fn bench_refuses_standard_input() {
    let out = observer().args(["bench", "-"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not -"));
}
