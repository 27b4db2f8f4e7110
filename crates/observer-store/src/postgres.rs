//! The PostgreSQL backend: one database shared by any number of ingesters, readers and workers
//! on any number of machines, with the work queue of [`Queue`].
//!
//! # Tables
//!
//! The same articles and events as SQLite (`postgres/schema.rs`): the event JSON is the truth,
//! the other event columns are copied out of it ([`crate::columns`]) for the filters, which mean
//! exactly what they mean on SQLite. A batch is one transaction: articles are upserted with one
//! `INSERT … SELECT FROM unnest(…)` statement, events are loaded with binary `COPY`.
//!
//! # The work queue
//!
//! An article is `queued`, `coded` or `failed` (column `state`). A worker claims a batch with
//! `SELECT … WHERE state = 'queued' … FOR UPDATE SKIP LOCKED` and keeps the transaction that took
//! those row locks open while it codes the batch; it then writes the events, marks the articles
//! `coded` and commits, all in that same transaction. Why this design rather than a `coding`
//! state with a lease:
//!
//! - Nothing is coded twice: a claimed row stays locked until its worker's transaction ends,
//!   so no other worker can claim it (`SKIP LOCKED` passes over it), and once the transaction
//!   commits the row is no longer `queued` (a worker that read it as queued re-checks the
//!   condition on the committed row before locking it, and skips it). Events and state change
//!   in one commit, so there is no window where an article is coded but still queued, or marked
//!   coded without its events. A lease, by contrast, can expire under a slow but live worker,
//!   whose late commit would then code the article a second time.
//! - Nothing is lost: if the worker dies (killed, crashed, its machine gone) the transaction
//!   never commits; PostgreSQL rolls it back when the connection ends, which releases the locks,
//!   and the batch is simply queued again for the next claim. A killed process closes its socket
//!   at once; a machine that vanishes without closing it is detected by
//!   `idle_in_transaction_session_timeout` ([`CLAIM_TIMEOUT`]), which every session of this
//!   store sets: a transaction idle that long (a batch takes well under a second to code) is
//!   aborted and its batch released.
//!
//! The price is one open transaction per busy worker, held for the time it takes to code a batch:
//! keep batches small (tens to hundreds of articles), so locks and old row versions are released
//! quickly.

mod filter;
mod schema;
#[cfg(feature = "test-server")]
pub mod test_server;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;
use std::time::Duration;

use chrono::NaiveDate;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{Json, ToSql, Type};
use postgres::{Client, Config, NoTls, Row, Statement, Transaction};

use crate::columns::{
    ColumnKind, ColumnValue, EVENT_COLUMNS, EventColumns, event_column_list, fold, stray_event,
};
use crate::stored_event::{StoredEvent, read_events};
use crate::{
    Article, ArticleFilter, ArticleSummary, Coded, CodedBatch, DayCount, Event, EventFilter,
    EventType, FeedValidators, MapPoint, Queue, QueueStats, Stats, Store, StoreError,
    StoredArticle,
};

/// How long connecting may take when the URL does not say (`connect_timeout`).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a session may sit in an open transaction without a request before PostgreSQL aborts
/// it, releasing its locks: the longest a worker may spend coding one batch, and the longest a
/// batch claimed by a worker whose machine vanished stays locked.
pub const CLAIM_TIMEOUT: Duration = Duration::from_secs(600);

/// A [`Store`] and [`Queue`] kept in one PostgreSQL database.
pub struct PostgresStore {
    conn: RefCell<Connection>,
    /// Server and database, without user or password, for messages.
    target: String,
}

/// The client with the statements it has prepared for the per-article lookups.
struct Connection {
    client: Client,
    statements: HashMap<&'static str, Statement>,
}

impl Connection {
    fn prepared(&mut self, sql: &'static str) -> Result<Statement, postgres::Error> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.prepare(sql)?;
        self.statements.insert(sql, statement.clone());
        Ok(statement)
    }
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresStore")
            .field("target", &self.target)
            .finish_non_exhaustive()
    }
}

impl PostgresStore {
    /// Connects to the database of a `postgres://` URL (or `key=value` connection string) and
    /// creates or migrates its schema. The database itself must exist.
    pub fn open(url: &str) -> Result<PostgresStore, StoreError> {
        Self::open_with_migrations(url, schema::MIGRATIONS)
    }

    /// Server and database, as shown in messages (never the user or password).
    pub fn target(&self) -> &str {
        &self.target
    }

    fn open_with_migrations(url: &str, migrations: &[&str]) -> Result<PostgresStore, StoreError> {
        let mut config: Config = url.parse().map_err(|error| StoreError::InvalidSpec {
            spec: without_credentials(url),
            problem: format!("not a PostgreSQL URL: {}", error_chain(&error)),
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name("observer");
        }
        let target = describe(&config);
        let pg_err = |error| StoreError::Postgres {
            target: target.clone(),
            error,
        };
        let mut client = config.connect(NoTls).map_err(pg_err)?;
        client
            .batch_execute(&format!(
                "SET idle_in_transaction_session_timeout = {}",
                CLAIM_TIMEOUT.as_millis()
            ))
            .map_err(pg_err)?;
        schema::migrate(&mut client, &target, migrations)?;
        Ok(PostgresStore {
            conn: RefCell::new(Connection {
                client,
                statements: HashMap::new(),
            }),
            target,
        })
    }

    fn pg_err(&self) -> impl Fn(postgres::Error) -> StoreError + '_ {
        |error| StoreError::Postgres {
            target: self.target.clone(),
            error,
        }
    }

