//! Shared vectors for the transparency log's Merkle tree: the browser's receipt check
//! (crates/web/static/receipt.js, run by tests/browser/receipt-vectors.mjs) must accept exactly
//! the proofs this crate makes. The file is compared with what the code makes now; after a
//! deliberate change, rewrite it with `CAIGOU_WRITE_VECTORS=1 cargo test -p caigou-domain --test translog_vectors`.

use caigou_domain::translog::{self as mt, Hash};
use serde_json::{Value, json};

const LEAVES: usize = 13;

fn vectors() -> Value {
    let leaves: Vec<String> = (0..LEAVES).map(|i| format!("{{\"leaf\":{i}}}")).collect();
    let hashes: Vec<Hash> = leaves.iter().map(|l| mt::leaf_hash(l.as_bytes())).collect();
    let mut trees = Vec::new();
    for n in 1..=LEAVES {
        let tree = &hashes[..n];
        let inclusion: Vec<Value> =
            (0..n).map(|i| json!(mt::inclusion_proof(i, tree).iter().map(hex::encode).collect::<Vec<_>>())).collect();
        let consistency: Vec<Value> = (1..n)
            .map(|m| json!({"from": m, "proof": mt::consistency_proof(m, tree).iter().map(hex::encode).collect::<Vec<_>>()}))
            .collect();
        trees.push(json!({"size": n, "root": hex::encode(mt::root(tree)), "inclusion": inclusion, "consistency": consistency}));
    }
    json!({"leaves": leaves, "trees": trees})
}

#[test]
fn the_checked_in_vectors_are_what_the_tree_makes() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/translog.json");
    let made = serde_json::to_string_pretty(&vectors()).unwrap() + "\n";
    if std::env::var_os("CAIGOU_WRITE_VECTORS").is_some() {
        std::fs::write(&path, &made).unwrap();
    }
    let kept = std::fs::read_to_string(&path).expect("tests/vectors/translog.json (write it with CAIGOU_WRITE_VECTORS=1)");
    assert!(kept == made, "tests/vectors/translog.json differs from what the tree makes now");
    // And the vectors verify here, so a wrong file cannot pass both sides.
    let v: Value = serde_json::from_str(&kept).unwrap();
    for t in v["trees"].as_array().unwrap() {
        let n = t["size"].as_u64().unwrap();
        let root: Hash = hex::decode(t["root"].as_str().unwrap()).unwrap().try_into().unwrap();
        for (i, p) in t["inclusion"].as_array().unwrap().iter().enumerate() {
            let proof: Vec<Hash> =
                p.as_array().unwrap().iter().map(|h| hex::decode(h.as_str().unwrap()).unwrap().try_into().unwrap()).collect();
            let leaf = mt::leaf_hash(v["leaves"][i].as_str().unwrap().as_bytes());
            assert!(mt::verify_inclusion(i as u64, n, &leaf, &proof, &root));
        }
    }
}
