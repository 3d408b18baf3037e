//! The 品目 catalog (政府采购品目分类目录 2022): imported at migration, browsable and searchable.

use caigou_domain::Msg;
use caigou_domain::catalog::{CatalogEntry, parse_catalog_rows};
use serde::Serialize;
use sqlx::AssertSqlSafe;

use crate::audit::{self, Actor, Change};
use crate::{Result, Store, StoreError};

/// The catalog shipped with Caigou (see seed/catalog/SOURCE.md).
pub const BUILTIN_CATALOG: &str = include_str!("../seed/catalog/pinmu-2022.csv");

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CatalogItem {
    pub code: String,
    pub name: String,
    pub level: i64,
    pub parent: Option<String>,
}

pub async fn seed_builtin_catalog(store: &Store) -> Result<()> {
    let present: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM catalog_items").fetch_one(store.pool()).await?;
    if present == 0 {
        import_csv(store, &Actor::system("builtin-catalog"), BUILTIN_CATALOG.as_bytes()).await?;
    }
    Ok(())
}

/// The catalog has about 5,000 entries; a file far larger is a mistake.
const MAX_CATALOG_ROWS: usize = 50_000;

/// Replaces the catalog with an uploaded CSV (`code,name,level,parent`; UTF-8 or GBK, quoted
/// fields allowed). A bad file changes nothing and names its first bad line.
pub async fn import_csv(store: &Store, actor: &Actor, bytes: &[u8]) -> Result<usize> {
    let csv = crate::csvfile::decode(bytes, "catalog.bad_file")?;
    let (header, rows) = crate::csvfile::records(&csv, MAX_CATALOG_ROWS, "catalog.bad_file")?;
    if header != ["code", "name", "level", "parent"] {
        return Err(StoreError::reject("catalog.bad_file"));
    }
    let entries = parse_catalog_rows(rows.iter().map(|r| (r.line, r.fields.as_slice()))).map_err(|(line, msg)| {
        StoreError::reject_with("catalog.bad_file", Msg::new("error.catalog.bad_file.catalog_file_line").arg("line", line).arg("msg", msg))
    })?;
    if entries.is_empty() {
        return Err(StoreError::reject_with("catalog.bad_file", Msg::new("error.catalog.bad_file.catalog_file_has")));
    }
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    sqlx::query("DELETE FROM catalog_items").execute(&mut *tx).await?;
    // Multi-row inserts keep this to a few dozen round trips on PostgreSQL.
    for chunk in entries.chunks(200) {
        let mut sql = String::from("INSERT INTO catalog_items (code, name, level, parent) VALUES ");
        for i in 0..chunk.len() {
            if i > 0 {
                sql.push(',');
            }
            let b = i * 4;
            sql.push_str(&format!("(${}, ${}, ${}, ${})", b + 1, b + 2, b + 3, b + 4));
        }
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for CatalogEntry { code, name, parent } in chunk {
            q = q.bind(code.to_string()).bind(name.clone()).bind(i64::from(code.level())).bind(parent.as_ref().map(|p| p.to_string()));
        }
        q.execute(&mut *tx).await?;
    }
    let detail = serde_json::json!({"entries": entries.len(), "source_sha256": caigou_domain::audit::change_digest(&csv)});
    audit::append(
        &mut tx,
        now,
        actor,
        Change { action: "catalog.imported", object_type: "catalog", object_id: "pinmu", region_path: "", detail: &detail },
    )
    .await?;
    tx.commit().await?;
    Ok(entries.len())
}

/// Items whose code starts with, or whose name contains, the query; at most `limit`.
pub async fn search(store: &Store, query: &str, limit: i64) -> Result<Vec<CatalogItem>> {
    let q = query.trim();
    Ok(sqlx::query_as::<_, CatalogItem>(
        "SELECT code, name, level, parent FROM catalog_items WHERE code LIKE $1 OR name LIKE $2 ORDER BY code LIMIT $3",
    )
    .bind(format!("{}%", q.to_ascii_uppercase()))
    .bind(format!("%{q}%"))
    .bind(limit.clamp(1, 500))
    .fetch_all(store.pool())
    .await?)
}

/// The children of a code (`None`: the three roots A, B, C).
pub async fn children(store: &Store, parent: Option<&str>) -> Result<Vec<CatalogItem>> {
    Ok(match parent {
        Some(p) => {
            sqlx::query_as::<_, CatalogItem>("SELECT code, name, level, parent FROM catalog_items WHERE parent = $1 ORDER BY code")
                .bind(p)
                .fetch_all(store.pool())
                .await?
        }
        None => {
            sqlx::query_as::<_, CatalogItem>("SELECT code, name, level, parent FROM catalog_items WHERE parent IS NULL ORDER BY code")
                .fetch_all(store.pool())
                .await?
        }
    })
}

pub async fn get(store: &Store, code: &str) -> Result<Option<CatalogItem>> {
    Ok(sqlx::query_as::<_, CatalogItem>("SELECT code, name, level, parent FROM catalog_items WHERE code = $1")
        .bind(code)
        .fetch_optional(store.pool())
        .await?)
}

pub async fn count(store: &Store) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM catalog_items").fetch_one(store.pool()).await?)
}
