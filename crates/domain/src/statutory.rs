//! 法定底线: the floors and caps the law puts under every region's policy data.
//!
//! Regions set their own periods, price weights and rates (法27: thresholds are per
//! jurisdiction), but never below what the law requires: a region may give bidders 25 days, not
//! 15. The limits are data kept at the platform (national) level with their sources, so an
//! admin corrects a rule taken from a secondary source (marked (check) in the rule list) without a
//! release; every regional version outside them is refused naming the rule.

use serde::{Deserialize, Serialize};

use crate::policy::PolicyOverride;
use crate::tender::TenderPeriods;
use crate::tender::evaluation::WeightBounds;
use crate::{Localized, Msg};

/// The national floors and caps, each a plain number so an admin can correct it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatutoryLimits {
    /// Floors of the tender-stage periods, in the units of [`TenderPeriods`].
    pub periods: TenderPeriods,
    /// 采购意向 published at least this many days before procurement.
    pub intention_lead_days: u32,
    /// Lowest price weight, percent: 公开招标 goods / services (87号令55), 磋商 goods / services (214号24).
    pub price_weight_min: PriceWeightLimits,
    /// Highest price weight under 竞争性磋商, percent, goods / services (214号24).
    pub consultation_price_weight_max: GoodsServices,
    /// 投标保证金 at most this share of the budget, basis points (条例33: 2 % = 200).
    pub deposit_cap_bp: u32,
    /// 小微企业 price deduction, basis points, lowest / highest (19号).
    pub sme_small_micro_bp: Range,
    /// Consortium / subcontract deduction, basis points, lowest / highest (19号).
    pub sme_consortium_bp: Range,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceWeightLimits {
    pub tender_goods: u32,
    pub tender_services: u32,
    pub consultation_goods: u32,
    pub consultation_services: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoodsServices {
    pub goods: u32,
    pub services: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub min: u32,
    pub max: u32,
}

impl Default for StatutoryLimits {
    /// The limits as the law states them (sources on [`limit_source`]).
    fn default() -> Self {
        StatutoryLimits {
            // The defaults a region inherits are the law's own values, so they are the floors;
            // the decryption window alone is the platform's (no text sets one), with a floor of
            // 15 minutes so that bidders have time to release their keys at all.
            periods: TenderPeriods { decryption_window_minutes: 15, ..TenderPeriods::default() },
            intention_lead_days: crate::policy::DEFAULT_INTENTION_LEAD_DAYS,
            price_weight_min: PriceWeightLimits {
                tender_goods: 30,
                tender_services: 10,
                consultation_goods: 30,
                consultation_services: 10,
            },
            consultation_price_weight_max: GoodsServices { goods: 60, services: 30 },
            deposit_cap_bp: 200,
            sme_small_micro_bp: Range { min: 1000, max: 2000 },
            sme_consortium_bp: Range { min: 400, max: 600 },
        }
    }
}

/// The legal source of each limit, by field name (shown with every refusal).
pub fn limit_source(field: &str) -> &'static str {
    match field {
        "tender_bid_days" => "政府采购法第35条",
        "documents_working_days" => "政府采购法实施条例第31条",
        "tender_announcement_working_days" => "87号令第16条",
        "consultation_response_days" | "consultation_clarification_days" => "财库〔2014〕214号第10条",
        "negotiation_response_working_days" | "negotiation_clarification_working_days" => "74号令",
        "tender_clarification_days" => "政府采购法实施条例第31条",
        "decryption_window_minutes" => "平台规则（电子开标解密时限）",
        "intention_lead_days" => "财库〔2020〕10号",
        "price_weights.tender_goods" | "price_weights.tender_services" => "87号令第55条",
        "price_weights.consultation_goods" | "price_weights.consultation_services" => "财库〔2014〕214号第24条",
        "deposit" => "政府采购法实施条例第33条",
        "sme_deduction" => "财库〔2022〕19号",
        _ => "法定底线",
    }
}

/// A regional value outside the law's limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsideLimits {
    /// The policy field, e.g. `tender_periods.tender_bid_days`.
    pub field: String,
    /// The limit, as written in the refusal (`≥ 20`, `≤ 60`, `10–20%`).
    pub limit: String,
    pub source: &'static str,
}

