//! 投标保证金: the project's runner records suppliers' deposits for lots that require one, and
//! lists them. A supplier without one cannot bid on such a lot.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use caigou_store::deposits::{self, Deposit};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiJson;
use crate::AppState;
use crate::api::projects::runnable;
use crate::ctx::Ctx;
use crate::error::{ApiResult, AppError};

#[derive(Deserialize, ToSchema)]
pub struct DepositIn {
    /// The paying supplier's 统一社会信用代码 (as on the bank statement or the guarantee).
    pub uscc: String,
    /// Fen; at least the lot's required deposit.
    pub amount: i64,
    /// `transfer` | `cheque` | `draft` | `promissory_note` | `guarantee` (non-cash only, 条例33).
    pub form: String,
    /// Bank transaction number, or the guarantee's number and issuer.
    pub reference: String,
}

#[derive(Serialize, ToSchema)]
pub struct DepositOut {
    pub id: String,
}

async fn runnable_lot(state: &AppState, ctx: &Ctx, lot: &str) -> ApiResult<()> {
    let project = caigou_store::projects::project_of_lot(&state.store, lot).await?;
    runnable(state, ctx, &project).await?;
    Ok(())
}

/// Records a supplier's bid deposit for a lot (the project's runner).
#[utoipa::path(post, path = "/api/v1/lots/{id}/deposits", tag = "projects", security(("bearer" = [])), params(("id" = String, Path)), request_body = DepositIn,
    responses((status = 201, body = DepositOut), (status = 422, body = super::ErrorBody)))]
pub async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(lot): Path<String>,
    ApiJson(d): ApiJson<DepositIn>,
) -> ApiResult<(StatusCode, Json<DepositOut>)> {
    runnable_lot(&state, &ctx, &lot).await?;
    let payer = d
        .uscc
        .parse::<caigou_domain::uscc::UnifiedSocialCreditCode>()
        .map_err(|e| AppError::localized(StatusCode::UNPROCESSABLE_ENTITY, &e))?;
    let subject = ctx.principal.subject().ok_or_else(AppError::internal)?;
    let id = deposits::record(&state.store, subject, &lot, &payer, caigou_domain::Money::from_fen(d.amount), &d.form, &d.reference).await?;
    Ok((StatusCode::CREATED, Json(DepositOut { id })))
}

#[derive(Deserialize, ToSchema)]
pub struct VoidIn {
    pub reason: String,
}

/// Voids a deposit recorded by mistake, before the deadline (the project's runner; audited).
#[utoipa::path(post, path = "/api/v1/lots/{id}/deposits/{deposit}/void", tag = "projects", security(("bearer" = [])), params(("id" = String, Path), ("deposit" = String, Path)), request_body = VoidIn,
    responses((status = 204), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn void(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((lot, deposit)): Path<(String, String)>,
    ApiJson(v): ApiJson<VoidIn>,
) -> ApiResult<StatusCode> {
    runnable_lot(&state, &ctx, &lot).await?;
    let subject = ctx.principal.subject().ok_or_else(AppError::internal)?;
    deposits::void(&state.store, subject, &lot, &deposit, &v.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The deposits recorded for a lot (the project's runner).
#[utoipa::path(get, path = "/api/v1/lots/{id}/deposits", tag = "projects", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 200, description = "deposits")))]
pub async fn list(State(state): State<AppState>, ctx: Ctx, Path(lot): Path<String>) -> ApiResult<Json<Vec<Deposit>>> {
    runnable_lot(&state, &ctx, &lot).await?;
    Ok(Json(deposits::list(&state.store, &lot).await?))
}
