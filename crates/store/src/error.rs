use caigou_domain::{Lang, Localized};

/// What can go wrong in storage. User mistakes carry a stable code and both languages; the
/// rest are faults of the system.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("not found: {0}")]
    NotFound(&'static str),
    /// A user mistake or a refused rule: stable code plus message in both languages.
    #[error("{code}: {en}")]
    Rejected { code: &'static str, zh: String, en: String },
    #[error("object store: {0}")]
    Files(#[from] object_store::Error),
    #[error("{0}")]
    Internal(String),
}

impl StoreError {
    pub fn rejected(e: &dyn Localized) -> StoreError {
        StoreError::Rejected { code: e.code(), zh: e.message(Lang::Zh), en: e.message(Lang::En) }
    }

    pub fn reject(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> StoreError {
        StoreError::Rejected { code, zh: zh.into(), en: en.into() }
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