impl Localized for OutsideLimits {
    fn code(&self) -> &'static str {
        "policy.below_statutory"
    }
    fn msg(&self) -> Msg {
        Msg::new("error.policy.below_statutory")
            .arg("field", &self.field)
            .arg("limit", &self.limit)
            .arg_msg("source", Msg::source(self.source))
    }
}

impl StatutoryLimits {
    /// Checks the values a region's policy version sets against the limits; the first value
    /// outside them is refused.
    pub fn check(&self, o: &PolicyOverride) -> Result<(), OutsideLimits> {
        let outside =
            |field: &str, key: &str, limit: String| Err(OutsideLimits { field: field.to_string(), limit, source: limit_source(key) });
        if let Some(p) = &o.tender_periods {
            let f = &self.periods;
            let pairs = [
                ("tender_bid_days", p.tender_bid_days, f.tender_bid_days),
                ("documents_working_days", p.documents_working_days, f.documents_working_days),
                ("tender_announcement_working_days", p.tender_announcement_working_days, f.tender_announcement_working_days),
                ("consultation_response_days", p.consultation_response_days, f.consultation_response_days),
                ("negotiation_response_working_days", p.negotiation_response_working_days, f.negotiation_response_working_days),
                ("tender_clarification_days", p.tender_clarification_days, f.tender_clarification_days),
                ("consultation_clarification_days", p.consultation_clarification_days, f.consultation_clarification_days),
                (
                    "negotiation_clarification_working_days",
                    p.negotiation_clarification_working_days,
                    f.negotiation_clarification_working_days,
                ),
                ("decryption_window_minutes", p.decryption_window_minutes, f.decryption_window_minutes),
            ];
            for (key, value, floor) in pairs {
                if value < floor {
                    return outside(&format!("tender_periods.{key}"), key, format!("≥ {floor}"));
                }
            }
        }
        if let Some(d) = o.intention_lead_days
            && d < self.intention_lead_days
        {
            return outside("intention_lead_days", "intention_lead_days", format!("≥ {}", self.intention_lead_days));
        }
        if let Some(w) = &o.price_weights {
            let m = &self.price_weight_min;
            let cap = &self.consultation_price_weight_max;
            let bounds: [(&str, WeightBounds, u32, u32); 4] = [
                ("tender_goods", w.tender_goods, m.tender_goods, 100),
                ("tender_services", w.tender_services, m.tender_services, 100),
                ("consultation_goods", w.consultation_goods, m.consultation_goods, cap.goods),
                ("consultation_services", w.consultation_services, m.consultation_services, cap.services),
            ];
            for (key, b, min, max) in bounds {
                if b.min < min || b.max > max || b.min > b.max {
                    let field = format!("price_weights.{key}");
                    return outside(&field, &field, format!("{min}%–{max}%"));
                }
            }
        }
        if let Some(s) = o.sme_deduction {
            for (field, v, r) in [
                ("sme_deduction.small_micro_bp", s.small_micro_bp, self.sme_small_micro_bp),
                ("sme_deduction.consortium_bp", s.consortium_bp, self.sme_consortium_bp),
            ] {
                if v < r.min || v > r.max {
                    return outside(field, "sme_deduction", format!("{}%–{}%", f64::from(r.min) / 100.0, f64::from(r.max) / 100.0));
                }
            }
        }
        Ok(())
    }

