//! Regions and their policy sets (政策参数), versioned by effective date.
//!
//! Thresholds are per jurisdiction, object type and date and are never hard-coded (法27): the
//! platform root region carries a complete set, each child region may override any field, and a
//! new version takes effect on its date. [`resolve`] folds the chain root → leaf at a date.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::catalog::{ObjectType, PinmuCode};
use crate::tender::{PriceWeights, TenderPeriods};
use crate::{Localized, Money, Msg};

/// An amount per object type (货物/工程/服务).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PerObjectType {
    pub goods: Money,
    pub works: Money,
    pub services: Money,
}

impl PerObjectType {
    pub fn get(&self, t: ObjectType) -> Money {
        match t {
            ObjectType::Goods => self.goods,
            ObjectType::Works => self.works,
            ObjectType::Services => self.services,
        }
    }
}

/// SME price deduction rates (19号, check) in basis points (1% = 100).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmeDeduction {
    /// Deduction for a 小微企业 bid on goods/services (10–20%).
    pub small_micro_bp: u32,
    /// Deduction for a consortium or subcontract with ≥30% 小微 share (4–6%).
    pub consortium_bp: u32,
}

/// The complete policy in force for a region at a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicySet {
    /// 公开招标数额标准 (法27).
    pub open_tender_threshold: PerObjectType,
    /// 分散采购限额 (法7, 法8).
    pub decentralized_limit: PerObjectType,
    /// 集中采购目录: 品目 codes (and their subtrees) that go to the 集中采购机构 (法7, 法18).
    pub centralized_catalog: Vec<PinmuCode>,
    /// 电子卖场 direct-purchase limit per order.
    pub emall_direct_limit: Money,
    pub sme_deduction: SmeDeduction,
    /// Days between publishing the 采购意向 and starting procurement (财库〔2020〕10号: "原则上
    /// 不得晚于采购活动开始前30日"; marked (check) in docs/DOMAIN.md, hence data an admin can correct).
    pub intention_lead_days: u32,
    /// Legal periods of the tender stage (法35, 条例31, 214号, 74号令).
    #[serde(default)]
    pub tender_periods: TenderPeriods,
    /// Price-weight bounds under 综合评分法 (87号令55 check, 214号24).
    #[serde(default)]
    pub price_weights: PriceWeights,
}

/// The lead time for 采购意向 when no region sets one (10号).
pub const DEFAULT_INTENTION_LEAD_DAYS: u32 = 30;

/// What one version of a region's policy sets; `None` inherits from the parent region.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyOverride {
    pub open_tender_threshold: Option<PerObjectType>,
    pub decentralized_limit: Option<PerObjectType>,
    pub centralized_catalog: Option<Vec<PinmuCode>>,
    pub emall_direct_limit: Option<Money>,
    pub sme_deduction: Option<SmeDeduction>,
    #[serde(default)]
    pub intention_lead_days: Option<u32>,
    #[serde(default)]
    pub tender_periods: Option<TenderPeriods>,
    #[serde(default)]
    pub price_weights: Option<PriceWeights>,
}

/// One version of a region's policy, in force from `effective_from` until the next version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyVersion {
    pub effective_from: Date,
    pub overrides: PolicyOverride,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("no policy in force at {date}: the root region sets no value for {field}")]
    Incomplete { field: &'static str, date: Date },
    #[error("{field}: {reason}")]
    Invalid { field: &'static str, reason: &'static str },
}

impl Localized for PolicyError {
    fn code(&self) -> &'static str {
        match self {
            PolicyError::Incomplete { .. } => "policy.incomplete",
            PolicyError::Invalid { .. } => "policy.invalid",
        }
    }
    fn msg(&self) -> Msg {
        match self {
            PolicyError::Incomplete { field, date } => Msg::new("error.policy.incomplete").arg("field", field).arg("date", date),
            PolicyError::Invalid { field, reason } => {
                Msg::new("error.policy.invalid").arg("field", field).arg("reason", reason_key(reason))
            }
        }
    }
}

/// The catalog's name for why a policy value is refused (`error.policy.invalid`, `$reason`).
fn reason_key(reason: &str) -> &'static str {
    match reason {
        "must be positive" => "positive",
        "decentralized limit above open-tender threshold" => "limit_above_threshold",
        "rate must be between 0% and 100%" => "rate_range",
        "days must be between 1 and 365" => "days_range",
        _ => "other",
    }
}

