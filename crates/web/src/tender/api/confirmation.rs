//! 采购人确认 API: a unit's decision on a project's draft documents, and the unit's setting.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use caigou_app::tender::confirmation as usecase;
use caigou_domain::Msg;
use caigou_domain::tender::confirmation::Decision;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::ApiJson;
use crate::ctx::Ctx;
use crate::error::{ApiResult, AppError};
use crate::input::path_id;

#[derive(Deserialize, ToSchema)]
pub struct DecisionIn {
    /// `confirmed` or `returned`.
    pub decision: String,
    /// Required when returning: what to change.
    #[serde(default)]
    pub comment: String,
}

/// 采购人确认: your unit confirms the project's current draft documents, or returns them with
/// the reason. Publishing waits for every unit that asks for confirmation.
#[utoipa::path(post, path = "/api/v1/projects/{id}/confirmation", tag = "projects", security(("bearer" = [])), params(("id" = String, Path)),
    request_body = DecisionIn, responses((status = 204, description = "recorded"), (status = 422, body = crate::api::ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(d): ApiJson<DecisionIn>,
) -> ApiResult<StatusCode> {
    let decision = d.decision.parse::<Decision>().map_err(|_| {
        let text = Msg::new("error.request.invalid_fields.decision");
        AppError::with(StatusCode::UNPROCESSABLE_ENTITY, "request.invalid_fields", text.clone()).with_field("decision", text)
    })?;
    usecase::decide(&state.store, ctx.subject()?, path_id(&id, "project")?, decision, &d.comment).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct UnitSettings {
    /// 采购人确认: the unit confirms each project's documents before they are published.
    pub confirm_documents: bool,
}

/// Your unit's settings.
#[utoipa::path(get, path = "/api/v1/unit-settings", tag = "requests", security(("bearer" = [])), responses((status = 200, body = UnitSettings)))]
pub async fn get_settings(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<UnitSettings>> {
    Ok(Json(UnitSettings { confirm_documents: usecase::unit_requires(&state.store, ctx.subject()?).await? }))
}

/// Changes your unit's settings (its 审批 staff).
#[utoipa::path(post, path = "/api/v1/unit-settings", tag = "requests", security(("bearer" = [])), request_body = UnitSettings,
    responses((status = 200, body = UnitSettings), (status = 403, body = crate::api::ErrorBody)))]
pub async fn set_settings(State(state): State<AppState>, ctx: Ctx, ApiJson(s): ApiJson<UnitSettings>) -> ApiResult<Json<UnitSettings>> {
    usecase::set_unit_requires(&state.store, ctx.subject()?, s.confirm_documents).await?;
    Ok(Json(s))
}