    fn invalid(&self, problem: String) -> StoreError {
        StoreError::Invalid {
            path: self.target.clone(),
            problem,
        }
    }

    fn corrupt(&self, what: String, problem: impl ToString) -> StoreError {
        StoreError::Corrupt {
            path: self.target.clone(),
            what,
            problem: problem.to_string(),
        }
    }

    /// The first stored article found by the prepared `sql` with `params`.
    fn stored_article(
        &self,
        sql: &'static str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Option<StoredArticle>, StoreError> {
        let mut conn = self.conn.borrow_mut();
        let row = conn
            .prepared(sql)
            .and_then(|statement| conn.client.query_opt(&statement, params))
            .map_err(self.pg_err())?;
        row.map(|row| {
            Ok(StoredArticle {
                id: row.try_get(0)?,
                text_hash: row.try_get(1)?,
                extractor_version: row.try_get(2)?,
            })
        })
        .transpose()
        .map_err(self.pg_err())
    }

    fn article_from_row(&self, row: &Row) -> Result<Article, StoreError> {
        let extra: String = row.try_get(7).map_err(self.pg_err())?;
        let id: String = row.try_get(0).map_err(self.pg_err())?;
        let extra = serde_json::from_str(&extra)
            .map_err(|e| self.corrupt(format!("extra fields of article {id}"), e))?;
        let column = |index| row.try_get(index).map_err(self.pg_err());
        Ok(Article {
            url: column(1)?,
            source: column(2)?,
            published: row.try_get(3).map_err(self.pg_err())?,
            title: column(4)?,
            text: row.try_get(5).map_err(self.pg_err())?,
            lang: column(6)?,
            extra,
            id,
        })
    }

    /// Runs `sql` with the bound `params`.
    fn query(&self, sql: &str, params: &[filter::Param]) -> Result<Vec<Row>, StoreError> {
        let params: Vec<&(dyn ToSql + Sync)> = params
            .iter()
            .map(|param| param.as_ref() as &(dyn ToSql + Sync))
            .collect();
        self.conn
            .borrow_mut()
            .client
            .query(sql, &params)
            .map_err(self.pg_err())
    }

    fn parse_type(&self, name: &str) -> Result<EventType, StoreError> {
        EventType::parse(name)
            .ok_or_else(|| self.corrupt("event type".into(), format!("unknown type {name:?}")))
    }

    /// The events stored as `jsons`, made whole with their articles' texts (read in one query).
    fn read_events(&self, jsons: &[&str]) -> Result<Vec<Event>, StoreError> {
        let article_texts = |ids: &[&str]| {
            let rows = self
                .conn
                .borrow_mut()
                .client
                .query("SELECT id, text FROM articles WHERE id = ANY($1)", &[&ids])
                .map_err(self.pg_err())?;
            rows.iter()
                .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
                .collect::<Result<HashMap<String, String>, postgres::Error>>()
                .map_err(self.pg_err())
        };
        read_events(jsons, article_texts, |problem| {
            self.corrupt("event".into(), problem)
        })
    }

    /// Refuses what PostgreSQL cannot store in a text column: the NUL character.
    fn check_storable(&self, article: &Article) -> Result<(), StoreError> {
        let fields = [
            ("id", Some(article.id.as_str())),
            ("source", article.source.as_deref()),
            ("url", article.url.as_deref()),
            ("title", article.title.as_deref()),
            ("lang", article.lang.as_deref()),
            ("text", Some(article.text.as_str())),
        ];
        match fields
            .iter()
            .find(|(_, value)| value.is_some_and(|value| value.contains('\0')))
        {
            Some((field, _)) => Err(self.invalid(format!(
                "cannot save article {}: its {field} contains a NUL character, which PostgreSQL \
                 cannot store",
                article.id.escape_debug()
            ))),
            None => Ok(()),
        }
    }
}

/// The columns of articles as SQL arrays, for one `unnest` statement per batch.
#[derive(Default)]
struct ArticleColumns<'a> {
    id: Vec<&'a str>,
    source: Vec<Option<&'a str>>,
    url: Vec<Option<&'a str>>,
    published: Vec<Option<NaiveDate>>,
    title: Vec<Option<&'a str>>,
    text: Vec<&'a str>,
    lang: Vec<Option<&'a str>>,
    text_hash: Vec<String>,
    extra: Vec<String>,
    source_folded: Vec<Option<String>>,
    /// The extractor that coded the article; `None` when it is queued un-coded.
    extractor_version: Vec<Option<&'a str>>,
}

impl<'a> ArticleColumns<'a> {
    fn push(
        &mut self,
        article: &'a Article,
        extractor_version: Option<&'a str>,
    ) -> Result<(), serde_json::Error> {
        self.extra.push(serde_json::to_string(&article.extra)?);
        self.id.push(&article.id);
        self.source.push(article.source.as_deref());
        self.url.push(article.url.as_deref());
        self.published.push(article.published);
        self.title.push(article.title.as_deref());
        self.text.push(&article.text);
        self.lang.push(article.lang.as_deref());
        self.text_hash.push(article.text_hash());
        self.source_folded.push(article.source.as_deref().map(fold));
        self.extractor_version.push(extractor_version);
        Ok(())
    }

