//! 投标保证金: the project's runner records suppliers' deposits for lots that require one, and
//! lists them. A supplier without one cannot bid on such a lot. Parses and calls the use cases
//! of `caigou_app::tender::deposits` (the page form in `pages::deposits` calls the same ones).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use caigou_app::tender::deposits::{self as usecase, RecordDeposit};
use caigou_domain::Money;
use caigou_domain::ids::LotId;
use caigou_domain::tender::deposit::DepositForm;
use caigou_domain::uscc::UnifiedSocialCreditCode;
use caigou_store::deposits::Deposit;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::ApiJson;
use crate::ctx::Ctx;
use crate::error::{ApiResult, AppError};
use crate::input::path_id;

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

/// The command both the page and the API give the use case.
pub(crate) fn record_command(lot: LotId, uscc: &str, amount: Money, form: &str, reference: &str) -> ApiResult<RecordDeposit> {
    let unprocessable = |e: &dyn caigou_domain::Localized| AppError::localized(StatusCode::UNPROCESSABLE_ENTITY, e);
    Ok(RecordDeposit {
        lot,
        payer: uscc.parse::<UnifiedSocialCreditCode>().map_err(|e| unprocessable(&e))?,
        amount,
        form: DepositForm::parse_or_refuse(form).map_err(|e| unprocessable(&e))?,
        reference: reference.to_string(),
    })
}

/// Records a supplier's bid deposit for a lot (the project's runner).
#[utoipa::path(post, path = "/api/v1/lots/{id}/deposits", tag = "projects", security(("bearer" = [])), params(("id" = String, Path)), request_body = DepositIn,
    responses((status = 201, body = DepositOut), (status = 422, body = crate::api::ErrorBody)))]
pub async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(lot): Path<String>,
    ApiJson(d): ApiJson<DepositIn>,
) -> ApiResult<(StatusCode, Json<DepositOut>)> {
    let cmd = record_command(path_id(&lot, "lot")?, &d.uscc, Money::from_fen(d.amount), &d.form, &d.reference)?;
    let id = usecase::record(&state.store, ctx.subject()?, cmd).await?;
    Ok((StatusCode::CREATED, Json(DepositOut { id: id.to_string() })))
}

#[derive(Deserialize, ToSchema)]
pub struct VoidIn {
    pub reason: String,
}

/// Voids a deposit recorded by mistake, before the deadline (the project's runner; audited).
#[utoipa::path(post, path = "/api/v1/lots/{id}/deposits/{deposit}/void", tag = "projects", security(("bearer" = [])), params(("id" = String, Path), ("deposit" = String, Path)), request_body = VoidIn,
    responses((status = 204), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn void(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((lot, deposit)): Path<(String, String)>,
    ApiJson(v): ApiJson<VoidIn>,
) -> ApiResult<StatusCode> {
    usecase::void(&state.store, ctx.subject()?, path_id(&lot, "lot")?, path_id(&deposit, "deposit")?, &v.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The deposits recorded for a lot (the project's runner).
#[utoipa::path(get, path = "/api/v1/lots/{id}/deposits", tag = "projects", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 200, description = "deposits")))]
pub async fn list(State(state): State<AppState>, ctx: Ctx, Path(lot): Path<String>) -> ApiResult<Json<Vec<Deposit>>> {
    Ok(Json(usecase::list(&state.store, ctx.subject()?, path_id(&lot, "lot")?).await?))
}
