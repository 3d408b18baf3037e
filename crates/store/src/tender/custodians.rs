//! Opening custodians (开标密钥保管人): named per project with a threshold k of n; the opening key
//! ceremony (done on a custodian's machine; the platform receives the public key and the shares
//! sealed to each custodian); and the release of shares after the decryption window, which opens
//! the bids their bidders did not decrypt.

use caigou_domain::Msg;
use caigou_domain::authz::{self, Action, Principal, Subject};
use caigou_domain::ids::{ProjectId, UserId};
use caigou_seal::SealedFor;
use serde::{Deserialize, Serialize};

use crate::audit::{self, Actor, Change};
use crate::{Result, Store, StoreError, projects, users};

/// Registers a custodian's public key (made on their machine).
pub async fn register_key(store: &Store, subject: &Subject, public_hex: &str) -> Result<String> {
    let public = caigou_seal::normalize_public(public_hex)
        .map_err(|_| StoreError::reject_with("bid.bad_key", Msg::new("error.bid.bad_key.p_256_sm2")))?;
    let key_id =
        caigou_seal::key_id(&public).map_err(|_| StoreError::reject_with("bid.bad_key", Msg::new("error.bid.bad_key.p_256_sm22")))?;
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    sqlx::query("INSERT INTO user_keys (key_id, user_id, public_key, created_at) VALUES ($1, $2, $3, $4)")
        .bind(&key_id)
        .bind(subject.user.to_string())
        .bind(&public)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(|e| {
            let e = StoreError::from(e);
            if e.is_unique_violation() { StoreError::reject_with("bid.key_exists", Msg::new("error.bid.key_exists")) } else { e }
        })?;
    audit::append(
        &mut tx,
        now,
        &Actor::of(subject),
        Change {
            action: "key.registered",
            object_type: "user",
            object_id: &subject.user.to_string(),
            region_path: "",
            detail: &serde_json::json!({"key_id": key_id}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(key_id)
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Custodian {
    pub user_id: UserId,
    pub name: String,
    pub position: i64,
    pub key_id: String,
    pub public_key: String,
    pub has_share: bool,
    pub released: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Custody {
    pub threshold: Option<i64>,
    pub opening_public_key: Option<String>,
    pub opening_key_id: Option<String>,
    pub custodians: Vec<Custodian>,
}

/// (user, name, position, key id, public key, sealed share, released share)
type CustodianRow = (String, String, i64, String, String, Option<String>, Option<String>);

pub async fn custody(store: &Store, project: ProjectId) -> Result<Custody> {
    let (threshold, opening_public_key, opening_key_id): (Option<i64>, Option<String>, Option<String>) =
        sqlx::query_as("SELECT custodian_threshold, opening_public_key, opening_key_id FROM projects WHERE id = $1")
            .bind(project.to_string())
            .fetch_optional(store.pool())
            .await?
            .ok_or(StoreError::NotFound("project"))?;
    let rows: Vec<CustodianRow> = sqlx::query_as(
        "SELECT c.user_id, u.display_name, c.position, c.key_id, k.public_key, c.sealed_share, c.released_share FROM project_custodians c
         JOIN users u ON u.id = c.user_id JOIN user_keys k ON k.key_id = c.key_id WHERE c.project_id = $1 ORDER BY c.position",
    )
    .bind(project.to_string())
    .fetch_all(store.pool())
    .await?;
    let custodians = rows
        .into_iter()
        .map(|(user_id, name, position, key_id, public_key, sealed, released)| {
            Ok(Custodian {
                user_id: crate::stored("user id", user_id)?,
                name,
                position,
                key_id,
                public_key,
                has_share: sealed.is_some(),
                released: released.is_some(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Custody { threshold, opening_public_key, opening_key_id, custodians })
}

/// Who can be named custodian of a project: people it concerns who have registered a custodian
/// key (user id, name, key id), by name.
pub async fn candidates(store: &Store, project: ProjectId) -> Result<Vec<(String, String, String)>> {
    let view = projects::get(store, project).await?;
    // Each user's newest key (ties broken by key id, as `name` does).
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT user_id, key_id FROM user_keys WHERE revoked_at IS NULL ORDER BY user_id, created_at DESC, key_id DESC")
            .fetch_all(store.pool())
            .await?;
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (user, key) in rows {
        if !seen.insert(user.clone()) {
            continue;
        }
        let Ok(uid) = user.parse() else { continue };
        let Some(identity) = users::identity(store, uid).await? else { continue };
        let concerned = authz::decide(
            &Principal::User(identity.subject.clone()),
            Action::ViewProject { runner: view.runner(), purchasers: &view.purchasers(), region_path: &view.region_ids() },
        )
        .is_ok();
        if concerned {
            out.push((user, identity.view.display_name.clone(), key));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

/// Names the custodians of a draft project (each must be someone the project concerns, with a
/// registered key) and the threshold.
pub async fn name(store: &Store, subject: &Subject, project: ProjectId, user_ids: &[String], threshold: i64) -> Result<()> {
    let view = projects::get(store, project).await?;
    if !view.project.status.editable() || view.project.opening_public_key_set() {
        return Err(StoreError::reject_with("custody.locked", Msg::new("error.custody.locked")));
    }
    let n = user_ids.len() as i64;
    if threshold < 2 || threshold > n || n > 9 {
        return Err(StoreError::reject_with("custody.threshold", Msg::new("error.custody.threshold")));
    }
    let mut rows = Vec::new();
    for (i, u) in user_ids.iter().enumerate() {
        let uid = u.parse().map_err(|_| StoreError::NotFound("user"))?;
        let identity = users::identity(store, uid).await?.ok_or(StoreError::NotFound("user"))?;
        let concerned = authz::decide(
            &Principal::User(identity.subject.clone()),
            Action::ViewProject { runner: view.runner(), purchasers: &view.purchasers(), region_path: &view.region_ids() },
        )
        .is_ok();
        if !concerned {
            return Err(StoreError::reject_with(
                "custody.not_concerned",
                Msg::new("error.custody.not_concerned").arg("display_name", identity.view.display_name),
            ));
        }
        let key: Option<String> = sqlx::query_scalar(
            "SELECT key_id FROM user_keys WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, key_id DESC LIMIT 1",
        )
        .bind(u)
        .fetch_optional(store.pool())
        .await?;
        let key = key.ok_or_else(|| {
            StoreError::reject_with(
                "custody.no_key",
                Msg::new("error.custody.no_key.display_name_no").arg("display_name", identity.view.display_name),
            )
        })?;
        rows.push((u.clone(), i as i64, key));
    }
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    // The state the checks above read, said again in the write: a key ceremony or a publication
    // that committed meanwhile makes this change nothing (the shares already sealed survive).
    let open =
        sqlx::query("UPDATE projects SET custodian_threshold = $1 WHERE id = $2 AND status = 'draft' AND opening_public_key IS NULL")
            .bind(threshold)
            .bind(project.to_string())
            .execute(&mut *tx)
            .await?;
    if open.rows_affected() != 1 {
        return Err(StoreError::reject_with("custody.locked", Msg::new("error.custody.locked")));
    }
    sqlx::query("DELETE FROM project_custodians WHERE project_id = $1").bind(project.to_string()).execute(&mut *tx).await?;
    for (u, pos, key) in &rows {
        sqlx::query("INSERT INTO project_custodians (project_id, user_id, position, key_id) VALUES ($1, $2, $3, $4)")
            .bind(project.to_string())
            .bind(u)
            .bind(pos)
            .bind(key)
            .execute(&mut *tx)
            .await?;
    }
    audit::append(
        &mut tx,
        now,
        &Actor::of(subject),
        Change {
            action: "custody.named",
            object_type: "project",
            object_id: &project.to_string(),
            region_path: &view.region_path,
            detail: &serde_json::json!({"custodians": user_ids, "threshold": threshold}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShareIn {
    pub user_id: String,
    pub sealed: SealedFor,
}

/// The key ceremony's result, uploaded by a custodian: the opening public key and one sealed
/// share per custodian. Once only, before publishing.
pub async fn set_opening_key(
    store: &Store,
    subject: &Subject,
    project: ProjectId,
    public_hex: &str,
    shares: &[ShareIn],
    threshold: i64,
) -> Result<String> {
    let c = custody(store, project).await?;
    // Who asks first: someone who is no custodian learns nothing of the project's stage.
    if !c.custodians.iter().any(|x| x.user_id == subject.user) {
        return Err(StoreError::reject_with("custody.not_custodian", Msg::new("error.custody.not_custodian")));
    }
    let view = projects::get(store, project).await?;
    if !view.project.status.editable() || c.opening_public_key.is_some() {
        return Err(StoreError::reject_with("custody.locked", Msg::new("error.custody.locked.opening_key_exists")));
    }
    if shares.len() != c.custodians.len()
        || !c.custodians.iter().all(|x| shares.iter().any(|s| s.user_id == x.user_id.to_string() && s.sealed.wrapped.key_id == x.key_id))
    {
        return Err(StoreError::reject_with("custody.shares", Msg::new("error.custody.shares")));
    }
    let public = caigou_seal::normalize_public(public_hex)
        .map_err(|_| StoreError::reject_with("bid.bad_key", Msg::new("error.bid.bad_key.p_256_public")))?;
    // Every bidder must be able to wrap to the opening key, and browsers can only do P-256.
    if caigou_seal::key_suite(&public).ok() != Some(caigou_seal::SUITE) {
        return Err(StoreError::reject_with("custody.opening_key_suite", Msg::new("error.custody.opening_key_suite")));
    }
    let key_id =
        caigou_seal::key_id(&public).map_err(|_| StoreError::reject_with("bid.bad_key", Msg::new("error.bid.bad_key.p_256_public")))?;
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    // Once only: of two custodians holding the ceremony at once, one key and its shares win and
    // the other is refused whole (its shares never overwrite the winner's).
    let made = sqlx::query(
        "UPDATE projects SET opening_public_key = $1, opening_key_id = $2
         WHERE id = $3 AND status = 'draft' AND opening_public_key IS NULL AND custodian_threshold = $4",
    )
    .bind(&public)
    .bind(&key_id)
    .bind(project.to_string())
    .bind(threshold)
    .execute(&mut *tx)
    .await?;
    if made.rows_affected() != 1 {
        return Err(StoreError::reject_with("custody.locked", Msg::new("error.custody.locked.opening_key_exists2")));
    }
    for s in shares {
        // Sealed to the custodian's key as named: custodians renamed meanwhile refuse the whole.
        let set = sqlx::query(
            "UPDATE project_custodians SET sealed_share = $1 WHERE project_id = $2 AND user_id = $3 AND key_id = $4 AND sealed_share IS NULL",
        )
        .bind(serde_json::to_string(&s.sealed).map_err(|e| StoreError::Internal(e.to_string()))?)
        .bind(project.to_string())
        .bind(&s.user_id)
        .bind(&s.sealed.wrapped.key_id)
        .execute(&mut *tx)
        .await?;
        if set.rows_affected() != 1 {
            return Err(StoreError::reject_with("custody.shares", Msg::new("error.custody.shares")));
        }
    }
    audit::append(
        &mut tx,
        now,
        &Actor::of(subject),
        Change {
            action: "custody.key_made",
            object_type: "project",
            object_id: &project.to_string(),
            region_path: &view.region_path,
            detail: &serde_json::json!({"opening_key_id": key_id}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(key_id)
}

/// A custodian's own sealed share, to open on their machine.
pub async fn own_share(store: &Store, subject: &Subject, project: ProjectId) -> Result<SealedFor> {
    let s: Option<Option<String>> =
        sqlx::query_scalar("SELECT sealed_share FROM project_custodians WHERE project_id = $1 AND user_id = $2")
            .bind(project.to_string())
            .bind(subject.user.to_string())
            .fetch_optional(store.pool())
            .await?;
    let s =
        s.flatten().ok_or_else(|| StoreError::reject_with("custody.not_custodian", Msg::new("error.custody.not_custodian.you_hold_no")))?;
    serde_json::from_str(&s).map_err(|e| StoreError::Internal(e.to_string()))
}

/// Releases a custodian's share while a lot of the project is in the remedy stage; once `k`
/// consistent shares are in, the bids nobody decrypted are opened. Returns how many opened.
pub async fn release_share(store: &Store, subject: &Subject, project: ProjectId, share_b64: &str) -> Result<usize> {
    // Who asks first: someone who holds no share learns nothing of the project's stage.
    let holds: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM project_custodians WHERE project_id = $1 AND user_id = $2 AND sealed_share IS NOT NULL")
            .bind(project.to_string())
            .bind(subject.user.to_string())
            .fetch_one(store.pool())
            .await?;
    if holds == 0 {
        return Err(StoreError::reject_with("custody.not_custodian", Msg::new("error.custody.not_custodian.you_hold_no")));
    }
    let share =
        caigou_seal::unb64(share_b64).map_err(|_| StoreError::reject_with("custody.bad_share", Msg::new("error.custody.bad_share")))?;
    let remedy: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM openings o JOIN lots l ON l.id = o.lot_id WHERE l.project_id = $1 AND o.status = 'remedy' AND o.remedy_until > $2")
        .bind(project.to_string())
        .bind(store.clock().now_ms())
        .fetch_one(store.pool())
        .await?;
    if remedy == 0 {
        return Err(StoreError::reject_with("custody.not_now", Msg::new("error.custody.not_now")));
    }
    let now = store.clock().now_ms();
    let n = sqlx::query("UPDATE project_custodians SET released_share = $1, released_at = $2 WHERE project_id = $3 AND user_id = $4 AND sealed_share IS NOT NULL")
        .bind(caigou_seal::b64(&share))
        .bind(now)
        .bind(project.to_string())
        .bind(subject.user.to_string())
        .execute(store.pool())
        .await?
        .rows_affected();
    if n == 0 {
        return Err(StoreError::reject_with("custody.not_custodian", Msg::new("error.custody.not_custodian.you_custodian_project")));
    }
    let c = custody(store, project).await?;
    let k = c.threshold.unwrap_or(2);
    let released: Vec<Vec<u8>> = sqlx::query_scalar::<_, String>(
        "SELECT released_share FROM project_custodians WHERE project_id = $1 AND released_share IS NOT NULL ORDER BY position",
    )
    .bind(project.to_string())
    .fetch_all(store.pool())
    .await?
    .iter()
    .filter_map(|s| caigou_seal::unb64(s).ok())
    .collect();
    let Some(public) = c.opening_public_key.clone() else { return Ok(0) };
    // Any k consistent shares will do: a wrong share among them is skipped.
    let Some(key) =
        combinations(&released, k as usize).into_iter().find_map(|subset| caigou_seal::shamir::combine(&subset, k as u8, &public))
    else {
        return Ok(0);
    };
    crate::opening::open_with_custody(store, project, &key).await
}

fn combinations(items: &[Vec<u8>], k: usize) -> Vec<Vec<Vec<u8>>> {
    if k == 0 {
        return vec![vec![]];
    }
    if items.len() < k {
        return vec![];
    }
    let mut out = Vec::new();
    for (i, first) in items.iter().enumerate() {
        for mut rest in combinations(&items[i + 1..], k - 1) {
            rest.insert(0, first.clone());
            out.push(rest);
        }
    }
    out
}
