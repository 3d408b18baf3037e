//! Evaluation method and criteria (评审方法与评审因素), entered as structured data with the
//! documents because the evaluation stage scores against exactly these.
//!
//! Points are kept in hundredths (`points_x100`) so sums are exact.

use serde::{Deserialize, Serialize};

use super::rules::{TenderRule, Violation};
use crate::catalog::ObjectType;
use crate::planning::Method;
use crate::{Lang, Localized, Msg};

/// 条例34: the two lawful evaluation methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvaluationMethod {
    /// 最低评标价法
    LowestPrice,
    /// 综合评分法
    Comprehensive,
}

impl EvaluationMethod {
    pub fn key(self) -> &'static str {
        match self {
            EvaluationMethod::LowestPrice => "lowest_price",
            EvaluationMethod::Comprehensive => "comprehensive",
        }
    }

    pub fn parse(s: &str) -> Option<EvaluationMethod> {
        [EvaluationMethod::LowestPrice, EvaluationMethod::Comprehensive].into_iter().find(|m| m.key() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (EvaluationMethod::LowestPrice, Lang::Zh) => "最低评标价法",
            (EvaluationMethod::Comprehensive, Lang::Zh) => "综合评分法",
            (EvaluationMethod::LowestPrice, Lang::En) => "Lowest evaluated price",
            (EvaluationMethod::Comprehensive, Lang::En) => "Comprehensive scoring",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionKind {
    /// 价格分: computed from prices, never by judgement.
    Price,
    /// 技术分
    Technical,
    /// 商务分
    Commercial,
}

impl CriterionKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (CriterionKind::Price, Lang::Zh) => "价格",
            (CriterionKind::Technical, Lang::Zh) => "技术",
            (CriterionKind::Commercial, Lang::Zh) => "商务",
            (CriterionKind::Price, Lang::En) => "Price",
            (CriterionKind::Technical, Lang::En) => "Technical",
            (CriterionKind::Commercial, Lang::En) => "Commercial",
        }
    }
}

/// One 评审因素.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub name: String,
    pub kind: CriterionKind,
    /// Points × 100 (e.g. 30 points = 3000).
    pub points_x100: u32,
    /// How points are given (评分标准): quantified, so that experts score against it (条例34).
    pub guidance: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub method: EvaluationMethod,
    pub criteria: Vec<Criterion>,
}

impl Evaluation {
    pub fn price_points_x100(&self) -> u32 {
        self.criteria.iter().filter(|c| c.kind == CriterionKind::Price).map(|c| c.points_x100).sum()
    }
}

/// Price weight bounds in percent of the total (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightBounds {
    pub min: u32,
    pub max: u32,
}

/// Price-weight bounds, per region policy (87号令55 check; 214号24).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PriceWeights {
    pub tender_goods: WeightBounds,
    pub tender_services: WeightBounds,
    pub consultation_goods: WeightBounds,
    pub consultation_services: WeightBounds,
}

impl Default for PriceWeights {
    fn default() -> Self {
        PriceWeights {
            tender_goods: WeightBounds { min: 30, max: 100 },
            tender_services: WeightBounds { min: 10, max: 100 },
            consultation_goods: WeightBounds { min: 30, max: 60 },
            consultation_services: WeightBounds { min: 10, max: 30 },
        }
    }
}

impl PriceWeights {
    /// Bounds for a method and object type. Works are held to the services bounds (no text
    /// sets them for works under these methods; the platform's choice, on the strict side).
    pub fn bounds(&self, method: Method, object: ObjectType) -> WeightBounds {
        let consultation = method == Method::CompetitiveConsultation;
        match (consultation, object) {
            (false, ObjectType::Goods) => self.tender_goods,
            (false, _) => self.tender_services,
            (true, ObjectType::Goods) => self.consultation_goods,
            (true, _) => self.consultation_services,
        }
    }
}

/// Total points under 综合评分法.
pub const TOTAL_POINTS_X100: u32 = 10_000;

fn pts(x100: u32) -> String {
    if x100.is_multiple_of(100) { format!("{}", x100 / 100) } else { format!("{}.{:02}", x100 / 100, x100 % 100) }
}

