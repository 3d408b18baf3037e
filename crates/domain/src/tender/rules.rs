//! The rules of the tender stage (documents, periods, evaluation criteria, clarifications), each
//! with a stable id and its legal source. Every refusal and warning cites both.

use serde::{Deserialize, Serialize};

use crate::{Localized, Msg};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TenderRule {
    /// 公开/邀请招标: documents first issued → bid deadline ≥ 20 days.
    BidPeriod,
    /// 竞争性磋商: documents issued → first response ≥ 10 days.
    ConsultationPeriod,
    /// 谈判/询价 (and 单一来源 here): documents issued → response ≥ 3 working days.
    NegotiationPeriod,
    /// Documents available ≥ 5 working days.
    DocumentWindow,
    /// Documents stay available until the deadline at most, and the deadline lies ahead.
    WindowWithinBidding,
    /// A clarification that may affect bids, less than the period before the deadline, extends it.
    Clarification,
    /// The evaluation method fits the procurement method (条例34; 74号令; 214号).
    EvaluationMethod,
    /// 最低评标价法 scores nothing but price.
    LowestPriceNoScores,
    /// 综合评分法: criteria total 100 points, exactly one price criterion, each quantified.
    Criteria,
    /// Price weight within the bounds for the object type and method.
    PriceWeight,
    /// SME policy: reserved lots or the region's price deduction.
    Sme,
    /// 最高限价 within the budget; lots within the plans' amounts.
    Budget,
    /// 投标保证金: at most 2 % of the budget, non-cash, paid before bidding where required.
    Deposit,
}

impl TenderRule {
    pub const ALL: [TenderRule; 13] = [
        TenderRule::BidPeriod,
        TenderRule::ConsultationPeriod,
        TenderRule::NegotiationPeriod,
        TenderRule::DocumentWindow,
        TenderRule::WindowWithinBidding,
        TenderRule::Clarification,
        TenderRule::EvaluationMethod,
        TenderRule::LowestPriceNoScores,
        TenderRule::Criteria,
        TenderRule::PriceWeight,
        TenderRule::Sme,
        TenderRule::Budget,
        TenderRule::Deposit,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TenderRule::BidPeriod => "TEND-BID-PERIOD",
            TenderRule::ConsultationPeriod => "TEND-CONSULTATION-PERIOD",
            TenderRule::NegotiationPeriod => "TEND-NEGOTIATION-PERIOD",
            TenderRule::DocumentWindow => "TEND-DOC-WINDOW",
            TenderRule::WindowWithinBidding => "TEND-WINDOW-DEADLINE",
            TenderRule::Clarification => "TEND-CLARIFICATION",
            TenderRule::EvaluationMethod => "TEND-EVAL-METHOD",
            TenderRule::LowestPriceNoScores => "TEND-LOWEST-PRICE",
            TenderRule::Criteria => "TEND-CRITERIA",
            TenderRule::PriceWeight => "TEND-PRICE-WEIGHT",
            TenderRule::Sme => "TEND-SME",
            TenderRule::Budget => "TEND-BUDGET",
            TenderRule::Deposit => "TEND-DEPOSIT",
        }
    }

    /// The legal source, as users read it. Sources DOMAIN.md marks (check) say so in a comment
    /// beside them: the marker is for maintainers, never shown.
    pub fn source(self) -> &'static str {
        match self {
            TenderRule::BidPeriod => "政府采购法第35条；民法典第201、203条",
            // (check) in DOMAIN.md: a maintainer confirms this source; users see it without the marker.
            TenderRule::ConsultationPeriod => "财库〔2014〕214号第10条；民法典第201、203条",
            // (check) in DOMAIN.md: a maintainer confirms this source; users see it without the marker.
            TenderRule::NegotiationPeriod => "非招标采购方式管理办法（74号令）",
            TenderRule::DocumentWindow => "政府采购法实施条例第31条；214号第10条",
            TenderRule::WindowWithinBidding => "政府采购法实施条例第31条",
            // (check) in DOMAIN.md: a maintainer confirms this source; users see it without the marker.
            TenderRule::Clarification => "政府采购法实施条例第31条；214号第10条；74号令",
            TenderRule::EvaluationMethod => "政府采购法实施条例第34条；74号令；214号第23条",
            TenderRule::LowestPriceNoScores => "政府采购法实施条例第34条；87号令第53、54条",
            // (check) in DOMAIN.md: a maintainer confirms this source; users see it without the marker.
            TenderRule::Criteria => "政府采购法实施条例第34条；87号令第55条",
            // (check) in DOMAIN.md: a maintainer confirms this source; users see it without the marker.
            TenderRule::PriceWeight => "87号令第55条；214号第24条",
            // (check) in DOMAIN.md: a maintainer confirms this source; users see it without the marker.
            TenderRule::Sme => "财库〔2022〕19号；政府采购促进中小企业发展管理办法",
            TenderRule::Budget => "政府采购法第6条；87号令第12条",
            TenderRule::Deposit => "政府采购法实施条例第33条；87号令第38条",
        }
    }
}

/// Its title is in the catalogs under `rule.title.<code>`.
impl crate::Labelled for TenderRule {
    fn label_key(&self) -> String {
        format!("rule.title.{}", self.code())
    }
}

/// A rule broken, with what to do instead: the catalog's `finding.tender.<what>` with the
/// figures as arguments, read with the rule's code and source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    pub rule: TenderRule,
    pub code: String,
    pub source: String,
    /// The input field it concerns (`deadline`, `documents_until`, `criteria[2].points`…).
    pub field: String,
    pub text: Msg,
}

impl Violation {
    pub fn new(rule: TenderRule, field: impl Into<String>, text: Msg) -> Violation {
        Violation { rule, code: rule.code().to_string(), source: rule.source().to_string(), field: field.into(), text }
    }
}

/// The text of a tender finding: `finding.tender.<what>`.
pub(crate) fn says(what: &str) -> Msg {
    Msg::new(format!("finding.tender.{what}"))
}

impl Localized for Violation {
    fn code(&self) -> &'static str {
        self.rule.code()
    }
    /// The finding followed by the rule it breaks: `…（TEND-DEPOSIT，条例第33条）`.
    fn msg(&self) -> Msg {
        Msg::new("rule.cited").arg_msg("text", self.text.clone()).arg("code", &self.code).arg_msg("source", Msg::source(&self.source))
    }
}

#[cfg(test)]
mod tests {
    use super::TenderRule;
    use crate::planning::RuleId;

    #[test]
    fn sources_as_users_read_them_carry_no_maintainer_marker() {
        let sources = TenderRule::ALL.iter().map(|r| r.source()).chain(RuleId::ALL.iter().map(|r| r.source()));
        for s in sources {
            assert!(!s.is_empty() && !s.contains("check"), "{s}");
        }
    }
}
