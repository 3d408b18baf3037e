//! The platform's transparency log: an append-only Merkle tree (RFC 6962 hashing, in
//! `caigou_domain::translog`) over every accepted bid submission and every audit entry, with
//! tree heads signed by the platform's log key. Leaf bodies stay on the server; a bidder's
//! receipt carries its own leaf, so it can check inclusion without trusting anyone.

use caigou_domain::Msg;
use std::collections::HashMap;

use caigou_domain::translog::{self as mt, Hash};
use serde::{Deserialize, Serialize};

use crate::{Result, Store, StoreError, Tx};

const KEY_SETTING: &str = "log_signing_key";
const ORIGIN_SETTING: &str = "log_origin";

/// Appends a leaf inside the caller's transaction and returns its index. The head row is taken
/// first, so indexes are dense and in commit order on any number of servers.
pub async fn append(tx: &mut Tx, now_ms: i64, kind: &str, ref_id: &str, body: &str) -> Result<i64> {
    let size: i64 = sqlx::query_scalar("UPDATE log_head SET size = size + 1 WHERE id = 1 RETURNING size").fetch_one(&mut **tx).await?;
    let idx = size - 1;
    sqlx::query("INSERT INTO log_leaves (idx, leaf_hash, kind, ref_id, body, at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(idx)
        .bind(hex::encode(mt::leaf_hash(body.as_bytes())))
        .bind(kind)
        .bind(ref_id)
        .bind(body)
        .bind(now_ms)
        .execute(&mut **tx)
        .await?;
    // Store the subtrees this leaf completes (amortized one row per leaf).
    let leaf = mt::leaf_hash(body.as_bytes());
    let rec = mt::NodeRecorder::default();
    mt::completed_nodes(&rec, idx as u64, leaf);
    let known = fetch_nodes(tx, &rec.into_keys()).await?;
    for ((level, index), hash) in mt::completed_nodes(&known, idx as u64, leaf) {
        sqlx::query("INSERT INTO log_nodes (id, hash) VALUES ($1, $2)")
            .bind(node_id(level, index))
            .bind(hex::encode(hash))
            .execute(&mut **tx)
            .await?;
    }
    Ok(idx)
}

/// The `log_nodes` key of a subtree.
fn node_id(level: u32, index: u64) -> i64 {
    ((level as i64) << 48) | index as i64
}

/// Fetches the given subtree hashes (level 0 from the leaves) in at most two queries.
async fn fetch_nodes(db: &mut sqlx::AnyConnection, keys: &[(u32, u64)]) -> Result<HashMap<(u32, u64), Hash>> {
    let mut out = HashMap::with_capacity(keys.len());
    let (leaves, nodes): (Vec<_>, Vec<_>) = keys.iter().partition(|(level, _)| *level == 0);
    for (table, key_col, keys) in [("log_leaves", "idx", &leaves), ("log_nodes", "id", &nodes)] {
        if keys.is_empty() {
            continue;
        }
        let placeholders: Vec<String> = (1..=keys.len()).map(|i| format!("${i}")).collect();
        let hash_col = if table == "log_leaves" { "leaf_hash" } else { "hash" };
        // Only fixed names and numbered placeholders go into the text; the keys are bound.
        let sql = format!("SELECT {key_col}, {hash_col} FROM {table} WHERE {key_col} IN ({})", placeholders.join(", "));
        let mut q = sqlx::query_as::<_, (i64, String)>(sqlx::AssertSqlSafe(sql));
        for (level, index) in keys.iter() {
            q = q.bind(if *level == 0 { *index as i64 } else { node_id(*level, *index) });
        }
        for (k, h) in q.fetch_all(&mut *db).await? {
            let key = if table == "log_leaves" { (0, k as u64) } else { ((k >> 48) as u32, (k & ((1 << 48) - 1)) as u64) };
            out.insert(key, parse_hash(&h).map_err(StoreError::Internal)?);
        }
    }
    if out.len() != keys.len() {
        return Err(StoreError::Internal(format!("transparency log: {} of {} subtree hashes missing", keys.len() - out.len(), keys.len())));
    }
    Ok(out)
}

/// Fetches what a computation over the tree needs: a first pass records the nodes it reads, a
/// second runs on exactly those.
async fn compute<T>(store: &Store, f: impl Fn(&dyn mt::Subtrees) -> T) -> Result<T> {
    let rec = mt::NodeRecorder::default();
    f(&rec);
    let mut conn = store.pool().acquire().await?;
    let nodes = fetch_nodes(&mut conn, &rec.into_keys()).await?;
    Ok(f(&nodes))
}

/// The committed size of the log.
async fn size(store: &Store) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT size FROM log_head WHERE id = 1").fetch_one(store.pool()).await?)
}

