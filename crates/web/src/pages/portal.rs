//! The public portal: announcements and search.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use caigou_store::portal::{self, Announcement};
use serde::Deserialize;

use super::{Chrome, render};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

#[derive(Deserialize, Default)]
pub struct HomeQuery {
    #[serde(default)]
    q: String,
}

#[derive(Template)]
#[template(path = "portal.html")]
struct Home {
    chrome: Chrome,
    q: String,
    items: Vec<Announcement>,
}

pub async fn home(
    State(state): State<AppState>,
    ctx: Ctx,
    crate::api::ApiQuery(q): crate::api::ApiQuery<HomeQuery>,
) -> Result<Response, AppError> {
    let items = portal::list(&state.store, &q.q, 30).await?;
    Ok(render(&Home { chrome: Chrome::load(&state, &ctx).await?, q: q.q, items }))
}

#[derive(Template)]
#[template(path = "announcement.html")]
struct Detail {
    chrome: Chrome,
    a: Announcement,
}

pub async fn announcement(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let a = portal::get(&state.store, &id).await?.ok_or_else(|| AppError::not_found("announcement"))?;
    Ok(render(&Detail { chrome: Chrome::load(&state, &ctx).await?, a }))
}
