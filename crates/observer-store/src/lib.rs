//! Storage of articles and their coded events behind one trait, [`Store`].
//!
//! Extraction and the CLI code against [`Store`] only: [`sqlite::SqliteStore`] is the embedded
//! default, [`postgres::PostgresStore`] the database that many workers on many machines share.
//! [`open`] picks the backend from a spec string (a file path, `sqlite:PATH`, or a
//! `postgres://` URL). A backend that can hold articles un-coded for workers also implements
//! [`Queue`], reached through [`Store::as_queue`].

mod columns;
mod events_query;
pub mod postgres;
#[cfg(test)]
mod schema_history;
pub mod sqlite;
mod stored_event;

use std::path::{Path, PathBuf};

pub use observer_model::{Article, Event, EventType};

/// Why a store operation failed. Messages name the database and the problem.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The spec names a backend this build cannot use.
    #[error("{0}")]
    Unsupported(String),
    /// The spec cannot name any store.
    #[error("invalid store {spec:?}: {problem}")]
    InvalidSpec { spec: String, problem: String },
    #[error("cannot create directory {} for the database: {source}", dir.display())]
    CreateDir {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("database {path}: {source}")]
    Sqlite {
        path: String,
        source: rusqlite::Error,
    },
    #[error("database {path}: cannot save article {article_id}: {source}")]
    Save {
        path: String,
        article_id: String,
        source: rusqlite::Error,
    },
    #[error(
        "database {path} has schema version {found}, which this build of Observer does not know \
         (it knows versions up to {supported}); it was probably written by a newer Observer: \
         upgrade Observer to use it"
    )]
    SchemaTooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error("database {path}: migration to schema version {version} failed: {source}")]
    Migration {
        path: String,
        version: usize,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A PostgreSQL request failed; `target` names the server and database, never the password.
    /// The message carries the whole chain of causes (the server's own words are in the last).
    #[error("database {target}: {}", postgres::error_chain(error))]
    Postgres {
        target: String,
        error: ::postgres::Error,
    },
    #[error("{path} is not an Observer database (its SQLite application id is {found:#x})")]
    NotObserver { path: String, found: i64 },
    /// Data read back from the database does not parse.
    #[error("database {path}: stored {what} is not valid: {problem}")]
    Corrupt {
        path: String,
        what: String,
        problem: String,
    },
    /// Data handed to the store is inconsistent; nothing was written.
    #[error("database {path}: {problem}")]
    Invalid { path: String, problem: String },
}

/// A stored article's identity, to decide whether a re-ingested article is new, unchanged or revised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredArticle {
    pub id: String,
    pub text_hash: String,
    /// The extractor that coded it; empty while it waits un-coded in a [`Queue`] (or its
    /// coding failed).
    pub extractor_version: String,
}

/// An article with the events extracted from it, ready to store.
#[derive(Debug, Clone)]
pub struct Coded {
    pub article: Article,
    pub events: Vec<Event>,
    pub extractor_version: String,
}

/// Which events [`Store::events`] returns; every field set narrows the result.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Events whose date range ends on or after this day.
    pub since: Option<chrono::NaiveDate>,
    /// Events whose date range starts on or before this day.
    pub until: Option<chrono::NaiveDate>,
    /// Case-insensitive substring of the source, target or claimant name, text or CAMEO code.
    pub actor: Option<String>,
    /// ISO3 code of the source, target or place country (case-insensitive exact match).
    pub country: Option<String>,
    pub event_type: Option<EventType>,
    /// Case-insensitive substring of the place name or admin1.
    pub place: Option<String>,
    /// The outlet: case-insensitive substring of the article's source.
    pub source: Option<String>,
    pub article_id: Option<String>,
    /// Events placed inside this box.
    pub bbox: Option<BoundingBox>,
    /// Only the events after this one in the events order (for paging).
    pub after: Option<EventCursor>,
    pub limit: Option<usize>,
}

