//! Automatic filing (自动备案): every rule is checked on submit and the result is filed at once,
//! sent to the supervisor for approval, or refused — each finding citing its rule.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::method::Method;
use super::rules::{RuleId, SingleSourceGround};
use crate::catalog::{ObjectType, PinmuCode};
use crate::policy::PolicySet;
use crate::{Lang, Money, Msg};

/// Working days a 单一来源 公示 runs (条例38).
pub const SINGLE_SOURCE_PUBLICITY_WORKING_DAYS: u32 = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItem {
    pub code: PinmuCode,
    pub amount: Money,
}

/// A plan filed earlier under the same budget line in the same fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierPlan {
    pub plan_no: String,
    pub code: PinmuCode,
    pub amount: Money,
    pub method: Method,
}

/// Everything the checks need, gathered by the shell.
#[derive(Debug, Clone)]
pub struct PlanFacts {
    pub method: Method,
    pub items: Vec<PlanItem>,
    /// The first day procurement is planned to start.
    pub procurement_start: Date,
    /// Available on the budget line before this plan.
    pub budget_available: Money,
    /// The budget line's 预算年度.
    pub budget_fiscal_year: i16,
    /// The date the linked 采购意向 was published, if any.
    pub intention_published_on: Option<Date>,
    pub entrusted_to_central_agency: bool,
    pub earlier_in_year: Vec<EarlierPlan>,
    pub single_source_ground: Option<SingleSourceGround>,
    /// For the add-on ground: the original contract's amount.
    pub original_contract: Option<Money>,
}

impl PlanFacts {
    pub fn total(&self) -> Money {
        self.items.iter().fold(Money::ZERO, |acc, i| acc.checked_add(i.amount).unwrap_or(Money::from_fen(i64::MAX)))
    }

