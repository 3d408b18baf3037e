//! The sandbox clock page (training platforms only): admins move platform time forward and the
//! scheduled transitions that became due fire at once.

use crate::input::Form;
use askama::Template;
use axum::extract::State;
use axum::response::Response;

use crate::AppState;
use crate::api::ApiQuery;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Chrome, Flash, outcome, render};
use crate::platform::api::sandbox::{MoveIn, target_ms};

#[derive(Template)]
#[template(path = "sandbox.html")]
struct Page {
    chrome: Chrome,
    now: String,
    pending: Vec<(String, String, String)>,
    notice: Option<String>,
    error: Option<String>,
}

pub async fn page(State(state): State<AppState>, ctx: Ctx, ApiQuery(flash): ApiQuery<Flash>) -> Result<Response, AppError> {
    let pending =
        caigou_store::scheduled::pending(&state.store).await?.into_iter().map(|(k, o, at)| (k, o, crate::pages::when(&at))).collect();
    let chrome = Chrome::load(&state, &ctx).await?;
    Ok(render(&Page {
        notice: flash.notice(&chrome.t),
        error: flash.error(),
        chrome,
        now: caigou_store::clock::display_ms(state.store.clock().now_ms()),
        pending,
    }))
}

#[derive(serde::Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    days: String,
    #[serde(default)]
    to: String,
}

pub async fn advance(State(state): State<AppState>, ctx: Ctx, Form(f): Form<MoveForm>) -> Result<Response, AppError> {
    let s = ctx.subject()?;
    let m = MoveIn { advance_minutes: f.minutes.trim().parse().ok(), advance_days: f.days.trim().parse().ok(), to: Some(f.to) };
    let r = async {
        let target = target_ms(&state, &m)?;
        caigou_app::admin::move_sandbox_clock(&state.store, s, target).await?;
        Ok("notice.clock_moved")
    }
    .await;
    outcome(&ctx, "/sandbox", r)
}
