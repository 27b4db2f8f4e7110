//! The SQLite schema and its forward-only migrations, tracked in `PRAGMA user_version`.
//!
//! Migration `i` (0-based) takes a database from schema version `i` to `i + 1`. The list is append
//! only: a released migration is never edited, because databases out there already ran it. A
//! database whose version is beyond the list was written by a newer Observer and is refused
//! untouched.

use rusqlite::{Connection, TransactionBehavior};

use crate::StoreError;

/// `PRAGMA application_id` of Observer databases ("OBSV"), so a foreign SQLite file is refused.
pub(crate) const APPLICATION_ID: i64 = 0x4f42_5356;

pub(crate) const MIGRATIONS: &[&str] = &[
    V1_ARTICLES_AND_EVENTS,
    V2_EVENTS_WITHOUT_JSON_CHECK,
    V3_WATCHED_FEEDS_AND_ITEMS,
    V4_EVENT_CLUSTERS,
    V5_SEARCH_AND_EVENT_ORDER,
    V6_SEARCH_FILLED_PER_BATCH,
    V7_INDEXES_WITHOUT_NULL_KEYS,
    V8_COMPACT_EVENT_JSON,
];

/// Version 1: articles and the events coded from them.
///
/// The event JSON is the source of truth; the other event columns copy fields out of it so the
/// filters can use indexes. Later versions will add tables for mentions (one event as reported
/// across articles), claims (who asserts what about an event or a number) and truces with their
/// violations, each referencing `events(id)` or `articles(id)` with `ON DELETE CASCADE`.
const V1_ARTICLES_AND_EVENTS: &str = "
CREATE TABLE articles (
    id                TEXT PRIMARY KEY NOT NULL,
    source            TEXT,
    url               TEXT,
    published         TEXT,                -- ISO date, YYYY-MM-DD
    title             TEXT,
    text              TEXT NOT NULL,
    lang              TEXT,
    text_hash         TEXT NOT NULL,       -- Article::text_hash (hex BLAKE3 of the text)
    extra             TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extra)),
    extractor_version TEXT NOT NULL,
    ingested_at       TEXT NOT NULL        -- RFC 3339 UTC time of the latest save
) STRICT;
-- Lookups for find_existing. Deliberately not UNIQUE: the caller decides what is a duplicate.
CREATE INDEX articles_source_url ON articles (source, url);
CREATE INDEX articles_text_hash ON articles (text_hash);

CREATE TABLE events (
    id               TEXT PRIMARY KEY NOT NULL,
    article_id       TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    type             TEXT NOT NULL,        -- PLOVER type, upper case
    mode             TEXT,
    cameo            TEXT NOT NULL,
    source_name      TEXT,
    source_text      TEXT,
    source_code      TEXT,
    source_country   TEXT COLLATE NOCASE,
    source_role      TEXT,
    target_name      TEXT,
    target_text      TEXT,
    target_code      TEXT,
    target_country   TEXT COLLATE NOCASE,
    target_role      TEXT,
    place_name       TEXT,
    place_country    TEXT COLLATE NOCASE,
    place_admin1     TEXT,
    place_lat        REAL,
    place_lon        REAL,
    place_precision  TEXT,
    date_start       TEXT,                 -- ISO dates, inclusive
    date_end         TEXT,
    date_precision   TEXT,
    stance           TEXT NOT NULL,
    claimant_name    TEXT,
    claimant_text    TEXT,
    claimant_code    TEXT,
    claimant_country TEXT COLLATE NOCASE,
    claimant_role    TEXT,
    negated          INTEGER NOT NULL,
    hypothetical     INTEGER NOT NULL,
    background       INTEGER NOT NULL,
    json             TEXT NOT NULL CHECK (json_valid(json))
) STRICT;
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_date ON events (date_start, date_end);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_source_country ON events (source_country);
CREATE INDEX events_target_country ON events (target_country);
CREATE INDEX events_place_country ON events (place_country);
";

