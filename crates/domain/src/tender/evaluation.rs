//! Evaluation method and criteria (评审方法与评审因素), entered as structured data with the
//! documents because the evaluation stage scores against exactly these.
//!
//! Points are kept in hundredths (`points_x100`) so sums are exact.

use serde::{Deserialize, Serialize};

use super::rules::{TenderRule, Violation, says};
use crate::catalog::ObjectType;
use crate::planning::Method;
use crate::{Localized, Msg};

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
    pub const ALL: [EvaluationMethod; 2] = [EvaluationMethod::LowestPrice, EvaluationMethod::Comprehensive];

    pub fn key(self) -> &'static str {
        match self {
            EvaluationMethod::LowestPrice => "lowest_price",
            EvaluationMethod::Comprehensive => "comprehensive",
        }
    }

    pub fn parse(s: &str) -> Option<EvaluationMethod> {
        [EvaluationMethod::LowestPrice, EvaluationMethod::Comprehensive].into_iter().find(|m| m.key() == s)
    }
}

/// Its name is in the catalogs under `label.evaluation_method.<key>`.
impl crate::Labelled for EvaluationMethod {
    fn label_key(&self) -> String {
        format!("label.evaluation_method.{}", self.key())
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
    pub const ALL: [CriterionKind; 3] = [CriterionKind::Price, CriterionKind::Technical, CriterionKind::Commercial];

    pub fn key(self) -> &'static str {
        match self {
            CriterionKind::Price => "price",
            CriterionKind::Technical => "technical",
            CriterionKind::Commercial => "commercial",
        }
    }
}

/// Its name is in the catalogs under `label.criterion_kind.<key>`.
impl crate::Labelled for CriterionKind {
    fn label_key(&self) -> String {
        format!("label.criterion_kind.{}", self.key())
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
            says("lowest_price_required").arg_label("method", &method),
        ));
        return out;
    }
    if must_comprehensive && e.method != EvaluationMethod::Comprehensive {
        out.push(Violation::new(TenderRule::EvaluationMethod, "evaluation.method", says("comprehensive_required")));
        return out;
    }
    match e.method {
        EvaluationMethod::LowestPrice => {
            if let Some((i, c)) = e.criteria.iter().enumerate().find(|(_, c)| c.kind != CriterionKind::Price) {
                out.push(Violation::new(
                    TenderRule::LowestPriceNoScores,
                    format!("criteria[{i}]"),
                    says("lowest_price_scores").arg("criterion", &c.name),
                ));
            }
        }
        EvaluationMethod::Comprehensive => {
            for (i, c) in e.criteria.iter().enumerate() {
                if c.name.trim().is_empty() || c.points_x100 == 0 {
                    out.push(Violation::new(TenderRule::Criteria, format!("criteria[{i}]"), says("criterion_incomplete")));
                } else if c.kind != CriterionKind::Price && c.guidance.trim().chars().count() < 4 {
                    out.push(Violation::new(
                        TenderRule::Criteria,
                        format!("criteria[{i}].guidance"),
                        says("criterion_guidance").arg("criterion", &c.name),
                    ));
                }
            }
            let prices = e.criteria.iter().filter(|c| c.kind == CriterionKind::Price).count();
            if prices != 1 {
                out.push(Violation::new(TenderRule::Criteria, "criteria", says("one_price_criterion").arg("given", prices)));
            }
            let total: u32 = e.criteria.iter().map(|c| c.points_x100).sum();
            if total != TOTAL_POINTS_X100 {
                out.push(Violation::new(TenderRule::Criteria, "criteria", says("total_points").arg("given", pts(total))));
            }
            if prices == 1 {
                let b = weights.bounds(method, object);
                let price = e.price_points_x100();
                if price < b.min * 100 || price > b.max * 100 {
                    let what = if b.max >= 100 { says("price_weight_at_least") } else { says("price_weight_between").arg("max", b.max) };
                    out.push(Violation::new(
                        TenderRule::PriceWeight,
                        "criteria",
                        what.arg("min", b.min).arg("given", pts(price)).arg_label("method", &method).arg_label("object", &object),
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
        Msg::new("rule.all").arg_msgs("findings", crate::i18n::SEP_CLAUSES, self.0.iter().map(Localized::msg))
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
        assert_eq!(v[0].text.key, "finding.tender.price_weight_between");
        assert_eq!((v[0].text.args["min"].text(), v[0].text.args["max"].text()), (Some("30"), Some("60")));
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
