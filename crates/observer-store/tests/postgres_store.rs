//! The PostgreSQL store and its work queue, on a throw-away server started by the test
//! (`observer_store::postgres::test_server`): the backend contract of `common`, then what is
//! particular to PostgreSQL. Without the PostgreSQL binaries these tests fail, saying so.

#[macro_use]
mod common;

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use common::{article, coded, event};
use observer_store::postgres::PostgresStore;
use observer_store::postgres::test_server::TestServer;
use observer_store::{
    Article, CodedBatch, EventFilter, EventType, Failure, Queue, QueueStats, Stats, Store,
    StoreError,
};

/// A new, empty database on the server this test process shares.
fn database() -> String {
    let server = TestServer::shared().unwrap_or_else(|problem| panic!("{problem}"));
    server
        .create_database()
        .unwrap_or_else(|problem| panic!("{problem}"))
}

fn store() -> PostgresStore {
    PostgresStore::open(&database()).unwrap()
}

backend_contract!(store);

/// The error and all its causes, as the CLI prints them.
fn chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut cause = error.source();
    while let Some(next) = cause {
        message = format!("{message}: {next}");
        cause = next.source();
    }
    message
}

#[test]
fn a_bad_article_fails_the_whole_batch() {
    let error = common::a_bad_article_fails_the_whole_batch(&mut store());
    assert!(matches!(error, StoreError::Postgres { .. }), "{error}");
    // PostgreSQL names the clashing key.
    assert!(chain(&error).contains("a1-0-0"), "{}", chain(&error));
}

#[test]
fn open_connects_by_url_and_reopens_saved_data() {
    let url = database();
    {
        let mut store = observer_store::open(&url).unwrap();
        store
            .save_batch(&[coded(
                article("a1", None, None, "Kept."),
                vec![event("a1", 0, EventType::Aid)],
            )])
            .unwrap();
    }
    // A second open finds the schema current and the data there.
    let store = observer_store::open(&url).unwrap();
    assert_eq!(
        store.stats().unwrap(),
        Stats {
            articles: 1,
            events: 1
        }
    );
    let port = TestServer::shared().unwrap().port();
    let missing = format!("postgres://observer:secret@127.0.0.1:{port}/no_such_database");
    let message = chain(&observer_store::open(&missing).err().unwrap());
    assert!(message.contains("no_such_database"), "{message}");
    assert!(!message.contains("secret"), "{message}");
}

#[test]
fn a_nul_character_is_refused_before_anything_is_written() {
    let mut store = store();
    let mut bad = article("a1", Some("Outlet"), None, "Text.");
    bad.title = Some("Title\0with a NUL".into());
    let batch = [
        coded(article("a0", None, None, "Fine."), vec![]),
        coded(bad.clone(), vec![]),
    ];
    let error = store.save_batch(&batch).unwrap_err();
    assert!(matches!(error, StoreError::Invalid { .. }), "{error}");
    assert!(error.to_string().contains("title"), "{error}");
    assert!(store.enqueue(&[bad]).is_err());
    assert_eq!(store.stats().unwrap(), Stats::default());
}

// ---- the work queue ----

/// `n` short articles `q0`, `q1`, ….
fn articles(n: usize) -> Vec<Article> {
    (0..n)
        .map(|i| article(&format!("q{i}"), Some("Wire"), None, &format!("Story {i}.")))
        .collect()
}

/// Codes every article into one event, as a worker would.
fn one_event_each(articles: Vec<Article>) -> CodedBatch {
    articles
        .into_iter()
        .map(|article| {
            let events = vec![event(&article.id, 0, EventType::Assault)];
            Ok(coded(article, events))
        })
        .collect()
}

fn ids(articles: &[Article]) -> Vec<String> {
    articles.iter().map(|a| a.id.clone()).collect()
}

#[test]
fn queued_articles_are_claimed_coded_and_committed_once() {
    let mut store = store();
    store.enqueue(&articles(5)).unwrap();
    assert_eq!(
        store.queue_stats().unwrap(),
        QueueStats {
            queued: 5,
            ..QueueStats::default()
        }
    );
    // Un-coded: no extractor version yet, so a plain ingest would code it.
    let stored = store.find_existing(&articles(1)[0]).unwrap().unwrap();
    assert_eq!(stored.extractor_version, "");
    assert_eq!(store.article("q3").unwrap(), Some(articles(5)[3].clone()));

    let mut claimed = Vec::new();
    let mut code = |batch: Vec<Article>| {
        claimed.extend(ids(&batch));
        one_event_each(batch)
    };
    assert_eq!(store.code_batch(3, &mut code).unwrap(), 3);
    assert_eq!(store.code_batch(3, &mut code).unwrap(), 2);
    assert_eq!(store.code_batch(3, &mut code).unwrap(), 0);
    // Oldest first, then by id.
    assert_eq!(claimed, ["q0", "q1", "q2", "q3", "q4"]);
    assert_eq!(
        store.queue_stats().unwrap(),
        QueueStats {
            coded: 5,
            ..QueueStats::default()
        }
    );
    assert_eq!(store.stats().unwrap().events, 5);
    assert_eq!(
        store.find_existing(&articles(1)[0]).unwrap().unwrap(),
        observer_store::StoredArticle {
            id: "q0".into(),
            text_hash: articles(1)[0].text_hash(),
            extractor_version: "test-1".into(),
        }
    );
}

