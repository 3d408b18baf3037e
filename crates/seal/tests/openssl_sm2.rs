//! Interoperability of the SM suite with a second, independent implementation: OpenSSL 3 (the
//! Debian `openssl` package) verifies our SM2 signatures (default distinguishing id
//! `1234567812345678`, SM3) and computes the same SM3 digests, and we verify its signatures.

use std::path::Path;
use std::process::Command;

use caigou_seal::{KeyPair, SM_SUITE, sm::sm3_hex, verify};

/// SubjectPublicKeyInfo DER for an SM2 point: id-ecPublicKey with the SM2 curve OID
/// 1.2.156.10197.1.301.
fn spki_der(point: &[u8]) -> Vec<u8> {
    let mut der = hex::decode("3059301306072a8648ce3d020106082a811ccf5501822d034200").unwrap();
    der.extend_from_slice(point);
    der
}

fn der_int(bytes: &[u8]) -> Vec<u8> {
    let mut b: Vec<u8> = bytes.iter().copied().skip_while(|b| *b == 0).collect();
    if b.first().is_none_or(|f| f & 0x80 != 0) {
        b.insert(0, 0);
    }
    let mut out = vec![0x02, b.len() as u8];
    out.extend(b);
    out
}

/// r‖s (64 bytes) → DER SEQUENCE { r, s }, and back.
fn sig_der(rs: &[u8]) -> Vec<u8> {
    let body: Vec<u8> = [der_int(&rs[..32]), der_int(&rs[32..])].concat();
    let mut out = vec![0x30, body.len() as u8];
    out.extend(body);
    out
}

fn sig_raw(der: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 2;
    for _ in 0..2 {
        assert_eq!(der[i], 0x02);
        let len = der[i + 1] as usize;
        let int = &der[i + 2..i + 2 + len];
        let int: Vec<u8> = int.iter().copied().skip_while(|b| *b == 0).collect();
        out.extend(std::iter::repeat_n(0u8, 32 - int.len()));
        out.extend(int);
        i += 2 + len;
    }
    out
}

fn openssl(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("openssl").current_dir(dir).args(args).output().expect("openssl (Debian package openssl) runs")
}

#[test]
fn openssl_verifies_our_sm2_signatures_and_sm3_digests() {
    let dir = tempfile::tempdir().unwrap();
    let kp = KeyPair::generate_for(SM_SUITE).unwrap();
    let point = hex::decode(kp.public_hex().strip_prefix("sm2:").unwrap()).unwrap();
    std::fs::write(dir.path().join("pub.der"), spki_der(&point)).unwrap();
    let msg = "caigou-bid-v1\nlot-1\nabc\n".as_bytes();
    std::fs::write(dir.path().join("msg"), msg).unwrap();
    let sig = hex::decode(kp.sign(msg)).unwrap();
    std::fs::write(dir.path().join("sig.der"), sig_der(&sig)).unwrap();
    let verify_args = [
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        "pub.der",
        "-keyform",
        "DER",
        "-rawin",
        "-digest",
        "sm3",
        "-pkeyopt",
        "distid:1234567812345678",
        "-in",
        "msg",
        "-sigfile",
        "sig.der",
    ];
    let out = openssl(dir.path(), &verify_args);
    assert!(
        out.status.success(),
        "openssl refused our SM2 signature: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // A signature over another message fails there too.
    std::fs::write(dir.path().join("msg"), b"caigou-bid-v1\nlot-2\nabc\n").unwrap();
    assert!(!openssl(dir.path(), &verify_args).status.success(), "openssl accepted a signature over another message");

    // The other way: OpenSSL makes a key and signs; we verify.
    assert!(openssl(dir.path(), &["genpkey", "-algorithm", "SM2", "-out", "k.pem"]).status.success());
    assert!(openssl(dir.path(), &["pkey", "-in", "k.pem", "-pubout", "-outform", "DER", "-out", "k.der"]).status.success());
    std::fs::write(dir.path().join("msg"), msg).unwrap();
    let out = openssl(
        dir.path(),
        &[
            "pkeyutl",
            "-sign",
            "-inkey",
            "k.pem",
            "-rawin",
            "-digest",
            "sm3",
            "-pkeyopt",
            "distid:1234567812345678",
            "-in",
            "msg",
            "-out",
            "s.der",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let spki = std::fs::read(dir.path().join("k.der")).unwrap();
    let their_public = format!("sm2:{}", hex::encode(&spki[spki.len() - 65..]));
    let their_sig = hex::encode(sig_raw(&std::fs::read(dir.path().join("s.der")).unwrap()));
    assert!(verify(&their_public, msg, &their_sig), "we refused OpenSSL's SM2 signature");
    assert!(!verify(&their_public, b"something else", &their_sig));

    // SM3 of a bid-sized buffer agrees.
    let data: Vec<u8> = (0..100_000u32).map(|i| (i * 31 % 251) as u8).collect();
    std::fs::write(dir.path().join("data"), &data).unwrap();
    let out = openssl(dir.path(), &["dgst", "-sm3", "-r", "data"]);
    let theirs = String::from_utf8_lossy(&out.stdout).split_whitespace().next().unwrap_or_default().to_string();
    assert_eq!(sm3_hex(&data), theirs);
}