impl PolicyOverride {
    /// Checks the values an administrator entered, whatever they inherit.
    pub fn validate(&self) -> Result<(), PolicyError> {
        for (field, v) in [("open_tender_threshold", &self.open_tender_threshold), ("decentralized_limit", &self.decentralized_limit)] {
            if let Some(v) = v
                && [v.goods, v.works, v.services].iter().any(|m| m.fen() <= 0)
            {
                return Err(PolicyError::Invalid { field, reason: "must be positive" });
            }
        }
        if let (Some(open), Some(dec)) = (&self.open_tender_threshold, &self.decentralized_limit)
            && ObjectType::ALL.iter().any(|t| dec.get(*t) > open.get(*t))
        {
            return Err(PolicyError::Invalid { field: "decentralized_limit", reason: "decentralized limit above open-tender threshold" });
        }
        if let Some(m) = self.emall_direct_limit
            && m.fen() <= 0
        {
            return Err(PolicyError::Invalid { field: "emall_direct_limit", reason: "must be positive" });
        }
        if let Some(s) = self.sme_deduction
            && (s.small_micro_bp > 10_000 || s.consortium_bp > 10_000)
        {
            return Err(PolicyError::Invalid { field: "sme_deduction", reason: "rate must be between 0% and 100%" });
        }
        if let Some(d) = self.intention_lead_days
            && !(1..=365).contains(&d)
        {
            return Err(PolicyError::Invalid { field: "intention_lead_days", reason: "days must be between 1 and 365" });
        }
        Ok(())
    }
}

/// The version of one region in force at `date`: the latest with `effective_from <= date`.
pub fn version_at(versions: &[PolicyVersion], date: Date) -> Option<&PolicyVersion> {
    versions.iter().filter(|v| v.effective_from <= date).max_by_key(|v| v.effective_from)
}

/// The policy in force at `date` for the region whose ancestry is `chain` (root first, each
/// element that region's versions).
pub fn resolve(chain: &[&[PolicyVersion]], date: Date) -> Result<PolicySet, PolicyError> {
    let mut acc = PolicyOverride::default();
    for versions in chain {
        if let Some(v) = version_at(versions, date) {
            let o = &v.overrides;
            if o.open_tender_threshold.is_some() {
                acc.open_tender_threshold = o.open_tender_threshold;
            }
            if o.decentralized_limit.is_some() {
                acc.decentralized_limit = o.decentralized_limit;
            }
            if o.centralized_catalog.is_some() {
                acc.centralized_catalog = o.centralized_catalog.clone();
            }
            if o.emall_direct_limit.is_some() {
                acc.emall_direct_limit = o.emall_direct_limit;
            }
            if o.sme_deduction.is_some() {
                acc.sme_deduction = o.sme_deduction;
            }
            if o.intention_lead_days.is_some() {
                acc.intention_lead_days = o.intention_lead_days;
            }
            if o.tender_periods.is_some() {
                acc.tender_periods = o.tender_periods;
            }
            if o.price_weights.is_some() {
                acc.price_weights = o.price_weights;
            }
        }
    }
    let missing = |field| PolicyError::Incomplete { field, date };
    Ok(PolicySet {
        open_tender_threshold: acc.open_tender_threshold.ok_or(missing("open_tender_threshold"))?,
        decentralized_limit: acc.decentralized_limit.ok_or(missing("decentralized_limit"))?,
        centralized_catalog: acc.centralized_catalog.ok_or(missing("centralized_catalog"))?,
        emall_direct_limit: acc.emall_direct_limit.ok_or(missing("emall_direct_limit"))?,
        sme_deduction: acc.sme_deduction.ok_or(missing("sme_deduction"))?,
        intention_lead_days: acc.intention_lead_days.unwrap_or(DEFAULT_INTENTION_LEAD_DAYS),
        tender_periods: acc.tender_periods.unwrap_or_default(),
        price_weights: acc.price_weights.unwrap_or_default(),
    })
}

impl PolicySet {
    /// Whether a 品目 falls in the 集中采购目录 of this policy (法18: must be entrusted to the
    /// 集中采购机构).
    pub fn is_centralized(&self, code: &PinmuCode) -> bool {
        self.centralized_catalog.iter().any(|c| code.is_within(c))
    }
}

