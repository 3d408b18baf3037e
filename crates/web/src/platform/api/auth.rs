//! Sign-in, the current user, password change and API tokens.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use caigou_store::users::{self, LoginRefused};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use caigou_app::auth;

use crate::AppState;
use crate::api::ApiJson;
use crate::ctx::{self, Ctx};
use crate::error::{ApiResult, AppError};

/// API tokens issued at login live this long.
const LOGIN_TOKEN_TTL_MS: i64 = 12 * 60 * 60 * 1000;

#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

#[derive(Serialize, ToSchema)]
pub struct LoginResponse {
    /// Bearer token for `Authorization: Bearer …` (valid 12 hours).
    pub token: String,
    pub user: Me,
}

#[derive(Serialize, ToSchema)]
pub struct Me {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub organization: MeOrg,
    /// Role keys: admin, supervisor, purchaser.handler, purchaser.reviewer, purchaser.approver, agency, supplier, expert.
    pub roles: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct MeOrg {
    pub id: String,
    /// platform, purchasing_unit, central_agency, agency, supplier, expert_employer, finance_department
    pub kind: String,
    pub name: String,
    pub region_id: String,
    pub region_name: String,
}

impl From<&users::UserView> for Me {
    fn from(v: &users::UserView) -> Me {
        Me {
            id: v.id.to_string(),
            username: v.username.clone(),
            display_name: v.display_name.clone(),
            email: v.email.clone(),
            organization: MeOrg {
                id: v.organization.id.to_string(),
                kind: v.organization.kind.clone(),
                name: v.organization.name.clone(),
                region_id: v.organization.region_id.to_string(),
                region_name: v.organization.region_name.clone(),
            },
            roles: v.roles.clone(),
        }
    }
}

pub fn login_refused(r: LoginRefused) -> AppError {
    match r {
        LoginRefused::BadCredentials => AppError::new(StatusCode::UNAUTHORIZED, "auth.bad_credentials"),
        LoginRefused::Throttled => AppError::new(StatusCode::TOO_MANY_REQUESTS, "auth.throttled").retry_after(15 * 60),
    }
}

/// Signs in with a username and password: returns a bearer token and sets a session cookie.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = crate::api::ErrorBody, description = "wrong credentials"), (status = 429, body = crate::api::ErrorBody, description = "throttled")))]
pub async fn login(State(state): State<AppState>, ctx: Ctx, ApiJson(req): ApiJson<LoginRequest>) -> ApiResult<Response> {
    let store = &state.store;
    let identity = auth::sign_in(store, &req.username, &req.password, &ctx.address).await?.map_err(login_refused)?;
    let token = auth::issue_token(store, &identity, "login", LOGIN_TOKEN_TTL_MS).await?;
    let session = auth::start_session(store, &identity, &ctx.address).await?;
    let mut resp = Json(LoginResponse { token, user: Me::from(&identity.view) }).into_response();
    ctx::start_session(&mut resp, session, state.config.secure_cookies);
    Ok(resp)
}

/// Signs out: ends the cookie session and revokes the bearer token the request came with.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", security(("bearer" = [])), responses((status = 204, description = "signed out")))]
pub async fn logout(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Response> {
    if let Some(identity) = &ctx.identity {
        auth::sign_out(&state.store, identity, ctx.presented()).await?;
    }
    let mut resp = StatusCode::NO_CONTENT.into_response();
    ctx::append_cookie(&mut resp, ctx::removal(ctx::SESSION_COOKIE, state.config.secure_cookies));
    Ok(resp)
}

/// The signed-in user, organization and roles.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", security(("bearer" = [])), responses((status = 200, body = Me), (status = 401, body = crate::api::ErrorBody)))]
pub async fn me(ctx: Ctx) -> ApiResult<Json<Me>> {
    let identity = ctx.identity.as_ref().ok_or_else(AppError::internal)?;
    Ok(Json(Me::from(&identity.view)))
}

#[derive(Deserialize, ToSchema)]
pub struct PasswordChange {
    pub current_password: String,
    /// 10 to 128 characters.
    pub new_password: String,
}

/// Changes the password; every other session and API token of the user ends (the credential
/// the change was made with is kept).
#[utoipa::path(post, path = "/api/v1/me/password", tag = "auth", security(("bearer" = [])), request_body = PasswordChange,
    responses((status = 204), (status = 422, body = crate::api::ErrorBody)))]
pub async fn change_password(State(state): State<AppState>, ctx: Ctx, ApiJson(req): ApiJson<PasswordChange>) -> ApiResult<StatusCode> {
    let identity = ctx.identity.as_ref().ok_or_else(AppError::internal)?;
    auth::change_password(&state.store, identity, &req.current_password, &req.new_password, ctx.presented()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct TokenRequest {
    pub name: String,
    /// Days of validity, 1 to 365.
    pub days: i64,
}

#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    pub token: String,
}

/// Issues an API token for a machine client.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "auth", security(("bearer" = [])), request_body = TokenRequest,
    responses((status = 201, body = TokenResponse), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create_token(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(req): ApiJson<TokenRequest>,
) -> ApiResult<(StatusCode, Json<TokenResponse>)> {
    let identity = ctx.identity.as_ref().ok_or_else(AppError::internal)?;
    let token = issue_token(&state, identity, &req.name, req.days).await?;
    Ok((StatusCode::CREATED, Json(TokenResponse { token })))
}

pub async fn issue_token(state: &AppState, identity: &users::Identity, name: &str, days: i64) -> ApiResult<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 64 {
        return Err(AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "token.bad_name").with_field("name", "1–64"));
    }
    if !(1..=365).contains(&days) {
        return Err(AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "token.bad_days").with_field("days", "1–365"));
    }
    Ok(auth::issue_token(&state.store, identity, name, days * 24 * 60 * 60 * 1000).await?)
}

/// One of your API tokens (never its secret).
#[derive(Serialize, ToSchema)]
pub struct TokenOut {
    /// Names the token for revoking (the first 16 hex digits of its SHA-256).
    pub id: String,
    pub name: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// Your live API tokens (including those issued at sign-in), newest first.
#[utoipa::path(get, path = "/api/v1/tokens", tag = "auth", security(("bearer" = [])), responses((status = 200, body = Vec<TokenOut>, description = "your tokens")))]
pub async fn list_tokens(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<TokenOut>>> {
    let identity = ctx.identity.as_ref().ok_or_else(AppError::internal)?;
    let tokens = users::tokens(&state.store, identity.subject.user).await?;
    Ok(Json(tokens.into_iter().map(|t| TokenOut { id: t.id, name: t.name, created_at: t.created_at, expires_at: t.expires_at }).collect()))
}

/// Revokes one of your API tokens at once.
#[utoipa::path(post, path = "/api/v1/tokens/{id}/revoke", tag = "auth", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 204, description = "revoked"), (status = 404, body = crate::api::ErrorBody, description = "no such token of yours")))]
pub async fn revoke_token(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> ApiResult<StatusCode> {
    let identity = ctx.identity.as_ref().ok_or_else(AppError::internal)?;
    auth::revoke_token(&state.store, identity, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
