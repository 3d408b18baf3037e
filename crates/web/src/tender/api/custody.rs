//! Opening custodians API: custodians' keys, naming custodians, the opening key ceremony's
//! upload, and releasing shares after the decryption window.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use caigou_store::custodians::{self, Custody, ShareIn};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use caigou_app::tender::custody as usecase;

use crate::AppState;
use crate::api::ApiJson;
use crate::ctx::Ctx;
use crate::error::ApiResult;
use crate::input::path_id;

#[derive(Deserialize, ToSchema)]
pub struct KeyIn {
    /// P-256 public key (SEC1 hex) or SM2 (`sm2:` + SEC1 hex), made on your machine (`caigou custodian keygen [--suite sm2]` or the custody page).
    pub public_key: String,
}

#[derive(Serialize, ToSchema)]
pub struct KeyOut {
    pub key_id: String,
}

/// Registers your custodian key.
#[utoipa::path(post, path = "/api/v1/me/keys", tag = "custody", security(("bearer" = [])), request_body = KeyIn, responses((status = 201, body = KeyOut), (status = 422, body = crate::api::ErrorBody)))]
pub async fn register_key(State(state): State<AppState>, ctx: Ctx, ApiJson(k): ApiJson<KeyIn>) -> ApiResult<(StatusCode, Json<KeyOut>)> {
    Ok((StatusCode::CREATED, Json(KeyOut { key_id: usecase::register_key(&state.store, ctx.subject()?, &k.public_key).await? })))
}

#[derive(Deserialize, ToSchema)]
pub struct NameIn {
    pub user_ids: Vec<String>,
    /// k of n (default 2).
    #[serde(default = "two")]
    pub threshold: i64,
}

fn two() -> i64 {
    2
}

/// Names a draft project's opening custodians and threshold (the project's runner).
#[utoipa::path(post, path = "/api/v1/projects/{id}/custodians", tag = "custody", security(("bearer" = [])), params(("id" = String, Path)), request_body = NameIn,
    responses((status = 204), (status = 422, body = crate::api::ErrorBody)))]
pub async fn name(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>, ApiJson(n): ApiJson<NameIn>) -> ApiResult<StatusCode> {
    usecase::name(&state.store, ctx.subject()?, path_id(&id, "project")?, &n.user_ids, n.threshold).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The project's custodians, threshold and opening public key.
#[utoipa::path(get, path = "/api/v1/projects/{id}/custodians", tag = "custody", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 200, description = "custody")))]
pub async fn get(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<Custody>> {
    Ok(Json(usecase::custody(&state.store, &ctx.principal, path_id(&id, "project")?).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct CeremonyIn {
    /// The opening public key (SEC1 hex). Its private half never reaches the platform.
    pub public_key: String,
    /// One share per custodian, sealed to that custodian's key.
    #[schema(value_type = Vec<Object>)]
    pub shares: Vec<ShareIn>,
    /// The threshold k the key was split for: refused if the custodians' threshold changed
    /// since the ceremony read it.
    pub threshold: i64,
}

#[derive(Serialize, ToSchema)]
pub struct CeremonyOut {
    pub opening_key_id: String,
}

/// The key ceremony's result, uploaded by one of the custodians.
#[utoipa::path(post, path = "/api/v1/projects/{id}/opening-key", tag = "custody", security(("bearer" = [])), params(("id" = String, Path)), request_body = CeremonyIn,
    responses((status = 201, body = CeremonyOut), (status = 422, body = crate::api::ErrorBody)))]
pub async fn ceremony(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(c): ApiJson<CeremonyIn>,
) -> ApiResult<(StatusCode, Json<CeremonyOut>)> {
    let key = usecase::ceremony(&state.store, ctx.subject()?, path_id(&id, "project")?, &c.public_key, &c.shares, c.threshold).await?;
    Ok((StatusCode::CREATED, Json(CeremonyOut { opening_key_id: key })))
}

/// Your sealed share of the project's opening key (open it on your machine).
#[utoipa::path(get, path = "/api/v1/projects/{id}/custodians/share", tag = "custody", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 200, description = "sealed share")))]
pub async fn own_share(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<caigou_seal::SealedFor>> {
    Ok(Json(usecase::own_share(&state.store, ctx.subject()?, path_id(&id, "project")?).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct ShareRelease {
    /// Your opened share, base64.
    pub share: String,
}

#[derive(Serialize, ToSchema)]
pub struct Released {
    /// Bids opened with the rebuilt opening key (0 until k consistent shares are in).
    pub opened: usize,
}

/// Releases your share in the remedy stage after the decryption window.
#[utoipa::path(post, path = "/api/v1/projects/{id}/custodians/share", tag = "custody", security(("bearer" = [])), params(("id" = String, Path)), request_body = ShareRelease,
    responses((status = 200, body = Released), (status = 422, body = crate::api::ErrorBody)))]
pub async fn release(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(r): ApiJson<ShareRelease>,
) -> ApiResult<Json<Released>> {
    Ok(Json(Released { opened: usecase::release_share(&state.store, ctx.subject()?, path_id(&id, "project")?, &r.share).await? }))
}

#[derive(Serialize, ToSchema)]
pub struct OpeningKey {
    /// Wrap your content key to this key too (null: no custodians for this project).
    pub public_key: Option<String>,
}

/// The opening public key bids on this lot must also be wrapped to.
#[utoipa::path(get, path = "/api/v1/lots/{id}/opening-key", tag = "custody", params(("id" = String, Path)), responses((status = 200, body = OpeningKey)))]
pub async fn lot_key(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<OpeningKey>> {
    let project = caigou_store::projects::project_of_lot(&state.store, path_id(&id, "lot")?).await?;
    Ok(Json(OpeningKey { public_key: custodians::custody(&state.store, project).await?.opening_public_key }))
}
