//! Caigou's storage: one SQL code path over SQLite (embedded default) and PostgreSQL
//! (production), files in an object store, and the audit chain appended in the same
//! transaction as every change.
//!
//! Queries are written once with `$1…` placeholders through sqlx's `Any` driver; only what truly
//! differs between the dialects branches on [`DbKind`] (transaction start, backup).

// Features, in folders that mirror the domain's; the crate root names each module directly too
// (`caigou_store::plans`), so callers say what they use, not where it is filed.
pub mod evaluation;
pub mod planning;
pub mod tender;
pub use planning::{approvals, budget, intentions, plans, requests};
pub use tender::{bids, custodians, deposits, docmeta, documents, opening, projects, templates, tendering};

// The platform every feature stands on.
pub mod audit;
pub mod audit_names;
pub mod backup;
pub mod calendar;
pub mod catalog;
pub mod clock;
pub mod csvfile;
mod error;
pub mod files;
pub mod jobs;
pub mod notify;
pub mod portal;
pub mod rate_limits;
pub mod regions;
pub mod reminders;
pub(crate) mod row;
pub mod scheduled;
mod scope;
pub mod statutory;
pub mod suppliers;
pub mod translog;
pub mod users;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, ConnectOptions, Executor};

pub use clock::Clock;

/// Every timed transition's handler, registered by the feature that owns it. Servers, the demo
/// and tests run [`scheduled::run_due`] with these.
pub fn job_handlers() -> scheduled::Handlers {
    opening::register(projects::register(scheduled::Handlers::default()))
}
pub use error::StoreError;

pub type Tx = sqlx::Transaction<'static, Any>;
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Which database is behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbKind {
    Sqlite,
    Postgres,
}

/// Connection settings, parsed from the command line or the environment.
#[derive(Debug, Clone)]
pub struct StoreConfig {
    /// `sqlite://…` or `postgres://…`. `None`: `sqlite://<data dir>/caigou.db`.
    pub database_url: Option<String>,
    /// Holds the SQLite file (by default) and the uploaded files (by default).
    pub data_dir: PathBuf,
    /// `file:///…`, `s3://bucket/prefix?endpoint=…`; `None`: `<data dir>/files`.
    pub object_store_url: Option<String>,
    pub max_connections: u32,
    /// How long a SQLite writer waits for another's lock before the request is answered 503
    /// `db.busy` (nothing written, retry).
    pub busy_timeout_ms: u32,
}

impl StoreConfig {
    pub fn new(data_dir: impl Into<PathBuf>) -> StoreConfig {
        StoreConfig { database_url: None, data_dir: data_dir.into(), object_store_url: None, max_connections: 16, busy_timeout_ms: 10_000 }
    }

    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.data_dir.join("caigou.db").display()),
        }
    }
}

/// The handle every shell holds: a pool, the object store and the clock. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    kind: DbKind,
    files: files::FileStore,
    clock: Clock,
    sqlite_path: Option<PathBuf>,
    /// The transparency log's key pair and origin once read: it never changes after it is made,
    /// and every receipt needs it.
    log_key: std::sync::Arc<std::sync::OnceLock<(caigou_seal::KeyPair, String)>>,
}

