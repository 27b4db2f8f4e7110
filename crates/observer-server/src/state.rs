//! What every request handler shares: a pool of store connections and the extractor.
//!
//! The [`observer_store::Store`] trait is synchronous, so handlers run store calls on Tokio's
//! blocking threads ([`AppState::with_store`]). Each call borrows its own connection from an
//! r2d2 pool rather than sharing one behind a mutex: SQLite in WAL mode (and PostgreSQL) serve
//! readers on separate connections at once, so concurrent requests do not queue behind each
//! other, and a write waits for the database's lock (busy timeout) without blocking reads.

use std::sync::Arc;
use std::time::Duration;

use observer_extract::Extractor;
use observer_store::{Store, StoreError};

use crate::error::ApiError;

/// Opens store connections for the pool from one spec (a SQLite path or a PostgreSQL URL).
#[derive(Debug)]
pub struct StoreManager {
    spec: String,
}

impl r2d2::ManageConnection for StoreManager {
    type Connection = Box<dyn Store>;
    type Error = StoreError;

    fn connect(&self) -> Result<Box<dyn Store>, StoreError> {
        observer_store::open(&self.spec)
    }

    fn is_valid(&self, _store: &mut Box<dyn Store>) -> Result<(), StoreError> {
        Ok(())
    }

    fn has_broken(&self, _store: &mut Box<dyn Store>) -> bool {
        false
    }
}

/// The pool, the extractor and the write token, shared by all handlers.
#[derive(Clone)]
pub struct AppState {
    pool: r2d2::Pool<StoreManager>,
    pub extractor: Arc<Extractor>,
    /// The BLAKE3 hash of the bearer token that writes need; `None` when writes are disabled.
    pub token_hash: Option<[u8; 32]>,
}

/// How long a request waits for a free connection before it fails.
const CONNECTION_WAIT: Duration = Duration::from_secs(10);

impl AppState {
    /// Opens the store once (creating or migrating it, and failing early on a bad spec), then
    /// builds a pool of at most `connections` connections to it.
    pub fn new(
        db: &str,
        connections: u32,
        extractor: Extractor,
        token: Option<&str>,
    ) -> Result<AppState, StoreError> {
        if db.trim() == ":memory:" {
            // Every pooled connection would open a different, empty database.
            return Err(StoreError::InvalidSpec {
                spec: db.to_string(),
                problem: "the server needs a database file or a PostgreSQL URL".to_string(),
            });
        }
        let first = observer_store::open(db)?;
        let pool = r2d2::Pool::builder()
            .max_size(connections.max(1))
            .min_idle(Some(1))
            .connection_timeout(CONNECTION_WAIT)
            .test_on_check_out(false)
            .build_unchecked(StoreManager {
                spec: db.to_string(),
            });
        drop(first);
        Ok(AppState {
            pool,
            extractor: Arc::new(extractor),
            token_hash: token.map(token_hash),
        })
    }

    /// Runs `work` with a store connection on a blocking thread.
    pub async fn with_store<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut dyn Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut store = pool
                .get()
                .map_err(|e| ApiError::internal(format!("no database connection: {e}")))?;
            work(store.as_mut())
        })
        .await
        .map_err(|e| ApiError::internal(format!("request task failed: {e}")))?
    }
}

/// The hash under which a token is kept and compared: equal-length values, so the constant-time
/// comparison does not reveal the token's length either.
pub fn token_hash(token: &str) -> [u8; 32] {
    *blake3::hash(token.as_bytes()).as_bytes()
}
