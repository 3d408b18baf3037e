//! 随机抽取: a random order anyone can re-run. Experts (and, by the same machinery, 邀请招标
//! invitees and tie-breaks) are drawn in three steps:
//!
//! 1. **Commit.** Before any randomness exists the platform fixes the candidates: each as a
//!    salted hash (`leaf`), sorted, hashed with the rules and this algorithm's name into the
//!    commitment, which goes into the transparency log. Salted, so the list names nobody until
//!    the salts are published with the result.
//! 2. **Randomness** no single party controls (the shells choose it: a later signed tree head,
//!    or the agency's and the supervisor's commit-reveal), mixed with the commitment into the
//!    seed.
//! 3. **Order.** The ChaCha20 keystream (the seed as key, a zero nonce, the block counter from
//!    0; each 64-bit word is two little-endian 32-bit keystream words, low first: `rand_chacha`'s
//!    `ChaCha20Rng::next_u64`) drives a Fisher–Yates shuffle from the last position down, each
//!    index drawn by rejection sampling, so every order is equally likely and anyone can re-run
//!    it with any ChaCha20.
//!
//! A [`DrawRecord`] holds all of it; [`verify`] re-runs it and says what does not match.

use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The algorithm's name, in every hash it makes: a change of algorithm is a new name.
pub const ALGORITHM: &str = "caigou-draw-v1";

/// A candidate as the platform knows it before the draw: its id and a random salt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: String,
    /// 16 random bytes, hex.
    pub salt: String,
}

fn hash(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_be_bytes());
        h.update(p);
    }
    h.finalize().into()
}

/// A candidate's salted hash, hex: what the commitment lists instead of the name.
pub fn leaf(c: &Candidate) -> String {
    hex::encode(hash(&[ALGORITHM.as_bytes(), b"candidate", c.salt.as_bytes(), c.id.as_bytes()]))
}

/// The commitment to sorted `leaves` under `rules` (the draw's conditions, as text), hex.
pub fn commitment(leaves: &[String], rules: &str) -> String {
    let mut parts: Vec<&[u8]> = vec![ALGORITHM.as_bytes(), b"commitment", rules.as_bytes()];
    parts.extend(leaves.iter().map(|l| l.as_bytes()));
    hex::encode(hash(&parts))
}

/// The seed from a commitment and the randomness that came after it.
pub fn seed(commitment: &str, randomness: &[u8]) -> [u8; 32] {
    hash(&[ALGORITHM.as_bytes(), b"seed", commitment.as_bytes(), randomness])
}

/// A uniform index in `0..bound` (bound ≥ 1): words at or above the largest multiple of `bound`
/// are rejected, so no index is favoured.
fn uniform(rng: &mut ChaCha20Rng, bound: u64) -> u64 {
    let zone = (u64::MAX / bound) * bound;
    loop {
        let x = rng.next_u64();
        if x < zone {
            return x % bound;
        }
    }
}

/// The order of `n` positions under `seed`: Fisher–Yates from the last position down.
pub fn permutation(n: usize, seed: [u8; 32]) -> Vec<usize> {
    let mut rng = ChaCha20Rng::from_seed(seed);
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = uniform(&mut rng, i as u64 + 1) as usize;
        order.swap(i, j);
    }
    order
}

/// Everything needed to re-run a draw, published in the transparency log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawRecord {
    pub algorithm: String,
    /// The conditions the candidates were chosen under (specialty, region, exclusions applied).
    pub rules: String,
    /// The candidates' salted hashes, sorted.
    pub leaves: Vec<String>,
    pub commitment: String,
    /// The randomness, hex, and where it came from.
    pub randomness: String,
    pub randomness_source: String,
    /// The leaves in the drawn order: contacted first to last.
    pub order: Vec<String>,
}

/// Draws `candidates` under `rules` with `randomness`.
pub fn draw(candidates: &[Candidate], rules: &str, randomness: &[u8], randomness_source: &str) -> DrawRecord {
    let mut leaves: Vec<String> = candidates.iter().map(leaf).collect();
    leaves.sort();
    leaves.dedup();
    let commitment = commitment(&leaves, rules);
    let order = permutation(leaves.len(), seed(&commitment, randomness)).into_iter().map(|i| leaves[i].clone()).collect();
    DrawRecord {
        algorithm: ALGORITHM.to_string(),
        rules: rules.to_string(),
        leaves,
        commitment,
        randomness: hex::encode(randomness),
        randomness_source: randomness_source.to_string(),
        order,
    }
}

/// What re-running a record found wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DrawMismatch {
    #[error("unknown algorithm {0}")]
    Algorithm(String),
    #[error("the candidates are not sorted and distinct")]
    Leaves,
    #[error("the commitment does not match the candidates and rules")]
    Commitment,
    #[error("the randomness is not hex")]
    Randomness,
    #[error("the order is not the one the seed gives")]
    Order,
    #[error("a published name and salt do not match any candidate: {0}")]
    Revealed(String),
}

