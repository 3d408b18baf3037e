//! The working-day calendar.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::{ApiJson, ApiQuery};
use crate::ctx::Ctx;
use crate::error::{ApiResult, AppError};
use crate::platform::api::regions::parse_date;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DayQuery {
    /// YYYY-MM-DD
    pub date: String,
}

#[derive(Serialize, ToSchema)]
pub struct DayOut {
    pub date: String,
    pub working_day: bool,
}

fn calendar_error(e: caigou_domain::calendar::CalendarError) -> AppError {
    AppError::localized(StatusCode::UNPROCESSABLE_ENTITY, &e)
}

/// Whether a date is a working day (调休 make-up days are).
#[utoipa::path(get, path = "/api/v1/calendar/is-working-day", tag = "calendar", params(DayQuery),
    responses((status = 200, body = DayOut), (status = 422, body = crate::api::ErrorBody, description = "bad date, or a year without calendar data")))]
pub async fn is_working_day(State(state): State<AppState>, ApiQuery(q): ApiQuery<DayQuery>) -> ApiResult<Json<DayOut>> {
    let date = parse_date(&q.date, "date")?;
    let cal = caigou_store::calendar::load(&state.store).await?;
    let working_day = cal.is_working_day(date).map_err(calendar_error)?;
    Ok(Json(DayOut { date: date.to_string(), working_day }))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AddQuery {
    /// YYYY-MM-DD
    pub date: String,
    /// Working days to add (0–1000); counting starts the next day.
    pub n: u32,
}

#[derive(Serialize, ToSchema)]
pub struct AddOut {
    pub start: String,
    pub working_days: u32,
    pub result: String,
}

/// The date N working days after a date.
#[utoipa::path(get, path = "/api/v1/calendar/add-working-days", tag = "calendar", params(AddQuery),
    responses((status = 200, body = AddOut), (status = 422, body = crate::api::ErrorBody)))]
pub async fn add_working_days(State(state): State<AppState>, ApiQuery(q): ApiQuery<AddQuery>) -> ApiResult<Json<AddOut>> {
    let date = parse_date(&q.date, "date")?;
    if q.n > 1000 {
        return Err(AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "calendar.too_many_days").with_field("n", "0–1000"));
    }
    let cal = caigou_store::calendar::load(&state.store).await?;
    let result = cal.add_working_days(date, q.n).map_err(calendar_error)?;
    Ok(Json(AddOut { start: date.to_string(), working_days: q.n, result: result.to_string() }))
}

#[derive(Serialize, ToSchema)]
pub struct YearLoaded {
    pub year: i16,
}

/// Loads or replaces a year's arrangement (holiday-cn JSON: `{year, papers, days: [{date, isOffDay}]}`). Admins.
#[utoipa::path(post, path = "/api/v1/calendar/years", tag = "calendar", security(("bearer" = [])), request_body(content = Object, description = "holiday-cn year file"),
    responses((status = 201, body = YearLoaded), (status = 422, body = crate::api::ErrorBody)))]
pub async fn load_year(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<(StatusCode, Json<YearLoaded>)> {
    let year = caigou_app::admin::load_calendar_year(&state.store, ctx.subject()?, &body.to_string()).await?;
    Ok((StatusCode::CREATED, Json(YearLoaded { year })))
}
