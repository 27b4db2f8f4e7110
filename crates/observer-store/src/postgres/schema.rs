//! The PostgreSQL schema and its forward-only migrations, tracked in the `observer_schema`
//! table.
//!
//! As for SQLite, migration `i` (0-based) takes a database from version `i` to `i + 1`, the list
//! is append only, and a database of a newer version is refused untouched. Migrations run in one
//! transaction under an advisory lock, so workers starting together on a fresh database do not
//! race, and a failed migration leaves the database as it was (PostgreSQL DDL is transactional).
//! The tables go into the first schema of the connection's `search_path` (`public` unless the
//! URL sets `options=-c search_path=…`).

use postgres::Client;

use crate::StoreError;

/// The key of the advisory lock that serialises migrations ("OBSV", like SQLite's
/// application id).
const MIGRATION_LOCK: i64 = 0x4f42_5356;

pub(crate) const MIGRATIONS: &[&str] = &[
    V1_ARTICLES_EVENTS_AND_QUEUE,
    V2_WATCHED_FEEDS_AND_ITEMS,
    V3_EVENT_CLUSTERS,
    V4_SEARCH_AND_EVENT_ORDER,
    V5_WITHOUT_EVENTS_DATE_INDEX,
    V6_COMPACT_EVENT_JSON,
];

/// Version 2, `observer watch`: per feed, the validators of its last response (for conditional requests);
/// per feed item, that it was handled, so that a restarted watch fetches and codes nothing twice.
const V2_WATCHED_FEEDS_AND_ITEMS: &str = "
CREATE TABLE watched_feeds (
    url           text PRIMARY KEY,
    etag          text,
    last_modified text,
    checked_at    timestamptz NOT NULL
);

CREATE TABLE watched_items (
    feed_url   text NOT NULL,
    item_key   text NOT NULL,             -- the item's guid or id, else its link
    article_id text,                      -- the article stored for it, if any
    seen_at    timestamptz NOT NULL,
    PRIMARY KEY (feed_url, item_key)
);
";

/// Version 3: which event cluster each event is in (as SQLite's version 4).
const V3_EVENT_CLUSTERS: &str = "
CREATE TABLE event_clusters (
    event_id   text COLLATE \"C\" PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    cluster_id text COLLATE \"C\" NOT NULL
);
CREATE INDEX event_clusters_cluster ON event_clusters (cluster_id);
";

/// Version 1: articles (with their place in the work queue) and the events coded from them.
///
/// The same tables as SQLite's version 1, in PostgreSQL types. Ids sort bytewise (`COLLATE "C"`)
/// as in SQLite. The queue columns: `state` is `queued` (waiting for a worker), `coded` or
/// `failed`; `extractor_version` is NULL until the article is coded; `codings` counts the
/// committed codings of the article, so that "coded exactly once" can be checked. Three columns
/// exist only for the filters, computed by Observer because PostgreSQL cannot call its case
/// folding: `source_folded`, `actor_search` and `place_search` (folded texts) and `countries`
/// (upper-case codes).
const V1_ARTICLES_EVENTS_AND_QUEUE: &str = "
CREATE TABLE articles (
    id                text COLLATE \"C\" PRIMARY KEY,
    source            text,
    url               text,
    published         date,
    title             text,
    text              text NOT NULL,
    lang              text,
    text_hash         text NOT NULL,       -- Article::text_hash (hex BLAKE3 of the text)
    extra             json NOT NULL DEFAULT '{}',
    extractor_version text,                -- NULL until coded
    ingested_at       timestamptz NOT NULL,-- the latest save or enqueue
    state             text NOT NULL CHECK (state IN ('queued', 'coded', 'failed')),
    queued_at         timestamptz,
    coded_at          timestamptz,
    codings           integer NOT NULL DEFAULT 0,
    failure           text,                -- why the latest coding failed
    source_folded     text
);
-- Lookups for find_existing. Deliberately not UNIQUE: the caller decides what is a duplicate.
CREATE INDEX articles_source_url ON articles (source, url);
CREATE INDEX articles_text_hash ON articles (text_hash);
-- The work queue: only waiting articles, oldest first.
CREATE INDEX articles_queue ON articles (queued_at, id) WHERE state = 'queued';

