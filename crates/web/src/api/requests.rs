//! 申购 API: create, modify, submit, approve / return / reject along the unit's chain, and the
//! chain itself.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use caigou_domain::authz::{self, Action};
use caigou_domain::catalog::PinmuCode;
use caigou_domain::ids::{OrgId, parse_region_path};
use caigou_domain::planning::request::{ApprovalChain, RequestEvent};
use caigou_domain::{Localized, Money};
use caigou_store::requests::{self, RequestDetail, RequestInput};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiJson, ApiQuery};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiResult, AppError};

fn subject(ctx: &Ctx) -> ApiResult<&caigou_domain::authz::Subject> {
    ctx.principal.subject().ok_or_else(AppError::internal)
}

#[derive(Deserialize, ToSchema)]
pub struct RequestIn {
    pub title: String,
    /// 品目 code.
    pub code: String,
    pub quantity: i64,
    /// Estimated amount, fen.
    pub amount: i64,
    pub budget_line_id: String,
    pub reason: String,
    /// File ids of attachments already uploaded.
    #[serde(default)]
    pub attachments: Vec<String>,
    /// Submit into the approval chain at once (default), or keep as a draft.
    #[serde(default = "yes")]
    pub submit: bool,
}

fn yes() -> bool {
    true
}

pub fn parse_request(r: &RequestIn) -> ApiResult<RequestInput> {
    let code: PinmuCode = r.code.parse().map_err(|e: caigou_domain::catalog::PinmuCodeError| {
        AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "request.invalid_fields",
            e.message(caigou_domain::Lang::Zh),
            e.message(caigou_domain::Lang::En),
        )
        .with_field("code", e.message(caigou_domain::Lang::Zh))
    })?;
    Ok(RequestInput {
        title: r.title.clone(),
        code,
        quantity: r.quantity,
        amount: Money::from_fen(r.amount),
        budget_line_id: r.budget_line_id.clone(),
        reason: r.reason.clone(),
        attachments: r.attachments.clone(),
    })
}

/// Your unit's requests, newest first.
#[utoipa::path(get, path = "/api/v1/requests", tag = "requests", security(("bearer" = [])), responses((status = 200, description = "requests")))]
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<requests::PurchaseRequest>>> {
    Ok(Json(requests::list_for_org(&state.store, &subject(&ctx)?.org.to_string()).await?))
}