    /// The limits themselves must make sense before an admin's correction is taken: a floor of
    /// zero days, a weight above 100 % or a deposit cap above the budget is a typing error.
    pub fn sane(&self) -> Result<(), OutsideLimits> {
        let p = &self.periods;
        let floors = [
            p.tender_bid_days,
            p.documents_working_days,
            p.tender_announcement_working_days,
            p.consultation_response_days,
            p.negotiation_response_working_days,
            p.tender_clarification_days,
            p.consultation_clarification_days,
            p.negotiation_clarification_working_days,
            p.decryption_window_minutes,
            self.intention_lead_days,
        ];
        let weights = [
            self.price_weight_min.tender_goods,
            self.price_weight_min.tender_services,
            self.price_weight_min.consultation_goods,
            self.price_weight_min.consultation_services,
            self.consultation_price_weight_max.goods,
            self.consultation_price_weight_max.services,
        ];
        let bad = |field: &str, limit: &str| Err(OutsideLimits { field: field.into(), limit: limit.into(), source: "法定底线" });
        if floors.iter().any(|d| *d == 0 || *d > 365) {
            return bad("periods", "1–365");
        }
        if weights.iter().any(|w| *w > 100) {
            return bad("price_weights", "0%–100%");
        }
        if self.deposit_cap_bp == 0 || self.deposit_cap_bp > 10_000 {
            return bad("deposit_cap_bp", "1–10000");
        }
        for r in [self.sme_small_micro_bp, self.sme_consortium_bp] {
            if r.min > r.max || r.max > 10_000 {
                return bad("sme_deduction", "0%–100%");
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::SmeDeduction;
    use crate::tender::PriceWeights;

    fn with_periods(f: impl FnOnce(&mut TenderPeriods)) -> PolicyOverride {
        let mut p = TenderPeriods::default();
        f(&mut p);
        PolicyOverride { tender_periods: Some(p), ..Default::default() }
    }

    #[test]
    fn every_period_has_its_floor_on_both_sides() {
        let law = StatutoryLimits::default();
        assert!(law.check(&with_periods(|_| {})).is_ok(), "the law's own values pass");
        let e = law.check(&with_periods(|p| p.tender_bid_days = 19)).unwrap_err();
        assert_eq!((e.field.as_str(), e.source), ("tender_periods.tender_bid_days", "政府采购法第35条"));
        assert!(law.check(&with_periods(|p| p.tender_bid_days = 25)).is_ok(), "more time is a region's choice");
        assert!(law.check(&with_periods(|p| p.documents_working_days = 4)).is_err());
        assert!(law.check(&with_periods(|p| p.tender_clarification_days = 14)).is_err());
        assert!(law.check(&with_periods(|p| p.tender_clarification_days = 15)).is_ok());
        assert!(law.check(&with_periods(|p| p.consultation_response_days = 9)).is_err());
        assert!(law.check(&with_periods(|p| p.negotiation_response_working_days = 2)).is_err());
        assert!(law.check(&with_periods(|p| p.decryption_window_minutes = 0)).is_err());
        assert!(law.check(&with_periods(|p| p.decryption_window_minutes = 15)).is_ok());
        let e = law.check(&PolicyOverride { intention_lead_days: Some(29), ..Default::default() }).unwrap_err();
        assert_eq!(e.source, "财库〔2020〕10号");
        assert!(law.check(&PolicyOverride { intention_lead_days: Some(30), ..Default::default() }).is_ok());
    }

    #[test]
    fn price_weights_and_sme_rates_stay_within_the_law() {
        let law = StatutoryLimits::default();
        let weights = |f: fn(&mut PriceWeights)| {
            let mut w = PriceWeights::default();
            f(&mut w);
            PolicyOverride { price_weights: Some(w), ..Default::default() }
        };
        assert!(law.check(&weights(|_| {})).is_ok());
        let e = law.check(&weights(|w| w.tender_goods.min = 5)).unwrap_err();
        assert_eq!((e.field.as_str(), e.source), ("price_weights.tender_goods", "87号令第55条"));
        assert!(law.check(&weights(|w| w.tender_goods.min = 29)).is_err());
        assert!(law.check(&weights(|w| w.tender_goods.min = 40)).is_ok());
        assert!(law.check(&weights(|w| w.consultation_goods.max = 61)).is_err(), "磋商 goods at most 60%");
        assert!(law.check(&weights(|w| w.consultation_services.max = 30)).is_ok());
        let sme = |small_micro_bp, consortium_bp| PolicyOverride {
            sme_deduction: Some(SmeDeduction { small_micro_bp, consortium_bp }),
            ..Default::default()
        };
        assert!(law.check(&sme(1000, 400)).is_ok());
        assert!(law.check(&sme(2000, 600)).is_ok());
        assert!(law.check(&sme(999, 400)).is_err());
        assert!(law.check(&sme(1000, 601)).is_err());
    }

    #[test]
    fn an_admin_corrects_a_limit_but_not_into_nonsense() {
        let mut law = StatutoryLimits::default();
        assert!(law.sane().is_ok());
        law.intention_lead_days = 20;
        assert!(law.sane().is_ok());
        assert!(law.check(&PolicyOverride { intention_lead_days: Some(20), ..Default::default() }).is_ok());
        law.periods.tender_bid_days = 0;
        assert!(law.sane().is_err());
        let mut cap = StatutoryLimits { deposit_cap_bp: 10_001, ..Default::default() };
        assert!(cap.sane().is_err());
        cap.deposit_cap_bp = 200;
        assert!(cap.sane().is_ok());
    }
}
