//! Sealed bids (密封投标): everything a bid needs to be unreadable until its bidder (or, later,
//! the opening custodians) releases the key, and unforgeable by anyone else.
//!
//! Suite `P256-AES256GCM-SHA256`:
//! - each supplier organization has a P-256 key pair made on its own machine;
//! - a bid's content is encrypted with a random 256-bit content key (AES-256-GCM, the lot id as
//!   associated data, so a ciphertext cannot be replayed on another lot);
//! - the content key is wrapped to each recipient's P-256 public key (ECIES: an ephemeral key,
//!   ECDH, HKDF-SHA256, AES-256-GCM);
//! - the bidder signs `caigou-bid-v1 \n lot \n SHA-256(ciphertext)` with ECDSA P-256.
//!
//! Suite `SM2-SM4GCM-SM3` ([`sm`]) is the same construction with the ShangMi algorithms. A
//! bid's suite is its bidder's key's suite; a content key is wrapped to each recipient with the
//! recipient's own algorithm, so an SM2 bidder can bid on a project whose opening key is P-256.
//! SM2 keys and secrets are written with an `sm2:` prefix; P-256 ones without.
//!
//! The server only ever holds ciphertext, wrapped keys and signatures.

pub mod keyfile;
pub mod shamir;
pub mod sm;

pub use keyfile::{KDF, KDF_ITERATIONS, ProtectedKey, protect, unprotect};

use std::collections::BTreeMap;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use p256::elliptic_curve::sec1::ToSec1Point;
use p256::{PublicKey, SecretKey};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const SUITE: &str = "P256-AES256GCM-SHA256";
pub use sm::SUITE as SM_SUITE;
/// The prefix of SM2 public keys and secrets in their text form.
const SM2_PREFIX: &str = "sm2:";
const WRAP_INFO: &[u8] = b"caigou-bid-key-wrap-v1";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("not a valid P-256 or SM2 key")]
    BadKey,
    #[error("malformed bid envelope: {0}")]
    Malformed(String),
    #[error("the ciphertext does not match its SHA-256")]
    HashMismatch,
    #[error("the signature does not verify")]
    BadSignature,
    #[error("the content is not encrypted")]
    NotEncrypted,
    #[error("decryption failed (wrong key or tampered ciphertext)")]
    Decrypt,
    #[error("unsupported suite {0}")]
    Suite(String),
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// The ciphertext digest of a suite (SHA-256, or SM3 in the SM suite), hex.
pub fn digest_hex(suite: &str, data: &[u8]) -> Result<String, SealError> {
    match suite {
        SUITE => Ok(sha256_hex(data)),
        SM_SUITE => Ok(sm::sm3_hex(data)),
        other => Err(SealError::Suite(other.into())),
    }
}

/// Content encryption of a suite: AES-256-GCM, or SM4-GCM.
fn seal_suite(suite: &str, key: &[u8; 32], plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>, SealError> {
    match suite {
        SUITE => Ok(seal(key, plaintext, aad)),
        SM_SUITE => Ok(sm::seal(key, plaintext, aad)),
        other => Err(SealError::Suite(other.into())),
    }
}

fn open_suite(suite: &str, key: &[u8; 32], sealed: &[u8], aad: &[u8]) -> Result<Vec<u8>, SealError> {
    match suite {
        SUITE => open(key, sealed, aad),
        SM_SUITE => sm::open(key, sealed, aad),
        other => Err(SealError::Suite(other.into())),
    }
}

/// A supplier's (or an opening key's, or a custodian's) key pair: P-256 or SM2.
#[derive(Clone)]
pub struct KeyPair {
    secret: Secret,
}

#[derive(Clone)]
enum Secret {
    P256(SecretKey),
    Sm2(sm2::SecretKey),
}

/// A parsed public key.
enum Public {
    P256(PublicKey),
    Sm2(sm2::PublicKey),
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeyPair({})", self.key_id())
    }
}

pub(crate) fn random32() -> [u8; 32] {
    let mut b = [0u8; 32];
    rand::rng().fill_bytes(&mut b);
    b
}

