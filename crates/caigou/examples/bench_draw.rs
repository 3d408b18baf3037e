//! Benchmark: a draw (随机抽取) over a pool of 100,000 experts against the avoidance lists of
//! 2,000 suppliers that obtained the documents — every expert's exclusion decided
//! (`evaluation::avoidance`), the candidates committed, seeded and ordered
//! (`evaluation::draw`) — against a baseline of hashing the same number of candidate leaves with
//! SHA-256 alone, run side by side and alternating. Not a test, not in CI. See bench/README.md.
//!
//!   cargo build --release -p caigou --examples
//!   nice -n 10 $CARGO_TARGET_DIR/release/examples/bench_draw     # --experts 100000 --suppliers 2000 --rounds 5

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use caigou_domain::evaluation::avoidance::{DrawContext, ExpertFacts, Tie, TieKind, exclusion};
use caigou_domain::evaluation::draw::{self, Candidate};
use jiff::civil::date;
use sha2::{Digest, Sha256};

/// splitmix64: reproducible data without a dependency.
struct Mix(u64);
impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let (n, suppliers, rounds) = (arg("--experts", 100_000), arg("--suppliers", 2_000), arg("--rounds", 5));
    let orgs = 20_000u64;
    let mut rng = Mix(2026);
    let kinds = [TieKind::Employed, TieKind::Officer, TieKind::Controller, TieKind::Relative, TieKind::Declared];
    // Each expert: two to four ties to organizations among 20,000, some ended long ago.
    let experts: Vec<(Candidate, ExpertFacts)> = (0..n)
        .map(|i| {
            let ties = (0..2 + rng.next() % 3)
                .map(|_| {
                    let ended = rng.next().is_multiple_of(2);
                    Tie {
                        org: format!("91990100MA{:08}", rng.next() % orgs),
                        kind: kinds[(rng.next() % 5) as usize],
                        from: date(2010, 1, 1),
                        until: ended.then(|| date(2018 + (rng.next() % 8) as i16, 6, 30)),
                    }
                })
                .collect();
            let facts = ExpertFacts { ties, recent_for_purchaser: (rng.next() % 4) as u32, ..Default::default() };
            (Candidate { id: format!("expert-{i:06}"), salt: format!("{:032x}", rng.next()) }, facts)
        })
        .collect();
    let ctx = DrawContext {
        evaluation_day: date(2026, 11, 20),
        suppliers: (0..suppliers).map(|_| format!("91990100MA{:08}", rng.next() % orgs)).collect::<BTreeSet<_>>(),
        purchaser: "P".into(),
        agency: "A".into(),
        max_recent_for_purchaser: 3,
    };

    let mut draw_time = Duration::ZERO;
    let mut base_time = Duration::ZERO;
    let mut candidates_seen = 0;
    for round in 0..rounds {
        let run_draw = |draw_time: &mut Duration, seen: &mut usize| {
            let t = Instant::now();
            let candidates: Vec<Candidate> = experts.iter().filter(|(_, f)| exclusion(f, &ctx).is_none()).map(|(c, _)| c.clone()).collect();
            let record = draw::draw(&candidates, "bench", format!("round {round}").as_bytes(), "bench");
            *draw_time += t.elapsed();
            *seen = candidates.len();
            assert_eq!(record.order.len(), candidates.len());
        };
        let run_base = |base_time: &mut Duration| {
            let t = Instant::now();
            let mut acc = 0u8;
            for (c, _) in &experts {
                let h = Sha256::new().chain_update(c.salt.as_bytes()).chain_update(c.id.as_bytes()).finalize();
                acc ^= h[0];
            }
            *base_time += t.elapsed();
            std::hint::black_box(acc);
        };
        if round % 2 == 0 {
            run_draw(&mut draw_time, &mut candidates_seen);
            run_base(&mut base_time);
        } else {
            run_base(&mut base_time);
            run_draw(&mut draw_time, &mut candidates_seen);
        }
    }
    let per = |d: Duration| d.as_secs_f64() * 1000.0 / rounds as f64;
    println!("pool {n} experts, {suppliers} suppliers taking part, {rounds} rounds");
    println!("candidates after avoidance: {candidates_seen} ({} excluded)", n - candidates_seen);
    println!("draw (avoidance + commitment + order): {:.1} ms per draw", per(draw_time));
    println!("baseline (SHA-256 of every expert's salted id): {:.1} ms", per(base_time));
    println!("ratio draw / baseline: {:.1}", draw_time.as_secs_f64() / base_time.as_secs_f64());
}