impl Store {
    /// Connects (creating the SQLite file and the data dir if needed). Does not migrate.
    pub async fn connect(config: &StoreConfig) -> Result<Store> {
        sqlx::any::install_default_drivers();
        std::fs::create_dir_all(&config.data_dir)
            .map_err(|e| StoreError::Internal(format!("cannot create data dir {}: {e}", config.data_dir.display())))?;
        let url = config.database_url();
        let kind = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            DbKind::Postgres
        } else if url.starts_with("sqlite:") {
            DbKind::Sqlite
        } else {
            return Err(StoreError::Internal(format!("unsupported database URL {url:?}: use sqlite://… or postgres://…")));
        };
        let (url, sqlite_path) = match kind {
            DbKind::Sqlite => {
                let path =
                    url.trim_start_matches("sqlite://").trim_start_matches("sqlite:").split('?').next().unwrap_or_default().to_string();
                (format!("sqlite://{path}?mode=rwc"), Some(PathBuf::from(path)))
            }
            DbKind::Postgres => (url, None),
        };
        let options = AnyConnectOptions::from_str(&url)?
            .log_statements(tracing::log::LevelFilter::Trace)
            .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_secs(1));
        let busy_timeout_ms = config.busy_timeout_ms;
        let pool = AnyPoolOptions::new()
            .max_connections(config.max_connections)
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _meta| {
                let busy = format!("PRAGMA busy_timeout={busy_timeout_ms}");
                Box::pin(async move {
                    if kind == DbKind::Sqlite {
                        // WAL for concurrent readers; FULL so an acknowledged commit survives power
                        // loss; foreign keys on; writers wait for each other instead of failing.
                        conn.execute("PRAGMA journal_mode=WAL").await?;
                        conn.execute("PRAGMA synchronous=FULL").await?;
                        conn.execute("PRAGMA foreign_keys=ON").await?;
                        conn.execute(sqlx::AssertSqlSafe(busy)).await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        let files = files::FileStore::open(config.object_store_url.as_deref(), &config.data_dir.join("files"))?;
        Ok(Store { pool, kind, files, clock: Clock::system(), sqlite_path, log_key: Default::default() })
    }

    /// Connects and runs pending migrations, then loads the seed data every installation needs
    /// (calendar years, the 品目 catalog) if it is not there yet.
    pub async fn open(config: &StoreConfig) -> Result<Store> {
        let store = Store::connect(config).await?;
        store.migrate().await?;
        Ok(store)
    }

    pub async fn migrate(&self) -> Result<()> {
        sqlx::migrate!("./migrations").run(&self.pool).await.map_err(|e| StoreError::Internal(format!("migration failed: {e}")))?;
        calendar::seed_builtin_years(self).await?;
        catalog::seed_builtin_catalog(self).await?;
        templates::seed_builtin(self).await?;
        portal::reindex_missing(self).await?;
        translog::backfill_nodes(self).await?;
        users::backfill_identity_keys(self).await?;
        notify::backfill_legacy(self).await?;
        Ok(())
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn kind(&self) -> DbKind {
        self.kind
    }

    pub fn files(&self) -> &files::FileStore {
        &self.files
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn sqlite_path(&self) -> Option<&Path> {
        self.sqlite_path.as_deref()
    }

    /// Begins a write transaction. SQLite takes the write lock at once (`BEGIN IMMEDIATE`), so
    /// two writers queue instead of one failing when it upgrades a read lock.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(match self.kind {
            DbKind::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            DbKind::Postgres => self.pool.begin().await?,
        })
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Reads a platform setting inside a transaction.
pub async fn setting(tx: &mut Tx, key: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT value FROM settings WHERE key = $1").bind(key).fetch_optional(&mut **tx).await?)
}

/// Sets a platform setting once; a second writer of the same key fails (unique key).
pub async fn set_setting_once(tx: &mut Tx, key: &str, value: &str) -> Result<()> {
    sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2)").bind(key).bind(value).execute(&mut **tx).await?;
    Ok(())
}

/// Parses a value read from the database into its domain type (a state, a typed id). A value
/// that does not parse is a damaged row: an error, never a default.
pub(crate) fn stored<T>(column: &'static str, value: impl AsRef<str>) -> Result<T>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    let value = value.as_ref();
    value.parse().map_err(|e| StoreError::Internal(format!("bad stored {column} {value:?}: {e}")))
}

/// [`stored`] for a nullable column.
pub(crate) fn stored_opt<T>(column: &'static str, value: Option<impl AsRef<str>>) -> Result<Option<T>>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    value.map(|v| stored(column, v)).transpose()
}

/// A fresh time-ordered id.
pub fn new_id() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}

/// A random secret of 32 bytes, hex-encoded (session ids, API tokens, CSRF tokens).
pub fn random_secret() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// SHA-256 of a secret, hex-encoded: what the database keeps instead of the secret.
pub fn secret_hash(secret: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(secret.as_bytes()))
}