/// A box of longitude and latitude in degrees. When `west` is greater than `east` the box
/// crosses the antimeridian.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundingBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

/// The place of an event in the order of [`Store::events`], to go on after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventCursor {
    pub date_start: Option<chrono::NaiveDate>,
    pub article_id: String,
    pub id: String,
}

impl EventCursor {
    /// The cursor that continues after `event`.
    pub fn after(event: &Event) -> EventCursor {
        EventCursor {
            date_start: event.date.as_ref().and_then(|date| date.start),
            article_id: event.article_id.clone(),
            id: event.id.clone(),
        }
    }
}

/// Which articles [`Store::articles`] returns; every field set narrows the result.
#[derive(Debug, Clone, Default)]
pub struct ArticleFilter {
    /// Published on or after this day.
    pub since: Option<chrono::NaiveDate>,
    /// Published on or before this day.
    pub until: Option<chrono::NaiveDate>,
    /// The outlet: case-insensitive substring of the article's source.
    pub source: Option<String>,
    /// Full-text search: articles whose title or text holds every word (runs of letters and
    /// digits; any other character only separates words, it is never search syntax).
    pub text: Option<String>,
    /// Articles with at least one event this filter matches (its cursor and limit are ignored).
    pub events: Option<EventFilter>,
    /// Only the articles after this one in the articles order (for paging).
    pub after: Option<ArticleCursor>,
    pub limit: Option<usize>,
}

/// The place of an article in the order of [`Store::articles`], to go on after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleCursor {
    pub published: Option<chrono::NaiveDate>,
    pub id: String,
}

/// An article without its text, as [`Store::articles`] lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSummary {
    pub id: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<chrono::NaiveDate>,
    pub title: Option<String>,
    /// How many events were coded from it.
    pub events: u64,
}

/// The events of one type at one located place, as [`Store::event_map`] groups them.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPoint {
    pub event_type: EventType,
    pub place_name: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub precision: Option<observer_model::PlacePrecision>,
    /// How many events of the filter share this type and place.
    pub events: u64,
    /// The first of those events by id.
    pub first_event_id: String,
}

/// How many events of one type start on one day, as [`Store::timeline`] counts them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayCount {
    pub day: chrono::NaiveDate,
    pub event_type: EventType,
    pub events: u64,
}

/// How much a store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    pub articles: u64,
    pub events: u64,
}

