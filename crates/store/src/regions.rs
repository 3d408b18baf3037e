//! The region tree and each region's versioned policy set.

use caigou_domain::Msg;
use caigou_domain::ids::RegionId;
use caigou_domain::policy::{self, PolicyOverride, PolicySet, PolicyVersion, RegionLevel};
use jiff::civil::Date;
use serde::Serialize;
use sqlx::Row;

use crate::audit::{self, Actor, Change};
use crate::{Result, Store, StoreError, Tx, new_id};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Region {
    #[sqlx(try_from = "String")]
    pub id: RegionId,
    #[sqlx(try_from = "crate::row::Nullable")]
    pub parent_id: Option<RegionId>,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub level: String,
    pub path: String,
}

impl Region {
    /// Nesting depth (0 for the root), for indenting a tree view.
    pub fn depth(&self) -> usize {
        self.path.matches('/').count().saturating_sub(2)
    }
}

/// A region to create under `parent` (`None`: the platform root).
pub struct NewRegion<'a> {
    pub parent: Option<RegionId>,
    pub code: &'a str,
    pub name_zh: &'a str,
    pub name_en: &'a str,
    pub level: RegionLevel,
}

pub async fn create_region(tx: &mut Tx, now_ms: i64, actor: &Actor, region: NewRegion<'_>) -> Result<RegionId> {
    let NewRegion { parent, code, name_zh, name_en, level } = region;
    let id = RegionId(new_id());
    let parent_path = match parent {
        Some(p) => sqlx::query_scalar::<_, String>("SELECT path FROM regions WHERE id = $1")
            .bind(p.to_string())
            .fetch_optional(&mut **tx)
            .await?
            .ok_or(StoreError::NotFound("region"))?,
        None => "/".to_string(),
    };
    let path = format!("{parent_path}{id}/");
    sqlx::query("INSERT INTO regions (id, parent_id, code, name_zh, name_en, level, path) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(id.to_string())
        .bind(parent.map(|p| p.to_string()))
        .bind(code)
        .bind(name_zh)
        .bind(name_en)
        .bind(level.key())
        .bind(&path)
        .execute(&mut **tx)
        .await?;
    let detail = serde_json::json!({"code": code, "name_zh": name_zh, "name_en": name_en, "level": level.key()});
    audit::append(
        tx,
        now_ms,
        actor,
        Change { action: "region.created", object_type: "region", object_id: &id.to_string(), region_path: &path, detail: &detail },
    )
    .await?;
    Ok(id)
}

/// All regions in tree order (by path).
pub async fn list(store: &Store) -> Result<Vec<Region>> {
    let mut regions = sqlx::query_as::<_, Region>("SELECT id, parent_id, code, name_zh, name_en, level, path FROM regions")
        .fetch_all(store.pool())
        .await?;
    // Order parents before children, siblings by code.
    let by_id: std::collections::HashMap<String, String> = regions.iter().map(|r| (r.id.to_string(), r.code.clone())).collect();
    let key =
        |r: &Region| r.path.split('/').filter(|s| !s.is_empty()).map(|id| by_id.get(id).cloned().unwrap_or_default()).collect::<Vec<_>>();
    regions.sort_by_key(key);
    Ok(regions)
}

pub async fn get(store: &Store, id: RegionId) -> Result<Region> {
    sqlx::query_as::<_, Region>("SELECT id, parent_id, code, name_zh, name_en, level, path FROM regions WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(store.pool())
        .await?
        .ok_or(StoreError::NotFound("region"))
}

/// A stored policy version with its bookkeeping.
#[derive(Debug, Clone, Serialize)]
pub struct StoredVersion {
    pub id: String,
    pub region_id: String,
    pub version: PolicyVersion,
    pub note: String,
    pub created_at: i64,
    pub created_by: Option<String>,
}

pub async fn versions(store: &Store, region_id: RegionId) -> Result<Vec<StoredVersion>> {
    let region_id = region_id.to_string();
    let region_id = region_id.as_str();
    let rows = sqlx::query("SELECT id, region_id, effective_from, overrides, note, created_at, created_by FROM policy_versions WHERE region_id = $1 ORDER BY effective_from")
        .bind(region_id)
        .fetch_all(store.pool())
        .await?;
    rows.into_iter()
        .map(|row| {
            let from: String = row.try_get("effective_from")?;
            let overrides: String = row.try_get("overrides")?;
            Ok(StoredVersion {
                id: row.try_get("id")?,
                region_id: row.try_get("region_id")?,
                version: PolicyVersion {
                    effective_from: from.parse().map_err(|e| StoreError::Internal(format!("bad stored date {from}: {e}")))?,
                    overrides: serde_json::from_str(&overrides).map_err(|e| StoreError::Internal(format!("bad stored policy: {e}")))?,
                },
                note: row.try_get("note")?,
                created_at: row.try_get("created_at")?,
                created_by: row.try_get("created_by")?,
            })
        })
        .collect()
}

/// Adds a policy version to a region (validated, audited). A second version for the same
/// region and date is refused: versions are never edited, a correction is a new version.
pub async fn add_version(
    store: &Store,
    actor: &Actor,
    region_id: &str,
    effective_from: Date,
    overrides: &PolicyOverride,
    note: &str,
) -> Result<String> {
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    let id = insert_version(&mut tx, now, actor, region_id, effective_from, overrides, note).await?;
    tx.commit().await?;
    Ok(id)
}

/// [`add_version`] inside the caller's transaction.
pub async fn insert_version(
    tx: &mut Tx,
    now: i64,
    actor: &Actor,
    region_id: &str,
    effective_from: Date,
    overrides: &PolicyOverride,
    note: &str,
) -> Result<String> {
    overrides.validate().map_err(|e| StoreError::rejected(&e))?;
    // No region, the platform root included, goes below the law (法定底线).
    crate::statutory::in_tx(tx).await?.check(overrides).map_err(|e| StoreError::rejected(&e))?;
    let path: String = sqlx::query_scalar("SELECT path FROM regions WHERE id = $1")
        .bind(region_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound("region"))?;
    let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM policy_versions WHERE region_id = $1 AND effective_from = $2")
        .bind(region_id)
        .bind(effective_from.to_string())
        .fetch_one(&mut **tx)
        .await?;
    if exists > 0 {
        return Err(StoreError::reject_with(
            "policy.version_exists",
            Msg::new("error.policy.version_exists").arg("effective_from", effective_from),
        ));
    }
    let id = new_id().to_string();
    let json = serde_json::to_string(overrides).map_err(|e| StoreError::Internal(e.to_string()))?;
    sqlx::query("INSERT INTO policy_versions (id, region_id, effective_from, overrides, note, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(&id)
        .bind(region_id)
        .bind(effective_from.to_string())
        .bind(&json)
        .bind(note)
        .bind(now)
        .bind(actor.user.clone())
        .execute(&mut **tx)
        .await?;
    let detail = serde_json::json!({"effective_from": effective_from.to_string(), "overrides": overrides, "note": note});
    audit::append(
        tx,
        now,
        actor,
        Change { action: "policy.version_added", object_type: "region", object_id: region_id, region_path: &path, detail: &detail },
    )
    .await?;
    Ok(id)
}

/// The policy in force for a region at a date, inheriting along the path from the root.
pub async fn effective_policy(store: &Store, region_id: RegionId, date: Date) -> Result<PolicySet> {
    let region = get(store, region_id).await?;
    let mut chain = Vec::new();
    for ancestor in region.path.split('/').filter(|s| !s.is_empty()) {
        chain.push(versions(store, crate::stored("region id", ancestor)?).await?.into_iter().map(|v| v.version).collect::<Vec<_>>());
    }
    let refs: Vec<&[PolicyVersion]> = chain.iter().map(|v| v.as_slice()).collect();
    policy::resolve(&refs, date).map_err(|e| StoreError::rejected(&e))
}
