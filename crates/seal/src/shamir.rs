//! Shamir k-of-n over GF(256) (the `blahaj` crate) for the project's opening key: custodians
//! each hold one share; any `k` rebuild the key, `k − 1` learn nothing.

use crate::{KeyPair, SealError};

/// Splits a key pair's secret into `n` shares, any `k` of which rebuild it.
pub fn split(kp: &KeyPair, k: u8, n: u8) -> Result<Vec<Vec<u8>>, SealError> {
    if k < 2 || k > n {
        return Err(SealError::Malformed(format!("threshold {k} of {n} is not possible")));
    }
    let secret = kp.secret_bytes();
    let dealer = blahaj::Sharks(k).dealer(&secret);
    Ok(dealer.take(usize::from(n)).map(|s| Vec::from(&s)).collect())
}

/// Rebuilds the key pair from shares; `None` if they do not rebuild the key whose public
/// half is `expected_public_hex` (too few, or a wrong share among them).
pub fn combine(shares: &[Vec<u8>], k: u8, expected_public_hex: &str) -> Option<KeyPair> {
    let parsed: Vec<blahaj::Share> = shares.iter().filter_map(|b| blahaj::Share::try_from(b.as_slice()).ok()).collect();
    let secret = blahaj::Sharks(k).recover(parsed.iter()).ok()?;
    let kp = KeyPair::from_secret_bytes(crate::key_suite(expected_public_hex).ok()?, &secret).ok()?;
    (kp.public_hex() == crate::normalize_public(expected_public_hex).ok()?).then_some(kp)
}
