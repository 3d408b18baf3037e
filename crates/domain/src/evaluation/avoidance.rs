//! 回避 and the other grounds that keep an expert out of a draw, each with the reason the
//! exclusion record states. 条例9: within the three years before the evaluation the expert was
//! employed by a supplier taking part, or was its director, supervisor or controlling person; a
//! close relative of its legal representative; or has any other conflict (what the expert
//! declared). The purchaser's and the running agency's own staff are not drawn as experts. The
//! platform also keeps out experts suspended, unavailable that day, already confirmed for
//! another evaluation at the time, and those drawn for the same purchaser too often lately
//! (policy data).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::Msg;

/// A tie between an expert and an organization over a period (`until` None: still).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tie {
    /// The organization, by its 统一社会信用代码 (or the platform's id where it has none).
    pub org: String,
    pub kind: TieKind,
    pub from: Date,
    pub until: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TieKind {
    /// 任职 (employment).
    Employed,
    /// 董事、监事.
    Officer,
    /// 控股股东或者实际控制人.
    Controller,
    /// Its legal representative is a close relative (近亲属) of the expert: no period.
    Relative,
    /// Any other conflict the expert declared (持股, 曾参与本项目需求编制, …).
    Declared,
}

/// What the draw knows about one expert.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExpertFacts {
    pub ties: Vec<Tie>,
    /// Suspended (暂停) through this day, or removed (`Some(None)`).
    pub suspended: Option<Option<Date>>,
    pub unavailable: Vec<Date>,
    /// Already confirmed for another evaluation overlapping this one.
    pub busy: bool,
    /// Evaluations for the same purchaser in the policy's look-back period.
    pub recent_for_purchaser: u32,
}

/// The draw's side: who takes part and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawContext {
    pub evaluation_day: Date,
    /// Every supplier that obtained the documents (not only those who bid: names are secret
    /// until the deadline, and avoidance is decided before).
    pub suppliers: std::collections::BTreeSet<String>,
    pub purchaser: String,
    pub agency: String,
    /// At most this many evaluations for one purchaser in the look-back period (policy).
    pub max_recent_for_purchaser: u32,
}

/// Why an expert is not a candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "ground", rename_all = "snake_case")]
pub enum Exclusion {
    /// 条例9: a tie with a supplier taking part within three years (or a relative, or declared).
    Supplier {
        org: String,
        kind: TieKind,
    },
    /// Staff of the purchaser or of the running agency.
    OwnStaff {
        org: String,
    },
    Suspended,
    Unavailable,
    Busy,
    TooFrequent {
        count: u32,
        max: u32,
    },
}

impl Exclusion {
    /// The reason, as the exclusion record says it.
    pub fn msg(&self) -> Msg {
        let m = |k: &str| Msg::new(format!("exclusion.{k}"));
        match self {
            Exclusion::Supplier { org, kind } => m(match kind {
                TieKind::Employed => "employed",
                TieKind::Officer => "officer",
                TieKind::Controller => "controller",
                TieKind::Relative => "relative",
                TieKind::Declared => "declared",
            })
            .arg("org", org)
            .arg_msg("source", Msg::source(SOURCE)),
            Exclusion::OwnStaff { org } => m("own_staff").arg("org", org),
            Exclusion::Suspended => m("suspended"),
            Exclusion::Unavailable => m("unavailable"),
            Exclusion::Busy => m("busy"),
            Exclusion::TooFrequent { count, max } => m("too_frequent").arg("count", count).arg("max", max),
        }
    }
}

/// The source of 回避.
pub const SOURCE: &str = "政府采购法实施条例第9条";

/// The first day of the three years before `day` that 条例9 looks back over.
pub fn look_back_from(day: Date) -> Date {
    day.checked_sub(jiff::Span::new().years(3)).unwrap_or(day)
}

/// Whether `tie` counts on `day`: a relative or a declared conflict always; employment and
/// offices when they lasted into the three years before the day.
fn counts(tie: &Tie, day: Date) -> bool {
    match tie.kind {
        TieKind::Relative | TieKind::Declared => true,
        TieKind::Employed | TieKind::Officer | TieKind::Controller => tie.from <= day && tie.until.is_none_or(|u| u >= look_back_from(day)),
    }
}

