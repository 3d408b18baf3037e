//! 评分汇总: from every expert's scores to each bid's total. Under 综合评分法 each expert scores
//! each non-price criterion within its points, against its guidance; the price criterion is
//! computed ([`super::price`]), never typed. A bid's score on a criterion is the mean of the
//! experts' scores, its total the sum over the criteria; both are kept exact until the total is
//! rounded once (hundredths, half up). A score outside its criterion's range is refused; a
//! score far from the other experts' mean (beyond a policy share of the criterion's points) is
//! flagged and must carry the expert's reason.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::tender::{Criterion, CriterionKind};

/// One expert's score of one bid on one criterion, in hundredths of a point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score<Bid, Expert> {
    pub bid: Bid,
    pub expert: Expert,
    /// The criterion's index in the documents' list.
    pub criterion: usize,
    pub x100: u32,
    /// The expert's reason, required when the score is flagged.
    pub reason: Option<String>,
}

/// What is wrong with a score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum ScoreProblem {
    /// No such criterion, or the price criterion (computed, never typed).
    NotScorable { criterion: usize },
    /// Above the criterion's points (条例44's 分值汇总/超出范围: sent back for correction).
    OutOfRange { criterion: usize, max_x100: u32 },
    /// Far from the other experts' mean and without a reason.
    DeviatesWithoutReason { criterion: usize, mean_x100: u32 },
    /// An expert scored a bid on a criterion twice.
    Duplicate { criterion: usize },
    /// An expert did not score a bid on a criterion.
    Missing { criterion: usize },
}

/// A bid's result: its mean score per criterion (exact: sum and count) and its total rounded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BidTotal<Bid> {
    pub bid: Bid,
    /// Per criterion: the mean in hundredths, rounded half up (for the report).
    pub criteria_x100: Vec<u32>,
    /// Σ means + the price score, in hundredths, rounded once, half up.
    pub total_x100: i64,
}

/// The scores of each (bid, criterion), indexed once.
fn cells<Bid: Ord + Clone, Expert>(scores: &[Score<Bid, Expert>]) -> BTreeMap<(Bid, usize), Vec<&Score<Bid, Expert>>> {
    let mut by: BTreeMap<(Bid, usize), Vec<&Score<Bid, Expert>>> = BTreeMap::new();
    for s in scores {
        by.entry((s.bid.clone(), s.criterion)).or_default().push(s);
    }
    by
}

/// The problems of a set of scores, each with the score's bid and expert: an empty list means
/// the scores may be summed. `deviation_bp` is the policy share of a criterion's points a score
/// may stray from the others' mean before it needs a reason (e.g. 3000 = 30 %).
pub fn problems<Bid: Ord + Clone, Expert: Ord + Clone>(
    criteria: &[Criterion],
    experts: &[Expert],
    bids: &[Bid],
    scores: &[Score<Bid, Expert>],
    deviation_bp: u32,
) -> Vec<(Bid, Expert, ScoreProblem)> {
    let mut out = Vec::new();
    let mut seen: BTreeMap<(Bid, Expert, usize), u32> = BTreeMap::new();
    for s in scores {
        match criteria.get(s.criterion) {
            Some(c) if c.kind != CriterionKind::Price => {
                if s.x100 > c.points_x100 {
                    out.push((
                        s.bid.clone(),
                        s.expert.clone(),
                        ScoreProblem::OutOfRange { criterion: s.criterion, max_x100: c.points_x100 },
                    ));
                }
            }
            _ => out.push((s.bid.clone(), s.expert.clone(), ScoreProblem::NotScorable { criterion: s.criterion })),
        }
        if seen.insert((s.bid.clone(), s.expert.clone(), s.criterion), s.x100).is_some() {
            out.push((s.bid.clone(), s.expert.clone(), ScoreProblem::Duplicate { criterion: s.criterion }));
        }
    }
    let by_cell = cells(scores);
    let none = Vec::new();
    for (i, c) in criteria.iter().enumerate().filter(|(_, c)| c.kind != CriterionKind::Price) {
        for b in bids {
            for e in experts {
                if !seen.contains_key(&(b.clone(), e.clone(), i)) {
                    out.push((b.clone(), e.clone(), ScoreProblem::Missing { criterion: i }));
                }
            }
            // Deviation from the others' mean, in integers: |x·(n−1) − Σothers| > share·points·(n−1).
            let given = by_cell.get(&(b.clone(), i)).unwrap_or(&none);
            let n = given.len() as i64;
            if n < 3 {
                continue;
            }
            let sum: i64 = given.iter().map(|s| i64::from(s.x100)).sum();
            for s in given {
                let others = sum - i64::from(s.x100);
                let gap = (i64::from(s.x100) * (n - 1) - others).abs();
                let allowed = i64::from(c.points_x100) * i64::from(deviation_bp) * (n - 1) / 10_000;
                if gap > allowed && s.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                    let mean = (2 * others + (n - 1)) / (2 * (n - 1));
                    out.push((b.clone(), s.expert.clone(), ScoreProblem::DeviatesWithoutReason { criterion: i, mean_x100: mean as u32 }));
                }
            }
        }
    }
    out
}

