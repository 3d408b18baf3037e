//! Project procurement API: entrusting plans, projects and lots, documents from templates with
//! their evaluation criteria and dates, publishing, obtaining documents, questions,
//! clarifications and termination.

use caigou_domain::Msg;
use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use caigou_domain::ids::OrgId;
use caigou_domain::tender::{Criterion, CriterionKind, Evaluation, EvaluationMethod};
use caigou_store::documents::{self, DocumentsDraft};
use caigou_store::projects::{self, EntrustedPlan, LotInput, NewProject, ProjectRow, ProjectView};
use caigou_store::tendering::{self, Clarification, Question};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::ApiJson;
use caigou_app::tender::projects::{self as usecase, UpdateLot};
use caigou_domain::Money;
use caigou_domain::tender::SmeChoice;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiResult, AppError};
use crate::input::path_id;

fn invalid(field: &str, text: Msg) -> AppError {
    AppError::with(StatusCode::UNPROCESSABLE_ENTITY, "request.invalid_fields", text.clone()).with_field(field, text)
}

#[derive(Serialize, ToSchema)]
pub struct Agency {
    pub id: String,
    pub name: String,
    /// `agency` | `central_agency`
    pub kind: String,
}

/// Organizations plans can be entrusted to.
#[utoipa::path(get, path = "/api/v1/agencies", tag = "projects", security(("bearer" = [])), responses((status = 200, body = Vec<Agency>)))]
pub async fn agencies(State(state): State<AppState>) -> ApiResult<Json<Vec<Agency>>> {
    Ok(Json(caigou_store::projects::runners(&state.store).await?.into_iter().map(|(id, name, kind)| Agency { id, name, kind }).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct EntrustIn {
    /// The agency, the 集中采购机构, or your own unit (自行采购).
    pub runner_id: String,
}

/// 委托: entrusts a filed plan to the organization that will run its procurement (the unit's 经办).
#[utoipa::path(post, path = "/api/v1/plans/{id}/entrust", tag = "projects", security(("bearer" = [])), params(("id" = String, Path)), request_body = EntrustIn,
    responses((status = 204), (status = 422, body = crate::api::ErrorBody)))]
pub async fn entrust(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(e): ApiJson<EntrustIn>,
) -> ApiResult<StatusCode> {
    let runner: OrgId = e.runner_id.parse().map_err(|_| invalid("runner_id", Msg::new("error.request.invalid_fields.choose_agency")))?;
    caigou_app::planning::entrust(&state.store, ctx.subject()?, path_id(&id, "plan")?, runner).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Filed plans entrusted to your organization that have no project yet.
#[utoipa::path(get, path = "/api/v1/entrusted-plans", tag = "projects", security(("bearer" = [])), responses((status = 200, description = "plans")))]
pub async fn entrusted(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<EntrustedPlan>>> {
    Ok(Json(projects::entrusted_plans(&state.store, ctx.subject()?.org).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct ItemIn {
    /// 品目 code.
    pub code: String,
    pub description: String,
    pub quantity: i64,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub specs: String,
}

#[derive(Deserialize, ToSchema)]
pub struct LotIn {
    pub name: String,
    /// Fen.
    pub budget: i64,
    /// 最高限价, fen.
    pub max_price: Option<i64>,
    /// `none` | `reserved` (专门面向中小企业) | `price_deduction` (at the region's rate).
    #[serde(default)]
    pub sme: String,
    /// 投标保证金 required of each bidder, fen (at most 2 % of the budget); omit for none.
    #[serde(default)]
    pub deposit: Option<i64>,
    pub items: Vec<ItemIn>,
}

#[derive(Deserialize, ToSchema)]
pub struct ProjectIn {
    pub name: String,
    pub plan_ids: Vec<String>,
    /// Omit for one lot per plan.
    #[serde(default)]
    pub lots: Vec<LotIn>,
}

async fn parse_lots(state: &AppState, plan_ids: &[String], lots: &[LotIn]) -> ApiResult<Vec<LotInput>> {
    let mut out = Vec::new();
    // The region's deduction rate: the first plan's unit region, as the project will have.
    let rate = match plan_ids.first() {
        Some(p) if !lots.is_empty() => {
            let plan = caigou_store::plans::get(&state.store, path_id(p, "plan")?).await?;
            let region = caigou_store::users::org_region_id(&state.store, plan.plan.org_id).await?;
            caigou_store::regions::effective_policy(&state.store, region, state.store.clock().today()).await?.sme_deduction.small_micro_bp
        }
        _ => 0,
    };
    for (i, l) in lots.iter().enumerate() {
        let sme = match l.sme.as_str() {
            "" | "none" => caigou_domain::tender::SmePolicy::None,
            "reserved" => caigou_domain::tender::SmePolicy::Reserved,
            "price_deduction" => caigou_domain::tender::SmePolicy::PriceDeduction { small_micro_bp: rate },
            _ => {
                return Err(invalid(&format!("lots[{i}].sme"), Msg::new("error.request.invalid_fields.sme")));
            }
        };
        let mut items = Vec::new();
        for (k, it) in l.items.iter().enumerate() {
            let code = it.code.parse().map_err(|e: caigou_domain::catalog::PinmuCodeError| {
                invalid(&format!("lots[{i}].items[{k}].code"), caigou_domain::Localized::msg(&e))
            })?;
            items.push(projects::ItemInput {
                code,
                description: it.description.clone(),
                quantity: it.quantity,
                unit: it.unit.clone(),
                specs: it.specs.clone(),
            });
        }
        out.push(LotInput {
            name: l.name.clone(),
            budget: caigou_domain::Money::from_fen(l.budget),
            max_price: l.max_price.map(caigou_domain::Money::from_fen),
            sme,
            deposit: l.deposit.map(caigou_domain::Money::from_fen),
            items,
        });
    }
    Ok(out)
}

/// The SME policy named by `key`, at the region's deduction rate today.
/// Parses the SME choice of a lot (`none`, `reserved`, `price_deduction`), naming `field`.
pub fn sme_choice(key: &str, field: &str) -> ApiResult<SmeChoice> {
    SmeChoice::parse(key).ok_or_else(|| invalid(field, Msg::new("error.request.invalid_fields.sme")))
}

#[derive(Deserialize, ToSchema)]
pub struct LotSettingsIn {
    /// 最高限价, fen; omit for none.
    pub max_price: Option<i64>,
    /// `none` | `reserved` (专门面向中小企业) | `price_deduction` (at the region's rate).
    #[serde(default)]
    pub sme: String,
    /// 投标保证金, fen (at most 2 % of the lot's budget, 条例33); omit for none.
    #[serde(default)]
    pub deposit: Option<i64>,
}

/// Sets a draft project's lot ceiling, SME policy and bid deposit.
#[utoipa::path(post, path = "/api/v1/projects/{id}/lots/{lot}", tag = "projects", security(("bearer" = [])), params(("id" = String, Path), ("lot" = String, Path)), request_body = LotSettingsIn,
    responses((status = 204), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update_lot(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, lot)): Path<(String, String)>,
    ApiJson(l): ApiJson<LotSettingsIn>,
) -> ApiResult<StatusCode> {
    let cmd = UpdateLot {
        project: path_id(&id, "project")?,
        lot: path_id(&lot, "lot")?,
        max_price: l.max_price.map(Money::from_fen),
        sme: sme_choice(&l.sme, "sme")?,
        deposit: l.deposit.map(Money::from_fen),
    };
    usecase::update_lot(&state.store, ctx.subject()?, cmd).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    pub id: String,
}

/// 立项: a draft project from plans entrusted to your organization.
#[utoipa::path(post, path = "/api/v1/projects", tag = "projects", security(("bearer" = [])), request_body = ProjectIn,
    responses((status = 201, body = Created), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(State(state): State<AppState>, ctx: Ctx, ApiJson(p): ApiJson<ProjectIn>) -> ApiResult<(StatusCode, Json<Created>)> {
    let lots = parse_lots(&state, &p.plan_ids, &p.lots).await?;
    let s = ctx.subject()?;
    let plan_ids = p.plan_ids.iter().map(|id| path_id(id, "plan")).collect::<ApiResult<_>>()?;
    let id = usecase::create(&state.store, s, &NewProject { name: p.name, plan_ids, lots }).await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.to_string() })))
}

/// Projects you may see, newest first.
#[utoipa::path(get, path = "/api/v1/projects", tag = "projects", security(("bearer" = [])), responses((status = 200, description = "projects")))]
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<ProjectRow>>> {
    Ok(Json(caigou_app::tender::projects::list(&state.store, ctx.subject()?).await?))
}

/// Whether the principal sees the project's internals (drafts, obtainers, questions).
pub fn insider(ctx: &Ctx, v: &ProjectView) -> bool {
    usecase::insider(&ctx.principal, v)
}

/// Loads a project: drafts only for insiders; published ones for anyone.
pub async fn visible(state: &AppState, ctx: &Ctx, id: &str) -> ApiResult<ProjectView> {
    Ok(usecase::visible(&state.store, &ctx.principal, path_id(id, "project")?).await?)
}

/// The project, for its runner (`caigou_app::tender::projects::runnable`).
pub async fn runnable(state: &AppState, ctx: &Ctx, id: &str) -> ApiResult<ProjectView> {
    Ok(usecase::runnable(&state.store, ctx.subject()?, path_id(id, "project")?).await?)
}

#[derive(Serialize, ToSchema)]
/// The project (`project`: its record), with `runner_name`, `region_name`, `plans` and `lots`
/// beside it at the top level, and the documents' links.
pub struct ProjectOut {
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub view: serde_json::Value,
    /// Documents links once published.
    pub documents_pdf: Option<String>,
    pub documents_html: Option<String>,
    /// How many suppliers obtained the documents (insiders only).
    pub obtained_count: Option<usize>,
}

/// A project with its lots and plans (drafts: insiders only).
#[utoipa::path(get, path = "/api/v1/projects/{id}", tag = "projects", params(("id" = String, Path)), responses((status = 200, body = ProjectOut), (status = 403, body = crate::api::ErrorBody)))]
pub async fn get(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<ProjectOut>> {
    let v = visible(&state, &ctx, &id).await?;
    let inside = insider(&ctx, &v);
    let mut view = serde_json::to_value(&v).map_err(|_| AppError::internal())?;
    if !inside && let Some(p) = view.get_mut("project") {
        p["documents"] = serde_json::Value::Null;
    }
    let published = v.project.doc_pdf_file_id.is_some();
    let obtained_count = if inside { Some(tendering::obtained(&state.store, v.project.id).await?.len()) } else { None };
    Ok(Json(ProjectOut {
        view,
        documents_pdf: published.then(|| format!("/projects/{id}/documents.pdf")),
        documents_html: published.then(|| format!("/projects/{id}/documents.html")),
        obtained_count,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct EarliestOut {
    pub issued_on: String,
    pub documents_until: String,
    pub deadline_on: String,
    pub announcement_until: String,
    /// Where the periods come from.
    pub rules: Vec<String>,
}

/// The earliest lawful dates if the documents were published today (法35, 条例31, 214号, 74号令).
#[utoipa::path(get, path = "/api/v1/projects/{id}/earliest", tag = "projects", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 200, body = EarliestOut)))]
pub async fn earliest(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<EarliestOut>> {
    let v = runnable(&state, &ctx, &id).await?;
    let e = documents::earliest_dates(&state.store, &v, state.store.clock().today()).await?;
    use caigou_domain::tender::TenderRule as R;
    let rules = [R::BidPeriod, R::ConsultationPeriod, R::NegotiationPeriod, R::DocumentWindow]
        .iter()
        .map(|r| format!("{} {}", r.code(), r.source()))
        .collect();
    Ok(Json(EarliestOut {
        issued_on: e.issued_on.to_string(),
        documents_until: e.documents_until.to_string(),
        deadline_on: e.deadline_on.to_string(),
        announcement_until: e.announcement_until.to_string(),
        rules,
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct CriterionIn {
    pub name: String,
    /// `price` | `technical` | `commercial`
    pub kind: String,
    /// Points (two decimals at most).
    pub points: f64,
    #[serde(default)]
    pub guidance: String,
}

#[derive(Deserialize, ToSchema)]
pub struct DocumentsIn {
    pub template_id: String,
    /// `lowest_price` (最低评标价法) | `comprehensive` (综合评分法)
    pub evaluation_method: String,
    #[serde(default)]
    pub criteria: Vec<CriterionIn>,
    #[serde(default)]
    pub qualification: String,
    /// Rewritten editable sections by key.
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    /// YYYY-MM-DD: documents available through this day.
    pub documents_until: String,
    /// YYYY-MM-DDTHH:MM (China time): deadline and opening.
    pub deadline: String,
    /// 项目联系人, named in the announcement's 联系方式 (the runner's name when empty).
    #[serde(default)]
    pub contact_name: String,
    /// The contact's telephone.
    #[serde(default)]
    pub contact_phone: String,
}

pub fn parse_documents(d: &DocumentsIn) -> ApiResult<DocumentsDraft> {
    let method = EvaluationMethod::parse(&d.evaluation_method)
        .ok_or_else(|| invalid("evaluation_method", Msg::new("error.request.invalid_fields.evaluation_method_lowest")))?;
    let mut criteria = Vec::new();
    for (i, c) in d.criteria.iter().enumerate() {
        let kind = match c.kind.as_str() {
            "price" => CriterionKind::Price,
            "technical" => CriterionKind::Technical,
            "commercial" => CriterionKind::Commercial,
            _ => {
                return Err(invalid(&format!("criteria[{i}].kind"), Msg::new("error.request.invalid_fields.criterion_kind")));
            }
        };
        let x100 = (c.points * 100.0).round();
        if !(0.0..=10_000.0).contains(&x100) || (c.points * 100.0 - x100).abs() > 1e-6 {
            return Err(invalid(&format!("criteria[{i}].points"), Msg::new("error.request.invalid_fields.points")));
        }
        criteria.push(Criterion { name: c.name.clone(), kind, points_x100: x100 as u32, guidance: c.guidance.clone() });
    }
    let documents_until = d
        .documents_until
        .trim()
        .parse()
        .map_err(|_| invalid("documents_until", Msg::new("error.request.invalid_fields.documents_until_yyyy")))?;
    let deadline = d.deadline.trim().parse().map_err(|_| invalid("deadline", Msg::new("error.request.invalid_fields.deadline_yyyy_mm")))?;
    Ok(DocumentsDraft {
        template_id: d.template_id.clone(),
        evaluation: Evaluation { method, criteria },
        qualification: d.qualification.clone(),
        sections: d.sections.clone(),
        documents_until,
        deadline,
        contact_name: d.contact_name.trim().to_string(),
        contact_phone: d.contact_phone.trim().to_string(),
    })
}

/// Saves the documents draft, checked against the rules as if published today.
#[utoipa::path(post, path = "/api/v1/projects/{id}/documents", tag = "projects", security(("bearer" = [])), params(("id" = String, Path)), request_body = DocumentsIn,
    responses((status = 204), (status = 422, body = crate::api::ErrorBody)))]
pub async fn save_documents(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(d): ApiJson<DocumentsIn>,
) -> ApiResult<StatusCode> {
    usecase::save_documents(&state.store, ctx.subject()?, path_id(&id, "project")?, &parse_documents(&d)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// 发布: fixes the documents (HTML and PDF with SHA-256) and publishes the announcement.
#[utoipa::path(post, path = "/api/v1/projects/{id}/publish", tag = "projects", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, description = "announcement, SHA-256, dates"), (status = 422, body = crate::api::ErrorBody)))]
pub async fn publish(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<documents::Published>> {
    Ok(Json(usecase::publish(&state.store, ctx.subject()?, path_id(&id, "project")?).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct TerminateIn {
    /// Omit to terminate every lot.
    pub lot_id: Option<String>,
    pub reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct Terminated {
    pub announcement_id: Option<String>,
}

/// 终止: a lot or the whole project, with reasons; a 终止公告 when it was published.
#[utoipa::path(post, path = "/api/v1/projects/{id}/terminate", tag = "projects", security(("bearer" = [])), params(("id" = String, Path)), request_body = TerminateIn,
    responses((status = 200, body = Terminated), (status = 422, body = crate::api::ErrorBody)))]
pub async fn terminate(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(t): ApiJson<TerminateIn>,
) -> ApiResult<Json<Terminated>> {
    let lot = t.lot_id.as_deref().filter(|l| !l.is_empty()).map(|l| path_id(l, "lot")).transpose()?;
    let a = usecase::terminate(&state.store, ctx.subject()?, path_id(&id, "project")?, lot, &t.reason).await?;
    Ok(Json(Terminated { announcement_id: a.map(|a| a.to_string()) }))
}

#[derive(Serialize, ToSchema)]
pub struct ObtainedOut {
    /// Unix ms of first obtaining.
    pub obtained_at: i64,
    pub documents_pdf: String,
    pub documents_html: String,
}

/// 获取采购文件: an approved supplier obtains a lot's documents inside the window.
#[utoipa::path(post, path = "/api/v1/lots/{id}/obtain", tag = "projects", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = ObtainedOut), (status = 422, body = crate::api::ErrorBody)))]
pub async fn obtain(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<ObtainedOut>> {
    let caigou_app::tender::suppliers::Obtained { at, project } =
        caigou_app::tender::suppliers::obtain(&state.store, ctx.subject()?, path_id(&id, "lot")?, &ctx.address).await?;
    Ok(Json(ObtainedOut {
        obtained_at: at,
        documents_pdf: format!("/projects/{project}/documents.pdf"),
        documents_html: format!("/projects/{project}/documents.html"),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct ObtainersOut {
    pub count: usize,
    /// Names only after the deadline (87号令: not disclosed before).
    #[schema(value_type = Vec<Object>)]
    pub suppliers: Option<Vec<tendering::Obtained>>,
}

#[derive(Serialize, ToSchema)]
pub struct ObtainedLotOut {
    pub project_id: String,
    pub lot_id: String,
    /// Unix ms of the first obtaining.
    pub obtained_at: i64,
}

/// 我的项目: the lots whose documents your organization obtained, latest first.
#[utoipa::path(get, path = "/api/v1/supplier/lots", tag = "projects", security(("bearer" = [])), responses((status = 200, body = Vec<ObtainedLotOut>)))]
pub async fn obtained_lots(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<ObtainedLotOut>>> {
    let lots = caigou_app::tender::suppliers::obtained(&state.store, ctx.subject()?).await?;
    Ok(Json(
        lots.into_iter()
            .map(|o| ObtainedLotOut { project_id: o.project.to_string(), lot_id: o.lot.to_string(), obtained_at: o.at })
            .collect(),
    ))
}

/// Who obtained the documents: the count for insiders; names once the deadline has passed.
#[utoipa::path(get, path = "/api/v1/projects/{id}/obtained", tag = "projects", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 200, body = ObtainersOut)))]
pub async fn obtained(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<ObtainersOut>> {
    let (count, suppliers) = usecase::obtainers(&state.store, &ctx.principal, path_id(&id, "project")?).await?;
    Ok(Json(ObtainersOut { count, suppliers }))
}

#[derive(Deserialize, ToSchema)]
pub struct QuestionIn {
    pub text: String,
}

/// Asks a question on the documents (suppliers who obtained them).
#[utoipa::path(post, path = "/api/v1/projects/{id}/questions", tag = "projects", security(("bearer" = [])), params(("id" = String, Path)), request_body = QuestionIn,
    responses((status = 201, body = Created), (status = 422, body = crate::api::ErrorBody)))]
pub async fn ask(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(q): ApiJson<QuestionIn>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let qid = caigou_app::tender::suppliers::ask(&state.store, ctx.subject()?, path_id(&id, "project")?, &q.text).await?;
    Ok((StatusCode::CREATED, Json(Created { id: qid })))
}

#[derive(Serialize, ToSchema)]
pub struct QuestionsOut {
    /// Never says who asked.
    #[schema(value_type = Vec<Object>)]
    pub questions: Vec<Question>,
    #[schema(value_type = Vec<Object>)]
    pub clarifications: Vec<Clarification>,
}

/// Questions (anonymous) and clarifications: insiders and suppliers who obtained the documents.
#[utoipa::path(get, path = "/api/v1/projects/{id}/questions", tag = "projects", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 200, body = QuestionsOut)))]
pub async fn questions(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<QuestionsOut>> {
    ctx.subject()?;
    let (questions, clarifications) =
        caigou_app::tender::suppliers::questions(&state.store, &ctx.principal, path_id(&id, "project")?).await?;
    Ok(Json(QuestionsOut { questions, clarifications }))
}

#[derive(Deserialize, ToSchema)]
pub struct ClarificationIn {
    pub text: String,
    /// Whether it may affect how bids are prepared (条例31): then a late one extends the deadline.
    pub affects_bids: bool,
    /// Questions this answers.
    #[serde(default)]
    pub answers: Vec<String>,
}

/// 澄清/修改: published as a 更正公告; extends the deadline where the law requires.
#[utoipa::path(post, path = "/api/v1/projects/{id}/clarifications", tag = "projects", security(("bearer" = [])), params(("id" = String, Path)), request_body = ClarificationIn,
    responses((status = 201, description = "the clarification with old and new deadline"), (status = 422, body = crate::api::ErrorBody)))]
pub async fn clarify(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(c): ApiJson<ClarificationIn>,
) -> ApiResult<(StatusCode, Json<Clarification>)> {
    let c = usecase::clarify(&state.store, ctx.subject()?, path_id(&id, "project")?, &c.text, c.affects_bids, &c.answers).await?;
    Ok((StatusCode::CREATED, Json(c)))
}