/// Version 2: the events table without its `json_valid(json)` check. Observer writes the JSON with
/// serde, so it is valid by construction, and re-parsing it cost a third of every insert.
/// SQLite cannot drop a check, so the table is rebuilt (the same columns, data and indexes).
const V2_EVENTS_WITHOUT_JSON_CHECK: &str = "
CREATE TABLE events_v2 (
    id               TEXT PRIMARY KEY NOT NULL,
    article_id       TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    type             TEXT NOT NULL,        -- PLOVER type, upper case
    mode             TEXT,
    cameo            TEXT NOT NULL,
    source_name      TEXT,
    source_text      TEXT,
    source_code      TEXT,
    source_country   TEXT COLLATE NOCASE,
    source_role      TEXT,
    target_name      TEXT,
    target_text      TEXT,
    target_code      TEXT,
    target_country   TEXT COLLATE NOCASE,
    target_role      TEXT,
    place_name       TEXT,
    place_country    TEXT COLLATE NOCASE,
    place_admin1     TEXT,
    place_lat        REAL,
    place_lon        REAL,
    place_precision  TEXT,
    date_start       TEXT,                 -- ISO dates, inclusive
    date_end         TEXT,
    date_precision   TEXT,
    stance           TEXT NOT NULL,
    claimant_name    TEXT,
    claimant_text    TEXT,
    claimant_code    TEXT,
    claimant_country TEXT COLLATE NOCASE,
    claimant_role    TEXT,
    negated          INTEGER NOT NULL,
    hypothetical     INTEGER NOT NULL,
    background       INTEGER NOT NULL,
    json             TEXT NOT NULL
) STRICT;
INSERT INTO events_v2 SELECT * FROM events;
DROP TABLE events;
ALTER TABLE events_v2 RENAME TO events;
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_date ON events (date_start, date_end);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_source_country ON events (source_country);
CREATE INDEX events_target_country ON events (target_country);
CREATE INDEX events_place_country ON events (place_country);
";

/// Version 3, `observer watch`: per feed, the validators of its last response (for conditional requests);
/// per feed item, that it was handled, so that a restarted watch fetches and codes nothing twice.
const V3_WATCHED_FEEDS_AND_ITEMS: &str = "
CREATE TABLE watched_feeds (
    url           TEXT PRIMARY KEY NOT NULL,
    etag          TEXT,
    last_modified TEXT,
    checked_at    TEXT NOT NULL           -- RFC 3339 UTC time of the last poll
) STRICT;

CREATE TABLE watched_items (
    feed_url   TEXT NOT NULL,
    item_key   TEXT NOT NULL,             -- the item's guid or id, else its link
    article_id TEXT,                      -- the article stored for it, if any
    seen_at    TEXT NOT NULL,
    PRIMARY KEY (feed_url, item_key)
) STRICT;
";

/// Version 4: which event cluster (one real-world event across articles) each event is in, as
/// `observer-ledger` resolved them; dropped with its event.
const V4_EVENT_CLUSTERS: &str = "
CREATE TABLE event_clusters (
    event_id   TEXT PRIMARY KEY NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    cluster_id TEXT NOT NULL
) STRICT;
CREATE INDEX event_clusters_cluster ON event_clusters (cluster_id);
";

/// Version 5, for the server: full-text search over article titles and texts (FTS5), an index
/// in the order of the event list, and covering indexes for the map and the timeline.
///
/// An external-content index over `articles`, kept in step by triggers (an upsert's update fires
/// the update trigger), and filled from the articles already stored. It is keyed by the articles'
/// rowid, which `VACUUM` may renumber: after a `VACUUM`, run
/// `INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')`.
const V5_SEARCH_AND_EVENT_ORDER: &str = "
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'rowid'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
-- The events order (undated last), so a page of the event list is read in order from the index
-- instead of sorting every matching event.
CREATE INDEX events_order ON events (date_start IS NULL, date_start, article_id, id);
-- Covering indexes for the map (grouped by type and place) and the timeline (by day and type),
-- so that neither reads the events table, whose rows carry the event JSON.
CREATE INDEX events_map ON events (type, place_name, place_lat, place_lon, place_precision,
                                   date_start, date_end, id);
CREATE INDEX events_timeline ON events (date_start, type, date_precision, date_end);
";

