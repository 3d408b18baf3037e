//! Legal periods of the tender stage, computed on the working-day calendar.
//!
//! Counting starts the day after the event (民法典201); a period of calendar days that ends on a
//! day off ends on the next working day (民法典203). The lengths are policy data
//! ([`TenderPeriods`]) so an administrator can correct the (check) ones without a release.
//!
//! Choices where the texts leave room, all on the side of the longer period:
//! - "不少于5个工作日" for the documents counts 5 working days after the day of issue;
//! - the bid deadline may fall at any time on the last day of the period (the usual practice);
//! - the opening is at the deadline (87号令第39条), so there is one time, not two.

use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};

use super::rules::{TenderRule, Violation, says};
use crate::calendar::{CalendarError, WorkingCalendar};
use crate::planning::Method;

/// Period lengths, per region policy. Defaults are docs/DOMAIN.md's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TenderPeriods {
    /// 法35: documents first issued → bid deadline, calendar days.
    pub tender_bid_days: u32,
    /// 条例31 / 214号10: documents available, working days.
    pub documents_working_days: u32,
    /// 87号令16 (check): 招标公告 period, working days.
    pub tender_announcement_working_days: u32,
    /// 214号10 (check): 磋商 documents → first response, calendar days.
    pub consultation_response_days: u32,
    /// 74号令 (check): 谈判/询价 documents → response, working days.
    pub negotiation_response_working_days: u32,
    /// 条例31: a clarification affecting bids at least this many days before the tender deadline.
    pub tender_clarification_days: u32,
    /// 214号10 (check): the same for 磋商, calendar days.
    pub consultation_clarification_days: u32,
    /// 74号令 (check): the same for 谈判/询价, working days.
    pub negotiation_clarification_working_days: u32,
    /// The online opening's decryption window, minutes (a platform setting; 电子招标投标办法
    /// Art. 30 leaves it to the documents).
    pub decryption_window_minutes: u32,
}

impl Default for TenderPeriods {
    fn default() -> Self {
        TenderPeriods {
            tender_bid_days: 20,
            documents_working_days: 5,
            tender_announcement_working_days: 5,
            consultation_response_days: 10,
            negotiation_response_working_days: 3,
            tender_clarification_days: 15,
            consultation_clarification_days: 5,
            negotiation_clarification_working_days: 3,
            decryption_window_minutes: 30,
        }
    }
}

/// How a method counts its periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// 公开招标, 邀请招标 (法35, 条例31).
    Tender,
    /// 竞争性磋商 (214号).
    Consultation,
    /// 竞争性谈判, 询价, and 单一来源 negotiations (74号令).
    Negotiation,
}

impl Family {
    /// The family of a method run as a project here; the e-mall and framework agreements are not.
    pub fn of(method: Method) -> Option<Family> {
        match method {
            Method::OpenTender | Method::InvitedTender => Some(Family::Tender),
            Method::CompetitiveConsultation => Some(Family::Consultation),
            Method::CompetitiveNegotiation | Method::RequestForQuotation | Method::SingleSource => Some(Family::Negotiation),
            Method::FrameworkAgreement | Method::Emall => None,
        }
    }
}

/// The earliest lawful dates for documents issued on `issued_on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Earliest {
    pub issued_on: Date,
    /// The documents must stay available at least until the end of this day.
    pub documents_until: Date,
    /// The deadline (= opening) may be on this day at the earliest.
    pub deadline_on: Date,
    /// The announcement period ends on this day.
    pub announcement_until: Date,
}

pub fn earliest(method: Method, issued_on: Date, cal: &WorkingCalendar, p: &TenderPeriods) -> Result<Earliest, CalendarError> {
    let family = Family::of(method).unwrap_or(Family::Negotiation);
    let documents_until = match family {
        Family::Tender | Family::Consultation => cal.add_working_days(issued_on, p.documents_working_days)?,
        // 74号令 sets no separate window: the documents stay out for the whole response period.
        Family::Negotiation => cal.add_working_days(issued_on, p.negotiation_response_working_days)?,
    };
    let deadline_on = match family {
        Family::Tender => cal.period_end_calendar_days(issued_on, p.tender_bid_days)?,
        Family::Consultation => cal.period_end_calendar_days(issued_on, p.consultation_response_days)?,
        Family::Negotiation => cal.add_working_days(issued_on, p.negotiation_response_working_days)?,
    };
    let announcement_until = match family {
        Family::Tender => cal.add_working_days(issued_on, p.tender_announcement_working_days)?,
        _ => documents_until,
    };
    Ok(Earliest { issued_on, documents_until, deadline_on, announcement_until })
}

