//! 申购 (purchase requests) through the unit's approval chain, with a full history and
//! point-to-point notifications at every step.

use caigou_domain::Money;
use caigou_domain::Msg;
use caigou_domain::authz::scope::UnitScope;
use caigou_domain::authz::{Role, Subject};
use caigou_domain::catalog::PinmuCode;
use caigou_domain::ids::{BudgetLineId, OrgId, RequestId, UserId};
use caigou_domain::planning::request::{
    ApprovalChain, RequestEvent, RequestFacts, RequestState, RequestStatus, Warning, request_warnings, transition,
};
use serde::Serialize;

use crate::audit::{self, Actor, Change};
use crate::notify::{self, Message};
use crate::{Result, Store, StoreError, Tx, budget, new_id, regions};

/// The unit's chain, or the default one.
pub async fn chain(store: &Store, org: OrgId) -> Result<ApprovalChain> {
    let org = org.to_string();
    let org = org.as_str();
    let steps: Option<String> =
        sqlx::query_scalar("SELECT steps FROM approval_chains WHERE org_id = $1").bind(org).fetch_optional(store.pool()).await?;
    match steps {
        Some(json) => serde_json::from_str(&json).map_err(|e| StoreError::Internal(format!("bad stored chain: {e}"))),
        None => Ok(ApprovalChain::default()),
    }
}

