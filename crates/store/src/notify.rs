//! In-app notifications (站内消息, point to point) and the email outbox. Both are written in the
//! caller's transaction, so a notification exists exactly when the change that caused it does.

use caigou_domain::ids::{NotificationId, UserId};
use caigou_domain::{Lang, Msg};
use serde::Serialize;

use crate::{Result, Store, StoreError, Tx, new_id};

/// A notification: its kind, the catalog key and arguments of its text (the message's value is
/// the title, its `.body` the text; see `caigou-i18n`), and where it leads.
pub struct Message<'a> {
    pub kind: &'a str,
    pub text: Msg,
    pub link: Option<&'a str>,
}

pub async fn notify(tx: &mut Tx, now_ms: i64, to: UserId, m: &Message<'_>) -> Result<String> {
    let id = new_id().to_string();
    let args = serde_json::to_string(&m.text.args).map_err(|e| StoreError::Internal(e.to_string()))?;
    sqlx::query(
        "INSERT INTO notifications (id, user_id, kind, message_key, message_args, link, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(to.to_string())
    .bind(m.kind)
    .bind(&m.text.key)
    .bind(args)
    .bind(m.link)
    .bind(now_ms)
    .execute(&mut **tx)
    .await?;
    // Users with an email address get a copy through the outbox, in every language (Chinese
    // first): an email cannot be re-rendered when it is read.
    let email: Option<Option<String>> =
        sqlx::query_scalar("SELECT email FROM users WHERE id = $1").bind(to.to_string()).fetch_optional(&mut **tx).await?;
    if let Some(Some(addr)) = email {
        let catalog = caigou_i18n::catalog();
        let (title_zh, _) = catalog.notice(Lang::Zh, &m.text);
        let subject = catalog.msg(Lang::Zh, &Msg::new("email.subject").arg("title", title_zh));
        let body: Vec<String> = Lang::ALL
            .into_iter()
            .map(|lang| {
                let (title, body) = catalog.notice(lang, &m.text);
                format!("{title}\n{body}")
            })
            .collect();
        enqueue_email(tx, now_ms, &addr, &subject, &body.join("\n\n")).await?;
    }
    Ok(id)
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Notification {
    #[sqlx(try_from = "String")]
    pub id: NotificationId,
    #[sqlx(try_from = "String")]
    pub user_id: UserId,
    pub kind: String,
    pub message_key: String,
    /// The arguments of the text, a JSON object of strings.
    pub message_args: String,
    pub link: Option<String>,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

impl Notification {
    /// The text's key and arguments, to render in the reader's language.
    pub fn text(&self) -> Msg {
        Msg { key: self.message_key.clone(), args: serde_json::from_str(&self.message_args).unwrap_or_default() }
    }

    /// Title and text in `lang`.
    pub fn render(&self, lang: Lang) -> (String, String) {
        caigou_i18n::catalog().notice(lang, &self.text())
    }
}

/// Moves the texts of notifications written before they kept a key (migration 0013) into the
/// arguments of `notice.legacy`; idempotent, and a no-op once the holding table is empty.
pub(crate) async fn backfill_legacy(store: &Store) -> Result<()> {
    let rows: Vec<(String, String, String, String, String)> =
        sqlx::query_as("SELECT id, title_zh, title_en, body_zh, body_en FROM notification_texts_0012").fetch_all(store.pool()).await?;
    if rows.is_empty() {
        return Ok(());
    }
    let mut tx = store.begin().await?;
    for (id, title_zh, title_en, body_zh, body_en) in rows {
        let args =
            serde_json::json!({"title_zh-CN": title_zh, "title_en": title_en, "body_zh-CN": body_zh, "body_en": body_en}).to_string();
        sqlx::query("UPDATE notifications SET message_args = $1 WHERE id = $2 AND message_key = 'notice.legacy'")
            .bind(args)
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM notification_texts_0012 WHERE id = $1").bind(&id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn inbox(store: &Store, user: UserId, limit: i64) -> Result<Vec<Notification>> {
    Ok(sqlx::query_as::<_, Notification>(
        "SELECT id, user_id, kind, message_key, message_args, link, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2",
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
        "SELECT id, user_id, kind, message_key, message_args, link, created_at, read_at FROM notifications WHERE id = $1",
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