    /// The arrays in the order of [`upsert_articles!`]'s `unnest`.
    fn params(&self) -> [&(dyn ToSql + Sync); 11] {
        [
            &self.id,
            &self.source,
            &self.url,
            &self.published,
            &self.title,
            &self.text,
            &self.lang,
            &self.text_hash,
            &self.extra,
            &self.source_folded,
            &self.extractor_version,
        ]
    }
}

/// An upsert of the articles given as arrays by [`ArticleColumns::params`]; the arguments are
/// the values and `ON CONFLICT` assignments of the queue columns.
macro_rules! upsert_articles {
    ($queue_values:literal, $queue_updates:literal) => {
        concat!(
            "INSERT INTO articles (id, source, url, published, title, text, lang, text_hash,
                extra, source_folded, ingested_at,
                extractor_version, state, queued_at, coded_at, codings, failure)
             SELECT a.id, a.source, a.url, a.published, a.title, a.text, a.lang, a.text_hash,
                a.extra::json, a.source_folded, now(), ",
            $queue_values,
            "
             FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[],
                         $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
                  AS a(id, source, url, published, title, text, lang, text_hash, extra,
                       source_folded, extractor_version)
             ON CONFLICT (id) DO UPDATE SET
                source = excluded.source, url = excluded.url, published = excluded.published,
                title = excluded.title, text = excluded.text, lang = excluded.lang,
                text_hash = excluded.text_hash, extra = excluded.extra,
                source_folded = excluded.source_folded, ingested_at = excluded.ingested_at, ",
            $queue_updates
        )
    };
}

/// Saves coded articles.
const UPSERT_CODED: &str = upsert_articles!(
    "a.extractor_version, 'coded', NULL, now(), 1, NULL",
    "extractor_version = excluded.extractor_version, state = 'coded', queued_at = NULL,
     coded_at = excluded.coded_at, codings = articles.codings + 1, failure = NULL"
);

/// Queues articles un-coded.
const UPSERT_QUEUED: &str = upsert_articles!(
    "NULL, 'queued', now(), NULL, 0, NULL",
    "extractor_version = NULL, state = 'queued', queued_at = excluded.queued_at, failure = NULL"
);

/// The columns PostgreSQL adds after [`EVENT_COLUMNS`]: the folded search arrays and the JSON.
const MORE_EVENT_COLUMNS: [(&str, Type); 4] = [
    ("actor_search", Type::TEXT_ARRAY),
    ("place_search", Type::TEXT_ARRAY),
    ("countries", Type::TEXT_ARRAY),
    ("json", Type::JSON),
];

/// Loads events: [`EVENT_COLUMNS`], then [`MORE_EVENT_COLUMNS`].
static COPY_EVENTS: LazyLock<String> = LazyLock::new(|| {
    let more = MORE_EVENT_COLUMNS.map(|(name, _)| name);
    format!(
        "COPY events ({}) FROM STDIN (FORMAT binary)",
        event_column_list(&more)
    )
});

/// The SQL types of [`COPY_EVENTS`]'s columns, in order.
static EVENT_TYPES: LazyLock<Vec<Type>> = LazyLock::new(|| {
    let kinds = EVENT_COLUMNS.iter().map(|&(_, kind)| match kind {
        ColumnKind::Text => Type::TEXT,
        ColumnKind::Real => Type::FLOAT8,
        ColumnKind::Date => Type::DATE,
        ColumnKind::Flag => Type::BOOL,
    });
    kinds
        .chain(MORE_EVENT_COLUMNS.map(|(_, sql_type)| sql_type))
        .collect()
});

/// A column value as the `postgres` client binds it.
fn bound<'v>(value: &'v ColumnValue<'_>) -> &'v (dyn ToSql + Sync) {
    match value {
        ColumnValue::Text(text) => text,
        ColumnValue::Real(number) => number,
        ColumnValue::Date(date) => date,
        ColumnValue::Flag(flag) => flag,
    }
}

/// Replaces the events of `article_ids` by the events of `coded`, inside `tx`.
fn replace_events<'e>(
    tx: &mut Transaction<'_>,
    article_ids: &[&str],
    coded: impl Iterator<Item = &'e Coded>,
) -> Result<(), postgres::Error> {
    let events = coded.flat_map(|coded| {
        let article_text = coded.article.text.as_str();
        coded.events.iter().map(move |event| StoredEvent {
            event,
            article_text,
        })
    });
    tx.execute(
        "DELETE FROM events WHERE article_id = ANY($1)",
        &[&article_ids],
    )?;
    let mut events = events.peekable();
    if events.peek().is_none() {
        return Ok(());
    }
    let mut writer = BinaryCopyInWriter::new(tx.copy_in(COPY_EVENTS.as_str())?, &EVENT_TYPES);
    for stored in events {
        let row = EventColumns::of(stored.event);
        let values = row.values();
        let (actor_search, place_search, countries) =
            (row.actor_search(), row.place_search(), row.countries());
        let json = Json(stored);
        let mut params: Vec<&(dyn ToSql + Sync)> = values.iter().map(bound).collect();
        params.extend([
            &actor_search as &(dyn ToSql + Sync),
            &place_search,
            &countries,
            &json,
        ]);
        writer.write(&params)?;
    }
    writer.finish().map(drop)
}

