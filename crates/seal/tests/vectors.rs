//! Shared test vectors with the browser sealing (crates/web/static/seal.js, WebCrypto), both
//! directions, in tests/vectors/:
//!
//! - `rust-envelope.json`: sealed here (written when missing, or rewritten with
//!   `CAIGOU_WRITE_VECTORS=1`), always checked here, and checked in JS by
//!   `node tests/browser/seal-vectors.mjs --check`;
//! - `js-envelope.json`: sealed by seal.js (`node tests/browser/seal-vectors.mjs`), checked here.
//!
//! Each file holds the bidder's and an extra recipient's key pair (test-only keys), the lot, the
//! content and the envelope. Both files are committed, so an incompatible change on either side
//! fails here or in the node script.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use caigou_seal::{
    BidContent, BidFile, Envelope, KeyPair, SUITE, SealError, b64, check_envelope, open_bid, sha256_hex, signed_message, unwrap, verify,
};
use serde::{Deserialize, Serialize};

/// Test-only keys, made once: the bidder and an extra recipient (e.g. an opening key).
const BIDDER_SECRET: &str = "98dcd0aee744240532f4131013a0699c6a341e9c02b66d5c2d92b1fcf8215b85";
const OPENING_SECRET: &str = "40d7819f17959c74c9850012d5abad84447bfb9556eb0d0a2f503d72db1d276a";
const LOT: &str = "lot-vector-1";

#[derive(Debug, Serialize, Deserialize)]
struct Vector {
    bidder_secret: String,
    bidder_public: String,
    opening_secret: String,
    opening_public: String,
    lot_id: String,
    content: BidContent,
    envelope: Envelope,
}

fn vectors() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

fn known_content() -> BidContent {
    BidContent {
        total_price: 12_345_600,
        unit_prices: vec![("机柜 42U \"标准\"".into(), 2_057_600), ("光纤跳线\\LC-LC\n3m".into(), 1_200)],
        declarations: BTreeMap::from([
            ("sme".into(), "small".into()),
            ("残疾人福利性单位".into(), "否".into()),
            ("emoji 🏛".into(), "✓\u{2028}".into()),
        ]),
        files: vec![
            BidFile { name: "技术方案.txt".into(), content: b64("技术方案 — Rust vector ✓ 𠀀\n".as_bytes()) },
            BidFile { name: "bytes.bin".into(), content: b64(&(0..=255u8).rev().collect::<Vec<_>>()) },
        ],
    }
}

fn write_rust_vector(path: &Path) {
    let bidder = KeyPair::from_secret_hex(BIDDER_SECRET).unwrap();
    let opening = KeyPair::from_secret_hex(OPENING_SECRET).unwrap();
    let content = known_content();
    let envelope = caigou_seal::seal_bid(&bidder, LOT, &content, &[&opening.public_hex()]).unwrap();
    let v = Vector {
        bidder_secret: bidder.secret_hex(),
        bidder_public: bidder.public_hex(),
        opening_secret: opening.secret_hex(),
        opening_public: opening.public_hex(),
        lot_id: LOT.into(),
        content,
        envelope,
    };
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, serde_json::to_string_pretty(&v).unwrap() + "\n").unwrap();
}

fn read(path: &Path, hint: &str) -> Vector {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {} ({e}); {hint}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} does not parse as a vector: {e}", path.display()))
}

