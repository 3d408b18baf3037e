//! The notification inbox.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use caigou_domain::Lang;
use caigou_store::notify::{self, Notification};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Chrome, render, when};

pub struct NotificationRow {
    pub id: String,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    pub when: String,
    pub read: bool,
}

pub fn rows(items: Vec<Notification>, lang: Lang) -> Vec<NotificationRow> {
    items
        .into_iter()
        .map(|n| {
            let (title, body) = n.render(lang);
            NotificationRow { when: when(&n.created_at), read: n.read_at.is_some(), title, body, link: n.link, id: n.id.to_string() }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage {
    chrome: Chrome,
    items: Vec<NotificationRow>,
}

pub async fn page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let me = ctx.identity.as_ref().ok_or_else(AppError::internal)?.subject.user;
    let items = rows(notify::inbox(&state.store, me, 200).await?, ctx.lang);
    Ok(render(&InboxPage { chrome: Chrome::load(&state, &ctx).await?, items }))
}

pub async fn mark_read(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    crate::platform::api::notifications::mark_own_read(&state, &ctx, &id).await?;
    Ok(Redirect::to("/inbox").into_response())
}