/// The last of the items sharing an id (a later save of an article overrides an earlier one in
/// the same batch), in id order so that concurrent batches lock rows in the same order.
fn latest_by_id<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<&T> {
    let mut latest: HashMap<&str, &T> = HashMap::new();
    for item in items {
        latest.insert(id(item), item);
    }
    let mut latest: Vec<&T> = latest.into_values().collect();
    latest.sort_by(|a, b| id(a).cmp(id(b)));
    latest
}

const STORED_BY_ID: &str = "SELECT id, text_hash, coalesce(extractor_version, '')
    FROM articles WHERE id = $1";
const STORED_BY_SOURCE_URL: &str = "SELECT id, text_hash, coalesce(extractor_version, '')
    FROM articles WHERE source = $1 AND url = $2 ORDER BY id LIMIT 1";
const STORED_BY_URL_WITHOUT_SOURCE: &str = "SELECT id, text_hash, coalesce(extractor_version, '')
    FROM articles WHERE source IS NULL AND url = $1 ORDER BY id LIMIT 1";
const STORED_BY_TEXT: &str = "SELECT id, text_hash, coalesce(extractor_version, '')
    FROM articles WHERE text_hash = $1 ORDER BY id LIMIT 1";

const ARTICLE_COLUMNS: &str = "id, url, source, published, title, text, lang, extra::text";

impl Store for PostgresStore {
    fn find_existing(&self, article: &Article) -> Result<Option<StoredArticle>, StoreError> {
        // In order of strength: the same id, the same outlet and url, the same text.
        if let Some(found) = self.stored_article(STORED_BY_ID, &[&article.id])? {
            return Ok(Some(found));
        }
        if let Some(url) = &article.url {
            let found = match &article.source {
                Some(source) => self.stored_article(STORED_BY_SOURCE_URL, &[source, url])?,
                None => self.stored_article(STORED_BY_URL_WITHOUT_SOURCE, &[url])?,
            };
            if found.is_some() {
                return Ok(found);
            }
        }
        self.stored_article(STORED_BY_TEXT, &[&article.text_hash()])
    }

    fn save_batch(&mut self, batch: &[Coded]) -> Result<(), StoreError> {
        let latest = latest_by_id(batch, |coded| &coded.article.id);
        let mut articles = ArticleColumns::default();
        for coded in batch {
            self.check_storable(&coded.article)?;
            if let Some(stray) = stray_event(coded) {
                return Err(self.invalid(format!(
                    "cannot save article {}: its event {} names article {}",
                    coded.article.id, stray.id, stray.article_id
                )));
            }
        }
        for coded in &latest {
            articles
                .push(&coded.article, Some(&coded.extractor_version))
                .map_err(|e| {
                    self.invalid(format!(
                        "cannot save article {}: extra fields: {e}",
                        coded.article.id
                    ))
                })?;
        }
        let pg_err = self.pg_err();
        let mut conn = self.conn.borrow_mut();
        let mut tx = conn.client.transaction().map_err(&pg_err)?;
        // Articles first: their row locks make a concurrent worker or enqueue wait for us.
        tx.execute(UPSERT_CODED, &articles.params())
            .map_err(&pg_err)?;
        replace_events(&mut tx, &articles.id, latest.iter().copied()).map_err(&pg_err)?;
        tx.commit().map_err(&pg_err)
    }

    fn events(&self, filter: &EventFilter) -> Result<Vec<Event>, StoreError> {
        let (sql, params) = crate::events_query::events_query::<filter::Postgres>(filter);
        let rows = self.query(&sql, &params)?;
        let jsons = rows
            .iter()
            .map(|row| row.try_get(0))
            .collect::<Result<Vec<&str>, _>>()
            .map_err(self.pg_err())?;
        self.read_events(&jsons)
    }

    fn save_cluster_membership(
        &mut self,
        memberships: &[(String, String)],
    ) -> Result<(), StoreError> {
        let pg_err = self.pg_err();
        let mut conn = self.conn.borrow_mut();
        let mut tx = conn.client.transaction().map_err(&pg_err)?;
        tx.execute("DELETE FROM event_clusters", &[])
            .map_err(&pg_err)?;
        let insert = tx
            .prepare("INSERT INTO event_clusters (event_id, cluster_id) VALUES ($1, $2)")
            .map_err(&pg_err)?;
        for (event_id, cluster_id) in memberships {
            tx.execute(&insert, &[event_id, cluster_id])
                .map_err(|error| {
                    let constraint = [
                        postgres::error::SqlState::FOREIGN_KEY_VIOLATION,
                        postgres::error::SqlState::UNIQUE_VIOLATION,
                    ];
                    if error.code().is_some_and(|code| constraint.contains(code)) {
                        self.invalid(format!(
                            "cannot save the cluster of event {event_id}: the event is not \
                             stored, or is given twice"
                        ))
                    } else {
                        pg_err(error)
                    }
                })?;
        }
        tx.commit().map_err(&pg_err)
    }

