//! 投标保证金 on the project page: the runner records a supplier's payment for a lot and voids one
//! recorded by mistake. Form posts that parse, call the use cases of
//! `caigou_app::tender::deposits` (the same ones the JSON API calls) and redirect with the outcome.

use axum::extract::{Path, State};
use axum::response::Response;
use caigou_app::tender::deposits as usecase;
use caigou_domain::ids::LotId;
use serde::Deserialize;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::input::Form;
use crate::input::path_id;
use crate::pages::outcome;
use crate::tender::api::deposits::record_command;
use crate::tender::pages::projects::optional_yuan;

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

/// Where the outcome is shown: the lot's project page.
async fn project_page(state: &AppState, lot: &str) -> Result<String, AppError> {
    Ok(format!("/projects/{}", caigou_store::projects::project_of_lot(&state.store, path_id(lot, "lot")?).await?))
}

/// 作废投标保证金登记 (the project's runner, before the deadline).
pub async fn void(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((lot, deposit)): Path<(String, String)>,
    Form(f): Form<VoidForm>,
) -> Result<Response, AppError> {
    let lot_id: LotId = path_id(&lot, "lot")?;
    let r = async {
        usecase::void(&state.store, ctx.subject()?, lot_id, path_id(&deposit, "deposit")?, &f.reason).await?;
        Ok("notice.saved")
    }
    .await;
    outcome(&ctx, &project_page(&state, &lot).await?, r)
}

/// 登记投标保证金 (the project's runner).
pub async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(lot): Path<String>,
    Form(f): Form<DepositForm>,
) -> Result<Response, AppError> {
    let lot_id: LotId = path_id(&lot, "lot")?;
    let r = async {
        let amount = optional_yuan(&f.amount)?.unwrap_or(caigou_domain::Money::ZERO);
        usecase::record(&state.store, ctx.subject()?, record_command(lot_id, &f.uscc, amount, &f.form, &f.reference)?).await?;
        Ok("notice.saved")
    }
    .await;
    outcome(&ctx, &project_page(&state, &lot).await?, r)
}
