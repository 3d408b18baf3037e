//! Opening throughput: verifying and decrypting sealed bids with `caigou_seal`, against the raw
//! AES-256-GCM decryption speed of the same machine on the same bytes. Not a test; see
//! bench/README.md.
//!
//! ```text
//! cargo run --release -p caigou --example bench_open -- --bids 1000 --file-mib 1 [--suite sm2]
//! ```
//!
//! With `--suite sm2` the bids are sealed in the SM suite (SM2 signature and key wrap, SM4-GCM,
//! SM3); the baseline stays raw AES-256-GCM (the machine's AES throughput) over ciphertexts of
//! the same size, made for it untimed, and the step breakdown is skipped.
//!
//! Bids are sealed in batches (not timed), so that memory stays bounded. Each batch is then
//! timed twice, back to back, on one thread:
//! - **opening**: `check_envelope` (base64, SHA-256, key id, ECDSA signature) + `unwrap` (ECDH,
//!   HKDF, AES-GCM of the content key) + `open_bid` (AES-256-GCM + JSON parse of the content),
//!   for every bid, as the platform and the bidder do it;
//! - **baseline**: the `aes-gcm` crate alone decrypting the same ciphertexts with the same keys
//!   into a reused buffer (no allocation, no parsing).
//!
//! The order of the two alternates between batches, so slow drift of a shared machine hits both.
//! A third pass times the steps one by one to show where the time goes.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use aes_gcm::aead::inout::InOutBuf;
use aes_gcm::{AeadInOut, Aes256Gcm, KeyInit, Nonce, Tag};
use caigou_seal::{BidContent, BidFile, Envelope, KeyPair};
use clap::Parser;
use rand::RngCore;

#[derive(Parser)]
struct Args {
    #[arg(long, default_value_t = 1000)]
    bids: usize,
    /// Size of the one document in each bid, MiB.
    #[arg(long, default_value_t = 1)]
    file_mib: usize,
    /// Bids sealed and held in memory at once.
    #[arg(long, default_value_t = 50)]
    batch: usize,
    /// `p256` (P256-AES256GCM-SHA256) or `sm2` (SM2-SM4GCM-SM3).
    #[arg(long, default_value = "p256")]
    suite: String,
}

struct Sealed {
    env: Envelope,
    bidder: KeyPair,
    public: String,
    price: i64,
    // For the baseline: the raw ciphertext and the content key, prepared untimed.
    ct: Vec<u8>,
    key: [u8; 32],
}

const LOT: &str = "01JBENCHOPENING0000000LOT1";

fn seal_one(suite: &str, file_bytes: usize, price: i64) -> Sealed {
    let mut doc = vec![0u8; file_bytes];
    rand::rng().fill_bytes(&mut doc);
    let content = BidContent {
        total_price: price,
        unit_prices: vec![("智慧黑板".into(), price / 20)],
        declarations: BTreeMap::from([("sme".into(), "small".into())]),
        files: vec![BidFile { name: "投标文件.pdf".into(), content: caigou_seal::b64(&doc) }],
    };
    let bidder = KeyPair::generate_for(suite).expect("a known suite");
    let env = caigou_seal::seal_bid(&bidder, LOT, &content, &[]).expect("seal");
    let mut ct = caigou_seal::unb64(&env.ciphertext).expect("base64");
    let key = caigou_seal::unwrap(&bidder, &env.wrapped[0], LOT.as_bytes()).expect("unwrap");
    if suite != caigou_seal::SUITE {
        // The AES baseline needs AES-GCM ciphertext of the same size.
        let mut plain = vec![0u8; ct.len() - 28];
        rand::rng().fill_bytes(&mut plain);
        ct = caigou_seal::seal(&key, &plain, LOT.as_bytes());
    }
    let public = bidder.public_hex();
    Sealed { env, bidder, public, price, ct, key }
}

#[derive(Default)]
struct Times {
    check: Duration,
    unwrap: Duration,
    open: Duration,
    baseline: Duration,
    // The breakdown pass.
    b64: Duration,
    sha: Duration,
    sig: Duration,
    aes_alloc: Duration,
    json: Duration,
}

fn opening(suite: &str, batch: &[Sealed], t: &mut Times) {
    for s in batch {
        let t0 = Instant::now();
        let ct = caigou_seal::check_envelope(&s.env, LOT, &s.public).expect("envelope checks");
        let t1 = Instant::now();
        let w = s.env.wrapped.iter().find(|w| w.key_id == s.env.key_id).expect("wrapped to the bidder");
        let key = caigou_seal::unwrap(&s.bidder, w, LOT.as_bytes()).expect("unwrap");
        let t2 = Instant::now();
        let content = caigou_seal::open_bid(suite, &ct, &key, LOT).expect("opens");
        let t3 = Instant::now();
        assert_eq!(content.total_price, s.price);
        black_box(content);
        t.check += t1 - t0;
        t.unwrap += t2 - t1;
        t.open += t3 - t2;
    }
}

