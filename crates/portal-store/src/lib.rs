//! The portal's storage: every record, every query, the migrations. The
//! only crate that contains SQL.
//!
//! Handlers, services and the demo loader call methods of [`Store`] with
//! domain values and get domain values back ([`records`], the shared types
//! of `portal-types`, or errors of [`StoreError`]); they never see a
//! connection, a query or the driver's error type. This crate depends on
//! `portal-types` and nothing of the server: the server depends on it, never
//! the other way (ARCHITECTURE.md, "Layers").
//!
//! Two small leaves live here because the store needs them and everything
//! above uses them too: [`clock`] (the city's dates) and [`codes`]
//! (reference numbers and query codes, which the store makes unique).

mod blacklist;
pub mod cases;
pub mod clock;
pub mod codes;
mod decisions;
mod demo;
pub mod education;
pub mod enforcement;
mod enterprises;
pub mod listings;
pub mod publishing;
pub mod records;
mod repair;
mod reports;
mod site;
pub mod sitemap;
pub mod staff;

use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

pub use demo::DemoState;
pub use repair::{RepairOutcome, RepairRecord};
pub use reports::{Idempotency, ReportRecord, Stored};

/// The portal's records.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
}

/// Why the store could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The URL is not a database URL this build understands.
    #[error("unsupported database URL {0:?}: use sqlite:PATH (PostgreSQL is not supported yet)")]
    UnsupportedUrl(String),
    /// The folder of the database file could not be created.
    #[error("cannot create the folder of the database: {0}")]
    Folder(#[from] std::io::Error),
    /// The database refused to open.
    #[error(transparent)]
    Database(#[from] StoreError),
    /// A migration failed.
    #[error("cannot migrate the database: {0}")]
    Migration(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl From<sqlx::Error> for OpenError {
    fn from(error: sqlx::Error) -> Self {
        Self::Database(error.into())
    }
}

impl From<sqlx::migrate::MigrateError> for OpenError {
    fn from(error: sqlx::migrate::MigrateError) -> Self {
        Self::Migration(Box::new(error))
    }
}

/// Why a store operation failed. Callers see what they can act on (the
/// database is busy; a stored row is not what the schema promises; the
/// database failed) and never the database driver's own error type.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No connection became free in time: the database is overloaded or
    /// unreachable. Worth retrying later.
    #[error("the database is busy: no connection became free in time")]
    Busy,
    /// A stored value could not be read as the record it belongs to (an
    /// unknown slug, a malformed date): the data breaks the schema's
    /// promises.
    #[error("a stored record is corrupt: {0}")]
    Corrupt(String),
    /// A value could not be written in the form the store keeps it.
    #[error("a value could not be stored: {0}")]
    Encode(String),
    /// The database failed.
    #[error("database error: {0}")]
    Database(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl StoreError {
    /// A stored value that is not what it should be.
    pub(crate) fn corrupt(what: impl std::fmt::Display) -> Self {
        Self::Corrupt(what.to_string())
    }

    /// A value that could not be encoded for storage.
    pub(crate) fn encode(what: impl std::fmt::Display) -> Self {
        Self::Encode(what.to_string())
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::PoolTimedOut => Self::Busy,
            sqlx::Error::Decode(e) | sqlx::Error::ColumnDecode { source: e, .. } => {
                Self::Corrupt(e.to_string())
            }
            sqlx::Error::Encode(e) => Self::Encode(e.to_string()),
            other => Self::Database(Box::new(other)),
        }
    }
}

impl Store {
    /// Opens (creating it if needed) and migrates the database at `url`.
    pub async fn open(url: &str) -> Result<Self, OpenError> {
        let Some(path) = url.strip_prefix("sqlite:") else {
            return Err(OpenError::UnsupportedUrl(url.to_owned()));
        };
        let path = path.trim_start_matches("//");
        if let Some(folder) = std::path::Path::new(path).parent()
            && !folder.as_os_str().is_empty()
        {
            std::fs::create_dir_all(folder)?;
        }
        let options = SqliteConnectOptions::from_str(&format!("sqlite://{path}"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // With WAL, NORMAL loses no committed transaction when the process
            // dies; only a power cut can lose the last few.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // 1 MiB of page cache per connection: the search index answers
            // the heavy questions, and the OS caches the file too.
            .pragma("cache_size", "-1000")
            .pragma("temp_store", "memory");
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Self { pool })
    }

    /// Whether the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        sqlx::query_scalar::<_, i64>("SELECT 1")
            .fetch_one(&self.pool)
            .await
            .is_ok()
    }

    /// Closes every connection, waiting for queries in flight.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
