//! 采购意向 and 采购计划: intentions published to the portal, plans checked by the filing rules
//! and filed at once, sent to the supervisor (with a 单一来源 公示 where the law asks), or
//! refused; budget frozen and released with the plan.

use caigou_domain::Money;
use caigou_domain::Msg;
use caigou_domain::authz::{Role, Subject};
use caigou_domain::catalog::{ObjectType, PinmuCode};
use caigou_domain::ids::{AnnouncementId, BudgetLineId, IntentionId, OrgId, PlanId, RegionId, RequestId, UserId};
use caigou_domain::planning::filing::{Decision, EarlierPlan, Outcome, PlanItem, SINGLE_SOURCE_PUBLICITY_WORKING_DAYS};
use caigou_domain::planning::rules::SingleSourceGround;
use caigou_domain::planning::{ApprovalStatus, Method, PlanFacts, PlanStatus, RequestStatus, RuleId, Verdict, check_plan};
use caigou_domain::policy::PolicySet;
use caigou_i18n::Label;
use jiff::civil::Date;
use serde::Serialize;
use sqlx::Row;

use crate::audit::{self, Actor, Change};
use crate::notify::{self, Message};
use crate::{Result, Store, StoreError, Tx, budget, calendar, new_id, portal, regions};

/// An item of a plan as entered.
#[derive(Debug, Clone)]
pub struct ItemInput {
    pub code: PinmuCode,
    pub description: String,
    pub quantity: i64,
    pub amount: Money,
}

/// A plan as entered, parsed at the edge.
#[derive(Debug, Clone)]
pub struct PlanInput {
    pub name: String,
    pub budget_line_id: BudgetLineId,
    pub intention_id: Option<IntentionId>,
    pub method: Method,
    pub procurement_start: Date,
    pub entrust_central: bool,
    pub single_source_ground: Option<SingleSourceGround>,
    pub single_source_supplier: Option<String>,
    pub original_contract: Option<Money>,
    pub items: Vec<ItemInput>,
    pub previous_plan_id: Option<PlanId>,
    /// Approved 申购 this plan covers.
    pub request_ids: Vec<RequestId>,
    /// 计划变更: the open plan this one replaces. Its frozen budget counts as available, and
    /// it is closed (`amended`) in the same transaction if, and only if, this one is not refused.
    pub replaces: Option<PlanId>,
}

/// The unit a plan belongs to.
pub(crate) struct Unit {
    pub(crate) id: OrgId,
    pub(crate) name: String,
    pub(crate) region_id: String,
    pub(crate) region_path: String,
}

pub(crate) async fn unit(store: &Store, org: OrgId) -> Result<Unit> {
    let row = sqlx::query(
        "SELECT o.name, o.kind, r.id AS region_id, r.path FROM organizations o JOIN regions r ON r.id = o.region_id WHERE o.id = $1",
    )
    .bind(org.to_string())
    .fetch_optional(store.pool())
    .await?
    .ok_or(StoreError::NotFound("organization"))?;
    let kind: String = row.try_get("kind")?;
    if kind != "purchasing_unit" {
        return Err(StoreError::reject("plan.not_a_unit"));
    }
    Ok(Unit { id: org, name: row.try_get("name")?, region_id: row.try_get("region_id")?, region_path: row.try_get("path")? })
}