/// Re-runs `record`; with `revealed` (the names and salts published with the result), also
/// checks that they are exactly the committed candidates.
pub fn verify(record: &DrawRecord, revealed: Option<&[Candidate]>) -> Result<(), DrawMismatch> {
    if record.algorithm != ALGORITHM {
        return Err(DrawMismatch::Algorithm(record.algorithm.clone()));
    }
    if !record.leaves.windows(2).all(|w| w[0] < w[1]) {
        return Err(DrawMismatch::Leaves);
    }
    if commitment(&record.leaves, &record.rules) != record.commitment {
        return Err(DrawMismatch::Commitment);
    }
    let randomness = hex::decode(&record.randomness).map_err(|_| DrawMismatch::Randomness)?;
    let expected: Vec<&String> =
        permutation(record.leaves.len(), seed(&record.commitment, &randomness)).into_iter().map(|i| &record.leaves[i]).collect();
    if expected != record.order.iter().collect::<Vec<_>>() {
        return Err(DrawMismatch::Order);
    }
    if let Some(revealed) = revealed {
        let mut leaves: Vec<String> = revealed.iter().map(leaf).collect();
        leaves.sort();
        if leaves != record.leaves {
            let unknown = revealed.iter().find(|c| record.leaves.binary_search(&leaf(c)).is_err());
            return Err(DrawMismatch::Revealed(unknown.map(|c| c.id.clone()).unwrap_or_else(|| "(a candidate is missing)".into())));
        }
    }
    Ok(())
}

/// The revealed candidates' ids in the drawn order.
pub fn ordered_ids(record: &DrawRecord, revealed: &[Candidate]) -> Vec<String> {
    record.order.iter().filter_map(|l| revealed.iter().find(|c| &leaf(c) == l).map(|c| c.id.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool(n: usize) -> Vec<Candidate> {
        (0..n).map(|i| Candidate { id: format!("expert-{i:03}"), salt: format!("{:032x}", i * 7919 + 13) }).collect()
    }

    const RULES: &str = "品目 A02 · 示范市 · 回避: 已获取文件的供应商 3 家";

    #[test]
    fn a_draw_re_runs_from_its_record() {
        let record = draw(&pool(12), RULES, b"signed tree head 42", "tree head 42");
        assert_eq!(verify(&record, None), Ok(()));
        assert_eq!(verify(&record, Some(&pool(12))), Ok(()));
        let ids = ordered_ids(&record, &pool(12));
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(sorted, pool(12).into_iter().map(|c| c.id).collect::<Vec<_>>(), "every candidate once");
        // The same inputs give the same order; other randomness another.
        assert_eq!(draw(&pool(12), RULES, b"signed tree head 42", "tree head 42"), record);
        assert_ne!(draw(&pool(12), RULES, b"signed tree head 43", "tree head 43").order, record.order);
    }

    #[test]
    fn the_order_is_fixed_by_the_algorithm() {
        // A golden value: an implementation that changes it is a new ALGORITHM.
        assert_eq!(permutation(8, [7; 32]), GOLDEN);
        assert_eq!(permutation(0, [7; 32]), Vec::<usize>::new());
        assert_eq!(permutation(1, [7; 32]), vec![0]);
    }
    // Checked against an independent implementation (Python, `cryptography`'s ChaCha20 keystream
    // with the same reading of words): [5, 2, 7, 1, 3, 0, 6, 4].
    const GOLDEN: [usize; 8] = [5, 2, 7, 1, 3, 0, 6, 4];

    #[test]
    fn a_tampered_record_is_refused() {
        let record = draw(&pool(6), RULES, b"r", "test");
        let mut swapped = record.clone();
        swapped.order.swap(0, 1);
        assert_eq!(verify(&swapped, None), Err(DrawMismatch::Order));
        let mut other_rules = record.clone();
        other_rules.rules = "品目 A02 · 全省".into();
        assert_eq!(verify(&other_rules, None), Err(DrawMismatch::Commitment));
        let mut other_randomness = record.clone();
        other_randomness.randomness = hex::encode(b"s");
        assert_eq!(verify(&other_randomness, None), Err(DrawMismatch::Order));
        let mut dropped = record.clone();
        dropped.leaves.remove(0);
        assert_eq!(verify(&dropped, None), Err(DrawMismatch::Commitment));
        let mut outsider = pool(6);
        outsider[2].id = "expert-999".into();
        assert_eq!(verify(&record, Some(&outsider)), Err(DrawMismatch::Revealed("expert-999".into())));
        let mut unknown = record.clone();
        unknown.algorithm = "v0".into();
        assert_eq!(verify(&unknown, None), Err(DrawMismatch::Algorithm("v0".into())));
    }

    #[test]
    fn every_order_is_about_equally_likely() {
        // 3 candidates, 6 orders, 6,000 seeds: each order ~1,000 times (±15 % is > 5 σ).
        let mut counts = std::collections::BTreeMap::new();
        for i in 0u32..6000 {
            let mut s = [0u8; 32];
            s[..4].copy_from_slice(&i.to_be_bytes());
            *counts.entry(permutation(3, s)).or_insert(0) += 1;
        }
        assert_eq!(counts.len(), 6);
        assert!(counts.values().all(|&c| (850..=1150).contains(&c)), "{counts:?}");
    }
}
