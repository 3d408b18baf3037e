//! The transparency log's Merkle tree, RFC 6962 / RFC 9162 §2.1: leaf hash
//! `SHA-256(0x00 || data)`, node hash `SHA-256(0x01 || left || right)`, the largest power of two
//! strictly below `n` splits a tree of `n` leaves. Inclusion and consistency proofs are produced
//! and verified here, so the server, the CLI and tests share one implementation.

use sha2::{Digest, Sha256};

pub type Hash = [u8; 32];

pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(data);
    h.finalize().into()
}

pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The root of the empty tree: SHA-256 of the empty string.
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// The largest power of two strictly smaller than `n` (n ≥ 2).
fn split(n: usize) -> usize {
    let mut k = 1;
    while k << 1 < n {
        k <<= 1;
    }
    k
}

/// MTH over leaf hashes.
pub fn root(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => empty_root(),
        1 => leaves[0],
        n => {
            let k = split(n);
            node_hash(&root(&leaves[..k]), &root(&leaves[k..]))
        }
    }
}

/// PATH(m, D[n]): the audit path of leaf `m` in the tree of `leaves`.
pub fn inclusion_proof(m: usize, leaves: &[Hash]) -> Vec<Hash> {
    let n = leaves.len();
    if n <= 1 || m >= n {
        return Vec::new();
    }
    let k = split(n);
    if m < k {
        let mut p = inclusion_proof(m, &leaves[..k]);
        p.push(root(&leaves[k..]));
        p
    } else {
        let mut p = inclusion_proof(m - k, &leaves[k..]);
        p.push(root(&leaves[..k]));
        p
    }
}

/// RFC 9162 §2.1.3.2: verifies that `leaf` is at `index` in a tree of `size` with `root`.
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, proof: &[Hash], expected_root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut fn_, mut sn) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if sn == 0 {
            return false;
        }
        if fn_ & 1 == 1 || fn_ == sn {
            r = node_hash(p, &r);
            if fn_ & 1 == 0 {
                while fn_ & 1 == 0 && fn_ != 0 {
                    fn_ >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    sn == 0 && &r == expected_root
}

/// PROOF(m, D[n]): the consistency proof between the first `m` leaves and all of them.
pub fn consistency_proof(m: usize, leaves: &[Hash]) -> Vec<Hash> {
    if m == 0 || m >= leaves.len() {
        return Vec::new();
    }
    subproof(m, leaves, true)
}

fn subproof(m: usize, leaves: &[Hash], complete: bool) -> Vec<Hash> {
    let n = leaves.len();
    if m == n {
        return if complete { Vec::new() } else { vec![root(leaves)] };
    }
    let k = split(n);
    if m <= k {
        let mut p = subproof(m, &leaves[..k], complete);
        p.push(root(&leaves[k..]));
        p
    } else {
        let mut p = subproof(m - k, &leaves[k..], false);
        p.push(root(&leaves[..k]));
        p
    }
}

/// RFC 9162 §2.1.4.2: verifies that the tree of `size1` with `root1` is a prefix of the tree of
/// `size2` with `root2`.
pub fn verify_consistency(size1: u64, size2: u64, root1: &Hash, root2: &Hash, proof: &[Hash]) -> bool {
    if size1 > size2 {
        return false;
    }
    if size1 == size2 {
        return proof.is_empty() && root1 == root2;
    }
    if size1 == 0 {
        return proof.is_empty();
    }
    let mut path: Vec<Hash> = proof.to_vec();
    if size1.is_power_of_two() {
        path.insert(0, *root1);
    }
    let Some((first, rest)) = path.split_first() else { return false };
    let (mut fn_, mut sn) = (size1 - 1, size2 - 1);
    while fn_ & 1 == 1 {
        fn_ >>= 1;
        sn >>= 1;
    }
    let (mut fr, mut sr) = (*first, *first);
    for c in rest {
        if sn == 0 {
            return false;
        }
        if fn_ & 1 == 1 || fn_ == sn {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            if fn_ & 1 == 0 {
                while fn_ & 1 == 0 && fn_ != 0 {
                    fn_ >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            sr = node_hash(&sr, c);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    sn == 0 && &fr == root1 && &sr == root2
}

/// The bytes a signed tree head signs (a checkpoint in the style of C2SP tlog-checkpoint):
/// origin line, tree size, base64 root.
pub fn checkpoint_body(origin: &str, size: u64, root: &Hash) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(s, "{origin}");
    let _ = writeln!(s, "{size}");
    let _ = writeln!(s, "{}", hex::encode(root));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(n: usize) -> Vec<Hash> {
        (0..n).map(|i| leaf_hash(format!("entry {i}").as_bytes())).collect()
    }

    #[test]
    fn known_values() {
        assert_eq!(hex::encode(empty_root()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        // RFC 6962 test vector: the leaf hash of the empty string.
        assert_eq!(hex::encode(leaf_hash(b"")), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        let l = leaves(3);
        assert_eq!(root(&l), node_hash(&node_hash(&l[0], &l[1]), &l[2]));
    }

    #[test]
    fn every_inclusion_proof_verifies_and_a_wrong_one_does_not() {
        for n in 1..=33 {
            let l = leaves(n);
            let r = root(&l);
            for m in 0..n {
                let p = inclusion_proof(m, &l);
                assert!(verify_inclusion(m as u64, n as u64, &l[m], &p, &r), "n={n} m={m}");
                assert!(!verify_inclusion(m as u64, n as u64, &leaf_hash(b"forged"), &p, &r));
                if n > 1 {
                    assert!(!verify_inclusion(((m + 1) % n) as u64, n as u64, &l[m], &p, &r), "wrong index n={n} m={m}");
                }
            }
        }
    }

    #[test]
    fn every_consistency_proof_verifies_and_a_rewritten_history_does_not() {
        for n in 1..=33 {
            let l = leaves(n);
            let r2 = root(&l);
            for m in 1..=n {
                let p = consistency_proof(m, &l);
                let r1 = root(&l[..m]);
                assert!(verify_consistency(m as u64, n as u64, &r1, &r2, &p), "m={m} n={n}");
                if m < n {
                    let mut forged = l.clone();
                    forged[m - 1] = leaf_hash(b"rewritten");
                    assert!(!verify_consistency(m as u64, n as u64, &r1, &root(&forged), &consistency_proof(m, &forged)), "m={m} n={n}");
                }
            }
        }
    }
}
