//! 投标保证金 on the project page: the runner records a supplier's payment for a lot and voids one
//! recorded by mistake (form posts; the JSON API is `api::deposits`).

use crate::input::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use caigou_store::projects;
use serde::Deserialize;

use super::outcome;
use super::projects::{optional_yuan, subject};
use crate::AppState;
use crate::api::projects::runnable;
use crate::ctx::Ctx;
use crate::error::AppError;

#[derive(Deserialize)]
pub struct DepositForm {
    uscc: String,
    amount: String,
    form: String,
    #[serde(default)]
    reference: String,
}

#[derive(Deserialize)]
pub struct VoidForm {
    #[serde(default)]
    reason: String,
}

/// 作废投标保证金登记 (the project's runner, before the deadline).
pub async fn void(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((lot, deposit)): Path<(String, String)>,
    Form(f): Form<VoidForm>,
) -> Result<Response, AppError> {
    let id = projects::project_of_lot(&state.store, &lot).await?;
    runnable(&state, &ctx, &id).await?;
    let r = caigou_store::deposits::void(&state.store, subject(&ctx)?, &lot, &deposit, &f.reason)
        .await
        .map(|_| "notice.saved")
        .map_err(AppError::from);
    outcome(&ctx, &format!("/projects/{id}"), r)
}

/// 登记投标保证金 (the project's runner).
pub async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(lot): Path<String>,
    Form(f): Form<DepositForm>,
) -> Result<Response, AppError> {
    let id = projects::project_of_lot(&state.store, &lot).await?;
    runnable(&state, &ctx, &id).await?;
    let r = async {
        let payer = f
            .uscc
            .parse::<caigou_domain::uscc::UnifiedSocialCreditCode>()
            .map_err(|e| AppError::localized(axum::http::StatusCode::UNPROCESSABLE_ENTITY, &e))?;
        let amount = optional_yuan(&f.amount)?.unwrap_or(caigou_domain::Money::ZERO);
        caigou_store::deposits::record(&state.store, subject(&ctx)?, &lot, &payer, amount, &f.form, &f.reference).await?;
        Ok("notice.saved")
    }
    .await;
    outcome(&ctx, &format!("/projects/{id}"), r)
}
