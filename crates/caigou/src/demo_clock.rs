//! The demo's clock: the demo's periods must fit in the published holiday calendar (the platform
//! never guesses a year's holidays), so when today leaves too little of it ahead, the demo starts
//! its own sandbox clock at the latest date that fits ([`demo_today`]) and records it
//! ([`demo_clock`]); the platform is then a sandbox for good, and says so.

use caigou_store::Store;

/// Set when the demo runs on its own clock (the date it started at): a sandbox platform.
pub(crate) const DEMO_CLOCK_KEY: &str = "demo_clock";

/// How far the demo's timeline reaches back from its "today": its finished tender was run forty
/// days back and its earliest 采购意向 was published 45 days back.
const DEMO_LOOKBACK_DAYS: i64 = 45;
/// How far it reaches ahead: the open tenders' documents windows and bid deadlines (20 days and
/// a few working days after publication), the 单一来源 公示 (5 working days) and the plans'
/// procurement starts (7 days) all end within 30 days.
const DEMO_HORIZON_DAYS: i64 = 30;

/// The date the demo's timeline can start at: `today` when the published calendar covers the
/// whole timeline around it, otherwise the latest earlier date whose timeline it covers; `None`
/// when no date fits (no published year at all). The platform never guesses a year's holidays,
/// so the demo moves its clock rather than its periods.
pub fn demo_today(cal: &caigou_domain::calendar::WorkingCalendar, today: jiff::civil::Date) -> Option<jiff::civil::Date> {
    let fits = |d: jiff::civil::Date| {
        let from = d.checked_sub(jiff::Span::new().days(DEMO_LOOKBACK_DAYS));
        let to = d.checked_add(jiff::Span::new().days(DEMO_HORIZON_DAYS));
        matches!((from, to), (Ok(from), Ok(to)) if cal.covers(from, to))
    };
    if fits(today) {
        return Some(today);
    }
    // The latest candidate: the end of the last published year, less the horizon.
    let last = cal.years().filter(|y| jiff::civil::date(*y, 1, 1) <= today).max()?;
    let mut d = jiff::civil::date(last, 12, 31).checked_sub(jiff::Span::new().days(DEMO_HORIZON_DAYS)).ok()?.min(today);
    let first = cal.years().min()?;
    while d.year() >= first {
        if fits(d) {
            return Some(d);
        }
        d = d.yesterday().ok()?;
    }
    None
}

/// The date the demo's clock started at, when it runs on its own clock (then the platform is a
/// sandbox: its clock is persisted and admins may move it).
pub async fn demo_clock(store: &Store) -> Result<Option<String>, caigou_store::StoreError> {
    let mut tx = store.begin().await?;
    let v = caigou_store::setting(&mut tx, DEMO_CLOCK_KEY).await?;
    tx.commit().await?;
    Ok(v)
}

#[cfg(test)]
mod tests {
    use caigou_domain::calendar::{WorkingCalendar, YearArrangement};
    use jiff::civil::date;

    use super::demo_today;

    fn years(ys: &[i16]) -> WorkingCalendar {
        WorkingCalendar::new(ys.iter().map(|&year| YearArrangement { year, exceptions: Default::default() }))
    }

    #[test]
    fn the_demo_runs_on_real_time_while_the_calendar_reaches_30_days_ahead() {
        let cal = years(&[2025, 2026]);
        assert_eq!(demo_today(&cal, date(2026, 12, 1)), Some(date(2026, 12, 1)));
        // One day later its timeline would reach 2027, which has no data: it starts at 12-01.
        assert_eq!(demo_today(&cal, date(2026, 12, 2)), Some(date(2026, 12, 1)));
        assert_eq!(demo_today(&cal, date(2028, 7, 1)), Some(date(2026, 12, 1)));
        // Once 2027 is loaded, 12-02 is real time again.
        assert_eq!(demo_today(&years(&[2025, 2026, 2027]), date(2026, 12, 2)), Some(date(2026, 12, 2)));
        // Its lookback (45 days) must be covered too.
        assert_eq!(demo_today(&years(&[2026]), date(2026, 2, 15)), Some(date(2026, 2, 15)));
        assert_eq!(demo_today(&years(&[2026]), date(2026, 2, 14)), None, "nothing earlier fits either");
        assert_eq!(demo_today(&years(&[]), date(2026, 6, 1)), None);
    }
}