/// Replaces a unit's chain (validated, audited). Running requests keep the chain they started with.
pub async fn set_chain(store: &Store, subject: &Subject, org: OrgId, c: &ApprovalChain) -> Result<()> {
    c.validate().map_err(|e| StoreError::rejected(&e))?;
    let now = store.clock().now_ms();
    let path = crate::users::org_region_path(store, org).await?.ok_or(StoreError::NotFound("organization"))?;
    let json = serde_json::to_string(c).map_err(|e| StoreError::Internal(e.to_string()))?;
    let mut tx = store.begin().await?;
    sqlx::query("DELETE FROM approval_chains WHERE org_id = $1").bind(org.to_string()).execute(&mut *tx).await?;
    sqlx::query("INSERT INTO approval_chains (org_id, steps, updated_at, updated_by) VALUES ($1, $2, $3, $4)")
        .bind(org.to_string())
        .bind(&json)
        .bind(now)
        .bind(subject.user.to_string())
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        now,
        &Actor::of(subject),
        Change { action: "chain.updated", object_type: "organization", object_id: &org.to_string(), region_path: &path, detail: c },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A request as entered, parsed at the edge.
#[derive(Debug, Clone)]
pub struct RequestInput {
    pub title: String,
    pub code: PinmuCode,
    pub quantity: i64,
    pub amount: Money,
    pub budget_line_id: BudgetLineId,
    pub reason: String,
    pub attachments: Vec<String>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct PurchaseRequest {
    #[sqlx(try_from = "String")]
    pub id: RequestId,
    pub request_no: String,
    #[sqlx(try_from = "String")]
    pub org_id: OrgId,
    #[sqlx(try_from = "String")]
    pub applicant: UserId,
    pub title: String,
    pub pinmu_code: String,
    pub quantity: i64,
    pub amount: i64,
    #[sqlx(try_from = "String")]
    pub budget_line_id: BudgetLineId,
    pub reason: String,
    pub attachments: String,
    #[sqlx(try_from = "String")]
    pub state: RequestStatus,
    pub step: Option<i64>,
    pub chain: String,
    pub warnings: String,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct RequestEventRow {
    pub at: i64,
    pub actor: String,
    pub actor_name: String,
    pub event: String,
    pub step: Option<i64>,
    pub comment: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RequestDetail {
    pub request: PurchaseRequest,
    pub chain: ApprovalChain,
    pub warnings: Vec<Warning>,
    pub events: Vec<RequestEventRow>,
    pub unit_region_path: String,
}

const COLUMNS: &str = "id, request_no, org_id, applicant, title, pinmu_code, quantity, amount, budget_line_id, reason, attachments, state, step, chain, warnings, created_at, updated_at";

fn state_of(r: &PurchaseRequest) -> Result<RequestState> {
    let step = r.step.map(|s| usize::try_from(s).map_err(|_| StoreError::Internal(format!("bad stored request step {s}")))).transpose()?;
    RequestState::from_stored(r.state, step).map_err(|e| StoreError::Internal(e.to_string()))
}

/// Attachments must be files the applicant uploaded.
async fn check_attachments(store: &Store, applicant: UserId, ids: &[String]) -> Result<()> {
    if ids.len() > 10 {
        return Err(StoreError::reject_with("request.invalid", Msg::new("error.request.invalid")));
    }
    for id in ids {
        let by: Option<Option<String>> =
            sqlx::query_scalar("SELECT created_by FROM files WHERE id = $1").bind(id).fetch_optional(store.pool()).await?;
        if by.flatten() != Some(applicant.to_string()) {
            return Err(StoreError::NotFound("attachment"));
        }
    }
    Ok(())
}

/// The attachments' metadata, in the order given.
pub async fn attachments(store: &Store, r: &PurchaseRequest) -> Result<Vec<crate::files::StoredFile>> {
    let ids: Vec<String> = serde_json::from_str(&r.attachments).unwrap_or_default();
    let mut out = Vec::new();
    for id in ids {
        if let Some(f) = crate::files::meta(store, crate::stored("file id", &id)?).await? {
            out.push(f);
        }
    }
    Ok(out)
}

async fn checked(store: &Store, org: OrgId, input: &RequestInput) -> Result<budget::BudgetLine> {
    if input.title.trim().is_empty() || input.reason.trim().is_empty() {
        return Err(StoreError::reject_with("request.invalid", Msg::new("error.request.invalid.give_what_requested")));
    }
    if input.quantity <= 0 || input.amount.fen() <= 0 {
        return Err(StoreError::reject_with("request.invalid", Msg::new("error.request.invalid.quantity_estimated_amount")));
    }
    let line = budget::get(store, input.budget_line_id).await?;
    if line.org_id != org {
        return Err(StoreError::NotFound("budget line"));
    }
    Ok(line)
}

async fn warnings(
    store: &Store,
    org: OrgId,
    region_id: &str,
    input: &RequestInput,
    line: &budget::BudgetLine,
    exclude: &str,
) -> Result<Vec<Warning>> {
    let policy = regions::effective_policy(store, crate::stored("region id", region_id)?, store.clock().today()).await?;
    let since = store.clock().now_ms() - 30 * 24 * 60 * 60 * 1000;
    let category = &input.code.as_str()[..input.code.as_str().len().min(7)];
    // PostgreSQL sums BIGINT as NUMERIC: cast back so both databases return an integer.
    let recent: Option<i64> = sqlx::query_scalar("SELECT CAST(SUM(amount) AS BIGINT) FROM purchase_requests WHERE org_id = $1 AND pinmu_code LIKE $2 AND created_at > $3 AND state <> 'rejected' AND id <> $4")
        .bind(org.to_string())
        .bind(format!("{category}%"))
        .bind(since)
        .bind(exclude)
        .fetch_one(store.pool())
        .await?;
    Ok(request_warnings(&RequestFacts {
        amount: input.amount,
        open_tender_threshold: policy.open_tender_threshold.get(input.code.object_type()),
        budget_available: line.available(),
        recent_same_category: Money::from_fen(recent.unwrap_or(0)),
    }))
}

async fn next_number(tx: &mut Tx, year: i16) -> Result<String> {
    let name = format!("request-{year}");
    sqlx::query("INSERT INTO counters (name, value) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING").bind(&name).execute(&mut **tx).await?;
    let n: i64 = sqlx::query_scalar("UPDATE counters SET value = value + 1 WHERE name = $1 RETURNING value")
        .bind(&name)
        .fetch_one(&mut **tx)
        .await?;
    Ok(format!("SG{year}-{n:05}"))
}

/// Users of `org` holding `role`, except `except`.
async fn staff_with(tx: &mut Tx, org: OrgId, role: Role, except: UserId) -> Result<Vec<UserId>> {
    let ids: Vec<String> = sqlx::query_scalar("SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id WHERE u.org_id = $1 AND r.role = $2 AND u.id <> $3 AND u.disabled = 0")
        .bind(org.to_string())
        .bind(role.key())
        .bind(except.to_string())
        .fetch_all(&mut **tx)
        .await?;
    ids.iter().map(|s| crate::stored("user id", s)).collect()
}

/// Tells whoever must act next, or the applicant about the outcome.
async fn notify_after(
    tx: &mut Tx,
    now: i64,
    r: &PurchaseRequest,
    chain: &ApprovalChain,
    state: &RequestState,
    comment: &str,
) -> Result<()> {
    let link = format!("/requests/{}", r.id);
    match state {
        RequestState::InReview { step } => {
            let s = &chain.steps[*step];
            let text = Msg::new("notice.request.waiting")
                .arg("no", &r.request_no)
                .arg("title", &r.title)
                .arg("amount", Money::from_fen(r.amount))
                .arg("step_zh", &s.name_zh)
                .arg("step_en", &s.name_en);
            for u in staff_with(tx, r.org_id, s.role, r.applicant).await? {
                notify::notify(tx, now, u, &Message { kind: "request.waiting", text: text.clone(), link: Some(&link) }).await?;
            }
        }
        RequestState::Returned { .. } | RequestState::Approved | RequestState::Rejected => {
            let key = match state {
                RequestState::Returned { .. } => "notice.request.returned",
                RequestState::Approved => "notice.request.approved",
                _ => "notice.request.rejected",
            };
            let applicant: UserId = r.applicant;
            notify::notify(
                tx,
                now,
                applicant,
                &Message {
                    kind: "request.outcome",
                    text: Msg::new(key).arg("no", &r.request_no).arg("comment", comment),
                    link: Some(&link),
                },
            )
            .await?;
        }
        RequestState::Draft => {}
    }
    Ok(())
}

/// One history entry: what happened, at which step, with which comment.
struct Step<'a> {
    event: &'a str,
    step: Option<usize>,
    comment: &'a str,
}

async fn record(tx: &mut Tx, now: i64, subject: &Subject, r: &PurchaseRequest, path: &str, e: Step<'_>) -> Result<()> {
    let Step { event, step, comment } = e;
    sqlx::query("INSERT INTO request_events (id, request_id, at, actor, event, step, comment) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(new_id().to_string())
        .bind(r.id.to_string())
        .bind(now)
        .bind(subject.user.to_string())
        .bind(event)
        .bind(step.map(|s| s as i64))
        .bind(comment)
        .execute(&mut **tx)
        .await?;
    let detail = serde_json::json!({"request_no": r.request_no, "event": event, "step": step, "comment": comment, "amount": r.amount});
    audit::append(
        tx,
        now,
        &Actor::of(subject),
        Change {
            action: &format!("request.{event}"),
            object_type: "purchase_request",
            object_id: &r.id.to_string(),
            region_path: path,
            detail: &detail,
        },
    )
    .await?;
    Ok(())
}

/// Creates a request (as a draft, or submitted at once into the chain).
pub async fn create(store: &Store, subject: &Subject, input: &RequestInput, submit: bool) -> Result<RequestDetail> {
    let line = checked(store, subject.org, input).await?;
    check_attachments(store, subject.user, &input.attachments).await?;
    let region_id: String = sqlx::query_scalar("SELECT region_id FROM organizations WHERE id = $1")
        .bind(subject.org.to_string())
        .fetch_one(store.pool())
        .await?;
    let warnings = warnings(store, subject.org, &region_id, input, &line, "").await?;
    let c = chain(store, subject.org).await?;
    let path = crate::users::org_region_path(store, subject.org).await?.unwrap_or_default();
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    let id = RequestId(new_id());
    let mut r = PurchaseRequest {
        request_no: next_number(&mut tx, store.clock().today().year()).await?,
        id,
        org_id: subject.org,
        applicant: subject.user,
        title: input.title.trim().into(),
        pinmu_code: input.code.to_string(),
        quantity: input.quantity,
        amount: input.amount.fen(),
        budget_line_id: input.budget_line_id,
        reason: input.reason.trim().into(),
        attachments: serde_json::to_string(&input.attachments).unwrap_or_else(|_| "[]".into()),
        state: RequestStatus::Draft,
        step: None,
        chain: serde_json::to_string(&c).map_err(|e| StoreError::Internal(e.to_string()))?,
        warnings: serde_json::to_string(&warnings).unwrap_or_else(|_| "[]".into()),
        created_at: now,
        updated_at: now,
    };
    let state = if submit {
        transition(&RequestState::Draft, RequestEvent::Submit, &c, input.amount).map_err(|e| StoreError::rejected(&e))?
    } else {
        RequestState::Draft
    };
    r.state = state.status();
    r.step = state.step().map(|s| s as i64);
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO purchase_requests ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)"
    )))
    .bind(r.id.to_string())
    .bind(&r.request_no)
    .bind(r.org_id.to_string())
    .bind(r.applicant.to_string())
    .bind(&r.title)
    .bind(&r.pinmu_code)
    .bind(r.quantity)
    .bind(r.amount)
    .bind(r.budget_line_id.to_string())
    .bind(&r.reason)
    .bind(&r.attachments)
    .bind(r.state.as_str())
    .bind(r.step)
    .bind(&r.chain)
    .bind(&r.warnings)
    .bind(r.created_at)
    .bind(r.updated_at)
    .execute(&mut *tx)
    .await?;
    record(&mut tx, now, subject, &r, &path, Step { event: if submit { "submitted" } else { "drafted" }, step: None, comment: "" }).await?;
    if submit {
        notify_after(&mut tx, now, &r, &c, &state, "").await?;
    }
    tx.commit().await?;
    get(store, id).await
}

