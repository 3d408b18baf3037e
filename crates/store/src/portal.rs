//! The public portal's announcements list. Later issues generate announcements from project
//! data; here they are stored and listed.

use caigou_domain::ids::RegionId;
use serde::Serialize;

use crate::audit::{self, Actor, Change};
use crate::{Result, Store, Tx, new_id};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Announcement {
    pub id: String,
    pub region_id: String,
    pub region_name: String,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub published_at: i64,
}

/// Publishes an announcement (immutable from then on). Audited.
pub async fn publish(tx: &mut Tx, now_ms: i64, actor: &Actor, region: RegionId, kind: &str, title: &str, body: &str) -> Result<String> {
    let id = new_id().to_string();
    let path: String = sqlx::query_scalar("SELECT path FROM regions WHERE id = $1").bind(region.to_string()).fetch_one(&mut **tx).await?;
    sqlx::query("INSERT INTO announcements (id, region_id, kind, title, body, published_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(&id)
        .bind(region.to_string())
        .bind(kind)
        .bind(title)
        .bind(body)
        .bind(now_ms)
        .execute(&mut **tx)
        .await?;
    let detail = serde_json::json!({"kind": kind, "title": title, "body_sha256": caigou_domain::audit::change_digest(body)});
    audit::append(
        tx,
        now_ms,
        actor,
        Change { action: "announcement.published", object_type: "announcement", object_id: &id, region_path: &path, detail: &detail },
    )
    .await?;
    Ok(id)
}

/// Newest first; `query` filters by title substring.
pub async fn list(store: &Store, query: &str, limit: i64) -> Result<Vec<Announcement>> {
    Ok(sqlx::query_as::<_, Announcement>(
        "SELECT a.id, a.region_id, r.name_zh AS region_name, a.kind, a.title, a.body, a.published_at
         FROM announcements a JOIN regions r ON r.id = a.region_id
         WHERE ($1 = '' OR a.title LIKE $2 OR a.body LIKE $2)
         ORDER BY a.published_at DESC, a.id DESC LIMIT $3",
    )
    .bind(query.trim())
    .bind(format!("%{}%", query.trim()))
    .bind(limit.clamp(1, 200))
    .fetch_all(store.pool())
    .await?)
}

pub async fn get(store: &Store, id: &str) -> Result<Option<Announcement>> {
    Ok(sqlx::query_as::<_, Announcement>(
        "SELECT a.id, a.region_id, r.name_zh AS region_name, a.kind, a.title, a.body, a.published_at
         FROM announcements a JOIN regions r ON r.id = a.region_id WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(store.pool())
    .await?)
}
