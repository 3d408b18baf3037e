//! Online opening API: the hall's state, bidders' sign-in, releasing content keys, objections,
//! the opening record, and today's openings for the big screen.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use caigou_store::opening::{self, OpeningView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use caigou_app::tender::opening as usecase;

use crate::AppState;
use crate::api::ApiJson;
use crate::ctx::Ctx;
use crate::error::{ApiResult, AppError};
use crate::input::path_id;

/// Who may watch a lot's opening ([`caigou_domain::authz::Action::WatchOpening`]).
pub async fn may_watch(state: &AppState, ctx: &Ctx, lot: &str) -> ApiResult<()> {
    Ok(usecase::may_watch(&state.store, &ctx.principal, path_id(lot, "lot")?).await?)
}

/// The opening of a lot: status, bidders, decryption outcomes and prices as they are opened.
#[utoipa::path(get, path = "/api/v1/lots/{id}/opening", tag = "opening", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 200, description = "opening"), (status = 403, body = crate::api::ErrorBody)))]
pub async fn get(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<OpeningView>> {
    Ok(Json(usecase::view(&state.store, &ctx.principal, path_id(&id, "lot")?).await?))
}

/// 串通投标线索 after the opening (87号令第37条): values different bidders' valid bids share —
/// submitting address, documents' author, last editor or company, identical documents. For the
/// project's insiders (agency, purchaser, supervisor), not for bidders; signals, not verdicts.
#[utoipa::path(get, path = "/api/v1/lots/{id}/opening/signals", tag = "opening", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, description = "signals"), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn signals(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<caigou_domain::tender::collusion::Signal>>> {
    usecase::signals(&state.store, &ctx.principal, path_id(&id, "lot")?)
        .await?
        .map(Json)
        .ok_or_else(|| AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "opening.not_closed"))
}

/// 签到: a bidder signs in to the opening hall.
#[utoipa::path(post, path = "/api/v1/lots/{id}/opening/sign-in", tag = "opening", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 204), (status = 422, body = crate::api::ErrorBody)))]
pub async fn sign_in(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<StatusCode> {
    usecase::sign_in(&state.store, ctx.subject()?, path_id(&id, "lot")?).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct CurrentBid {
    pub id: String,
    /// `[{key_id, epk, ct}]`: unwrap yours with your private key, on your machine.
    #[schema(value_type = Vec<Object>)]
    pub wrapped: Vec<caigou_seal::Wrapped>,
}

/// Your valid bid's wrapped content keys, to decrypt on your machine at the opening.
#[utoipa::path(get, path = "/api/v1/lots/{id}/bids/current", tag = "opening", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 200, body = CurrentBid), (status = 422, body = crate::api::ErrorBody)))]
pub async fn current(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<CurrentBid>> {
    let (bid, wrapped) = usecase::own_valid_bid(&state.store, ctx.subject()?, path_id(&id, "lot")?).await?;
    Ok(Json(CurrentBid { id: bid, wrapped: serde_json::from_str(&wrapped).map_err(|_| AppError::internal())? }))
}

#[derive(Deserialize, ToSchema)]
pub struct KeyRelease {
    /// The 32-byte content key, base64, unwrapped on your machine.
    pub content_key: String,
}

#[derive(Serialize, ToSchema)]
pub struct Opened {
    /// 投标总价, fen, as opened.
    pub total_price: i64,
}

/// 解密: releases your content key during the decryption window; the platform opens your bid.
#[utoipa::path(post, path = "/api/v1/lots/{id}/opening/key", tag = "opening", security(("bearer" = [])), params(("id" = String, Path)), request_body = KeyRelease,
    responses((status = 200, body = Opened), (status = 422, body = crate::api::ErrorBody)))]
pub async fn release(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(k): ApiJson<KeyRelease>,
) -> ApiResult<Json<Opened>> {
    Ok(Json(Opened { total_price: usecase::release_key(&state.store, ctx.subject()?, path_id(&id, "lot")?, &k.content_key).await? }))
}

#[derive(Deserialize, ToSchema)]
pub struct ObjectionIn {
    pub text: String,
}

/// 开标异议: a bidder's objection at the opening, recorded.
#[utoipa::path(post, path = "/api/v1/lots/{id}/opening/objections", tag = "opening", security(("bearer" = [])), params(("id" = String, Path)), request_body = ObjectionIn,
    responses((status = 201), (status = 422, body = crate::api::ErrorBody)))]
pub async fn object(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(o): ApiJson<ObjectionIn>,
) -> ApiResult<StatusCode> {
    usecase::object(&state.store, ctx.subject()?, path_id(&id, "lot")?, &o.text).await?;
    Ok(StatusCode::CREATED)
}

#[derive(Serialize, ToSchema)]
pub struct RecordOut {
    /// The record as logged (JSON text; its SHA-256 is the log leaf's).
    pub record: String,
    pub sha256: String,
}

/// The opening record (开标记录) once the decryption window has ended.
#[utoipa::path(get, path = "/api/v1/lots/{id}/opening/record", tag = "opening", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 200, body = RecordOut), (status = 404, body = crate::api::ErrorBody)))]
pub async fn record(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<RecordOut>> {
    let r =
        usecase::record(&state.store, &ctx.principal, path_id(&id, "lot")?).await?.ok_or_else(|| AppError::not_found("opening record"))?;
    Ok(Json(RecordOut { sha256: caigou_seal::sha256_hex(r.as_bytes()), record: r }))
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct TodayRow {
    pub project_no: String,
    pub project: String,
    pub lot_no: i64,
    pub lot: String,
    /// failed | decrypting | closed
    pub status: String,
    pub valid_bids: i64,
    pub opened: i64,
    pub decrypt_until: i64,
}

/// Today's openings with their live status (no prices): the hall's big screen.
#[utoipa::path(get, path = "/api/v1/openings/today", tag = "opening", responses((status = 200, body = Vec<TodayRow>)))]
pub async fn today(State(state): State<AppState>) -> ApiResult<Json<Vec<TodayRow>>> {
    Ok(Json(today_rows(&state).await?))
}

pub async fn today_rows(state: &AppState) -> ApiResult<Vec<TodayRow>> {
    let start = caigou_store::documents::china_ms(state.store.clock().today().to_datetime(jiff::civil::Time::midnight()))?;
    Ok(opening::today(&state.store, start)
        .await?
        .into_iter()
        .map(|(project_no, project, lot_no, lot, status, valid_bids, opened, decrypt_until)| TodayRow {
            project_no,
            project,
            lot_no,
            lot,
            status: status.to_string(),
            valid_bids,
            opened,
            decrypt_until,
        })
        .collect())
}