/// Version 6: the search index is filled by `save_batch` with one statement per batch rather than
/// by per-row triggers, and `events_date` is dropped.
///
/// FTS5 writes its pending terms to disk at every statement that touches it, so the insert and
/// update triggers wrote a small index segment per article and then merged them: a quarter of the
/// cost of saving a batch. The delete trigger stays, so deleting articles by hand keeps the index
/// right (nothing in Observer deletes articles). `events_date` serves no query: the date filters
/// compare `coalesce(…)` expressions, and `events_order` and `events_timeline` serve the orders
/// and groups by date. (`events_type` stays although `events_map` starts with the type: with
/// the country filter, the planner seeks (type, rowid) in it, which it cannot in `events_map`.)
const V6_SEARCH_FILLED_PER_BATCH: &str = "
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_update;
DROP INDEX events_date;
";

/// Version 7: the country indexes hold only events with that country, and the map's covering
/// index only located events.
///
/// Every index entry costs a B-tree insert when an event is saved, and a fifth to a third of
/// events have no country for one actor or no coordinates. The queries that use these indexes
/// compare the column with `=` (which implies `IS NOT NULL`) or, for the map, ask for
/// `place_lat IS NOT NULL AND place_lon IS NOT NULL`, so SQLite uses the partial indexes for
/// them exactly as it used the full ones: same plans, same answers, about 4 % fewer instructions
/// to save an event.
const V7_INDEXES_WITHOUT_NULL_KEYS: &str = "
DROP INDEX events_source_country;
DROP INDEX events_target_country;
DROP INDEX events_place_country;
DROP INDEX events_map;
CREATE INDEX events_source_country ON events (source_country) WHERE source_country IS NOT NULL;
CREATE INDEX events_target_country ON events (target_country) WHERE target_country IS NOT NULL;
CREATE INDEX events_place_country ON events (place_country) WHERE place_country IS NOT NULL;
CREATE INDEX events_map ON events (type, place_name, place_lat, place_lon, place_precision,
                                   date_start, date_end, id)
    WHERE place_lat IS NOT NULL AND place_lon IS NOT NULL;
";

/// Version 8: events are stored as compact JSON (`crate::stored_event`): without the quotes that
/// their article holds, the `null`s and the rules that the provenance repeats.
///
/// Nothing in the tables changes, and events stored in full still read as before; the version
/// only marks the databases that may hold compact events, so that an older Observer, which would
/// fail on every such event, refuses the database as a whole.
const V8_COMPACT_EVENT_JSON: &str = "-- events.json may hold the compact form from now on";

/// The indexes of the events table that only serve reads (the filters, the order of the event
/// list, the map and the timeline), as the latest migration leaves them. A load into a database
/// without events drops them and builds each once at the end (`SqliteStore::begin_bulk_load`):
/// updating them row by row touched most of their pages in every batch, and each batch wrote
/// those pages to the WAL and then to the database again. `events_article` (which the delete
/// of a re-coded article's events needs) and the primary key stay.
///
/// A test checks that these are the indexes of a new database, so a migration that changes one
/// must change it here too.
pub(crate) const READ_INDEXES: &[(&str, &str)] = &[
    ("events_type", "CREATE INDEX events_type ON events (type)"),
    (
        "events_source_country",
        "CREATE INDEX events_source_country ON events (source_country) \
         WHERE source_country IS NOT NULL",
    ),
    (
        "events_target_country",
        "CREATE INDEX events_target_country ON events (target_country) \
         WHERE target_country IS NOT NULL",
    ),
    (
        "events_place_country",
        "CREATE INDEX events_place_country ON events (place_country) \
         WHERE place_country IS NOT NULL",
    ),
    (
        "events_order",
        "CREATE INDEX events_order ON events (date_start IS NULL, date_start, article_id, id)",
    ),
    (
        "events_map",
        "CREATE INDEX events_map ON events (type, place_name, place_lat, place_lon, \
         place_precision, date_start, date_end, id) \
         WHERE place_lat IS NOT NULL AND place_lon IS NOT NULL",
    ),
    (
        "events_timeline",
        "CREATE INDEX events_timeline ON events (date_start, type, date_precision, date_end)",
    ),
];

