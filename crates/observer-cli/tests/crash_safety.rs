//! Crash safety and concurrency of the SQLite store under `observer ingest`:
//! - SIGKILL in the middle of a large ingest, then the same ingest again: no partial article (every
//!   stored article has all its events), no duplicate and no loss against an ingest never killed;
//! - two `observer ingest` processes (overlapping inputs, a fresh database) and readers at the
//!   same time: none fails, no "database is locked" reaches the user, and the result is the one a
//!   single sequential ingest gives.
//!
//! The corpora come from `observer gen-corpus`; a small `--batch-size` makes many transactions.

#[path = "common/mod.rs"]
mod common;

use common::Sandbox;
use observer_store::{EventFilter, Stats};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// Articles in each generated corpus: (seed, count).
const CORPORA: [(u64, u64); 2] = [(1, 240), (2, 120)];
const ARTICLES: u64 = 240 + 120;

/// What a database holds: its counts and, per article, its events as stored (JSON, by id).
#[derive(Debug, PartialEq, Eq)]
struct Snapshot {
    stats: Stats,
    events: BTreeMap<String, Vec<String>>,
}

fn snapshot(db: &Path) -> Snapshot {
    let store = observer_store::open(&db.to_string_lossy()).unwrap();
    let mut events: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for event in store.events(&EventFilter::default()).unwrap() {
        let json = serde_json::to_string(&event).unwrap();
        events.entry(event.article_id).or_default().push(json);
    }
    for list in events.values_mut() {
        list.sort();
    }
    Snapshot {
        stats: store.stats().unwrap(),
        events,
    }
}

/// The generated corpora (shared by the tests) and the snapshot of one uninterrupted ingest.
struct Reference {
    _dir: tempfile::TempDir,
    corpora: Vec<PathBuf>,
    snapshot: Snapshot,
}

fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let corpora: Vec<PathBuf> = CORPORA
            .iter()
            .map(|(seed, articles)| {
                let output = observer(&[
                    "gen-corpus",
                    "--seed",
                    &seed.to_string(),
                    "--articles",
                    &articles.to_string(),
                ])
                .output()
                .unwrap();
                assert!(output.status.success(), "{}", stderr(&output));
                let path = dir.path().join(format!("corpus-{seed}.jsonl"));
                std::fs::write(&path, output.stdout).unwrap();
                path
            })
            .collect();
        let db = dir.path().join("reference.db");
        let output = ingest(&db, &corpora).output().unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        let snapshot = snapshot(&db);
        assert_eq!(snapshot.stats.articles, ARTICLES);
        assert!(
            snapshot.stats.events > ARTICLES,
            "ENGINE: {:?}",
            snapshot.stats
        );
        Reference {
            _dir: dir,
            corpora,
            snapshot,
        }
    })
}

fn observer(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_observer"));
    command.args(args).env_remove("OBSERVER_DB");
    command
}

/// `observer --db DB ingest --batch-size 8 INPUTS...`.
fn ingest(db: &Path, inputs: &[PathBuf]) -> Command {
    let mut command = observer(&["--db", &db.to_string_lossy(), "ingest", "--batch-size", "8"]);
    command.args(inputs);
    command
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A child process that is killed if the test fails before it ends.
struct Running(Option<Child>);

impl Running {
    fn spawn(mut command: Command) -> Running {
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        Running(Some(child))
    }

    fn finished(&mut self) -> bool {
        let child = self.0.as_mut().unwrap();
        child.try_wait().unwrap().is_some()
    }

    fn output(mut self) -> Output {
        self.0.take().unwrap().wait_with_output().unwrap()
    }

    fn kill(mut self) {
        let mut child = self.0.take().unwrap();
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(child) = &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[test]
fn sigkill_mid_ingest_then_rerun_leaves_no_partial_article_no_duplicate_no_loss() {
    let reference = reference();
    let sandbox = Sandbox::new();
    let db = sandbox.db();

    let mut victim = Running::spawn(ingest(&db, &reference.corpora));
    let deadline = Instant::now() + Duration::from_secs(300);
    // Kill it once some batches are committed and many are still to come.
    loop {
        assert!(
            !victim.finished(),
            "the ingest ended before it could be killed"
        );
        assert!(
            Instant::now() < deadline,
            "the ingest stored nothing in time"
        );
        if db.exists() && snapshot(&db).stats.articles >= ARTICLES / 4 {
            break;
        }
        sleep(Duration::from_millis(25));
    }
    victim.kill();

    let killed = snapshot(&db);
    assert!(
        killed.stats.articles < ARTICLES,
        "killed too late: {:?}",
        killed.stats
    );
    // Every article stored so far has exactly the events the uninterrupted ingest gave it.
    for (article, events) in &killed.events {
        assert_eq!(
            Some(events),
            reference.snapshot.events.get(article),
            "{article}"
        );
    }
    let stored_events: usize = killed.events.values().map(Vec::len).sum();
    assert_eq!(killed.stats.events, stored_events as u64);

    let output = ingest(&db, &reference.corpora).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let message = stderr(&output);
    let resumed = format!(
        "({} new, 0 updated, {} unchanged)",
        ARTICLES - killed.stats.articles,
        killed.stats.articles
    );
    assert!(message.contains(&resumed), "{resumed}: {message}");
    assert_eq!(snapshot(&db), reference.snapshot);
}

#[test]
fn concurrent_ingests_and_readers_never_see_a_locked_database() {
    let reference = reference();
    let sandbox = Sandbox::new();
    let db = sandbox.db();

    // Both start on a database that does not exist yet, so they also race to create it.
    let (first, second) = (&reference.corpora[0], &reference.corpora[1]);
    let mut writers = [
        Running::spawn(ingest(&db, std::slice::from_ref(first))),
        Running::spawn(ingest(&db, &[second.clone(), first.clone()])),
    ];
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut reads = 0;
    while !writers.iter_mut().all(Running::finished) {
        assert!(
            Instant::now() < deadline,
            "the ingests did not finish in time"
        );
        if db.exists() {
            // A reader process, as `observer events` or a server would read.
            let output = observer(&["--db", &db.to_string_lossy(), "events", "--format", "jsonl"])
                .output()
                .unwrap();
            assert!(output.status.success(), "{}", stderr(&output));
            reads += 1;
        } else {
            sleep(Duration::from_millis(10));
        }
    }
    assert!(reads > 0, "no read overlapped the ingests");
    for writer in writers {
        let output = writer.output();
        let message = stderr(&output);
        assert!(output.status.success(), "{message}");
        assert!(!message.contains("locked"), "{message}");
    }
    assert_eq!(snapshot(&db), reference.snapshot);
}
