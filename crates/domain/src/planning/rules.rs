//! The planning rules, each with a stable id and its legal source. Messages cite both.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RuleId {
    /// No plan may exceed the budget line's available amount.
    Budget,
    /// A plan starts within its budget line's fiscal year (预算年度: 1 January to 31 December).
    BudgetYear,
    /// 采购意向 published ≥ 30 days before procurement starts.
    Intention,
    /// At or above the open-tender threshold the method is 公开招标, unless approved.
    OpenTenderThreshold,
    /// Items in the 集中采购目录 are entrusted to the 集中采购机构.
    CentralizedCatalog,
    /// The e-mall is for purchases under the 分散采购限额, goods and services only.
    Emall,
    /// 化整为零: the same category under one budget line in a fiscal year.
    Splitting,
    /// 单一来源 needs a lawful ground.
    SingleSourceGround,
    /// 单一来源 at or above the threshold: 公示 ≥ 5 working days, then approval.
    SingleSourcePublicity,
}

impl RuleId {
    pub const ALL: [RuleId; 9] = [
        RuleId::Budget,
        RuleId::BudgetYear,
        RuleId::Intention,
        RuleId::OpenTenderThreshold,
        RuleId::CentralizedCatalog,
        RuleId::Emall,
        RuleId::Splitting,
        RuleId::SingleSourceGround,
        RuleId::SingleSourcePublicity,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RuleId::Budget => "PLAN-BUDGET",
            RuleId::BudgetYear => "PLAN-BUDGET-YEAR",
            RuleId::Intention => "PLAN-INTENTION",
            RuleId::OpenTenderThreshold => "PLAN-OPEN-TENDER",
            RuleId::CentralizedCatalog => "PLAN-CENTRALIZED",
            RuleId::Emall => "PLAN-EMALL",
            RuleId::Splitting => "PLAN-SPLITTING",
            RuleId::SingleSourceGround => "PLAN-SS-GROUND",
            RuleId::SingleSourcePublicity => "PLAN-SS-PUBLICITY",
        }
    }

    /// The legal source, as users read it. Sources DOMAIN.md marks (check) say so in a comment
    /// beside them: the marker is for maintainers, never shown.
    pub fn source(self) -> &'static str {
        match self {
            RuleId::Budget => "政府采购法第6条；预算法第13条",
            RuleId::BudgetYear => "预算法第18条",
            // (check) in DOMAIN.md: a maintainer confirms this source; users see it without the marker.
            RuleId::Intention => "财库〔2020〕10号",
            RuleId::OpenTenderThreshold => "政府采购法第26、27条；实施条例第23条；民法典第1259条（“以上”含本数）",
            RuleId::CentralizedCatalog => "政府采购法第7、18条",
            RuleId::Emall => "政府采购法第7条；各地分散采购限额标准",
            RuleId::Splitting => "政府采购法第28条；实施条例第28条",
            RuleId::SingleSourceGround => "政府采购法第31条",
            RuleId::SingleSourcePublicity => "实施条例第38条",
        }
    }
}

/// Its title is in the catalogs under `rule.title.<code>`.
impl crate::Labelled for RuleId {
    fn label_key(&self) -> String {
        format!("rule.title.{}", self.code())
    }
}

/// The lawful grounds for 单一来源 (法31).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SingleSourceGround {
    /// 只能从唯一供应商处采购 (法31(一))
    OnlySource,
    /// 发生了不可预见的紧急情况不能从其他供应商处采购 (法31(二))
    Emergency,
    /// 必须保证原有采购项目一致性或者服务配套的要求，需要继续从原供应商处添购，且添购资金总额不超过原合同采购金额百分之十 (法31(三))
    AddOn,
}

impl SingleSourceGround {
    pub const ALL: [SingleSourceGround; 3] = [SingleSourceGround::OnlySource, SingleSourceGround::Emergency, SingleSourceGround::AddOn];

    pub fn key(self) -> &'static str {
        match self {
            SingleSourceGround::OnlySource => "only_source",
            SingleSourceGround::Emergency => "emergency",
            SingleSourceGround::AddOn => "add_on",
        }
    }

    pub fn parse(s: &str) -> Option<SingleSourceGround> {
        [SingleSourceGround::OnlySource, SingleSourceGround::Emergency, SingleSourceGround::AddOn].into_iter().find(|g| g.key() == s)
    }
}

/// Its name is in the catalogs under `label.ss_ground.<key>`.
impl crate::Labelled for SingleSourceGround {
    fn label_key(&self) -> String {
        format!("label.ss_ground.{}", self.key())
    }
}
