//! A key file protected by a passphrase (the browser's `exportKeyFile` and `caigou bidder keygen`
//! with `CAIGOU_KEY_PASSPHRASE` write the same format): the secret hex under AES-256-GCM with a
//! key from PBKDF2-HMAC-SHA256(passphrase, 16-byte salt, iterations).

use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::{B64, Engine, KeyPair, SealError, normalize_public, open, seal, unb64};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtectedKey {
    pub suite: String,
    pub key_id: String,
    pub public_key: String,
    pub kdf: String,
    pub iterations: u32,
    pub salt: String,
    pub nonce: String,
    pub encrypted_secret: String,
}

pub const KDF: &str = "PBKDF2-SHA256";
pub const KDF_ITERATIONS: u32 = 600_000;

fn passphrase_key(passphrase: &str, salt: &[u8], iterations: u32) -> [u8; 32] {
    let mut key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(passphrase.as_bytes(), salt, iterations, &mut key);
    key
}

pub fn protect(kp: &KeyPair, passphrase: &str, iterations: u32) -> ProtectedKey {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let sealed = seal(&passphrase_key(passphrase, &salt, iterations), kp.secret_hex().as_bytes(), b"");
    ProtectedKey {
        suite: kp.suite().into(),
        key_id: kp.key_id(),
        public_key: kp.public_hex(),
        kdf: KDF.into(),
        iterations,
        salt: B64.encode(salt),
        nonce: B64.encode(&sealed[..12]),
        encrypted_secret: B64.encode(&sealed[12..]),
    }
}

pub fn unprotect(f: &ProtectedKey, passphrase: &str) -> Result<KeyPair, SealError> {
    if f.kdf != KDF {
        return Err(SealError::Malformed(format!("unsupported key file kdf {}", f.kdf)));
    }
    let key = passphrase_key(passphrase, &unb64(&f.salt)?, f.iterations);
    let mut sealed = unb64(&f.nonce)?;
    sealed.extend(unb64(&f.encrypted_secret)?);
    let secret = open(&key, &sealed, b"").map_err(|_| SealError::Malformed("wrong passphrase or damaged key file".into()))?;
    let kp = KeyPair::from_secret_hex(std::str::from_utf8(&secret).map_err(|_| SealError::BadKey)?)?;
    if kp.public_hex() != normalize_public(&f.public_key)? {
        return Err(SealError::BadKey);
    }
    Ok(kp)
}
