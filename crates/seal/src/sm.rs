//! The ShangMi suite `SM2-SM4GCM-SM3` (商用密码: GB/T 32918 SM2, GB/T 32905 SM3, GB/T 32907
//! SM4), selectable per supplier key instead of P-256:
//! - signatures: SM2DSA with the default distinguishing identifier `1234567812345678`
//!   (GM/T 0009), over the same signed message as the P-256 suite;
//! - key wrapping: SM2 public-key encryption (C1‖C3‖C2) of `content key ‖ SM3(context)`, so a
//!   wrapped key cannot be moved to another lot;
//! - content: SM4-GCM (RFC 8998) keyed with the first 16 bytes of the 32-byte content key (SM4
//!   keys are 128-bit), `nonce ‖ ciphertext ‖ tag` as in the AES suite;
//! - the ciphertext digest the bidder signs and the receipt carries is SM3.

use aes_gcm::AesGcm;
use aes_gcm::aead::consts::U12;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use sm2::dsa::signature::{Signer, Verifier};
use sm2::elliptic_curve::sec1::ToSec1Point;
use sm3::{Digest, Sm3};

use crate::SealError;

pub const SUITE: &str = "SM2-SM4GCM-SM3";
/// GM/T 0009's default user id.
const DISTID: &str = "1234567812345678";

type Sm4Gcm = AesGcm<sm4::Sm4, U12>;

pub fn sm3_hex(data: &[u8]) -> String {
    hex::encode(Sm3::digest(data))
}

pub(crate) fn public_bytes(pk: &sm2::PublicKey) -> Vec<u8> {
    pk.to_sec1_point(false).as_bytes().to_vec()
}

pub(crate) fn parse_public(bytes: &[u8]) -> Result<sm2::PublicKey, SealError> {
    sm2::PublicKey::from_sec1_bytes(bytes).map_err(|_| SealError::BadKey)
}

pub(crate) fn sign(secret: &sm2::SecretKey, msg: &[u8]) -> String {
    let key = sm2::dsa::SigningKey::new(DISTID, secret).expect("the default distinguishing id is valid");
    let sig: sm2::dsa::Signature = key.sign(msg);
    hex::encode(sig.to_bytes())
}

pub(crate) fn verify(public: &sm2::PublicKey, msg: &[u8], sig: &[u8]) -> bool {
    let Ok(key) = sm2::dsa::VerifyingKey::new(DISTID, *public) else { return false };
    let Ok(sig) = sm2::dsa::Signature::from_slice(sig) else { return false };
    key.verify(msg, &sig).is_ok()
}

/// SM2 encryption of the content key, bound to `context`.
pub(crate) fn wrap(public: &sm2::PublicKey, content_key: &[u8; 32], context: &[u8]) -> Result<Vec<u8>, SealError> {
    let mut msg = content_key.to_vec();
    msg.extend_from_slice(&Sm3::digest(context));
    sm2::pke::EncryptingKey::new(*public).encrypt(&mut getrandom::SysRng, &msg).map_err(|_| SealError::BadKey)
}

pub(crate) fn unwrap(secret: &sm2::SecretKey, ct: &[u8], context: &[u8]) -> Result<[u8; 32], SealError> {
    let msg = sm2::pke::DecryptingKey::new(secret.clone()).decrypt(ct).map_err(|_| SealError::Decrypt)?;
    if msg.len() != 64 || msg[32..] != Sm3::digest(context)[..] {
        return Err(SealError::Decrypt);
    }
    msg[..32].try_into().map_err(|_| SealError::Decrypt)
}

fn aead(key: &[u8; 32]) -> Sm4Gcm {
    Sm4Gcm::new_from_slice(&key[..16]).expect("16-byte SM4 key")
}

/// SM4-GCM: `nonce ‖ ciphertext ‖ tag`.
pub(crate) fn seal(key: &[u8; 32], plaintext: &[u8], aad: &[u8]) -> Vec<u8> {
    let nonce: [u8; 12] = crate::random32()[..12].try_into().expect("12 bytes");
    let ct = aead(key).encrypt(&nonce.into(), Payload { msg: plaintext, aad }).expect("SM4-GCM encryption of a bounded message");
    let mut out = nonce.to_vec();
    out.extend(ct);
    out
}

pub(crate) fn open(key: &[u8; 32], sealed: &[u8], aad: &[u8]) -> Result<Vec<u8>, SealError> {
    if sealed.len() < 28 {
        return Err(SealError::Decrypt);
    }
    let nonce: [u8; 12] = sealed[..12].try_into().map_err(|_| SealError::Decrypt)?;
    aead(key).decrypt(&nonce.into(), Payload { msg: &sealed[12..], aad }).map_err(|_| SealError::Decrypt)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Known answers: SM3("abc") from GB/T 32905 Appendix A; SM4-GCM from RFC 8998 Appendix A.1
    /// (both also checked against OpenSSL and pyca/cryptography on this machine).
    #[test]
    fn known_answers() {
        assert_eq!(sm3_hex(b"abc"), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        let key = hex::decode("0123456789ABCDEFFEDCBA9876543210").unwrap();
        let nonce: [u8; 12] = hex::decode("00001234567800000000ABCD").unwrap().try_into().unwrap();
        let aad = hex::decode("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2").unwrap();
        let pt = hex::decode("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA").unwrap();
        let ct = Sm4Gcm::new_from_slice(&key).unwrap().encrypt(&nonce.into(), Payload { msg: &pt, aad: &aad }).unwrap();
        assert_eq!(
            hex::encode(ct),
            "17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d83de3541e4c2b58177e065a9bf7b62ec"
        );
    }
}
