//! The one clock. Every "now" in Caigou comes from here, so the sandbox mode (a later issue) can
//! move time for the whole platform in one place. Tests move it with [`Clock::advance`].

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
}

impl Clock {
    pub fn system() -> Clock {
        Clock::default()
    }

    pub fn now(&self) -> Timestamp {
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

    /// Moves this process's clock forward (tests; the sandbox issue will persist it).
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
