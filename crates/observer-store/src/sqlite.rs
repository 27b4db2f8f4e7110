//! The SQLite backend: one database file (or memory) per [`SqliteStore`].
//!
//! Connections run in WAL mode with foreign keys on and a busy timeout, so the CLI and a server
//! can share one file: readers never block the writer, and a second writer waits its turn
//! instead of failing with "database is locked".

mod filter;
mod schema;

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;
use std::time::Duration;

use chrono::{Datelike, NaiveDate, SecondsFormat, Utc};
use rusqlite::config::DbConfig;
use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::{ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};

use crate::columns::{
    ColumnValue, EVENT_COLUMNS, EventColumns, event_column_list, fold, stray_event,
};
use crate::stored_event::{StoredEvent, read_events};
use crate::{
    Article, ArticleFilter, ArticleSummary, Coded, DayCount, Event, EventFilter, EventType,
    FeedValidators, MapPoint, Stats, Store, StoreError, StoredArticle,
};

/// How long a connection waits for another one's write lock before giving up. A batch commits in
/// well under a second; the margin covers a loaded machine, so "database is locked" only ever
/// means a process that is stuck.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The page size of new databases, in bytes.
const PAGE_SIZE: i64 = 16 * 1024;

/// The page cache of each connection, in KiB.
const CACHE_KIB: i64 = 16 * 1024;

/// A [`Store`] kept in one SQLite database.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    /// The database file as given, for error messages (`:memory:` when in memory).
    path: String,
    /// A bulk load dropped the [`schema::READ_INDEXES`], to build them at its end.
    indexes_deferred: bool,
    /// The JSON of the events of the batch being saved, one buffer per event, kept for the next.
    json_buffers: Vec<Vec<u8>>,
}

