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

/// Runs `$body` on the store's database with `$pool` bound to its pool
/// (written like a closure, `on_db!(self, |pool| …)`, so that rustfmt
/// formats it; it is not one). The
/// body is compiled once for each backend, so one text of SQL and Rust
/// serves both; where the dialects differ, [`Dialect::pick`] chooses.
macro_rules! on_db {
    ($store:expr, |$pool:ident| $body:expr) => {
        match &$store.db {
            crate::Db::Sqlite($pool) => $body,
            crate::Db::Postgres($pool) => $body,
        }
    };
}

/// Implements a trait for both backends' transactions with one body (the
/// helpers that run inside a caller's transaction), compiled once for each.
macro_rules! impl_for_transactions {
    ($trait:path { $($body:tt)* }) => {
        impl $trait for sqlx::Transaction<'_, sqlx::Sqlite> {
            $($body)*
        }
        impl $trait for sqlx::Transaction<'_, sqlx::Postgres> {
            $($body)*
        }
    };
}

mod blacklist;
pub mod cases;
pub mod changes;
pub mod clock;
pub mod codes;
mod decisions;
mod demo;
pub mod education;
pub mod enforcement;
mod enterprises;
pub mod licences;
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

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool, Transaction};

pub use demo::DemoState;
pub use repair::{RepairOutcome, RepairRecord};
pub use reports::{Idempotency, ReportRecord, Stored};

/// The portal's records.
#[derive(Clone, Debug)]
pub struct Store {
    db: Db,
}

/// How a store is opened.
#[derive(Clone, Copy, Debug, Default)]
pub struct OpenOptions {
    /// When a SQLite commit reaches the disk (PostgreSQL: its own
    /// `synchronous_commit`, on by default).
    pub sqlite_synchronous: Synchronous,
}

/// When a SQLite commit reaches the disk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Synchronous {
    /// Before the commit returns: nothing acknowledged is lost to a power
    /// cut. The default.
    #[default]
    Full,
    /// At checkpoints: nothing is lost when the process dies, the last
    /// commits may be lost to a power cut. Faster; for benchmarks.
    Normal,
}

/// The database behind a [`Store`].
#[derive(Clone, Debug)]
enum Db {
    /// An embedded SQLite file (the default).
    Sqlite(SqlitePool),
    /// A PostgreSQL server, which several instances may share.
    Postgres(PgPool),
}

/// Which database a store runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The key of the advisory lock that every writing transaction takes on
/// PostgreSQL (`"portal"` in ASCII).
const WRITE_LOCK: i64 = 0x706f_7274_616c;

/// The key of the advisory lock an instance holds while it prepares the
/// database at start (`"portal-s"`).
const STARTUP_LOCK: i64 = 0x706f_7274_616c_2d73;

/// Held while an instance prepares the database at start (demo data,
/// education content), so that instances started together on one
/// PostgreSQL database take turns: the second finds the work done. On
/// SQLite, one process owns the file and the lock is nothing.
#[derive(Debug)]
pub struct StartupLock {
    connection: Option<sqlx::pool::PoolConnection<sqlx::Postgres>>,
}

impl StartupLock {
    /// Lets the next instance in.
    pub async fn release(mut self) -> Result<(), StoreError> {
        if let Some(mut connection) = self.connection.take() {
            sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(STARTUP_LOCK)
                .execute(&mut *connection)
                .await?;
        }
        Ok(())
    }
}

impl Drop for StartupLock {
    fn drop(&mut self) {
        // Not released (start-up failed half-way): ending the session
        // releases the lock.
        if let Some(connection) = self.connection.as_mut() {
            connection.close_on_drop();
        }
    }
}

/// What differs between the two databases, for code written once for both.
pub(crate) trait Dialect {
    type Database: sqlx::Database;

    /// Of two texts of SQL, the one written for this database.
    fn pick(&self, sqlite: &'static str, postgres: &'static str) -> &'static str;

    /// Begins a transaction that writes. SQLite lets one writer in at a
    /// time, and `BEGIN IMMEDIATE` takes that lock at once, so that what the
    /// transaction reads stays true until it commits (a reference number
    /// checked free, an Idempotency-Key checked unused). On PostgreSQL each
    /// such transaction takes one advisory lock first, which serialises
    /// writers the same way, across every instance sharing the database.
    fn begin_write(
        &self,
    ) -> impl Future<Output = Result<Transaction<'static, Self::Database>, sqlx::Error>> + Send;
}

impl Dialect for SqlitePool {
    type Database = sqlx::Sqlite;

    fn pick(&self, sqlite: &'static str, _postgres: &'static str) -> &'static str {
        sqlite
    }

    async fn begin_write(&self) -> Result<Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
        self.begin_with("BEGIN IMMEDIATE").await
    }
}

impl Dialect for PgPool {
    type Database = sqlx::Postgres;

