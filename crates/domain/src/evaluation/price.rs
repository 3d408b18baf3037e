//! 价格分: the price arithmetic of an evaluation, exact. A bid's evaluated price (评审价) is its
//! quoted price after the policy deductions it qualifies for — 小微企业 (财库〔2020〕46号 as
//! raised by 财库〔2022〕19号: goods and services 10–20 %), 本国产品 (国办发〔2025〕34号: 20 %) —
//! which change the evaluated price only, never the contract price. The price score is
//! 评标基准价 (the lowest evaluated price) ÷ evaluated price × price weight (87号令第55条), rounded
//! as the documents say (two decimals by default, half up). Nothing is a float: an evaluated
//! price is kept as an exact fraction of a fen until the score is rounded once.
//!
//! How the deductions stack is policy data (DOMAIN.md leaves it unverified): they are applied
//! one after another, each to the price left by the one before.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::Money;

/// Basis points: 1 % = 100.
const BP: i128 = 10_000;

/// A price after deductions: `fen × Π(10000 − dᵢ) / 10000ⁿ`, kept as that fraction. Two
/// prices are equal when their values are, whatever their fractions.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct EvaluatedPrice {
    numerator: i128,
    denominator: i128,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PriceError {
    #[error("a price to evaluate must be above zero")]
    NotPositive,
    #[error("a deduction is between 0 and 100 %")]
    Deduction,
    #[error("scores are rounded to 0 to 4 decimals")]
    Decimals,
}

impl EvaluatedPrice {
    /// `price` after the deductions, in basis points, in the order given.
    pub fn of(price: Money, deductions_bp: &[u32]) -> Result<EvaluatedPrice, PriceError> {
        if price.fen() <= 0 {
            return Err(PriceError::NotPositive);
        }
        let mut p = EvaluatedPrice { numerator: i128::from(price.fen()), denominator: 1 };
        for d in deductions_bp {
            if *d >= 10_000 {
                return Err(PriceError::Deduction);
            }
            p.numerator *= BP - i128::from(*d);
            p.denominator *= BP;
        }
        Ok(p)
    }

    /// In fen, rounded half up: how the price is shown in the report.
    pub fn fen_rounded(&self) -> Money {
        Money::from_fen(div_half_up(self.numerator, self.denominator) as i64)
    }

    fn cmp_exact(&self, other: &EvaluatedPrice) -> Ordering {
        (self.numerator * other.denominator).cmp(&(other.numerator * self.denominator))
    }
}

impl PartialEq for EvaluatedPrice {
    fn eq(&self, other: &Self) -> bool {
        self.cmp_exact(other) == Ordering::Equal
    }
}

impl Eq for EvaluatedPrice {}

impl PartialOrd for EvaluatedPrice {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for EvaluatedPrice {
    fn cmp(&self, other: &Self) -> Ordering {
        self.cmp_exact(other)
    }
}

/// n ÷ d rounded half up, for n, d > 0.
fn div_half_up(n: i128, d: i128) -> i128 {
    (2 * n + d) / (2 * d)
}

/// The price score of a bid, in units of 10⁻ᵈᵉᶜⁱᵐᵃˡˢ points: `base ÷ evaluated × weight`, where
/// `weight_x100` is the price criterion's points in hundredths (30 points = 3000) and `base` the
/// lowest evaluated price among the compliant bids. The lowest bid scores the full weight.
pub fn price_score(base: EvaluatedPrice, evaluated: EvaluatedPrice, weight_x100: u32, decimals: u32) -> Result<i64, PriceError> {
    if decimals > 4 {
        return Err(PriceError::Decimals);
    }
    let scale = 10_i128.pow(decimals);
    // (bn/bd) / (en/ed) × w/100 × scale = bn·ed·w·scale / (bd·en·100)
    let n = base.numerator * evaluated.denominator * i128::from(weight_x100) * scale;
    let d = base.denominator * evaluated.numerator * 100;
    Ok(div_half_up(n, d) as i64)
}

/// A bid in the ranking: its id, its total score (same units as the scores summed; 0 under
/// 最低评标价法) and its evaluated price.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked<Id> {
    pub id: Id,
    pub score: i64,
    pub price: EvaluatedPrice,
}

