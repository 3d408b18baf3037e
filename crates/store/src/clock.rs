//! The one clock. Every "now" in Caigou comes from here, so the sandbox mode (a later issue) can
//! move time for the whole platform in one place.

use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

/// The platform's time zone for display and for calendar dates.
pub fn china() -> TimeZone {
    TimeZone::get("Asia/Shanghai").expect("bundled tzdb has Asia/Shanghai")
}

#[derive(Debug, Clone)]
pub struct Clock {
    _private: (),
}

impl Clock {
    pub fn system() -> Clock {
        Clock { _private: () }
    }

    pub fn now(&self) -> Timestamp {
        Timestamp::now()
    }

    pub fn now_ms(&self) -> i64 {
        self.now().as_millisecond()
    }

    /// Today's date in China.
    pub fn today(&self) -> jiff::civil::Date {
        self.now().to_zoned(china()).date()
    }
}

/// Formats Unix milliseconds as `2026-11-23 14:05` in Asia/Shanghai.
pub fn display_ms(ms: i64) -> String {
    match Timestamp::from_millisecond(ms) {
        Ok(ts) => Zoned::new(ts, china())
            .strftime("%Y-%m-%d %H:%M")
            .to_string(),
        Err(_) => String::from("—"),
    }
}
