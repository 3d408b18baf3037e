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
fn split(n: u64) -> u64 {
    let mut k = 1;
    while k << 1 < n {
        k <<= 1;
    }
    k
}

/// A source of complete-subtree hashes: `node(level, index)` is the root of leaves
/// `[index·2^level, (index+1)·2^level)`; level 0 is the leaf hash itself. The server keeps these
/// nodes as leaves are appended, so a head or a proof touches O(log n) of them instead of every
/// leaf.
pub trait Subtrees {
    fn node(&self, level: u32, index: u64) -> Hash;
}

/// A plain list of leaf hashes is a (slow) source: it hashes the range each time.
impl Subtrees for [Hash] {
    fn node(&self, level: u32, index: u64) -> Hash {
        let lo = (index << level) as usize;
        slice_root(&self[lo..lo + (1usize << level)])
    }
}

impl Subtrees for Vec<Hash> {
    fn node(&self, level: u32, index: u64) -> Hash {
        self.as_slice().node(level, index)
    }
}

/// Nodes fetched from storage by key.
impl Subtrees for std::collections::HashMap<(u32, u64), Hash> {
    fn node(&self, level: u32, index: u64) -> Hash {
        // A missing node is a bug in `needed_*`; the zero hash makes every proof fail to verify
        // instead of panicking a server.
        self.get(&(level, index)).copied().unwrap_or([0; 32])
    }
}

/// Records which nodes a computation asks for (first pass); the store fetches exactly those.
#[derive(Default)]
pub struct NodeRecorder(std::cell::RefCell<std::collections::BTreeSet<(u32, u64)>>);

impl NodeRecorder {
    pub fn into_keys(self) -> Vec<(u32, u64)> {
        self.0.into_inner().into_iter().collect()
    }
}

impl Subtrees for NodeRecorder {
    fn node(&self, level: u32, index: u64) -> Hash {
        self.0.borrow_mut().insert((level, index));
        [0; 32]
    }
}

fn slice_root(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => empty_root(),
        1 => leaves[0],
        n => {
            let k = split(n as u64) as usize;
            node_hash(&slice_root(&leaves[..k]), &slice_root(&leaves[k..]))
        }
    }
}

/// MTH of the `n` leaves starting at `lo` (in an RFC 6962 tree `lo` is a multiple of the
/// largest power of two ≤ `n`, so complete parts are stored nodes).
fn range_root<S: Subtrees + ?Sized>(s: &S, lo: u64, n: u64) -> Hash {
    if n == 0 {
        return empty_root();
    }
    if n.is_power_of_two() && lo.is_multiple_of(n) {
        let level = n.trailing_zeros();
        return s.node(level, lo >> level);
    }
    let k = split(n);
    node_hash(&range_root(s, lo, k), &range_root(s, lo + k, n - k))
}

/// MTH over leaf hashes.
pub fn root(leaves: &[Hash]) -> Hash {
    slice_root(leaves)
}

/// MTH of the first `size` leaves of a source.
pub fn root_of<S: Subtrees + ?Sized>(s: &S, size: u64) -> Hash {
    range_root(s, 0, size)
}

/// PATH(m, D[n]): the audit path of leaf `m` in the tree of `leaves`.
pub fn inclusion_proof(m: usize, leaves: &[Hash]) -> Vec<Hash> {
    inclusion_proof_of(leaves, m as u64, leaves.len() as u64)
}

/// PATH(m, D[size]) from a source.
pub fn inclusion_proof_of<S: Subtrees + ?Sized>(s: &S, m: u64, size: u64) -> Vec<Hash> {
    fn path<S: Subtrees + ?Sized>(s: &S, m: u64, lo: u64, n: u64) -> Vec<Hash> {
        if n <= 1 {
            return Vec::new();
        }
        let k = split(n);
        if m < k {
            let mut p = path(s, m, lo, k);
            p.push(range_root(s, lo + k, n - k));
            p
        } else {
            let mut p = path(s, m - k, lo + k, n - k);
            p.push(range_root(s, lo, k));
            p
        }
    }
    if m >= size {
        return Vec::new();
    }
    path(s, m, 0, size)
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
    consistency_proof_of(leaves, m as u64, leaves.len() as u64)
}