/// What the server and the opening do with an envelope, and what must fail.
fn check(v: &Vector, label: &str) {
    let bidder = KeyPair::from_secret_hex(&v.bidder_secret).unwrap();
    let opening = KeyPair::from_secret_hex(&v.opening_secret).unwrap();
    assert_eq!(bidder.public_hex(), v.bidder_public, "{label}: bidder public key");
    assert_eq!(opening.public_hex(), v.opening_public, "{label}: opening public key");
    let env = &v.envelope;
    let lot = v.lot_id.as_str();

    let ct = check_envelope(env, lot, &v.bidder_public).unwrap_or_else(|e| panic!("{label}: check_envelope: {e}"));
    assert_eq!(env.key_id, bidder.key_id(), "{label}: key id");
    assert!(verify(&v.bidder_public, &signed_message(lot, &env.ciphertext_sha256), &env.signature), "{label}: signature");
    assert_eq!(env.wrapped[0].key_id, bidder.key_id(), "{label}: the first wrapped key is the bidder's");

    let key = unwrap(&bidder, &env.wrapped[0], lot.as_bytes()).unwrap_or_else(|e| panic!("{label}: unwrap (bidder): {e}"));
    let w =
        env.wrapped.iter().find(|w| w.key_id == opening.key_id()).unwrap_or_else(|| panic!("{label}: no key wrapped to the opening key"));
    let key2 = unwrap(&opening, w, lot.as_bytes()).unwrap_or_else(|e| panic!("{label}: unwrap (opening): {e}"));
    assert_eq!(key, key2, "{label}: both recipients unwrap the same content key");
    assert_eq!(open_bid(SUITE, &ct, &key, lot).unwrap_or_else(|e| panic!("{label}: open_bid: {e}")), v.content, "{label}: content");

    let mut bad = ct.clone();
    bad[40] ^= 1;
    assert_eq!(open_bid(SUITE, &bad, &key, lot), Err(SealError::Decrypt), "{label}: tampered ciphertext opens");
    let mut tampered = env.clone();
    tampered.ciphertext = b64(&bad);
    assert_eq!(check_envelope(&tampered, lot, &v.bidder_public), Err(SealError::HashMismatch), "{label}: tampered hash");
    tampered.ciphertext_sha256 = sha256_hex(&bad);
    assert_eq!(check_envelope(&tampered, lot, &v.bidder_public), Err(SealError::BadSignature), "{label}: re-hashed, not re-signed");
    assert_eq!(open_bid(SUITE, &ct, &key, "lot-other"), Err(SealError::Decrypt), "{label}: bound to its lot");
    assert_eq!(unwrap(&bidder, &env.wrapped[0], b"lot-other"), Err(SealError::Decrypt), "{label}: wrap bound to its lot");
    assert_eq!(unwrap(&opening, &env.wrapped[0], lot.as_bytes()), Err(SealError::Decrypt), "{label}: another key unwraps");
    assert_eq!(check_envelope(env, lot, &v.opening_public), Err(SealError::BadSignature), "{label}: another bidder key");
}

#[test]
fn rust_vector_round_trips() {
    let path = vectors().join("rust-envelope.json");
    if !path.exists() || std::env::var("CAIGOU_WRITE_VECTORS").as_deref() == Ok("1") {
        write_rust_vector(&path);
    }
    let v = read(&path, "delete it to have it written again");
    assert_eq!(v.content, known_content(), "rust-envelope.json holds the known content");
    assert_eq!(v.lot_id, LOT);
    check(&v, "rust-envelope.json");
}

#[test]
fn js_vector_opens_in_rust() {
    let path = vectors().join("js-envelope.json");
    let v = read(&path, "it is written by `node tests/browser/seal-vectors.mjs` (from the workspace root)");
    check(&v, "js-envelope.json");
}

/// A key file exported (passphrase-protected) by the browser opens in Rust, and one protected in
/// Rust has the same shape.
#[test]
fn browser_key_files_open_in_rust() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/js-keyfile.json");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let f: caigou_seal::ProtectedKey = serde_json::from_value(v["key_file"].clone()).unwrap();
    let kp = caigou_seal::unprotect(&f, v["passphrase"].as_str().unwrap()).unwrap();
    assert_eq!(kp.public_hex(), v["public_key"].as_str().unwrap());
    assert!(caigou_seal::unprotect(&f, "not the passphrase").is_err());
    let ours = serde_json::to_value(caigou_seal::protect(&kp, "x", 1000)).unwrap();
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    let mut a = keys(&ours);
    let mut b = keys(&v["key_file"]);
    a.sort();
    b.sort();
    assert_eq!(a, b, "the same key file fields in Rust and in the browser");
}

