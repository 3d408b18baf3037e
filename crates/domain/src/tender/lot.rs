//! Lots (标项/包), their SME policy, and project numbers.

use serde::{Deserialize, Serialize};

use super::rules::says;
use super::rules::{TenderRule, Violation};
use crate::planning::Method;
use crate::{Money, Msg};

/// 政府采购促进中小企业发展 (19号, check): how a lot favours small and micro enterprises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum SmePolicy {
    /// No preference (e.g. the lot cannot be supplied by SMEs; the documents say why).
    None,
    /// 专门面向中小企业: only SME bids are admitted.
    Reserved,
    /// 价格扣除: 小微企业 bids are scored at a deducted price, at the region's rate (basis points).
    PriceDeduction { small_micro_bp: u32 },
}

/// 中小企业政策 as an agency chooses it for a lot, before the region's deduction rate is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmeChoice {
    None,
    Reserved,
    PriceDeduction,
}

impl SmeChoice {
    /// `""` and `none`, `reserved`, `price_deduction`.
    pub fn parse(key: &str) -> Option<SmeChoice> {
        match key {
            "" | "none" => Some(SmeChoice::None),
            "reserved" => Some(SmeChoice::Reserved),
            "price_deduction" => Some(SmeChoice::PriceDeduction),
            _ => None,
        }
    }

    /// The policy, with the region's 小微企业 deduction rate for a price deduction.
    pub fn with_rate(self, small_micro_bp: u32) -> SmePolicy {
        match self {
            SmeChoice::None => SmePolicy::None,
            SmeChoice::Reserved => SmePolicy::Reserved,
            SmeChoice::PriceDeduction => SmePolicy::PriceDeduction { small_micro_bp },
        }
    }
}

impl SmePolicy {
    pub fn key(self) -> &'static str {
        match self {
            SmePolicy::None => "none",
            SmePolicy::Reserved => "reserved",
            SmePolicy::PriceDeduction { .. } => "price_deduction",
        }
    }

    /// What the policy means for bidders, as the documents and the project page say it:
    /// `sme.<key>` with the deduction rate.
    pub fn describe(self) -> Msg {
        let m = Msg::new(format!("sme.{}", self.key()));
        match self {
            SmePolicy::PriceDeduction { small_micro_bp } => m.arg("rate", percent(small_micro_bp)),
            SmePolicy::None | SmePolicy::Reserved => m,
        }
    }
}

fn percent(bp: u32) -> String {
    if bp.is_multiple_of(100) { format!("{}%", bp / 100) } else { format!("{}.{:02}%", bp / 100, bp % 100) }
}

/// A lot as the rules see it.
#[derive(Debug, Clone)]
pub struct LotFacts {
    pub budget: Money,
    pub max_price: Option<Money>,
    pub sme: SmePolicy,
    /// 投标保证金 required of each bidder, if any.
    pub deposit: Option<Money>,
}

/// Checks the lots of a project against the plans they come from and the region's SME rate.
/// `deposit_cap_bp` is the statutory deposit cap ([`crate::statutory::StatutoryLimits`]).
pub fn check_lots(lots: &[LotFacts], plans_total: Money, region_sme_bp: u32, deposit_cap_bp: u32) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut sum = Money::ZERO;
    for (i, lot) in lots.iter().enumerate() {
        sum = sum.checked_add(lot.budget).unwrap_or(Money::from_fen(i64::MAX));
        if lot.budget.fen() <= 0 {
            out.push(Violation::new(TenderRule::Budget, format!("lots[{i}].budget"), says("lot_budget_zero")));
        }
        if let Some(max) = lot.max_price
            && (max.fen() <= 0 || max > lot.budget)
        {
            out.push(Violation::new(TenderRule::Budget, format!("lots[{i}].max_price"), says("max_price").arg("budget", lot.budget)));
        }
        if let Some(d) = lot.deposit
            && let Some(v) = super::deposit::check_deposit(&format!("lots[{i}].deposit"), d, lot.budget, deposit_cap_bp)
        {
            out.push(v);
        }
        if let SmePolicy::PriceDeduction { small_micro_bp } = lot.sme
            && small_micro_bp != region_sme_bp
        {
            out.push(Violation::new(TenderRule::Sme, format!("lots[{i}].sme"), says("sme_rate").arg("rate", percent(region_sme_bp))));
        }
    }
    if lots.is_empty() {
        out.push(Violation::new(TenderRule::Budget, "lots", says("no_lots")));
    }
    if sum > plans_total {
        out.push(Violation::new(TenderRule::Budget, "lots", says("lots_over_plans").arg("sum", sum).arg("plans", plans_total)));
    }
    out
}

/// The short code of a method in project numbers.
pub fn method_code(method: Method) -> &'static str {
    match method {
        Method::OpenTender => "GK",
        Method::InvitedTender => "YQ",
        Method::CompetitiveNegotiation => "TP",
        Method::CompetitiveConsultation => "CS",
        Method::RequestForQuotation => "XJ",
        Method::SingleSource => "DY",
        Method::FrameworkAgreement => "KJ",
        Method::Emall => "DS",
    }
}

/// 项目编号: `<region code>-<year>-<method code>-<sequence, 4 digits>`, e.g. `3301-2026-GK-0007`.
/// The sequence runs per region, year and method, so a number says where, when and how.
pub fn project_number(region_code: &str, year: i16, method: Method, seq: i64) -> String {
    format!("{region_code}-{year}-{}-{seq:04}", method_code(method))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ceiling_within_budget_and_lots_within_plans() {
        let lot = |b, m| LotFacts { budget: Money::from_yuan(b), max_price: m, sme: SmePolicy::None, deposit: None };
        assert!(check_lots(&[lot(100, Some(Money::from_yuan(100)))], Money::from_yuan(100), 1000, 200).is_empty());
        let v = check_lots(&[lot(100, Some(Money::from_yuan(101)))], Money::from_yuan(100), 1000, 200);
        assert_eq!(v[0].code, "TEND-BUDGET");
        let v = check_lots(&[lot(60, None), lot(41, None)], Money::from_yuan(100), 1000, 200);
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(check_lots(&[lot(60, None), lot(40, None)], Money::from_yuan(100), 1000, 200).is_empty());
    }

    #[test]
    fn price_deduction_uses_the_region_rate() {
        let lot = |bp| LotFacts {
            budget: Money::from_yuan(10),
            max_price: None,
            sme: SmePolicy::PriceDeduction { small_micro_bp: bp },
            deposit: None,
        };
        assert!(check_lots(&[lot(1000)], Money::from_yuan(10), 1000, 200).is_empty());
        assert_eq!(check_lots(&[lot(600)], Money::from_yuan(10), 1000, 200)[0].code, "TEND-SME");
    }

    #[test]
    fn project_numbers_follow_the_scheme() {
        assert_eq!(project_number("3301", 2026, Method::OpenTender, 7), "3301-2026-GK-0007");
        assert_eq!(project_number("330102", 2027, Method::CompetitiveConsultation, 12345), "330102-2027-CS-12345");
    }
}