/// Builds the missing `log_nodes` from the leaves: for a log written before the nodes were kept,
/// or appended to by an older server during a rolling upgrade. A complete log of n leaves has
/// n − popcount(n) nodes above the leaves; anything less is rebuilt under the head lock (so a
/// concurrent append or another starting server cannot interleave), idempotently.
pub(crate) async fn backfill_nodes(store: &Store) -> Result<()> {
    let expected = |size: i64| size - i64::from(size.count_ones());
    let (size, have): (i64, i64) =
        sqlx::query_as("SELECT (SELECT size FROM log_head WHERE id = 1), (SELECT COUNT(*) FROM log_nodes)").fetch_one(store.pool()).await?;
    if have >= expected(size) {
        return Ok(());
    }
    let mut tx = store.begin().await?;
    let size: i64 = sqlx::query_scalar("UPDATE log_head SET size = size WHERE id = 1 RETURNING size").fetch_one(&mut *tx).await?;
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT leaf_hash FROM log_leaves WHERE idx < $1 ORDER BY idx").bind(size).fetch_all(&mut *tx).await?;
    let leaves: Vec<Hash> = rows.iter().map(|h| parse_hash(h).map_err(StoreError::Internal)).collect::<Result<_>>()?;
    for ((level, index), hash) in mt::all_nodes(&leaves) {
        sqlx::query("INSERT INTO log_nodes (id, hash) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING")
            .bind(node_id(level, index))
            .bind(hex::encode(hash))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The platform's log key pair, created once (the first server to need it wins the race) and
/// kept by this process after the first read.
async fn signing_key(store: &Store) -> Result<(caigou_seal::KeyPair, String)> {
    if let Some(k) = store.log_key.get() {
        return Ok(k.clone());
    }
    let k = load_or_create_signing_key(store).await?;
    Ok(store.log_key.get_or_init(|| k).clone())
}

async fn load_or_create_signing_key(store: &Store) -> Result<(caigou_seal::KeyPair, String)> {
    let read = |store: &Store| {
        let store = store.clone();
        async move {
            let mut tx = store.begin().await?;
            let key = crate::setting(&mut tx, KEY_SETTING).await?;
            let origin = crate::setting(&mut tx, ORIGIN_SETTING).await?;
            tx.rollback().await?;
            Ok::<_, StoreError>((key, origin))
        }
    };
    if let (Some(k), Some(o)) = read(store).await? {
        return Ok((caigou_seal::KeyPair::from_secret_hex(&k).map_err(|e| StoreError::Internal(e.to_string()))?, o));
    }
    let kp = caigou_seal::KeyPair::generate();
    let origin = format!("caigou-log/{}", kp.key_id());
    let mut tx = store.begin().await?;
    let created = async {
        crate::set_setting_once(&mut tx, KEY_SETTING, &kp.secret_hex()).await?;
        crate::set_setting_once(&mut tx, ORIGIN_SETTING, &origin).await
    }
    .await;
    match created {
        Ok(()) => tx.commit().await?,
        Err(_) => tx.rollback().await?,
    }
    match read(store).await? {
        (Some(k), Some(o)) => Ok((caigou_seal::KeyPair::from_secret_hex(&k).map_err(|e| StoreError::Internal(e.to_string()))?, o)),
        _ => Err(StoreError::Internal("log key missing".into())),
    }
}

/// Signs with the platform's log key (certificates of supplier keys).
pub async fn sign(store: &Store, msg: &[u8]) -> Result<String> {
    Ok(signing_key(store).await?.0.sign(msg))
}

/// The log's public key (SEC1 hex), for verifiers.
pub async fn public_key(store: &Store) -> Result<String> {
    Ok(signing_key(store).await?.0.public_hex())
}

/// A signed tree head (checkpoint).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeHead {
    pub origin: String,
    pub size: u64,
    /// Hex.
    pub root: String,
    /// Unix ms.
    pub timestamp: i64,
    /// ECDSA P-256 over [`TreeHead::signed_bytes`], hex.
    pub signature: String,
}

impl TreeHead {
    pub fn signed_bytes(origin: &str, size: u64, root: &Hash, timestamp: i64) -> Vec<u8> {
        let mut s = mt::checkpoint_body(origin, size, root);
        s.push_str(&format!("{timestamp}\n"));
        s.into_bytes()
    }

    /// Checks the signature with the log's public key.
    pub fn verify(&self, log_public_hex: &str) -> bool {
        let Ok(root) = parse_hash(&self.root) else { return false };
        caigou_seal::verify(log_public_hex, &Self::signed_bytes(&self.origin, self.size, &root, self.timestamp), &self.signature)
    }
}

pub fn parse_hash(h: &str) -> std::result::Result<Hash, String> {
    hex::decode(h).ok().and_then(|b| b.try_into().ok()).ok_or_else(|| format!("not a SHA-256 hash: {h}"))
}

/// Signs the current tree (or its first `size` leaves) and records the checkpoint.
pub async fn head(store: &Store, size_wanted: Option<i64>) -> Result<TreeHead> {
    let (kp, origin) = signing_key(store).await?;
    let current = size(store).await?;
    let size = size_wanted.map_or(current, |s| s.clamp(0, current)) as u64;
    let root = compute(store, |s| mt::root_of(s, size)).await?;
    let timestamp = store.clock().now_ms();
    let signature = kp.sign(&TreeHead::signed_bytes(&origin, size, &root, timestamp));
    sqlx::query("INSERT INTO log_checkpoints (size, root, at, signature) VALUES ($1, $2, $3, $4) ON CONFLICT (size) DO NOTHING")
        .bind(size as i64)
        .bind(hex::encode(root))
        .bind(timestamp)
        .bind(&signature)
        .execute(store.pool())
        .await?;
    Ok(TreeHead { origin, size, root: hex::encode(root), timestamp, signature })
}

/// The audit path of leaf `index` in the tree of `size` leaves.
pub async fn inclusion(store: &Store, index: i64, size: i64) -> Result<Vec<String>> {
    if index < 0 || index >= size || size > self::size(store).await? {
        return Err(StoreError::reject("log.bad_range"));
    }
    let proof = compute(store, |s| mt::inclusion_proof_of(s, index as u64, size as u64)).await?;
    Ok(proof.iter().map(hex::encode).collect())
}

/// The consistency proof between the trees of `from` and `to` leaves.
pub async fn consistency(store: &Store, from: i64, to: i64) -> Result<Vec<String>> {
    if from < 1 || from > to || to > size(store).await? {
        return Err(StoreError::reject_with("log.bad_range", Msg::new("error.log.bad_range.bad_log_range")));
    }
    let proof = compute(store, |s| mt::consistency_proof_of(s, from as u64, to as u64)).await?;
    Ok(proof.iter().map(hex::encode).collect())
}

/// Recent checkpoints, newest first (for the portal).
pub async fn checkpoints(store: &Store, limit: i64) -> Result<Vec<(i64, String, i64, String)>> {
    Ok(sqlx::query_as("SELECT size, root, at, signature FROM log_checkpoints ORDER BY size DESC LIMIT $1")
        .bind(limit)
        .fetch_all(store.pool())
        .await?)
}

/// What a bidder keeps: everything needed to check, offline, that its submission is in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub submission_id: String,
    pub lot_id: String,
    pub ciphertext_sha256: String,
    /// Platform time of acceptance, Unix ms.
    pub server_time: i64,
    pub log_index: u64,
    /// The leaf as logged (its hash is in the tree).
    pub leaf: String,
    pub tree_head: TreeHead,
    pub inclusion_proof: Vec<String>,
    /// The log's public key (pin it out of band; `caigou receipt verify --key` checks against a pinned one).
    pub log_public_key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReceiptError {
    #[error("the leaf does not name this submission, lot and ciphertext")]
    LeafMismatch,
    #[error("the tree head's signature does not verify with the log key")]
    BadHeadSignature,
    #[error("the inclusion proof does not lead to the signed root")]
    NotIncluded,
    #[error("the later tree head is not consistent with the receipt's")]
    Inconsistent,
    #[error("malformed receipt: {0}")]
    Malformed(String),
}

impl Receipt {
    /// Verifies the receipt on its own: leaf content, signed head, inclusion.
    pub fn verify(&self, log_public_hex: &str) -> std::result::Result<(), ReceiptError> {
        let leaf: serde_json::Value = serde_json::from_str(&self.leaf).map_err(|e| ReceiptError::Malformed(e.to_string()))?;
        if leaf["submission"] != self.submission_id.as_str()
            || leaf["lot"] != self.lot_id.as_str()
            || leaf["ciphertext_sha256"] != self.ciphertext_sha256.as_str()
        {
            return Err(ReceiptError::LeafMismatch);
        }
        if !self.tree_head.verify(log_public_hex) {
            return Err(ReceiptError::BadHeadSignature);
        }
        let root = parse_hash(&self.tree_head.root).map_err(ReceiptError::Malformed)?;
        let proof: Vec<Hash> =
            self.inclusion_proof.iter().map(|h| parse_hash(h)).collect::<std::result::Result<_, _>>().map_err(ReceiptError::Malformed)?;
        if !mt::verify_inclusion(self.log_index, self.tree_head.size, &mt::leaf_hash(self.leaf.as_bytes()), &proof, &root) {
            return Err(ReceiptError::NotIncluded);
        }
        Ok(())
    }

    /// Verifies that a later signed head extends the receipt's head (the log was not rewritten).
    pub fn verify_later(&self, later: &TreeHead, proof: &[String], log_public_hex: &str) -> std::result::Result<(), ReceiptError> {
        if !later.verify(log_public_hex) {
            return Err(ReceiptError::BadHeadSignature);
        }
        let p: Vec<Hash> = proof.iter().map(|h| parse_hash(h)).collect::<std::result::Result<_, _>>().map_err(ReceiptError::Malformed)?;
        let r1 = parse_hash(&self.tree_head.root).map_err(ReceiptError::Malformed)?;
        let r2 = parse_hash(&later.root).map_err(ReceiptError::Malformed)?;
        if mt::verify_consistency(self.tree_head.size, later.size, &r1, &r2, &p) { Ok(()) } else { Err(ReceiptError::Inconsistent) }
    }
}
