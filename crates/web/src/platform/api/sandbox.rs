//! The platform clock: read by anyone; moved by admins on a sandbox/training platform only (the
//! route does not exist otherwise).

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::ApiJson;
use crate::ctx::Ctx;
use crate::error::{ApiResult, AppError};

#[derive(Serialize, ToSchema)]
pub struct ClockOut {
    /// Platform time, Unix ms.
    pub now: i64,
    /// Platform time in China, `YYYY-MM-DD HH:MM`.
    pub display: String,
    pub sandbox: bool,
    /// Scheduled transitions that fired when the clock moved.
    pub transitions: usize,
}

/// The platform time (the one clock every deadline is measured by).
#[utoipa::path(get, path = "/api/v1/clock", tag = "meta", responses((status = 200, body = ClockOut)))]
pub async fn get(State(state): State<AppState>) -> Json<ClockOut> {
    let now = state.store.clock().now_ms();
    Json(ClockOut { now, display: caigou_store::clock::display_ms(now), sandbox: state.config.sandbox, transitions: 0 })
}

#[derive(Deserialize, ToSchema)]
pub struct MoveIn {
    /// Minutes to advance.
    pub advance_minutes: Option<i64>,
    /// Days to advance.
    pub advance_days: Option<i64>,
    /// Or a target time, `YYYY-MM-DDTHH:MM` China time.
    pub to: Option<String>,
}

/// Moves the sandbox clock forward (admins, sandbox mode only) and fires what became due.
#[utoipa::path(post, path = "/api/v1/sandbox/clock", tag = "meta", security(("bearer" = [])), request_body = MoveIn,
    responses((status = 200, body = ClockOut), (status = 422, body = crate::api::ErrorBody)))]
pub async fn advance(State(state): State<AppState>, ctx: Ctx, ApiJson(m): ApiJson<MoveIn>) -> ApiResult<Json<ClockOut>> {
    let target = target_ms(&state, &m)?;
    let (now, transitions) = caigou_app::admin::move_sandbox_clock(&state.store, ctx.subject()?, target).await?;
    Ok(Json(ClockOut { now, display: caigou_store::clock::display_ms(now), sandbox: true, transitions }))
}

pub fn target_ms(state: &AppState, m: &MoveIn) -> ApiResult<i64> {
    let now = state.store.clock().now_ms();
    let bad = || AppError::bad_request("sandbox.invalid");
    if let Some(to) = m.to.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let dt: jiff::civil::DateTime = to.parse().map_err(|_| bad())?;
        return caigou_store::documents::china_ms(dt).map_err(|_| bad());
    }
    let minutes =
        m.advance_minutes.unwrap_or(0).checked_add(m.advance_days.unwrap_or(0).checked_mul(1440).ok_or_else(bad)?).ok_or_else(bad)?;
    if minutes <= 0 || minutes > 366 * 1440 {
        return Err(bad());
    }
    Ok(now + minutes * 60_000)
}