/// What a feed's last response said for the next conditional request (`If-None-Match`,
/// `If-Modified-Since`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedValidators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// Articles and their events, kept by one backend.
pub trait Store: Send {
    /// The stored article that `article` duplicates: same id; or same source and url (when url is set);
    /// or same text hash (Article::text_hash). None when it is new.
    fn find_existing(&self, article: &Article) -> Result<Option<StoredArticle>, StoreError>;
    /// Saves a batch in ONE transaction. Each article is upserted by id; its previously stored events are
    /// deleted and replaced by the new ones in the same transaction (a re-coded article replaces its
    /// events atomically). Unknown article fields (Article::extra) are kept as JSON.
    fn save_batch(&mut self, batch: &[Coded]) -> Result<(), StoreError>;
    /// Announces a run of [`Store::save_batch`] calls (a large ingest), so the backend may put
    /// off work that is cheaper done once at the end, in [`Store::end_bulk_load`]: SQLite builds
    /// the indexes that only serve reads then, when the database had no events. Until then
    /// queries still answer, more slowly. If the process dies in between, nothing is lost and
    /// queries still answer (slowly): the next bulk load finishes the work first. By default,
    /// nothing is put off.
    fn begin_bulk_load(&mut self) -> Result<(), StoreError> {
        Ok(())
    }
    /// Ends what [`Store::begin_bulk_load`] started; calling it without a bulk load does nothing.
    fn end_bulk_load(&mut self) -> Result<(), StoreError> {
        Ok(())
    }
    /// Events matching the filter, ordered by date start (nulls last), then article id, then event id.
    fn events(&self, filter: &EventFilter) -> Result<Vec<Event>, StoreError>;
    fn event(&self, id: &str) -> Result<Option<Event>, StoreError>;
    fn article(&self, id: &str) -> Result<Option<Article>, StoreError>;
    /// Summaries of the articles matching the filter, newest first (undated last), then by id.
    fn articles(&self, filter: &ArticleFilter) -> Result<Vec<ArticleSummary>, StoreError>;
    /// The located events matching the filter (its cursor and limit ignored), grouped by type
    /// and place, the largest groups first.
    fn event_map(&self, filter: &EventFilter) -> Result<Vec<MapPoint>, StoreError>;
    /// The events matching the filter (its cursor and limit ignored) that are dated to the day
    /// or week, counted per first day and type, in day order.
    fn timeline(&self, filter: &EventFilter) -> Result<Vec<DayCount>, StoreError>;
    fn stats(&self) -> Result<Stats, StoreError>;
    /// The validators saved for a watched feed; `None` for a feed never polled.
    fn feed_validators(&self, feed_url: &str) -> Result<Option<FeedValidators>, StoreError>;
    /// Saves a watched feed's validators after a poll.
    fn save_feed_validators(
        &mut self,
        feed_url: &str,
        validators: &FeedValidators,
    ) -> Result<(), StoreError>;
    /// Whether an item of a watched feed was handled already (by its guid, id or link).
    fn item_seen(&self, feed_url: &str, item_key: &str) -> Result<bool, StoreError>;
    /// Records an item of a watched feed as handled, with the article stored for it if any.
    fn mark_item_seen(
        &mut self,
        feed_url: &str,
        item_key: &str,
        article_id: Option<&str>,
    ) -> Result<(), StoreError>;
    /// Replaces the stored event clusters (`observer-ledger`'s resolution) with `memberships`,
    /// pairs of (event id, cluster id), in one transaction. Every event id must be stored; a
    /// membership goes when its event does (a re-coded article's events are clustered again).
    fn save_cluster_membership(
        &mut self,
        memberships: &[(String, String)],
    ) -> Result<(), StoreError>;
    /// The stored (event id, cluster id) pairs, sorted by event id.
    fn cluster_membership(&self) -> Result<Vec<(String, String)>, StoreError>;
    /// The work queue of this store, when its backend has one (PostgreSQL).
    fn as_queue(&mut self) -> Option<&mut dyn Queue> {
        None
    }
}

/// An article a worker could not code, and why; it is kept, marked failed, and not retried
/// until it is queued again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub article_id: String,
    pub reason: String,
}

/// What a worker made of the articles of one claimed batch: one entry per article.
pub type CodedBatch = Vec<Result<Coded, Failure>>;

/// How many articles wait, are coded, or failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueueStats {
    /// Waiting to be coded, including those claimed by a worker that has not committed yet.
    pub queued: u64,
    pub coded: u64,
    pub failed: u64,
}

/// Articles stored un-coded, for any number of workers to claim, code and save.
///
/// The contract: every queued article is coded by exactly one committed [`Queue::code_batch`],
/// even when workers die mid-batch or run on several machines; see the backend for how.
pub trait Queue {
    /// Stores articles un-coded and queues them, in one transaction. Each is upserted by id; an
    /// article whose text changed loses its old events at once (they would point into the old
    /// text), one whose text is unchanged keeps them until it is coded again. Like
    /// [`Store::save_batch`], deciding what is a duplicate is the caller's business.
    fn enqueue(&mut self, articles: &[Article]) -> Result<(), StoreError>;

    /// Claims up to `limit` queued articles, hands them to `code`, and saves what it returns,
    /// all in one transaction: on any error nothing is saved and the articles stay queued.
    /// `code` must answer for every article it was given, exactly once. Returns how many
    /// articles were claimed: 0 when none was free (the queue is empty, or every queued article
    /// is claimed by another worker).
    fn code_batch(
        &mut self,
        limit: usize,
        code: &mut dyn FnMut(Vec<Article>) -> CodedBatch,
    ) -> Result<usize, StoreError>;

