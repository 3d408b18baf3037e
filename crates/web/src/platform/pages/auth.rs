//! Sign-in and sign-out pages, and the language switch.

use crate::input::Form;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;

use crate::AppState;
use crate::ctx::{self, Ctx};
use crate::error::AppError;
use crate::pages::{Chrome, render};
use crate::platform::api::auth::login_refused;

/// Only same-origin paths are followed after sign-in or a language switch (no open redirect):
/// one leading `/`, then no second `/` or `\\`, and no control or white-space character anywhere
/// (browsers drop tabs and newlines, so `/\t/evil.example` would become `//evil.example`).
fn safe_next(next: &str) -> String {
    let local = next.starts_with('/')
        && !next[1..].starts_with(['/', '\\'])
        && !next.chars().any(|c| c == '\\' || c.is_control() || c.is_whitespace());
    if local { next.to_string() } else { "/workbench".to_string() }
}

#[derive(Deserialize)]
pub struct LangQuery {
    to: String,
    #[serde(default)]
    next: String,
}

pub async fn switch_lang(State(state): State<AppState>, Query(q): Query<LangQuery>) -> Response {
    let lang = caigou_domain::Lang::from_tag(&q.to);
    let mut resp = Redirect::to(&safe_next(if q.next.is_empty() { "/" } else { &q.next })).into_response();
    let cookie = Cookie::build((ctx::LANG_COOKIE, lang.tag()))
        .path("/")
        .secure(state.config.secure_cookies)
        .same_site(SameSite::Lax)
        .permanent()
        .build();
    ctx::append_cookie(&mut resp, cookie);
    resp
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    chrome: Chrome,
    next: String,
    username: String,
    error: Option<String>,
    demo: bool,
    /// Just registered as a supplier: the page says so and what comes next.
    registered: bool,
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
    #[serde(default)]
    registered: Option<String>,
}

pub async fn login_form(
    State(state): State<AppState>,
    ctx: Ctx,
    crate::api::ApiQuery(q): crate::api::ApiQuery<NextQuery>,
) -> Result<Response, AppError> {
    if ctx.identity.is_some() {
        return Ok(Redirect::to("/workbench").into_response());
    }
    let registered = q.registered.is_some();
    let next = q.next;
    Ok(render(&LoginPage { chrome: Chrome::bare(&ctx), next, username: String::new(), error: None, demo: state.config.demo, registered }))
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub async fn login_submit(State(state): State<AppState>, ctx: Ctx, Form(form): Form<LoginForm>) -> Result<Response, AppError> {
    let store = &state.store;
    let username = form.username.trim().to_string();
    let refused = match caigou_app::auth::sign_in(store, &username, &form.password, &ctx.address).await? {
        Ok(identity) => {
            let secret = caigou_app::auth::start_session(store, &identity, &ctx.address).await?;
            let mut resp = Redirect::to(&safe_next(&form.next)).into_response();
            ctx::start_session(&mut resp, secret, state.config.secure_cookies);
            return Ok(resp);
        }
        Err(r) => r,
    };
    let err = login_refused(refused);
    let page = LoginPage {
        chrome: Chrome::bare(&ctx),
        next: form.next,
        username,
        error: Some(err.message(ctx.lang).to_string()),
        demo: state.config.demo,
        registered: false,
    };
    // The form is re-shown with the reason: 422 for wrong credentials (401 would ask for HTTP
    // authentication), 429 when throttled.
    let status = if err.status == axum::http::StatusCode::UNAUTHORIZED { axum::http::StatusCode::UNPROCESSABLE_ENTITY } else { err.status };
    Ok((status, render(&page)).into_response())
}

pub async fn logout(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    if let Some(identity) = &ctx.identity {
        caigou_app::auth::sign_out(&state.store, identity, ctx.presented()).await?;
    }
    let mut resp = Redirect::to("/").into_response();
    ctx::append_cookie(&mut resp, ctx::removal(ctx::SESSION_COOKIE, state.config.secure_cookies));
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_same_origin_paths_are_followed() {
        assert_eq!(safe_next("/projects/1?tab=a"), "/projects/1?tab=a");
        for evil in ["//evil.example/x", "/\t/evil.example/x", "/\n/evil.example", "/\\evil.example", "https://evil.example", "/ /x", ""] {
            assert_eq!(safe_next(evil), "/workbench", "{evil:?}");
        }
    }
}