    fn cluster_membership(&self) -> Result<Vec<(String, String)>, StoreError> {
        let rows = self
            .conn
            .borrow_mut()
            .client
            .query(
                "SELECT event_id, cluster_id FROM event_clusters ORDER BY event_id",
                &[],
            )
            .map_err(self.pg_err())?;
        rows.iter()
            .map(|row| {
                Ok((
                    row.try_get(0).map_err(self.pg_err())?,
                    row.try_get(1).map_err(self.pg_err())?,
                ))
            })
            .collect()
    }

    fn event(&self, id: &str) -> Result<Option<Event>, StoreError> {
        let row = self
            .conn
            .borrow_mut()
            .client
            .query_opt("SELECT json::text FROM events WHERE id = $1", &[&id])
            .map_err(self.pg_err())?;
        let json: Option<&str> = row
            .as_ref()
            .map(|row| row.try_get(0))
            .transpose()
            .map_err(self.pg_err())?;
        Ok(self.read_events(Vec::from_iter(json).as_slice())?.pop())
    }

    fn article(&self, id: &str) -> Result<Option<Article>, StoreError> {
        let row = self
            .conn
            .borrow_mut()
            .client
            .query_opt(
                &format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = $1"),
                &[&id],
            )
            .map_err(self.pg_err())?;
        row.map(|row| self.article_from_row(&row)).transpose()
    }

    fn articles(&self, filter: &ArticleFilter) -> Result<Vec<ArticleSummary>, StoreError> {
        let (sql, params) = crate::events_query::articles_query::<filter::Postgres>(filter);
        let rows = self.query(&sql, &params)?;
        rows.iter()
            .map(|row| {
                Ok(ArticleSummary {
                    id: row.try_get(0)?,
                    source: row.try_get(1)?,
                    url: row.try_get(2)?,
                    published: row.try_get(3)?,
                    title: row.try_get(4)?,
                    events: row.try_get::<_, i64>(5)?.unsigned_abs(),
                })
            })
            .collect::<Result<_, postgres::Error>>()
            .map_err(self.pg_err())
    }

    fn event_map(&self, filter: &EventFilter) -> Result<Vec<MapPoint>, StoreError> {
        let (sql, params) = crate::events_query::map_query::<filter::Postgres>(filter);
        let rows = self.query(&sql, &params)?;
        rows.iter()
            .map(|row| {
                let pg_err = self.pg_err();
                let event_type: &str = row.try_get(0).map_err(&pg_err)?;
                let precision: Option<&str> = row.try_get(4).map_err(&pg_err)?;
                Ok(MapPoint {
                    event_type: self.parse_type(event_type)?,
                    place_name: row.try_get(1).map_err(&pg_err)?,
                    lat: row.try_get(2).map_err(&pg_err)?,
                    lon: row.try_get(3).map_err(&pg_err)?,
                    precision: precision.and_then(observer_model::PlacePrecision::parse),
                    events: row.try_get::<_, i64>(5).map_err(&pg_err)?.unsigned_abs(),
                    first_event_id: row.try_get(6).map_err(&pg_err)?,
                })
            })
            .collect()
    }

    fn timeline(&self, filter: &EventFilter) -> Result<Vec<DayCount>, StoreError> {
        let (sql, params) = crate::events_query::timeline_query::<filter::Postgres>(filter);
        let rows = self.query(&sql, &params)?;
        rows.iter()
            .map(|row| {
                let event_type: &str = row.try_get(1).map_err(self.pg_err())?;
                Ok(DayCount {
                    day: row.try_get(0).map_err(self.pg_err())?,
                    event_type: self.parse_type(event_type)?,
                    events: row
                        .try_get::<_, i64>(2)
                        .map_err(self.pg_err())?
                        .unsigned_abs(),
                })
            })
            .collect()
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        let row = self
            .conn
            .borrow_mut()
            .client
            .query_one(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)",
                &[],
            )
            .map_err(self.pg_err())?;
        let count = |index| {
            row.try_get::<_, i64>(index)
                .map(i64::unsigned_abs)
                .map_err(self.pg_err())
        };
        Ok(Stats {
            articles: count(0)?,
            events: count(1)?,
        })
    }

    fn feed_validators(&self, feed_url: &str) -> Result<Option<FeedValidators>, StoreError> {
        let row = self
            .conn
            .borrow_mut()
            .client
            .query_opt(
                "SELECT etag, last_modified FROM watched_feeds WHERE url = $1",
                &[&feed_url],
            )
            .map_err(self.pg_err())?;
        row.map(|row| {
            Ok(FeedValidators {
                etag: row.try_get(0).map_err(self.pg_err())?,
                last_modified: row.try_get(1).map_err(self.pg_err())?,
            })
        })
        .transpose()
    }

    fn save_feed_validators(
        &mut self,
        feed_url: &str,
        validators: &FeedValidators,
    ) -> Result<(), StoreError> {
        self.conn
            .borrow_mut()
            .client
            .execute(
                "INSERT INTO watched_feeds (url, etag, last_modified, checked_at)
                 VALUES ($1, $2, $3, now())
                 ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,
                     last_modified = excluded.last_modified, checked_at = excluded.checked_at",
                &[&feed_url, &validators.etag, &validators.last_modified],
            )
            .map(drop)
            .map_err(self.pg_err())
    }

    fn item_seen(&self, feed_url: &str, item_key: &str) -> Result<bool, StoreError> {
        self.conn
            .borrow_mut()
            .client
            .query_opt(
                "SELECT 1 FROM watched_items WHERE feed_url = $1 AND item_key = $2",
                &[&feed_url, &item_key],
            )
            .map(|row| row.is_some())
            .map_err(self.pg_err())
    }

    fn mark_item_seen(
        &mut self,
        feed_url: &str,
        item_key: &str,
        article_id: Option<&str>,
    ) -> Result<(), StoreError> {
        self.conn
            .borrow_mut()
            .client
            .execute(
                "INSERT INTO watched_items (feed_url, item_key, article_id, seen_at)
                 VALUES ($1, $2, $3, now())
                 ON CONFLICT (feed_url, item_key) DO UPDATE SET article_id = excluded.article_id",
                &[&feed_url, &item_key, &article_id],
            )
            .map(drop)
            .map_err(self.pg_err())
    }

    fn as_queue(&mut self) -> Option<&mut dyn Queue> {
        Some(self)
    }
}