impl KeyPair {
    /// A new P-256 key pair (the default suite).
    pub fn generate() -> KeyPair {
        loop {
            if let Ok(secret) = SecretKey::from_slice(&random32()) {
                return KeyPair { secret: Secret::P256(secret) };
            }
        }
    }

    /// A new key pair for `suite` ([`SUITE`] or [`SM_SUITE`]).
    pub fn generate_for(suite: &str) -> Result<KeyPair, SealError> {
        match suite {
            SUITE => Ok(KeyPair::generate()),
            SM_SUITE => loop {
                if let Ok(secret) = sm2::SecretKey::from_slice(&random32()) {
                    return Ok(KeyPair { secret: Secret::Sm2(secret) });
                }
            },
            other => Err(SealError::Suite(other.into())),
        }
    }

    /// The suite a key belongs to: its bids are sealed in that suite.
    pub fn suite(&self) -> &'static str {
        match self.secret {
            Secret::P256(_) => SUITE,
            Secret::Sm2(_) => SM_SUITE,
        }
    }

    pub fn from_secret_hex(s: &str) -> Result<KeyPair, SealError> {
        let s = s.trim();
        match s.strip_prefix(SM2_PREFIX) {
            Some(rest) => Self::from_secret_bytes(SM_SUITE, &hex::decode(rest).map_err(|_| SealError::BadKey)?),
            None => Self::from_secret_bytes(SUITE, &hex::decode(s).map_err(|_| SealError::BadKey)?),
        }
    }

    /// From the raw 32-byte scalar of a suite's curve.
    pub fn from_secret_bytes(suite: &str, bytes: &[u8]) -> Result<KeyPair, SealError> {
        let secret = match suite {
            SUITE => Secret::P256(SecretKey::from_slice(bytes).map_err(|_| SealError::BadKey)?),
            SM_SUITE => Secret::Sm2(sm2::SecretKey::from_slice(bytes).map_err(|_| SealError::BadKey)?),
            other => return Err(SealError::Suite(other.into())),
        };
        Ok(KeyPair { secret })
    }

    fn secret_bytes(&self) -> Vec<u8> {
        match &self.secret {
            Secret::P256(k) => k.to_bytes().to_vec(),
            Secret::Sm2(k) => k.to_bytes().to_vec(),
        }
    }

    pub fn secret_hex(&self) -> String {
        match self.secret {
            Secret::P256(_) => hex::encode(self.secret_bytes()),
            Secret::Sm2(_) => format!("{SM2_PREFIX}{}", hex::encode(self.secret_bytes())),
        }
    }

    fn public(&self) -> Public {
        match &self.secret {
            Secret::P256(k) => Public::P256(k.public_key()),
            Secret::Sm2(k) => Public::Sm2(k.public_key()),
        }
    }

    /// The public key, SEC1 uncompressed, hex (`sm2:`-prefixed for SM2).
    pub fn public_hex(&self) -> String {
        self.public().to_hex()
    }

    pub fn key_id(&self) -> String {
        self.public().key_id()
    }

    /// ECDSA P-256 over SHA-256 of `msg`, or SM2DSA; 64 bytes r‖s, hex.
    pub fn sign(&self, msg: &[u8]) -> String {
        match &self.secret {
            Secret::P256(k) => {
                let sig: Signature = SigningKey::from(k).sign(msg);
                hex::encode(sig.to_bytes())
            }
            Secret::Sm2(k) => sm::sign(k, msg),
        }
    }
}

impl Public {
    fn parse(public_hex: &str) -> Result<Public, SealError> {
        let s = public_hex.trim();
        match s.strip_prefix(SM2_PREFIX) {
            Some(rest) => Ok(Public::Sm2(sm::parse_public(&hex::decode(rest).map_err(|_| SealError::BadKey)?)?)),
            None => {
                let bytes = hex::decode(s).map_err(|_| SealError::BadKey)?;
                Ok(Public::P256(PublicKey::from_sec1_bytes(&bytes).map_err(|_| SealError::BadKey)?))
            }
        }
    }