/// Requests waiting at a step you act on.
#[utoipa::path(get, path = "/api/v1/requests/waiting", tag = "requests", security(("bearer" = [])), responses((status = 200, description = "requests")))]
pub async fn waiting(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<requests::PurchaseRequest>>> {
    Ok(Json(requests::waiting_for(&state.store, subject(&ctx)?).await?))
}

/// Files a 申购 (the unit's 经办), submitted into the approval chain unless `submit` is false.
#[utoipa::path(post, path = "/api/v1/requests", tag = "requests", security(("bearer" = [])), request_body = RequestIn,
    responses((status = 201, description = "the request with its chain, warnings and history"), (status = 422, body = super::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(r): ApiJson<RequestIn>,
) -> ApiResult<(StatusCode, Json<RequestDetail>)> {
    let s = subject(&ctx)?;
    authz::decide(&ctx.principal, Action::PlanForUnit { unit: s.org })?;
    let input = parse_request(&r)?;
    Ok((StatusCode::CREATED, Json(requests::create(&state.store, s, &input, r.submit).await?)))
}

/// Loads a request the principal may see.
pub async fn visible(state: &AppState, ctx: &Ctx, id: &str) -> ApiResult<RequestDetail> {
    let d = requests::get(&state.store, id).await?;
    let unit: OrgId = d.request.org_id.parse().map_err(|_| AppError::internal())?;
    let path = parse_region_path(&d.unit_region_path);
    authz::decide(&ctx.principal, Action::ViewUnitPlanning { unit, unit_region_path: &path })?;
    Ok(d)
}

/// A request with its chain, progress and warnings.
#[utoipa::path(get, path = "/api/v1/requests/{id}", tag = "requests", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 200, description = "request"), (status = 404, body = super::ErrorBody)))]
pub async fn get(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<RequestDetail>> {
    Ok(Json(visible(&state, &ctx, &id).await?))
}

/// Changes a draft or returned request (the applicant).
#[utoipa::path(post, path = "/api/v1/requests/{id}", tag = "requests", security(("bearer" = [])), params(("id" = String, Path)), request_body = RequestIn,
    responses((status = 200, description = "the changed request"), (status = 422, body = super::ErrorBody)))]
pub async fn modify(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(r): ApiJson<RequestIn>,
) -> ApiResult<Json<RequestDetail>> {
    visible(&state, &ctx, &id).await?;
    let input = parse_request(&r)?;
    let s = subject(&ctx)?;
    let mut d = requests::modify(&state.store, s, &id, &input).await?;
    if r.submit {
        d = requests::act(&state.store, s, &id, RequestEvent::Submit, "").await?;
    }
    Ok(Json(d))
}

#[derive(Deserialize, ToSchema, Default)]
pub struct CommentIn {
    #[serde(default)]
    pub comment: String,
}

/// Acts on a request: `submit` (the applicant) or `approve`, `return`, `reject` (staff with the
/// current step's role; never the applicant).
pub async fn act_on(state: &AppState, ctx: &Ctx, id: &str, event: RequestEvent, comment: &str) -> ApiResult<RequestDetail> {
    let d = visible(state, ctx, id).await?;
    let s = subject(ctx)?;
    let unit: OrgId = d.request.org_id.parse().map_err(|_| AppError::internal())?;
    let applicant = d.request.applicant.parse().map_err(|_| AppError::internal())?;
    match event {
        RequestEvent::Submit => {
            if s.user != applicant {
                return Err(AppError::new(
                    StatusCode::FORBIDDEN,
                    "auth.forbidden",
                    "只有申请人可以提交申购单",
                    "only the applicant submits a request",
                ));
            }
        }
        _ => {
            let step_role = requests::current_step_role(&d).ok_or_else(|| {
                AppError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "request.bad_transition",
                    "申购单不在审批中",
                    "the request is not in review",
                )
            })?;
            authz::decide(&ctx.principal, Action::ActOnRequestStep { unit, step_role, applicant })?;
        }
    }
    Ok(requests::act(&state.store, s, id, event, comment).await?)
}

/// Submits a draft or returned request into the chain (the applicant).
#[utoipa::path(post, path = "/api/v1/requests/{id}/submit", tag = "requests", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 200, description = "request"), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn submit(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<RequestDetail>> {
    Ok(Json(act_on(&state, &ctx, &id, RequestEvent::Submit, "").await?))
}

/// Approves the current step.
#[utoipa::path(post, path = "/api/v1/requests/{id}/approve", tag = "requests", security(("bearer" = [])), params(("id" = String, Path)), request_body = CommentIn, responses((status = 200, description = "request"), (status = 403, body = super::ErrorBody)))]
pub async fn approve(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(c): ApiJson<CommentIn>,
) -> ApiResult<Json<RequestDetail>> {
    Ok(Json(act_on(&state, &ctx, &id, RequestEvent::Approve, &c.comment).await?))
}

/// Returns the request to the applicant with a comment.
#[utoipa::path(post, path = "/api/v1/requests/{id}/return", tag = "requests", security(("bearer" = [])), params(("id" = String, Path)), request_body = CommentIn, responses((status = 200, description = "request"), (status = 422, body = super::ErrorBody)))]
pub async fn send_back(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(c): ApiJson<CommentIn>,
) -> ApiResult<Json<RequestDetail>> {
    Ok(Json(act_on(&state, &ctx, &id, RequestEvent::Return, &c.comment).await?))
}

