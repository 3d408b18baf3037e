//! Projects (采购项目) and lots (标项) made from filed plans entrusted to an agency (委托), their
//! scheduled transitions, and termination. Documents and publishing are in [`crate::documents`];
//! obtaining documents, questions and clarifications in [`crate::tendering`].

use caigou_domain::Money;
use caigou_domain::Msg;
use caigou_domain::authz::Subject;
use caigou_domain::authz::scope::ProjectScope;
use caigou_domain::catalog::{ObjectType, PinmuCode};
use caigou_domain::ids::{AnnouncementId, FileId, LotId, OrgId, PlanId, ProjectId, RegionId, UserId, parse_region_path};
use caigou_domain::planning::Method;
use caigou_domain::tender::{LotFacts, LotStatus, ProjectStatus, Refused, SmePolicy, check_lots, project_number};
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::audit::{self, Actor, Change};
use crate::notify::{self, Message};
use crate::{Result, Store, StoreError, Tx, new_id, regions, scope};

pub mod confirmations;
mod lifecycle;

pub use lifecycle::{DEADLINE, DOCUMENTS_CLOSE, FailureDue, failures_due, register, terminate};

/// Organizations a plan may be entrusted to: agencies, the 集中采购机构, or the unit itself.
pub async fn entrust(store: &Store, subject: &Subject, plan: PlanId, runner: OrgId) -> Result<()> {
    let plan_id = plan.to_string();
    let plan_id = plan_id.as_str();
    let plan = crate::plans::get(store, plan).await?.plan;
    if plan.org_id != subject.org {
        return Err(StoreError::NotFound("plan"));
    }
    if !plan.status.procurable() {
        return Err(StoreError::reject("project.plan_not_filed"));
    }
    if !plan.method.entrustable() {
        return Err(StoreError::reject("project.emall_not_entrusted"));
    }
    let in_project: Option<String> =
        sqlx::query_scalar("SELECT project_id FROM project_plans WHERE plan_id = $1").bind(plan_id).fetch_optional(store.pool()).await?;
    if in_project.is_some() {
        return Err(StoreError::reject("project.plan_in_project"));
    }
    let kind: Option<String> =
        sqlx::query_scalar("SELECT kind FROM organizations WHERE id = $1").bind(runner.to_string()).fetch_optional(store.pool()).await?;
    let Some(kind) = kind else { return Err(StoreError::NotFound("organization")) };
    let self_run = runner == subject.org;
    if !(self_run || kind == "agency" || kind == "central_agency") {
        return Err(StoreError::reject("project.bad_runner"));
    }
    if plan.entrust_central != 0 && kind != "central_agency" {
        return Err(StoreError::reject("PLAN-CENTRALIZED"));
    }
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    sqlx::query(
        "INSERT INTO entrustments (plan_id, runner_org_id, entrusted_by, entrusted_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (plan_id) DO UPDATE SET runner_org_id = excluded.runner_org_id, entrusted_by = excluded.entrusted_by, entrusted_at = excluded.entrusted_at",
    )
    .bind(plan_id)
    .bind(runner.to_string())
    .bind(subject.user.to_string())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let path: String = sqlx::query_scalar("SELECT r.path FROM organizations o JOIN regions r ON r.id = o.region_id WHERE o.id = $1")
        .bind(plan.org_id.to_string())
        .fetch_one(&mut *tx)
        .await?;
    let detail = serde_json::json!({"runner": runner.to_string(), "plan_no": plan.plan_no});
    audit::append(
        &mut tx,
        now,
        &Actor::of(subject),
        Change { action: "plan.entrusted", object_type: "plan", object_id: plan_id, region_path: &path, detail: &detail },
    )
    .await?;
    if !self_run {
        for user in staff_of(&mut tx, runner).await? {
            notify::notify(
                &mut tx,
                now,
                user,
                &Message {
                    kind: "plan.entrusted",
                    text: Msg::new("notice.plan.entrusted").arg("plan_no", &plan.plan_no).arg("name", &plan.name),
                    link: Some("/projects/new"),
                },
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Active users of an organization.
pub(crate) async fn staff_of(tx: &mut Tx, org: OrgId) -> Result<Vec<UserId>> {
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT id FROM users WHERE org_id = $1 AND disabled = 0").bind(org.to_string()).fetch_all(&mut **tx).await?;
    ids.iter().map(|i| crate::stored("user id", i)).collect()
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct EntrustedPlan {
    #[sqlx(try_from = "String")]
    pub id: PlanId,
    pub plan_no: String,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub method: Method,
    #[sqlx(try_from = "String")]
    pub object_type: ObjectType,
    pub total: i64,
    #[sqlx(try_from = "String")]
    pub unit_id: OrgId,
    pub unit_name: String,
    pub entrusted_at: i64,
}

/// Filed plans entrusted to `runner` and not yet in a project.
pub async fn entrusted_plans(store: &Store, runner: OrgId) -> Result<Vec<EntrustedPlan>> {
    Ok(sqlx::query_as::<_, EntrustedPlan>(
        "SELECT p.id, p.plan_no, p.name, p.method, p.object_type, p.total, p.org_id AS unit_id, o.name AS unit_name, e.entrusted_at
         FROM entrustments e JOIN plans p ON p.id = e.plan_id JOIN organizations o ON o.id = p.org_id
         WHERE e.runner_org_id = $1 AND p.status = 'filed' AND NOT EXISTS (SELECT 1 FROM project_plans pp WHERE pp.plan_id = p.id)
         ORDER BY e.entrusted_at",
    )
    .bind(runner.to_string())
    .fetch_all(store.pool())
    .await?)
}

/// An item of a lot as entered.
#[derive(Debug, Clone, Deserialize)]
pub struct ItemInput {
    pub code: PinmuCode,
    pub description: String,
    pub quantity: i64,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub specs: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LotInput {
    pub name: String,
    pub budget: Money,
    pub max_price: Option<Money>,
    pub sme: SmePolicy,
    /// 投标保证金 required of each bidder.
    #[serde(default)]
    pub deposit: Option<Money>,
    pub items: Vec<ItemInput>,
}

/// What the runner may change on a draft's lot.
#[derive(Debug, Clone, Copy)]
pub struct LotSettings {
    pub max_price: Option<Money>,
    pub sme: SmePolicy,
    pub deposit: Option<Money>,
}

#[derive(Debug, Clone)]
pub struct NewProject {
    pub name: String,
    pub plan_ids: Vec<PlanId>,
    /// Empty: one lot per plan, from the plan's items and amount.
    pub lots: Vec<LotInput>,
}

/// Creates a draft project from plans entrusted to the subject's organization.
pub async fn create(store: &Store, subject: &Subject, input: &NewProject) -> Result<ProjectId> {
    if input.name.trim().is_empty() {
        return Err(StoreError::reject_with("project.invalid", Msg::new("error.project.invalid")));
    }
    if input.plan_ids.is_empty() {
        return Err(StoreError::reject_with("project.invalid", Msg::new("error.project.invalid.choose_at_least")));
    }
    let mut plans = Vec::new();
    for &id in &input.plan_ids {
        let runner: Option<String> = sqlx::query_scalar("SELECT runner_org_id FROM entrustments WHERE plan_id = $1")
            .bind(id.to_string())
            .fetch_optional(store.pool())
            .await?;
        if runner.as_deref() != Some(subject.org.to_string().as_str()) {
            return Err(StoreError::NotFound("plan"));
        }
        let d = crate::plans::get(store, id).await?;
        if !d.plan.status.procurable() {
            return Err(StoreError::reject_with(
                "project.plan_not_filed",
                Msg::new("error.project.plan_not_filed.plan_plan_no").arg("plan_no", d.plan.plan_no),
            ));
        }
        plans.push(d);
    }
    let method = plans[0].plan.method;
    if caigou_domain::tender::Family::of(method).is_none() {
        return Err(StoreError::reject_with("project.invalid", Msg::new("error.project.invalid.e_mall_framework")));
    }
    if plans.iter().any(|p| p.plan.method != plans[0].plan.method || p.plan.object_type != plans[0].plan.object_type) {
        return Err(StoreError::reject_with("project.invalid", Msg::new("error.project.invalid.plans_combined_one")));
    }
    let object_type = plans[0].plan.object_type;
    let unit_region: String = sqlx::query_scalar("SELECT region_id FROM organizations WHERE id = $1")
        .bind(plans[0].plan.org_id.to_string())
        .fetch_one(store.pool())
        .await?;
    let unit_region: RegionId = crate::stored("region id", unit_region)?;
    let region = regions::get(store, unit_region).await?;
    let today = store.clock().today();
    let policy = regions::effective_policy(store, unit_region, today).await?;
    let plans_total = plans.iter().fold(Money::ZERO, |acc, p| acc.checked_add(Money::from_fen(p.plan.total)).unwrap_or(acc));
    let lots: Vec<LotInput> = if input.lots.is_empty() {
        plans
            .iter()
            .map(|p| LotInput {
                name: p.plan.name.clone(),
                budget: Money::from_fen(p.plan.total),
                max_price: None,
                deposit: None,
                sme: SmePolicy::None,
                items: p
                    .items
                    .iter()
                    .filter_map(|i| {
                        Some(ItemInput {
                            code: i.pinmu_code.parse().ok()?,
                            description: i.description.clone(),
                            quantity: i.quantity,
                            unit: String::new(),
                            specs: String::new(),
                        })
                    })
                    .collect(),
            })
            .collect()
    } else {
        input.lots.clone()
    };
    let facts: Vec<LotFacts> =
        lots.iter().map(|l| LotFacts { budget: l.budget, max_price: l.max_price, sme: l.sme, deposit: l.deposit }).collect();
    let deposit_cap = crate::statutory::get(store).await?.deposit_cap_bp;
    let violations = check_lots(&facts, plans_total, policy.sme_deduction.small_micro_bp, deposit_cap);
    if !violations.is_empty() {
        return Err(StoreError::rejected(&Refused(violations)));
    }
    for (i, l) in lots.iter().enumerate() {
        if l.name.trim().is_empty() || l.items.is_empty() || l.items.iter().any(|it| it.quantity <= 0 || it.description.trim().is_empty()) {
            return Err(StoreError::reject_with("project.invalid", Msg::new("error.project.invalid.lot").arg("n", i + 1)));
        }
    }

    let now = store.clock().now_ms();
    let project = ProjectId(new_id());
    let id = project.to_string();
    let mut tx = store.begin().await?;
    let counter = format!("project:{}:{}:{}", region.code, today.year(), method.key());
    sqlx::query("INSERT INTO counters (name, value) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING").bind(&counter).execute(&mut *tx).await?;
    let seq: i64 = sqlx::query_scalar("UPDATE counters SET value = value + 1 WHERE name = $1 RETURNING value")
        .bind(&counter)
        .fetch_one(&mut *tx)
        .await?;
    let number = project_number(&region.code, today.year(), method, seq);
    sqlx::query(
        "INSERT INTO projects (id, project_no, name, region_id, runner_org_id, method, object_type, status, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9)",
    )
    .bind(&id)
    .bind(&number)
    .bind(input.name.trim())
    .bind(unit_region.to_string())
    .bind(subject.org.to_string())
    .bind(method.key())
    .bind(object_type.key())
    .bind(subject.user.to_string())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    for p in &plans {
        sqlx::query("INSERT INTO project_plans (plan_id, project_id) VALUES ($1, $2)")
            .bind(p.plan.id.to_string())
            .bind(&id)
            .execute(&mut *tx)
            .await
            .map_err(|e| {
                let e = StoreError::from(e);
                if e.is_unique_violation() {
                    StoreError::reject_with("project.plan_in_project", Msg::new("error.project.plan_in_project.plan_already_project"))
                } else {
                    e
                }
            })?;
    }
    for (n, l) in lots.iter().enumerate() {
        let lot_id = new_id().to_string();
        sqlx::query(
            "INSERT INTO lots (id, project_id, lot_no, name, budget, max_price, sme, deposit, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active')",
        )
        .bind(&lot_id)
        .bind(&id)
        .bind(n as i64 + 1)
        .bind(l.name.trim())
        .bind(l.budget.fen())
        .bind(l.max_price.map(|m| m.fen()))
        .bind(serde_json::to_string(&l.sme).map_err(|e| StoreError::Internal(e.to_string()))?)
        .bind(l.deposit.map(|d| d.fen()))
        .execute(&mut *tx)
        .await?;
        for (k, it) in l.items.iter().enumerate() {
            sqlx::query("INSERT INTO lot_items (id, lot_id, position, pinmu_code, description, quantity, unit, specs) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .bind(new_id().to_string())
                .bind(&lot_id)
                .bind(k as i64)
                .bind(it.code.to_string())
                .bind(it.description.trim())
                .bind(it.quantity)
                .bind(it.unit.trim())
                .bind(it.specs.trim())
                .execute(&mut *tx)
                .await?;
        }
    }
    let detail = serde_json::json!({"project_no": number, "plans": input.plan_ids, "lots": lots.len(), "method": method.key()});
    audit::append(
        &mut tx,
        now,
        &Actor::of(subject),
        Change { action: "project.created", object_type: "project", object_id: &id, region_path: &region.path, detail: &detail },
    )
    .await?;
    tx.commit().await?;
    Ok(project)
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Project {
    #[sqlx(try_from = "String")]
    pub id: ProjectId,
    pub project_no: String,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub region_id: RegionId,
    #[sqlx(try_from = "String")]
    pub runner_org_id: OrgId,
    #[sqlx(try_from = "String")]
    pub method: Method,
    #[sqlx(try_from = "String")]
    pub object_type: ObjectType,
    #[sqlx(try_from = "String")]
    pub status: ProjectStatus,
    pub documents: Option<String>,
    pub created_at: i64,
    pub published_at: Option<i64>,
    pub issued_on: Option<String>,
    pub documents_until: Option<String>,
    pub documents_close_at: Option<i64>,
    pub documents_closed_at: Option<i64>,
    pub deadline_at: Option<i64>,
    #[sqlx(try_from = "crate::row::Nullable")]
    pub announcement_id: Option<AnnouncementId>,
    #[sqlx(try_from = "crate::row::Nullable")]
    pub doc_html_file_id: Option<FileId>,
    #[sqlx(try_from = "crate::row::Nullable")]
    pub doc_pdf_file_id: Option<FileId>,
    pub doc_sha256: Option<String>,
    pub terminated_at: Option<i64>,
    pub termination_reason: Option<String>,
    pub custodian_threshold: Option<i64>,
    pub opening_key_id: Option<String>,
}

impl Project {
    pub fn opening_public_key_set(&self) -> bool {
        self.opening_key_id.is_some()
    }
}

const PROJECT_COLUMNS: &str =
    "id, project_no, name, region_id, runner_org_id, method, object_type, status, documents, created_at, published_at, issued_on,
    documents_until, documents_close_at, documents_closed_at, deadline_at, announcement_id, doc_html_file_id, doc_pdf_file_id, doc_sha256,
    terminated_at, termination_reason, custodian_threshold, opening_key_id";

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct LotItem {
    pub pinmu_code: String,
    pub description: String,
    pub quantity: i64,
    pub unit: String,
    pub specs: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Lot {
    pub id: LotId,
    pub lot_no: i64,
    pub name: String,
    pub budget: i64,
    pub max_price: Option<i64>,
    pub sme: SmePolicy,
    /// 投标保证金, fen.
    pub deposit: Option<i64>,
    pub status: LotStatus,
    pub termination_reason: Option<String>,
    pub items: Vec<LotItem>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ProjectPlan {
    #[sqlx(try_from = "String")]
    pub id: PlanId,
    pub plan_no: String,
    pub name: String,
    pub total: i64,
    #[sqlx(try_from = "String")]
    pub unit_id: OrgId,
    pub unit_name: String,
}

/// A project with everything its pages and documents show.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectView {
    pub project: Project,
    pub runner_name: String,
    pub region_name: String,
    pub region_code: String,
    pub region_path: String,
    pub plans: Vec<ProjectPlan>,
    pub lots: Vec<Lot>,
}

impl ProjectView {
    pub fn method(&self) -> Method {
        self.project.method
    }

    pub fn object_type(&self) -> ObjectType {
        self.project.object_type
    }

    pub fn runner(&self) -> OrgId {
        self.project.runner_org_id
    }

    /// The purchasing units the project serves.
    pub fn purchasers(&self) -> Vec<OrgId> {
        let mut v: Vec<OrgId> = self.plans.iter().map(|p| p.unit_id).collect();
        v.sort();
        v.dedup();
        v
    }

    pub fn purchaser_names(&self) -> String {
        let mut names: Vec<&str> = self.plans.iter().map(|p| p.unit_name.as_str()).collect();
        names.dedup();
        names.join("、")
    }

    pub fn region_ids(&self) -> Vec<RegionId> {
        parse_region_path(&self.region_path)
    }

    pub fn budget(&self) -> Money {
        Money::from_fen(self.lots.iter().map(|l| l.budget).sum())
    }

    pub fn pinmu_codes(&self) -> Vec<String> {
        self.lots.iter().flat_map(|l| l.items.iter().map(|i| i.pinmu_code.clone())).collect()
    }
}

pub async fn get(store: &Store, id: ProjectId) -> Result<ProjectView> {
    let id = id.to_string();
    let id = id.as_str();
    let project = sqlx::query_as::<_, Project>(sqlx::AssertSqlSafe(format!("SELECT {PROJECT_COLUMNS} FROM projects WHERE id = $1")))
        .bind(id)
        .fetch_optional(store.pool())
        .await?
        .ok_or(StoreError::NotFound("project"))?;
    let row =
        sqlx::query("SELECT o.name AS runner, r.name_zh, r.code, r.path FROM organizations o, regions r WHERE o.id = $1 AND r.id = $2")
            .bind(project.runner_org_id.to_string())
            .bind(project.region_id.to_string())
            .fetch_one(store.pool())
            .await?;
    let plans = sqlx::query_as::<_, ProjectPlan>(
        "SELECT p.id, p.plan_no, p.name, p.total, p.org_id AS unit_id, o.name AS unit_name FROM project_plans pp JOIN plans p ON p.id = pp.plan_id
         JOIN organizations o ON o.id = p.org_id WHERE pp.project_id = $1 ORDER BY p.plan_no",
    )
    .bind(id)
    .fetch_all(store.pool())
    .await?;
    let lot_rows = sqlx::query(
        "SELECT id, lot_no, name, budget, max_price, sme, deposit, status, termination_reason FROM lots WHERE project_id = $1 ORDER BY lot_no",
    )
    .bind(id)
    .fetch_all(store.pool())
    .await?;
    let mut lots = Vec::new();
    for r in lot_rows {
        let lot_id: String = r.try_get("id")?;
        let id: LotId = crate::stored("lot id", &lot_id)?;
        let items = sqlx::query_as::<_, LotItem>(
            "SELECT pinmu_code, description, quantity, unit, specs FROM lot_items WHERE lot_id = $1 ORDER BY position",
        )
        .bind(&lot_id)
        .fetch_all(store.pool())
        .await?;
        let sme: String = r.try_get("sme")?;
        lots.push(Lot {
            id,
            lot_no: r.try_get("lot_no")?,
            name: r.try_get("name")?,
            budget: r.try_get("budget")?,
            max_price: r.try_get("max_price")?,
            sme: serde_json::from_str(&sme).map_err(|e| StoreError::Internal(format!("bad stored sme {sme:?}: {e}")))?,
            deposit: r.try_get("deposit")?,
            status: crate::stored("lot status", r.try_get::<String, _>("status")?)?,
            termination_reason: r.try_get("termination_reason")?,
            items,
        });
    }
    Ok(ProjectView {
        project,
        runner_name: row.try_get("runner")?,
        region_name: row.try_get("name_zh")?,
        region_code: row.try_get("code")?,
        region_path: row.try_get("path")?,
        plans,
        lots,
    })
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ProjectRow {
    #[sqlx(try_from = "String")]
    pub id: ProjectId,
    pub project_no: String,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub method: Method,
    #[sqlx(try_from = "String")]
    pub status: ProjectStatus,
    pub runner_name: String,
    pub deadline_at: Option<i64>,
    pub created_at: i64,
}

/// Projects in `scope` (what [`ProjectScope`] lets its subject see from the inside), newest first.
pub async fn list(store: &Store, scope: &ProjectScope) -> Result<Vec<ProjectRow>> {
    Ok(sqlx::query_as::<_, ProjectRow>(
        "SELECT p.id, p.project_no, p.name, p.method, p.status, o.name AS runner_name, p.deadline_at, p.created_at
         FROM projects p JOIN organizations o ON o.id = p.runner_org_id JOIN regions r ON r.id = p.region_id
         WHERE $1 = 1 OR ($2 <> '' AND r.path LIKE $2) OR p.runner_org_id = $3
            OR ($4 <> '' AND EXISTS (SELECT 1 FROM project_plans pp JOIN plans pl ON pl.id = pp.plan_id WHERE pp.project_id = p.id AND pl.org_id = $4))
         ORDER BY p.created_at DESC LIMIT 300",
    )
    .bind(scope::flag(scope.all()))
    .bind(scope::subtree(scope.supervised()))
    .bind(scope::org(scope.runner()))
    .bind(scope::org(scope.purchaser()))
    .fetch_all(store.pool())
    .await?)
}

async fn audit_project(tx: &mut Tx, now: i64, actor: &Actor, id: ProjectId, action: &str, detail: serde_json::Value) -> Result<()> {
    let id = id.to_string();
    let path: String = sqlx::query_scalar("SELECT r.path FROM projects p JOIN regions r ON r.id = p.region_id WHERE p.id = $1")
        .bind(&id)
        .fetch_one(&mut **tx)
        .await?;
    audit::append(tx, now, actor, Change { action, object_type: "project", object_id: &id, region_path: &path, detail: &detail }).await?;
    Ok(())
}

/// Users to tell about a project: the runner's staff and the purchasing units' staff.
pub(crate) async fn stakeholders(tx: &mut Tx, id: ProjectId) -> Result<Vec<UserId>> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT u.id FROM users u WHERE u.disabled = 0 AND (u.org_id = (SELECT runner_org_id FROM projects WHERE id = $1)
            OR u.org_id IN (SELECT pl.org_id FROM project_plans pp JOIN plans pl ON pl.id = pp.plan_id WHERE pp.project_id = $1))",
    )
    .bind(id.to_string())
    .fetch_all(&mut **tx)
    .await?;
    ids.iter().map(|i| crate::stored("user id", i)).collect()
}

/// Users of every supplier that obtained documents of the project (or of one lot).
pub(crate) async fn obtainers(tx: &mut Tx, project: ProjectId, lot: Option<LotId>) -> Result<Vec<UserId>> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT u.id FROM documents_obtained d JOIN lots l ON l.id = d.lot_id JOIN users u ON u.org_id = d.supplier_org_id
         WHERE l.project_id = $1 AND ($2 = '' OR l.id = $2) AND u.disabled = 0",
    )
    .bind(project.to_string())
    .bind(lot.map(|l| l.to_string()).unwrap_or_default())
    .fetch_all(&mut **tx)
    .await?;
    ids.iter().map(|i| crate::stored("user id", i)).collect()
}

pub(crate) async fn tell(tx: &mut Tx, now: i64, users: &[UserId], m: &Message<'_>) -> Result<()> {
    for u in users {
        notify::notify(tx, now, *u, m).await?;
    }
    Ok(())
}

/// Organizations that run projects for others: agencies and the 集中采购机构 (id, name, kind).
pub async fn runners(store: &Store) -> Result<Vec<(String, String, String)>> {
    Ok(sqlx::query_as("SELECT id, name, kind FROM organizations WHERE kind IN ('agency', 'central_agency') ORDER BY kind DESC, name")
        .fetch_all(store.pool())
        .await?)
}

/// The project a lot belongs to.
pub async fn project_of_lot(store: &Store, lot: LotId) -> Result<ProjectId> {
    let p: Option<String> =
        sqlx::query_scalar("SELECT project_id FROM lots WHERE id = $1").bind(lot.to_string()).fetch_optional(store.pool()).await?;
    crate::stored("project id", p.ok_or(StoreError::NotFound("lot"))?)
}

/// Where a plan stands in project procurement: (runner id, runner name, project id).
pub async fn entrustment_of(store: &Store, plan: PlanId) -> Result<Option<(String, String, Option<String>)>> {
    Ok(sqlx::query_as(
        "SELECT e.runner_org_id, o.name, (SELECT pp.project_id FROM project_plans pp WHERE pp.plan_id = e.plan_id)
         FROM entrustments e JOIN organizations o ON o.id = e.runner_org_id WHERE e.plan_id = $1",
    )
    .bind(plan.to_string())
    .fetch_optional(store.pool())
    .await?)
}

/// Sets a lot's price ceiling, SME policy and bid deposit while the project is a draft; checked
/// against the lot budget, the region's deduction rate and the 2 % deposit ceiling.
pub async fn update_lot(store: &Store, subject: &Subject, project: ProjectId, lot: LotId, settings: LotSettings) -> Result<()> {
    let LotSettings { max_price, sme, deposit } = settings;
    let view = get(store, project).await?;
    if !view.project.status.editable() {
        return Err(StoreError::reject_with("documents.published", Msg::new("error.documents.published.project_published_lots")));
    }
    let l = view.lots.iter().find(|l| l.id == lot).ok_or(StoreError::NotFound("lot"))?;
    let policy = regions::effective_policy(store, view.project.region_id, store.clock().today()).await?;
    let plans_total = Money::from_fen(view.plans.iter().map(|p| p.total).sum());
    let facts: Vec<LotFacts> = view
        .lots
        .iter()
        .map(|x| {
            if x.id == lot {
                LotFacts { budget: Money::from_fen(x.budget), max_price, sme, deposit }
            } else {
                LotFacts {
                    budget: Money::from_fen(x.budget),
                    max_price: x.max_price.map(Money::from_fen),
                    sme: x.sme,
                    deposit: x.deposit.map(Money::from_fen),
                }
            }
        })
        .collect();
    let deposit_cap = crate::statutory::get(store).await?.deposit_cap_bp;
    let violations = check_lots(&facts, plans_total, policy.sme_deduction.small_micro_bp, deposit_cap);
    if !violations.is_empty() {
        return Err(StoreError::rejected(&Refused(violations)));
    }
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    // "Still a draft" said in the write (and the project row locked, so a publication that
    // rendered these lots sees the change or this sees the publication).
    let draft = sqlx::query("UPDATE projects SET status = status WHERE id = $1 AND status = 'draft'")
        .bind(project.to_string())
        .execute(&mut *tx)
        .await?;
    if draft.rows_affected() != 1 {
        return Err(StoreError::reject_with("documents.published", Msg::new("error.documents.published.project_published_lots")));
    }
    sqlx::query("UPDATE lots SET max_price = $1, sme = $2, deposit = $3 WHERE id = $4 AND project_id = $5")
        .bind(max_price.map(|m| m.fen()))
        .bind(serde_json::to_string(&sme).map_err(|e| StoreError::Internal(e.to_string()))?)
        .bind(deposit.map(|d| d.fen()))
        .bind(lot.to_string())
        .bind(project.to_string())
        .execute(&mut *tx)
        .await?;
    let detail =
        serde_json::json!({"lot": l.lot_no, "max_price": max_price.map(|m| m.fen()), "sme": sme, "deposit": deposit.map(|d| d.fen())});
    audit::append(
        &mut tx,
        now,
        &Actor::of(subject),
        Change {
            action: "project.lot_updated",
            object_type: "project",
            object_id: &project.to_string(),
            region_path: &view.region_path,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