impl SqliteStore {
    /// Opens (creating it and its parent directories if needed) the database at `path` and
    /// migrates it to the current schema.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        Self::open_with_migrations(path, schema::MIGRATIONS)
    }

    /// A private database in memory, gone when the store is dropped.
    pub fn open_in_memory() -> Result<SqliteStore, StoreError> {
        let path = ":memory:".to_string();
        let conn = Connection::open_in_memory().map_err(|source| StoreError::Sqlite {
            path: path.clone(),
            source,
        })?;
        Self::prepare(conn, path, schema::MIGRATIONS)
    }

    /// The database file as given when opening, or `:memory:`.
    pub fn path(&self) -> &str {
        &self.path
    }

    fn open_with_migrations(path: &Path, migrations: &[&str]) -> Result<SqliteStore, StoreError> {
        if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                dir: dir.to_path_buf(),
                source,
            })?;
        }
        let display = path.display().to_string();
        // Without SQLITE_OPEN_URI, so a file named "file:…" is just a file.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|source| StoreError::Sqlite {
                path: display.clone(),
                source,
            })?;
        Self::prepare(conn, display, migrations)
    }

    /// Sets up a fresh connection and brings its schema up to date.
    fn prepare(
        mut conn: Connection,
        path: String,
        migrations: &[&str],
    ) -> Result<SqliteStore, StoreError> {
        let sqlite_err = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite_err)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(sqlite_err)?;
        conn.create_scalar_function(
            filter::FOLD_FUNCTION,
            1,
            FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
            fold_sql_text,
        )
        .map_err(sqlite_err)?;
        // Plans that do not depend on the values bound: otherwise SQLite (built with STAT4)
        // compiles a statement again whenever a value compared with an indexed column changes,
        // which `find_existing` paid twice per article. Observer never runs ANALYZE and filters
        // with `instr`, not `LIKE`, so no plan changes.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
            .map_err(sqlite_err)?;
        // Before the first table is created; an existing database keeps its page size. An event
        // row is about 2 kB, so 4 KiB pages held one or two and left much of each page empty:
        // 16 KiB pages make a new database 17 to 18 % smaller and saving 5 % cheaper.
        conn.pragma_update(None, "page_size", PAGE_SIZE)
            .map_err(sqlite_err)?;
        // The default 2 MB cache held too few pages of the indexes a batch writes into, so they
        // were read back from the file again and again (the system time of a large ingest).
        conn.pragma_update(None, "cache_size", -CACHE_KIB)
            .map_err(sqlite_err)?;
        // Large sorts (the read indexes a bulk load builds at its end, when nothing else runs)
        // may use every core: 15 % less time for the indexes on two cores.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        conn.pragma_update(None, "threads", cores as i64)
            .map_err(sqlite_err)?;
        schema::migrate(&mut conn, &path, migrations)?;
        // After migrating, so a database of a newer schema is refused before anything changes.
        // In-memory databases answer "memory" and stay so.
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
            .map_err(sqlite_err)?;
        // Safe with WAL: a power loss may drop the last commits, never corrupt the file.
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sqlite_err)?;
        Ok(SqliteStore {
            conn,
            path,
            indexes_deferred: false,
            json_buffers: Vec::new(),
        })
    }

    fn sqlite_err(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        |source| StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    fn corrupt(&self, what: String, problem: impl ToString) -> StoreError {
        StoreError::Corrupt {
            path: self.path.clone(),
            what,
            problem: problem.to_string(),
        }
    }

    /// The first stored article that `query` (whose parameters are `params`) finds.
    fn stored_article(
        &self,
        query: &str,
        params: impl rusqlite::Params,
    ) -> Result<Option<StoredArticle>, StoreError> {
        self.conn
            .prepare_cached(query)
            .and_then(|mut statement| {
                statement
                    .query_row(params, |row| {
                        Ok(StoredArticle {
                            id: row.get(0)?,
                            text_hash: row.get(1)?,
                            extractor_version: row.get(2)?,
                        })
                    })
                    .optional()
            })
            .map_err(self.sqlite_err())
    }

    /// The events stored as `jsons`, made whole with their articles' texts.
    fn read_events(&self, jsons: &[String]) -> Result<Vec<Event>, StoreError> {
        let article_texts = |ids: &[&str]| {
            let mut statement = self
                .conn
                .prepare_cached("SELECT text FROM articles WHERE id = ?1")
                .map_err(self.sqlite_err())?;
            let mut texts = HashMap::with_capacity(ids.len());
            for &id in ids {
                let text: Option<String> = statement
                    .query_row([id], |row| row.get(0))
                    .optional()
                    .map_err(self.sqlite_err())?;
                texts.extend(text.map(|text| (id.to_string(), text)));
            }
            Ok(texts)
        };
        read_events(jsons, article_texts, |problem| {
            self.corrupt("event".into(), problem)
        })
    }

    /// Runs `sql` with `values` bound and reads each row with `read`.
    fn rows<T>(
        &self,
        sql: &str,
        values: Vec<rusqlite::types::Value>,
        read: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        self.conn
            .prepare_cached(sql)
            .and_then(|mut statement| {
                statement
                    .query_map(rusqlite::params_from_iter(values), read)?
                    .collect()
            })
            .map_err(self.sqlite_err())
    }

    fn parse_day(&self, what: impl Fn() -> String, day: &str) -> Result<NaiveDate, StoreError> {
        day.parse().map_err(|e| self.corrupt(what(), e))
    }

    fn parse_type(&self, name: &str) -> Result<EventType, StoreError> {
        EventType::parse(name)
            .ok_or_else(|| self.corrupt("event type".into(), format!("unknown type {name:?}")))
    }
}

/// Builds the [`schema::READ_INDEXES`] that are missing, in one transaction: at the end of a bulk
/// load, or at the start of the next one when a load was cut short. Nothing is written when none
/// is missing.
fn build_read_indexes(conn: &mut Connection) -> rusqlite::Result<()> {
    if schema::missing_read_indexes(conn)?.is_empty() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read again under the write lock: another connection may have built them meanwhile.
    for sql in schema::missing_read_indexes(&tx)? {
        tx.execute_batch(sql)?;
    }
    tx.commit()
}