    fn to_hex(&self) -> String {
        match self {
            Public::P256(k) => hex::encode(k.to_sec1_point(false).as_bytes()),
            Public::Sm2(k) => format!("{SM2_PREFIX}{}", hex::encode(sm::public_bytes(k))),
        }
    }

    /// The first 16 hex digits of SHA-256 of the uncompressed SEC1 encoding (prefixed with
    /// `sm2:` for SM2, so the same point on the two curves has two ids).
    fn key_id(&self) -> String {
        match self {
            Public::P256(k) => sha256_hex(k.to_sec1_point(false).as_bytes())[..16].to_string(),
            Public::Sm2(k) => {
                let mut bytes = SM2_PREFIX.as_bytes().to_vec();
                bytes.extend(sm::public_bytes(k));
                sha256_hex(&bytes)[..16].to_string()
            }
        }
    }

    fn suite(&self) -> &'static str {
        match self {
            Public::P256(_) => SUITE,
            Public::Sm2(_) => SM_SUITE,
        }
    }
}

/// Checks a public key and returns it normalized (uncompressed SEC1 hex).
pub fn normalize_public(public_hex: &str) -> Result<String, SealError> {
    Ok(Public::parse(public_hex)?.to_hex())
}

/// The suite of a public key.
pub fn key_suite(public_hex: &str) -> Result<&'static str, SealError> {
    Ok(Public::parse(public_hex)?.suite())
}

/// A key's id (see [`Public::key_id`]).
pub fn key_id(public_hex: &str) -> Result<String, SealError> {
    Ok(Public::parse(public_hex)?.key_id())
}

pub fn verify(public_hex: &str, msg: &[u8], sig_hex: &str) -> bool {
    let Ok(k) = Public::parse(public_hex) else { return false };
    let Ok(bytes) = hex::decode(sig_hex.trim()) else { return false };
    match k {
        Public::P256(k) => {
            let Ok(sig) = Signature::from_slice(&bytes) else { return false };
            VerifyingKey::from(&k).verify(msg, &sig).is_ok()
        }
        Public::Sm2(k) => sm::verify(&k, msg, &bytes),
    }
}

fn aead(key: &[u8; 32]) -> Aes256Gcm {
    Aes256Gcm::new(key.into())
}

/// AES-256-GCM: `nonce ‖ ciphertext ‖ tag`.
pub fn seal(key: &[u8; 32], plaintext: &[u8], aad: &[u8]) -> Vec<u8> {
    let mut nonce = [0u8; 12];
    rand::rng().fill_bytes(&mut nonce);
    let ct = aead(key).encrypt(&Nonce::from(nonce), Payload { msg: plaintext, aad }).expect("AES-GCM encryption of a bounded message");
    let mut out = nonce.to_vec();
    out.extend(ct);
    out
}

pub fn open(key: &[u8; 32], sealed: &[u8], aad: &[u8]) -> Result<Vec<u8>, SealError> {
    if sealed.len() < 28 {
        return Err(SealError::Decrypt);
    }
    let nonce: [u8; 12] = sealed[..12].try_into().map_err(|_| SealError::Decrypt)?;
    aead(key).decrypt(&Nonce::from(nonce), Payload { msg: &sealed[12..], aad }).map_err(|_| SealError::Decrypt)
}

/// A content key wrapped to one recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wrapped {
    /// The recipient's key id.
    pub key_id: String,
    /// The ephemeral public key (SEC1 hex).
    pub epk: String,
    /// The sealed content key (base64).
    pub ct: String,
}

fn kek(shared: &[u8], epk: &[u8], recipient: &[u8]) -> [u8; 32] {
    let hk = hkdf::Hkdf::<Sha256>::new(Some(epk), shared);
    let mut okm = [0u8; 32];
    let mut info = WRAP_INFO.to_vec();
    info.extend_from_slice(recipient);
    hk.expand(&info, &mut okm).expect("32 bytes is a valid HKDF-SHA256 length");
    okm
}