/// The ranking (87号令, check): under 最低评标价法 by evaluated price, lowest first; under
/// 综合评分法 by total score, highest first, then by evaluated price. Bids still equal on both
/// share a place: each inner list is one place, and a place holding more than one bid is a tie
/// the documents or a verifiable draw ([`super::draw`]) breaks.
pub fn rank<Id: Clone>(bids: &[Ranked<Id>], by_score: bool) -> Vec<Vec<Id>> {
    let mut sorted: Vec<&Ranked<Id>> = bids.iter().collect();
    let order = |a: &&Ranked<Id>, b: &&Ranked<Id>| {
        let by_price = a.price.cmp(&b.price);
        if by_score { b.score.cmp(&a.score).then(by_price) } else { by_price }
    };
    sorted.sort_by(order);
    let mut places: Vec<Vec<Id>> = Vec::new();
    let mut last: Option<&Ranked<Id>> = None;
    for b in sorted {
        match last {
            Some(l) if order(&l, &b) == Ordering::Equal => places.last_mut().expect("a place").push(b.id.clone()),
            _ => places.push(vec![b.id.clone()]),
        }
        last = Some(b);
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yuan(y: i64) -> Money {
        Money::from_yuan(y)
    }

    #[test]
    fn the_lowest_bid_scores_the_full_weight_and_others_in_proportion() {
        let base = EvaluatedPrice::of(yuan(900_000), &[]).unwrap();
        let other = EvaluatedPrice::of(yuan(1_000_000), &[]).unwrap();
        assert_eq!(price_score(base, base, 3000, 2), Ok(3000), "30.00 points");
        assert_eq!(price_score(base, other, 3000, 2), Ok(2700), "900000/1000000 × 30 = 27.00");
        // 900000/970000 × 30 = 27.835051…: 27.84 at two decimals, 27.8 at one.
        let odd = EvaluatedPrice::of(yuan(970_000), &[]).unwrap();
        assert_eq!(price_score(base, odd, 3000, 2), Ok(2784));
        assert_eq!(price_score(base, odd, 3000, 1), Ok(278));
        assert_eq!(price_score(base, odd, 3000, 4), Ok(278_351));
        assert_eq!(price_score(base, odd, 3000, 5), Err(PriceError::Decimals));
    }

    #[test]
    fn half_up_at_the_hundredth() {
        // 1/8 × 10 points = 1.25 exactly; 1/16 × 10 = 0.625 → 0.63 (half up).
        let base = EvaluatedPrice::of(Money::from_fen(100), &[]).unwrap();
        assert_eq!(price_score(base, EvaluatedPrice::of(Money::from_fen(800), &[]).unwrap(), 1000, 2), Ok(125));
        assert_eq!(price_score(base, EvaluatedPrice::of(Money::from_fen(1600), &[]).unwrap(), 1000, 2), Ok(63));
    }

    #[test]
    fn a_small_enterprise_deduction_changes_the_evaluated_price_only() {
        // A 小微企业 quoting ¥1,000,000 with a 10 % deduction is evaluated at ¥900,000 and
        // becomes the base against a ¥950,000 large-enterprise bid.
        let small = EvaluatedPrice::of(yuan(1_000_000), &[1000]).unwrap();
        let large = EvaluatedPrice::of(yuan(950_000), &[]).unwrap();
        assert_eq!(small.fen_rounded(), yuan(900_000));
        let base = small.min(large);
        assert_eq!(base, small);
        assert_eq!(price_score(base, small, 3000, 2), Ok(3000));
        // 900000/950000 × 30 = 28.421052… → 28.42.
        assert_eq!(price_score(base, large, 3000, 2), Ok(2842));
        // Stacked with the 20 % domestic preference: 1,000,000 × 0.9 × 0.8 = 720,000.
        let both = EvaluatedPrice::of(yuan(1_000_000), &[1000, 2000]).unwrap();
        assert_eq!(both.fen_rounded(), yuan(720_000));
        // To the fen: ¥1,234,567.89 at 18 % is ¥1,012,345.6698 → ¥1,012,345.67.
        assert_eq!(EvaluatedPrice::of(Money::from_fen(123_456_789), &[1800]).unwrap().fen_rounded(), Money::from_fen(101_234_567));
        assert_eq!(EvaluatedPrice::of(Money::ZERO, &[]), Err(PriceError::NotPositive));
        assert_eq!(EvaluatedPrice::of(yuan(1), &[10_000]), Err(PriceError::Deduction));
    }

    #[test]
    fn exact_comparison_sees_a_hundredth_of_a_fen() {
        // ¥100.01 at 1 % = ¥99.0099; ¥99.01 = ¥99.0100: the first is lower, though both show ¥99.01.
        let a = EvaluatedPrice::of(Money::from_fen(10_001), &[100]).unwrap();
        let b = EvaluatedPrice::of(Money::from_fen(9_901), &[]).unwrap();
        assert_eq!(a.fen_rounded(), b.fen_rounded());
        assert!(a < b);
        // Equal values are equal, however they were reached: ¥90 = ¥100 at 10 %.
        assert_eq!(EvaluatedPrice::of(yuan(100), &[1000]).unwrap(), EvaluatedPrice::of(yuan(90), &[]).unwrap());
    }

    #[test]
    fn ties_by_score_then_price_and_what_is_left_shares_a_place() {
        let p = |y| EvaluatedPrice::of(yuan(y), &[]).unwrap();
        let bids = vec![
            Ranked { id: "a", score: 9000, price: p(100) },
            Ranked { id: "b", score: 9100, price: p(120) },
            Ranked { id: "c", score: 9000, price: p(95) },
            Ranked { id: "d", score: 9000, price: p(100) },
        ];
        assert_eq!(rank(&bids, true), vec![vec!["b"], vec!["c"], vec!["a", "d"]]);
        // Lowest price: scores do not count.
        assert_eq!(rank(&bids, false), vec![vec!["c"], vec!["a", "d"], vec!["b"]]);
    }
}
