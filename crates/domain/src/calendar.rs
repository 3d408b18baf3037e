//! The working-day calendar (工作日历): weekends and public holidays off, 调休 make-up days on.
//!
//! Periods in the procurement law are counted from the day after the event (民法典201) and a
//! period whose last day is a day off ends on the next working day (民法典203). A date in a year
//! the calendar has no published data for is an error, never a guess.

use std::collections::BTreeMap;

use jiff::civil::{Date, Weekday};
use serde::Deserialize;

use crate::{Localized, Msg};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("the working-day calendar has no data for {0}")]
    NoData(i16),
    #[error("calendar file is not valid: {0}")]
    BadFile(String),
    #[error("the period runs past the last year the calendar covers")]
    OutOfRange,
}

impl Localized for CalendarError {
    fn code(&self) -> &'static str {
        match self {
            CalendarError::NoData(_) | CalendarError::OutOfRange => "calendar.no_data",
            CalendarError::BadFile(_) => "calendar.bad_file",
        }
    }
    fn msg(&self) -> Msg {
        match self {
            CalendarError::NoData(y) => Msg::new("error.calendar.no_data").arg("year", y),
            CalendarError::BadFile(m) => Msg::new("error.calendar.bad_file").arg("detail", m),
            CalendarError::OutOfRange => Msg::new("error.calendar.no_data.out_of_range"),
        }
    }
}

/// One year's official arrangement: the dates that differ from the Mon–Fri rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearArrangement {
    pub year: i16,
    /// `true`: a day off (holiday); `false`: a make-up working day (调休上班).
    pub exceptions: BTreeMap<Date, bool>,
}

#[derive(Deserialize)]
struct HolidayFile {
    year: i16,
    #[serde(default)]
    papers: Vec<String>,
    days: Vec<HolidayDay>,
}

#[derive(Deserialize)]
struct HolidayDay {
    date: Date,
    #[serde(rename = "isOffDay")]
    is_off_day: bool,
}

impl YearArrangement {
    /// Parses a year file in the holiday-cn format (`{"year", "papers", "days": [{"date", "isOffDay"}]}`).
    /// A file without any State Council notice (`papers` empty) means the year is not published yet.
    pub fn parse_holiday_cn(json: &str) -> Result<YearArrangement, CalendarError> {
        let file: HolidayFile = serde_json::from_str(json).map_err(|e| CalendarError::BadFile(e.to_string()))?;
        if file.papers.is_empty() || file.days.is_empty() {
            return Err(CalendarError::NoData(file.year));
        }
        let mut exceptions = BTreeMap::new();
        for d in file.days {
            // A year's notice may reach into the neighbouring years (元旦 on 12-31 of the year
            // before), but no further.
            if (i32::from(d.date.year()) - i32::from(file.year)).abs() > 1 {
                return Err(CalendarError::BadFile(format!("{} is not in or next to {}", d.date, file.year)));
            }
            exceptions.insert(d.date, d.is_off_day);
        }
        Ok(YearArrangement { year: file.year, exceptions })
    }
}

/// The calendar is about to run out (see [`WorkingCalendar::runs_out_within`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunsOut {
    /// The last day it covers; `None`: today's own year has no data.
    pub last_day: Option<Date>,
    /// The year to load next.
    pub missing_year: i16,
}

/// How many days before the calendar runs out admins are warned (工作台 and a notification).
pub const CALENDAR_WARN_DAYS: i64 = 60;

/// The working-day calendar over the years it has data for.
#[derive(Debug, Clone, Default)]
pub struct WorkingCalendar {
    years: std::collections::BTreeSet<i16>,
    /// Every year's exceptions merged; a date's own year's notice wins over a neighbour's.
    exceptions: BTreeMap<Date, bool>,
}

impl WorkingCalendar {
    pub fn new(years: impl IntoIterator<Item = YearArrangement>) -> WorkingCalendar {
        let mut cal = WorkingCalendar::default();
        let mut own: Vec<(Date, bool)> = Vec::new();
        for y in years {
            cal.years.insert(y.year);
            for (date, off) in y.exceptions {
                if date.year() == y.year {
                    own.push((date, off));
                } else {
                    cal.exceptions.entry(date).or_insert(off);
                }
            }
        }
        cal.exceptions.extend(own);
        cal
    }