/// The [`READ_INDEXES`] missing from the database: those a bulk load dropped and did not get to
/// build again (the process was killed or failed meanwhile).
pub(crate) fn missing_read_indexes(conn: &Connection) -> rusqlite::Result<Vec<&'static str>> {
    let mut statement = conn.prepare_cached(
        "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' AND name = ?1",
    )?;
    let mut missing = Vec::new();
    for &(name, sql) in READ_INDEXES {
        if !statement.exists([name])? {
            missing.push(sql);
        }
    }
    Ok(missing)
}

/// Brings the database up to the last of `migrations`. An up-to-date database is only read, so
/// opening one never waits for another connection's write. Otherwise all pending migrations run
/// in one immediate transaction, so two processes opening a new file at once do not both migrate
/// it, and a failed migration leaves the database as it was.
pub(crate) fn migrate(
    conn: &mut Connection,
    path: &str,
    migrations: &[&str],
) -> Result<(), StoreError> {
    let sqlite_err = |source| StoreError::Sqlite {
        path: path.to_string(),
        source,
    };
    if state(conn, path, migrations)?.is_current(migrations) {
        return Ok(());
    }
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sqlite_err)?;
    // Read again under the write lock: another connection may have migrated meanwhile.
    let state = state(&tx, path, migrations)?;
    for (version, sql) in migrations
        .iter()
        .enumerate()
        .skip(state.version)
        .map(|(i, sql)| (i + 1, sql))
    {
        tx.execute_batch(sql)
            .and_then(|()| tx.pragma_update(None, "user_version", version as i64))
            .map_err(|source| StoreError::Migration {
                path: path.to_string(),
                version,
                source: Box::new(source),
            })?;
    }
    if state.application_id != APPLICATION_ID {
        tx.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(sqlite_err)?;
    }
    tx.commit().map_err(sqlite_err)
}

/// Where a database stands: its schema version, and whether it was already marked as Observer's.
struct SchemaState {
    version: usize,
    application_id: i64,
}

impl SchemaState {
    fn is_current(&self, migrations: &[&str]) -> bool {
        self.version == migrations.len() && self.application_id == APPLICATION_ID
    }
}