/// Checks an evaluation for a method and object type. Empty: lawful.
pub fn check_evaluation(method: Method, object: ObjectType, e: &Evaluation, weights: &PriceWeights) -> Vec<Violation> {
    let mut out = Vec::new();
    let must_lowest = matches!(method, Method::CompetitiveNegotiation | Method::RequestForQuotation | Method::SingleSource);
    let must_comprehensive = method == Method::CompetitiveConsultation;
    if must_lowest && e.method != EvaluationMethod::LowestPrice {
        out.push(Violation::new(
            TenderRule::EvaluationMethod,
            "evaluation.method",
            format!("{}按最后报价由低到高确定成交候选人，应采用最低评标价法", method.label(Lang::Zh)),
            format!("{} ranks by final price: use lowest evaluated price", method.label(Lang::En)),
        ));
        return out;
    }
    if must_comprehensive && e.method != EvaluationMethod::Comprehensive {
        out.push(Violation::new(
            TenderRule::EvaluationMethod,
            "evaluation.method",
            "竞争性磋商应采用综合评分法",
            "competitive consultation uses comprehensive scoring",
        ));
        return out;
    }
    match e.method {
        EvaluationMethod::LowestPrice => {
            if let Some((i, c)) = e.criteria.iter().enumerate().find(|(_, c)| c.kind != CriterionKind::Price) {
                out.push(Violation::new(
                    TenderRule::LowestPriceNoScores,
                    format!("criteria[{i}]"),
                    format!("最低评标价法不设技术、商务评分项（“{}”）：以价格排序，其他要求作为实质性条件", c.name),
                    format!(
                        "lowest evaluated price has no technical or commercial scores (\"{}\"): make them pass/fail requirements",
                        c.name
                    ),
                ));
            }
        }
        EvaluationMethod::Comprehensive => {
            for (i, c) in e.criteria.iter().enumerate() {
                if c.name.trim().is_empty() || c.points_x100 == 0 {
                    out.push(Violation::new(
                        TenderRule::Criteria,
                        format!("criteria[{i}]"),
                        "每个评审因素须有名称和大于零的分值",
                        "every criterion needs a name and points above zero",
                    ));
                } else if c.kind != CriterionKind::Price && c.guidance.trim().chars().count() < 4 {
                    out.push(Violation::new(
                        TenderRule::Criteria,
                        format!("criteria[{i}].guidance"),
                        format!("评审因素“{}”须写明量化的评分标准", c.name),
                        format!("criterion \"{}\" needs quantified scoring guidance", c.name),
                    ));
                }
            }
            let prices = e.criteria.iter().filter(|c| c.kind == CriterionKind::Price).count();
            if prices != 1 {
                out.push(Violation::new(
                    TenderRule::Criteria,
                    "criteria",
                    format!("综合评分法须有且只有一项价格分（现有 {prices} 项）"),
                    format!("comprehensive scoring needs exactly one price criterion ({prices} given)"),
                ));
            }
            let total: u32 = e.criteria.iter().map(|c| c.points_x100).sum();
            if total != TOTAL_POINTS_X100 {
                out.push(Violation::new(
                    TenderRule::Criteria,
                    "criteria",
                    format!("各评审因素分值合计须为100分（现为 {} 分）", pts(total)),
                    format!("the criteria must total 100 points ({} given)", pts(total)),
                ));
            }
            if prices == 1 {
                let b = weights.bounds(method, object);
                let price = e.price_points_x100();
                if price < b.min * 100 || price > b.max * 100 {
                    let range_zh = if b.max >= 100 { format!("不得低于{}%", b.min) } else { format!("应为{}%至{}%", b.min, b.max) };
                    let range_en = if b.max >= 100 { format!("at least {}%", b.min) } else { format!("between {}% and {}%", b.min, b.max) };
                    out.push(Violation::new(
                        TenderRule::PriceWeight,
                        "criteria",
                        format!("{}{}项目价格分比重{range_zh}（现为 {} 分）", method.label(Lang::Zh), object.label(Lang::Zh), pts(price)),
                        format!(
                            "{} for {}: the price weight must be {range_en} ({} given)",
                            method.label(Lang::En),
                            object.label(Lang::En),
                            pts(price)
                        ),
                    ));
                }
            }
        }
    }
    out
}

/// A list of violations as one refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub Vec<Violation>);

