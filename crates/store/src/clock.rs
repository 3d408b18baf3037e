//! The one clock. Every "now" in Caigou comes from here, so the sandbox mode can move time for
//! the whole platform in one place. In sandbox mode the offset is kept in the database
//! (`settings.sandbox_clock_offset_ms`) and every server re-reads it each second, so two
//! servers agree; production never reads it. Tests move a process's clock with [`Clock::advance`].

use caigou_domain::Msg;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

/// The platform's time zone for display and for calendar dates.
pub fn china() -> TimeZone {
    TimeZone::get("Asia/Shanghai").expect("bundled tzdb has Asia/Shanghai")
}

#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// Milliseconds added to the system time (0 in production).
    offset_ms: Arc<AtomicI64>,
    /// When non-zero, the time stands still at this Unix ms (tests of deadline edges only).
    frozen_ms: Arc<AtomicI64>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock::default()
    }

    pub fn now(&self) -> Timestamp {
        let frozen = self.frozen_ms.load(Ordering::Relaxed);
        if frozen != 0 {
            return Timestamp::from_millisecond(frozen).unwrap_or_else(|_| Timestamp::now());
        }
        let now = Timestamp::now();
        let offset = self.offset_ms.load(Ordering::Relaxed);
        now.checked_add(jiff::SignedDuration::from_millis(offset)).unwrap_or(now)
    }

    pub fn now_ms(&self) -> i64 {
        self.now().as_millisecond()
    }

    /// Today's date in China.
    pub fn today(&self) -> jiff::civil::Date {
        self.now().to_zoned(china()).date()
    }

    /// The offset from the system time, in milliseconds (0 in production).
    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::Relaxed)
    }

    /// Sets the offset (the sandbox clock read from the database).
    pub fn set_offset_ms(&self, ms: i64) {
        self.offset_ms.store(ms, Ordering::Relaxed);
    }

    /// Stops this process's clock at `ms` (`0`: runs again). Tests of deadline edges use it, so a
    /// request is judged at exactly the millisecond they mean.
    pub fn freeze_at(&self, ms: i64) {
        self.frozen_ms.store(ms, Ordering::Relaxed);
    }

    /// Moves this process's clock forward (tests; the sandbox persists it with [`sandbox_move`]).
    pub fn advance(&self, ms: i64) {
        self.offset_ms.fetch_add(ms, Ordering::Relaxed);
    }

    /// Sets this process's clock to `date` at 10:00 China time (tests).
    pub fn travel_to(&self, date: jiff::civil::Date) {
        let target = date.at(10, 0, 0, 0).to_zoned(china()).map(|z| z.timestamp().as_millisecond()).unwrap_or_default();
        let offset = target - Timestamp::now().as_millisecond();
        self.offset_ms.store(offset, Ordering::Relaxed);
    }
}

/// Formats Unix milliseconds as `2026-11-23 14:05` in Asia/Shanghai.
pub fn display_ms(ms: i64) -> String {
    match Timestamp::from_millisecond(ms) {
        Ok(ts) => Zoned::new(ts, china()).strftime("%Y-%m-%d %H:%M").to_string(),
        Err(_) => String::from("—"),
    }
}

const OFFSET_KEY: &str = "sandbox_clock_offset_ms";

async fn persisted_offset(store: &crate::Store) -> crate::Result<Option<i64>> {
    let v: Option<String> =
        sqlx::query_scalar("SELECT value FROM settings WHERE key = $1").bind(OFFSET_KEY).fetch_optional(store.pool()).await?;
    Ok(v.and_then(|v| v.parse::<i64>().ok()))
}

/// Follows the persisted sandbox offset forward (sandbox mode only; every tick): another server
/// may have moved the shared clock.
pub async fn sandbox_sync(store: &crate::Store) -> crate::Result<()> {
    let offset = persisted_offset(store).await?.unwrap_or(0);
    if offset > store.clock().offset_ms() {
        store.clock().set_offset_ms(offset);
    }
    Ok(())
}

/// Takes the persisted sandbox offset as this process's clock at start (sandbox mode only). Unlike
/// [`sandbox_sync`] it may set the clock behind real time: a sandbox whose clock was started at
/// an earlier date (`--clock`, or the demo clock) keeps that date across restarts.
pub async fn sandbox_load(store: &crate::Store) -> crate::Result<()> {
    if let Some(offset) = persisted_offset(store).await? {
        store.clock().set_offset_ms(offset);
    }
    Ok(())
}

/// Writes this process's offset as the sandbox platform's clock, in the caller's transaction.
pub async fn persist_offset(tx: &mut crate::Tx, offset: i64) -> crate::Result<()> {
    sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(OFFSET_KEY)
        .bind(offset.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Starts a new sandbox platform's clock at `date`, 10:00 China time. A sandbox whose clock was
/// set before keeps it (its deadlines already passed stay passed): the persisted clock wins.
pub async fn sandbox_start_at(store: &crate::Store, date: jiff::civil::Date) -> crate::Result<()> {
    if persisted_offset(store).await?.is_none() {
        let probe = Clock::system();
        probe.travel_to(date);
        sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
            .bind(OFFSET_KEY)
            .bind(probe.offset_ms().to_string())
            .execute(store.pool())
            .await?;
    }
    sandbox_load(store).await
}

/// Moves the sandbox clock to `target` (Unix ms). Time only moves forward: deadlines already
/// passed stay passed. Audited; returns the new platform time.
pub async fn sandbox_move(store: &crate::Store, actor: &crate::audit::Actor, target_ms: i64) -> crate::Result<i64> {
    let before = store.clock().now_ms();
    if target_ms <= before {
        return Err(crate::StoreError::reject_with(
            "sandbox.clock_backwards",
            Msg::new("error.sandbox.clock_backwards").arg("now", display_ms(before)),
        ));
    }
    let offset = store.clock().offset_ms() + (target_ms - before);
    let mut tx = store.begin().await?;
    persist_offset(&mut tx, offset).await?;
    // Sessions and API tokens live on the trainees' own time: they move with the clock, so a
    // jump of days signs nobody out and makes no token expire.
    let jump = target_ms - before;
    sqlx::query("UPDATE sessions SET created_at = created_at + $1, last_seen_at = last_seen_at + $1").bind(jump).execute(&mut *tx).await?;
    sqlx::query("UPDATE api_tokens SET created_at = created_at + $1, expires_at = expires_at + $1").bind(jump).execute(&mut *tx).await?;
    let detail = serde_json::json!({"from": before, "to": target_ms});
    crate::audit::append(
        &mut tx,
        before,
        actor,
        crate::audit::Change {
            action: "sandbox.clock_moved",
            object_type: "platform",
            object_id: "clock",
            region_path: "",
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    store.clock().set_offset_ms(offset);
    Ok(store.clock().now_ms())
}