    fn pick(&self, _sqlite: &'static str, postgres: &'static str) -> &'static str {
        postgres
    }

    async fn begin_write(&self) -> Result<Transaction<'static, sqlx::Postgres>, sqlx::Error> {
        let mut tx = self.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(WRITE_LOCK)
            .execute(&mut *tx)
            .await?;
        Ok(tx)
    }
}

/// Why the store could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The URL is not a database URL this build understands.
    #[error(
        "unsupported database URL {0:?}: use sqlite:PATH or postgres://USER@HOST:PORT/DATABASE"
    )]
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

/// Why a backup was not made.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The database is PostgreSQL: its own tools back it up.
    #[error("this database is PostgreSQL: back it up with pg_dump (see the README)")]
    Postgres,
    /// The file is there already; a backup never overwrites one.
    #[error("{0} exists already; choose a new file")]
    Exists(std::path::PathBuf),
    /// SQLite takes the file's name as text.
    #[error("the file's name is not UTF-8")]
    NotUtf8,
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
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
    /// Opens and migrates the database at `url`: `sqlite:PATH` (the file
    /// and its folder are created if needed) or `postgres://…` (the
    /// database must exist), with the default options.
    pub async fn open(url: &str) -> Result<Self, OpenError> {
        Self::open_with(url, &OpenOptions::default()).await
    }

    /// Opens and migrates the database at `url` with `options`.
    pub async fn open_with(url: &str, options: &OpenOptions) -> Result<Self, OpenError> {
        if let Some(path) = url.strip_prefix("sqlite:") {
            return Self::open_sqlite(path, options).await;
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Self::open_postgres(url).await;
        }
        Err(OpenError::UnsupportedUrl(url.to_owned()))
    }

    async fn open_sqlite(path: &str, open: &OpenOptions) -> Result<Self, OpenError> {
        let path = path.trim_start_matches("//");
        if let Some(folder) = std::path::Path::new(path).parent()
            && !folder.as_os_str().is_empty()
        {
            std::fs::create_dir_all(folder)?;
        }
        let options = SqliteConnectOptions::from_str(&format!("sqlite://{path}"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a commit is on the disk before it returns, so that an
            // acknowledged report survives a power cut, not only the
            // process dying (NORMAL, with WAL, can lose the last commits to
            // a power cut). BENCHMARKS.md measures what it costs.
            .synchronous(match open.sqlite_synchronous {
                Synchronous::Full => SqliteSynchronous::Full,
                Synchronous::Normal => SqliteSynchronous::Normal,
            })
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
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(Self {
            db: Db::Sqlite(pool),
        })
    }

    async fn open_postgres(url: &str) -> Result<Self, OpenError> {
        // Instants travel as `timestamptz`; UTC keeps what SQL writes of
        // them (JSON built in a query) the same on every server.
        let options = PgConnectOptions::from_str(url)?
            .application_name("portal-server")
            .options([("timezone", "UTC")]);
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(Self {
            db: Db::Postgres(pool),
        })
    }

    /// Waits until no other instance is preparing the database, and keeps
    /// the others out until [`StartupLock::release`].
    pub async fn startup_lock(&self) -> Result<StartupLock, StoreError> {
        match &self.db {
            Db::Sqlite(_) => Ok(StartupLock { connection: None }),
            Db::Postgres(pool) => {
                let mut connection = pool.acquire().await?;
                sqlx::query("SELECT pg_advisory_lock($1)")
                    .bind(STARTUP_LOCK)
                    .execute(&mut *connection)
                    .await?;
                Ok(StartupLock {
                    connection: Some(connection),
                })
            }
        }
    }

    /// Writes a consistent copy of a SQLite database to `to` while it
    /// serves (`VACUUM INTO`: one read transaction, so the copy is the
    /// database as of one moment, compacted; the file must not exist).
    /// A PostgreSQL database is backed up with `pg_dump`, not here.
    pub async fn backup_to(&self, to: &std::path::Path) -> Result<(), BackupError> {
        let Db::Sqlite(pool) = &self.db else {
            return Err(BackupError::Postgres);
        };
        if to.exists() {
            return Err(BackupError::Exists(to.to_path_buf()));
        }
        let path = to.to_str().ok_or(BackupError::NotUtf8)?;
        sqlx::query("VACUUM INTO $1")
            .bind(path)
            .execute(pool)
            .await
            .map_err(StoreError::from)?;
        Ok(())
    }

    /// The connections the pool holds, and of them, how many are idle.
    pub fn pool_status(&self) -> (u32, usize) {
        on_db!(self, |pool| (pool.size(), pool.num_idle()))
    }

    /// Which database this store runs on.
    pub fn backend(&self) -> Backend {
        match self.db {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Whether the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        on_db!(self, |pool| sqlx::query_scalar::<_, i32>("SELECT 1")
            .fetch_one(pool)
            .await
            .is_ok())
    }

    /// Closes every connection, waiting for queries in flight.
    pub async fn close(&self) {
        on_db!(self, |pool| pool.close().await);
    }
}
