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

pub(crate) const MIGRATIONS: &[&str] = &[V1_ARTICLES_AND_EVENTS];

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
    const V2_FOR_TEST: &str = "
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
        // A database as the current release writes it...
        let latest = MIGRATIONS.len() as i64;
        let mut store = SqliteStore::open(&path).unwrap();
        save_one_article(&mut store);
        drop(store);
        assert_eq!(user_version(&path), latest);

        // ...opened by a release that appends a version.
        let migrations = [MIGRATIONS, &[V2_FOR_TEST]].concat();
        let store = SqliteStore::open_with_migrations(&path, &migrations).unwrap();
        assert_eq!(user_version(&path), latest + 1);
        assert_eq!(store.stats().unwrap().articles, 1);
        assert!(store.article("a1").unwrap().is_some());
        drop(store);

        // The current release then refuses the newer database instead of writing to it.
        let error = SqliteStore::open(&path).err().unwrap();
        assert!(
            matches!(
                error,
                StoreError::SchemaTooNew { found, supported, .. }
                    if found == latest + 1 && supported == latest
            ),
            "{error}"
        );
        let message = error.to_string();
        assert!(message.contains("old.db") && message.contains("newer Observer"));
        assert_eq!(user_version(&path), latest + 1);
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
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
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
        let latest = MIGRATIONS.len();
        assert!(
            matches!(error, StoreError::Migration { version, .. } if version == latest + 1),
            "{error}"
        );
        assert_eq!(user_version(&path), latest as i64);
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