/// Changes a draft or returned request (the applicant only; the web layer checks).
pub async fn modify(store: &Store, subject: &Subject, id: RequestId, input: &RequestInput) -> Result<RequestDetail> {
    let d = get(store, id).await?;
    if d.request.applicant != subject.user {
        return Err(StoreError::reject("request.not_applicant"));
    }
    if !d.request.state.modifiable() {
        return Err(StoreError::reject("request.locked"));
    }
    let line = checked(store, subject.org, input).await?;
    check_attachments(store, subject.user, &input.attachments).await?;
    let region_id: String = sqlx::query_scalar("SELECT region_id FROM organizations WHERE id = $1")
        .bind(subject.org.to_string())
        .fetch_one(store.pool())
        .await?;
    let warnings = warnings(store, subject.org, &region_id, input, &line, &id.to_string()).await?;
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    // Attachments given on modification replace the earlier ones; none given keeps them.
    let attachments = if input.attachments.is_empty() {
        d.request.attachments.clone()
    } else {
        serde_json::to_string(&input.attachments).unwrap_or_else(|_| "[]".into())
    };
    sqlx::query("UPDATE purchase_requests SET title = $1, pinmu_code = $2, quantity = $3, amount = $4, budget_line_id = $5, reason = $6, warnings = $7, updated_at = $8, attachments = $10 WHERE id = $9")
        .bind(input.title.trim())
        .bind(input.code.as_str())
        .bind(input.quantity)
        .bind(input.amount.fen())
        .bind(input.budget_line_id.to_string())
        .bind(input.reason.trim())
        .bind(serde_json::to_string(&warnings).unwrap_or_else(|_| "[]".into()))
        .bind(now)
        .bind(id.to_string())
        .bind(&attachments)
        .execute(&mut *tx)
        .await?;
    record(&mut tx, now, subject, &d.request, &d.unit_region_path, Step { event: "modified", step: None, comment: "" }).await?;
    tx.commit().await?;
    get(store, id).await
}