/// The SQL function [`filter::FOLD_FUNCTION`]: case-folded text, NULL for anything else.
fn fold_sql_text(ctx: &mut Context<'_>) -> rusqlite::Result<Option<String>> {
    Ok(match ctx.get_raw(0) {
        ValueRef::Text(bytes) => Some(fold(&String::from_utf8_lossy(bytes))),
        _ => None,
    })
}

const STORED_ARTICLE: &str = "SELECT id, text_hash, extractor_version FROM articles";

const UPSERT_ARTICLE: &str = "
    INSERT INTO articles (id, source, url, published, title, text, lang, text_hash, extra,
                          extractor_version, ingested_at)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
    ON CONFLICT (id) DO UPDATE SET
        source = excluded.source, url = excluded.url, published = excluded.published,
        title = excluded.title, text = excluded.text, lang = excluded.lang,
        text_hash = excluded.text_hash, extra = excluded.extra,
        extractor_version = excluded.extractor_version, ingested_at = excluded.ingested_at";

/// Takes the batch's articles (their ids bound as a JSON array) as stored before it out of the
/// search index: they may be saved again with another title or text. FTS5 needs the indexed
/// values to delete them.
const FORGET_SEARCH_TEXT: &str = "
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    SELECT 'delete', rowid, title, text FROM articles
    WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY rowid";

/// Puts the batch's articles, as now stored, in the search index: one statement, so FTS5 writes
/// one index segment per batch (it writes one per statement), in rowid order (a lower rowid than
/// the last one written would make it write out what it holds).
const INDEX_SEARCH_TEXT: &str = "
    INSERT INTO articles_fts (rowid, title, text)
    SELECT rowid, title, text FROM articles
    WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY rowid";

/// Inserts one event row: [`EVENT_COLUMNS`] and the JSON.
static INSERT_EVENT: LazyLock<String> = LazyLock::new(|| {
    let parameters: Vec<String> = (1..=EVENT_COLUMNS.len() + 1)
        .map(|i| format!("?{i}"))
        .collect();
    format!(
        "INSERT INTO events ({}) VALUES ({})",
        event_column_list(&["json"]),
        parameters.join(", ")
    )
});

/// Writes one event row; `json` is the event in its stored form (UTF-8, as serde_json writes
/// it), the row's source of truth.
fn insert_event(
    statement: &mut rusqlite::CachedStatement<'_>,
    event: &Event,
    json: &[u8],
) -> rusqlite::Result<()> {
    let values = EventColumns::of(event).values();
    // Positional parameters, because looking names up cost more than binding the values; bound
    // one by one, without a list of them to allocate for every event.
    for (index, value) in values.iter().enumerate() {
        statement.raw_bind_parameter(index + 1, value)?;
    }
    let json = ToSqlOutput::Borrowed(ValueRef::Text(json));
    statement.raw_bind_parameter(values.len() + 1, json)?;
    statement.raw_execute().map(drop)
}

impl ToSql for ColumnValue<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        use rusqlite::types::Value;
        Ok(match *self {
            ColumnValue::Text(Some(text)) => ToSqlOutput::Borrowed(ValueRef::Text(text.as_bytes())),
            ColumnValue::Real(Some(number)) => ToSqlOutput::Owned(Value::Real(number)),
            ColumnValue::Date(Some(date)) => ToSqlOutput::Owned(Value::Text(iso_date(date))),
            ColumnValue::Flag(flag) => ToSqlOutput::Owned(Value::Integer(flag.into())),
            ColumnValue::Text(None) | ColumnValue::Real(None) | ColumnValue::Date(None) => {
                ToSqlOutput::Owned(Value::Null)
            }
        })
    }
}

