//! The SQLite store through its public API, as the CLI uses it: the backend contract of
//! `common`, then what is particular to SQLite (files, sharing a file, WAL).

#[macro_use]
mod common;

use common::{article, coded, event};
use observer_store::sqlite::SqliteStore;
use observer_store::{EventFilter, EventType, Stats, Store, StoreError};

fn store() -> SqliteStore {
    SqliteStore::open_in_memory().unwrap()
}

backend_contract!(store);

#[test]
fn a_bad_article_fails_the_whole_batch() {
    let error = common::a_bad_article_fails_the_whole_batch(&mut store());
    assert!(
        matches!(&error, StoreError::Save { article_id, .. } if article_id == "a3"),
        "{error}"
    );
}

/// The event JSON column holds valid JSON that SQL tools can read: escapes, non-ASCII text and
/// floats come back exactly (sonic-rs writes them as serde_json does, which the unit tests of
/// the stored form check byte for byte), and a quote that is not the article's text is kept.
#[test]
fn the_stored_event_json_keeps_escapes_non_ascii_text_and_floats() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("observer.db");
    let mut tricky = event("a1", 0, EventType::Protest);
    tricky.mode = Some("sit-in \"peaceful\"\\ne\\tw\ttab\nline\u{1}\u{1f}\u{7f}".into());
    tricky.evidence.text = "Protesters in Zürich chanted «Nein!» — 抗议 🚩 \r\n".into();
    tricky.rules = vec!["place:geonames:2657896".into(), "</script>\u{2028}".into()];
    tricky.place = Some(observer_model::Place {
        lat: Some(0.1 + 0.2),
        lon: Some(-1e-7),
        ..common::place("Zürich", Some("CHE"), None)
    });
    let plain = event("a1", 1, EventType::Consult);
    let mut store = SqliteStore::open(&path).unwrap();
    store
        .save_batch(&[coded(
            article("a1", None, None, "Text"),
            vec![tricky.clone(), plain.clone()],
        )])
        .unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let stored: String = conn
        .query_row(
            "SELECT json FROM events WHERE id = ?1",
            [&tricky.id],
            |row| row.get(0),
        )
        .unwrap();
    let stored: serde_json::Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(stored["mode"], tricky.mode.as_deref().unwrap());
    assert_eq!(stored["evidence"]["text"], tricky.evidence.text);
    assert_eq!(stored["rules"][1], "</script>\u{2028}");
    assert_eq!(stored["place"]["lat"].as_f64(), Some(0.1 + 0.2));
    assert_eq!(stored["place"]["lon"].as_f64(), Some(-1e-7));
    for expected in [tricky, plain] {
        assert_eq!(store.event(&expected.id).unwrap(), Some(expected));
    }
}

// ---- files, specs and sharing ----

#[test]
fn open_creates_parent_directories_and_reopens_saved_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/deeper/observer.db");
    let spec = format!("sqlite:{}", path.display());
    {
        let mut store = observer_store::open(&spec).unwrap();
        store
            .save_batch(&[coded(
                article("a1", None, None, "Kept."),
                vec![event("a1", 0, EventType::Aid)],
            )])
            .unwrap();
    }
    assert!(path.is_file());
    let store = observer_store::open(path.to_str().unwrap()).unwrap();
    assert_eq!(
        store.stats().unwrap(),
        Stats {
            articles: 1,
            events: 1
        }
    );

    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn a_blocked_directory_is_reported_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a directory").unwrap();
    let error = SqliteStore::open(&file.join("x.db")).unwrap_err();
    assert!(matches!(error, StoreError::CreateDir { .. }), "{error}");
    assert!(error.to_string().contains("a-file"), "{error}");
}

#[test]
fn two_stores_on_one_file_write_alternately() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let mut first = SqliteStore::open(&path).unwrap();
    let mut second = SqliteStore::open(&path).unwrap();
    for round in 0..10 {
        let (writer, reader) = if round % 2 == 0 {
            (&mut first, &second)
        } else {
            (&mut second, &first)
        };
        let id = format!("r{round}");
        writer
            .save_batch(&[coded(
                article(&id, None, None, &format!("Round {round}.")),
                vec![event(&id, 0, EventType::Aid)],
            )])
            .unwrap();
        assert!(reader.event(&format!("{id}-0-0")).unwrap().is_some());
    }
    assert_eq!(
        first.stats().unwrap(),
        Stats {
            articles: 10,
            events: 10
        }
    );
}

