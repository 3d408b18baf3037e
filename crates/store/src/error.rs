use caigou_domain::{Localized, Msg};

/// What can go wrong in storage. User mistakes carry a stable code and the catalog key of their
/// message with its arguments; the rest are faults of the system.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("not found: {0}")]
    NotFound(&'static str),
    /// A user mistake or a refused rule: stable code plus the message's key and arguments.
    #[error("{code}: {}", caigou_i18n::catalog().msg(caigou_domain::Lang::En, text))]
    Rejected { code: &'static str, text: Msg },
    #[error("object store: {0}")]
    Files(#[from] object_store::Error),
    #[error("{0}")]
    Internal(String),
}

impl StoreError {
    pub fn rejected(e: &dyn Localized) -> StoreError {
        StoreError::Rejected { code: e.code(), text: e.msg() }
    }

    /// A refusal whose message is the catalog's `error.<code>`.
    pub fn reject(code: &'static str) -> StoreError {
        StoreError::Rejected { code, text: Msg::new(format!("error.{code}")) }
    }

    /// A refusal with its own message (a variant of the code's, or one with arguments).
    pub fn reject_with(code: &'static str, text: Msg) -> StoreError {
        StoreError::Rejected { code, text }
    }

    /// Whether the database was busy (SQLite's lock held past the busy timeout, a PostgreSQL
    /// lock or serialization conflict, or no pooled connection free in time): retryable.
    pub fn is_busy(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::PoolTimedOut) => true,
            StoreError::Database(sqlx::Error::Database(e)) => {
                matches!(e.code().as_deref(), Some("5" | "6" | "517" | "261" | "40001" | "40P01" | "55P03"))
                    || e.message().contains("database is locked")
            }
            _ => false,
        }
    }

    /// Whether the database refused a write because of a unique constraint.
    pub fn is_unique_violation(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::Database(e)) => e.is_unique_violation(),
            _ => false,
        }
    }
}