/// Wraps `content_key` to `recipient_public_hex`: ECIES over P-256, or SM2 encryption.
pub fn wrap(recipient_public_hex: &str, content_key: &[u8; 32], context: &[u8]) -> Result<Wrapped, SealError> {
    let recipient = Public::parse(recipient_public_hex)?;
    let key_id = recipient.key_id();
    match recipient {
        Public::P256(recipient) => {
            let eph = SecretKey::from_slice(&random32()).map_err(|_| SealError::BadKey)?;
            let shared = p256::ecdh::diffie_hellman(eph.to_nonzero_scalar(), recipient.as_affine());
            let epk = eph.public_key().to_sec1_point(false);
            let rpk = recipient.to_sec1_point(false);
            let k = kek(shared.raw_secret_bytes(), epk.as_bytes(), rpk.as_bytes());
            Ok(Wrapped { key_id, epk: hex::encode(epk.as_bytes()), ct: B64.encode(seal(&k, content_key, context)) })
        }
        // The ephemeral point is inside the SM2 ciphertext (C1).
        Public::Sm2(recipient) => Ok(Wrapped { key_id, epk: String::new(), ct: B64.encode(sm::wrap(&recipient, content_key, context)?) }),
    }
}

pub fn unwrap(kp: &KeyPair, w: &Wrapped, context: &[u8]) -> Result<[u8; 32], SealError> {
    let ct = B64.decode(&w.ct).map_err(|_| SealError::Malformed("wrapped key is not base64".into()))?;
    match &kp.secret {
        Secret::P256(secret) => {
            let epk = match Public::parse(&w.epk)? {
                Public::P256(k) => k,
                Public::Sm2(_) => return Err(SealError::BadKey),
            };
            let shared = p256::ecdh::diffie_hellman(secret.to_nonzero_scalar(), epk.as_affine());
            let rpk = secret.public_key().to_sec1_point(false);
            let k = kek(shared.raw_secret_bytes(), epk.to_sec1_point(false).as_bytes(), rpk.as_bytes());
            let key = open(&k, &ct, context)?;
            key.try_into().map_err(|_| SealError::Decrypt)
        }
        Secret::Sm2(secret) => sm::unwrap(secret, &ct, context),
    }
}

/// What a bid contains once opened (开标一览表, declarations, response documents).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BidContent {
    /// 投标总价, fen.
    pub total_price: i64,
    /// Unit prices per item: (item description, fen).
    #[serde(default)]
    pub unit_prices: Vec<(String, i64)>,
    /// Declarations (e.g. `sme`: `small`).
    #[serde(default)]
    pub declarations: BTreeMap<String, String>,
    #[serde(default)]
    pub files: Vec<BidFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BidFile {
    pub name: String,
    /// base64
    pub content: String,
}

/// A sealed bid as uploaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub suite: String,
    pub lot_id: String,
    /// `nonce ‖ ciphertext ‖ tag`, base64.
    pub ciphertext: String,
    pub ciphertext_sha256: String,
    /// The content key wrapped to each recipient: at least the bidder's own key.
    pub wrapped: Vec<Wrapped>,
    /// The bidder's key id and signature over [`signed_message`].
    pub key_id: String,
    pub signature: String,
}

/// What a bidder signs.
pub fn signed_message(lot_id: &str, ciphertext_sha256: &str) -> Vec<u8> {
    format!("caigou-bid-v1\n{lot_id}\n{ciphertext_sha256}\n").into_bytes()
}

