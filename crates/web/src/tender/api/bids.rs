//! Sealed bids API: supplier keys, submitting, modifying and withdrawing bids, and the public
//! transparency log (signed tree heads, inclusion and consistency proofs).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use caigou_app::tender::bids as usecase;
use caigou_store::bids::{KeyCertificate, Origin, OwnBid};
use caigou_store::translog::{self, Receipt, TreeHead};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::{ApiJson, ApiQuery};
use crate::ctx::Ctx;
use crate::error::ApiResult;
use crate::input::path_id;

#[derive(Deserialize, ToSchema)]
pub struct KeyIn {
    /// P-256 public key, SEC1 (uncompressed or compressed) hex; or an SM2 key as `sm2:` + SEC1 hex (bids then use SM2/SM4-GCM/SM3). Generate it on your own machine:
    /// `caigou bidder keygen`, or in the browser.
    pub public_key: String,
}

/// Registers your organization's public key; the platform signs a certificate binding it to you.
#[utoipa::path(post, path = "/api/v1/supplier/keys", tag = "bids", security(("bearer" = [])), request_body = KeyIn,
    responses((status = 201, description = "the certificate"), (status = 422, body = crate::api::ErrorBody)))]
pub async fn register_key(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(k): ApiJson<KeyIn>,
) -> ApiResult<(StatusCode, Json<KeyCertificate>)> {
    Ok((StatusCode::CREATED, Json(usecase::register_key(&state.store, ctx.subject()?, &k.public_key).await?)))
}

/// Your organization's keys and their certificates.
#[utoipa::path(get, path = "/api/v1/supplier/keys", tag = "bids", security(("bearer" = [])), responses((status = 200, description = "keys")))]
pub async fn keys(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<KeyCertificate>>> {
    Ok(Json(usecase::keys(&state.store, ctx.subject()?).await?))
}

/// Revokes one of your keys (e.g. lost or rotated).
#[utoipa::path(post, path = "/api/v1/supplier/keys/{id}/revoke", tag = "bids", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 204), (status = 404, body = crate::api::ErrorBody)))]
pub async fn revoke_key(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<StatusCode> {
    usecase::revoke_key(&state.store, ctx.subject()?, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// 投标 / 修改: submits a sealed bid (encrypted and signed on your machine). The last valid
/// submission counts. Returns the receipt with its place in the transparency log.
#[utoipa::path(post, path = "/api/v1/lots/{id}/bids", tag = "bids", security(("bearer" = [])), params(("id" = String, Path)),
    request_body(content = Object, description = "the sealed envelope (suite, lot_id, ciphertext, ciphertext_sha256, wrapped, key_id, signature)"),
    responses((status = 201, description = "the receipt"), (status = 422, body = crate::api::ErrorBody)))]
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<String>,
    ApiJson(env): ApiJson<caigou_seal::Envelope>,
) -> ApiResult<(StatusCode, Json<Receipt>)> {
    let ua = headers.get(axum::http::header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("");
    let origin = Origin { address: &ctx.address, user_agent: ua };
    let receipt = usecase::submit(&state.store, ctx.subject()?, path_id(&id, "lot")?, &env, origin).await?;
    Ok((StatusCode::CREATED, Json(receipt)))
}

/// 撤回: withdraws your bid on a lot before the deadline.
#[utoipa::path(post, path = "/api/v1/lots/{id}/bids/withdraw", tag = "bids", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 204), (status = 422, body = crate::api::ErrorBody)))]
pub async fn withdraw(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<StatusCode> {
    usecase::withdraw(&state.store, ctx.subject()?, path_id(&id, "lot")?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Your submissions on a lot (what the platform holds: hashes and sizes, never content).
#[utoipa::path(get, path = "/api/v1/lots/{id}/bids", tag = "bids", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 200, description = "own bids")))]
pub async fn own(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<Vec<OwnBid>>> {
    Ok(Json(usecase::own(&state.store, ctx.subject()?, path_id(&id, "lot")?).await?))
}

/// A receipt for one of your submissions again (a lost receipt, or one against a newer tree
/// head): the same leaf and log index, a freshly signed head and its inclusion proof.
#[utoipa::path(get, path = "/api/v1/bids/{id}/receipt", tag = "bids", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 200, description = "the receipt"), (status = 404, body = crate::api::ErrorBody)))]
pub async fn receipt(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<Receipt>> {
    Ok(Json(usecase::receipt(&state.store, ctx.subject()?, path_id(&id, "bid")?).await?))
}

#[derive(Serialize, ToSchema)]
pub struct LogKey {
    /// The log's P-256 public key (SEC1 hex).
    pub public_key: String,
}

/// The transparency log's public key.
#[utoipa::path(get, path = "/api/v1/log/key", tag = "log", responses((status = 200, body = LogKey)))]
pub async fn key(State(state): State<AppState>) -> ApiResult<Json<LogKey>> {
    Ok(Json(LogKey { public_key: translog::public_key(&state.store).await? }))
}

/// The current signed tree head (checkpoint).
#[utoipa::path(get, path = "/api/v1/log/head", tag = "log", responses((status = 200, description = "signed tree head")))]
pub async fn head(State(state): State<AppState>) -> ApiResult<Json<TreeHead>> {
    Ok(Json(translog::head(&state.store, None).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InclusionQuery {
    pub index: i64,
    pub size: i64,
}

#[derive(Serialize, ToSchema)]
pub struct Proof {
    /// Hex hashes, bottom up.
    pub proof: Vec<String>,
}

/// The inclusion proof of leaf `index` in the tree of `size` leaves.
#[utoipa::path(get, path = "/api/v1/log/inclusion", tag = "log", params(InclusionQuery), responses((status = 200, body = Proof), (status = 422, body = crate::api::ErrorBody)))]
pub async fn inclusion(State(state): State<AppState>, ApiQuery(q): ApiQuery<InclusionQuery>) -> ApiResult<Json<Proof>> {
    Ok(Json(Proof { proof: translog::inclusion(&state.store, q.index, q.size).await? }))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConsistencyQuery {
    pub from: i64,
    pub to: i64,
}

/// The consistency proof between the trees of `from` and `to` leaves (RFC 9162 §2.1.4).
#[utoipa::path(get, path = "/api/v1/log/consistency", tag = "log", params(ConsistencyQuery), responses((status = 200, body = Proof), (status = 422, body = crate::api::ErrorBody)))]
pub async fn consistency(State(state): State<AppState>, ApiQuery(q): ApiQuery<ConsistencyQuery>) -> ApiResult<Json<Proof>> {
    Ok(Json(Proof { proof: translog::consistency(&state.store, q.from, q.to).await? }))
}
