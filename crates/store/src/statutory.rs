//! 法定底线 as platform data: the national floors and caps under every region's policy
//! ([`caigou_domain::statutory`]), kept in `settings` and corrected by admins (audited). Until
//! an admin corrects one, the law's own values apply.

use caigou_domain::statutory::StatutoryLimits;

use crate::audit::{self, Actor, Change};
use crate::{Result, Store, StoreError, Tx};

const KEY: &str = "statutory_limits";

fn parse(json: Option<String>) -> Result<StatutoryLimits> {
    match json {
        Some(json) => serde_json::from_str(&json).map_err(|e| StoreError::Internal(format!("statutory limits: {e}"))),
        None => Ok(StatutoryLimits::default()),
    }
}

/// The limits in force, read inside the caller's transaction.
pub async fn in_tx(tx: &mut Tx) -> Result<StatutoryLimits> {
    parse(crate::setting(tx, KEY).await?)
}

/// The limits in force.
pub async fn get(store: &Store) -> Result<StatutoryLimits> {
    parse(sqlx::query_scalar("SELECT value FROM settings WHERE key = $1").bind(KEY).fetch_optional(store.pool()).await?)
}

/// An admin's correction of the limits (a rule checked against the official text). Audited with
/// the values before and after.
pub async fn set(store: &Store, actor: &Actor, limits: &StatutoryLimits, note: &str) -> Result<()> {
    limits.sane().map_err(|e| StoreError::rejected(&e))?;
    if note.trim().is_empty() || note.chars().count() > 500 {
        return Err(StoreError::reject("statutory.note"));
    }
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    let before = in_tx(&mut tx).await?;
    let json = serde_json::to_string(limits).map_err(|e| StoreError::Internal(e.to_string()))?;
    sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(KEY)
        .bind(&json)
        .execute(&mut *tx)
        .await?;
    let detail = serde_json::json!({"before": before, "after": limits, "note": note.trim()});
    audit::append(
        &mut tx,
        now,
        actor,
        Change { action: "statutory.corrected", object_type: "platform", object_id: "statutory_limits", region_path: "", detail: &detail },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
