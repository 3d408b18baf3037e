//! Appending to and verifying the audit chain. There is no function here, or anywhere, that
//! updates or deletes an entry.

use caigou_domain::audit::{self, AuditFields, ChainBreak, ChainVerifier};
use caigou_domain::authz::Subject;
use caigou_domain::authz::scope::AuditScope;
use caigou_domain::ids::UserId;
use serde::Serialize;
use sqlx::Row;

use crate::{Result, Store, Tx};

/// Who did it, as the audit trail records it.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub user: Option<String>,
    pub org: Option<String>,
    pub role: Option<String>,
}

impl Actor {
    /// The platform itself (migrations, seeding, jobs), named by what ran.
    pub fn system(what: &str) -> Actor {
        Actor { user: None, org: None, role: Some(format!("system:{what}")) }
    }

    pub fn of(subject: &Subject) -> Actor {
        Actor {
            user: Some(subject.user.to_string()),
            org: Some(subject.org.to_string()),
            role: Some(subject.roles.iter().map(|r| r.key()).collect::<Vec<_>>().join(",")),
        }
    }
}

/// One change to record.
pub struct Change<'a, T: Serialize> {
    pub action: &'a str,
    pub object_type: &'a str,
    pub object_id: &'a str,
    /// Region path of the object (`/root/…/`), `""` for platform-wide objects.
    pub region_path: &'a str,
    pub detail: &'a T,
}

/// Appends an entry inside the caller's transaction. The head row is updated first, which takes
/// its lock: concurrent writers are serialized on the chain and every sequence number is used
/// exactly once.
pub async fn append<T: Serialize>(tx: &mut Tx, now_ms: i64, actor: &Actor, change: Change<'_, T>) -> Result<i64> {
    let head = sqlx::query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash").fetch_one(&mut **tx).await?;
    let seq: i64 = head.try_get("seq")?;
    let prev_hash: String = head.try_get("hash")?;
    let detail = serde_json::to_string(change.detail).map_err(|e| crate::StoreError::Internal(e.to_string()))?;
    let fields = AuditFields {
        seq,
        at_ms: now_ms,
        actor_user: actor.user.clone(),
        actor_org: actor.org.clone(),
        actor_role: actor.role.clone(),
        action: change.action.to_string(),
        object_type: change.object_type.to_string(),
        object_id: change.object_id.to_string(),
        region_path: change.region_path.to_string(),
        change_digest: audit::change_digest(&detail),
        prev_hash,
    };
    let hash = audit::entry_hash(&fields);
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor_user, actor_org, actor_role, action, object_type, object_id, region_path, change, change_digest, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(fields.seq)
    .bind(fields.at_ms)
    .bind(fields.actor_user)
    .bind(fields.actor_org)
    .bind(fields.actor_role)
    .bind(fields.action)
    .bind(fields.object_type)
    .bind(fields.object_id)
    .bind(fields.region_path)
    .bind(detail)
    .bind(fields.change_digest)
    .bind(fields.prev_hash)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1").bind(&hash).execute(&mut **tx).await?;
    // The audit chain's entries go into the transparency log too, so its public tree heads
    // commit to the trail (lock order everywhere: audit head, then log head).
    crate::translog::append(tx, now_ms, "audit", &seq.to_string(), &format!("{{\"type\":\"audit\",\"seq\":{seq},\"hash\":\"{hash}\"}}"))
        .await?;
    Ok(seq)
}

/// A stored entry, for browsing.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: i64,
    pub actor_user: Option<String>,
    pub actor_org: Option<String>,
    pub actor_role: Option<String>,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub region_path: String,
    pub change: String,
    pub change_digest: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Filters for browsing the trail.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only entries whose object lies in this region subtree (path prefix), within the reader's
    /// scope. `None`: the whole scope.
    pub region_prefix: Option<String>,
    /// Substring of the action, e.g. `policy`.
    pub action: Option<String>,
    pub actor_user: Option<String>,
    /// Only entries about this object.
    pub object_id: Option<String>,
    /// Entries with `seq` below this (paging backwards from the newest).
    pub before_seq: Option<i64>,
    pub limit: i64,
    /// The reader (a user id): their own entries are shown whole. Everyone else is shown what
    /// [`caigou_domain::tender::secrecy`] allows — admins and supervisors included.
    pub reader: Option<String>,
}

/// The entries in `scope` ([`AuditScope`]: whose objects lie where the reader may read the
/// trail) that a reader may see, newest first: participants in a tender are withheld until its
/// deadline and askers of questions never shown ([`caigou_domain::tender::secrecy`]); the same
/// rule serves the HTML and JSON views.
pub async fn list(store: &Store, scope: &AuditScope, f: &AuditFilter) -> Result<Vec<AuditEntry>> {
    redacted(store, crate::scope::region(scope.region()), f).await
}