/// Writes the stored JSON ([`StoredEvent`]) of every event of `batch`, in order, into the first
/// buffers of `buffers` (added as needed; what they held is cleared). Serialised on all cores: the
/// thread that writes the database is the bottleneck of an ingest, and this was a tenth of its
/// work. The buffers are kept from batch to batch, so their memory is not taken fresh from the
/// system (and zeroed by the kernel) for every batch. sonic-rs writes the same compact JSON as
/// serde_json, escaping strings with SIMD instead of byte by byte (two thirds of serialising an
/// event).
fn write_events_json(batch: &[Coded], buffers: &mut Vec<Vec<u8>>) -> Result<(), String> {
    use rayon::prelude::*;
    let events: Vec<StoredEvent<'_>> = batch
        .iter()
        .flat_map(|coded| {
            let article_text = coded.article.text.as_str();
            coded.events.iter().map(move |event| StoredEvent {
                event,
                article_text,
            })
        })
        .collect();
    if buffers.len() < events.len() {
        buffers.resize_with(events.len(), Vec::new);
    }
    buffers
        .par_iter_mut()
        .zip(&events)
        .try_for_each(|(buffer, stored)| {
            buffer.clear();
            sonic_rs::to_writer(buffer, stored).map_err(|e| {
                format!(
                    "cannot save article {}: event {}: {e}",
                    stored.event.article_id, stored.event.id
                )
            })
        })
}

/// The day as `YYYY-MM-DD`, as `date.format("%Y-%m-%d")` writes it. Years of four digits are
/// written digit by digit: chrono's format machinery cost a tenth of binding an event's row.
fn iso_date(date: NaiveDate) -> String {
    let year = date.year();
    if !(0..=9999).contains(&year) {
        return date.format("%Y-%m-%d").to_string();
    }
    let mut text = *b"0000-00-00";
    for (digits, mut value) in [
        (0..4, year as u32),
        (5..7, date.month()),
        (8..10, date.day()),
    ] {
        for digit in text[digits].iter_mut().rev() {
            *digit = b'0' + (value % 10) as u8;
            value /= 10;
        }
    }
    text.iter().map(|&byte| char::from(byte)).collect()
}

impl Store for SqliteStore {
    fn find_existing(&self, article: &Article) -> Result<Option<StoredArticle>, StoreError> {
        // In order of strength: the same id, the same outlet and url, the same text.
        if let Some(found) =
            self.stored_article(&format!("{STORED_ARTICLE} WHERE id = ?1"), [&article.id])?
        {
            return Ok(Some(found));
        }
        if let Some(url) = &article.url {
            let query = format!("{STORED_ARTICLE} WHERE source IS ?1 AND url = ?2 ORDER BY id");
            if let Some(found) = self.stored_article(&query, params![article.source, url])? {
                return Ok(Some(found));
            }
        }
        let query = format!("{STORED_ARTICLE} WHERE text_hash = ?1 ORDER BY id");
        self.stored_article(&query, [article.text_hash()])
    }

    fn save_batch(&mut self, batch: &[Coded]) -> Result<(), StoreError> {
        let path = &self.path;
        let sqlite_err = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        // IMMEDIATE takes the write lock up front, so a busy database is waited for (busy
        // timeout) rather than failing when a read transaction tries to become a write.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sqlite_err)?;
        let ingested_at = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
        let ids: Vec<&str> = batch
            .iter()
            .map(|coded| coded.article.id.as_str())
            .collect();
        let ids = serde_json::Value::from(ids).to_string();
        write_events_json(batch, &mut self.json_buffers).map_err(|problem| {
            StoreError::Invalid {
                path: path.clone(),
                problem,
            }
        })?;
        tx.execute(FORGET_SEARCH_TEXT, [&ids]).map_err(sqlite_err)?;
        {
            let mut upsert_article = tx.prepare_cached(UPSERT_ARTICLE).map_err(sqlite_err)?;
            let mut delete_events = tx
                .prepare_cached("DELETE FROM events WHERE article_id = ?1")
                .map_err(sqlite_err)?;
            let mut insert = tx.prepare_cached(&INSERT_EVENT).map_err(sqlite_err)?;
            let mut events_json = self.json_buffers.iter();
            for coded in batch {
                let article = &coded.article;
                let invalid = |problem: String| StoreError::Invalid {
                    path: path.clone(),
                    problem: format!("cannot save article {}: {problem}", article.id),
                };
                if let Some(stray) = stray_event(coded) {
                    return Err(invalid(format!(
                        "its event {} names article {}",
                        stray.id, stray.article_id
                    )));
                }
                let extra = serde_json::to_string(&article.extra)
                    .map_err(|e| invalid(format!("extra fields: {e}")))?;
                let save_err = |source| StoreError::Save {
                    path: path.clone(),
                    article_id: article.id.clone(),
                    source,
                };
                upsert_article
                    .execute(params![
                        article.id,
                        article.source,
                        article.url,
                        article.published.map(iso_date),
                        article.title,
                        article.text,
                        article.lang,
                        article.text_hash(),
                        extra,
                        coded.extractor_version,
                        ingested_at,
                    ])
                    .map_err(save_err)?;
                delete_events.execute([&article.id]).map_err(save_err)?;
                for (event, json) in coded.events.iter().zip(&mut events_json) {
                    insert_event(&mut insert, event, json).map_err(save_err)?;
                }
            }
        }
        tx.execute(INDEX_SEARCH_TEXT, [&ids]).map_err(sqlite_err)?;
        tx.commit().map_err(sqlite_err)
    }

