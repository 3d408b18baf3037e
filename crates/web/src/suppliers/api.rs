//! Supplier admission API: registration (public), the supplier's own profile and
//! qualifications, and review by admins or the region's office.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use caigou_domain::Localized;
use caigou_domain::Msg;
use caigou_domain::ids::RegionId;
use caigou_domain::supplier::{EnterpriseSize, SupplierStatus};
use caigou_domain::uscc::UnifiedSocialCreditCode;
use caigou_store::suppliers::{self, Profile, Registration, SupplierRow, SupplierView};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use caigou_app::suppliers::{self as usecase, AddQualification};

use crate::AppState;
use crate::api::{ApiJson, ApiQuery};
use crate::ctx::Ctx;
use crate::error::{ApiResult, AppError};
use crate::input::path_id;

fn field_error(field: &str, e: &dyn Localized) -> AppError {
    AppError::with(StatusCode::UNPROCESSABLE_ENTITY, e.code(), e.msg()).with_field(field, e.msg())
}

#[derive(Deserialize, ToSchema, Clone)]
pub struct ProfileIn {
    pub legal_representative: String,
    pub address: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub contact_email: String,
    /// `large` | `medium` | `small` | `micro`
    pub size: String,
    #[serde(default)]
    pub disabled_welfare: bool,
    #[serde(default)]
    pub prison_enterprise: bool,
    #[serde(default)]
    pub business_scope: String,
}

pub fn parse_profile(p: &ProfileIn) -> ApiResult<Profile> {
    let size = EnterpriseSize::parse(&p.size).ok_or_else(|| {
        AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "supplier.invalid").with_field("size", "large | medium | small | micro")
    })?;
    Ok(Profile {
        legal_representative: p.legal_representative.clone(),
        address: p.address.clone(),
        contact_name: p.contact_name.clone(),
        contact_phone: p.contact_phone.clone(),
        contact_email: p.contact_email.clone(),
        size,
        disabled_welfare: p.disabled_welfare,
        prison_enterprise: p.prison_enterprise,
        business_scope: p.business_scope.clone(),
    })
}

#[derive(Deserialize, ToSchema)]
pub struct RegisterIn {
    /// The organization's registered name.
    pub name: String,
    /// 统一社会信用代码: 18 characters with the GB 32100-2015 check character.
    pub uscc: String,
    pub region_id: String,
    pub username: String,
    pub display_name: String,
    pub password: String,
    #[serde(flatten)]
    #[schema(inline)]
    pub profile: ProfileIn,
}

#[derive(Serialize, ToSchema)]
pub struct Registered {
    pub org_id: String,
    pub user_id: String,
    pub status: String,
}

pub fn parse_registration(r: &RegisterIn) -> ApiResult<Registration> {
    let uscc: UnifiedSocialCreditCode =
        r.uscc.trim().to_ascii_uppercase().parse().map_err(|e: caigou_domain::uscc::UsccError| field_error("uscc", &e))?;
    let region: RegionId = r.region_id.parse().map_err(|_| {
        AppError::bad_request_with("supplier.invalid", Msg::new("error.supplier.invalid.choose_region"))
            .with_field("region_id", Msg::new("error.supplier.invalid.choose_region"))
    })?;
    Ok(Registration {
        name: r.name.clone(),
        uscc,
        region,
        username: r.username.clone(),
        display_name: if r.display_name.trim().is_empty() { r.profile.contact_name.clone() } else { r.display_name.clone() },
        password: r.password.clone(),
        profile: parse_profile(&r.profile)?,
    })
}

/// 供应商注册: the organization, its first user and a draft profile (anyone).
#[utoipa::path(post, path = "/api/v1/suppliers/register", tag = "suppliers", request_body = RegisterIn,
    responses((status = 201, body = Registered), (status = 422, body = crate::api::ErrorBody)))]
pub async fn register(State(state): State<AppState>, ApiJson(r): ApiJson<RegisterIn>) -> ApiResult<(StatusCode, Json<Registered>)> {
    let (org, user) = usecase::register(&state.store, &parse_registration(&r)?).await?;
    Ok((
        StatusCode::CREATED,
        Json(Registered { org_id: org.to_string(), user_id: user.to_string(), status: SupplierStatus::Draft.key().into() }),
    ))
}

