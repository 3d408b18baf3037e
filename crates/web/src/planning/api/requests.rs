//! 申购 API: create, modify, submit, approve / return / reject along the unit's chain, and the
//! chain itself.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use caigou_domain::Money;
use caigou_domain::authz::{self};
use caigou_domain::catalog::PinmuCode;
use caigou_domain::ids::OrgId;
use caigou_domain::planning::request::{ApprovalChain, RequestEvent};
use caigou_store::requests::{self, RequestDetail, RequestInput};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::findings::RequestOut;
use crate::api::{ApiJson, ApiQuery};
use caigou_app::planning::requests as usecase;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiResult, AppError};
use crate::input::path_id;

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
        let text = caigou_domain::Localized::msg(&e);
        AppError::with(StatusCode::UNPROCESSABLE_ENTITY, "request.invalid_fields", text.clone()).with_field("code", text)
    })?;
    Ok(RequestInput {
        title: r.title.clone(),
        code,
        quantity: r.quantity,
        amount: Money::from_fen(r.amount),
        budget_line_id: crate::input::path_id(&r.budget_line_id, "budget line")?,
        reason: r.reason.clone(),
        attachments: r.attachments.clone(),
    })
}

/// The requests you may see (your unit's; a supervisor's region subtree; all for admins), newest
/// first.
#[utoipa::path(get, path = "/api/v1/requests", tag = "requests", security(("bearer" = [])), responses((status = 200, description = "requests")))]
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<requests::PurchaseRequest>>> {
    Ok(Json(usecase::list(&state.store, ctx.subject()?).await?))
}

/// Requests waiting at a step you act on.
#[utoipa::path(get, path = "/api/v1/requests/waiting", tag = "requests", security(("bearer" = [])), responses((status = 200, description = "requests")))]
pub async fn waiting(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<requests::PurchaseRequest>>> {
    Ok(Json(usecase::waiting(&state.store, ctx.subject()?).await?))
}

/// Files a 申购 (the unit's 经办), submitted into the approval chain unless `submit` is false.
#[utoipa::path(post, path = "/api/v1/requests", tag = "requests", security(("bearer" = [])), request_body = RequestIn,
    responses((status = 201, description = "the request with its chain, warnings and history"), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(State(state): State<AppState>, ctx: Ctx, ApiJson(r): ApiJson<RequestIn>) -> ApiResult<(StatusCode, Json<RequestOut>)> {
    Ok((
        StatusCode::CREATED,
        Json(RequestOut::new(usecase::create(&state.store, ctx.subject()?, &parse_request(&r)?, r.submit).await?, ctx.lang)),
    ))
}

/// Loads a request the principal may see.
pub async fn visible(state: &AppState, ctx: &Ctx, id: &str) -> ApiResult<RequestDetail> {
    Ok(usecase::visible(&state.store, ctx.subject()?, path_id(id, "purchase request")?).await?)
}

/// A request with its chain, progress and warnings.
#[utoipa::path(get, path = "/api/v1/requests/{id}", tag = "requests", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 200, description = "request"), (status = 404, body = crate::api::ErrorBody)))]
pub async fn get(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<RequestOut>> {
    Ok(Json(RequestOut::new(visible(&state, &ctx, &id).await?, ctx.lang)))
}

/// Changes a draft or returned request (the applicant).
#[utoipa::path(post, path = "/api/v1/requests/{id}", tag = "requests", security(("bearer" = [])), params(("id" = String, Path)), request_body = RequestIn,
    responses((status = 200, description = "the changed request"), (status = 422, body = crate::api::ErrorBody)))]
pub async fn modify(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(r): ApiJson<RequestIn>,
) -> ApiResult<Json<RequestOut>> {
    let s = ctx.subject()?;
    let input = parse_request(&r)?;
    Ok(Json(RequestOut::new(usecase::modify(&state.store, s, path_id(&id, "purchase request")?, &input, r.submit).await?, ctx.lang)))
}

#[derive(Deserialize, ToSchema, Default)]
pub struct CommentIn {
    #[serde(default)]
    pub comment: String,
}

/// Acts on a request: `submit` (the applicant) or `approve`, `return`, `reject` (staff with the
/// current step's role; never the applicant).
pub async fn act_on(state: &AppState, ctx: &Ctx, id: &str, event: RequestEvent, comment: &str) -> ApiResult<RequestDetail> {
    Ok(usecase::act(&state.store, ctx.subject()?, path_id(id, "purchase request")?, event, comment).await?)
}

/// Submits a draft or returned request into the chain (the applicant).
#[utoipa::path(post, path = "/api/v1/requests/{id}/submit", tag = "requests", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 200, description = "request"), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn submit(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<RequestOut>> {
    Ok(Json(RequestOut::new(act_on(&state, &ctx, &id, RequestEvent::Submit, "").await?, ctx.lang)))
}

