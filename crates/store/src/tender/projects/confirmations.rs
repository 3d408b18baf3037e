//! 采购人确认 in the database: a unit's setting, and each unit's latest decision on a project's
//! draft documents with the digest of what it was shown (the rule is
//! caigou_domain::tender::confirmation).

use caigou_domain::Msg;
use caigou_domain::authz::Subject;
use caigou_domain::ids::{OrgId, ProjectId, UserId};
use caigou_domain::tender::confirmation::{Decision, Given};
use sha2::Digest;

use super::{ProjectView, audit_project, tell};
use crate::audit::{self, Actor, Change};
use crate::notify::Message;
use crate::{Result, Store, StoreError};

/// Whether `unit` confirms documents before they are published.
pub async fn requires(store: &Store, unit: OrgId) -> Result<bool> {
    let on: Option<i64> = sqlx::query_scalar("SELECT confirm_documents FROM unit_settings WHERE org_id = $1")
        .bind(unit.to_string())
        .fetch_optional(store.pool())
        .await?;
    Ok(on == Some(1))
}

/// Sets the unit's setting (who may is the caller's rule), with its audit entry.
pub async fn set_requires(store: &Store, subject: &Subject, unit: OrgId, on: bool) -> Result<()> {
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    sqlx::query(
        "INSERT INTO unit_settings (org_id, confirm_documents, updated_at, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (org_id) DO UPDATE SET confirm_documents = excluded.confirm_documents, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )
    .bind(unit.to_string())
    .bind(i64::from(on))
    .bind(now)
    .bind(subject.user.to_string())
    .execute(&mut *tx)
    .await?;
    let path: String = sqlx::query_scalar("SELECT r.path FROM organizations o JOIN regions r ON r.id = o.region_id WHERE o.id = $1")
        .bind(unit.to_string())
        .fetch_one(&mut *tx)
        .await?;
    let detail = serde_json::json!({"confirm_documents": on});
    audit::append(
        &mut tx,
        now,
        &Actor::of(subject),
        Change {
            action: "unit.settings_updated",
            object_type: "organization",
            object_id: &unit.to_string(),
            region_path: &path,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The project's purchasing units that require confirmation.
pub async fn required_units(store: &Store, view: &ProjectView) -> Result<Vec<OrgId>> {
    let mut out = Vec::new();
    for u in view.purchasers() {
        if requires(store, u).await? {
            out.push(u);
        }
    }
    Ok(out)
}

/// The digest a decision is bound to: SHA-256 of the draft documents as stored.
pub fn digest(view: &ProjectView) -> Option<String> {
    view.project.documents.as_deref().map(|d| hex::encode(sha2::Sha256::digest(d.as_bytes())))
}

/// A decision as shown: who decided, when, and why.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DecisionRow {
    #[sqlx(try_from = "String")]
    pub unit: OrgId,
    pub unit_name: String,
    pub documents_sha256: String,
    #[sqlx(try_from = "String")]
    pub decision: Decision,
    pub comment: String,
    pub decided_by_name: String,
    pub decided_at: i64,
}

impl DecisionRow {
    pub fn given(&self) -> Given {
        Given { unit: self.unit, digest: self.documents_sha256.clone(), decision: self.decision }
    }
}

/// Every unit's latest decision on the project's documents.
pub async fn decisions(store: &Store, project: ProjectId) -> Result<Vec<DecisionRow>> {
    Ok(sqlx::query_as::<_, DecisionRow>(
        "SELECT c.org_id AS unit, o.name AS unit_name, c.documents_sha256, c.decision, c.comment, u.display_name AS decided_by_name, c.decided_at
         FROM document_confirmations c JOIN organizations o ON o.id = c.org_id JOIN users u ON u.id = c.decided_by WHERE c.project_id = $1",
    )
    .bind(project.to_string())
    .fetch_all(store.pool())
    .await?)
}

/// Records `unit`'s decision on the documents whose digest is `digest`, if the project is still
/// a draft holding exactly those documents (checked in the write); tells the project's people.
pub async fn decide(store: &Store, subject: &Subject, view: &ProjectView, unit: OrgId, decision: Decision, comment: &str) -> Result<()> {
    if decision == Decision::Returned && comment.trim().chars().count() < 2 {
        return Err(StoreError::reject_with("confirmation.invalid", Msg::new("error.confirmation.invalid.reason_required")));
    }
    let (Some(digest), Some(documents)) = (digest(view), view.project.documents.as_deref()) else {
        return Err(StoreError::reject("documents.missing"));
    };
    let id = view.project.id;
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    let changed = sqlx::query(
        "INSERT INTO document_confirmations (project_id, org_id, documents_sha256, decision, comment, decided_by, decided_at)
         SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM projects WHERE id = $1 AND status = 'draft' AND documents = $8)
         ON CONFLICT (project_id, org_id) DO UPDATE SET documents_sha256 = excluded.documents_sha256, decision = excluded.decision,
             comment = excluded.comment, decided_by = excluded.decided_by, decided_at = excluded.decided_at",
    )
    .bind(id.to_string())
    .bind(unit.to_string())
    .bind(&digest)
    .bind(decision.as_str())
    .bind(comment.trim())
    .bind(subject.user.to_string())
    .bind(now)
    .bind(documents)
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() != 1 {
        return Err(StoreError::reject("confirmation.stale"));
    }
    let actor = Actor::of(subject);
    let action = if decision == Decision::Confirmed { "documents.confirmed" } else { "documents.returned" };
    audit_project(
        &mut tx,
        now,
        &actor,
        id,
        action,
        serde_json::json!({"unit": unit, "documents_sha256": digest, "comment": comment.trim()}),
    )
    .await?;
    let users = super::stakeholders(&mut tx, id).await?;
    let link = format!("/projects/{id}");
    let key = if decision == Decision::Confirmed { "notice.documents.confirmed" } else { "notice.documents.returned" };
    tell(
        &mut tx,
        now,
        &users,
        &Message {
            kind: action,
            text: Msg::new(key).arg("no", &view.project.project_no).arg("name", &view.project.name).arg("comment", comment.trim()),
            link: Some(&link),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Asks the units' 经办 and 审批 staff to confirm the saved documents (after each save).
pub async fn ask(store: &Store, view: &ProjectView, units: &[OrgId]) -> Result<()> {
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    let link = format!("/projects/{}/preview", view.project.id);
    for unit in units {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
             WHERE u.org_id = $1 AND u.disabled = 0 AND r.role IN ($2, $3)",
        )
        .bind(unit.to_string())
        .bind(caigou_domain::authz::Role::PurchaserHandler.key())
        .bind(caigou_domain::authz::Role::PurchaserApprover.key())
        .fetch_all(&mut *tx)
        .await?;
        let users: Vec<UserId> = ids.iter().map(|i| crate::stored("user id", i)).collect::<Result<_>>()?;
        tell(
            &mut tx,
            now,
            &users,
            &Message {
                kind: "documents.to_confirm",
                text: Msg::new("notice.documents.to_confirm").arg("no", &view.project.project_no).arg("name", &view.project.name),
                link: Some(&link),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