/// The dates an agency proposes when publishing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// The documents are available until the end of this day (China time).
    pub documents_until: Date,
    /// Bid/response deadline and opening (China time).
    pub deadline: DateTime,
}

fn period_rule(family: Family) -> TenderRule {
    match family {
        Family::Tender => TenderRule::BidPeriod,
        Family::Consultation => TenderRule::ConsultationPeriod,
        Family::Negotiation => TenderRule::NegotiationPeriod,
    }
}

/// Checks a schedule for documents issued on `issued_on` (today, when publishing). Empty: lawful.
pub fn check_schedule(
    method: Method,
    issued_on: Date,
    schedule: &Schedule,
    cal: &WorkingCalendar,
    p: &TenderPeriods,
) -> Result<Vec<Violation>, CalendarError> {
    let e = earliest(method, issued_on, cal, p)?;
    let family = Family::of(method).unwrap_or(Family::Negotiation);
    let mut out = Vec::new();
    if schedule.documents_until < e.documents_until {
        out.push(Violation::new(TenderRule::DocumentWindow, "documents_until", says("documents_window").arg("until", e.documents_until)));
    }
    if schedule.deadline.date() < e.deadline_on {
        let period = match family {
            Family::Tender => says("period_tender"),
            Family::Consultation => says("period_consultation"),
            Family::Negotiation => says("period_negotiation"),
        };
        out.push(Violation::new(
            period_rule(family),
            "deadline",
            says("deadline_too_early").arg_msg("period", period).arg("issued", issued_on).arg("earliest", e.deadline_on),
        ));
    }
    if schedule.documents_until > schedule.deadline.date() {
        out.push(Violation::new(TenderRule::WindowWithinBidding, "documents_until", says("window_after_deadline")));
    }
    Ok(out)
}

