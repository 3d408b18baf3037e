//! Benchmark: aggregating an evaluation of 200 bids × 7 experts × 20 criteria
//! (`evaluation::scoring`: every score checked — range, duplicates, missing, deviation from the
//! others' mean — then each bid's exact total) against a baseline of summing the same scores in
//! a plain loop, run side by side and alternating. Not a test, not in CI. See bench/README.md.
//!
//!   cargo build --release -p caigou --examples
//!   nice -n 10 $CARGO_TARGET_DIR/release/examples/bench_scores    # --bids 200 --experts 7 --criteria 20 --rounds 5

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use caigou_domain::evaluation::scoring::{Score, problems, totals};
use caigou_domain::tender::{Criterion, CriterionKind};

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let (bids, experts, criteria_n, rounds) = (arg("--bids", 200), arg("--experts", 7), arg("--criteria", 20), arg("--rounds", 5));
    // One price criterion of 30 points; the others share 70.
    let mut criteria = vec![Criterion { name: "价格".into(), kind: CriterionKind::Price, points_x100: 3000, guidance: String::new() }];
    let each = 7000 / (criteria_n as u32 - 1);
    criteria.extend((1..criteria_n).map(|i| Criterion {
        name: format!("因素{i}"),
        kind: CriterionKind::Technical,
        points_x100: each,
        guidance: String::new(),
    }));
    let bid_ids: Vec<u32> = (0..bids as u32).collect();
    let expert_ids: Vec<u32> = (0..experts as u32).collect();
    let mut scores = Vec::new();
    for b in &bid_ids {
        for e in &expert_ids {
            for (i, c) in criteria.iter().enumerate().skip(1) {
                // Close to each other: within 10 % of the points.
                let x = c.points_x100 * 8 / 10 + (b * 7 + e * 13 + i as u32 * 3) % (c.points_x100 / 10);
                scores.push(Score { bid: *b, expert: *e, criterion: i, x100: x, reason: None });
            }
        }
    }
    let prices: BTreeMap<u32, i64> = bid_ids.iter().map(|b| (*b, 2000 + i64::from(*b % 1000))).collect();
    let (mut agg, mut base) = (Duration::ZERO, Duration::ZERO);
    for round in 0..rounds {
        let run_agg = |agg: &mut Duration| {
            let t = Instant::now();
            let p = problems(&criteria, &expert_ids, &bid_ids, &scores, 3000);
            assert!(p.is_empty(), "{:?}", &p[..p.len().min(3)]);
            let t2 = totals(&criteria, &bid_ids, &scores, &prices);
            *agg += t.elapsed();
            std::hint::black_box(t2);
        };
        let run_base = |base: &mut Duration| {
            let t = Instant::now();
            let mut sums = vec![0u64; bids];
            for s in &scores {
                sums[s.bid as usize] += u64::from(s.x100);
            }
            *base += t.elapsed();
            std::hint::black_box(sums);
        };
        if round % 2 == 0 {
            run_agg(&mut agg);
            run_base(&mut base);
        } else {
            run_base(&mut base);
            run_agg(&mut agg);
        }
    }
    let per = |d: Duration| d.as_secs_f64() * 1000.0 / rounds as f64;
    println!("{bids} bids × {experts} experts × {criteria_n} criteria = {} scores, {rounds} rounds", scores.len());
    println!("checked and aggregated: {:.2} ms per evaluation", per(agg));
    println!("baseline (plain sums): {:.3} ms", per(base));
    println!("ratio: {:.0}", agg.as_secs_f64() / base.as_secs_f64());
}