impl Queue for PostgresStore {
    fn enqueue(&mut self, articles: &[Article]) -> Result<(), StoreError> {
        let latest = latest_by_id(articles, |article| &article.id);
        let mut columns = ArticleColumns::default();
        for article in articles {
            self.check_storable(article)?;
        }
        for article in &latest {
            columns.push(article, None).map_err(|e| {
                self.invalid(format!(
                    "cannot queue article {}: extra fields: {e}",
                    article.id
                ))
            })?;
        }
        let pg_err = self.pg_err();
        let mut conn = self.conn.borrow_mut();
        let mut tx = conn.client.transaction().map_err(&pg_err)?;
        // Lock the stored rows first (in id order, as every writer does): a worker coding one of
        // them commits before we look at its events.
        tx.execute(
            "SELECT 1 FROM articles WHERE id = ANY($1) ORDER BY id FOR UPDATE",
            &[&columns.id],
        )
        .map_err(&pg_err)?;
        // Events of a revised text point into the old one: drop them now.
        tx.execute(
            "DELETE FROM events e USING articles a, unnest($1::text[], $2::text[]) AS n(id, hash)
             WHERE a.id = n.id AND a.text_hash <> n.hash AND e.article_id = a.id",
            &[&columns.id, &columns.text_hash],
        )
        .map_err(&pg_err)?;
        tx.execute(UPSERT_QUEUED, &columns.params())
            .map_err(&pg_err)?;
        tx.commit().map_err(&pg_err)
    }

    fn code_batch(
        &mut self,
        limit: usize,
        code: &mut dyn FnMut(Vec<Article>) -> CodedBatch,
    ) -> Result<usize, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let pg_err = self.pg_err();
        let mut conn = self.conn.borrow_mut();
        let mut tx = conn.client.transaction().map_err(&pg_err)?;
        // See the module documentation: the locks taken here are held until the commit below.
        let rows = tx
            .query(
                &format!(
                    "SELECT {ARTICLE_COLUMNS} FROM articles WHERE state = 'queued'
                     ORDER BY queued_at, id LIMIT $1 FOR UPDATE SKIP LOCKED"
                ),
                &[&limit],
            )
            .map_err(&pg_err)?;
        let articles = rows
            .iter()
            .map(|row| self.article_from_row(row))
            .collect::<Result<Vec<_>, _>>()?;
        let claimed = articles.len();
        if claimed == 0 {
            return Ok(0);
        }
        let mut unanswered: HashSet<String> = articles.iter().map(|a| a.id.clone()).collect();
        let results = code(articles);

        let mut coded = Vec::new();
        let mut failed = Vec::new();
        for result in &results {
            let id = match result {
                Ok(done) => done.article.id.as_str(),
                Err(failure) => failure.article_id.as_str(),
            };
            if !unanswered.remove(id) {
                return Err(self.invalid(format!(
                    "the worker answered for article {id}, which it did not claim or answered \
                     for twice; nothing was saved"
                )));
            }
            match result {
                Ok(done) => {
                    if let Some(stray) = stray_event(done) {
                        return Err(self.invalid(format!(
                            "cannot save article {id}: its event {} names article {}",
                            stray.id, stray.article_id
                        )));
                    }
                    coded.push(done);
                }
                Err(failure) => failed.push(failure),
            }
        }
        if let Some(id) = unanswered.iter().next() {
            return Err(self.invalid(format!(
                "the worker did not answer for article {id} (and {} more); nothing was saved",
                unanswered.len() - 1
            )));
        }

        let coded_ids: Vec<&str> = coded.iter().map(|c| c.article.id.as_str()).collect();
        let versions: Vec<&str> = coded.iter().map(|c| c.extractor_version.as_str()).collect();
        replace_events(&mut tx, &coded_ids, coded.iter().copied()).map_err(&pg_err)?;
        tx.execute(
            "UPDATE articles SET state = 'coded', extractor_version = c.version, queued_at = NULL,
                coded_at = now(), codings = codings + 1, failure = NULL
             FROM unnest($1::text[], $2::text[]) AS c(id, version) WHERE articles.id = c.id",
            &[&coded_ids, &versions],
        )
        .map_err(&pg_err)?;
        if !failed.is_empty() {
            let ids: Vec<&str> = failed.iter().map(|f| f.article_id.as_str()).collect();
            let reasons: Vec<&str> = failed.iter().map(|f| f.reason.as_str()).collect();
            tx.execute(
                "UPDATE articles SET state = 'failed', queued_at = NULL, failure = f.reason
                 FROM unnest($1::text[], $2::text[]) AS f(id, reason) WHERE articles.id = f.id",
                &[&ids, &reasons],
            )
            .map_err(&pg_err)?;
        }
        tx.commit().map_err(&pg_err)?;
        Ok(claimed)
    }

    fn queue_stats(&self) -> Result<QueueStats, StoreError> {
        let rows = self
            .conn
            .borrow_mut()
            .client
            .query("SELECT state, count(*) FROM articles GROUP BY state", &[])
            .map_err(self.pg_err())?;
        let mut stats = QueueStats::default();
        for row in rows {
            let state: &str = row.try_get(0).map_err(self.pg_err())?;
            let count = row
                .try_get::<_, i64>(1)
                .map(i64::unsigned_abs)
                .map_err(self.pg_err())?;
            match state {
                "queued" => stats.queued = count,
                "coded" => stats.coded = count,
                _ => stats.failed += count,
            }
        }
        Ok(stats)
    }
}

