//! Rate limits for cheap requests that write or notify (registration, objections, logins),
//! counted per client address in fixed windows kept in the database, so every server behind a
//! load balancer counts the same requests.

use crate::{Result, Store};

/// At most `max` requests of one kind from one address per `window_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// What is counted (`"objection"`, `"registration"`, …), shared by the page and the API.
    pub bucket: &'static str,
    pub max: i64,
    pub window_ms: i64,
}

/// Counts one request. `Ok(None)` lets it through; `Ok(Some(seconds))` refuses it, with the
/// seconds until the window ends (for `Retry-After`). The count is one upsert, so concurrent
/// requests on any server cannot slip past it together.
pub async fn hit(store: &Store, limit: RateLimit, address: &str) -> Result<Option<u64>> {
    let now = store.clock().now_ms();
    let window_start = now - now.rem_euclid(limit.window_ms);
    let hits: i64 = sqlx::query_scalar(
        "INSERT INTO rate_windows (bucket, address, window_start, hits) VALUES ($1, $2, $3, 1)
         ON CONFLICT (bucket, address, window_start) DO UPDATE SET hits = rate_windows.hits + 1
         RETURNING hits",
    )
    .bind(limit.bucket)
    .bind(address)
    .bind(window_start)
    .fetch_one(store.pool())
    .await?;
    if hits > limit.max {
        let left_ms = window_start + limit.window_ms - now;
        return Ok(Some(u64::try_from(left_ms.div_euclid(1000) + 1).unwrap_or(1)));
    }
    Ok(None)
}

/// Forgets windows that ended before `before_ms` (run with the reminders).
pub async fn purge(store: &Store, before_ms: i64) -> Result<u64> {
    let r = sqlx::query("DELETE FROM rate_windows WHERE window_start < $1").bind(before_ms).execute(store.pool()).await?;
    Ok(r.rows_affected())
}
