//! Sealed bids (电子投标): suppliers' public keys with platform-signed certificates, and bid
//! submission, modification and withdrawal. The server checks signature, eligibility and the
//! platform clock, stores only ciphertext, and logs every accepted submission in the
//! transparency log; the receipt lets the bidder prove it later.

use caigou_domain::Msg;
use caigou_domain::authz::Subject;
use caigou_domain::ids::{BidId, LotId, OrgId};
use caigou_domain::tender::{BidStatus, ProjectStatus};
use caigou_seal::{Envelope, SealError};
use serde::Serialize;

use crate::audit::{self, Actor, Change};
use crate::clock::display_ms;
use crate::translog::{self, Receipt};
use crate::{Result, Store, StoreError, files, new_id, suppliers, tendering};

/// How long a supplier key's certificate is valid.
pub const KEY_VALIDITY_MS: i64 = 2 * 365 * 24 * 3600 * 1000;

fn seal_error(e: SealError) -> StoreError {
    match e {
        SealError::NotEncrypted => StoreError::reject_with("bid.not_encrypted", Msg::new("error.bid.not_encrypted")),
        SealError::BadSignature => StoreError::reject_with("bid.bad_signature", Msg::new("error.bid.bad_signature")),
        SealError::HashMismatch => StoreError::reject_with("bid.hash_mismatch", Msg::new("error.bid.hash_mismatch")),
        SealError::BadKey => StoreError::reject_with("bid.bad_key", Msg::new("error.bid.bad_key")),
        SealError::Suite(s) => StoreError::reject_with("bid.suite", Msg::new("error.bid.suite").arg("s", s)),
        other => StoreError::reject_with("bid.malformed", Msg::new("error.bid.malformed").arg("other", other)),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyCertificate {
    pub key_id: String,
    pub org_id: String,
    pub suite: String,
    pub public_key: String,
    pub valid_from: i64,
    pub valid_until: i64,
    /// The platform's signature (log key) over the certificate JSON without this field.
    pub signature: String,
    pub revoked_at: Option<i64>,
}

/// Registers an organization's public key (generated on its own machine) and signs a
/// certificate binding it to the organization.
pub async fn register_key(store: &Store, subject: &Subject, public_hex: &str) -> Result<KeyCertificate> {
    if !suppliers::is_approved(store, subject.org).await? {
        return Err(StoreError::reject_with("tender.supplier_not_approved", Msg::new("error.tender.supplier_not_approved")));
    }
    let public = caigou_seal::normalize_public(public_hex).map_err(seal_error)?;
    let key_id = caigou_seal::key_id(&public).map_err(seal_error)?;
    let suite = caigou_seal::key_suite(&public).map_err(seal_error)?;
    let now = store.clock().now_ms();
    let cert = serde_json::json!({"key_id": key_id, "org_id": subject.org.to_string(), "suite": suite, "public_key": public, "valid_from": now, "valid_until": now + KEY_VALIDITY_MS});
    let cert_text = cert.to_string();
    let signature = translog::sign(store, cert_text.as_bytes()).await?;
    let mut tx = store.begin().await?;
    sqlx::query(
        "INSERT INTO supplier_keys (key_id, org_id, suite, public_key, certificate, certificate_signature, created_at, valid_until) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&key_id)
    .bind(subject.org.to_string())
    .bind(suite)
    .bind(&public)
    .bind(&cert_text)
    .bind(&signature)
    .bind(now)
    .bind(now + KEY_VALIDITY_MS)
    .execute(&mut *tx)
    .await
    .map_err(|e| {
        let e = StoreError::from(e);
        if e.is_unique_violation() { StoreError::reject_with("bid.key_exists", Msg::new("error.bid.key_exists")) } else { e }
    })?;
    let path: String = sqlx::query_scalar("SELECT r.path FROM organizations o JOIN regions r ON r.id = o.region_id WHERE o.id = $1")
        .bind(subject.org.to_string())
        .fetch_one(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        now,
        &Actor::of(subject),
        Change {
            action: "key.registered",
            object_type: "supplier",
            object_id: &subject.org.to_string(),
            region_path: &path,
            detail: &cert,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(KeyCertificate {
        key_id,
        org_id: subject.org.to_string(),
        suite: suite.into(),
        public_key: public,
        valid_from: now,
        valid_until: now + KEY_VALIDITY_MS,
        signature,
        revoked_at: None,
    })
}

/// Revokes a key: bids signed with it are refused from now on.
pub async fn revoke_key(store: &Store, subject: &Subject, key_id: &str) -> Result<()> {
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    let n = sqlx::query("UPDATE supplier_keys SET revoked_at = $1 WHERE key_id = $2 AND org_id = $3 AND revoked_at IS NULL")
        .bind(now)
        .bind(key_id)
        .bind(subject.org.to_string())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if n == 0 {
        return Err(StoreError::NotFound("key"));
    }
    let path: String = sqlx::query_scalar("SELECT r.path FROM organizations o JOIN regions r ON r.id = o.region_id WHERE o.id = $1")
        .bind(subject.org.to_string())
        .fetch_one(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        now,
        &Actor::of(subject),
        Change {
            action: "key.revoked",
            object_type: "supplier",
            object_id: &subject.org.to_string(),
            region_path: &path,
            detail: &serde_json::json!({"key_id": key_id}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

type KeyRow = (String, String, String, String, String, i64, i64, Option<i64>);

pub async fn keys_of(store: &Store, org: OrgId) -> Result<Vec<KeyCertificate>> {
    let rows: Vec<KeyRow> = sqlx::query_as(
        "SELECT key_id, org_id, suite, public_key, certificate_signature, created_at, valid_until, revoked_at FROM supplier_keys WHERE org_id = $1 ORDER BY created_at",
    )
    .bind(org.to_string())
    .fetch_all(store.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(key_id, org_id, suite, public_key, signature, valid_from, valid_until, revoked_at)| KeyCertificate {
            key_id,
            org_id,
            suite,
            public_key,
            valid_from,
            valid_until,
            signature,
            revoked_at,
        })
        .collect())
}

/// Who submitted, from where: kept per submission for the later collusion checks.
pub struct Origin<'a> {
    pub address: &'a str,
    pub user_agent: &'a str,
}

/// 投标: accepts a sealed bid for a lot if every check passes, storing only ciphertext, and
/// returns the receipt. A second submission supersedes the first (the last valid one counts).
pub async fn submit(store: &Store, subject: &Subject, lot_id: LotId, env: &Envelope, origin: Origin<'_>) -> Result<Receipt> {
    let project_id = crate::projects::project_of_lot(store, lot_id).await?;
    let view = crate::projects::get(store, project_id).await?;
    let lot = view.lots.iter().find(|l| l.id == lot_id).ok_or(StoreError::NotFound("lot"))?;
    let org = subject.org.to_string();
    if !suppliers::is_approved(store, subject.org).await? {
        return Err(StoreError::reject_with("tender.supplier_not_approved", Msg::new("error.tender.supplier_not_approved")));
    }
    if !tendering::has_obtained(store, project_id, Some(lot_id), subject.org).await? {
        return Err(StoreError::reject_with("tender.not_obtained", Msg::new("error.tender.not_obtained.suppliers_who_obtained")));
    }
    if !lot.status.open_in(view.project.status) {
        return Err(StoreError::reject_with("tender.lot_terminated", Msg::new("error.tender.lot_terminated")));
    }
    deadline_check(store, view.project.deadline_at, view.project.status)?;
    crate::deposits::check_paid(store, lot_id, subject.org).await?;
    let key: Option<(String, Option<i64>, i64)> =
        sqlx::query_as("SELECT public_key, revoked_at, valid_until FROM supplier_keys WHERE key_id = $1 AND org_id = $2")
            .bind(&env.key_id)
            .bind(&org)
            .fetch_optional(store.pool())
            .await?;
    let Some((public, revoked, valid_until)) = key else {
        return Err(StoreError::reject_with("bid.unknown_key", Msg::new("error.bid.unknown_key")));
    };
    if revoked.is_some() || valid_until < store.clock().now_ms() {
        return Err(StoreError::reject_with("bid.key_revoked", Msg::new("error.bid.key_revoked")));
    }
    let ciphertext = caigou_seal::check_envelope(env, &lot_id.to_string(), &public).map_err(seal_error)?;
    if let Some(opening) = &view.project.opening_key_id
        && !env.wrapped.iter().any(|w| &w.key_id == opening)
    {
        return Err(StoreError::reject_with("bid.opening_key_missing", Msg::new("error.bid.opening_key_missing")));
    }
    let size = ciphertext.len() as i64;
    // The bytes first: a crash before the commit leaves an unreferenced object, never a bid
    // without its ciphertext.
    let file = files::put(
        store,
        &format!("bid-{}.sealed", env.ciphertext_sha256),
        "application/octet-stream",
        ciphertext.into(),
        Some(subject.user),
    )
    .await?;
    let bid = BidId(new_id());
    let id = bid.to_string();
    let wrapped = serde_json::to_string(&env.wrapped).map_err(|e| StoreError::Internal(e.to_string()))?;
    let mut tx = store.begin().await?;
    // Re-check the deadline inside the transaction, at the moment of acceptance.
    let now = store.clock().now_ms();
    deadline_check(store, view.project.deadline_at, view.project.status)?;
    let version: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bids WHERE lot_id = $1 AND supplier_org_id = $2")
        .bind(lot_id.to_string())
        .bind(&org)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query("UPDATE bids SET status = 'superseded' WHERE lot_id = $1 AND supplier_org_id = $2 AND status = 'valid'")
        .bind(lot_id.to_string())
        .bind(&org)
        .execute(&mut *tx)
        .await?;
    let leaf = serde_json::json!({"type": "bid", "submission": id, "lot": lot_id, "ciphertext_sha256": env.ciphertext_sha256, "key_id": env.key_id, "time": now}).to_string();
    audit::append(
        &mut tx,
        now,
        &Actor::of(subject),
        Change {
            action: "bid.submitted",
            object_type: "project",
            object_id: &project_id.to_string(),
            region_path: &view.region_path,
            detail: &serde_json::json!({"lot": lot_id, "submission": id, "ciphertext_sha256": env.ciphertext_sha256}),
        },
    )
    .await?;
    let index = translog::append(&mut tx, now, "bid", &id, &leaf).await?;
    sqlx::query(
        "INSERT INTO bids (id, lot_id, supplier_org_id, user_id, version, status, ciphertext_file_id, ciphertext_sha256, size, wrapped, key_id, signature, submitted_at, address, user_agent, log_index)
         VALUES ($1, $2, $3, $4, $5, 'valid', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(&id)
    .bind(lot_id.to_string())
    .bind(&org)
    .bind(subject.user.to_string())
    .bind(version + 1)
    .bind(file.id.to_string())
    .bind(&env.ciphertext_sha256)
    .bind(size)
    .bind(&wrapped)
    .bind(&env.key_id)
    .bind(&env.signature)
    .bind(now)
    .bind(origin.address)
    .bind(origin.user_agent.chars().take(500).collect::<String>())
    .bind(index)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    receipt(store, bid).await
}

fn deadline_check(store: &Store, deadline_at: Option<i64>, status: ProjectStatus) -> Result<()> {
    let now = store.clock().now_ms();
    let deadline = deadline_at.unwrap_or(0);
    if !status.tendering() || now >= deadline {
        return Err(StoreError::reject_with(
            "tender.deadline_passed",
            Msg::new("error.tender.deadline_passed")
                .arg("deadline", display_ms(deadline))
                .arg("server_time", display_ms(now))
                .arg("now", now),
        ));
    }
    Ok(())
}

/// Whether submission `id` is organization `org`'s.
pub async fn is_own(store: &Store, org: OrgId, id: BidId) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bids WHERE id = $1 AND supplier_org_id = $2")
        .bind(id.to_string())
        .bind(org.to_string())
        .fetch_one(store.pool())
        .await?;
    Ok(n > 0)
}

/// The receipt of an accepted submission, against a freshly signed tree head.
pub async fn receipt(store: &Store, id: BidId) -> Result<Receipt> {
    let row: Option<(String, String, i64, i64)> =
        sqlx::query_as("SELECT lot_id, ciphertext_sha256, submitted_at, log_index FROM bids WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(store.pool())
            .await?;
    let (lot_id, sha, at, index) = row.ok_or(StoreError::NotFound("bid"))?;
    let leaf: String = sqlx::query_scalar("SELECT body FROM log_leaves WHERE idx = $1").bind(index).fetch_one(store.pool()).await?;
    let head = translog::head(store, None).await?;
    let proof = translog::inclusion(store, index, head.size as i64).await?;
    Ok(Receipt {
        submission_id: id.to_string(),
        lot_id,
        ciphertext_sha256: sha,
        server_time: at,
        log_index: index as u64,
        leaf,
        tree_head: head,
        inclusion_proof: proof,
        log_public_key: translog::public_key(store).await?,
    })
}

/// 撤回: withdraws the supplier's valid bid on a lot before the deadline.
pub async fn withdraw(store: &Store, subject: &Subject, lot_id: LotId) -> Result<()> {
    let project_id = crate::projects::project_of_lot(store, lot_id).await?;
    let view = crate::projects::get(store, project_id).await?;
    let mut tx = store.begin().await?;
    deadline_check(store, view.project.deadline_at, view.project.status)?;
    let now = store.clock().now_ms();
    let n = sqlx::query(
        "UPDATE bids SET status = 'withdrawn', withdrawn_at = $1 WHERE lot_id = $2 AND supplier_org_id = $3 AND status = 'valid'",
    )
    .bind(now)
    .bind(lot_id.to_string())
    .bind(subject.org.to_string())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(StoreError::reject_with("bid.none", Msg::new("error.bid.none")));
    }
    audit::append(
        &mut tx,
        now,
        &Actor::of(subject),
        Change {
            action: "bid.withdrawn",
            object_type: "project",
            object_id: &project_id.to_string(),
            region_path: &view.region_path,
            detail: &serde_json::json!({"lot": lot_id}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct OwnBid {
    #[sqlx(try_from = "String")]
    pub id: BidId,
    #[sqlx(try_from = "String")]
    pub lot_id: LotId,
    pub version: i64,
    #[sqlx(try_from = "String")]
    pub status: BidStatus,
    pub ciphertext_sha256: String,
    pub size: i64,
    pub submitted_at: i64,
    pub log_index: i64,
}

/// A supplier's own submissions on a lot (metadata only; the server cannot read them).
pub async fn own_bids(store: &Store, org: OrgId, lot_id: LotId) -> Result<Vec<OwnBid>> {
    Ok(sqlx::query_as::<_, OwnBid>(
        "SELECT id, lot_id, version, status, ciphertext_sha256, size, submitted_at, log_index FROM bids WHERE supplier_org_id = $1 AND lot_id = $2 ORDER BY version",
    )
    .bind(org.to_string())
    .bind(lot_id.to_string())
    .fetch_all(store.pool())
    .await?)
}

/// How many valid bids a lot has (the count stays with the platform until opening).
pub async fn valid_count(store: &Store, lot_id: LotId) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM bids WHERE lot_id = $1 AND status = 'valid'")
        .bind(lot_id.to_string())
        .fetch_one(store.pool())
        .await?)
}

/// The organizations that submitted a bid on the lot, whatever became of it since.
pub async fn bidders(store: &Store, lot_id: LotId) -> Result<Vec<OrgId>> {
    let ids: Vec<String> = sqlx::query_scalar("SELECT DISTINCT supplier_org_id FROM bids WHERE lot_id = $1")
        .bind(lot_id.to_string())
        .fetch_all(store.pool())
        .await?;
    ids.iter().map(|id| id.parse().map_err(|_| StoreError::Internal("bidder org id".into()))).collect()
}