/// Seals `content` for `lot_id`: encrypted, the key wrapped to the bidder and to `recipients`
/// (public keys, hex), signed by the bidder.
pub fn seal_bid(bidder: &KeyPair, lot_id: &str, content: &BidContent, recipients: &[&str]) -> Result<Envelope, SealError> {
    let key = random32();
    let suite = bidder.suite();
    let plaintext = serde_json::to_vec(content).map_err(|e| SealError::Malformed(e.to_string()))?;
    let ct = seal_suite(suite, &key, &plaintext, lot_id.as_bytes())?;
    let digest = digest_hex(suite, &ct)?;
    let mut wrapped = vec![wrap(&bidder.public_hex(), &key, lot_id.as_bytes())?];
    for r in recipients {
        wrapped.push(wrap(r, &key, lot_id.as_bytes())?);
    }
    Ok(Envelope {
        suite: suite.into(),
        lot_id: lot_id.into(),
        ciphertext: B64.encode(&ct),
        signature: bidder.sign(&signed_message(lot_id, &digest)),
        ciphertext_sha256: digest,
        wrapped,
        key_id: bidder.key_id(),
    })
}

/// Whether bytes look like plaintext rather than ciphertext: a common file signature, or text
/// (the first 32 bytes are UTF-8, a character cut at the 32nd byte allowed). A guard against
/// uploading a bid unencrypted by mistake; 32 bytes of AES-GCM output pass as UTF-8 with
/// probability about 10⁻⁸. No one-byte signatures (`{`, `[`, `<`): one of three given bytes
/// starts about 1 in 85 genuine ciphertexts, which would be refused.
pub fn looks_plain(bytes: &[u8]) -> bool {
    const MAGIC: [&[u8]; 3] = [b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0"];
    MAGIC.iter().any(|m| bytes.starts_with(m))
        || bytes.get(..32).is_some_and(|head| std::str::from_utf8(head).map_or_else(|e| e.error_len().is_none(), |_| true))
}

/// The server's checks of an uploaded envelope against the bidder's registered key: suite (the
/// key's), lot, hash, signature, and that the content is not plaintext. Returns the ciphertext
/// bytes.
pub fn check_envelope(env: &Envelope, lot_id: &str, bidder_public_hex: &str) -> Result<Vec<u8>, SealError> {
    if env.suite != key_suite(bidder_public_hex)? {
        return Err(SealError::Suite(env.suite.clone()));
    }
    if env.lot_id != lot_id {
        return Err(SealError::Malformed("the envelope is for another lot".into()));
    }
    let ct = B64.decode(&env.ciphertext).map_err(|_| SealError::Malformed("ciphertext is not base64".into()))?;
    if ct.len() < 28 || looks_plain(&ct[12..]) {
        return Err(SealError::NotEncrypted);
    }
    if digest_hex(&env.suite, &ct)? != env.ciphertext_sha256 {
        return Err(SealError::HashMismatch);
    }
    if key_id(bidder_public_hex)? != env.key_id
        || !verify(bidder_public_hex, &signed_message(lot_id, &env.ciphertext_sha256), &env.signature)
    {
        return Err(SealError::BadSignature);
    }
    if !env.wrapped.iter().any(|w| w.key_id == env.key_id) {
        return Err(SealError::Malformed("the content key is not wrapped to the bidder's own key".into()));
    }
    Ok(ct)
}

/// Opens a ciphertext of `suite` with a released content key and parses the content.
pub fn open_bid(suite: &str, ciphertext: &[u8], content_key: &[u8; 32], lot_id: &str) -> Result<BidContent, SealError> {
    let plain = open_suite(suite, content_key, ciphertext, lot_id.as_bytes())?;
    serde_json::from_slice(&plain).map_err(|e| SealError::Malformed(e.to_string()))
}

/// Bytes sealed to one recipient: a random key wrapped to it, the bytes under that key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedFor {
    pub wrapped: Wrapped,
    /// base64 `nonce ‖ ciphertext ‖ tag`
    pub sealed: String,
}

/// Seals bytes to one recipient, in the recipient key's suite.
pub fn seal_for(recipient_public_hex: &str, bytes: &[u8], context: &[u8]) -> Result<SealedFor, SealError> {
    let key = random32();
    let suite = key_suite(recipient_public_hex)?;
    Ok(SealedFor { wrapped: wrap(recipient_public_hex, &key, context)?, sealed: B64.encode(seal_suite(suite, &key, bytes, context)?) })
}