    fn queue_stats(&self) -> Result<QueueStats, StoreError>;
}

/// Opens a store from a spec: a file path or `sqlite:PATH` → SQLite (parent dirs created);
/// `:memory:` → a private in-memory SQLite database; a `postgres://…`/`postgresql://…` URL →
/// PostgreSQL (the database must exist; its schema is created or migrated).
pub fn open(spec: &str) -> Result<Box<dyn Store>, StoreError> {
    let spec = spec.trim();
    let path = match scheme(spec) {
        Some(scheme) if scheme.eq_ignore_ascii_case("sqlite") => sqlite_path(spec),
        Some(scheme)
            if scheme.eq_ignore_ascii_case("postgres")
                || scheme.eq_ignore_ascii_case("postgresql") =>
        {
            return Ok(Box::new(postgres::PostgresStore::open(spec)?));
        }
        Some(scheme) => {
            // The spec is not echoed: a URL may carry a password.
            return Err(StoreError::Unsupported(format!(
                "{scheme}:// is not a known store: use a SQLite file path, sqlite:PATH or a \
                 postgres:// URL"
            )));
        }
        None => spec,
    };
    if path.is_empty() {
        return Err(StoreError::InvalidSpec {
            spec: spec.to_string(),
            problem: "no database path given".to_string(),
        });
    }
    let store = if path == ":memory:" {
        sqlite::SqliteStore::open_in_memory()?
    } else {
        sqlite::SqliteStore::open(Path::new(path))?
    };
    Ok(Box::new(store))
}

/// The URL scheme of a spec (`postgres` in `postgres://…`, `sqlite` in `sqlite:x.db`), if it has one.
/// Only `sqlite` may stand without `//`, so that a file name with a colon stays a path.
fn scheme(spec: &str) -> Option<&str> {
    let (scheme, rest) = spec.split_once(':')?;
    let is_scheme = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (is_scheme && (rest.starts_with("//") || scheme.eq_ignore_ascii_case("sqlite")))
        .then_some(scheme)
}

/// The path in `sqlite:PATH`, also accepting the URL forms `sqlite://rel` and `sqlite:///abs`.
fn sqlite_path(spec: &str) -> &str {
    let rest = spec.split_once(':').map_or(spec, |(_, rest)| rest);
    rest.strip_prefix("//").unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_name_their_backend() {
        assert_eq!(scheme("postgres://u:p@h/db"), Some("postgres"));
        assert_eq!(scheme("sqlite:data/x.db"), Some("sqlite"));
        assert_eq!(scheme("data/x.db"), None);
        assert_eq!(scheme("odd:name.db"), None);
        assert_eq!(sqlite_path("sqlite:data/x.db"), "data/x.db");
        assert_eq!(sqlite_path("sqlite:///tmp/x.db"), "/tmp/x.db");
        assert_eq!(sqlite_path("SQLITE://x.db"), "x.db");
    }

    #[test]
    fn failing_specs_are_reported_without_echoing_credentials() {
        // Port 1 on the loopback: nothing listens, so the connection is refused at once.
        for spec in [
            "postgres://me:secret@127.0.0.1:1/observer",
            "PostgreSQL://me:secret@127.0.0.1:1",
            "postgres://me:secret@127.0.0.1:notaport/observer",
        ] {
            let message = open(spec).err().unwrap().to_string();
            assert!(message.contains("127.0.0.1"), "{message}");
            assert!(!message.contains("secret"), "{message}");
        }
        let message = open("mysql://db").err().unwrap().to_string();
        assert!(
            message.contains("mysql:// is not a known store"),
            "{message}"
        );
        assert!(matches!(
            open("sqlite:").err().unwrap(),
            StoreError::InvalidSpec { .. }
        ));
    }
}