/// Each bid's total: the experts' mean per scored criterion plus its price score (hundredths).
/// Call after [`problems`] found none.
pub fn totals<Bid: Ord + Clone, Expert>(
    criteria: &[Criterion],
    bids: &[Bid],
    scores: &[Score<Bid, Expert>],
    price_scores_x100: &BTreeMap<Bid, i64>,
) -> Vec<BidTotal<Bid>> {
    let by_cell = cells(scores);
    bids.iter()
        .map(|b| {
            let mut per = Vec::new();
            // The exact total as a fraction: Σ (sumᵢ / nᵢ), over a common denominator.
            let (mut num, mut den) = (0i128, 1i128);
            for (i, c) in criteria.iter().enumerate() {
                if c.kind == CriterionKind::Price {
                    per.push(price_scores_x100.get(b).copied().unwrap_or(0) as u32);
                    continue;
                }
                let given: Vec<u32> = by_cell.get(&(b.clone(), i)).map(|v| v.iter().map(|s| s.x100).collect()).unwrap_or_default();
                let (sum, n) = (given.iter().map(|x| i128::from(*x)).sum::<i128>(), given.len().max(1) as i128);
                per.push(((2 * sum + n) / (2 * n)) as u32);
                num = num * n + sum * den;
                den *= n;
            }
            num += i128::from(price_scores_x100.get(b).copied().unwrap_or(0)) * den;
            BidTotal { bid: b.clone(), criteria_x100: per, total_x100: ((2 * num + den) / (2 * den)) as i64 }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criteria() -> Vec<Criterion> {
        let c = |name: &str, kind, points: u32| Criterion { name: name.into(), kind, points_x100: points * 100, guidance: String::new() };
        vec![c("价格", CriterionKind::Price, 30), c("技术", CriterionKind::Technical, 50), c("商务", CriterionKind::Commercial, 20)]
    }

    fn s(bid: &'static str, expert: u8, criterion: usize, x100: u32) -> Score<&'static str, u8> {
        Score { bid, expert, criterion, x100, reason: None }
    }

    #[test]
    fn means_per_criterion_and_one_rounding_of_the_total() {
        // Three experts: technical 45, 46, 46 → 45.666…; commercial 18, 18, 19 → 18.333…
        // with the price score 27.00 the total is exactly 91.00, while the parts show as 45.67 and 18.33.
        let scores =
            vec![s("A", 1, 1, 4500), s("A", 2, 1, 4600), s("A", 3, 1, 4600), s("A", 1, 2, 1800), s("A", 2, 2, 1800), s("A", 3, 2, 1900)];
        assert!(problems(&criteria(), &[1, 2, 3], &["A"], &scores, 3000).is_empty());
        let t = totals(&criteria(), &["A"], &scores, &BTreeMap::from([("A", 2700)]));
        assert_eq!(t[0].criteria_x100, vec![2700, 4567, 1833]);
        assert_eq!(t[0].total_x100, 9100);
        // Where rounding the parts would differ: 1/3 + 1/3 + 1/3 of a hundredth.
        let thirds = vec![s("B", 1, 1, 1), s("B", 2, 1, 0), s("B", 3, 1, 0), s("B", 1, 2, 1), s("B", 2, 2, 0), s("B", 3, 2, 0)];
        let t = totals(&criteria(), &["B"], &thirds, &BTreeMap::from([("B", 1)]));
        assert_eq!(t[0].criteria_x100, vec![1, 0, 0], "each part rounds to 0");
        assert_eq!(t[0].total_x100, 2, "2/3 + 1 = 1.67 hundredths → 2");
    }

    #[test]
    fn out_of_range_price_typed_duplicate_and_missing_scores_are_refused() {
        let scores = vec![s("A", 1, 1, 5001), s("A", 1, 0, 100), s("A", 1, 2, 1000), s("A", 1, 2, 1100)];
        let p: Vec<ScoreProblem> = problems(&criteria(), &[1, 2], &["A"], &scores, 3000).into_iter().map(|(_, _, p)| p).collect();
        assert!(p.contains(&ScoreProblem::OutOfRange { criterion: 1, max_x100: 5000 }), "{p:?}");
        assert!(p.contains(&ScoreProblem::NotScorable { criterion: 0 }), "the price is computed: {p:?}");
        assert!(p.contains(&ScoreProblem::Duplicate { criterion: 2 }), "{p:?}");
        assert!(p.contains(&ScoreProblem::Missing { criterion: 1 }), "expert 2 scored nothing: {p:?}");
        // At the limit: 50.00 of 50 is in range.
        let full = vec![s("A", 1, 1, 5000), s("A", 1, 2, 2000)];
        assert!(problems(&criteria(), &[1], &["A"], &full, 3000).is_empty());
    }

    #[test]
    fn a_deviating_score_needs_a_reason() {
        // Technical (50 points), 30 % allowed = 15 points from the others' mean.
        // Experts 1–4 give 40; expert 5 gives 25: 15 below — at the limit, fine; 24.99 is not.
        let base = |fifth: u32| vec![s("A", 1, 1, 4000), s("A", 2, 1, 4000), s("A", 3, 1, 4000), s("A", 4, 1, 4000), s("A", 5, 1, fifth)];
        let commercial: Vec<_> = (1..=5).map(|e| s("A", e, 2, 1500)).collect();
        let all = |fifth| [base(fifth), commercial.clone()].concat();
        assert!(problems(&criteria(), &[1, 2, 3, 4, 5], &["A"], &all(2500), 3000).is_empty());
        let flagged = problems(&criteria(), &[1, 2, 3, 4, 5], &["A"], &all(2499), 3000);
        assert_eq!(flagged, vec![("A", 5, ScoreProblem::DeviatesWithoutReason { criterion: 1, mean_x100: 4000 })]);
        let mut with_reason = all(2499);
        with_reason[4].reason = Some("技术方案未响应第3.2条参数，按评分标准扣分".into());
        assert!(problems(&criteria(), &[1, 2, 3, 4, 5], &["A"], &with_reason, 3000).is_empty());
    }
}