#[test]
fn two_stores_writing_at_once_wait_for_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.db");
    SqliteStore::open(&path).unwrap();
    let writers: Vec<_> = ["x", "y"]
        .into_iter()
        .map(|prefix| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = SqliteStore::open(&path).unwrap();
                for n in 0..25 {
                    let id = format!("{prefix}{n}");
                    let events = (0..5).map(|e| event(&id, e, EventType::Aid)).collect();
                    store
                        .save_batch(&[coded(article(&id, None, None, &id), events)])
                        .unwrap();
                    store.events(&EventFilter::default()).unwrap();
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    assert_eq!(
        SqliteStore::open(&path).unwrap().stats().unwrap(),
        Stats {
            articles: 50,
            events: 250
        }
    );
}

// ---- the search index, filled per batch ----

/// The ids of the articles whose title or text holds `word`.
fn searched(store: &SqliteStore, word: &str) -> Vec<String> {
    let filter = observer_store::ArticleFilter {
        text: Some(word.into()),
        ..Default::default()
    };
    let mut ids: Vec<String> = store
        .articles(&filter)
        .unwrap()
        .into_iter()
        .map(|found| found.id)
        .collect();
    ids.sort();
    ids
}

/// FTS5's own check that the index holds exactly the stored titles and texts.
fn assert_search_index_matches_articles(path: &std::path::Path) {
    rusqlite::Connection::open(path)
        .unwrap()
        .execute(
            "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .unwrap();
}

#[test]
fn the_search_index_follows_new_resaved_repeated_failed_and_deleted_articles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("search.db");
    let mut store = SqliteStore::open(&path).unwrap();
    let report = |id: &str, text: &str| article(id, Some("Coast Wire"), None, text);
    store
        .save_batch(&[
            coded(
                report("h1", "Fishermen protested the port closure in Mombasa."),
                vec![],
            ),
            coded(
                report("h2", "Police dispersed a rally outside the port."),
                vec![],
            ),
        ])
        .unwrap();
    assert_eq!(searched(&store, "port"), ["h1", "h2"]);

    // Saved again with new text, twice in one batch (the last copy stands), beside a new one.
    store
        .save_batch(&[
            coded(
                report("h1", "The ministry reopened the harbour to trawlers."),
                vec![],
            ),
            coded(
                report("h3", "Dockers in Dar es Salaam joined the strike."),
                vec![],
            ),
            coded(
                report("h1", "The ministry reopened the harbour on Friday."),
                vec![],
            ),
        ])
        .unwrap();
    assert_eq!(searched(&store, "port"), ["h2"]);
    assert!(searched(&store, "trawlers").is_empty());
    assert_eq!(searched(&store, "harbour"), ["h1"]);
    assert_eq!(searched(&store, "strike"), ["h3"]);
    assert_search_index_matches_articles(&path);

    // A batch that fails leaves the index as it was.
    let stray = event("h2", 0, EventType::Protest);
    store
        .save_batch(&[
            coded(
                report("h4", "Students occupied the harbour office."),
                vec![],
            ),
            coded(report("h5", "A stray event."), vec![stray]),
        ])
        .unwrap_err();
    assert_eq!(searched(&store, "harbour"), ["h1"]);

    // An article deleted by hand leaves the index with it.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("DELETE FROM articles WHERE id = 'h3'", [])
        .unwrap();
    assert!(searched(&store, "strike").is_empty());
    assert_search_index_matches_articles(&path);
}

fn page_size(path: &std::path::Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .pragma_query_value(None, "page_size", |row| row.get(0))
        .unwrap()
}

#[test]
fn new_files_get_large_pages_and_older_files_keep_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let report = |id: &str| {
        article(
            id,
            Some("Harbour Post"),
            None,
            "Protesters marched on the port authority in Mombasa on Friday.",
        )
    };

    let new = dir.path().join("new.db");
    SqliteStore::open(&new)
        .unwrap()
        .save_batch(&[coded(
            report("n1"),
            vec![event("n1", 0, EventType::Protest)],
        )])
        .unwrap();
    assert_eq!(page_size(&new), 16 * 1024);

    // A file written with SQLite's default pages, as earlier releases made them.
    let old = dir.path().join("old.db");
    rusqlite::Connection::open(&old)
        .unwrap()
        .execute_batch("PRAGMA page_size = 4096; CREATE TABLE scratch (x); DROP TABLE scratch;")
        .unwrap();
    let mut store = SqliteStore::open(&old).unwrap();
    store
        .save_batch(&[coded(
            report("o1"),
            vec![event("o1", 0, EventType::Protest)],
        )])
        .unwrap();
    assert_eq!(page_size(&old), 4096);
    let found = store.event("o1-0-0").unwrap().unwrap();
    assert_eq!(found.event_type, EventType::Protest);
    assert_search_index_matches_articles(&old);
}

/// The indexes of the events table in the database at `path`, by name.
fn event_indexes(path: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut statement = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' \
             ORDER BY name",
        )
        .unwrap();
    statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A bulk load into a database without events builds the indexes that serve only reads at its
/// end; one cut short (the process killed before the end) leaves a database that answers the
/// same, and the next bulk load builds them first. A database with events keeps its indexes.
#[test]
fn a_bulk_load_builds_the_read_indexes_at_its_end_or_at_the_next_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("observer.db");
    let by_country = || EventFilter {
        country: Some("AZE".into()),
        ..EventFilter::default()
    };
    let mut store = SqliteStore::open(&path).unwrap();
    let all_indexes = event_indexes(&path);
    assert!(all_indexes.len() > 2, "{all_indexes:?}");

    store.begin_bulk_load().unwrap();
    common::filter_fixture(&mut store);
    let during = event_indexes(&path);
    assert!(during.contains(&"events_article".to_string()), "{during:?}");
    assert!(during.len() < all_indexes.len(), "{during:?}");
    let answer = common::matching(&store, by_country());
    assert_eq!(answer.len(), 3, "{answer:?}");
    drop(store);

    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(event_indexes(&path), during, "opening builds nothing");
    assert_eq!(common::matching(&store, by_country()), answer);

    store.begin_bulk_load().unwrap();
    assert_eq!(event_indexes(&path), all_indexes, "a database with events");
    store
        .save_batch(&[coded(
            article("d1", Some("Wire Service"), None, "D."),
            vec![event("d1", 0, EventType::Protest)],
        )])
        .unwrap();
    store.end_bulk_load().unwrap();
    assert_eq!(event_indexes(&path), all_indexes);
    assert_eq!(store.stats().unwrap().events, 6);

    let fresh = dir.path().join("fresh.db");
    let mut store = SqliteStore::open(&fresh).unwrap();
    store.begin_bulk_load().unwrap();
    common::filter_fixture(&mut store);
    store.end_bulk_load().unwrap();
    assert_eq!(event_indexes(&fresh), all_indexes);
    assert_eq!(common::matching(&store, by_country()), answer);
}