fn baseline(batch: &[Sealed], out: &mut [u8], t: &mut Times) {
    let t0 = Instant::now();
    for s in batch {
        // caigou_seal's layout: nonce (12) ‖ ciphertext ‖ tag (16).
        let (nonce, rest) = s.ct.split_at(12);
        let (body, tag) = rest.split_at(rest.len() - 16);
        let nonce: [u8; 12] = nonce.try_into().expect("12 bytes");
        let tag = Tag::try_from(tag).expect("16 bytes");
        let cipher = Aes256Gcm::new(&s.key.into());
        let buf = InOutBuf::new(body, &mut out[..body.len()]).expect("same length");
        cipher.decrypt_inout_detached(&Nonce::from(nonce), LOT.as_bytes(), buf, &tag).expect("authentic");
        black_box(&out[..body.len()]);
    }
    t.baseline += t0.elapsed();
}

fn breakdown(batch: &[Sealed], t: &mut Times) {
    for s in batch {
        let t0 = Instant::now();
        let ct = caigou_seal::unb64(&s.env.ciphertext).expect("base64");
        let t1 = Instant::now();
        let digest = caigou_seal::sha256_hex(&ct);
        let t2 = Instant::now();
        assert!(caigou_seal::verify(&s.public, &caigou_seal::signed_message(LOT, &digest), &s.env.signature));
        let t3 = Instant::now();
        let plain = caigou_seal::open(&s.key, &ct, LOT.as_bytes()).expect("opens");
        let t4 = Instant::now();
        let c: BidContent = serde_json::from_slice(&plain).expect("json");
        let t5 = Instant::now();
        black_box(c);
        t.b64 += t1 - t0;
        t.sha += t2 - t1;
        t.sig += t3 - t2;
        t.aes_alloc += t4 - t3;
        t.json += t5 - t4;
    }
}

fn main() {
    let a = Args::parse();
    let suite = match a.suite.as_str() {
        "p256" => caigou_seal::SUITE,
        "sm2" => caigou_seal::SM_SUITE,
        other => panic!("unknown suite {other}: p256 or sm2"),
    };
    let file_bytes = a.file_mib * 1024 * 1024;
    let batch_size = a.batch.clamp(1, a.bids.max(1));
    let mut t = Times::default();
    let mut ct_bytes = 0usize;
    let mut seal_time = Duration::ZERO;
    let mut out = Vec::new();
    let mut done = 0;
    let mut n_batch = 0;
    let start = Instant::now();
    while done < a.bids {
        let n = batch_size.min(a.bids - done);
        let s0 = Instant::now();
        let batch: Vec<Sealed> = (0..n).map(|i| seal_one(suite, file_bytes, 1_000_000 + (done + i) as i64)).collect();
        seal_time += s0.elapsed();
        ct_bytes += batch.iter().map(|s| s.ct.len()).sum::<usize>();
        let longest = batch.iter().map(|s| s.ct.len()).max().unwrap_or(0);
        if out.len() < longest {
            out = vec![0u8; longest];
        }
        if n_batch % 2 == 0 {
            opening(suite, &batch, &mut t);
            baseline(&batch, &mut out, &mut t);
        } else {
            baseline(&batch, &mut out, &mut t);
            opening(suite, &batch, &mut t);
        }
        if suite == caigou_seal::SUITE {
            breakdown(&batch, &mut t);
        }
        done += n;
        n_batch += 1;
        if done % 100 == 0 || done == a.bids {
            eprintln!("[bench_open {:>6.1}s] {done}/{} bids", start.elapsed().as_secs_f64(), a.bids);
        }
    }
    let mib = |b: usize| b as f64 / 1048576.0;
    let s = |d: Duration| d.as_secs_f64();
    let opening_s = s(t.check + t.unwrap + t.open);
    let doc_mib = mib(file_bytes * a.bids);
    let ct_mib = mib(ct_bytes);
    println!("suite {suite}");
    println!("bids {}", a.bids);
    println!("file_mib_per_bid {}", a.file_mib);
    println!("ciphertext_bytes_per_bid {}", ct_bytes / a.bids.max(1));
    println!("documents_mib {doc_mib:.1}");
    println!("ciphertext_mib {ct_mib:.1}");
    println!("seal_seconds_untimed {:.2}", s(seal_time));
    println!("opening_seconds {opening_s:.3}");
    println!("  check_envelope_seconds {:.3}", s(t.check));
    println!("  unwrap_seconds {:.3}", s(t.unwrap));
    println!("  open_bid_seconds {:.3}", s(t.open));
    println!("opening_ciphertext_mib_per_s {:.1}", ct_mib / opening_s);
    println!("opening_documents_mib_per_s {:.1}", doc_mib / opening_s);
    println!("opening_ms_per_bid {:.3}", 1000.0 * opening_s / a.bids as f64);
    println!("baseline_aes_gcm_seconds {:.3}", s(t.baseline));
    println!("baseline_ciphertext_mib_per_s {:.1}", ct_mib / s(t.baseline));
    println!("ratio_opening_over_baseline {:.3}", s(t.baseline) / opening_s);
    if suite != caigou_seal::SUITE {
        return;
    }
    println!("breakdown_base64_decode_seconds {:.3}", s(t.b64));
    println!("breakdown_sha256_seconds {:.3}", s(t.sha));
    println!("breakdown_ecdsa_verify_seconds {:.3}", s(t.sig));
    println!("breakdown_aes_gcm_alloc_seconds {:.3}", s(t.aes_alloc));
    println!("breakdown_json_parse_seconds {:.3}", s(t.json));
}
