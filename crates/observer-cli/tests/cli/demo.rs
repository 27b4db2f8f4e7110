//! `observer demo`: the embedded sample corpus into a fresh database.

use crate::common::Sandbox;
use std::path::Path;

/// The titles of the sample articles, read from the examples directory at test time.
fn sample_titles() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut titles = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).unwrap();
            let title = text
                .lines()
                .find_map(|line| line.strip_prefix("title:"))
                .unwrap_or_else(|| panic!("{} has no title", path.display()));
            titles.push(title.trim().to_string());
        }
    }
    titles
}

#[test]
fn demo_codes_the_samples_into_the_given_database() {
    let sandbox = Sandbox::new();
    let titles = sample_titles();
    assert!(!titles.is_empty());
    let (code, stdout, stderr) = sandbox.run(&["demo"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with(&format!(
            "Coded {} sample articles into {}",
            titles.len(),
            sandbox.db().display()
        )),
        "{stdout}"
    );
    for title in &titles {
        assert!(
            stdout.contains(&format!("  {title} — ")),
            "lacks {title}: {stdout}"
        );
    }
    assert!(stdout.contains("\nEvents\n"), "{stdout}");
    assert!(
        stdout.contains(&format!("observer events --db {}", sandbox.db().display())),
        "{stdout}"
    );
    assert!(stdout.contains("observer explain "), "{stdout}");

    // The per-article counts add up to what the database lists.
    let per_article: usize = stdout
        .lines()
        .filter(|line| {
            titles
                .iter()
                .any(|t| line.starts_with(&format!("  {t} — ")))
        })
        .map(|line| {
            let count = line.rsplit(": ").next().unwrap();
            count
                .split(' ')
                .next()
                .unwrap()
                .replace(',', "")
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert_eq!(per_article, sandbox.event_count());

    // A second demo into the same, now non-empty, database is refused.
    let (code, _, stderr) = sandbox.run(&["demo"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("not empty"), "{stderr}");
}

#[test]
fn demo_without_db_uses_a_kept_temporary_directory_and_ignores_observer_db() {
    let sandbox = Sandbox::new();
    let user_db = sandbox.path("users-own.db");
    let output = sandbox
        .bare()
        .env("OBSERVER_DB", &user_db)
        .arg("demo")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{stdout}");
    assert!(!user_db.exists(), "the demo must not touch OBSERVER_DB");

    let tmp = sandbox.path("tmp");
    let first_line = stdout.lines().next().unwrap();
    let db = first_line
        .split(" into ")
        .nth(1)
        .and_then(|rest| rest.rsplit_once(':'))
        .map(|(path, _)| path.to_string())
        .unwrap();
    assert!(
        Path::new(&db).starts_with(&tmp),
        "{db} not under {}",
        tmp.display()
    );
    assert!(Path::new(&db).exists(), "the demo database is kept");
}

#[test]
fn demo_accepts_an_empty_directory_or_file() {
    let sandbox = Sandbox::new();
    std::fs::create_dir(sandbox.path("empty-dir")).unwrap();
    let output = sandbox
        .bare()
        .args(["demo", "--db", "empty-dir"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("empty-dir/observer.db"), "{stdout}");
    assert!(sandbox.path("empty-dir/observer.db").exists());

    sandbox.write("empty.db", "");
    let output = sandbox
        .bare()
        .args(["--db", "empty.db", "demo"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(std::fs::metadata(sandbox.path("empty.db")).unwrap().len() > 0);
}