impl Localized for Refused {
    fn code(&self) -> &'static str {
        self.0.first().map(|v| v.rule.code()).unwrap_or("TEND")
    }
    fn msg(&self) -> Msg {
        let mut texts: std::collections::BTreeMap<Lang, Vec<String>> = Default::default();
        for v in &self.0 {
            for lang in Lang::ALL {
                texts.entry(lang).or_default().push(v.text(lang).to_string());
            }
        }
        Msg::given(texts.into_iter().map(|(lang, t)| (lang, t.join(if lang == Lang::Zh { "；" } else { "; " }))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(name: &str, kind: CriterionKind, points: u32) -> Criterion {
        Criterion { name: name.into(), kind, points_x100: points * 100, guidance: "满足得满分，每缺一项扣2分".into() }
    }

    fn comprehensive(price: u32) -> Evaluation {
        Evaluation {
            method: EvaluationMethod::Comprehensive,
            criteria: vec![
                c("价格", CriterionKind::Price, price),
                c("技术方案", CriterionKind::Technical, 90 - price),
                c("售后服务", CriterionKind::Commercial, 10),
            ],
        }
    }

    fn codes(v: &[Violation]) -> Vec<&str> {
        v.iter().map(|v| v.code.as_str()).collect()
    }

    #[test]
    fn price_weight_minimum_for_goods_tender_on_both_sides() {
        let w = PriceWeights::default();
        assert!(check_evaluation(Method::OpenTender, ObjectType::Goods, &comprehensive(30), &w).is_empty());
        assert_eq!(codes(&check_evaluation(Method::OpenTender, ObjectType::Goods, &comprehensive(29), &w)), ["TEND-PRICE-WEIGHT"]);
        assert!(check_evaluation(Method::OpenTender, ObjectType::Services, &comprehensive(10), &w).is_empty());
        assert_eq!(codes(&check_evaluation(Method::OpenTender, ObjectType::Services, &comprehensive(9), &w)), ["TEND-PRICE-WEIGHT"]);
    }

    #[test]
    fn consultation_price_weight_has_a_ceiling_too() {
        let w = PriceWeights::default();
        assert!(check_evaluation(Method::CompetitiveConsultation, ObjectType::Goods, &comprehensive(60), &w).is_empty());
        let v = check_evaluation(Method::CompetitiveConsultation, ObjectType::Goods, &comprehensive(61), &w);
        assert_eq!(codes(&v), ["TEND-PRICE-WEIGHT"]);
        assert!(v[0].zh.contains("30%至60%"), "{}", v[0].zh);
        assert!(check_evaluation(Method::CompetitiveConsultation, ObjectType::Services, &comprehensive(30), &w).is_empty());
        assert_eq!(
            codes(&check_evaluation(Method::CompetitiveConsultation, ObjectType::Services, &comprehensive(31), &w)),
            ["TEND-PRICE-WEIGHT"]
        );
    }

    #[test]
    fn criteria_total_one_hundred_with_one_price_criterion_and_guidance() {
        let w = PriceWeights::default();
        let mut e = comprehensive(40);
        e.criteria[2].points_x100 = 9_99;
        assert_eq!(codes(&check_evaluation(Method::OpenTender, ObjectType::Goods, &e, &w)), ["TEND-CRITERIA"]);
        let mut e = comprehensive(40);
        e.criteria[1].guidance = " ".into();
        assert_eq!(codes(&check_evaluation(Method::OpenTender, ObjectType::Goods, &e, &w)), ["TEND-CRITERIA"]);
        let mut e = comprehensive(40);
        e.criteria[2].kind = CriterionKind::Price;
        assert!(codes(&check_evaluation(Method::OpenTender, ObjectType::Goods, &e, &w)).contains(&"TEND-CRITERIA"));
    }

    #[test]
    fn lowest_price_has_no_subjective_criteria_and_fits_the_method() {
        let w = PriceWeights::default();
        let plain = Evaluation { method: EvaluationMethod::LowestPrice, criteria: vec![] };
        assert!(check_evaluation(Method::OpenTender, ObjectType::Goods, &plain, &w).is_empty());
        assert!(check_evaluation(Method::RequestForQuotation, ObjectType::Goods, &plain, &w).is_empty());
        let scored = Evaluation { method: EvaluationMethod::LowestPrice, criteria: vec![c("技术", CriterionKind::Technical, 10)] };
        assert_eq!(codes(&check_evaluation(Method::OpenTender, ObjectType::Goods, &scored, &w)), ["TEND-LOWEST-PRICE"]);
        assert_eq!(codes(&check_evaluation(Method::RequestForQuotation, ObjectType::Goods, &comprehensive(40), &w)), ["TEND-EVAL-METHOD"]);
        assert_eq!(codes(&check_evaluation(Method::CompetitiveConsultation, ObjectType::Goods, &plain, &w)), ["TEND-EVAL-METHOD"]);
    }
}