/// Custody vectors, both directions (`rust-custody.json` written here like the envelope vector,
/// `js-custody.json` written by seal-vectors.mjs): an opening key split 2 of 3 (Shamir over
/// GF(256) as `blahaj` and seal.js do it), each share sealed to a custodian's key with the
/// project id as context. Each custodian opens its share; any two rebuild the opening key; one
/// does not; a share opened under another project's context fails.
#[derive(Debug, Serialize, Deserialize)]
struct Custody {
    project_id: String,
    threshold: u8,
    opening_secret: String,
    opening_public: String,
    custodians: Vec<CustodianVector>,
}

#[derive(Debug, Serialize, Deserialize)]
struct CustodianVector {
    secret: String,
    public: String,
    sealed: caigou_seal::SealedFor,
}

const CUSTODIAN_SECRETS: [&str; 3] = [
    "1b7dc9c1a2b96e8a0a6ef0e1b3f7f0d4c8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3",
    "2c8ed0d2b3ca7f9b1b7f01f2c408012e5d9f8c7b6a5f4e3d2c1b0a9f8e7d6c5b",
    "3d9fe1e3c4db80ac2c8012031519123f6eaf9d8c7b6a5f4e3d2c1b0a9f8e7d6c",
];

fn check_custody(c: &Custody, label: &str) {
    let opening = KeyPair::from_secret_hex(&c.opening_secret).unwrap();
    assert_eq!(opening.public_hex(), c.opening_public, "{label}: opening key");
    let shares: Vec<Vec<u8>> = c
        .custodians
        .iter()
        .map(|cv| {
            let kp = KeyPair::from_secret_hex(&cv.secret).unwrap();
            assert_eq!(kp.public_hex(), cv.public, "{label}: custodian key");
            assert!(caigou_seal::open_for(&kp, &cv.sealed, b"another-project").is_err(), "{label}: bound to its project");
            caigou_seal::open_for(&kp, &cv.sealed, c.project_id.as_bytes()).unwrap_or_else(|e| panic!("{label}: open share: {e}"))
        })
        .collect();
    for pair in [[0, 1], [0, 2], [1, 2], [2, 0]] {
        let picked: Vec<Vec<u8>> = pair.iter().map(|i| shares[*i].clone()).collect();
        let rebuilt = caigou_seal::shamir::combine(&picked, c.threshold, &c.opening_public);
        assert_eq!(rebuilt.map(|k| k.secret_hex()), Some(c.opening_secret.clone()), "{label}: shares {pair:?} rebuild the key");
    }
    assert!(caigou_seal::shamir::combine(&shares[..1], c.threshold, &c.opening_public).is_none(), "{label}: one share is not enough");
    let other = KeyPair::from_secret_hex(CUSTODIAN_SECRETS[0]).unwrap();
    assert!(caigou_seal::open_for(&other, &c.custodians[1].sealed, c.project_id.as_bytes()).is_err(), "{label}: another custodian's key");
}

#[test]
fn rust_custody_vector_round_trips() {
    let path = vectors().join("rust-custody.json");
    if !path.exists() || std::env::var("CAIGOU_WRITE_VECTORS").as_deref() == Ok("1") {
        let opening = KeyPair::from_secret_hex(OPENING_SECRET).unwrap();
        let shares = caigou_seal::shamir::split(&opening, 2, 3).unwrap();
        let custodians = CUSTODIAN_SECRETS
            .iter()
            .zip(shares)
            .map(|(s, share)| {
                let kp = KeyPair::from_secret_hex(s).unwrap();
                CustodianVector {
                    secret: kp.secret_hex(),
                    public: kp.public_hex(),
                    sealed: caigou_seal::seal_for(&kp.public_hex(), &share, b"project-vector-1").unwrap(),
                }
            })
            .collect();
        let c = Custody {
            project_id: "project-vector-1".into(),
            threshold: 2,
            opening_secret: opening.secret_hex(),
            opening_public: opening.public_hex(),
            custodians,
        };
        std::fs::write(&path, serde_json::to_string_pretty(&c).unwrap() + "\n").unwrap();
    }
    let c: Custody = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    check_custody(&c, "rust-custody.json");
}

#[test]
fn js_custody_vector_opens_in_rust() {
    let path = vectors().join("js-custody.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} ({e}): written by `node tests/browser/seal-vectors.mjs`", path.display()));
    let c: Custody = serde_json::from_str(&text).unwrap();
    check_custody(&c, "js-custody.json");
}
