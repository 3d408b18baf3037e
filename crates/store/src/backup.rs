//! Online backup. SQLite: `VACUUM INTO` writes a consistent copy while the server runs.
//! PostgreSQL: use `pg_dump` (see the README); the platform does not reimplement it.

use std::path::Path;

use sqlx::AssertSqlSafe;

use crate::{DbKind, Result, Store, StoreError};

pub async fn backup_to(store: &Store, target: &Path) -> Result<()> {
    if store.kind() != DbKind::Sqlite {
        return Err(StoreError::reject(
            "backup.use_pg_dump",
            "PostgreSQL 数据库请使用 pg_dump 备份（见 README）",
            "back up PostgreSQL with pg_dump (see the README)",
        ));
    }
    if target.exists() {
        return Err(StoreError::reject(
            "backup.target_exists",
            format!("目标文件已存在：{}", target.display()),
            format!("the target file exists: {}", target.display()),
        ));
    }
    let path = target.to_str().ok_or_else(|| StoreError::Internal("backup path is not UTF-8".into()))?;
    // VACUUM INTO takes a literal; quote it as SQL requires.
    let sql = format!("VACUUM INTO '{}'", path.replace('\'', "''"));
    sqlx::query(AssertSqlSafe(sql)).execute(store.pool()).await?;
    Ok(())
}
