//! Regions and their versioned policy sets.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use caigou_domain::Msg;
use caigou_domain::policy::{PolicyOverride, PolicySet};
use caigou_store::regions;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::{ApiJson, ApiQuery};
use crate::ctx::Ctx;
use crate::error::{ApiResult, AppError};
use crate::input::path_id;

#[derive(Serialize, ToSchema)]
pub struct RegionOut {
    pub id: String,
    pub parent_id: Option<String>,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// platform, province, city, county
    pub level: String,
}

/// All regions, parents before children.
#[utoipa::path(get, path = "/api/v1/regions", tag = "regions", responses((status = 200, body = Vec<RegionOut>)))]
pub async fn list(State(state): State<AppState>) -> ApiResult<Json<Vec<RegionOut>>> {
    let all = regions::list(&state.store).await?;
    Ok(Json(
        all.into_iter()
            .map(|r| RegionOut {
                id: r.id.to_string(),
                parent_id: r.parent_id.map(|p| p.to_string()),
                code: r.code,
                name_zh: r.name_zh,
                name_en: r.name_en,
                level: r.level,
            })
            .collect(),
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DateQuery {
    /// YYYY-MM-DD; default today (China time).
    pub date: Option<String>,
}

pub fn parse_date(s: &str, field: &str) -> Result<Date, AppError> {
    s.trim().parse::<Date>().map_err(|_| {
        AppError::with(StatusCode::UNPROCESSABLE_ENTITY, "request.bad_date", Msg::new("error.request.bad_date").arg("s", s))
            .with_field(field, "YYYY-MM-DD")
    })
}

#[derive(Serialize, ToSchema)]
pub struct EffectivePolicy {
    pub region_id: String,
    pub date: String,
    /// Amounts are integer fen.
    #[schema(value_type = Object)]
    pub policy: PolicySet,
}

/// The policy in force for a region at a date (inherited along the region tree).
#[utoipa::path(get, path = "/api/v1/regions/{id}/policy", tag = "regions", params(("id" = String, Path), DateQuery),
    responses((status = 200, body = EffectivePolicy), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn effective(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<DateQuery>,
) -> ApiResult<Json<EffectivePolicy>> {
    let date = match q.date {
        Some(d) => parse_date(&d, "date")?,
        None => state.store.clock().today(),
    };
    let policy = regions::effective_policy(&state.store, path_id(&id, "region")?, date).await?;
    Ok(Json(EffectivePolicy { region_id: id, date: date.to_string(), policy }))
}

#[derive(Serialize, ToSchema)]
pub struct VersionOut {
    pub id: String,
    pub effective_from: String,
    #[schema(value_type = Object)]
    pub overrides: PolicyOverride,
    pub note: String,
    pub created_at: i64,
    pub created_by: Option<String>,
}

/// The policy versions a region defines itself (not inherited ones).
#[utoipa::path(get, path = "/api/v1/regions/{id}/policy-versions", tag = "regions", params(("id" = String, Path)),
    responses((status = 200, body = Vec<VersionOut>), (status = 404, body = crate::api::ErrorBody)))]
pub async fn versions(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<Vec<VersionOut>>> {
    let id = path_id(&id, "region")?;
    regions::get(&state.store, id).await?;
    let vs = regions::versions(&state.store, id).await?;
    Ok(Json(
        vs.into_iter()
            .map(|v| VersionOut {
                id: v.id,
                effective_from: v.version.effective_from.to_string(),
                overrides: v.version.overrides,
                note: v.note,
                created_at: v.created_at,
                created_by: v.created_by,
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct NewVersion {
    /// YYYY-MM-DD
    pub effective_from: String,
    pub note: String,
    /// Fields left out (or null) inherit from the parent region. Amounts in integer fen.
    #[schema(value_type = Object)]
    pub overrides: PolicyOverride,
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    pub id: String,
}

/// Adds a policy version to a region (platform admins). Audited.
#[utoipa::path(post, path = "/api/v1/regions/{id}/policy-versions", tag = "regions", security(("bearer" = [])), params(("id" = String, Path)), request_body = NewVersion,
    responses((status = 201, body = Created), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn add_version(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<NewVersion>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let date = parse_date(&req.effective_from, "effective_from")?;
    let id = caigou_app::admin::add_policy_version(&state.store, ctx.subject()?, &id, date, &req.overrides, &req.note).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// The national floors and caps every region's policy stays within (法定底线), with their sources.
#[derive(Serialize, ToSchema)]
pub struct StatutoryOut {
    #[schema(value_type = Object)]
    pub limits: caigou_domain::statutory::StatutoryLimits,
    /// The legal source of each limit, by field.
    pub sources: std::collections::BTreeMap<&'static str, &'static str>,
}

const LIMIT_FIELDS: &[&str] = &[
    "tender_bid_days",
    "documents_working_days",
    "tender_announcement_working_days",
    "consultation_response_days",
    "negotiation_response_working_days",
    "tender_clarification_days",
    "consultation_clarification_days",
    "negotiation_clarification_working_days",
    "decryption_window_minutes",
    "intention_lead_days",
    "price_weights.tender_goods",
    "price_weights.tender_services",
    "price_weights.consultation_goods",
    "price_weights.consultation_services",
    "deposit",
    "sme_deduction",
];

/// The statutory limits in force.
#[utoipa::path(get, path = "/api/v1/statutory-limits", tag = "regions", responses((status = 200, body = StatutoryOut, description = "the limits")))]
pub async fn statutory(State(state): State<AppState>) -> ApiResult<Json<StatutoryOut>> {
    let limits = caigou_store::statutory::get(&state.store).await?;
    let sources = LIMIT_FIELDS.iter().map(|f| (*f, caigou_domain::statutory::limit_source(f))).collect();
    Ok(Json(StatutoryOut { limits, sources }))
}

#[derive(Deserialize, ToSchema)]
pub struct StatutoryIn {
    #[schema(value_type = Object)]
    pub limits: caigou_domain::statutory::StatutoryLimits,
    /// What the correction rests on (the official text checked).
    pub note: String,
}

/// Corrects the statutory limits (admins; audited): for a rule taken from a secondary source
/// once checked against the official text.
#[utoipa::path(post, path = "/api/v1/statutory-limits", tag = "regions", security(("bearer" = [])), request_body = StatutoryIn,
    responses((status = 204, description = "corrected"), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn correct_statutory(State(state): State<AppState>, ctx: Ctx, ApiJson(req): ApiJson<StatutoryIn>) -> ApiResult<StatusCode> {
    caigou_app::admin::correct_statutory_limits(&state.store, ctx.subject()?, &req.limits, &req.note).await?;
    Ok(StatusCode::NO_CONTENT)
}