    /// Into a database without events, drops the [`schema::READ_INDEXES`] until
    /// [`Store::end_bulk_load`]. A database with events keeps them (rebuilding them whole could
    /// cost more than what the load adds), and gets back any that a load cut short left out.
    ///
    /// Opening a database does not build missing indexes: a reader opened during another
    /// process's load would hold the write lock for as long as that takes, and the loader's next
    /// batch could time out waiting for it.
    fn begin_bulk_load(&mut self) -> Result<(), StoreError> {
        build_read_indexes(&mut self.conn).map_err(self.sqlite_err())?;
        let path = &self.path;
        let sqlite_err = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&sqlite_err)?;
        let empty: bool = tx
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM events)", [], |row| {
                row.get(0)
            })
            .map_err(&sqlite_err)?;
        if empty {
            for (name, _) in schema::READ_INDEXES {
                tx.execute_batch(&format!("DROP INDEX IF EXISTS {name}"))
                    .map_err(&sqlite_err)?;
            }
        }
        tx.commit().map_err(&sqlite_err)?;
        self.indexes_deferred |= empty;
        Ok(())
    }

    fn end_bulk_load(&mut self) -> Result<(), StoreError> {
        if !std::mem::take(&mut self.indexes_deferred) {
            return Ok(());
        }
        build_read_indexes(&mut self.conn).map_err(|source| StoreError::Sqlite {
            path: self.path.clone(),
            source,
        })
    }

    fn events(&self, filter: &EventFilter) -> Result<Vec<Event>, StoreError> {
        let (sql, values) = crate::events_query::events_query::<filter::Sqlite>(filter);
        let rows: Vec<String> = self.rows(&sql, values, |row| row.get(0))?;
        self.read_events(&rows)
    }

    fn save_cluster_membership(
        &mut self,
        memberships: &[(String, String)],
    ) -> Result<(), StoreError> {
        let path = &self.path;
        let sqlite_err = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sqlite_err)?;
        tx.execute("DELETE FROM event_clusters", [])
            .map_err(sqlite_err)?;
        {
            let mut insert = tx
                .prepare_cached("INSERT INTO event_clusters (event_id, cluster_id) VALUES (?1, ?2)")
                .map_err(sqlite_err)?;
            for (event_id, cluster_id) in memberships {
                insert
                    .execute(params![event_id, cluster_id])
                    .map_err(|source| match source.sqlite_error_code() {
                        Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::Invalid {
                            path: path.clone(),
                            problem: format!(
                                "cannot save the cluster of event {event_id}: the event is not \
                                 stored, or is given twice"
                            ),
                        },
                        _ => sqlite_err(source),
                    })?;
            }
        }
        tx.commit().map_err(sqlite_err)
    }

    fn cluster_membership(&self) -> Result<Vec<(String, String)>, StoreError> {
        self.conn
            .prepare_cached("SELECT event_id, cluster_id FROM event_clusters ORDER BY event_id")
            .and_then(|mut statement| statement.query_map([], |row| row.try_into())?.collect())
            .map_err(self.sqlite_err())
    }

    fn event(&self, id: &str) -> Result<Option<Event>, StoreError> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT json FROM events WHERE id = ?1", [id], |row| {
                row.get(0)
            })
            .optional()
            .map_err(self.sqlite_err())?;
        Ok(self.read_events(Vec::from_iter(json).as_slice())?.pop())
    }

    fn article(&self, id: &str) -> Result<Option<Article>, StoreError> {
        type Row = (
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            String,
            Option<String>,
            String,
        );
        let row: Option<Row> = self
            .conn
            .query_row(
                "SELECT id, url, source, published, title, text, lang, extra
                 FROM articles WHERE id = ?1",
                [id],
                |row| row.try_into(),
            )
            .optional()
            .map_err(self.sqlite_err())?;
        let Some((id, url, source, published, title, text, lang, extra)) = row else {
            return Ok(None);
        };
        let published = published
            .map(|day| self.parse_day(|| format!("publication date of article {id}"), &day))
            .transpose()?;
        let extra = serde_json::from_str(&extra)
            .map_err(|e| self.corrupt(format!("extra fields of article {id}"), e))?;
        Ok(Some(Article {
            id,
            url,
            source,
            published,
            title,
            text,
            lang,
            extra,
        }))
    }

    fn feed_validators(&self, feed_url: &str) -> Result<Option<FeedValidators>, StoreError> {
        self.conn
            .query_row(
                "SELECT etag, last_modified FROM watched_feeds WHERE url = ?1",
                [feed_url],
                |row| {
                    Ok(FeedValidators {
                        etag: row.get(0)?,
                        last_modified: row.get(1)?,
                    })
                },
            )
            .optional()
            .map_err(self.sqlite_err())
    }

    fn save_feed_validators(
        &mut self,
        feed_url: &str,
        validators: &FeedValidators,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO watched_feeds (url, etag, last_modified, checked_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,
                     last_modified = excluded.last_modified, checked_at = excluded.checked_at",
                params![
                    feed_url,
                    validators.etag,
                    validators.last_modified,
                    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
                ],
            )
            .map(drop)
            .map_err(self.sqlite_err())
    }

    fn item_seen(&self, feed_url: &str, item_key: &str) -> Result<bool, StoreError> {
        self.conn
            .query_row(
                "SELECT 1 FROM watched_items WHERE feed_url = ?1 AND item_key = ?2",
                [feed_url, item_key],
                |_| Ok(()),
            )
            .optional()
            .map(|found| found.is_some())
            .map_err(self.sqlite_err())
    }

    fn mark_item_seen(
        &mut self,
        feed_url: &str,
        item_key: &str,
        article_id: Option<&str>,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO watched_items (feed_url, item_key, article_id, seen_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (feed_url, item_key) DO UPDATE SET article_id = excluded.article_id",
                params![
                    feed_url,
                    item_key,
                    article_id,
                    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
                ],
            )
            .map(drop)
            .map_err(self.sqlite_err())
    }

    fn articles(&self, filter: &ArticleFilter) -> Result<Vec<ArticleSummary>, StoreError> {
        let (sql, values) = crate::events_query::articles_query::<filter::Sqlite>(filter);
        type Row = (
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            i64,
        );
        let rows: Vec<Row> = self.rows(&sql, values, |row| row.try_into())?;
        rows.into_iter()
            .map(|(id, source, url, published, title, events)| {
                let published = published
                    .map(|day| self.parse_day(|| format!("publication date of article {id}"), &day))
                    .transpose()?;
                Ok(ArticleSummary {
                    id,
                    source,
                    url,
                    published,
                    title,
                    events: events.unsigned_abs(),
                })
            })
            .collect()
    }

    fn event_map(&self, filter: &EventFilter) -> Result<Vec<MapPoint>, StoreError> {
        let (sql, values) = crate::events_query::map_query::<filter::Sqlite>(filter);
        type Row = (
            String,
            Option<String>,
            f64,
            f64,
            Option<String>,
            i64,
            String,
        );
        let rows: Vec<Row> = self.rows(&sql, values, |row| row.try_into())?;
        rows.into_iter()
            .map(
                |(event_type, place_name, lat, lon, precision, events, first)| {
                    Ok(MapPoint {
                        event_type: self.parse_type(&event_type)?,
                        place_name,
                        lat,
                        lon,
                        precision: precision
                            .as_deref()
                            .and_then(observer_model::PlacePrecision::parse),
                        events: events.unsigned_abs(),
                        first_event_id: first,
                    })
                },
            )
            .collect()
    }

    fn timeline(&self, filter: &EventFilter) -> Result<Vec<DayCount>, StoreError> {
        let (sql, values) = crate::events_query::timeline_query::<filter::Sqlite>(filter);
        let rows: Vec<(String, String, i64)> = self.rows(&sql, values, |row| row.try_into())?;
        rows.into_iter()
            .map(|(day, event_type, events)| {
                Ok(DayCount {
                    day: self.parse_day(|| "event date".to_string(), &day)?,
                    event_type: self.parse_type(&event_type)?,
                    events: events.unsigned_abs(),
                })
            })
            .collect()
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)",
                [],
                |row| {
                    // count(*) is never negative.
                    let count = |index| row.get::<_, i64>(index).map(i64::unsigned_abs);
                    Ok(Stats {
                        articles: count(0)?,
                        events: count(1)?,
                    })
                },
            )
            .map_err(self.sqlite_err())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EventFilter;
    use observer_model::EventType;

    /// The indexes each query reads, from SQLite's plan for it.
    fn indexes_read(
        store: &SqliteStore,
        (sql, values): (String, Vec<rusqlite::types::Value>),
    ) -> String {
        let plan: Vec<String> = store
            .rows(&format!("EXPLAIN QUERY PLAN {sql}"), values, |row| {
                row.get(3)
            })
            .unwrap();
        plan.join("\n")
    }

    /// The country indexes hold only events with that country and the map's only located events
    /// (schema version 7); the filters must still read them rather than scan the events.
    #[test]
    fn the_country_filter_and_the_map_read_the_partial_indexes() {
        let store = SqliteStore::open_in_memory().unwrap();
        let by_country = EventFilter {
            country: Some("UKR".into()),
            ..EventFilter::default()
        };
        let events = indexes_read(
            &store,
            crate::events_query::events_query::<filter::Sqlite>(&by_country),
        );
        for index in [
            "events_source_country",
            "events_target_country",
            "events_place_country",
        ] {
            assert!(
                events.contains(&format!("COVERING INDEX {index} ")),
                "{events}"
            );
        }
        let assaults = EventFilter {
            event_type: Some(EventType::Assault),
            ..EventFilter::default()
        };
        for filter in [EventFilter::default(), assaults] {
            let map = indexes_read(
                &store,
                crate::events_query::map_query::<filter::Sqlite>(&filter),
            );
            assert!(map.contains("COVERING INDEX events_map"), "{map}");
        }
    }

    #[test]
    fn iso_dates_are_written_as_chrono_formats_them() {
        let days = [
            (1, 1, 1),
            (0, 1, 1),
            (-1, 12, 31),
            (999, 3, 9),
            (2020, 10, 20),
            (2024, 2, 29),
        ]
        .into_iter()
        .chain([(9999, 12, 31), (10000, 1, 1), (-44, 3, 15)])
        .map(|(year, month, day)| NaiveDate::from_ymd_opt(year, month, day).unwrap());
        for date in days.chain([NaiveDate::MIN, NaiveDate::MAX]) {
            assert_eq!(iso_date(date), date.format("%Y-%m-%d").to_string());
        }
        assert_eq!(
            iso_date(NaiveDate::from_ymd_opt(7, 8, 9).unwrap()),
            "0007-08-09"
        );
    }
}