/// Why `e` may not be drawn under `ctx`, the first ground found; `None`: a candidate.
pub fn exclusion(e: &ExpertFacts, ctx: &DrawContext) -> Option<Exclusion> {
    let day = ctx.evaluation_day;
    for tie in e.ties.iter().filter(|t| counts(t, day)) {
        if ctx.suppliers.contains(&tie.org) {
            return Some(Exclusion::Supplier { org: tie.org.clone(), kind: tie.kind });
        }
        if tie.kind == TieKind::Employed && (tie.org == ctx.purchaser || tie.org == ctx.agency) && tie.until.is_none_or(|u| u >= day) {
            return Some(Exclusion::OwnStaff { org: tie.org.clone() });
        }
    }
    match e.suspended {
        Some(None) => return Some(Exclusion::Suspended),
        Some(Some(until)) if until >= day => return Some(Exclusion::Suspended),
        _ => {}
    }
    if e.unavailable.contains(&day) {
        return Some(Exclusion::Unavailable);
    }
    if e.busy {
        return Some(Exclusion::Busy);
    }
    if e.recent_for_purchaser >= ctx.max_recent_for_purchaser {
        return Some(Exclusion::TooFrequent { count: e.recent_for_purchaser, max: ctx.max_recent_for_purchaser });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn ctx() -> DrawContext {
        DrawContext {
            evaluation_day: date(2026, 11, 20),
            suppliers: ["S1".to_string(), "S2".to_string()].into(),
            purchaser: "P".into(),
            agency: "A".into(),
            max_recent_for_purchaser: 3,
        }
    }

    fn tie(org: &str, kind: TieKind, from: Date, until: Option<Date>) -> ExpertFacts {
        ExpertFacts { ties: vec![Tie { org: org.into(), kind, from, until }], ..Default::default() }
    }

    #[test]
    fn employment_counts_for_three_years_after_it_ended() {
        // Evaluation on 2026-11-20: the look-back starts on 2023-11-20.
        assert_eq!(look_back_from(date(2026, 11, 20)), date(2023, 11, 20));
        let left_on_the_day = tie("S1", TieKind::Employed, date(2015, 1, 1), Some(date(2023, 11, 20)));
        let left_the_day_before = tie("S1", TieKind::Employed, date(2015, 1, 1), Some(date(2023, 11, 19)));
        assert_eq!(exclusion(&left_on_the_day, &ctx()), Some(Exclusion::Supplier { org: "S1".into(), kind: TieKind::Employed }));
        assert_eq!(exclusion(&left_the_day_before, &ctx()), None, "more than three years ago");
        let still = tie("S2", TieKind::Controller, date(2020, 1, 1), None);
        assert_eq!(exclusion(&still, &ctx()), Some(Exclusion::Supplier { org: "S2".into(), kind: TieKind::Controller }));
        let officer = tie("S2", TieKind::Officer, date(2024, 1, 1), Some(date(2025, 1, 1)));
        assert!(matches!(exclusion(&officer, &ctx()), Some(Exclusion::Supplier { kind: TieKind::Officer, .. })));
        let other_supplier = tie("S9", TieKind::Employed, date(2020, 1, 1), None);
        assert_eq!(exclusion(&other_supplier, &ctx()), None, "a supplier not taking part");
    }

    #[test]
    fn relatives_and_declared_conflicts_have_no_period() {
        let relative = tie("S1", TieKind::Relative, date(1990, 1, 1), Some(date(1991, 1, 1)));
        assert!(matches!(exclusion(&relative, &ctx()), Some(Exclusion::Supplier { kind: TieKind::Relative, .. })));
        let declared = tie("S2", TieKind::Declared, date(2000, 1, 1), None);
        assert!(matches!(exclusion(&declared, &ctx()), Some(Exclusion::Supplier { kind: TieKind::Declared, .. })));
    }

    #[test]
    fn own_staff_of_the_purchaser_or_agency() {
        assert_eq!(exclusion(&tie("P", TieKind::Employed, date(2020, 1, 1), None), &ctx()), Some(Exclusion::OwnStaff { org: "P".into() }));
        assert_eq!(exclusion(&tie("A", TieKind::Employed, date(2020, 1, 1), None), &ctx()), Some(Exclusion::OwnStaff { org: "A".into() }));
        assert_eq!(exclusion(&tie("A", TieKind::Employed, date(2020, 1, 1), Some(date(2026, 11, 19))), &ctx()), None, "left the agency");
    }

    #[test]
    fn suspended_unavailable_busy_and_too_frequent() {
        let day = date(2026, 11, 20);
        let e = |f: fn(&mut ExpertFacts)| {
            let mut x = ExpertFacts::default();
            f(&mut x);
            exclusion(&x, &ctx())
        };
        assert_eq!(e(|x| x.suspended = Some(Some(date(2026, 11, 20)))), Some(Exclusion::Suspended), "suspended through the day");
        assert_eq!(e(|x| x.suspended = Some(Some(date(2026, 11, 19)))), None, "suspension over");
        assert_eq!(e(|x| x.suspended = Some(None)), Some(Exclusion::Suspended), "removed");
        assert_eq!(e(|x| x.unavailable = vec![date(2026, 11, 20)]), Some(Exclusion::Unavailable));
        assert_eq!(e(|x| x.unavailable = vec![date(2026, 11, 21)]), None);
        assert_eq!(e(|x| x.busy = true), Some(Exclusion::Busy));
        assert_eq!(e(|x| x.recent_for_purchaser = 3), Some(Exclusion::TooFrequent { count: 3, max: 3 }));
        assert_eq!(e(|x| x.recent_for_purchaser = 2), None);
        let _ = day;
    }

    #[test]
    fn the_reason_cites_its_source() {
        let m = Exclusion::Supplier { org: "示范科技有限公司".into(), kind: TieKind::Employed }.msg();
        assert_eq!(m.key, "exclusion.employed");
        assert_eq!(m.args.get("org").and_then(crate::Arg::text), Some("示范科技有限公司"));
    }
}
