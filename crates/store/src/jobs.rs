//! Claiming work from the database so that any number of servers share it and each item is
//! done once. Claiming is the one place the dialects truly differ: PostgreSQL skips rows another
//! server holds (`FOR UPDATE SKIP LOCKED`); SQLite has one writer at a time anyway.

use serde::Serialize;
use sqlx::Row;

use crate::{DbKind, Result, Store};

/// How long a claimed email is reserved for the server that claimed it.
pub const CLAIM_MS: i64 = 60_000;
/// Attempts before an email is given up.
pub const MAX_ATTEMPTS: i64 = 8;

#[derive(Debug, Clone, Serialize)]
pub struct OutgoingEmail {
    pub id: String,
    pub to_addr: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
}

const CLAIM_PG: &str = "UPDATE email_outbox SET claimed_until = $1, attempts = attempts + 1
    WHERE id IN (SELECT id FROM email_outbox
                 WHERE sent_at IS NULL AND next_attempt_at <= $2 AND claimed_until < $2 AND attempts < $3
                 ORDER BY created_at LIMIT $4 FOR UPDATE SKIP LOCKED)
    RETURNING id, to_addr, subject, body, attempts";
const CLAIM_SQLITE: &str = "UPDATE email_outbox SET claimed_until = $1, attempts = attempts + 1
    WHERE id IN (SELECT id FROM email_outbox
                 WHERE sent_at IS NULL AND next_attempt_at <= $2 AND claimed_until < $2 AND attempts < $3
                 ORDER BY created_at LIMIT $4)
    RETURNING id, to_addr, subject, body, attempts";

/// Claims up to `limit` due emails for this server.
pub async fn claim_emails(store: &Store, limit: i64) -> Result<Vec<OutgoingEmail>> {
    let now = store.clock().now_ms();
    let sql = match store.kind() {
        DbKind::Postgres => CLAIM_PG,
        DbKind::Sqlite => CLAIM_SQLITE,
    };
    let mut tx = store.begin().await?;
    let rows = sqlx::query(sql).bind(now + CLAIM_MS).bind(now).bind(MAX_ATTEMPTS).bind(limit).fetch_all(&mut *tx).await?;
    tx.commit().await?;
    rows.into_iter()
        .map(|r| {
            Ok(OutgoingEmail {
                id: r.try_get("id")?,
                to_addr: r.try_get("to_addr")?,
                subject: r.try_get("subject")?,
                body: r.try_get("body")?,
                attempts: r.try_get("attempts")?,
            })
        })
        .collect()
}

pub async fn email_sent(store: &Store, id: &str) -> Result<()> {
    sqlx::query("UPDATE email_outbox SET sent_at = $1, last_error = NULL WHERE id = $2")
        .bind(store.clock().now_ms())
        .bind(id)
        .execute(store.pool())
        .await?;
    Ok(())
}

/// Records a failure and schedules a retry with exponential backoff.
pub async fn email_failed(store: &Store, email: &OutgoingEmail, error: &str) -> Result<()> {
    let backoff = 30_000i64 << email.attempts.clamp(0, 10);
    sqlx::query("UPDATE email_outbox SET last_error = $1, next_attempt_at = $2, claimed_until = 0 WHERE id = $3")
        .bind(error)
        .bind(store.clock().now_ms() + backoff)
        .bind(&email.id)
        .execute(store.pool())
        .await?;
    Ok(())
}

/// Queue depth for metrics: (pending, failed for good).
pub async fn outbox_depth(store: &Store) -> Result<(i64, i64)> {
    let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM email_outbox WHERE sent_at IS NULL AND attempts < $1")
        .bind(MAX_ATTEMPTS)
        .fetch_one(store.pool())
        .await?;
    let dead: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM email_outbox WHERE sent_at IS NULL AND attempts >= $1")
        .bind(MAX_ATTEMPTS)
        .fetch_one(store.pool())
        .await?;
    Ok((pending, dead))
}