/// Your organization's supplier profile, qualifications and review state.
#[utoipa::path(get, path = "/api/v1/supplier", tag = "suppliers", security(("bearer" = [])), responses((status = 200, description = "profile")))]
pub async fn me(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<SupplierView>> {
    Ok(Json(suppliers::get(&state.store, ctx.subject()?.org).await?))
}

/// Changes the profile while it is a draft or returned.
#[utoipa::path(post, path = "/api/v1/supplier", tag = "suppliers", security(("bearer" = [])), request_body = ProfileIn,
    responses((status = 200, description = "profile"), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(State(state): State<AppState>, ctx: Ctx, ApiJson(p): ApiJson<ProfileIn>) -> ApiResult<Json<SupplierView>> {
    Ok(Json(usecase::update_profile(&state.store, ctx.subject()?, &parse_profile(&p)?).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct QualificationIn {
    /// e.g. 营业执照, 医疗器械经营许可证.
    pub name: String,
    #[serde(default)]
    pub number: String,
    /// A file uploaded with `POST /api/v1/files` by you.
    pub file_id: String,
    /// Valid through this date (YYYY-MM-DD); omit for open-ended.
    pub valid_until: Option<String>,
}

/// Adds a qualification or licence (资质证照) with its validity.
#[utoipa::path(post, path = "/api/v1/supplier/qualifications", tag = "suppliers", security(("bearer" = [])), request_body = QualificationIn,
    responses((status = 201, description = "added"), (status = 422, body = crate::api::ErrorBody)))]
pub async fn add_qualification(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(q): ApiJson<QualificationIn>,
) -> ApiResult<(StatusCode, Json<SupplierView>)> {
    let valid_until = match q.valid_until.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => Some(v.parse::<jiff::civil::Date>().map_err(|_| {
            AppError::with(StatusCode::UNPROCESSABLE_ENTITY, "supplier.invalid", Msg::new("error.supplier.invalid.valid_until_date"))
                .with_field("valid_until", "YYYY-MM-DD")
        })?),
        None => None,
    };
    let cmd = AddQualification { name: q.name, number: q.number, file: path_id(&q.file_id, "file")?, valid_until };
    Ok((StatusCode::CREATED, Json(usecase::add_qualification(&state.store, ctx.subject()?, cmd).await?)))
}

/// Sends the profile for review.
#[utoipa::path(post, path = "/api/v1/supplier/submit", tag = "suppliers", security(("bearer" = [])),
    responses((status = 200, description = "profile"), (status = 422, body = crate::api::ErrorBody)))]
pub async fn submit(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<SupplierView>> {
    Ok(Json(usecase::submit(&state.store, ctx.subject()?).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// `draft` | `submitted` | `returned` | `approved`
    pub status: Option<String>,
}

/// Suppliers you review (admins: all; supervisors: your region subtree).
#[utoipa::path(get, path = "/api/v1/suppliers", tag = "suppliers", security(("bearer" = [])), params(ListQuery), responses((status = 200, description = "suppliers")))]
pub async fn list(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ListQuery>) -> ApiResult<Json<Vec<SupplierRow>>> {
    let s = ctx.subject()?;
    let status =
        match q.status.as_deref().filter(|v| !v.is_empty()) {
            Some(v) => Some(SupplierStatus::parse(v).ok_or_else(|| {
                AppError::bad_request_with("request.invalid_query", Msg::new("error.request.invalid_query.unknown_status"))
            })?),
            None => None,
        };
    Ok(Json(usecase::list(&state.store, s, status).await?))
}

/// Loads a supplier the principal may review.
pub async fn reviewable(state: &AppState, ctx: &Ctx, id: &str) -> ApiResult<SupplierView> {
    Ok(usecase::reviewable(&state.store, ctx.subject()?, path_id(id, "supplier")?).await?)
}

/// A supplier's profile for its reviewer.
#[utoipa::path(get, path = "/api/v1/suppliers/{id}", tag = "suppliers", security(("bearer" = [])), params(("id" = String, Path)), responses((status = 200, description = "profile"), (status = 403, body = crate::api::ErrorBody)))]
pub async fn get(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<Json<SupplierView>> {
    Ok(Json(reviewable(&state, &ctx, &id).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct ReviewIn {
    pub approve: bool,
    #[serde(default)]
    pub comment: String,
}

/// Approves a submitted supplier, or returns it with comments.
#[utoipa::path(post, path = "/api/v1/suppliers/{id}/review", tag = "suppliers", security(("bearer" = [])), params(("id" = String, Path)), request_body = ReviewIn,
    responses((status = 200, description = "profile"), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(r): ApiJson<ReviewIn>,
) -> ApiResult<Json<SupplierView>> {
    Ok(Json(usecase::review(&state.store, ctx.subject()?, path_id(&id, "supplier")?, r.approve, &r.comment).await?))
}