/// Rejects the request.
#[utoipa::path(post, path = "/api/v1/requests/{id}/reject", tag = "requests", security(("bearer" = [])), params(("id" = String, Path)), request_body = CommentIn, responses((status = 200, description = "request"), (status = 422, body = super::ErrorBody)))]
pub async fn reject(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(c): ApiJson<CommentIn>,
) -> ApiResult<Json<RequestDetail>> {
    Ok(Json(act_on(&state, &ctx, &id, RequestEvent::Reject, &c.comment).await?))
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct ChainQuery {
    /// The unit (admins); default: your own.
    pub org: Option<String>,
}

/// A unit's approval chain (the default one until the unit sets its own).
#[utoipa::path(get, path = "/api/v1/approval-chain", tag = "requests", security(("bearer" = [])), params(ChainQuery), responses((status = 200, description = "ApprovalChain: {steps: [{name_zh, name_en, role, min_amount}]}")))]
pub async fn get_chain(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ChainQuery>) -> ApiResult<Json<ApprovalChain>> {
    let s = subject(&ctx)?;
    let org: caigou_domain::ids::OrgId = match q.org {
        Some(o) => o.parse().map_err(|_| AppError::not_found("organization"))?,
        None => s.org,
    };
    // Another unit's chain is its own business: its staff, supervisors of its region, admins.
    let path =
        caigou_store::users::org_region_path(&state.store, &org.to_string()).await?.ok_or_else(|| AppError::not_found("organization"))?;
    let path = caigou_domain::ids::parse_region_path(&path);
    authz::decide(&ctx.principal, authz::Action::ViewUnitPlanning { unit: org, unit_region_path: &path })?;
    Ok(Json(requests::chain(&state.store, &org.to_string()).await?))
}

#[derive(Serialize, ToSchema)]
pub struct Saved {
    pub saved: bool,
}

/// Sets a unit's approval chain (the unit's 审批 staff, or admins). Steps: `{name_zh, name_en,
/// role: "purchaser.reviewer" | "purchaser.approver", min_amount (fen)}`.
#[utoipa::path(post, path = "/api/v1/approval-chain", tag = "requests", security(("bearer" = [])), params(ChainQuery), request_body(content = Object, description = "ApprovalChain"),
    responses((status = 200, body = Saved), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn set_chain(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<ChainQuery>,
    ApiJson(c): ApiJson<ApprovalChain>,
) -> ApiResult<Json<Saved>> {
    let s = subject(&ctx)?;
    let org: OrgId = match q.org {
        Some(o) => o.parse().map_err(|_| AppError::not_found("organization"))?,
        None => s.org,
    };
    authz::decide(&ctx.principal, Action::ConfigureChain { unit: org })?;
    requests::set_chain(&state.store, s, org, &c).await?;
    Ok(Json(Saved { saved: true }))
}

#[derive(Serialize, ToSchema)]
pub struct Uploaded {
    pub id: String,
    pub name: String,
    pub size: i64,
    pub sha256: String,
}

/// Uploads a file (multipart field `file`) to attach to your 申购; returns its id.
#[utoipa::path(post, path = "/api/v1/files", tag = "requests", security(("bearer" = [])), request_body(content = String, content_type = "multipart/form-data", description = "field `file`"),
    responses((status = 201, body = Uploaded), (status = 413, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    mut multipart: axum::extract::Multipart,
) -> ApiResult<(StatusCode, Json<Uploaded>)> {
    let s = subject(&ctx)?;
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("file") {
            let f = store_upload(&state, s, field).await?;
            return Ok((StatusCode::CREATED, Json(Uploaded { id: f.id, name: f.name, size: f.size, sha256: f.sha256 })));
        }
    }
    Err(AppError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "file.missing",
        "请选择要上传的文件（字段 file）",
        "choose a file to upload (field `file`)",
    ))
}

/// Stores one uploaded multipart field in the object store.
pub async fn store_upload(
    state: &AppState,
    s: &caigou_domain::authz::Subject,
    field: axum::extract::multipart::Field<'_>,
) -> ApiResult<caigou_store::files::StoredFile> {
    let name = field
        .file_name()
        .unwrap_or("attachment")
        .chars()
        .filter(|c| !c.is_control() && *c != '/' && *c != '\\')
        .take(200)
        .collect::<String>();
    let content_type = field.content_type().unwrap_or("application/octet-stream").to_string();
    let bytes = field.bytes().await.map_err(|_| super::too_large())?;
    if bytes.is_empty() {
        return Err(AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "file.empty", "文件为空", "the file is empty"));
    }
    Ok(caigou_store::files::put(&state.store, &name, &content_type, bytes, Some(&s.user.to_string())).await?)
}
