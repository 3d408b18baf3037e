//! Online backup. SQLite: `VACUUM INTO` writes a consistent copy while the server runs.
//! PostgreSQL: use `pg_dump` (see the README); the platform does not reimplement it.

use caigou_domain::Msg;
use std::path::Path;

use sqlx::AssertSqlSafe;

use crate::{DbKind, Result, Store, StoreError};

pub async fn backup_to(store: &Store, target: &Path) -> Result<()> {
    if store.kind() != DbKind::Sqlite {
        return Err(StoreError::reject("backup.use_pg_dump"));
    }
    if target.exists() {
        return Err(StoreError::reject_with(
            "backup.target_exists",
            Msg::new("error.backup.target_exists").arg("target", target.display()),
        ));
    }
    let path = target.to_str().ok_or_else(|| StoreError::Internal("backup path is not UTF-8".into()))?;
    // VACUUM INTO takes a literal; quote it as SQL requires.
    let sql = format!("VACUUM INTO '{}'", path.replace('\'', "''"));
    sqlx::query(AssertSqlSafe(sql)).execute(store.pool()).await?;
    Ok(())
}