    /// The plan's object type: that of its largest item.
    pub fn object_type(&self) -> ObjectType {
        self.items.iter().max_by_key(|i| i.amount).map(|i| i.code.object_type()).unwrap_or(ObjectType::Goods)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pass,
    NeedsApproval,
    Refused,
}

/// One rule's result, with what to do next: a catalog message with the figures as arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "StoredFinding")]
pub struct Finding {
    pub rule: RuleId,
    pub code: String,
    pub source: String,
    pub verdict: Verdict,
    pub text: Msg,
    /// Plans this finding refers to (化整为零).
    pub related: Vec<String>,
}

/// A finding as stored with its plan. Plans filed before findings kept keys stored their text
/// in Chinese and English (`zh`, `en`); they read back as those texts.
#[derive(Deserialize)]
struct StoredFinding {
    rule: RuleId,
    code: String,
    source: String,
    verdict: Verdict,
    #[serde(default)]
    text: Option<Msg>,
    #[serde(default)]
    zh: String,
    #[serde(default)]
    en: String,
    #[serde(default)]
    related: Vec<String>,
}

impl From<StoredFinding> for Finding {
    fn from(f: StoredFinding) -> Finding {
        let text = f.text.unwrap_or_else(|| Msg::given([(Lang::Zh, f.zh), (Lang::En, f.en)]));
        Finding { rule: f.rule, code: f.code, source: f.source, verdict: f.verdict, text, related: f.related }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// 备案: filed at once, no human.
    Filed,
    /// Sent to the supervisor; with a 公示 first when `publicity`.
    NeedsApproval {
        publicity: bool,
    },
    Refused,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub decision: Decision,
    pub findings: Vec<Finding>,
}

/// A finding of `rule`; its text is the catalog's `finding.plan.<what>`.
fn finding(rule: RuleId, verdict: Verdict, text: Msg) -> Finding {
    Finding { rule, code: rule.code().to_string(), source: rule.source().to_string(), verdict, text, related: Vec::new() }
}

fn says(what: &str) -> Msg {
    Msg::new(format!("finding.plan.{what}"))
}

/// The earliest date procurement may start after an intention published on `published_on`,
/// with the region's lead time (10号: 30 days).
pub fn earliest_start_after_intention(published_on: Date, lead_days: u32) -> Date {
    published_on.checked_add(jiff::Span::new().days(i64::from(lead_days))).unwrap_or(published_on)
}

/// The start date a new plan form suggests: `lead_days` out (what an intention published today
/// allows), but never past the end of the latest fiscal year the unit has budget lines for, so
/// the suggestion does not run into PLAN-BUDGET-YEAR in December.
pub fn suggested_start(today: Date, lead_days: u32, fiscal_years: &[i16]) -> Date {
    let out = earliest_start_after_intention(today, lead_days);
    match fiscal_years.iter().copied().max() {
        Some(last) if out.year() > last && today.year() <= last => date_in(last, 12, 31).unwrap_or(out),
        _ => out,
    }
}

fn date_in(year: i16, month: i8, day: i8) -> Option<Date> {
    Date::new(year, month, day).ok()
}

/// The category two purchases are compared in for 化整为零: the 品目's third level
/// (e.g. A020101 计算机设备 for A02010105 台式计算机), or the code itself above it.
fn split_category(code: &PinmuCode) -> &str {
    let s = code.as_str();
    &s[..s.len().min(7)]
}

/// Runs every filing rule.
pub fn check_plan(facts: &PlanFacts, policy: &PolicySet) -> Outcome {
    let total = facts.total();
    let object_type = facts.object_type();
    let threshold = policy.open_tender_threshold.get(object_type);
    let limit = policy.decentralized_limit.get(object_type);
    let centralized: Vec<&PlanItem> = facts.items.iter().filter(|i| policy.is_centralized(&i.code)).collect();
    let mut out = Vec::new();

    // Budget.
    out.push(if total <= facts.budget_available {
        finding(RuleId::Budget, Verdict::Pass, says("budget_within").arg("total", total).arg("available", facts.budget_available))
    } else {
        finding(RuleId::Budget, Verdict::Refused, says("budget_exceeded").arg("total", total).arg("available", facts.budget_available))
    });

    // 预算年度: the money of a year's budget line is spent in that year.
    if facts.procurement_start.year() != facts.budget_fiscal_year {
        out.push(finding(
            RuleId::BudgetYear,
            Verdict::Refused,
            says("budget_year_mismatch").arg("start", facts.procurement_start).arg("year", facts.budget_fiscal_year),
        ));
    }

    // 采购意向公开: required within the 集中采购目录 or at or above the 采购限额标准, except
    // emergencies and the e-mall's small purchases.
    let emergency = facts.method == Method::SingleSource && facts.single_source_ground == Some(SingleSourceGround::Emergency);
    let needs_intention = (!centralized.is_empty() || total >= limit) && facts.method != Method::Emall && !emergency;
    if needs_intention {
        out.push(match facts.intention_published_on {
            None => finding(RuleId::Intention, Verdict::Refused, says("intention_missing").arg("lead", policy.intention_lead_days)),
            Some(published) => {
                let earliest = earliest_start_after_intention(published, policy.intention_lead_days);
                let lead = policy.intention_lead_days;
                if facts.procurement_start >= earliest {
                    finding(RuleId::Intention, Verdict::Pass, says("intention_met").arg("published", published).arg("earliest", earliest))
                } else {
                    finding(
                        RuleId::Intention,
                        Verdict::Refused,
                        says("intention_too_recent").arg("published", published).arg("earliest", earliest).arg("lead", lead),
                    )
                }
            }
        });
    }

    // 集中采购目录.
    if !centralized.is_empty() {
        let codes: Vec<&str> = centralized.iter().map(|i| i.code.as_str()).collect();
        out.push(if facts.entrusted_to_central_agency {
            finding(RuleId::CentralizedCatalog, Verdict::Pass, says("centralized_entrusted").arg_list("codes", &codes))
        } else {
            finding(RuleId::CentralizedCatalog, Verdict::Refused, says("centralized_not_entrusted").arg_list("codes", &codes))
        });
    }

    // E-mall scope.
    if facts.method == Method::Emall {
        out.push(if object_type == ObjectType::Works {
            finding(RuleId::Emall, Verdict::Refused, says("emall_works"))
        } else if total >= limit {
            finding(RuleId::Emall, Verdict::Refused, says("emall_over_limit").arg("total", total).arg("limit", limit))
        } else {
            finding(RuleId::Emall, Verdict::Pass, says("emall_within").arg("limit", limit))
        });
    }

    // Open-tender threshold (以上 includes the amount itself).
    if facts.method != Method::OpenTender && facts.method != Method::Emall {
        out.push(if total >= threshold {
            finding(
                RuleId::OpenTenderThreshold,
                Verdict::NeedsApproval,
                says("threshold_reached").arg("total", total).arg("threshold", threshold).arg_label("method", &facts.method),
            )
        } else {
            finding(
                RuleId::OpenTenderThreshold,
                Verdict::Pass,
                says("threshold_below").arg("threshold", threshold).arg_label("method", &facts.method),
            )
        });
    }

    // 化整为零: the same category under this budget line this fiscal year, non-open methods.
    if facts.method != Method::OpenTender {
        for item in &facts.items {
            let cat = split_category(&item.code);
            let earlier: Vec<&EarlierPlan> =
                facts.earlier_in_year.iter().filter(|p| split_category(&p.code) == cat && p.method != Method::OpenTender).collect();
            if earlier.is_empty() {
                continue;
            }
            let sum = earlier.iter().fold(item.amount, |acc, p| acc.checked_add(p.amount).unwrap_or(acc));
            if sum >= threshold && item.amount < threshold {
                let nos: Vec<String> = earlier.iter().map(|p| p.plan_no.clone()).collect();
                let mut f = finding(
                    RuleId::Splitting,
                    Verdict::NeedsApproval,
                    says("splitting").arg("category", cat).arg("sum", sum).arg("threshold", threshold).arg_list("plans", &nos),
                );
                f.related = nos;
                out.push(f);
            }
        }
    }

    // 单一来源.
    if facts.method == Method::SingleSource {
        match facts.single_source_ground {
            None => out.push(finding(RuleId::SingleSourceGround, Verdict::Refused, says("ss_ground_missing"))),
            Some(SingleSourceGround::AddOn) => {
                let ok = facts.original_contract.and_then(|o| o.mul_ratio(1, 10)).is_some_and(|cap| total <= cap);
                out.push(if ok {
                    finding(RuleId::SingleSourceGround, Verdict::Pass, says("ss_add_on_within"))
                } else {
                    finding(RuleId::SingleSourceGround, Verdict::Refused, says("ss_add_on_exceeded"))
                });
            }
            Some(g) => out.push(finding(RuleId::SingleSourceGround, Verdict::Pass, says("ss_ground").arg_label("ground", &g))),
        }
        if total >= threshold {
            out.push(finding(
                RuleId::SingleSourcePublicity,
                Verdict::NeedsApproval,
                says("ss_publicity").arg("threshold", threshold).arg("days", SINGLE_SOURCE_PUBLICITY_WORKING_DAYS),
            ));
        }
    }

    let worst = out.iter().map(|f| f.verdict).max().unwrap_or(Verdict::Pass);
    let decision = match worst {
        Verdict::Pass => Decision::Filed,
        Verdict::NeedsApproval => Decision::NeedsApproval {
            publicity: out.iter().any(|f| f.rule == RuleId::SingleSourcePublicity && f.verdict == Verdict::NeedsApproval),
        },
        Verdict::Refused => Decision::Refused,
    };
    Outcome { decision, findings: out }
}

/// The methods this plan could be filed with at once, without anyone's approval (the lawful
/// options the form offers). 单一来源 is left out: it always needs a stated ground.
pub fn methods_filed_directly(facts: &PlanFacts, policy: &PolicySet) -> Vec<Method> {
    Method::ALL
        .into_iter()
        .filter(|m| *m != Method::SingleSource)
        .filter(|m| {
            let mut f = facts.clone();
            f.method = *m;
            check_plan(&f, policy).decision == Decision::Filed
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_plan_stored_before_findings_kept_keys_reads_its_texts() {
        let old = r#"{"rule":"Budget","code":"PLAN-BUDGET","source":"x","verdict":"pass","zh":"未超过","en":"within","related":[]}"#;
        let f: super::Finding = serde_json::from_str(old).unwrap();
        assert_eq!(f.text, crate::Msg::given([(crate::Lang::Zh, "未超过".into()), (crate::Lang::En, "within".into())]));
        let again: super::Finding = serde_json::from_str(&serde_json::to_string(&f).unwrap()).unwrap();
        assert_eq!(again, f);
    }

    use super::*;
    use crate::policy::{PerObjectType, SmeDeduction};
    use jiff::civil::date;

    fn policy() -> PolicySet {
        let per = |y| PerObjectType { goods: Money::from_yuan(y), works: Money::from_yuan(y), services: Money::from_yuan(y) };
        PolicySet {
            open_tender_threshold: per(4_000_000),
            decentralized_limit: per(1_000_000),
            centralized_catalog: vec!["A02010100".parse().unwrap()],
            emall_direct_limit: Money::from_yuan(500_000),
            sme_deduction: SmeDeduction { small_micro_bp: 1000, consortium_bp: 400 },
            intention_lead_days: 30,
            tender_periods: Default::default(),
            price_weights: Default::default(),
        }
    }

    fn facts(method: Method, code: &str, fen: i64) -> PlanFacts {
        PlanFacts {
            method,
            items: vec![PlanItem { code: code.parse().unwrap(), amount: Money::from_fen(fen) }],
            procurement_start: date(2027, 1, 15),
            budget_available: Money::from_yuan(10_000_000),
            budget_fiscal_year: 2027,
            intention_published_on: Some(date(2026, 12, 1)),
            entrusted_to_central_agency: false,
            earlier_in_year: vec![],
            single_source_ground: None,
            original_contract: None,
        }
    }

    const THRESHOLD: i64 = 400_000_000;

    fn verdict_of(o: &Outcome, rule: RuleId) -> Option<Verdict> {
        o.findings.iter().find(|f| f.rule == rule).map(|f| f.verdict)
    }

    #[test]
    fn non_open_method_exactly_at_the_threshold_needs_approval_one_fen_under_files() {
        let at = check_plan(&facts(Method::CompetitiveConsultation, "A02020100", THRESHOLD), &policy());
        assert_eq!(at.decision, Decision::NeedsApproval { publicity: false });
        assert_eq!(verdict_of(&at, RuleId::OpenTenderThreshold), Some(Verdict::NeedsApproval));
        let under = check_plan(&facts(Method::CompetitiveConsultation, "A02020100", THRESHOLD - 1), &policy());
        assert_eq!(under.decision, Decision::Filed);
        let open = check_plan(&facts(Method::OpenTender, "A02020100", THRESHOLD + 1), &policy());
        assert_eq!(open.decision, Decision::Filed);
    }

    #[test]
    fn lawful_options_follow_the_threshold_and_the_limit() {
        let f = facts(Method::OpenTender, "A02020100", THRESHOLD);
        assert_eq!(methods_filed_directly(&f, &policy()), vec![Method::OpenTender], "at the threshold only open tender files directly");
        let mut small = facts(Method::OpenTender, "A02020100", 100_000_000 - 1);
        small.intention_published_on = None;
        let m = methods_filed_directly(&small, &policy());
        assert!(m.contains(&Method::Emall) && m.contains(&Method::RequestForQuotation) && !m.contains(&Method::SingleSource));
    }

    #[test]
    fn a_plan_starts_within_its_budget_lines_fiscal_year_from_1_january_to_31_december() {
        let on = |d| {
            let mut f = facts(Method::OpenTender, "A02020100", 500_000_000);
            f.budget_fiscal_year = 2026;
            f.intention_published_on = Some(date(2026, 1, 1));
            f.procurement_start = d;
            check_plan(&f, &policy())
        };
        let last_day = on(date(2026, 12, 31));
        assert_eq!((last_day.decision, verdict_of(&last_day, RuleId::BudgetYear)), (Decision::Filed, None));
        let next_year = on(date(2027, 1, 1));
        assert_eq!((next_year.decision, verdict_of(&next_year, RuleId::BudgetYear)), (Decision::Refused, Some(Verdict::Refused)));
        let f = next_year.findings.iter().find(|f| f.rule == RuleId::BudgetYear).unwrap();
        assert_eq!((f.code.as_str(), f.source.as_str()), ("PLAN-BUDGET-YEAR", "预算法第18条"));
        assert_eq!(on(date(2025, 12, 31)).decision, Decision::Refused, "a start before the fiscal year is refused too");
    }

    #[test]
    fn the_suggested_start_stays_in_the_last_budget_year() {
        assert_eq!(suggested_start(date(2026, 11, 2), 30, &[2026]), date(2026, 12, 2));
        assert_eq!(suggested_start(date(2026, 12, 1), 30, &[2026]), date(2026, 12, 31), "30 days out is still this year");
        assert_eq!(suggested_start(date(2026, 12, 10), 30, &[2026]), date(2026, 12, 31), "31 December, not 9 January");
        assert_eq!(suggested_start(date(2026, 12, 2), 30, &[2026, 2027]), date(2027, 1, 1), "next year's lines: 30 days out");
        assert_eq!(suggested_start(date(2027, 1, 5), 30, &[2026]), date(2027, 2, 4), "no line this year: nothing to keep to");
    }

    #[test]
    fn budget_boundary() {
        let mut f = facts(Method::OpenTender, "A02020100", 500_000_000);
        f.budget_available = Money::from_fen(500_000_000);
        assert_eq!(check_plan(&f, &policy()).decision, Decision::Filed);
        f.budget_available = Money::from_fen(499_999_999);
        let o = check_plan(&f, &policy());
        assert_eq!((o.decision, verdict_of(&o, RuleId::Budget)), (Decision::Refused, Some(Verdict::Refused)));
    }

    #[test]
    fn intention_thirty_days_before_start_is_enough_twenty_nine_is_not() {
        let mut f = facts(Method::OpenTender, "A02020100", 200_000_000);
        f.intention_published_on = Some(date(2026, 12, 16));
        assert_eq!(check_plan(&f, &policy()).decision, Decision::Filed, "2026-12-16 + 30 days = 2027-01-15");
        f.intention_published_on = Some(date(2026, 12, 17));
        let o = check_plan(&f, &policy());
        assert_eq!(o.decision, Decision::Refused);
        assert!(o.findings.iter().any(|x| x.rule == RuleId::Intention
            && x.text.key == "finding.plan.intention_too_recent"
            && x.text.args.get("earliest") == Some(&crate::Arg::Text("2027-01-16".into()))));
        f.intention_published_on = None;
        assert_eq!(check_plan(&f, &policy()).decision, Decision::Refused);
    }

    #[test]
    fn no_intention_needed_under_the_limit_outside_the_catalog() {
        let mut f = facts(Method::RequestForQuotation, "A02020100", 100_000_000 - 1);
        f.intention_published_on = None;
        let o = check_plan(&f, &policy());
        assert_eq!(o.decision, Decision::Filed);
        assert_eq!(verdict_of(&o, RuleId::Intention), None);
        f.items[0].amount = Money::from_fen(100_000_000);
        assert_eq!(check_plan(&f, &policy()).decision, Decision::Refused, "at the limit an intention is required");
    }

    #[test]
    fn centralized_items_must_be_entrusted() {
        let mut f = facts(Method::OpenTender, "A02010105", 50_000_000);
        let o = check_plan(&f, &policy());
        assert_eq!(verdict_of(&o, RuleId::CentralizedCatalog), Some(Verdict::Refused));
        f.entrusted_to_central_agency = true;
        assert_eq!(check_plan(&f, &policy()).decision, Decision::Filed);
    }

    #[test]
    fn emall_only_under_the_limit_and_never_for_works() {
        let mut f = facts(Method::Emall, "A02020100", 100_000_000 - 1);
        f.intention_published_on = None;
        assert_eq!(check_plan(&f, &policy()).decision, Decision::Filed);
        f.items[0].amount = Money::from_fen(100_000_000);
        assert_eq!(verdict_of(&check_plan(&f, &policy()), RuleId::Emall), Some(Verdict::Refused));
        let works = facts(Method::Emall, "B01000000", 1_000);
        assert_eq!(verdict_of(&check_plan(&works, &policy()), RuleId::Emall), Some(Verdict::Refused));
    }

    #[test]
    fn splitting_across_plans_is_sent_to_approval_with_the_earlier_plans() {
        let mut f = facts(Method::RequestForQuotation, "A02020102", 150_000_000);
        let earlier = |no: &str, fen| EarlierPlan {
            plan_no: no.into(),
            code: "A02020101".parse().unwrap(),
            amount: Money::from_fen(fen),
            method: Method::RequestForQuotation,
        };
        f.earlier_in_year = vec![earlier("P-1", 150_000_000), earlier("P-2", 99_999_999)];
        assert_eq!(check_plan(&f, &policy()).decision, Decision::Filed, "one fen under the threshold in sum");
        f.earlier_in_year = vec![earlier("P-1", 150_000_000), earlier("P-2", 100_000_000)];
        let o = check_plan(&f, &policy());
        assert_eq!(o.decision, Decision::NeedsApproval { publicity: false });
        let split = o.findings.iter().find(|x| x.rule == RuleId::Splitting).unwrap();
        assert_eq!(split.related, vec!["P-1".to_string(), "P-2".to_string()]);
        // An open tender is never splitting.
        f.method = Method::OpenTender;
        assert_eq!(check_plan(&f, &policy()).decision, Decision::Filed);
    }

    #[test]
    fn single_source_needs_a_ground_and_publicity_above_the_threshold() {
        let mut f = facts(Method::SingleSource, "A02020100", 100_000_000);
        assert_eq!(verdict_of(&check_plan(&f, &policy()), RuleId::SingleSourceGround), Some(Verdict::Refused));
        f.single_source_ground = Some(SingleSourceGround::OnlySource);
        assert_eq!(check_plan(&f, &policy()).decision, Decision::Filed);
        f.items[0].amount = Money::from_fen(THRESHOLD);
        let o = check_plan(&f, &policy());
        assert_eq!(o.decision, Decision::NeedsApproval { publicity: true });
        f.single_source_ground = Some(SingleSourceGround::AddOn);
        f.items[0].amount = Money::from_fen(10_000_001);
        f.original_contract = Some(Money::from_fen(100_000_000));
        assert_eq!(verdict_of(&check_plan(&f, &policy()), RuleId::SingleSourceGround), Some(Verdict::Refused), "10% plus one fen");
        f.items[0].amount = Money::from_fen(10_000_000);
        assert_eq!(verdict_of(&check_plan(&f, &policy()), RuleId::SingleSourceGround), Some(Verdict::Pass));
    }
}