/// Gathers the facts the filing rules need. Read outside the submitting transaction: the only
/// fact that can race, the budget, is re-checked atomically when it is frozen.
async fn facts(store: &Store, u: &Unit, input: &PlanInput) -> Result<(PlanFacts, PolicySet)> {
    if input.items.is_empty() {
        return Err(StoreError::reject_with("plan.invalid", Msg::new("error.plan.invalid")));
    }
    if input.name.trim().is_empty() {
        return Err(StoreError::reject_with("plan.invalid", Msg::new("error.plan.invalid.give_plan_name")));
    }
    if input.items.iter().any(|i| i.amount.fen() <= 0 || i.quantity <= 0) {
        return Err(StoreError::reject_with("plan.invalid", Msg::new("error.plan.invalid.every_item_needs")));
    }
    let line = budget::get(store, input.budget_line_id).await?;
    if line.org_id != u.id {
        return Err(StoreError::NotFound("budget line"));
    }
    // 化整为零 looks at the line's fiscal year; a start outside it is the PLAN-BUDGET-YEAR finding.
    let fiscal_year = line.fiscal_year;
    let intention_published_on = match input.intention_id {
        Some(id) => {
            let i = crate::intentions::get(store, id).await?;
            if i.org_id != u.id {
                return Err(StoreError::NotFound("intention"));
            }
            Some(i.published_on.parse::<Date>().map_err(|e| StoreError::Internal(e.to_string()))?)
        }
        None => None,
    };
    let earlier_rows = sqlx::query(
        "SELECT p.plan_no, p.method, i.pinmu_code, i.amount FROM plans p JOIN plan_items i ON i.plan_id = p.id
         WHERE p.budget_line_id = $1 AND p.fiscal_year = $2 AND p.status IN ('filed', 'awaiting_approval', 'publicity')",
    )
    .bind(line.id.to_string())
    .bind(fiscal_year)
    .fetch_all(store.pool())
    .await?;
    let replaced = match &input.replaces {
        Some(id) => Some(get(store, *id).await?.plan),
        None => None,
    };
    let mut earlier_in_year = Vec::new();
    for r in earlier_rows {
        let no: String = r.try_get("plan_no")?;
        if replaced.as_ref().is_some_and(|p| p.plan_no == no) {
            continue;
        }
        let method: String = r.try_get("method")?;
        let code: String = r.try_get("pinmu_code")?;
        earlier_in_year.push(EarlierPlan {
            plan_no: r.try_get("plan_no")?,
            code: code.parse().map_err(|_| StoreError::Internal("bad stored code".into()))?,
            amount: Money::from_fen(r.try_get("amount")?),
            method: Method::parse(&method).ok_or_else(|| StoreError::Internal("bad stored method".into()))?,
        });
    }
    let policy = regions::effective_policy(store, crate::stored("region id", &u.region_id)?, store.clock().today()).await?;
    let facts = PlanFacts {
        method: input.method,
        items: input.items.iter().map(|i| PlanItem { code: i.code.clone(), amount: i.amount }).collect(),
        procurement_start: input.procurement_start,
        // What the replaced plan froze on this line is available to its replacement.
        budget_available: match &replaced {
            Some(p) if p.budget_line_id == line.id => line.available().checked_add(Money::from_fen(p.frozen)).unwrap_or(line.available()),
            _ => line.available(),
        },
        budget_fiscal_year: i16::try_from(line.fiscal_year).map_err(|_| StoreError::Internal("bad stored fiscal year".into()))?,
        intention_published_on,
        entrusted_to_central_agency: input.entrust_central,
        earlier_in_year,
        single_source_ground: input.single_source_ground,
        original_contract: input.original_contract,
    };
    Ok((facts, policy))
}

/// Runs the filing rules without writing anything (the form's check button). Also returns the
/// methods the plan could be filed with at once.
pub async fn check(store: &Store, org: OrgId, input: &PlanInput) -> Result<(Outcome, Vec<Method>)> {
    let u = unit(store, org).await?;
    let (facts, policy) = facts(store, &u, input).await?;
    Ok((check_plan(&facts, &policy), caigou_domain::planning::filing::methods_filed_directly(&facts, &policy)))
}

async fn next_number(tx: &mut Tx, year: i64) -> Result<String> {
    let name = format!("plan-{year}");
    sqlx::query("INSERT INTO counters (name, value) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING").bind(&name).execute(&mut **tx).await?;
    let n: i64 = sqlx::query_scalar("UPDATE counters SET value = value + 1 WHERE name = $1 RETURNING value")
        .bind(&name)
        .fetch_one(&mut **tx)
        .await?;
    Ok(format!("JH{year}-{n:05}"))
}

