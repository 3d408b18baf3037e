//! Planning API: budget lines, 采购意向, 采购计划 (check, submit, cancel, fail, re-procure),
//! supervisor approvals and 公示 objections.

use super::findings::{OutcomeOut, PlanOut, SubmittedOut};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use caigou_domain::Money;
use caigou_domain::Msg;
use caigou_domain::catalog::PinmuCode;
use caigou_domain::ids::OrgId;
use caigou_domain::planning::rules::SingleSourceGround;
use caigou_domain::planning::{Method, PlanStatus};
use caigou_store::budget::{self, NewBudgetLine};
use caigou_store::plans::{self, ItemInput, PlanInput};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::{ApiJson, ApiQuery};
use caigou_app::planning as usecase;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiResult, AppError};
use crate::input::path_id;

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct OrgQuery {
    /// The purchasing unit; default: your own organization.
    pub org: Option<String>,
    pub year: Option<i64>,
}

impl OrgQuery {
    /// The unit asked for, or the subject's own organization; 404 for a malformed id.
    pub fn unit(&self, s: &caigou_domain::authz::Subject) -> ApiResult<OrgId> {
        match self.org.as_deref() {
            Some(org) => org.parse().map_err(|_| AppError::not_found("organization")),
            None => Ok(s.org),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct BudgetLineOut {
    pub id: String,
    pub org_id: String,
    pub fiscal_year: i64,
    pub code: String,
    pub name: String,
    pub funding_source: String,
    /// Amounts in fen.
    pub amount: i64,
    pub frozen: i64,
    pub consumed: i64,
    pub paid: i64,
    pub available: i64,
}

impl From<budget::BudgetLine> for BudgetLineOut {
    fn from(l: budget::BudgetLine) -> Self {
        BudgetLineOut {
            available: l.available().fen(),
            id: l.id.to_string(),
            org_id: l.org_id.to_string(),
            fiscal_year: l.fiscal_year,
            code: l.code,
            name: l.name,
            funding_source: l.funding_source,
            amount: l.amount,
            frozen: l.frozen,
            consumed: l.consumed,
            paid: l.paid,
        }
    }
}

/// A unit's budget lines with frozen, consumed, paid and available amounts.
#[utoipa::path(get, path = "/api/v1/budget-lines", tag = "planning", security(("bearer" = [])), params(OrgQuery), responses((status = 200, body = Vec<BudgetLineOut>), (status = 403, body = crate::api::ErrorBody)))]
pub async fn budget_lines(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<OrgQuery>) -> ApiResult<Json<Vec<BudgetLineOut>>> {
    let s = ctx.subject()?;
    let unit = q.unit(s)?;
    Ok(Json(caigou_app::planning::budget::lines(&state.store, s, unit, q.year).await?.into_iter().map(Into::into).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct NewLine {
    pub fiscal_year: i64,
    pub code: String,
    pub name: String,
    pub funding_source: String,
    /// Fen.
    pub amount: i64,
}

#[derive(Deserialize, ToSchema)]
pub struct NewLines {
    pub org_id: String,
    pub lines: Vec<NewLine>,
}

#[derive(Serialize, ToSchema)]
pub struct CreatedIds {
    pub ids: Vec<String>,
}

pub async fn add_lines(state: &AppState, ctx: &Ctx, org: &str, lines: Vec<NewBudgetLine>) -> ApiResult<Vec<String>> {
    let unit: OrgId = org.parse().map_err(|_| AppError::not_found("organization"))?;
    Ok(usecase::budget::add_lines(&state.store, ctx.subject()?, unit, &lines).await?)
}

/// Adds budget lines to a unit (admins, and the finance department of the unit's region).
#[utoipa::path(post, path = "/api/v1/budget-lines", tag = "planning", security(("bearer" = [])), request_body = NewLines,
    responses((status = 201, body = CreatedIds), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn add_budget_lines(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(req): ApiJson<NewLines>,
) -> ApiResult<(StatusCode, Json<CreatedIds>)> {
    let mut lines = Vec::new();
    for (i, l) in req.lines.into_iter().enumerate() {
        if l.amount <= 0
            || l.code.trim().is_empty()
            || l.name.trim().is_empty()
            || l.funding_source.trim().is_empty()
            || !(2000..=2100).contains(&l.fiscal_year)
        {
            return Err(AppError::with(
                StatusCode::UNPROCESSABLE_ENTITY,
                "budget.invalid_line",
                Msg::new("error.budget.invalid_line.n").arg("n", i + 1),
            )
            .with_field(&format!("lines[{i}]"), "invalid"));
        }
        lines.push(NewBudgetLine {
            fiscal_year: l.fiscal_year,
            code: l.code.trim().into(),
            name: l.name.trim().into(),
            funding_source: l.funding_source.trim().into(),
            amount: Money::from_fen(l.amount),
        });
    }
    if lines.is_empty() {
        return Err(AppError::with(StatusCode::UNPROCESSABLE_ENTITY, "budget.invalid_line", Msg::new("error.budget.invalid_line")));
    }
    let ids = add_lines(&state, &ctx, &req.org_id, lines).await?;
    Ok((StatusCode::CREATED, Json(CreatedIds { ids })))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    pub org_id: String,
}

/// Imports budget lines from CSV (`fiscal_year,code,name,funding_source,amount`, amounts in
/// yuan). Every bad row is listed in `fields`; a file with a bad row imports nothing.
#[utoipa::path(post, path = "/api/v1/budget-lines/import", tag = "planning", security(("bearer" = [])), params(ImportQuery),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 201, body = CreatedIds), (status = 422, body = crate::api::ErrorBody)))]
pub async fn import_budget_lines(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<ImportQuery>,
    body: axum::body::Bytes,
) -> ApiResult<(StatusCode, Json<CreatedIds>)> {
    let ids = import_csv(&state, &ctx, &q.org_id, &body).await?;
    Ok((StatusCode::CREATED, Json(CreatedIds { ids })))
}

pub async fn import_csv(state: &AppState, ctx: &Ctx, org: &str, body: &[u8]) -> ApiResult<Vec<String>> {
    match budget::parse_csv(body) {
        Ok(lines) => add_lines(state, ctx, org, lines).await,
        Err(rows) => {
            // The summary lists every row's error in the reader's language.
            let catalog = caigou_i18n::catalog();
            let summary = Msg::given(caigou_domain::Lang::ALL.map(|lang| {
                let joined = rows
                    .iter()
                    .map(|(_, m)| catalog.msg(lang, m))
                    .collect::<Vec<_>>()
                    .join(catalog.text(lang, "list.separator").unwrap_or("; "));
                (lang, catalog.msg(lang, &Msg::new("error.budget.bad_file.rows").arg("count", rows.len()).arg("rows", joined)))
            }));
            let mut err = AppError::with(StatusCode::UNPROCESSABLE_ENTITY, "budget.bad_file", summary);
            for (line, text) in rows {
                err = err.with_field(&format!("line {line}"), text);
            }
            Err(err)
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct IntentionOut {
    pub id: String,
    pub project_name: String,
    pub summary: String,
    pub budget: i64,
    pub expected_month: String,
    pub published_on: String,
    /// The first day procurement may start (published_on + the region's lead time, 30 days by 10号).
    pub earliest_start: String,
    pub announcement_url: String,
}

fn intention_out(i: caigou_store::intentions::Intention, earliest: String) -> IntentionOut {
    IntentionOut {
        announcement_url: format!("/announcements/{}", i.announcement_id),
        id: i.id.to_string(),
        project_name: i.project_name,
        summary: i.summary,
        budget: i.budget,
        expected_month: i.expected_month,
        published_on: i.published_on,
        earliest_start: earliest,
    }
}

/// Published intentions of the units whose planning you read (your own unit's), newest first.
#[utoipa::path(get, path = "/api/v1/intentions", tag = "planning", security(("bearer" = [])), responses((status = 200, body = Vec<IntentionOut>)))]
pub async fn intentions(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<IntentionOut>>> {
    let list = usecase::intentions(&state.store, ctx.subject()?).await?;
    Ok(Json(list.into_iter().map(|(i, earliest)| intention_out(i, earliest)).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct NewIntention {
    pub project_name: String,
    pub summary: String,
    /// Fen.
    pub budget: i64,
    /// YYYY-MM
    pub expected_month: String,
}

/// 采购意向公开: publishes an intention to the portal (your unit's 经办).
#[utoipa::path(post, path = "/api/v1/intentions", tag = "planning", security(("bearer" = [])), request_body = NewIntention,
    responses((status = 201, body = IntentionOut), (status = 422, body = crate::api::ErrorBody)))]
pub async fn publish_intention(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(req): ApiJson<NewIntention>,
) -> ApiResult<(StatusCode, Json<IntentionOut>)> {
    let i = usecase::publish_intention(
        &state.store,
        ctx.subject()?,
        &req.project_name,
        &req.summary,
        Money::from_fen(req.budget),
        &req.expected_month,
    )
    .await?;
    let lead = caigou_store::intentions::intention_lead_days(&state.store, i.org_id).await?;
    let earliest = caigou_store::intentions::earliest_start(&i, lead);
    Ok((StatusCode::CREATED, Json(intention_out(i, earliest))))
}

#[derive(Deserialize, ToSchema)]
pub struct PlanItemIn {
    /// 品目 code, e.g. A02010105.
    pub code: String,
    #[serde(default)]
    pub description: String,
    pub quantity: i64,
    /// Fen.
    pub amount: i64,
}

#[derive(Deserialize, ToSchema)]
pub struct PlanRequest {
    pub name: String,
    pub budget_line_id: String,
    pub intention_id: Option<String>,
    /// open_tender, invited_tender, competitive_negotiation, competitive_consultation, request_for_quotation, single_source, framework_agreement, emall
    pub method: String,
    /// YYYY-MM-DD: when procurement is to start.
    pub procurement_start: String,
    #[serde(default)]
    pub entrust_central: bool,
    /// only_source, emergency, add_on
    pub single_source_ground: Option<String>,
    pub single_source_supplier: Option<String>,
    /// Fen; for the add-on ground.
    pub original_contract: Option<i64>,
    pub items: Vec<PlanItemIn>,
    /// Approved 申购 this plan covers.
    #[serde(default)]
    pub request_ids: Vec<String>,
}

/// Parses a plan request at the edge; every problem is a field error.
pub fn parse_plan(req: PlanRequest) -> ApiResult<PlanInput> {
    let mut err: Option<AppError> = None;
    let mut fail = |field: &str, text: Msg| {
        let e = err.take().unwrap_or_else(|| {
            AppError::with(StatusCode::UNPROCESSABLE_ENTITY, "plan.invalid_fields", Msg::new("error.plan.invalid_fields"))
        });
        err = Some(e.with_field(field, text));
    };
    let method = Method::parse(&req.method);
    if method.is_none() {
        fail("method", Msg::new("error.plan.invalid_fields.method").arg("value", &req.method));
    }
    let start = req.procurement_start.parse::<jiff::civil::Date>().ok();
    if start.is_none() {
        fail("procurement_start", Msg::new("error.request.bad_date").arg("s", &req.procurement_start));
    }
    let ground = match req.single_source_ground.as_deref().filter(|s| !s.is_empty()) {
        Some(g) => {
            let parsed = SingleSourceGround::parse(g);
            if parsed.is_none() {
                fail("single_source_ground", Msg::new("error.plan.invalid_fields.ground").arg("value", g));
            }
            parsed
        }
        None => None,
    };
    let mut items = Vec::new();
    for (i, it) in req.items.iter().enumerate() {
        match it.code.parse::<PinmuCode>() {
            Ok(code) => items.push(ItemInput {
                code,
                description: it.description.trim().to_string(),
                quantity: it.quantity,
                amount: Money::from_fen(it.amount),
            }),
            Err(e) => fail(&format!("items[{i}].code"), caigou_domain::Localized::msg(&e)),
        }
    }
    if let Some(e) = err {
        return Err(e);
    }
    Ok(PlanInput {
        name: req.name,
        budget_line_id: path_id(&req.budget_line_id, "budget line")?,
        intention_id: req.intention_id.filter(|s| !s.is_empty()).map(|i| path_id(&i, "intention")).transpose()?,
        method: method.ok_or_else(AppError::internal)?,
        procurement_start: start.ok_or_else(AppError::internal)?,
        entrust_central: req.entrust_central,
        single_source_ground: ground,
        single_source_supplier: req.single_source_supplier.filter(|s| !s.trim().is_empty()),
        original_contract: req.original_contract.map(Money::from_fen),
        items,
        previous_plan_id: None,
        // A malformed id names no request, like an unknown one.
        request_ids: req.request_ids.iter().map(|id| path_id(id, "purchase request")).collect::<ApiResult<_>>()?,
        replaces: None,
    })
}

/// Runs every filing rule on a draft without saving it.
#[utoipa::path(post, path = "/api/v1/plans/check", tag = "planning", security(("bearer" = [])), request_body = PlanRequest,
    responses((status = 200, description = "{decision, findings (each with rule code and source), lawful_methods}"), (status = 422, body = crate::api::ErrorBody)))]
pub async fn check_plan(State(state): State<AppState>, ctx: Ctx, ApiJson(req): ApiJson<PlanRequest>) -> ApiResult<Json<CheckOut>> {
    let (outcome, methods) = usecase::check_plan(&state.store, ctx.subject()?, &parse_plan(req)?).await?;
    Ok(Json(CheckOut {
        outcome: OutcomeOut::new(&outcome, ctx.lang),
        lawful_methods: methods.iter().map(|m| m.key().to_string()).collect(),
    }))
}

/// The check's answer: the decision with every finding, and the methods this plan could be
/// filed with at once.
#[derive(Serialize)]
pub struct CheckOut {
    #[serde(flatten)]
    pub outcome: OutcomeOut,
    pub lawful_methods: Vec<String>,
}

/// Submits a plan: filed at once, sent for approval, or refused — with every finding.
#[utoipa::path(post, path = "/api/v1/plans", tag = "planning", security(("bearer" = [])), request_body = PlanRequest,
    responses((status = 201, description = "{id, plan_no, status, outcome, publicity_ends_on}"), (status = 422, body = crate::api::ErrorBody)))]
pub async fn submit_plan(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(req): ApiJson<PlanRequest>,
) -> ApiResult<(StatusCode, Json<SubmittedOut>)> {
    Ok((
        StatusCode::CREATED,
        Json(SubmittedOut::new(usecase::submit_plan(&state.store, ctx.subject()?, &parse_plan(req)?).await?, ctx.lang)),
    ))
}

/// A unit's plans, newest first.
#[utoipa::path(get, path = "/api/v1/plans", tag = "planning", security(("bearer" = [])), params(OrgQuery), responses((status = 200, description = "plans")))]
pub async fn list_plans(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<OrgQuery>) -> ApiResult<Json<Vec<plans::Plan>>> {
    let s = ctx.subject()?;
    let unit = q.unit(s)?;
    Ok(Json(usecase::plans(&state.store, s, unit).await?))
}

/// Loads a plan the principal may see.
pub async fn visible_plan(state: &AppState, ctx: &Ctx, id: &str) -> ApiResult<plans::PlanDetail> {
    Ok(usecase::visible_plan(&state.store, ctx.subject()?, path_id(id, "plan")?).await?)
}

/// A plan with its items, findings, approval and objections.
#[utoipa::path(get, path = "/api/v1/plans/{id}", tag = "planning", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 200, description = "plan detail"), (status = 404, body = crate::api::ErrorBody)))]
pub async fn get_plan(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<PlanOut>> {
    Ok(Json(PlanOut::new(visible_plan(&state, &ctx, &id).await?, ctx.lang)))
}

#[derive(Deserialize, ToSchema)]
pub struct Reason {
    #[serde(default)]
    pub reason: String,
}

/// Cancels a plan and releases its budget (the unit's 经办).
#[utoipa::path(post, path = "/api/v1/plans/{id}/cancel", tag = "planning", security(("bearer" = [])), params(("id" = String, Path)), request_body = Reason, responses((status = 204), (status = 422, body = crate::api::ErrorBody)))]
pub async fn cancel_plan(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(r): ApiJson<Reason>,
) -> ApiResult<StatusCode> {
    usecase::close_plan(&state.store, ctx.subject()?, path_id(&id, "plan")?, false, &r.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Records that a filed plan's procurement failed (废标); its budget is released for re-procurement.
#[utoipa::path(post, path = "/api/v1/plans/{id}/fail", tag = "planning", security(("bearer" = [])), params(("id" = String, Path)), request_body = Reason, responses((status = 204), (status = 422, body = crate::api::ErrorBody)))]
pub async fn fail_plan(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(r): ApiJson<Reason>,
) -> ApiResult<StatusCode> {
    usecase::close_plan(&state.store, ctx.subject()?, path_id(&id, "plan")?, true, &r.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema, Default)]
pub struct Reprocure {
    /// Another method (approval follows the rules); default: the same.
    pub method: Option<String>,
    /// YYYY-MM-DD; default: the original date.
    pub procurement_start: Option<String>,
}

/// 重新采购: re-files a failed plan without re-entering it.
#[utoipa::path(post, path = "/api/v1/plans/{id}/reprocure", tag = "planning", security(("bearer" = [])), params(("id" = String, Path)), request_body = Reprocure,
    responses((status = 201, description = "the new plan's submission"), (status = 422, body = crate::api::ErrorBody)))]
pub async fn reprocure(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(r): ApiJson<Reprocure>,
) -> ApiResult<(StatusCode, Json<SubmittedOut>)> {
    let method = match r.method.as_deref() {
        Some(m) => Some(Method::parse(m).ok_or_else(|| {
            AppError::with(
                StatusCode::UNPROCESSABLE_ENTITY,
                "plan.invalid_fields",
                Msg::new("error.plan.invalid_fields.method").arg("value", m),
            )
            .with_field("method", m)
        })?),
        None => None,
    };
    let start = match r.procurement_start.as_deref() {
        Some(d) => Some(crate::platform::api::regions::parse_date(d, "procurement_start")?),
        None => None,
    };
    Ok((
        StatusCode::CREATED,
        Json(SubmittedOut::new(usecase::reprocure(&state.store, ctx.subject()?, path_id(&id, "plan")?, method, start).await?, ctx.lang)),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct WaitingApproval {
    pub plan_id: String,
    pub plan_no: String,
    pub name: String,
    pub org_id: String,
    pub total: i64,
    pub method: String,
    pub status: String,
    pub publicity_ends_on: Option<String>,
}

/// Plans waiting for your decision (supervisors: your region's subtree).
#[utoipa::path(get, path = "/api/v1/approvals", tag = "planning", security(("bearer" = [])), responses((status = 200, body = Vec<WaitingApproval>)))]
pub async fn approvals(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<WaitingApproval>>> {
    let list = usecase::approvals(&state.store, ctx.subject()?).await?;
    Ok(Json(
        list.into_iter()
            .map(|(p, a)| WaitingApproval {
                plan_id: p.id.to_string(),
                plan_no: p.plan_no,
                name: p.name,
                org_id: p.org_id.to_string(),
                total: p.total,
                method: p.method.key().to_string(),
                status: p.status.to_string(),
                publicity_ends_on: a.publicity_ends_on,
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct DecisionIn {
    pub approve: bool,
    pub comment: String,
}

#[derive(Serialize, ToSchema)]
pub struct DecisionOut {
    pub status: String,
}

/// Approves or rejects a plan (supervisors of the unit's subtree; never the submitter).
#[utoipa::path(post, path = "/api/v1/plans/{id}/decision", tag = "planning", security(("bearer" = [])), params(("id" = String, Path)), request_body = DecisionIn,
    responses((status = 200, body = DecisionOut), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(d): ApiJson<DecisionIn>,
) -> ApiResult<Json<DecisionOut>> {
    let status = decide_plan(&state, &ctx, &id, d.approve, &d.comment).await?;
    Ok(Json(DecisionOut { status: status.to_string() }))
}

pub async fn decide_plan(state: &AppState, ctx: &Ctx, id: &str, approve: bool, comment: &str) -> ApiResult<PlanStatus> {
    Ok(usecase::decide(&state.store, ctx.subject()?, path_id(id, "plan")?, approve, comment).await?)
}

#[derive(Deserialize, ToSchema)]
pub struct ObjectionIn {
    pub from_name: String,
    pub text: String,
}

/// Files an objection to a 单一来源 公示 while it runs (anyone).
#[utoipa::path(post, path = "/api/v1/plans/{id}/objections", tag = "planning", params(("id" = String, Path)), request_body = ObjectionIn,
    responses((status = 201), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn object(State(state): State<AppState>, Path(id): Path<String>, ApiJson(o): ApiJson<ObjectionIn>) -> ApiResult<StatusCode> {
    usecase::object(&state.store, path_id(&id, "plan")?, &o.from_name, &o.text).await?;
    Ok(StatusCode::CREATED)
}

/// 计划变更: replaces an open plan with a changed version (the unit's 经办). The new version is
/// filed by the same rules; its budget replaces the old plan's; a refused change leaves the old
/// plan in force.
#[utoipa::path(post, path = "/api/v1/plans/{id}/amend", tag = "planning", security(("bearer" = [])), params(("id" = String, Path)), request_body = PlanRequest,
    responses((status = 201, description = "the new version's submission"), (status = 422, body = crate::api::ErrorBody)))]
pub async fn amend(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<PlanRequest>,
) -> ApiResult<(StatusCode, Json<SubmittedOut>)> {
    let s = ctx.subject()?;
    let input = parse_plan(req)?;
    Ok((StatusCode::CREATED, Json(SubmittedOut::new(usecase::amend(&state.store, s, path_id(&id, "plan")?, input).await?, ctx.lang))))
}