pub fn open_for(kp: &KeyPair, s: &SealedFor, context: &[u8]) -> Result<Vec<u8>, SealError> {
    let key = unwrap(kp, &s.wrapped, context)?;
    open_suite(kp.suite(), &key, &unb64(&s.sealed)?, context)
}

pub fn b64(bytes: &[u8]) -> String {
    B64.encode(bytes)
}

pub fn unb64(s: &str) -> Result<Vec<u8>, SealError> {
    B64.decode(s.trim()).map_err(|_| SealError::Malformed("not base64".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(marker: &str) -> BidContent {
        BidContent {
            total_price: 12_345_600,
            unit_prices: vec![("机柜".into(), 2_057_600)],
            declarations: BTreeMap::from([("sme".into(), "small".into())]),
            files: vec![BidFile { name: "tech.txt".into(), content: b64(format!("技术方案 {marker}").as_bytes()) }],
        }
    }

    #[test]
    fn a_sealed_bid_opens_with_the_bidders_key_only() {
        let bidder = KeyPair::generate();
        let other = KeyPair::generate();
        let env = seal_bid(&bidder, "lot-1", &content("MARK"), &[]).unwrap();
        let ct = check_envelope(&env, "lot-1", &bidder.public_hex()).unwrap();
        assert!(!String::from_utf8_lossy(&ct).contains("MARK"));
        let key = unwrap(&bidder, &env.wrapped[0], b"lot-1").unwrap();
        assert_eq!(open_bid(SUITE, &ct, &key, "lot-1").unwrap(), content("MARK"));
        assert_eq!(unwrap(&other, &env.wrapped[0], b"lot-1"), Err(SealError::Decrypt), "another key cannot unwrap");
        assert_eq!(open_bid(SUITE, &ct, &key, "lot-2"), Err(SealError::Decrypt), "bound to its lot");
    }

    #[test]
    fn tampering_forgery_and_plaintext_are_refused() {
        let bidder = KeyPair::generate();
        let env = seal_bid(&bidder, "lot-1", &content("X"), &[]).unwrap();
        let mut ct = unb64(&env.ciphertext).unwrap();
        ct[40] ^= 1;
        let mut tampered = env.clone();
        tampered.ciphertext = b64(&ct);
        assert_eq!(check_envelope(&tampered, "lot-1", &bidder.public_hex()), Err(SealError::HashMismatch));
        tampered.ciphertext_sha256 = sha256_hex(&ct);
        assert_eq!(check_envelope(&tampered, "lot-1", &bidder.public_hex()), Err(SealError::BadSignature), "re-hashed but not re-signed");
        let key = unwrap(&bidder, &env.wrapped[0], b"lot-1").unwrap();
        assert_eq!(open_bid(SUITE, &ct, &key, "lot-1"), Err(SealError::Decrypt), "GCM detects the flipped bit");
        let forger = KeyPair::generate();
        assert_eq!(check_envelope(&env, "lot-1", &forger.public_hex()), Err(SealError::BadSignature));
        let mut plain = env.clone();
        let text = serde_json::to_vec(&content("X")).unwrap();
        let mut bytes = vec![0u8; 12];
        bytes.extend(text);
        plain.ciphertext = b64(&bytes);
        plain.ciphertext_sha256 = sha256_hex(&bytes);
        plain.signature = bidder.sign(&signed_message("lot-1", &plain.ciphertext_sha256));
        assert_eq!(check_envelope(&plain, "lot-1", &bidder.public_hex()), Err(SealError::NotEncrypted));
        assert!(matches!(check_envelope(&env, "lot-9", &bidder.public_hex()), Err(SealError::Malformed(_))));
    }

    #[test]
    fn ciphertext_starting_like_json_or_markup_is_not_taken_for_plaintext() {
        // AES-GCM output begins with `{`, `[` or `<` about once in 85 bids.
        for first in [b'{', b'[', b'<'] {
            let mut bytes = vec![0xff_u8; 48];
            bytes[0] = first;
            assert!(!looks_plain(&bytes), "{}", first as char);
        }
        assert!(looks_plain(br#"{"total_price":100,"unit_prices":[],"files":[]}"#));
        let mut cut = "投标总价：壹佰万元整，交货期三十日".as_bytes()[..32].to_vec();
        cut.extend([0xff; 16]);
        assert!(looks_plain(&cut), "text with a character cut at byte 32, then a tag");
        assert!(looks_plain(b"%PDF-1.7") && looks_plain(b"PK\x03\x04zip"));
    }

    #[test]
    fn any_k_shares_rebuild_the_opening_key_and_fewer_or_wrong_ones_do_not() {
        let opening = KeyPair::generate();
        let shares = shamir::split(&opening, 2, 3).unwrap();
        let public = opening.public_hex();
        for pair in [[0, 1], [0, 2], [1, 2]] {
            let picked: Vec<Vec<u8>> = pair.iter().map(|i| shares[*i].clone()).collect();
            assert_eq!(shamir::combine(&picked, 2, &public).unwrap().public_hex(), public);
        }
        assert!(shamir::combine(&shares[..1], 2, &public).is_none(), "k − 1 shares are not enough");
        let mut wrong = shares[1].clone();
        let last = wrong.len() - 1;
        wrong[last] ^= 0x5a;
        assert!(shamir::combine(&[shares[0].clone(), wrong], 2, &public).is_none(), "a wrong share is detected");
        assert!(shamir::split(&opening, 1, 3).is_err() && shamir::split(&opening, 4, 3).is_err());
        let custodian = KeyPair::generate();
        let sealed = seal_for(&custodian.public_hex(), &shares[0], b"project").unwrap();
        assert_eq!(open_for(&custodian, &sealed, b"project").unwrap(), shares[0]);
        assert!(open_for(&KeyPair::generate(), &sealed, b"project").is_err());
    }

    #[test]
    fn passphrase_protected_key_files() {
        let kp = KeyPair::generate();
        let f = protect(&kp, "correct horse battery staple", 1_000);
        assert_eq!(unprotect(&f, "correct horse battery staple").unwrap().public_hex(), kp.public_hex());
        assert!(unprotect(&f, "wrong").is_err());
        assert!(!serde_json::to_string(&f).unwrap().contains(&kp.secret_hex()));
    }

    /// The SM suite end to end, including an SM2 bidder on a project whose opening key is P-256
    /// and the reverse, and the checks that keep the two suites apart.
    #[test]
    fn the_sm_suite_seals_checks_and_opens() {
        let bidder = KeyPair::generate_for(SM_SUITE).unwrap();
        assert!(bidder.public_hex().starts_with("sm2:04") && bidder.secret_hex().starts_with("sm2:"));
        assert_eq!(KeyPair::from_secret_hex(&bidder.secret_hex()).unwrap().public_hex(), bidder.public_hex());
        let p256_opening = KeyPair::generate();
        let sm2_opening = KeyPair::generate_for(SM_SUITE).unwrap();
        let env = seal_bid(&bidder, "lot-1", &content("MARK"), &[&p256_opening.public_hex(), &sm2_opening.public_hex()]).unwrap();
        assert_eq!(env.suite, SM_SUITE);
        let ct = check_envelope(&env, "lot-1", &bidder.public_hex()).unwrap();
        assert_eq!(env.ciphertext_sha256, sm::sm3_hex(&ct), "the digest is SM3");
        assert_ne!(env.ciphertext_sha256, sha256_hex(&ct));
        assert!(!String::from_utf8_lossy(&ct).contains("MARK"));
        for kp in [&bidder, &p256_opening, &sm2_opening] {
            let w = env.wrapped.iter().find(|w| w.key_id == kp.key_id()).unwrap();
            let key = unwrap(kp, w, b"lot-1").unwrap();
            assert_eq!(open_bid(SM_SUITE, &ct, &key, "lot-1").unwrap(), content("MARK"));
            assert_eq!(open_bid(SUITE, &ct, &key, "lot-1"), Err(SealError::Decrypt), "SM4-GCM, not AES-GCM");
            assert_eq!(unwrap(kp, w, b"lot-2"), Err(SealError::Decrypt), "a wrapped key is bound to its lot");
        }
        assert!(unwrap(&KeyPair::generate_for(SM_SUITE).unwrap(), &env.wrapped[0], b"lot-1").is_err(), "another SM2 key cannot unwrap");
        // Tampering, re-hashing without re-signing, a forged signature, a claimed other suite.
        let mut bad = ct.clone();
        bad[40] ^= 1;
        let mut tampered = env.clone();
        tampered.ciphertext = b64(&bad);
        assert_eq!(check_envelope(&tampered, "lot-1", &bidder.public_hex()), Err(SealError::HashMismatch));
        tampered.ciphertext_sha256 = sm::sm3_hex(&bad);
        assert_eq!(check_envelope(&tampered, "lot-1", &bidder.public_hex()), Err(SealError::BadSignature));
        let mut relabelled = env.clone();
        relabelled.suite = SUITE.into();
        assert_eq!(check_envelope(&relabelled, "lot-1", &bidder.public_hex()), Err(SealError::Suite(SUITE.into())));
        let p256_bid = seal_bid(&p256_opening, "lot-1", &content("M"), &[&sm2_opening.public_hex()]).unwrap();
        assert_eq!(check_envelope(&p256_bid, "lot-1", &bidder.public_hex()), Err(SealError::Suite(SUITE.into())));
        let w = p256_bid.wrapped.iter().find(|w| w.key_id == sm2_opening.key_id()).unwrap();
        let key = unwrap(&sm2_opening, w, b"lot-1").unwrap();
        assert_eq!(open_bid(SUITE, &unb64(&p256_bid.ciphertext).unwrap(), &key, "lot-1").unwrap().total_price, 12_345_600);
        // A signature of one key never verifies under another, across suites.
        let msg = signed_message("lot-1", &env.ciphertext_sha256);
        assert!(verify(&bidder.public_hex(), &msg, &env.signature));
        assert!(!verify(&sm2_opening.public_hex(), &msg, &env.signature));
        assert!(!verify(&p256_opening.public_hex(), &msg, &env.signature));
        // Custody and key files work for SM2 keys too.
        let shares = shamir::split(&sm2_opening, 2, 3).unwrap();
        assert_eq!(shamir::combine(&shares[1..], 2, &sm2_opening.public_hex()).unwrap().public_hex(), sm2_opening.public_hex());
        assert!(shamir::combine(&shares[..1], 2, &sm2_opening.public_hex()).is_none());
        let sealed = seal_for(&bidder.public_hex(), &shares[0], b"project").unwrap();
        assert_eq!(open_for(&bidder, &sealed, b"project").unwrap(), shares[0]);
        let f = protect(&bidder, "pass", 1_000);
        assert_eq!(f.suite, SM_SUITE);
        assert_eq!(unprotect(&f, "pass").unwrap().public_hex(), bidder.public_hex());
        assert_eq!(key_suite(&bidder.public_hex()), Ok(SM_SUITE));
        assert_ne!(key_id(&bidder.public_hex()).unwrap(), key_id(&bidder.public_hex()[4..]).unwrap_or_default());
    }

    #[test]
    fn keys_round_trip_and_extra_recipients_can_open() {
        let bidder = KeyPair::generate();
        let again = KeyPair::from_secret_hex(&bidder.secret_hex()).unwrap();
        assert_eq!(again.public_hex(), bidder.public_hex());
        assert_eq!(bidder.key_id().len(), 16);
        let opening = KeyPair::generate();
        let env = seal_bid(&bidder, "L", &content("Y"), &[&opening.public_hex()]).unwrap();
        let w = env.wrapped.iter().find(|w| w.key_id == opening.key_id()).unwrap();
        let key = unwrap(&opening, w, b"L").unwrap();
        assert_eq!(open_bid(SUITE, &unb64(&env.ciphertext).unwrap(), &key, "L").unwrap().total_price, 12_345_600);
        assert!(normalize_public("04deadbeef").is_err());
    }
}