/// Reads the schema state, refusing foreign databases and versions newer than `migrations`.
fn state(conn: &Connection, path: &str, migrations: &[&str]) -> Result<SchemaState, StoreError> {
    let read = |pragma| {
        conn.pragma_query_value(None, pragma, |row| row.get::<_, i64>(0))
            .map_err(|source| StoreError::Sqlite {
                path: path.to_string(),
                source,
            })
    };
    let application_id = read("application_id")?;
    if application_id != 0 && application_id != APPLICATION_ID {
        return Err(StoreError::NotObserver {
            path: path.to_string(),
            found: application_id,
        });
    }
    let found = read("user_version")?;
    let version = usize::try_from(found)
        .ok()
        .filter(|&version| version <= migrations.len())
        .ok_or(StoreError::SchemaTooNew {
            path: path.to_string(),
            found,
            supported: migrations.len() as i64,
        })?;
    Ok(SchemaState {
        version,
        application_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use crate::sqlite::SqliteStore;

    fn user_version(path: &std::path::Path) -> i64 {
        Connection::open(path)
            .unwrap()
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap()
    }

    /// A later schema version, as a future release would append it.
    const NEXT_FOR_TEST: &str = "
        ALTER TABLE events ADD COLUMN confidence REAL;
        CREATE TABLE truces (id TEXT PRIMARY KEY NOT NULL, agreed TEXT) STRICT;";

    fn save_one_article(store: &mut SqliteStore) {
        let article = crate::Article {
            id: "a1".into(),
            url: None,
            source: Some("Outlet".into()),
            published: None,
            title: None,
            text: "Some text.".into(),
            lang: None,
            extra: Default::default(),
        };
        store
            .save_batch(&[crate::Coded {
                article,
                events: vec![],
                extractor_version: "x1".into(),
            }])
            .unwrap();
    }

    #[test]
    fn an_earlier_version_is_migrated_forward_keeping_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let current = MIGRATIONS.len() as i64;
        // A database as the release before this one wrote it...
        drop(SqliteStore::open_with_migrations(&path, &MIGRATIONS[..1]).unwrap());
        write_version_1_data(&path);
        assert_eq!(user_version(&path), 1);
        // ...opened by this release, then by a later one that appends a version.
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(user_version(&path), current);
        let found = store
            .articles(&crate::ArticleFilter {
                text: Some("shelled".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(
            found.len(),
            1,
            "articles stored before search are searchable"
        );
        drop(store);
        let migrations = [MIGRATIONS, &[NEXT_FOR_TEST]].concat();
        let store = SqliteStore::open_with_migrations(&path, &migrations).unwrap();
        assert_eq!(user_version(&path), current + 1);
        assert_eq!(store.stats().unwrap().articles, 1);
        assert!(
            store
                .article(crate::schema_history::ARTICLE_ID)
                .unwrap()
                .is_some()
        );
        drop(store);

        // The current release then refuses the newer database instead of writing to it.
        let error = SqliteStore::open(&path).err().unwrap();
        assert!(
            matches!(
                error,
                StoreError::SchemaTooNew { found, supported, .. }
                    if found == current + 1 && supported == current
            ),
            "{error}"
        );
        let message = error.to_string();
        assert!(message.contains("old.db") && message.contains("newer Observer"));
        assert_eq!(user_version(&path), current + 1);
    }

    #[test]
    fn events_written_before_the_json_check_was_dropped_survive_the_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        drop(SqliteStore::open_with_migrations(&path, &MIGRATIONS[..1]).unwrap());
        write_version_1_data(&path);
        let insert = "INSERT INTO events (id, article_id, type, cameo, stance, negated, \
                      hypothetical, background, source_country, json) \
                      VALUES ('e1', 'v1-article', 'ASSAULT', '190', 'asserted', 0, 0, 0, 'ukr', '{}')";
        Connection::open(&path)
            .unwrap()
            .execute(insert, [])
            .unwrap();

        // Version 2 rebuilds the events table; later versions add their own indexes.
        drop(SqliteStore::open_with_migrations(&path, &MIGRATIONS[..2]).unwrap());
        let conn = Connection::open(&path).unwrap();
        let (id, country): (String, String) = conn
            .query_row(
                "SELECT id, source_country FROM events WHERE source_country = 'UKR'",
                [],
                |row| row.try_into(),
            )
            .unwrap();
        assert_eq!(
            (id.as_str(), country.as_str()),
            ("e1", "ukr"),
            "NOCASE kept"
        );
        let indexes: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' \
                 AND name LIKE 'events_%'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(indexes, 6);
        // Deleting the article still deletes its events: the foreign key came along.
        conn.execute_batch("PRAGMA foreign_keys = ON; DELETE FROM articles;")
            .unwrap();
        let left: i64 = conn
            .query_row("SELECT count(*) FROM events", [], |row| row.get(0))
            .unwrap();
        assert_eq!(left, 0);
    }

    /// Writes the version 1 fixture with version 1's columns.
    fn write_version_1_data(path: &std::path::Path) {
        use crate::schema_history::*;
        let conn = Connection::open(path).unwrap();
        conn.execute(
            "INSERT INTO articles (id, source, published, text, text_hash, extra,
                                   extractor_version, ingested_at)
             VALUES (?1, 'Test Wire', ?2, ?3, ?4, ?5, 'x1', '2024-03-06T10:00:00.000Z')",
            rusqlite::params![ARTICLE_ID, PUBLISHED, TEXT, TEXT_HASH, EXTRA],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO events (id, article_id, type, mode, cameo, source_country,
                                 target_country, place_name, place_country, date_start,
                                 date_end, stance, negated, hypothetical, background, json)
             VALUES (?1, ?2, 'ASSAULT', 'shelling', '194', 'COD', 'COD', 'Goma', 'COD',
                     '2024-03-05', '2024-03-05', 'alleged', 0, 0, 0, ?3)",
            rusqlite::params![EVENT_ID, ARTICLE_ID, EVENT_JSON],
        )
        .unwrap();
    }

    /// Every table, index and trigger of a database, as SQL.
    fn schema_of(path: &std::path::Path) -> Vec<(String, Option<String>)> {
        let conn = Connection::open(path).unwrap();
        let mut statement = conn
            .prepare("SELECT name, sql FROM sqlite_schema ORDER BY name")
            .unwrap();
        statement
            .query_map([], |row| row.try_into())
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// Generic over [`MIGRATIONS`], so it covers every version appended later: a database of each
    /// earlier version (holding data written by version 1) is migrated to the latest, ends with the
    /// schema of a new database, reads its old data back and takes new data; every older release
    /// then refuses it untouched, as migrations only go forward.
    #[test]
    fn every_earlier_version_migrates_forward_keeping_its_data() {
        let latest = MIGRATIONS.len();
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("fresh.db");
        drop(SqliteStore::open(&fresh).unwrap());
        for from in 0..=latest {
            let path = dir.path().join(format!("from-{from}.db"));
            drop(SqliteStore::open_with_migrations(&path, &MIGRATIONS[..from.min(1)]).unwrap());
            if from >= 1 {
                write_version_1_data(&path);
            }
            drop(SqliteStore::open_with_migrations(&path, &MIGRATIONS[..from]).unwrap());
            assert_eq!(user_version(&path), from as i64);

            let mut store = SqliteStore::open(&path).unwrap();
            assert_eq!(user_version(&path), latest as i64, "from version {from}");
            assert_eq!(schema_of(&path), schema_of(&fresh), "from version {from}");
            if from >= 1 {
                crate::schema_history::assert_version_1_data_reads_back(&store);
            }
            save_one_article(&mut store);
            assert_eq!(store.stats().unwrap().articles, 1 + u64::from(from >= 1));
            drop(store);

            for older in 0..latest {
                let error = SqliteStore::open_with_migrations(&path, &MIGRATIONS[..older])
                    .err()
                    .unwrap();
                assert!(matches!(error, StoreError::SchemaTooNew { .. }), "{error}");
            }
            assert_eq!(user_version(&path), latest as i64);
        }
    }

    /// [`READ_INDEXES`], which a bulk load drops and builds again, are the indexes the
    /// migrations leave, word for word.
    #[test]
    fn the_read_indexes_are_those_of_a_new_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fresh.db");
        drop(SqliteStore::open(&path).unwrap());
        let schema = schema_of(&path);
        let words = |sql: &str| sql.split_whitespace().collect::<Vec<_>>().join(" ");
        for &(name, sql) in READ_INDEXES {
            let found = schema.iter().find(|(found, _)| found == name);
            let found = found.and_then(|(_, sql)| sql.as_deref()).map(words);
            assert_eq!(found, Some(words(sql)), "{name}");
        }
    }

    #[test]
    fn an_empty_file_is_migrated_from_version_zero() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.db");
        drop(Connection::open(&path).unwrap());
        assert_eq!(user_version(&path), 0);
        let mut store = SqliteStore::open(&path).unwrap();
        save_one_article(&mut store);
        assert_eq!(user_version(&path), MIGRATIONS.len() as i64);
    }

    #[test]
    fn a_failing_migration_leaves_the_database_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let mut store = SqliteStore::open(&path).unwrap();
        save_one_article(&mut store);
        drop(store);

        let broken = "CREATE TABLE claims (id TEXT); ALTER TABLE no_such_table ADD COLUMN x;";
        let migrations = [MIGRATIONS, &[broken]].concat();
        let error = SqliteStore::open_with_migrations(&path, &migrations)
            .err()
            .unwrap();
        assert!(
            matches!(error, StoreError::Migration { version, .. } if version == MIGRATIONS.len() + 1),
            "{error}"
        );
        assert_eq!(user_version(&path), MIGRATIONS.len() as i64);
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.stats().unwrap().articles, 1);
        let claims_tables: i64 = Connection::open(&path)
            .unwrap()
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'claims'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(claims_tables, 0);
    }

    #[test]
    fn a_foreign_sqlite_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", 1234).unwrap();
        drop(conn);
        let error = SqliteStore::open(&path).err().unwrap();
        assert!(matches!(error, StoreError::NotObserver { .. }), "{error}");
    }
}