/// The entries `user` made themselves (their 工作台's recent activity), redacted as [`list`].
pub async fn list_own(store: &Store, user: UserId, f: &AuditFilter) -> Result<Vec<AuditEntry>> {
    let f = AuditFilter { actor_user: Some(user.to_string()), ..f.clone() };
    redacted(store, (1, String::new()), &f).await
}

async fn redacted(store: &Store, scope: (i64, String), f: &AuditFilter) -> Result<Vec<AuditEntry>> {
    use caigou_domain::tender::secrecy::{Secrecy, Shown, audit_secrecy, shown};
    let entries = list_unredacted(store, scope, f).await?;
    let now = store.clock().now_ms();
    let mut deadlines: std::collections::HashMap<String, Option<i64>> = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(entries.len());
    for mut e in entries {
        let secrecy = audit_secrecy(&e.action);
        let own = f.reader.is_some() && e.actor_user == f.reader;
        if secrecy == Secrecy::Public || own {
            out.push(e);
            continue;
        }
        let deadline = match deadlines.get(&e.object_id) {
            Some(d) => *d,
            None => {
                let d: Option<Option<i64>> = sqlx::query_scalar("SELECT deadline_at FROM projects WHERE id = $1")
                    .bind(&e.object_id)
                    .fetch_optional(store.pool())
                    .await?;
                let d = d.flatten();
                deadlines.insert(e.object_id.clone(), d);
                d
            }
        };
        match shown(secrecy, deadline, now) {
            Shown::Whole => out.push(e),
            // Filtering by actor would tell who asked: such entries are left out of that view.
            Shown::WithoutActor if f.actor_user.is_none() => {
                e.actor_user = None;
                e.actor_org = None;
                e.actor_role = None;
                out.push(e);
            }
            Shown::WithoutActor | Shown::Nothing => {}
        }
    }
    Ok(out)
}

/// Every matching entry as recorded (the chain check and exports for investigations).
async fn list_unredacted(store: &Store, (all, subtree): (i64, String), f: &AuditFilter) -> Result<Vec<AuditEntry>> {
    let rows = sqlx::query_as::<_, AuditEntry>(
        "SELECT seq, at, actor_user, actor_org, actor_role, action, object_type, object_id, region_path, change, change_digest, prev_hash, hash
         FROM audit_log
         WHERE ($9 = 1 OR ($10 <> '' AND region_path LIKE $10))
           AND ($1 = '' OR region_path LIKE $2)
           AND ($3 = '' OR action LIKE $4)
           AND ($5 = '' OR actor_user = $5)
           AND seq < $6
           AND ($8 = '' OR object_id = $8)
         ORDER BY seq DESC LIMIT $7",
    )
    .bind(f.region_prefix.clone().unwrap_or_default())
    .bind(format!("{}%", f.region_prefix.clone().unwrap_or_default()))
    .bind(f.action.clone().unwrap_or_default())
    .bind(format!("%{}%", f.action.clone().unwrap_or_default()))
    .bind(f.actor_user.clone().unwrap_or_default())
    .bind(f.before_seq.unwrap_or(i64::MAX))
    .bind(f.limit.clamp(1, 500))
    .bind(f.object_id.clone().unwrap_or_default())
    .bind(all)
    .bind(subtree)
    .fetch_all(store.pool())
    .await?;
    Ok(rows)
}

/// The outcome of checking the whole chain.
#[derive(Debug)]
pub enum Verification {
    Intact { entries: i64 },
    Broken(ChainBreak),
}

/// Re-reads every entry in order and checks digests, links, hashes and the head.
pub async fn verify(store: &Store) -> Result<Verification> {
    let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(store.pool()).await?;
    let head_seq: i64 = head.try_get("seq")?;
    let head_hash: String = head.try_get("hash")?;
    let mut verifier = ChainVerifier::default();
    let mut after = 0i64;
    loop {
        let batch = sqlx::query_as::<_, AuditEntry>(
            "SELECT seq, at, actor_user, actor_org, actor_role, action, object_type, object_id, region_path, change, change_digest, prev_hash, hash
             FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 1000",
        )
        .bind(after)
        .fetch_all(store.pool())
        .await?;
        if batch.is_empty() {
            break;
        }
        for e in &batch {
            let fields = AuditFields {
                seq: e.seq,
                at_ms: e.at,
                actor_user: e.actor_user.clone(),
                actor_org: e.actor_org.clone(),
                actor_role: e.actor_role.clone(),
                action: e.action.clone(),
                object_type: e.object_type.clone(),
                object_id: e.object_id.clone(),
                region_path: e.region_path.clone(),
                // Recomputed from the stored change, so editing the change text is caught too.
                change_digest: audit::change_digest(&e.change),
                prev_hash: e.prev_hash.clone(),
            };
            if let Err(b) = verifier.push(&fields, &e.hash) {
                return Ok(Verification::Broken(b));
            }
            after = e.seq;
        }
    }
    match verifier.finish(head_seq, &head_hash) {
        Ok(n) => Ok(Verification::Intact { entries: n }),
        Err(b) => Ok(Verification::Broken(b)),
    }
}
