//! Supervisor approval of plans (法27, 条例23) and the 单一来源 公示 with its objections (条例38).

use caigou_domain::Money;
use caigou_domain::Msg;
use caigou_domain::authz::Subject;
use caigou_domain::authz::scope::ApprovalScope;
use caigou_domain::ids::{PlanId, UserId};
use caigou_domain::planning::{ApprovalStatus, PlanStatus};
use jiff::civil::Date;
use sqlx::Row;

use crate::audit::{self, Actor, Change};
use crate::notify::{self, Message};
use crate::plans::{Approval, Plan, get, supervisors_of};
use crate::{Result, Store, StoreError, budget, new_id};

/// Plans waiting for a decision in `scope` (the supervised subtree, less the reader's own
/// submissions), oldest first.
pub async fn waiting_approvals(store: &Store, scope: &ApprovalScope) -> Result<Vec<(Plan, Approval)>> {
    let rows = sqlx::query(
        "SELECT a.plan_id FROM plan_approvals a JOIN plans p ON p.id = a.plan_id
         WHERE a.status = 'waiting' AND $1 <> '' AND a.region_path LIKE $1 AND p.created_by <> $2 ORDER BY a.created_at",
    )
    .bind(crate::scope::subtree(scope.supervised()))
    .bind(scope.not_submitted_by().to_string())
    .fetch_all(store.pool())
    .await?;
    let mut out = Vec::new();
    for r in rows {
        let d = get(store, crate::stored("plan id", r.try_get::<String, _>("plan_id")?)?).await?;
        if let Some(a) = d.approval {
            out.push((d.plan, a));
        }
    }
    Ok(out)
}

/// Approves or rejects a plan sent for approval. A 单一来源 plan cannot be approved before its
/// 公示 has ended (条例38). Rejection releases the frozen budget.
pub async fn decide(store: &Store, subject: &Subject, plan: PlanId, approve: bool, comment: &str) -> Result<PlanStatus> {
    let d = get(store, plan).await?;
    let plan_id = plan.to_string();
    let plan_id = plan_id.as_str();
    let approval = d.approval.as_ref().ok_or_else(|| StoreError::reject("plan.no_approval"))?;
    if !approval.status.can_decide() {
        return Err(StoreError::reject("plan.already_decided"));
    }
    if comment.trim().is_empty() {
        return Err(StoreError::reject("plan.comment_required"));
    }
    let today = store.clock().today();
    if approve && let Some(ends) = &approval.publicity_ends_on {
        let ends: Date = ends.parse().map_err(|e: jiff::Error| StoreError::Internal(e.to_string()))?;
        if today <= ends {
            return Err(StoreError::reject_with("plan.publicity_running", Msg::new("error.plan.publicity_running").arg("ends", ends)));
        }
    }
    let now = store.clock().now_ms();
    let actor = Actor::of(subject);
    let mut tx = store.begin().await?;
    let new_status = PlanStatus::after_approval(approve);
    let changed = sqlx::query(
        "UPDATE plan_approvals SET status = $1, decided_by = $2, decided_at = $3, comment = $4 WHERE plan_id = $5 AND status = 'waiting'",
    )
    .bind(ApprovalStatus::decided(approve).as_str())
    .bind(subject.user.to_string())
    .bind(now)
    .bind(comment.trim())
    .bind(plan_id)
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() != 1 {
        return Err(StoreError::reject("plan.already_decided"));
    }
    sqlx::query("UPDATE plans SET status = $1, decided_at = $2, frozen = CASE WHEN $3 = 1 THEN frozen ELSE 0 END WHERE id = $4")
        .bind(new_status.as_str())
        .bind(now)
        .bind(i64::from(approve))
        .bind(plan_id)
        .execute(&mut *tx)
        .await?;
    if !approve {
        budget::release(&mut tx, d.plan.budget_line_id, Money::from_fen(d.plan.frozen)).await?;
    }
    let creator: UserId = d.plan.created_by;
    let key = if approve { "notice.plan.approved" } else { "notice.plan.rejected" };
    let link = format!("/plans/{plan_id}");
    notify::notify(
        &mut tx,
        now,
        creator,
        &Message {
            kind: "plan.decided",
            text: Msg::new(key).arg("plan_no", &d.plan.plan_no).arg("comment", comment.trim()),
            link: Some(&link),
        },
    )
    .await?;
    let detail = serde_json::json!({"approve": approve, "comment": comment.trim(), "objections": d.objections.len()});
    audit::append(
        &mut tx,
        now,
        &actor,
        Change {
            action: if approve { "plan.approved" } else { "plan.rejected" },
            object_type: "plan",
            object_id: plan_id,
            region_path: &d.unit_region_path,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(new_status)
}

/// An objection to a 单一来源 公示, accepted while the 公示 runs.
pub async fn object(store: &Store, plan: PlanId, from_name: &str, text: &str) -> Result<()> {
    let d = get(store, plan).await?;
    let plan_id = plan.to_string();
    let plan_id = plan_id.as_str();
    let Some(ends) = d.approval.as_ref().and_then(|a| a.publicity_ends_on.clone()) else {
        return Err(StoreError::NotFound("publicity"));
    };
    let ends: Date = ends.parse().map_err(|e: jiff::Error| StoreError::Internal(e.to_string()))?;
    if store.clock().today() > ends {
        return Err(StoreError::reject_with("publicity.closed", Msg::new("error.publicity.closed").arg("ends", ends)));
    }
    if from_name.trim().is_empty() || text.trim().is_empty() || text.chars().count() > 5000 {
        return Err(StoreError::reject("objection.invalid"));
    }
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    let id = new_id().to_string();
    sqlx::query("INSERT INTO publicity_objections (id, plan_id, from_name, text, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&id)
        .bind(plan_id)
        .bind(from_name.trim())
        .bind(text.trim())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    let detail =
        serde_json::json!({"plan": plan_id, "from": from_name.trim(), "text_sha256": caigou_domain::audit::change_digest(text.trim())});
    audit::append(
        &mut tx,
        now,
        &Actor::system("public"),
        Change {
            action: "publicity.objection",
            object_type: "plan",
            object_id: plan_id,
            region_path: &d.unit_region_path,
            detail: &detail,
        },
    )
    .await?;
    for s in supervisors_of(store, &d.unit_region_path).await? {
        let link = format!("/plans/{plan_id}");
        notify::notify(
            &mut tx,
            now,
            s,
            &Message {
                kind: "publicity.objection",
                text: Msg::new("notice.publicity.objection").arg("plan_no", &d.plan.plan_no),
                link: Some(&link),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