#[test]
fn two_workers_never_claim_the_same_article() {
    let url = database();
    let mut first = PostgresStore::open(&url).unwrap();
    let mut second = PostgresStore::open(&url).unwrap();
    first.enqueue(&articles(10)).unwrap();

    let mut claimed_by_second = Vec::new();
    let mut claimed_by_first = Vec::new();
    // The second worker claims while the first holds its batch, uncommitted.
    first
        .code_batch(4, &mut |batch| {
            claimed_by_first = ids(&batch);
            second
                .code_batch(100, &mut |batch| {
                    claimed_by_second = ids(&batch);
                    one_event_each(batch)
                })
                .unwrap();
            one_event_each(batch)
        })
        .unwrap();
    assert_eq!(claimed_by_first.len(), 4);
    assert_eq!(claimed_by_second.len(), 6);
    let all: HashSet<_> = claimed_by_first.iter().chain(&claimed_by_second).collect();
    assert_eq!(all.len(), 10);
    assert_eq!(first.queue_stats().unwrap().coded, 10);
}

#[test]
fn a_batch_whose_worker_dies_returns_to_the_queue() {
    let url = database();
    let mut store = PostgresStore::open(&url).unwrap();
    store.enqueue(&articles(3)).unwrap();

    // A worker that panics mid-batch: its transaction is rolled back.
    let died = catch_unwind(AssertUnwindSafe(|| {
        store.code_batch(2, &mut |_| panic!("worker died"))
    }));
    assert!(died.is_err());
    // A worker whose connection goes away mid-batch: the server rolls back.
    let mut doomed = PostgresStore::open(&url).unwrap();
    let mut claimed = Vec::new();
    let _ = catch_unwind(AssertUnwindSafe(|| {
        doomed.code_batch(2, &mut |batch| {
            claimed = ids(&batch);
            panic!("killed")
        })
    }));
    drop(doomed);
    assert_eq!(claimed, ["q0", "q1"]);

    let mut store = PostgresStore::open(&url).unwrap();
    assert_eq!(store.queue_stats().unwrap().queued, 3);
    assert_eq!(store.code_batch(10, &mut one_event_each).unwrap(), 3);
    assert_eq!(
        store.stats().unwrap(),
        Stats {
            articles: 3,
            events: 3
        }
    );
}

#[test]
fn a_worker_must_answer_for_exactly_the_articles_it_claimed() {
    let mut store = store();
    store.enqueue(&articles(3)).unwrap();
    let error = store
        .code_batch(3, &mut |batch| {
            one_event_each(batch).into_iter().skip(1).collect()
        })
        .unwrap_err();
    assert!(error.to_string().contains("did not answer"), "{error}");
    let error = store
        .code_batch(3, &mut |batch| {
            let mut answers = one_event_each(batch);
            answers.push(Ok(coded(article("stranger", None, None, "?"), vec![])));
            answers
        })
        .unwrap_err();
    assert!(error.to_string().contains("stranger"), "{error}");
    // Nothing was saved; everything is still queued.
    assert_eq!(store.queue_stats().unwrap().queued, 3);
    assert_eq!(store.stats().unwrap().events, 0);
}

#[test]
fn an_article_that_cannot_be_coded_is_marked_failed_and_not_retried() {
    let mut store = store();
    store.enqueue(&articles(2)).unwrap();
    let claimed = store
        .code_batch(10, &mut |batch| {
            batch
                .into_iter()
                .map(|article| match article.id.as_str() {
                    "q1" => Err(Failure {
                        article_id: article.id,
                        reason: "extraction failed".into(),
                    }),
                    _ => Ok(coded(article, vec![])),
                })
                .collect()
        })
        .unwrap();
    assert_eq!(claimed, 2);
    assert_eq!(
        store.queue_stats().unwrap(),
        QueueStats {
            queued: 0,
            coded: 1,
            failed: 1
        }
    );
    assert_eq!(store.code_batch(10, &mut one_event_each).unwrap(), 0);
}

#[test]
fn re_queueing_keeps_events_of_the_same_text_and_drops_those_of_a_revised_one() {
    let mut store = store();
    store.enqueue(&articles(2)).unwrap();
    store.code_batch(10, &mut one_event_each).unwrap();

    let mut revised = articles(2);
    revised[1].text = "Story 1, revised.".into();
    store.enqueue(&revised).unwrap();
    assert_eq!(store.queue_stats().unwrap().queued, 2);
    let of = |id: &str| EventFilter {
        article_id: Some(id.into()),
        ..EventFilter::default()
    };
    assert_eq!(store.events(&of("q0")).unwrap().len(), 1);
    assert!(store.events(&of("q1")).unwrap().is_empty());
    assert_eq!(store.article("q1").unwrap(), Some(revised[1].clone()));

    // Re-coding replaces; nothing is doubled.
    store.code_batch(10, &mut one_event_each).unwrap();
    assert_eq!(
        store.stats().unwrap(),
        Stats {
            articles: 2,
            events: 2
        }
    );
}

#[test]
fn a_direct_save_takes_an_article_out_of_the_queue() {
    let mut store = store();
    store.enqueue(&articles(2)).unwrap();
    let first = articles(1).remove(0);
    store
        .save_batch(&[coded(first, vec![event("q0", 0, EventType::Aid)])])
        .unwrap();
    assert_eq!(
        store.queue_stats().unwrap(),
        QueueStats {
            queued: 1,
            coded: 1,
            failed: 0
        }
    );
    let mut claimed = Vec::new();
    store
        .code_batch(10, &mut |batch| {
            claimed = ids(&batch);
            one_event_each(batch)
        })
        .unwrap();
    assert_eq!(claimed, ["q1"]);
}
