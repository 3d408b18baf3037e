//! The rules of the tender stage (documents, periods, evaluation criteria, clarifications), each
//! with a stable id and its legal source. Every refusal and warning cites both.

use serde::{Deserialize, Serialize};

use crate::{Lang, Localized, Msg};

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

    /// The legal source. Rules marked (check) in docs/DOMAIN.md say so.
    pub fn source(self) -> &'static str {
        match self {
            TenderRule::BidPeriod => "政府采购法第35条；民法典第201、203条",
            TenderRule::ConsultationPeriod => "财库〔2014〕214号第10条（check）；民法典第201、203条",
            TenderRule::NegotiationPeriod => "非招标采购方式管理办法（74号令）（check）",
            TenderRule::DocumentWindow => "政府采购法实施条例第31条；214号第10条",
            TenderRule::WindowWithinBidding => "政府采购法实施条例第31条",
            TenderRule::Clarification => "政府采购法实施条例第31条；214号第10条（check）；74号令（check）",
            TenderRule::EvaluationMethod => "政府采购法实施条例第34条；74号令；214号第23条",
            TenderRule::LowestPriceNoScores => "政府采购法实施条例第34条；87号令第53、54条",
            TenderRule::Criteria => "政府采购法实施条例第34条；87号令第55条（check）",
            TenderRule::PriceWeight => "87号令第55条（check）；214号第24条",
            TenderRule::Sme => "财库〔2022〕19号（check）；政府采购促进中小企业发展管理办法",
            TenderRule::Budget => "政府采购法第6条；87号令第12条",
            TenderRule::Deposit => "政府采购法实施条例第33条；87号令第38条",
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (TenderRule::BidPeriod, Lang::Zh) => "招标文件发出至投标截止不少于20日",
            (TenderRule::ConsultationPeriod, Lang::Zh) => "磋商文件发出至首次响应不少于10日",
            (TenderRule::NegotiationPeriod, Lang::Zh) => "谈判/询价文件发出至响应不少于3个工作日",
            (TenderRule::DocumentWindow, Lang::Zh) => "采购文件提供期限不少于5个工作日",
            (TenderRule::WindowWithinBidding, Lang::Zh) => "文件提供期限与截止时间",
            (TenderRule::Clarification, Lang::Zh) => "澄清或修改与截止时间顺延",
            (TenderRule::EvaluationMethod, Lang::Zh) => "评审方法",
            (TenderRule::LowestPriceNoScores, Lang::Zh) => "最低评标价法不设评分项",
            (TenderRule::Criteria, Lang::Zh) => "综合评分法评审因素",
            (TenderRule::PriceWeight, Lang::Zh) => "价格分值比重",
            (TenderRule::Sme, Lang::Zh) => "中小企业扶持政策",
            (TenderRule::Budget, Lang::Zh) => "预算与最高限价",
            (TenderRule::Deposit, Lang::Zh) => "投标保证金",
            (TenderRule::BidPeriod, Lang::En) => "At least 20 days from documents to bid deadline",
            (TenderRule::ConsultationPeriod, Lang::En) => "At least 10 days from documents to first response",
            (TenderRule::NegotiationPeriod, Lang::En) => "At least 3 working days from documents to response",
            (TenderRule::DocumentWindow, Lang::En) => "Documents available at least 5 working days",
            (TenderRule::WindowWithinBidding, Lang::En) => "Document window and deadline",
            (TenderRule::Clarification, Lang::En) => "Clarifications and deadline extension",
            (TenderRule::EvaluationMethod, Lang::En) => "Evaluation method",
            (TenderRule::LowestPriceNoScores, Lang::En) => "Lowest evaluated price has no scored criteria",
            (TenderRule::Criteria, Lang::En) => "Comprehensive scoring criteria",
            (TenderRule::PriceWeight, Lang::En) => "Price weight",
            (TenderRule::Sme, Lang::En) => "SME policy",
            (TenderRule::Budget, Lang::En) => "Budget and price ceiling",
            (TenderRule::Deposit, Lang::En) => "Bid deposit",
        }
    }
}

/// A rule broken, with what to do instead, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    pub rule: TenderRule,
    pub code: String,
    pub source: String,
    /// The input field it concerns (`deadline`, `documents_until`, `criteria[2].points`…).
    pub field: String,
    pub zh: String,
    pub en: String,
}

impl Violation {
    pub fn new(rule: TenderRule, field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Violation {
        Violation {
            rule,
            code: rule.code().to_string(),
            source: rule.source().to_string(),
            field: field.into(),
            zh: format!("{}（{}，{}）", zh.into(), rule.code(), rule.source()),
            en: format!("{} ({}, {})", en.into(), rule.code(), rule.source()),
        }
    }
}

impl Violation {
    /// The finding in `lang` (Chinese for a language the rule does not write).
    pub fn text(&self, lang: Lang) -> &str {
        if lang == Lang::En { &self.en } else { &self.zh }
    }
}

impl Localized for Violation {
    fn code(&self) -> &'static str {
        self.rule.code()
    }
    fn msg(&self) -> Msg {
        Msg::given(Lang::ALL.map(|lang| (lang, self.text(lang).to_string())))
    }
}