    pub fn years(&self) -> impl Iterator<Item = i16> + '_ {
        self.years.iter().copied()
    }

    pub fn is_working_day(&self, date: Date) -> Result<bool, CalendarError> {
        if !self.years.contains(&date.year()) {
            return Err(CalendarError::NoData(date.year()));
        }
        Ok(match self.exceptions.get(&date) {
            Some(off) => !off,
            None => !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday),
        })
    }

    fn next_day(date: Date) -> Result<Date, CalendarError> {
        date.tomorrow().map_err(|_| CalendarError::OutOfRange)
    }

    /// The date `n` working days after `start`; counting starts the day after `start`.
    /// `n = 0` returns `start` itself.
    pub fn add_working_days(&self, start: Date, n: u32) -> Result<Date, CalendarError> {
        let mut date = start;
        let mut left = n;
        while left > 0 {
            date = Self::next_day(date)?;
            if self.is_working_day(date)? {
                left -= 1;
            }
        }
        Ok(date)
    }

    /// The first working day on or after `date`.
    pub fn working_day_on_or_after(&self, date: Date) -> Result<Date, CalendarError> {
        let mut d = date;
        while !self.is_working_day(d)? {
            d = Self::next_day(d)?;
        }
        Ok(d)
    }

    /// Whether every year from `from` to `to` (inclusive) has published data, so any period
    /// inside can be computed.
    pub fn covers(&self, from: Date, to: Date) -> bool {
        from <= to && (from.year()..=to.year()).all(|y| self.years.contains(&y))
    }

    /// The last day the calendar can compute on without a gap, counting from `today`: 31
    /// December of the last year in the unbroken run of published years that holds `today`.
    /// `None` when `today`'s own year has no data.
    pub fn covered_through(&self, today: Date) -> Option<Date> {
        let mut year = today.year();
        if !self.years.contains(&year) {
            return None;
        }
        while self.years.contains(&(year + 1)) {
            year += 1;
        }
        Some(jiff::civil::date(year, 12, 31))
    }

    /// When the published calendar runs out within `warn_days` of `today` (or already has):
    /// the last day it covers, so the admin can load the next year before periods reach it.
    pub fn runs_out_within(&self, today: Date, warn_days: i64) -> Option<RunsOut> {
        match self.covered_through(today) {
            None => Some(RunsOut { last_day: None, missing_year: today.year() }),
            Some(last) => {
                let left = today.until(last).map(|s| i64::from(s.get_days())).unwrap_or(0);
                (left < warn_days).then_some(RunsOut { last_day: Some(last), missing_year: last.year() + 1 })
            }
        }
    }

    /// The end of a period of `days` calendar days after `start` (民法典201: counting starts the
    /// next day; 民法典203: if the last day is a day off, the period ends on the next working day).
    pub fn period_end_calendar_days(&self, start: Date, days: u32) -> Result<Date, CalendarError> {
        let end = start.checked_add(jiff::Span::new().days(i64::from(days))).map_err(|_| CalendarError::OutOfRange)?;
        self.working_day_on_or_after(end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn cal2026() -> WorkingCalendar {
        let json = r#"{"year":2026,"papers":["x"],"days":[
            {"name":"国庆节","date":"2026-10-01","isOffDay":true},
            {"name":"国庆节","date":"2026-10-02","isOffDay":true},
            {"name":"国庆节","date":"2026-10-05","isOffDay":true},
            {"name":"国庆节","date":"2026-10-06","isOffDay":true},
            {"name":"国庆节","date":"2026-10-07","isOffDay":true},
            {"name":"国庆节","date":"2026-10-10","isOffDay":false}]}"#;
        WorkingCalendar::new([YearArrangement::parse_holiday_cn(json).unwrap()])
    }

    #[test]
    fn weekdays_work_weekends_rest_exceptions_win() {
        let c = cal2026();
        assert!(c.is_working_day(date(2026, 11, 23)).unwrap()); // Monday
        assert!(!c.is_working_day(date(2026, 11, 22)).unwrap()); // Sunday
        assert!(!c.is_working_day(date(2026, 10, 1)).unwrap()); // Thursday, holiday
        assert!(c.is_working_day(date(2026, 10, 10)).unwrap()); // Saturday, 调休
    }

    #[test]
    fn counting_starts_the_next_day_and_skips_days_off() {
        let c = cal2026();
        assert_eq!(c.add_working_days(date(2026, 11, 23), 1).unwrap(), date(2026, 11, 24));
        assert_eq!(c.add_working_days(date(2026, 11, 20), 1).unwrap(), date(2026, 11, 23)); // Fri → Mon
        // Over National Day: 9-30 (Wed) + 1 working day = 10-08 (Thu), the 10-10 调休 counts too.
        assert_eq!(c.add_working_days(date(2026, 9, 30), 1).unwrap(), date(2026, 10, 8));
        assert_eq!(c.add_working_days(date(2026, 9, 30), 3).unwrap(), date(2026, 10, 10));
        assert_eq!(c.add_working_days(date(2026, 11, 23), 0).unwrap(), date(2026, 11, 23));
    }

    #[test]
    fn a_notice_reaching_into_the_previous_year_counts() {
        let y2023 = r#"{"year":2023,"papers":["x"],"days":[{"name":"元旦","date":"2022-12-31","isOffDay":true},{"name":"元旦","date":"2023-01-02","isOffDay":true}]}"#;
        let y2022 = r#"{"year":2022,"papers":["x"],"days":[{"name":"国庆节","date":"2022-10-03","isOffDay":true}]}"#;
        let c =
            WorkingCalendar::new([YearArrangement::parse_holiday_cn(y2022).unwrap(), YearArrangement::parse_holiday_cn(y2023).unwrap()]);
        assert!(!c.is_working_day(date(2023, 1, 2)).unwrap());
        assert!(!c.is_working_day(date(2022, 12, 31)).unwrap());
        let far = r#"{"year":2023,"papers":["x"],"days":[{"name":"x","date":"2021-01-01","isOffDay":true}]}"#;
        assert!(matches!(YearArrangement::parse_holiday_cn(far), Err(CalendarError::BadFile(_))));
    }

    #[test]
    fn a_year_without_data_is_an_error_never_a_guess() {
        let c = cal2026();
        assert_eq!(c.is_working_day(date(2027, 1, 4)), Err(CalendarError::NoData(2027)));
        assert_eq!(c.add_working_days(date(2026, 12, 30), 5), Err(CalendarError::NoData(2027)));
        let unpublished = r#"{"year":2027,"papers":[],"days":[]}"#;
        assert_eq!(YearArrangement::parse_holiday_cn(unpublished), Err(CalendarError::NoData(2027)));
    }

    #[test]
    fn calendar_day_period_ending_on_a_day_off_moves_to_the_next_working_day() {
        let c = cal2026();
        // 2026-09-11 + 20 days = 2026-10-01 (holiday) → 2026-10-08.
        assert_eq!(c.period_end_calendar_days(date(2026, 9, 11), 20).unwrap(), date(2026, 10, 8));
        // 2026-11-02 + 20 days = 2026-11-22 (Sunday) → 2026-11-23.
        assert_eq!(c.period_end_calendar_days(date(2026, 11, 2), 20).unwrap(), date(2026, 11, 23));
        assert_eq!(c.period_end_calendar_days(date(2026, 11, 3), 20).unwrap(), date(2026, 11, 23));
    }

    fn year(y: i16) -> YearArrangement {
        YearArrangement { year: y, exceptions: BTreeMap::new() }
    }

    #[test]
    fn coverage_is_the_unbroken_run_of_published_years() {
        let c = WorkingCalendar::new([year(2024), year(2025), year(2026), year(2028)]);
        assert!(c.covers(date(2024, 3, 1), date(2026, 12, 31)));
        assert!(!c.covers(date(2026, 12, 1), date(2027, 1, 1)), "2027 has no data");
        assert!(!c.covers(date(2026, 12, 2), date(2026, 12, 1)), "an empty range is not a coverage");
        assert_eq!(c.covered_through(date(2025, 6, 1)), Some(date(2026, 12, 31)));
        assert_eq!(c.covered_through(date(2028, 6, 1)), Some(date(2028, 12, 31)));
        assert_eq!(c.covered_through(date(2027, 6, 1)), None);
    }

    #[test]
    fn admins_are_warned_sixty_days_before_the_calendar_runs_out() {
        let c = WorkingCalendar::new([year(2026)]);
        // 2026-11-01 → 2026-12-31 is 60 days: not yet; one day later it is.
        assert_eq!(c.runs_out_within(date(2026, 11, 1), CALENDAR_WARN_DAYS), None);
        assert_eq!(
            c.runs_out_within(date(2026, 11, 2), CALENDAR_WARN_DAYS),
            Some(RunsOut { last_day: Some(date(2026, 12, 31)), missing_year: 2027 })
        );
        assert_eq!(c.runs_out_within(date(2027, 1, 5), CALENDAR_WARN_DAYS), Some(RunsOut { last_day: None, missing_year: 2027 }));
        let two = WorkingCalendar::new([year(2026), year(2027)]);
        assert_eq!(two.runs_out_within(date(2026, 11, 2), CALENDAR_WARN_DAYS), None, "the next year is loaded");
    }
}
