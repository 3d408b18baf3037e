//! Password change and API tokens.

use crate::input::Form;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use caigou_store::users;
use serde::Deserialize;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Chrome, render};

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    chrome: Chrome,
    notice: Option<String>,
    error: Option<String>,
    token: Option<String>,
    tokens: Vec<TokenRow>,
}

struct TokenRow {
    id: String,
    name: String,
    created: String,
    expires: String,
}

async fn account(
    state: &AppState,
    ctx: &Ctx,
    notice: Option<String>,
    error: Option<String>,
    token: Option<String>,
) -> Result<AccountPage, AppError> {
    let identity = ctx.identity.as_ref().ok_or_else(AppError::internal)?;
    let tokens = users::tokens(&state.store, identity.subject.user)
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            name: t.name,
            created: caigou_store::clock::display_ms(t.created_at),
            expires: caigou_store::clock::display_ms(t.expires_at),
        })
        .collect();
    Ok(AccountPage { chrome: Chrome::load(state, ctx).await?, notice, error, token, tokens })
}

pub async fn page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    Ok(render(&account(&state, &ctx, None, None, None).await?))
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

pub async fn change_password(State(state): State<AppState>, ctx: Ctx, Form(f): Form<PasswordForm>) -> Result<Response, AppError> {
    let identity = ctx.identity.clone().ok_or_else(AppError::internal)?;
    match caigou_app::auth::change_password(&state.store, &identity, &f.current_password, &f.new_password, ctx.presented()).await {
        Ok(()) => {
            let notice = Chrome::bare(&ctx).t.s("account.password_changed").to_string();
            Ok(render(&account(&state, &ctx, Some(notice), None, None).await?))
        }
        Err(caigou_app::Error::Store(e @ caigou_store::StoreError::Rejected { .. })) => {
            let err = AppError::from(e);
            Ok((err.status, render(&account(&state, &ctx, None, Some(err.message(ctx.lang).to_string()), None).await?)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
}

pub async fn create_token(State(state): State<AppState>, ctx: Ctx, Form(f): Form<TokenForm>) -> Result<Response, AppError> {
    let identity = ctx.identity.clone().ok_or_else(AppError::internal)?;
    match crate::platform::api::auth::issue_token(&state, &identity, &f.name, 90).await {
        Ok(token) => Ok(render(&account(&state, &ctx, None, None, Some(token)).await?)),
        Err(err) if err.status.is_client_error() => {
            Ok((err.status, render(&account(&state, &ctx, None, Some(err.message(ctx.lang).to_string()), None).await?)).into_response())
        }
        Err(err) => Err(err),
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Response, AppError> {
    let identity = ctx.identity.clone().ok_or_else(AppError::internal)?;
    caigou_app::auth::revoke_token(&state.store, &identity, &id).await?;
    let notice = Chrome::bare(&ctx).t.s("account.token_revoked").to_string();
    Ok(render(&account(&state, &ctx, Some(notice), None, None).await?))
}
