//! The procurement-document template library.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use caigou_store::templates::{Template, TemplateInput};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::{ApiJson, ApiQuery};
use crate::ctx::Ctx;
use crate::error::ApiResult;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TemplateQuery {
    /// Only templates for this procurement method.
    pub method: Option<String>,
}

/// Templates you may read: the platform's and your organization's (admins: every organization's).
#[utoipa::path(get, path = "/api/v1/templates", tag = "templates", security(("bearer" = [])), params(TemplateQuery), responses((status = 200, description = "templates")))]
pub async fn list(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<TemplateQuery>) -> ApiResult<Json<Vec<Template>>> {
    Ok(Json(caigou_app::tender::templates::list(&state.store, ctx.subject()?, q.method.as_deref()).await?))
}

/// One template with its sections and `{{variables}}`.
#[utoipa::path(get, path = "/api/v1/templates/{id}", tag = "templates", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 200, description = "template")))]
pub async fn get(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<Template>> {
    Ok(Json(caigou_app::tender::templates::visible(&state.store, ctx.subject()?, &id).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct TemplateIn {
    pub method: String,
    pub object_type: Option<String>,
    pub name: String,
    /// `[{key, title, editable, body}]`; bodies may use `{{lots_table}}`, `{{criteria_table}}` and the project variables.
    #[schema(value_type = Vec<Object>)]
    pub sections: Vec<caigou_domain::tender::document::TemplateSection>,
}

fn input(t: TemplateIn) -> TemplateInput {
    TemplateInput { method: t.method, object_type: t.object_type, name: t.name, sections: t.sections }
}

/// Creates a template: a platform one (admins) or your agency's own.
#[utoipa::path(post, path = "/api/v1/templates", tag = "templates", security(("bearer" = [])), request_body = TemplateIn,
    responses((status = 201, description = "created"), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(State(state): State<AppState>, ctx: Ctx, ApiJson(t): ApiJson<TemplateIn>) -> ApiResult<(StatusCode, Json<Template>)> {
    Ok((StatusCode::CREATED, Json(caigou_app::tender::templates::create(&state.store, ctx.subject()?, &input(t)).await?)))
}

/// Revises a template you manage (a new version; published documents keep theirs).
#[utoipa::path(post, path = "/api/v1/templates/{id}", tag = "templates", security(("bearer" = [])), params(("id" = String, Path)), request_body = TemplateIn,
    responses((status = 200, description = "revised"), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(t): ApiJson<TemplateIn>,
) -> ApiResult<Json<Template>> {
    Ok(Json(caigou_app::tender::templates::revise(&state.store, ctx.subject()?, &id, &input(t)).await?))
}