/// PROOF(m, D[size]) from a source.
pub fn consistency_proof_of<S: Subtrees + ?Sized>(s: &S, m: u64, size: u64) -> Vec<Hash> {
    fn sub<S: Subtrees + ?Sized>(s: &S, m: u64, lo: u64, n: u64, complete: bool) -> Vec<Hash> {
        if m == n {
            return if complete { Vec::new() } else { vec![range_root(s, lo, n)] };
        }
        let k = split(n);
        if m <= k {
            let mut p = sub(s, m, lo, k, complete);
            p.push(range_root(s, lo + k, n - k));
            p
        } else {
            let mut p = sub(s, m - k, lo + k, n - k, false);
            p.push(range_root(s, lo, k));
            p
        }
    }
    if m == 0 || m >= size {
        return Vec::new();
    }
    sub(s, m, 0, size, true)
}

/// The nodes (level ≥ 1) that appending leaf `index` completes, given the source that already
/// holds every earlier node and the new leaf: `((level, index), hash)`, lowest level first.
pub fn completed_nodes<S: Subtrees + ?Sized>(s: &S, index: u64, leaf: Hash) -> Vec<((u32, u64), Hash)> {
    let mut out = Vec::new();
    let (mut level, mut i, mut h) = (0u32, index, leaf);
    while i & 1 == 1 {
        h = node_hash(&s.node(level, i - 1), &h);
        level += 1;
        i >>= 1;
        out.push(((level, i), h));
    }
    out
}

/// Every node (level ≥ 1) of the complete subtrees over `leaves` (to build the node store from
/// the leaves once).
pub fn all_nodes(leaves: &[Hash]) -> Vec<((u32, u64), Hash)> {
    let mut out = Vec::new();
    let mut level_hashes: Vec<Hash> = leaves.to_vec();
    let mut level = 0;
    while level_hashes.len() >= 2 {
        level += 1;
        level_hashes = level_hashes.chunks_exact(2).map(|p| node_hash(&p[0], &p[1])).collect();
        out.extend(level_hashes.iter().enumerate().map(|(i, h)| ((level, i as u64), *h)));
    }
    out
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

    /// The stored-node path gives the same heads and proofs as hashing the leaves, for every
    /// tree up to 33 leaves, and asks only for nodes the store keeps.
    #[test]
    fn stored_nodes_give_the_same_heads_and_proofs() {
        use std::collections::HashMap;
        for n in 1..=33u64 {
            let l = leaves(n as usize);
            // Build the store incrementally, as appends do.
            let mut store: HashMap<(u32, u64), Hash> = HashMap::new();
            for (i, leaf) in l.iter().enumerate() {
                store.insert((0, i as u64), *leaf);
                for (k, h) in completed_nodes(&store, i as u64, *leaf) {
                    store.insert(k, h);
                }
            }
            let bulk: HashMap<(u32, u64), Hash> =
                all_nodes(&l).into_iter().chain(l.iter().enumerate().map(|(i, h)| ((0, i as u64), *h))).collect();
            assert_eq!(store, bulk, "n={n}");
            assert_eq!(root_of(&store, n), root(&l), "n={n}");
            for m in 0..n {
                let rec = NodeRecorder::default();
                inclusion_proof_of(&rec, m, n);
                let fetched: HashMap<(u32, u64), Hash> = rec.into_keys().into_iter().map(|k| (k, store[&k])).collect();
                assert_eq!(inclusion_proof_of(&fetched, m, n), inclusion_proof(m as usize, &l), "n={n} m={m}");
                if m >= 1 {
                    assert_eq!(consistency_proof_of(&store, m, n), consistency_proof(m as usize, &l), "n={n} m={m}");
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