/// Approves the current step.
#[utoipa::path(post, path = "/api/v1/requests/{id}/approve", tag = "requests", security(("bearer" = [])), params(("id" = String, Path)), request_body = CommentIn, responses((status = 200, description = "request"), (status = 403, body = crate::api::ErrorBody)))]
pub async fn approve(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(c): ApiJson<CommentIn>,
) -> ApiResult<Json<RequestOut>> {
    Ok(Json(RequestOut::new(act_on(&state, &ctx, &id, RequestEvent::Approve, &c.comment).await?, ctx.lang)))
}

/// Returns the request to the applicant with a comment.
#[utoipa::path(post, path = "/api/v1/requests/{id}/return", tag = "requests", security(("bearer" = [])), params(("id" = String, Path)), request_body = CommentIn, responses((status = 200, description = "request"), (status = 422, body = crate::api::ErrorBody)))]
pub async fn send_back(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(c): ApiJson<CommentIn>,
) -> ApiResult<Json<RequestOut>> {
    Ok(Json(RequestOut::new(act_on(&state, &ctx, &id, RequestEvent::Return, &c.comment).await?, ctx.lang)))
}

/// Rejects the request.
#[utoipa::path(post, path = "/api/v1/requests/{id}/reject", tag = "requests", security(("bearer" = [])), params(("id" = String, Path)), request_body = CommentIn, responses((status = 200, description = "request"), (status = 422, body = crate::api::ErrorBody)))]
pub async fn reject(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(c): ApiJson<CommentIn>,
) -> ApiResult<Json<RequestOut>> {
    Ok(Json(RequestOut::new(act_on(&state, &ctx, &id, RequestEvent::Reject, &c.comment).await?, ctx.lang)))
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
    let s = ctx.subject()?;
    let org: caigou_domain::ids::OrgId = match q.org {
        Some(o) => o.parse().map_err(|_| AppError::not_found("organization"))?,
        None => s.org,
    };
    // Another unit's chain is its own business: its staff, supervisors of its region, admins.
    let path = caigou_store::users::org_region_path(&state.store, org).await?.ok_or_else(|| AppError::not_found("organization"))?;
    let path = caigou_domain::ids::parse_region_path(&path);
    authz::decide(&ctx.principal, authz::Action::ViewUnitPlanning { unit: org, unit_region_path: &path })?;
    Ok(Json(requests::chain(&state.store, org).await?))
}

#[derive(Serialize, ToSchema)]
pub struct Saved {
    pub saved: bool,
}

/// Sets a unit's approval chain (the unit's 审批 staff, or admins). Steps: `{name_zh, name_en,
/// role: "purchaser.reviewer" | "purchaser.approver", min_amount (fen)}`.
#[utoipa::path(post, path = "/api/v1/approval-chain", tag = "requests", security(("bearer" = [])), params(ChainQuery), request_body(content = Object, description = "ApprovalChain"),
    responses((status = 200, body = Saved), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn set_chain(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<ChainQuery>,
    ApiJson(c): ApiJson<ApprovalChain>,
) -> ApiResult<Json<Saved>> {
    let s = ctx.subject()?;
    let org: OrgId = match q.org {
        Some(o) => o.parse().map_err(|_| AppError::not_found("organization"))?,
        None => s.org,
    };
    usecase::set_chain(&state.store, s, org, &c).await?;
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
    responses((status = 201, body = Uploaded), (status = 413, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    mut multipart: axum::extract::Multipart,
) -> ApiResult<(StatusCode, Json<Uploaded>)> {
    let s = ctx.subject()?;
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("file") {
            let f = store_upload(&state, s, field).await?;
            return Ok((StatusCode::CREATED, Json(Uploaded { id: f.id.to_string(), name: f.name, size: f.size, sha256: f.sha256 })));
        }
    }
    Err(AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "file.missing"))
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
    let bytes = field.bytes().await.map_err(|_| crate::api::too_large())?;
    Ok(caigou_app::files::upload(&state.store, s, &name, &content_type, bytes).await?)
}
