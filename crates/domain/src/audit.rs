//! The tamper-evident audit chain (审计日志).
//!
//! Every state-changing action appends one entry in the same transaction. Each entry's hash
//! covers its own fields and the previous entry's hash, so altering or removing any stored entry
//! breaks every hash after it; the chain head (last sequence number and hash) is stored apart so
//! that removing the newest entries is caught too.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The hash the first entry links to.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields of an entry that its hash covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFields {
    pub seq: i64,
    /// Server time, Unix milliseconds (UTC).
    pub at_ms: i64,
    pub actor_user: Option<String>,
    pub actor_org: Option<String>,
    pub actor_role: Option<String>,
    /// What was done, e.g. `policy.version_added`.
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    /// The region path of the object (`/root/city/county/`), for subtree filtering.
    pub region_path: String,
    /// SHA-256 (hex) of the canonical JSON of what changed.
    pub change_digest: String,
    pub prev_hash: String,
}

/// SHA-256 (hex) of the stored change description (its exact JSON text).
pub fn change_digest(change_json: &str) -> String {
    hex::encode(Sha256::digest(change_json.as_bytes()))
}

/// The entry's hash: SHA-256 over length-prefixed fields, so no two field lists collide.
pub fn entry_hash(f: &AuditFields) -> String {
    let mut h = Sha256::new();
    h.update(b"caigou-audit-v1");
    let mut put = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_be_bytes());
        h.update(bytes);
    };
    put(&f.seq.to_be_bytes());
    put(&f.at_ms.to_be_bytes());
    for opt in [&f.actor_user, &f.actor_org, &f.actor_role] {
        match opt {
            Some(s) => {
                put(b"1");
                put(s.as_bytes());
            }
            None => put(b"0"),
        }
    }
    for s in [&f.action, &f.object_type, &f.object_id, &f.region_path, &f.change_digest, &f.prev_hash] {
        put(s.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Where and why a chain check failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("entry {expected} is missing (the next stored entry is {seq})")]
    Gap { seq: i64, expected: i64 },
    #[error("entry {seq}: does not link to the previous entry's hash")]
    Link { seq: i64 },
    #[error("entry {seq}: stored hash does not match its contents (altered)")]
    Altered { seq: i64 },
    #[error("the chain ends at entry {last} but the head records entry {head_seq} (newest entries removed)")]
    Truncated { last: i64, head_seq: i64 },
    #[error("the last entry's hash differs from the recorded chain head")]
    HeadMismatch,
}

impl ChainBreak {
    pub fn seq(&self) -> Option<i64> {
        match self {
            // The first entry that is not as it should be: for a gap, the missing one.
            ChainBreak::Gap { expected, .. } => Some(*expected),
            ChainBreak::Link { seq } | ChainBreak::Altered { seq } => Some(*seq),
            ChainBreak::Truncated { last, .. } => Some(last + 1),
            ChainBreak::HeadMismatch => None,
        }
    }
}

/// Incremental verifier: feed entries in sequence order, then [`ChainVerifier::finish`] with the
/// stored head.
#[derive(Debug)]
pub struct ChainVerifier {
    expected_seq: i64,
    prev_hash: String,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        ChainVerifier { expected_seq: 1, prev_hash: GENESIS_HASH.to_string() }
    }
}

impl ChainVerifier {
    pub fn push(&mut self, fields: &AuditFields, stored_hash: &str) -> Result<(), ChainBreak> {
        if fields.seq != self.expected_seq {
            return Err(ChainBreak::Gap { seq: fields.seq, expected: self.expected_seq });
        }
        if fields.prev_hash != self.prev_hash {
            return Err(ChainBreak::Link { seq: fields.seq });
        }
        if entry_hash(fields) != stored_hash {
            return Err(ChainBreak::Altered { seq: fields.seq });
        }
        self.expected_seq += 1;
        self.prev_hash = stored_hash.to_string();
        Ok(())
    }

    /// Number of entries verified so far.
    pub fn count(&self) -> i64 {
        self.expected_seq - 1
    }

    pub fn finish(self, head_seq: i64, head_hash: &str) -> Result<i64, ChainBreak> {
        let last = self.expected_seq - 1;
        if last != head_seq {
            return Err(ChainBreak::Truncated { last, head_seq });
        }
        if self.prev_hash != head_hash {
            return Err(ChainBreak::HeadMismatch);
        }
        Ok(last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<(AuditFields, String)> {
        let mut prev = GENESIS_HASH.to_string();
        (1..=n)
            .map(|seq| {
                let f = AuditFields {
                    seq,
                    at_ms: 1_700_000_000_000 + seq,
                    actor_user: Some("u".into()),
                    actor_org: None,
                    actor_role: Some("admin".into()),
                    action: "x.done".into(),
                    object_type: "x".into(),
                    object_id: seq.to_string(),
                    region_path: "/r/".into(),
                    change_digest: change_digest(&format!("{{\"n\":{seq}}}")),
                    prev_hash: prev.clone(),
                };
                let h = entry_hash(&f);
                prev = h.clone();
                (f, h)
            })
            .collect()
    }

    fn verify(entries: &[(AuditFields, String)], head: (i64, &str)) -> Result<i64, ChainBreak> {
        let mut v = ChainVerifier::default();
        for (f, h) in entries {
            v.push(f, h)?;
        }
        v.finish(head.0, head.1)
    }

    #[test]
    fn an_intact_chain_verifies() {
        let c = chain(5);
        let head = c.last().unwrap().1.clone();
        assert_eq!(verify(&c, (5, &head)), Ok(5));
    }

    #[test]
    fn an_altered_entry_is_named() {
        let mut c = chain(5);
        let head = c.last().unwrap().1.clone();
        c[2].0.object_id = "forged".into();
        assert_eq!(verify(&c, (5, &head)), Err(ChainBreak::Altered { seq: 3 }));
    }

    #[test]
    fn a_removed_entry_is_named() {
        let mut c = chain(5);
        let head = c.last().unwrap().1.clone();
        c.remove(1);
        assert_eq!(verify(&c, (5, &head)), Err(ChainBreak::Gap { seq: 3, expected: 2 }));
    }

    #[test]
    fn removing_the_newest_entries_is_caught_by_the_head() {
        let c = chain(5);
        let head = c.last().unwrap().1.clone();
        assert_eq!(verify(&c[..4], (5, &head)), Err(ChainBreak::Truncated { last: 4, head_seq: 5 }));
    }

    #[test]
    fn rehashing_an_altered_entry_breaks_the_next_link() {
        let mut c = chain(5);
        let head = c.last().unwrap().1.clone();
        c[2].0.object_id = "forged".into();
        c[2].1 = entry_hash(&c[2].0);
        assert_eq!(verify(&c, (5, &head)), Err(ChainBreak::Link { seq: 4 }));
    }
}