/// Supervisors whose region is the unit's region or one of its ancestors.
pub(crate) async fn supervisors_of(store: &Store, unit_region_path: &str) -> Result<Vec<UserId>> {
    let rows = sqlx::query("SELECT u.id, r.path FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN organizations o ON o.id = u.org_id JOIN regions r ON r.id = o.region_id WHERE ur.role = $1 AND u.disabled = 0")
        .bind(Role::Supervisor.key())
        .fetch_all(store.pool())
        .await?;
    let mut out = Vec::new();
    for r in rows {
        let path: String = r.try_get("path")?;
        if unit_region_path.starts_with(&path) {
            let id: String = r.try_get("id")?;
            if let Ok(u) = id.parse() {
                out.push(u);
            }
        }
    }
    Ok(out)
}

/// What a submission produced.
#[derive(Debug, Clone, Serialize)]
pub struct Submitted {
    pub id: PlanId,
    pub plan_no: String,
    pub status: PlanStatus,
    pub outcome: Outcome,
    pub publicity_ends_on: Option<String>,
}

/// Submits a plan: checks every rule, then files it, sends it for approval (freezing the budget
/// either way) or records the refusal with its reasons.
pub async fn submit(store: &Store, subject: &Subject, input: &PlanInput) -> Result<Submitted> {
    let u = unit(store, subject.org).await?;
    let (facts, policy) = facts(store, &u, input).await?;
    let mut outcome = check_plan(&facts, &policy);
    let total = facts.total();
    let today = store.clock().today();
    let publicity_ends_on = match outcome.decision {
        Decision::NeedsApproval { publicity: true } => {
            let cal = calendar::load(store).await?;
            Some(cal.add_working_days(today, SINGLE_SOURCE_PUBLICITY_WORKING_DAYS).map_err(|e| StoreError::rejected(&e))?)
        }
        _ => None,
    };
    let now = store.clock().now_ms();
    let actor = Actor::of(subject);
    let mut tx = store.begin().await?;
    let plan_no = next_number(&mut tx, i64::from(input.procurement_start.year())).await?;
    let plan_id = PlanId(new_id());
    let id = plan_id.to_string();

    // A change (变更) closes the plan it replaces first, releasing its budget, unless the new
    // version is refused: then the old plan stands untouched.
    if let (Some(old), true) = (&input.replaces, outcome.decision != Decision::Refused) {
        let d = get(store, *old).await?;
        if d.plan.org_id.to_string() != u.id.to_string() {
            return Err(StoreError::NotFound("plan"));
        }
        let closed = sqlx::query("UPDATE plans SET status = 'amended', frozen = 0, decided_at = $1 WHERE id = $2 AND status IN ('filed', 'awaiting_approval', 'publicity') AND frozen = $3")
            .bind(now)
            .bind(old.to_string())
            .bind(d.plan.frozen)
            .execute(&mut *tx)
            .await?;
        if closed.rows_affected() != 1 {
            return Err(StoreError::reject("plan.not_open"));
        }
        budget::release(&mut tx, d.plan.budget_line_id, Money::from_fen(d.plan.frozen)).await?;
        sqlx::query("UPDATE plan_approvals SET status = 'withdrawn' WHERE plan_id = $1 AND status = 'waiting'")
            .bind(old.to_string())
            .execute(&mut *tx)
            .await?;
    }

    // The budget is frozen atomically; losing a race turns the plan into a refusal.
    let mut frozen = Money::ZERO;
    if outcome.decision != Decision::Refused {
        if budget::try_freeze(&mut tx, input.budget_line_id, total).await? {
            frozen = total;
        } else {
            let line = budget::get_in(&mut tx, input.budget_line_id).await?;
            for f in outcome.findings.iter_mut().filter(|f| f.rule == RuleId::Budget) {
                f.verdict = Verdict::Refused;
                f.text = Msg::new("finding.plan.budget_short_at_submit").arg("available", line.available()).arg("total", total);
            }
            outcome.decision = Decision::Refused;
        }
    }
    let status = PlanStatus::after_filing(outcome.decision);
    let findings = serde_json::to_string(&outcome.findings).map_err(|e| StoreError::Internal(e.to_string()))?;
    sqlx::query(
        "INSERT INTO plans (id, plan_no, org_id, budget_line_id, intention_id, previous_plan_id, name, method, object_type, total, procurement_start, entrust_central,
            single_source_ground, single_source_supplier, original_contract, status, findings, frozen, fiscal_year, created_by, created_at, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)",
    )
    .bind(&id)
    .bind(&plan_no)
    .bind(u.id.to_string())
    .bind(input.budget_line_id.to_string())
    .bind(input.intention_id.map(|i| i.to_string()))
    .bind(input.previous_plan_id.map(|p| p.to_string()))
    .bind(input.name.trim())
    .bind(input.method.key())
    .bind(facts.object_type().key())
    .bind(total.fen())
    .bind(input.procurement_start.to_string())
    .bind(i64::from(input.entrust_central))
    .bind(input.single_source_ground.map(|g| g.key()))
    .bind(&input.single_source_supplier)
    .bind(input.original_contract.map(|m| m.fen()))
    .bind(status.as_str())
    .bind(&findings)
    .bind(frozen.fen())
    .bind(i64::from(input.procurement_start.year()))
    .bind(subject.user.to_string())
    .bind(now)
    .bind(if status.decided_at_submission() { Some(now) } else { None })
    .execute(&mut *tx)
    .await?;
    if outcome.decision != Decision::Refused {
        link_requests(&mut tx, &id, &u, &input.request_ids).await?;
        if let Some(old) = &input.replaces {
            sqlx::query("UPDATE plan_requests SET plan_id = $1 WHERE plan_id = $2")
                .bind(&id)
                .bind(old.to_string())
                .execute(&mut *tx)
                .await?;
        }
    }
    for (n, item) in input.items.iter().enumerate() {
        sqlx::query("INSERT INTO plan_items (plan_id, line_no, pinmu_code, description, quantity, amount) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&id)
            .bind(n as i64 + 1)
            .bind(item.code.as_str())
            .bind(&item.description)
            .bind(item.quantity)
            .bind(item.amount.fen())
            .execute(&mut *tx)
            .await?;
    }

    let region: RegionId = u.region_id.parse().map_err(|_| StoreError::Internal("bad region id".into()))?;
    if let Decision::NeedsApproval { publicity } = outcome.decision {
        let mut announcement = None;
        if publicity {
            let ends = publicity_ends_on.map(|d| d.to_string()).unwrap_or_default();
            let supplier = input.single_source_supplier.clone().unwrap_or_else(|| "（未填写）".into());
            let ground = input.single_source_ground.map(|g| g.label(caigou_domain::Lang::Zh)).unwrap_or("—");
            let body = format!(
                "采购人：{}\n项目名称：{}\n计划编号：{plan_no}\n拟采购金额：{total}\n拟定供应商：{supplier}\n单一来源理由：{ground}\n公示期：自发布之日起{SINGLE_SOURCE_PUBLICITY_WORKING_DAYS}个工作日，至 {ends} 止。\n任何供应商、单位或者个人对公示内容有异议的，可在公示期内通过本平台提出（实施条例第38条）。\n异议提交：/plans/{id}/objections",
                u.name,
                input.name.trim()
            );
            let title = format!("{}{}单一来源采购公示", u.name, input.name.trim());
            let codes: Vec<String> = input.items.iter().map(|i| i.code.to_string()).collect();
            announcement = Some(
                portal::publish(
                    &mut tx,
                    now,
                    &actor,
                    portal::NewAnnouncement {
                        region,
                        kind: caigou_domain::tender::AnnouncementKind::SingleSourcePublicity,
                        title: &title,
                        body: &body,
                        project_id: None,
                        method: Some(Method::SingleSource),
                        pinmu: &codes,
                        references: None,
                    },
                )
                .await?,
            );
        }
        sqlx::query("INSERT INTO plan_approvals (id, plan_id, region_path, publicity_announcement_id, publicity_ends_on, status, created_at) VALUES ($1, $2, $3, $4, $5, 'waiting', $6)")
            .bind(new_id().to_string())
            .bind(&id)
            .bind(&u.region_path)
            .bind(announcement.map(|x| x.to_string()))
            .bind(publicity_ends_on.map(|d| d.to_string()))
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let rules: Vec<&str> = outcome.findings.iter().filter(|f| f.verdict == Verdict::NeedsApproval).map(|f| f.code.as_str()).collect();
        let text = Msg::new("notice.plan.approval_waiting")
            .arg("unit", &u.name)
            .arg("plan_no", &plan_no)
            .arg("name", input.name.trim())
            .arg("total", total)
            .arg("rules", rules.join(", "));
        let link = format!("/plans/{id}");
        for s in supervisors_of(store, &u.region_path).await? {
            notify::notify(&mut tx, now, s, &Message { kind: "plan.approval_waiting", text: text.clone(), link: Some(&link) }).await?;
        }
    }
    let detail = serde_json::json!({"plan_no": plan_no, "status": status, "total": total, "method": input.method.key(), "findings": outcome.findings.iter().map(|f| (f.code.clone(), f.verdict)).collect::<Vec<_>>()});
    audit::append(
        &mut tx,
        now,
        &actor,
        Change { action: "plan.submitted", object_type: "plan", object_id: &id, region_path: &u.region_path, detail: &detail },
    )
    .await?;
    tx.commit().await?;
    Ok(Submitted { id: plan_id, plan_no, status, outcome, publicity_ends_on: publicity_ends_on.map(|d| d.to_string()) })
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Plan {
    #[sqlx(try_from = "String")]
    pub id: PlanId,
    pub plan_no: String,
    #[sqlx(try_from = "String")]
    pub org_id: OrgId,
    #[sqlx(try_from = "String")]
    pub budget_line_id: BudgetLineId,
    #[sqlx(try_from = "crate::row::Nullable")]
    pub intention_id: Option<IntentionId>,
    #[sqlx(try_from = "crate::row::Nullable")]
    pub previous_plan_id: Option<PlanId>,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub method: Method,
    #[sqlx(try_from = "String")]
    pub object_type: ObjectType,
    pub total: i64,
    pub procurement_start: String,
    pub entrust_central: i64,
    pub single_source_ground: Option<String>,
    pub single_source_supplier: Option<String>,
    pub original_contract: Option<i64>,
    #[sqlx(try_from = "String")]
    pub status: PlanStatus,
    pub findings: String,
    pub frozen: i64,
    pub fiscal_year: i64,
    #[sqlx(try_from = "String")]
    pub created_by: UserId,
    pub created_at: i64,
    pub decided_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Item {
    pub line_no: i64,
    pub pinmu_code: String,
    pub description: String,
    pub quantity: i64,
    pub amount: i64,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Approval {
    pub region_path: String,
    #[sqlx(try_from = "crate::row::Nullable")]
    pub publicity_announcement_id: Option<AnnouncementId>,
    pub publicity_ends_on: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: ApprovalStatus,
    #[sqlx(try_from = "crate::row::Nullable")]
    pub decided_by: Option<UserId>,
    pub decided_at: Option<i64>,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Objection {
    pub id: String,
    pub from_name: String,
    pub text: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanDetail {
    pub plan: Plan,
    pub unit_name: String,
    pub unit_region_path: String,
    pub items: Vec<Item>,
    pub approval: Option<Approval>,
    pub objections: Vec<Objection>,
    /// The approved 申购 the plan covers: (id, number, title).
    pub requests: Vec<(RequestId, String, String)>,
}

/// Links approved requests of the unit to a plan; each request to one plan only.
async fn link_requests(tx: &mut Tx, plan_id: &str, u: &Unit, ids: &[RequestId]) -> Result<()> {
    for rid in ids {
        let rid = rid.to_string();
        let row = sqlx::query("SELECT org_id, state, request_no FROM purchase_requests WHERE id = $1")
            .bind(&rid)
            .fetch_optional(&mut **tx)
            .await?;
        let Some(row) = row else { return Err(StoreError::NotFound("purchase request")) };
        let org: String = row.try_get("org_id")?;
        let state: RequestStatus = crate::stored("request state", row.try_get::<String, _>("state")?)?;
        let no: String = row.try_get("request_no")?;
        if org != u.id.to_string() {
            return Err(StoreError::NotFound("purchase request"));
        }
        if state != RequestStatus::Approved {
            return Err(StoreError::reject_with("plan.request_not_approved", Msg::new("error.plan.request_not_approved").arg("no", no)));
        }
        let linked: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM plan_requests WHERE request_id = $1").bind(&rid).fetch_one(&mut **tx).await?;
        if linked > 0 {
            return Err(StoreError::reject_with("plan.request_linked", Msg::new("error.plan.request_linked").arg("no", no)));
        }
        sqlx::query("INSERT INTO plan_requests (plan_id, request_id) VALUES ($1, $2)").bind(plan_id).bind(&rid).execute(&mut **tx).await?;
    }
    Ok(())
}

const PLAN_COLUMNS: &str = "id, plan_no, org_id, budget_line_id, intention_id, previous_plan_id, name, method, object_type, total, procurement_start, entrust_central, single_source_ground, single_source_supplier, original_contract, status, findings, frozen, fiscal_year, created_by, created_at, decided_at";

pub async fn get(store: &Store, id: PlanId) -> Result<PlanDetail> {
    let id = id.to_string();
    let id = id.as_str();
    let sql = format!("SELECT {PLAN_COLUMNS} FROM plans WHERE id = $1");
    let plan = sqlx::query_as::<_, Plan>(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(store.pool())
        .await?
        .ok_or(StoreError::NotFound("plan"))?;
    let row = sqlx::query("SELECT o.name, r.path FROM organizations o JOIN regions r ON r.id = o.region_id WHERE o.id = $1")
        .bind(plan.org_id.to_string())
        .fetch_one(store.pool())
        .await?;
    let items = sqlx::query_as::<_, Item>(
        "SELECT line_no, pinmu_code, description, quantity, amount FROM plan_items WHERE plan_id = $1 ORDER BY line_no",
    )
    .bind(id)
    .fetch_all(store.pool())
    .await?;
    let approval = sqlx::query_as::<_, Approval>("SELECT region_path, publicity_announcement_id, publicity_ends_on, status, decided_by, decided_at, comment FROM plan_approvals WHERE plan_id = $1")
        .bind(id)
        .fetch_optional(store.pool())
        .await?;
    let objections = sqlx::query_as::<_, Objection>(
        "SELECT id, from_name, text, created_at FROM publicity_objections WHERE plan_id = $1 ORDER BY created_at",
    )
    .bind(id)
    .fetch_all(store.pool())
    .await?;
    let requests = sqlx::query("SELECT r.id, r.request_no, r.title FROM plan_requests p JOIN purchase_requests r ON r.id = p.request_id WHERE p.plan_id = $1 ORDER BY r.request_no")
        .bind(id)
        .fetch_all(store.pool())
        .await?
        .into_iter()
        .map(|r| Ok((crate::stored("request id", r.try_get::<String, _>("id")?)?, r.try_get("request_no")?, r.try_get("title")?)))
        .collect::<Result<Vec<_>>>()?;
    Ok(PlanDetail { plan, unit_name: row.try_get("name")?, unit_region_path: row.try_get("path")?, items, approval, objections, requests })
}

pub async fn list_for_org(store: &Store, org: OrgId) -> Result<Vec<Plan>> {
    let org = org.to_string();
    let org = org.as_str();
    let sql = format!("SELECT {PLAN_COLUMNS} FROM plans WHERE org_id = $1 ORDER BY created_at DESC");
    Ok(sqlx::query_as::<_, Plan>(sqlx::AssertSqlSafe(sql)).bind(org).fetch_all(store.pool()).await?)
}

/// Ends a plan: `cancelled` by the unit, or `failed` when its procurement failed (废标). Either
/// releases the frozen budget; a failed plan can be re-filed with [`reprocure`].
pub async fn close(store: &Store, subject: &Subject, plan: PlanId, failed: bool, reason: &str) -> Result<()> {
    let d = get(store, plan).await?;
    let plan_id = plan.to_string();
    let plan_id = plan_id.as_str();
    if !d.plan.status.is_open() {
        return Err(StoreError::reject_with("plan.not_open", Msg::new("error.plan.not_open.plan_closed_already")));
    }
    if failed && !d.plan.status.procurable() {
        return Err(StoreError::reject("plan.not_filed"));
    }
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    let status = if failed { PlanStatus::Failed } else { PlanStatus::Cancelled };
    let changed = sqlx::query("UPDATE plans SET status = $1, frozen = 0, decided_at = $2 WHERE id = $3 AND status = $4")
        .bind(status.as_str())
        .bind(now)
        .bind(plan_id)
        .bind(d.plan.status.as_str())
        .execute(&mut *tx)
        .await?;
    if changed.rows_affected() != 1 {
        return Err(StoreError::reject_with("plan.not_open", Msg::new("error.plan.not_open.plan_changed_meanwhile")));
    }
    budget::release(&mut tx, d.plan.budget_line_id, Money::from_fen(d.plan.frozen)).await?;
    sqlx::query("UPDATE plan_approvals SET status = 'withdrawn' WHERE plan_id = $1 AND status = 'waiting'")
        .bind(plan_id)
        .execute(&mut *tx)
        .await?;
    let detail = serde_json::json!({"status": status, "reason": reason, "released": d.plan.frozen});
    audit::append(
        &mut tx,
        now,
        &Actor::of(subject),
        Change {
            action: if failed { "plan.failed" } else { "plan.cancelled" },
            object_type: "plan",
            object_id: plan_id,
            region_path: &d.unit_region_path,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// 重新采购: re-files a failed plan with the same (or another) method, without re-entering it.
pub async fn reprocure(
    store: &Store,
    subject: &Subject,
    plan_id: PlanId,
    method: Option<Method>,
    procurement_start: Option<Date>,
) -> Result<Submitted> {
    let d = get(store, plan_id).await?;
    if !d.plan.status.can_reprocure() {
        return Err(StoreError::reject("plan.not_failed"));
    }
    let mut items = Vec::new();
    for i in &d.items {
        items.push(ItemInput {
            code: i.pinmu_code.parse().map_err(|_| StoreError::Internal("bad stored code".into()))?,
            description: i.description.clone(),
            quantity: i.quantity,
            amount: Money::from_fen(i.amount),
        });
    }
    let input = PlanInput {
        name: d.plan.name.clone(),
        budget_line_id: d.plan.budget_line_id,
        intention_id: d.plan.intention_id,
        method: method.unwrap_or(d.plan.method),
        procurement_start: procurement_start
            .unwrap_or(d.plan.procurement_start.parse().map_err(|e: jiff::Error| StoreError::Internal(e.to_string()))?),
        entrust_central: d.plan.entrust_central == 1,
        single_source_ground: d.plan.single_source_ground.as_deref().and_then(SingleSourceGround::parse),
        single_source_supplier: d.plan.single_source_supplier.clone(),
        original_contract: d.plan.original_contract.map(Money::from_fen),
        items,
        previous_plan_id: Some(d.plan.id),
        // The requests stay with the failed plan's record; the new plan covers the same need.
        request_ids: Vec::new(),
        replaces: None,
    };
    submit(store, subject, &input).await
}

/// 计划变更: replaces an open plan with a changed version, filed by the same rules. The old
/// plan's frozen budget is released and the new amount frozen in one transaction; a refused
/// change leaves the old plan as it was.
pub async fn amend(store: &Store, subject: &Subject, plan_id: PlanId, mut input: PlanInput) -> Result<Submitted> {
    let d = get(store, plan_id).await?;
    if !d.plan.status.is_open() {
        return Err(StoreError::reject_with("plan.not_open", Msg::new("error.plan.not_open.open_plan_changed")));
    }
    input.previous_plan_id = Some(plan_id);
    input.replaces = Some(plan_id);
    submit(store, subject, &input).await
}
