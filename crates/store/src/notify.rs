//! In-app notifications (站内消息, point to point) and the email outbox. Both are written in the
//! caller's transaction, so a notification exists exactly when the change that caused it does.

use caigou_domain::ids::UserId;
use serde::Serialize;

use crate::{Result, Store, StoreError, Tx, new_id};

/// A notification's text in both languages.
pub struct Message<'a> {
    pub kind: &'a str,
    pub title_zh: &'a str,
    pub title_en: &'a str,
    pub body_zh: &'a str,
    pub body_en: &'a str,
    pub link: Option<&'a str>,
}

pub async fn notify(tx: &mut Tx, now_ms: i64, to: UserId, m: &Message<'_>) -> Result<String> {
    let id = new_id().to_string();
    sqlx::query("INSERT INTO notifications (id, user_id, kind, title_zh, title_en, body_zh, body_en, link, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .bind(&id)
        .bind(to.to_string())
        .bind(m.kind)
        .bind(m.title_zh)
        .bind(m.title_en)
        .bind(m.body_zh)
        .bind(m.body_en)
        .bind(m.link)
        .bind(now_ms)
        .execute(&mut **tx)
        .await?;
    // Users with an email address get a copy through the outbox.
    let email: Option<Option<String>> =
        sqlx::query_scalar("SELECT email FROM users WHERE id = $1").bind(to.to_string()).fetch_optional(&mut **tx).await?;
    if let Some(Some(addr)) = email {
        enqueue_email(tx, now_ms, &addr, &format!("[采购平台] {}", m.title_zh), &format!("{}\n\n{}\n{}", m.body_zh, m.title_en, m.body_en))
            .await?;
    }
    Ok(id)
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Notification {
    pub id: String,
    pub user_id: String,
    pub kind: String,
    pub title_zh: String,
    pub title_en: String,
    pub body_zh: String,
    pub body_en: String,
    pub link: Option<String>,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

pub async fn inbox(store: &Store, user: UserId, limit: i64) -> Result<Vec<Notification>> {
    Ok(sqlx::query_as::<_, Notification>(
        "SELECT id, user_id, kind, title_zh, title_en, body_zh, body_en, link, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2",
    )
    .bind(user.to_string())
    .bind(limit)
    .fetch_all(store.pool())
    .await?)
}

pub async fn unread_count(store: &Store, user: UserId) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
        .bind(user.to_string())
        .fetch_one(store.pool())
        .await?)
}

pub async fn get(store: &Store, id: &str) -> Result<Notification> {
    sqlx::query_as::<_, Notification>(
        "SELECT id, user_id, kind, title_zh, title_en, body_zh, body_en, link, created_at, read_at FROM notifications WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(store.pool())
    .await?
    .ok_or(StoreError::NotFound("notification"))
}

/// Marks a notification read (idempotent). The caller has checked it belongs to the user.
pub async fn mark_read(store: &Store, id: &str) -> Result<()> {
    let now = store.clock().now_ms();
    sqlx::query("UPDATE notifications SET read_at = $1 WHERE id = $2 AND read_at IS NULL").bind(now).bind(id).execute(store.pool()).await?;
    Ok(())
}

pub async fn enqueue_email(tx: &mut Tx, now_ms: i64, to: &str, subject: &str, body: &str) -> Result<()> {
    sqlx::query("INSERT INTO email_outbox (id, to_addr, subject, body, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $5)")
        .bind(new_id().to_string())
        .bind(to)
        .bind(subject)
        .bind(body)
        .bind(now_ms)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