/// The deadline after a clarification or modification (澄清/修改) published on `published_on`:
/// unchanged if it does not affect bids or leaves enough time; otherwise moved to the earliest
/// lawful day at the same time of day (条例31: "不足15日的，应当顺延").
pub fn deadline_after_clarification(
    method: Method,
    published_on: Date,
    deadline: DateTime,
    affects_bids: bool,
    cal: &WorkingCalendar,
    p: &TenderPeriods,
) -> Result<Option<DateTime>, CalendarError> {
    if !affects_bids {
        return Ok(None);
    }
    let family = Family::of(method).unwrap_or(Family::Negotiation);
    let earliest_day = match family {
        Family::Tender => cal.period_end_calendar_days(published_on, p.tender_clarification_days)?,
        Family::Consultation => cal.period_end_calendar_days(published_on, p.consultation_clarification_days)?,
        Family::Negotiation => cal.add_working_days(published_on, p.negotiation_clarification_working_days)?,
    };
    if deadline.date() >= earliest_day { Ok(None) } else { Ok(Some(earliest_day.to_datetime(deadline.time()))) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::YearArrangement;
    use jiff::civil::{date, time};

    fn cal() -> WorkingCalendar {
        let json = r#"{"year":2026,"papers":["x"],"days":[
            {"name":"国庆节","date":"2026-09-27","isOffDay":false},
            {"name":"国庆节","date":"2026-10-01","isOffDay":true},{"name":"国庆节","date":"2026-10-02","isOffDay":true},
            {"name":"国庆节","date":"2026-10-03","isOffDay":true},{"name":"国庆节","date":"2026-10-04","isOffDay":true},
            {"name":"国庆节","date":"2026-10-05","isOffDay":true},{"name":"国庆节","date":"2026-10-06","isOffDay":true},
            {"name":"国庆节","date":"2026-10-07","isOffDay":true},{"name":"国庆节","date":"2026-10-10","isOffDay":false}]}"#;
        WorkingCalendar::new([YearArrangement::parse_holiday_cn(json).unwrap()])
    }

    fn at(d: Date) -> DateTime {
        d.to_datetime(time(9, 30, 0, 0))
    }

    #[test]
    fn open_tender_deadline_across_national_day() {
        let c = cal();
        let p = TenderPeriods::default();
        // Issued Friday 2026-09-11: day 20 is 10-01, a holiday → the first working day, 10-08.
        let e = earliest(Method::OpenTender, date(2026, 9, 11), &c, &p).unwrap();
        assert_eq!(e.deadline_on, date(2026, 10, 8));
        // 5 working days after 09-11: 14, 15, 16, 17, 18.
        assert_eq!(e.documents_until, date(2026, 9, 18));
        let ok = Schedule { documents_until: e.documents_until, deadline: at(date(2026, 10, 8)) };
        assert!(check_schedule(Method::OpenTender, date(2026, 9, 11), &ok, &c, &p).unwrap().is_empty());
        let early = Schedule { documents_until: e.documents_until, deadline: at(date(2026, 10, 7)) };
        let v = check_schedule(Method::OpenTender, date(2026, 9, 11), &early, &c, &p).unwrap();
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].code, "TEND-BID-PERIOD");
        assert!(v[0].source.contains("政府采购法第35条") && v[0].text.args["earliest"].text() == Some("2026-10-08"), "{v:?}");
    }

    #[test]
    fn document_window_counts_working_days_and_not_past_the_deadline() {
        let c = cal();
        let p = TenderPeriods::default();
        // Issued Tuesday 09-29: 09-30, (holiday 10-01..07), 10-08, 10-09, 10-10 (调休 Saturday), 10-12.
        let e = earliest(Method::OpenTender, date(2026, 9, 29), &c, &p).unwrap();
        assert_eq!(e.documents_until, date(2026, 10, 12));
        let short = Schedule { documents_until: date(2026, 10, 9), deadline: at(date(2026, 10, 30)) };
        let v = check_schedule(Method::OpenTender, date(2026, 9, 29), &short, &c, &p).unwrap();
        assert_eq!(v.iter().map(|v| v.code.as_str()).collect::<Vec<_>>(), ["TEND-DOC-WINDOW"]);
        let past = Schedule { documents_until: date(2026, 11, 2), deadline: at(date(2026, 10, 30)) };
        let v = check_schedule(Method::OpenTender, date(2026, 9, 29), &past, &c, &p).unwrap();
        assert_eq!(v.iter().map(|v| v.code.as_str()).collect::<Vec<_>>(), ["TEND-WINDOW-DEADLINE"]);
    }

    #[test]
    fn other_methods_have_their_own_periods() {
        let c = cal();
        let p = TenderPeriods::default();
        // 磋商: 10 days from Monday 11-02 → Thursday 11-12.
        assert_eq!(earliest(Method::CompetitiveConsultation, date(2026, 11, 2), &c, &p).unwrap().deadline_on, date(2026, 11, 12));
        // 询价: 3 working days from Friday 11-20 → Wednesday 11-25.
        assert_eq!(earliest(Method::RequestForQuotation, date(2026, 11, 20), &c, &p).unwrap().deadline_on, date(2026, 11, 25));
        // 磋商 ending on a Sunday moves to Monday: 11-05 + 10 = 11-15 (Sunday) → 11-16.
        assert_eq!(earliest(Method::CompetitiveConsultation, date(2026, 11, 5), &c, &p).unwrap().deadline_on, date(2026, 11, 16));
    }

    #[test]
    fn late_clarification_extends_the_deadline_and_early_one_does_not() {
        let c = cal();
        let p = TenderPeriods::default();
        let deadline = at(date(2026, 12, 10));
        // 11-25 + 15 = 12-10: exactly enough, unchanged.
        assert_eq!(deadline_after_clarification(Method::OpenTender, date(2026, 11, 25), deadline, true, &c, &p).unwrap(), None);
        // One day later: 11-26 + 15 = 12-11 (Friday) at the same time.
        assert_eq!(
            deadline_after_clarification(Method::OpenTender, date(2026, 11, 26), deadline, true, &c, &p).unwrap(),
            Some(at(date(2026, 12, 11)))
        );
        // Not affecting bids: never moved.
        assert_eq!(deadline_after_clarification(Method::OpenTender, date(2026, 12, 9), deadline, false, &c, &p).unwrap(), None);
        // 11-27 + 15 = 12-12 (Saturday) → Monday 12-14.
        assert_eq!(
            deadline_after_clarification(Method::OpenTender, date(2026, 11, 27), deadline, true, &c, &p).unwrap(),
            Some(at(date(2026, 12, 14)))
        );
    }

    #[test]
    fn a_year_without_calendar_data_is_an_error() {
        let c = cal();
        assert_eq!(earliest(Method::OpenTender, date(2026, 12, 20), &c, &TenderPeriods::default()), Err(CalendarError::NoData(2027)));
    }
}