/// The level of a region in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    /// 全国/平台
    Platform,
    /// 省
    Province,
    /// 市
    City,
    /// 区/县
    County,
}

impl RegionLevel {
    pub fn key(self) -> &'static str {
        match self {
            RegionLevel::Platform => "platform",
            RegionLevel::Province => "province",
            RegionLevel::City => "city",
            RegionLevel::County => "county",
        }
    }
    pub fn parse(s: &str) -> Option<RegionLevel> {
        Some(match s {
            "platform" => RegionLevel::Platform,
            "province" => RegionLevel::Province,
            "city" => RegionLevel::City,
            "county" => RegionLevel::County,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn per(y: i64) -> PerObjectType {
        PerObjectType { goods: Money::from_yuan(y), works: Money::from_yuan(y), services: Money::from_yuan(y) }
    }

    fn root() -> Vec<PolicyVersion> {
        vec![PolicyVersion {
            effective_from: date(2020, 1, 1),
            overrides: PolicyOverride {
                open_tender_threshold: Some(per(4_000_000)),
                decentralized_limit: Some(per(1_000_000)),
                centralized_catalog: Some(vec!["A02010100".parse().unwrap()]),
                emall_direct_limit: Some(Money::from_yuan(500_000)),
                sme_deduction: Some(SmeDeduction { small_micro_bp: 1000, consortium_bp: 400 }),
                intention_lead_days: None,
                tender_periods: None,
                price_weights: None,
            },
        }]
    }

    #[test]
    fn the_intention_lead_time_defaults_to_thirty_days_and_can_be_corrected() {
        let r = root();
        assert_eq!(resolve(&[&r], date(2026, 1, 1)).unwrap().intention_lead_days, 30);
        let county = vec![PolicyVersion {
            effective_from: date(2026, 1, 1),
            overrides: PolicyOverride { intention_lead_days: Some(20), ..Default::default() },
        }];
        assert_eq!(resolve(&[&r, &county], date(2026, 1, 1)).unwrap().intention_lead_days, 20);
        assert!(PolicyOverride { intention_lead_days: Some(0), ..Default::default() }.validate().is_err());
        assert!(PolicyOverride { intention_lead_days: Some(365), ..Default::default() }.validate().is_ok());
    }

    #[test]
    fn child_overrides_only_what_it_sets_from_its_date() {
        let county = vec![PolicyVersion {
            effective_from: date(2026, 7, 1),
            overrides: PolicyOverride { decentralized_limit: Some(per(500_000)), ..Default::default() },
        }];
        let r = root();
        let before = resolve(&[&r, &county], date(2026, 6, 30)).unwrap();
        let after = resolve(&[&r, &county], date(2026, 7, 1)).unwrap();
        assert_eq!(before.decentralized_limit.goods, Money::from_yuan(1_000_000));
        assert_eq!(after.decentralized_limit.goods, Money::from_yuan(500_000));
        assert_eq!(after.open_tender_threshold.goods, Money::from_yuan(4_000_000));
    }

    #[test]
    fn a_date_before_any_root_version_has_no_policy() {
        let r = root();
        assert!(matches!(resolve(&[&r], date(2019, 12, 31)), Err(PolicyError::Incomplete { .. })));
    }

    #[test]
    fn centralized_catalog_covers_subtrees() {
        let p = resolve(&[&root()], date(2026, 1, 1)).unwrap();
        assert!(p.is_centralized(&"A02010105".parse().unwrap()));
        assert!(!p.is_centralized(&"A02020000".parse().unwrap()));
    }

    #[test]
    fn validation_refuses_limits_above_threshold_and_bad_rates() {
        let bad = PolicyOverride { open_tender_threshold: Some(per(100)), decentralized_limit: Some(per(200)), ..Default::default() };
        assert!(bad.validate().is_err());
        let ok = PolicyOverride { open_tender_threshold: Some(per(200)), decentralized_limit: Some(per(200)), ..Default::default() };
        assert!(ok.validate().is_ok());
        let rate = PolicyOverride { sme_deduction: Some(SmeDeduction { small_micro_bp: 10_001, consortium_bp: 0 }), ..Default::default() };
        assert!(rate.validate().is_err());
    }
}