/// Moves a request through its chain. The caller has checked that the subject may act on the
/// current step (or is the applicant, for `Submit`).
pub async fn act(store: &Store, subject: &Subject, id: RequestId, event: RequestEvent, comment: &str) -> Result<RequestDetail> {
    let d = get(store, id).await?;
    if matches!(event, RequestEvent::Return | RequestEvent::Reject) && comment.trim().is_empty() {
        return Err(StoreError::reject("request.comment_required"));
    }
    let current = state_of(&d.request)?;
    let amount = Money::from_fen(d.request.amount);
    let next = transition(&current, event, &d.chain, amount).map_err(|e| StoreError::rejected(&e))?;
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    // Optimistic: the row must still be in the state we read, so two approvers cannot both act.
    let changed = sqlx::query(
        "UPDATE purchase_requests SET state = $1, step = $2, updated_at = $3 WHERE id = $4 AND state = $5 AND COALESCE(step, -1) = $6",
    )
    .bind(next.key())
    .bind(next.step().map(|s| s as i64))
    .bind(now)
    .bind(id.to_string())
    .bind(current.key())
    .bind(current.step().map(|s| s as i64).unwrap_or(-1))
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() != 1 {
        return Err(StoreError::reject("request.changed"));
    }
    let name = match event {
        RequestEvent::Submit => "submitted",
        RequestEvent::Approve => "approved",
        RequestEvent::Return => "returned",
        RequestEvent::Reject => "rejected",
    };
    record(&mut tx, now, subject, &d.request, &d.unit_region_path, Step { event: name, step: current.step(), comment: comment.trim() })
        .await?;
    notify_after(&mut tx, now, &d.request, &d.chain, &next, comment.trim()).await?;
    tx.commit().await?;
    get(store, id).await
}

