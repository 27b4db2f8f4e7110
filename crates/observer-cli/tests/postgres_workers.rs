//! `observer ingest --enqueue` and `observer worker` on a PostgreSQL server that the test starts
//! itself (`observer_store::postgres::test_server`). Without the PostgreSQL binaries these tests
//! fail, saying what to install.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use observer_store::postgres::test_server::TestServer;

const ARTICLES: usize = 3000;

fn server() -> TestServer {
    TestServer::start().unwrap_or_else(|problem| panic!("{problem}"))
}

fn database(server: &TestServer) -> String {
    server
        .create_database()
        .unwrap_or_else(|problem| panic!("{problem}"))
}

/// `observer` with `args`, its environment kept from touching the user's database.
fn observer(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_observer"));
    command.args(args).env_remove("OBSERVER_DB");
    command
}

fn run(args: &[&str]) -> Output {
    observer(args).output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `n` short articles of wire copy, each coded into a couple of events.
fn write_articles(dir: &Path, n: usize) -> PathBuf {
    const ACTORS: [&str; 5] = [
        "Rebels",
        "Government troops",
        "Militants",
        "The army",
        "Insurgents",
    ];
    const VERBS: [&str; 4] = ["shelled", "attacked", "bombed", "raided"];
    const PLACES: [&str; 6] = ["Kharkiv", "Aleppo", "Idlib", "Mosul", "Goma", "Kabul"];
    let lines: Vec<String> = (0..n)
        .map(|i| {
            let text = format!(
                "{} {} a village near {} on Tuesday, killing {} civilians, officials said. \
                 Talks on a ceasefire are due next week, report {i}.",
                ACTORS[i % ACTORS.len()],
                VERBS[i / 5 % VERBS.len()],
                PLACES[i / 20 % PLACES.len()],
                i % 40 + 2
            );
            serde_json::json!({
                "id": format!("t{i:05}"),
                "source": "Test Wire",
                "published": format!("2024-03-{:02}", i % 28 + 1),
                "text": text,
            })
            .to_string()
        })
        .collect();
    let path = dir.join("articles.jsonl");
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

fn connect(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).unwrap()
}

fn count(client: &mut postgres::Client, sql: &str) -> i64 {
    client.query_one(sql, &[]).unwrap().get(0)
}

fn enqueue(url: &str, articles: &Path) {
    let output = run(&[
        "ingest",
        "--db",
        url,
        "--enqueue",
        articles.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
}

/// Worker processes, killed if the test ends before they do.
struct Workers(Vec<Child>);

impl Workers {
    fn start(urls: impl IntoIterator<Item = String>, batch_size: &str) -> Workers {
        Workers(
            urls.into_iter()
                .map(|url| {
                    observer(&[
                        "worker",
                        "--db",
                        &url,
                        "--drain",
                        "--batch-size",
                        batch_size,
                    ])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
                })
                .collect(),
        )
    }

    /// Waits for every worker to exit on its own, and asserts that each succeeded.
    fn wait_all(&mut self, deadline: Instant) {
        for child in &mut self.0 {
            while child.try_wait().unwrap().is_none() {
                assert!(Instant::now() < deadline, "a worker did not finish in time");
                sleep(Duration::from_millis(20));
            }
        }
        for child in self.0.drain(..) {
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "{}", stderr(&output));
        }
    }
}

impl Drop for Workers {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Event ids and article codings of a fully coded database.
fn coded_outcome(url: &str) -> (Vec<String>, i64) {
    let mut client = connect(url);
    let not_coded_once = count(
        &mut client,
        "SELECT count(*) FROM articles WHERE state <> 'coded' OR codings <> 1",
    );
    assert_eq!(
        not_coded_once, 0,
        "every article must be coded exactly once"
    );
    let articles = count(&mut client, "SELECT count(*) FROM articles");
    let events = client
        .query("SELECT id FROM events ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    (events, articles)
}

#[test]
fn four_workers_one_killed_mid_batch_code_every_article_exactly_once() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let articles = write_articles(dir.path(), ARTICLES);
    let alone = database(&server);
    let shared = database(&server);
    enqueue(&alone, &articles);
    enqueue(&shared, &articles);
    let mut observe = connect(&shared);
    assert_eq!(
        count(
            &mut observe,
            "SELECT count(*) FROM articles WHERE state = 'queued'"
        ),
        ARTICLES as i64
    );
    assert_eq!(count(&mut observe, "SELECT count(*) FROM events"), 0);

    // The reference: one worker alone.
    Workers::start([alone.clone()], "100").wait_all(Instant::now() + Duration::from_secs(120));

    // Four workers, each named so that its connection can be watched; the first is killed while
    // it holds a claimed batch (its transaction open after the claim, coding).
    let mut workers = Workers::start(
        (0..4).map(|i| format!("{shared}?application_name=worker{i}")),
        "100",
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let coding = count(
            &mut observe,
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'worker0'
             AND state = 'idle in transaction' AND query LIKE '%FOR UPDATE SKIP LOCKED%'",
        );
        if coding == 1 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "worker0 was never seen holding a batch"
        );
        sleep(Duration::from_millis(2));
    }
    let mut victim = workers.0.remove(0);
    victim.kill().unwrap();
    victim.wait().unwrap();
    let queued_at_kill = count(
        &mut observe,
        "SELECT count(*) FROM articles WHERE state = 'queued'",
    );
    assert!(queued_at_kill > 0);
    workers.wait_all(Instant::now() + Duration::from_secs(120));

    let (events_alone, articles_alone) = coded_outcome(&alone);
    let (events_shared, articles_shared) = coded_outcome(&shared);
    assert_eq!(articles_alone, ARTICLES as i64);
    assert_eq!(articles_shared, ARTICLES as i64);
    assert!(events_alone.len() >= ARTICLES, "{}", events_alone.len());
    assert_eq!(events_shared.len(), events_alone.len());
    assert_eq!(events_shared, events_alone);

    // Queueing the same articles again changes nothing: they are coded and unchanged.
    enqueue(&shared, &articles);
    assert_eq!(
        count(
            &mut observe,
            "SELECT count(*) FROM articles WHERE state = 'queued'"
        ),
        0
    );
}

#[test]
fn a_worker_stops_cleanly_on_sigterm_and_drains_nothing_when_nothing_is_queued() {
    let server = server();
    let url = database(&server);
    let drained = run(&["worker", "--db", &url, "--drain"]);
    assert!(drained.status.success(), "{}", stderr(&drained));
    assert!(stderr(&drained).contains("worker coded 0 articles"));

    let mut waiting = observer(&["worker", "--db", &url])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Let it connect and start waiting for work.
    let mut client = connect(&url);
    let deadline = Instant::now() + Duration::from_secs(30);
    while count(
        &mut client,
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'observer'",
    ) == 0
    {
        assert!(Instant::now() < deadline, "the worker never connected");
        sleep(Duration::from_millis(10));
    }
    assert!(
        waiting.try_wait().unwrap().is_none(),
        "it must keep waiting"
    );
    let signal = Command::new("kill")
        .args(["-TERM", &waiting.id().to_string()])
        .status()
        .unwrap();
    assert!(signal.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    while waiting.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "SIGTERM did not stop the worker");
        sleep(Duration::from_millis(10));
    }
    let output = waiting.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn sqlite_has_no_work_queue() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let db = db.to_str().unwrap();
    let articles = write_articles(dir.path(), 2);

    let enqueue = run(&[
        "ingest",
        "--db",
        db,
        "--enqueue",
        articles.to_str().unwrap(),
    ]);
    assert_eq!(enqueue.status.code(), Some(1));
    assert!(
        stderr(&enqueue).contains("--enqueue needs a database with a work queue"),
        "{}",
        stderr(&enqueue)
    );
    let worker = run(&["worker", "--db", db, "--drain"]);
    assert_eq!(worker.status.code(), Some(1));
    assert!(
        stderr(&worker).contains("needs a PostgreSQL database"),
        "{}",
        stderr(&worker)
    );
}