CREATE TABLE events (
    id               text COLLATE \"C\" PRIMARY KEY,
    article_id       text COLLATE \"C\" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    type             text NOT NULL,        -- PLOVER type, upper case
    mode             text,
    cameo            text NOT NULL,
    source_name      text,
    source_text      text,
    source_code      text,
    source_country   text,
    source_role      text,
    target_name      text,
    target_text      text,
    target_code      text,
    target_country   text,
    target_role      text,
    place_name       text,
    place_country    text,
    place_admin1     text,
    place_lat        double precision,
    place_lon        double precision,
    place_precision  text,
    date_start       date,                 -- inclusive
    date_end         date,
    date_precision   text,
    stance           text NOT NULL,
    claimant_name    text,
    claimant_text    text,
    claimant_code    text,
    claimant_country text,
    claimant_role    text,
    negated          boolean NOT NULL,
    hypothetical     boolean NOT NULL,
    background       boolean NOT NULL,
    actor_search     text[] NOT NULL,
    place_search     text[] NOT NULL,
    countries        text[] NOT NULL,
    json             json NOT NULL
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_date ON events (date_start, date_end);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_countries ON events USING gin (countries);
-- The event JSON is most of what is written: lz4 compresses it several times faster than the
-- default pglz, where the server has lz4 (PostgreSQL 14 and later, built with it).
DO $$ BEGIN
    EXECUTE 'ALTER TABLE events ALTER COLUMN json SET COMPRESSION lz4';
EXCEPTION WHEN feature_not_supported OR syntax_error THEN NULL;
END $$;
";

/// Version 4, for the server: indexes for the event list's order, the map and the timeline,
/// and full-text search over article titles and texts: a generated
/// `tsvector` with the `simple` configuration (lower-cased words, no stemming, as SQLite's FTS5
/// does) and its GIN index.
const V4_SEARCH_AND_EVENT_ORDER: &str = "
ALTER TABLE articles ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED;
CREATE INDEX articles_search ON articles USING gin (search);
-- The events order (undated last), so a page of the event list is read in order from the index
-- instead of sorting every matching event.
CREATE INDEX events_order ON events ((date_start IS NULL), date_start, article_id, id);
-- Covering indexes for the map (grouped by type and place) and the timeline (by day and type),
-- so that neither reads the events table, whose rows carry the event JSON.
CREATE INDEX events_map ON events (type, place_name, place_lat, place_lon, place_precision,
                                   date_start, date_end, id);
CREATE INDEX events_timeline ON events (date_start, type, date_precision, date_end);
";

/// Version 5: `events_date` dropped, because every index costs each stored event a write and this
/// one serves no query: the date filters compare `coalesce(…)` expressions, and `events_order` and
/// `events_timeline` serve the orders and groups by date.
const V5_WITHOUT_EVENTS_DATE_INDEX: &str = "
DROP INDEX events_date;
";

/// Version 6: events are stored as compact JSON (as SQLite's version 8): nothing in the tables
/// changes, the version only makes an older Observer refuse a database it could not read.
const V6_COMPACT_EVENT_JSON: &str = "-- events.json may hold the compact form from now on";

/// Brings the database up to the last of `migrations`. An up-to-date database is only read.
pub(crate) fn migrate(
    client: &mut Client,
    target: &str,
    migrations: &[&str],
) -> Result<(), StoreError> {
    let pg_err = |error| StoreError::Postgres {
        target: target.to_string(),
        error,
    };
    if version(client, target, migrations)? == migrations.len() {
        return Ok(());
    }
    // A session lock taken before the transaction starts, so that the transaction sees the
    // catalog as the previous holder left it (a lock taken inside it would not refresh it).
    client
        .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
        .map_err(pg_err)?;
    let migrated = migrate_locked(client, target, migrations);
    let unlocked = client.execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK]);
    migrated?;
    unlocked.map(drop).map_err(pg_err)
}

/// Runs the pending migrations in one transaction, under the migration lock.
fn migrate_locked(
    client: &mut Client,
    target: &str,
    migrations: &[&str],
) -> Result<(), StoreError> {
    let pg_err = |error| StoreError::Postgres {
        target: target.to_string(),
        error,
    };
    let mut tx = client.transaction().map_err(pg_err)?;
    // Read again under the lock: another connection may have migrated meanwhile.
    let current = version(&mut tx, target, migrations)?;
    if current == 0 {
        tx.batch_execute("CREATE TABLE IF NOT EXISTS observer_schema (version integer NOT NULL)")
            .map_err(pg_err)?;
    }
    for (version, sql) in migrations
        .iter()
        .enumerate()
        .skip(current)
        .map(|(i, sql)| (i + 1, sql))
    {
        let recorded = i32::try_from(version).unwrap_or(i32::MAX);
        tx.batch_execute(sql)
            .and_then(|()| tx.execute("DELETE FROM observer_schema", &[]))
            .and_then(|_| {
                tx.execute(
                    "INSERT INTO observer_schema (version) VALUES ($1)",
                    &[&recorded],
                )
            })
            .map_err(|source| StoreError::Migration {
                path: target.to_string(),
                version,
                source: Box::new(source),
            })?;
    }
    tx.commit().map_err(pg_err)
}

/// The schema version of the database (0 when it has no Observer tables yet), refusing
/// versions newer than `migrations`.
fn version(
    client: &mut impl postgres::GenericClient,
    target: &str,
    migrations: &[&str],
) -> Result<usize, StoreError> {
    let pg_err = |error| StoreError::Postgres {
        target: target.to_string(),
        error,
    };
    let exists: bool = client
        .query_one("SELECT to_regclass('observer_schema') IS NOT NULL", &[])
        .and_then(|row| row.try_get(0))
        .map_err(pg_err)?;
    if !exists {
        return Ok(0);
    }
    let found: i32 = client
        .query_one("SELECT coalesce(max(version), 0) FROM observer_schema", &[])
        .and_then(|row| row.try_get(0))
        .map_err(pg_err)?;
    usize::try_from(found)
        .ok()
        .filter(|&version| version <= migrations.len())
        .ok_or(StoreError::SchemaTooNew {
            path: target.to_string(),
            found: i64::from(found),
            supported: migrations.len() as i64,
        })
}
