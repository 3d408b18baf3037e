//! `caigou draw verify`: anyone re-runs a published draw record, and a tampered one is refused.

use caigou_domain::evaluation::draw::{self, Candidate};

fn run(args: &[&std::path::Path]) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_caigou"));
    cmd.arg("draw").arg("verify").arg(args[0]);
    if let Some(revealed) = args.get(1) {
        cmd.arg("--revealed").arg(revealed);
    }
    cmd.output().unwrap()
}

#[test]
fn a_published_draw_re_runs_and_a_tampered_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let pool: Vec<Candidate> = (0..9).map(|i| Candidate { id: format!("专家{i}"), salt: format!("{:032x}", 1_000 + i) }).collect();
    let record = draw::draw(&pool, "品目 A02 · 示范市", b"tree head 7", "signed tree head 7");
    let (rec, rev) = (dir.path().join("record.json"), dir.path().join("revealed.json"));
    std::fs::write(&rec, serde_json::to_vec(&record).unwrap()).unwrap();
    std::fs::write(&rev, serde_json::to_vec(&pool).unwrap()).unwrap();
    let ok = run(&[&rec, &rev]);
    let out = String::from_utf8_lossy(&ok.stdout);
    assert!(ok.status.success() && out.contains("draw OK: 9 candidates"), "{out}");
    let first = draw::ordered_ids(&record, &pool)[0].clone();
    assert!(out.contains(&format!("order: {first}")), "the order by name once revealed: {out}");

    let mut tampered = record.clone();
    tampered.order.swap(0, 8);
    std::fs::write(&rec, serde_json::to_vec(&tampered).unwrap()).unwrap();
    let bad = run(&[&rec]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("draw INVALID: the order is not the one the seed gives"));
}