/// `postgres://HOST:PORT/DATABASE`, from the parts of `config` that are safe to show.
fn describe(config: &Config) -> String {
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, host)| {
            let name = match host {
                postgres::config::Host::Tcp(name) => name.clone(),
                postgres::config::Host::Unix(path) => path.display().to_string(),
            };
            match config.get_ports().get(i).or(config.get_ports().first()) {
                Some(port) => format!("{name}:{port}"),
                None => name,
            }
        })
        .collect();
    format!(
        "postgres://{}/{}",
        hosts.join(","),
        config.get_dbname().unwrap_or_default()
    )
}

/// A URL with its user and password replaced by `***`.
fn without_credentials(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}***{}", &url[..scheme_end + 3], &url[at..])
        }
        _ => url.to_string(),
    }
}

/// An error and its causes, joined by `: `.
pub(crate) fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut cause = error.source();
    while let Some(next) = cause {
        message.push_str(": ");
        message.push_str(&next.to_string());
        cause = next.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_targets_never_carry_credentials() {
        let config: Config = "postgres://me:secret@db.example:5433/news".parse().unwrap();
        assert_eq!(describe(&config), "postgres://db.example:5433/news");
        assert_eq!(
            without_credentials("postgres://me:secret@db/x"),
            "postgres://***@db/x"
        );
        assert_eq!(without_credentials("postgres://db/x"), "postgres://db/x");
    }

    fn new_database() -> String {
        let server = test_server::TestServer::shared().unwrap_or_else(|e| panic!("{e}"));
        server.create_database().unwrap_or_else(|e| panic!("{e}"))
    }

    fn schema_version(store: &PostgresStore) -> i32 {
        let row = store
            .conn
            .borrow_mut()
            .client
            .query_one("SELECT version FROM observer_schema", &[])
            .unwrap();
        row.get(0)
    }

    /// A later schema version, as a future release would append it.
    const V2_FOR_TEST: &str = "
        ALTER TABLE events ADD COLUMN confidence real;
        CREATE TABLE truces (id text PRIMARY KEY, agreed date);";

    #[test]
    fn an_earlier_version_is_migrated_forward_and_a_newer_one_refused() {
        let url = new_database();
        let current = schema::MIGRATIONS.len() as i32;
        // A database as the first release wrote it, opened by this one, then by a later one.
        let store = PostgresStore::open_with_migrations(&url, &schema::MIGRATIONS[..1]).unwrap();
        assert_eq!(schema_version(&store), 1);
        store
            .conn
            .borrow_mut()
            .client
            .batch_execute(
                "INSERT INTO articles (id, text, text_hash, ingested_at, state)
                 VALUES ('a1', 'Text.', 'h', now(), 'coded')",
            )
            .unwrap();

        let store = PostgresStore::open(&url).unwrap();
        assert_eq!(schema_version(&store), current);
        let found = store
            .articles(&crate::ArticleFilter {
                text: Some("text".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(
            found.len(),
            1,
            "articles stored before search are searchable"
        );
        let migrations = [schema::MIGRATIONS, &[V2_FOR_TEST]].concat();
        let store = PostgresStore::open_with_migrations(&url, &migrations).unwrap();
        assert_eq!(schema_version(&store), current + 1);
        assert_eq!(store.stats().unwrap().articles, 1);

        let error = PostgresStore::open(&url).err().unwrap();
        assert!(
            matches!(
                error,
                StoreError::SchemaTooNew { found, supported, .. }
                    if found == i64::from(current) + 1 && supported == i64::from(current)
            ),
            "{error}"
        );
        assert!(error.to_string().contains("newer Observer"), "{error}");
    }

    /// Writes the version 1 fixture with version 1's columns.
    fn write_version_1_data(url: &str) {
        use crate::schema_history::*;
        let store = PostgresStore::open_with_migrations(url, &schema::MIGRATIONS[..1]).unwrap();
        let mut conn = store.conn.borrow_mut();
        let mut tx = conn.client.transaction().unwrap();
        let published: chrono::NaiveDate = PUBLISHED.parse().unwrap();
        let extra: serde_json::Value = serde_json::from_str(EXTRA).unwrap();
        tx.execute(
            "INSERT INTO articles (id, source, published, text, text_hash, extra,
                                   extractor_version, ingested_at, state, codings, source_folded)
             VALUES ($1, 'Test Wire', $2, $3, $4, $5, 'x1', now(), 'coded', 1, 'test wire')",
            &[&ARTICLE_ID, &published, &TEXT, &TEXT_HASH, &extra],
        )
        .unwrap();
        let json: serde_json::Value = serde_json::from_str(EVENT_JSON).unwrap();
        tx.execute(
            "INSERT INTO events (id, article_id, type, mode, cameo, source_country,
                                 target_country, place_name, place_country, date_start, date_end,
                                 stance, negated, hypothetical, background, actor_search,
                                 place_search, countries, json)
             VALUES ($1, $2, 'ASSAULT', 'shelling', '194', 'COD', 'COD', 'Goma', 'COD',
                     '2024-03-05', '2024-03-05', 'alleged', false, false, false,
                     ARRAY['rebels', 'civilians', 'military'], ARRAY['goma', 'nord-kivu'],
                     ARRAY['COD'], $3)",
            &[&EVENT_ID, &ARTICLE_ID, &json],
        )
        .unwrap();
        tx.commit().unwrap();
    }

    /// Every column and index of the database's tables.
    fn schema_of(url: &str) -> Vec<String> {
        let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
        let columns = "SELECT table_name || '.' || column_name || ' ' || data_type || ' '
                              || is_nullable || ' ' || coalesce(column_default, '')
                       FROM information_schema.columns WHERE table_schema = current_schema()";
        let indexes = "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()";
        let mut schema: Vec<String> = [columns, indexes]
            .iter()
            .flat_map(|query| client.query(*query, &[]).unwrap())
            .map(|row| row.get(0))
            .collect();
        schema.sort();
        schema
    }

    /// Generic over the migrations, so it covers every version appended later: a database of
    /// each earlier version (holding data written by version 1) is migrated to the latest, ends
    /// with the schema of a new database, reads its old data back and takes new data; every older
    /// release then refuses it untouched.
    #[test]
    fn every_earlier_version_migrates_forward_keeping_its_data() {
        let latest = schema::MIGRATIONS.len();
        let fresh = new_database();
        drop(PostgresStore::open(&fresh).unwrap());
        for from in 0..=latest {
            let url = new_database();
            if from >= 1 {
                write_version_1_data(&url);
            }
            drop(PostgresStore::open_with_migrations(&url, &schema::MIGRATIONS[..from]).unwrap());

            let mut store = PostgresStore::open(&url).unwrap();
            assert_eq!(schema_version(&store), latest as i32, "from version {from}");
            assert_eq!(schema_of(&url), schema_of(&fresh), "from version {from}");
            if from >= 1 {
                crate::schema_history::assert_version_1_data_reads_back(&store);
            }
            let article = Article {
                id: "new".into(),
                url: None,
                source: None,
                published: None,
                title: None,
                text: "Talks resumed in Geneva on Monday.".into(),
                lang: None,
                extra: Default::default(),
            };
            store
                .save_batch(&[Coded {
                    article,
                    events: vec![],
                    extractor_version: "x2".into(),
                }])
                .unwrap();
            assert_eq!(store.stats().unwrap().articles, 1 + u64::from(from >= 1));
            drop(store);

            for older in 0..latest {
                let error = PostgresStore::open_with_migrations(&url, &schema::MIGRATIONS[..older])
                    .err()
                    .unwrap();
                assert!(matches!(error, StoreError::SchemaTooNew { .. }), "{error}");
            }
            let store = PostgresStore::open(&url).unwrap();
            assert_eq!(schema_version(&store), latest as i32);
        }
    }

    #[test]
    fn a_failing_migration_leaves_the_database_unchanged() {
        let url = new_database();
        drop(PostgresStore::open(&url).unwrap());
        let broken = "CREATE TABLE claims (id text); ALTER TABLE no_such_table ADD COLUMN x int;";
        let migrations = [schema::MIGRATIONS, &[broken]].concat();
        let error = PostgresStore::open_with_migrations(&url, &migrations)
            .err()
            .unwrap();
        assert!(
            matches!(error, StoreError::Migration { version, .. } if version == schema::MIGRATIONS.len() + 1),
            "{error}"
        );
        let store = PostgresStore::open(&url).unwrap();
        assert_eq!(schema_version(&store), schema::MIGRATIONS.len() as i32);
        let claims: Option<String> = store
            .conn
            .borrow_mut()
            .client
            .query_one("SELECT to_regclass('claims')::text", &[])
            .unwrap()
            .get(0);
        assert_eq!(claims, None);
    }

    #[test]
    fn workers_opening_a_new_database_together_migrate_it_once() {
        let url = new_database();
        let openers: Vec<_> = (0..4)
            .map(|_| {
                let url = url.clone();
                std::thread::spawn(move || PostgresStore::open(&url).map(|_| ()))
            })
            .collect();
        for opener in openers {
            opener.join().unwrap().unwrap();
        }
        assert_eq!(
            schema_version(&PostgresStore::open(&url).unwrap()),
            schema::MIGRATIONS.len() as i32
        );
    }

    #[test]
    fn a_later_save_of_an_article_in_the_same_batch_wins() {
        let items = [("b", 1), ("a", 2), ("b", 3)];
        let latest = latest_by_id(&items, |item| item.0);
        assert_eq!(latest, [&("a", 2), &("b", 3)]);
    }
}
