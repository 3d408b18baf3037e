//! Browsing and searching the 品目 catalog.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use caigou_store::catalog::{self, CatalogItem};
use serde::Deserialize;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Chrome, render};

#[derive(Deserialize, Default)]
pub struct CatalogQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    code: String,
}

#[derive(Template)]
#[template(path = "catalog.html")]
struct CatalogPage {
    chrome: Chrome,
    q: String,
    current: Option<CatalogItem>,
    items: Vec<CatalogItem>,
}

pub async fn browse(
    State(state): State<AppState>,
    ctx: Ctx,
    crate::api::ApiQuery(q): crate::api::ApiQuery<CatalogQuery>,
) -> Result<Response, AppError> {
    let store = &state.store;
    let (current, items) = if !q.q.trim().is_empty() {
        (None, catalog::search(store, &q.q, 200).await?)
    } else if !q.code.is_empty() {
        (catalog::get(store, &q.code).await?, catalog::children(store, Some(&q.code)).await?)
    } else {
        (None, catalog::children(store, None).await?)
    };
    Ok(render(&CatalogPage { chrome: Chrome::load(&state, &ctx).await?, q: q.q, current, items }))
}