pub async fn get(store: &Store, id: RequestId) -> Result<RequestDetail> {
    let id = id.to_string();
    let id = id.as_str();
    let sql = format!("SELECT {COLUMNS} FROM purchase_requests WHERE id = $1");
    let request = sqlx::query_as::<_, PurchaseRequest>(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(store.pool())
        .await?
        .ok_or(StoreError::NotFound("purchase request"))?;
    let chain: ApprovalChain = serde_json::from_str(&request.chain).map_err(|e| StoreError::Internal(e.to_string()))?;
    let warnings: Vec<Warning> = serde_json::from_str(&request.warnings).unwrap_or_default();
    let events = sqlx::query_as::<_, RequestEventRow>(
        "SELECT e.at, e.actor, u.display_name AS actor_name, e.event, e.step, e.comment FROM request_events e JOIN users u ON u.id = e.actor WHERE e.request_id = $1 ORDER BY e.at, e.id",
    )
    .bind(id)
    .fetch_all(store.pool())
    .await?;
    let path = crate::users::org_region_path(store, request.org_id).await?.unwrap_or_default();
    Ok(RequestDetail { request, chain, warnings, events, unit_region_path: path })
}

/// Requests of the units in `scope` ([`UnitScope`]), newest first.
pub async fn list(store: &Store, scope: &UnitScope) -> Result<Vec<PurchaseRequest>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM purchase_requests WHERE org_id IN (SELECT o.id FROM organizations o JOIN regions r ON r.id = o.region_id
         WHERE $1 = 1 OR ($2 <> '' AND r.path LIKE $2) OR o.id = $3) ORDER BY updated_at DESC"
    );
    Ok(sqlx::query_as::<_, PurchaseRequest>(sqlx::AssertSqlSafe(sql))
        .bind(crate::scope::flag(scope.all()))
        .bind(crate::scope::subtree(scope.supervised()))
        .bind(crate::scope::org(scope.own()))
        .fetch_all(store.pool())
        .await?)
}

async fn list_for_org(store: &Store, org: &str) -> Result<Vec<PurchaseRequest>> {
    let sql = format!("SELECT {COLUMNS} FROM purchase_requests WHERE org_id = $1 ORDER BY updated_at DESC");
    Ok(sqlx::query_as::<_, PurchaseRequest>(sqlx::AssertSqlSafe(sql)).bind(org).fetch_all(store.pool()).await?)
}

/// Requests waiting at a step the subject may act on.
pub async fn waiting_for(store: &Store, subject: &Subject) -> Result<Vec<PurchaseRequest>> {
    let mut out = Vec::new();
    for r in list_for_org(store, &subject.org.to_string()).await? {
        if r.state != RequestStatus::InReview || r.applicant == subject.user {
            continue;
        }
        let chain: ApprovalChain = serde_json::from_str(&r.chain).map_err(|e| StoreError::Internal(e.to_string()))?;
        if let Some(step) = r.step.and_then(|s| chain.steps.get(s as usize))
            && subject.has(step.role)
        {
            out.push(r);
        }
    }
    Ok(out)
}

/// Approved requests of a unit not yet in a plan (the plan form offers them).
/// The plan an approved 申购 went into (its id and number), if any.
pub async fn plan_of(store: &Store, request: RequestId) -> Result<Option<(caigou_domain::ids::PlanId, String)>> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT p.id, p.plan_no FROM plan_requests pr JOIN plans p ON p.id = pr.plan_id WHERE pr.request_id = $1 ORDER BY p.created_at DESC LIMIT 1",
    )
    .bind(request.to_string())
    .fetch_optional(store.pool())
    .await?;
    row.map(|(id, no)| Ok((crate::stored("plan id", &id)?, no))).transpose()
}

pub async fn unplanned_approved(store: &Store, org: OrgId) -> Result<Vec<PurchaseRequest>> {
    let org = org.to_string();
    let org = org.as_str();
    let sql = format!(
        "SELECT {COLUMNS} FROM purchase_requests WHERE org_id = $1 AND state = 'approved' AND id NOT IN (SELECT request_id FROM plan_requests) ORDER BY request_no"
    );
    Ok(sqlx::query_as::<_, PurchaseRequest>(sqlx::AssertSqlSafe(sql)).bind(org).fetch_all(store.pool()).await?)
}

/// The current step's role, for authorization.
pub fn current_step_role(d: &RequestDetail) -> Option<Role> {
    // Only a request in review has a step someone can act on; a returned one keeps its step
    // number for the record but waits for the applicant.
    if d.request.state != RequestStatus::InReview {
        return None;
    }
    d.request.step.and_then(|s| d.chain.steps.get(s as usize)).map(|s| s.role)
}
