//! 开标密钥保管: a project's opening custodians, in the browser. A custodian makes and registers
//! a custodian key here; the project's runner names custodians and the threshold; a custodian
//! runs the key ceremony (the opening key is made, split and sealed in static/seal.js — the
//! platform receives the public key and sealed shares only); in the remedy stage each custodian
//! opens and releases its share. The page only shows state; every secret stays in the browser.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use caigou_domain::Msg;
use caigou_domain::authz::{self, Action};
use caigou_domain::tender::OpeningStatus;
use caigou_store::custodians::{self, Custody};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Chrome, render};
use crate::tender::api::projects::{insider, visible};

#[derive(Template)]
#[template(path = "custody.html")]
struct CustodyPage {
    chrome: Chrome,
    project: String,
    title: String,
    custody: Custody,
    /// The custodians as JSON for the ceremony script ({user_id, public_key}).
    custodians_json: String,
    /// (user id, name, key id) of those who can be named; only for the runner of a draft.
    candidates: Vec<(String, String, String)>,
    can_name: bool,
    me: String,
    i_am_custodian: bool,
    /// A lot of the project is in the remedy stage: shares may be released.
    remedy: bool,
}

pub async fn page(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let v = visible(&state, &ctx, &id).await?;
    if !insider(&ctx, &v) {
        return Err(AppError::with(StatusCode::FORBIDDEN, "auth.forbidden", Msg::new("error.auth.forbidden.custody")));
    }
    let s = ctx.subject()?;
    let me = s.user.to_string();
    let custody = custodians::custody(&state.store, v.project.id).await?;
    let runs = authz::decide(&ctx.principal, Action::RunProject { runner: v.runner() }).is_ok();
    let can_name = runs && v.project.status.editable() && custody.opening_public_key.is_none();
    let candidates = if can_name { custodians::candidates(&state.store, v.project.id).await? } else { Vec::new() };
    let mut remedy = false;
    for l in &v.lots {
        remedy |= caigou_store::opening::view(&state.store, l.id).await.is_ok_and(|o| o.status == OpeningStatus::Remedy);
    }
    let custodians_json = serde_json::to_string(
        &custody.custodians.iter().map(|c| serde_json::json!({"user_id": c.user_id, "public_key": c.public_key})).collect::<Vec<_>>(),
    )
    .unwrap_or_else(|_| "[]".into());
    Ok(render(&CustodyPage {
        chrome: Chrome::load(&state, &ctx).await?,
        title: format!("{} {}", v.project.project_no, v.project.name),
        i_am_custodian: custody.custodians.iter().any(|c| c.user_id == s.user),
        custodians_json,
        candidates,
        can_name,
        me,
        remedy,
        custody,
        project: id,
    }))
}
