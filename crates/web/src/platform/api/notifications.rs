//! The signed-in user's notifications.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use caigou_store::notify;
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiResult, AppError};

#[derive(Serialize, ToSchema)]
pub struct NotificationOut {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    /// Unix milliseconds.
    pub created_at: i64,
    pub read: bool,
}

#[derive(Serialize, ToSchema)]
pub struct Inbox {
    pub unread: i64,
    pub items: Vec<NotificationOut>,
}

/// The newest 100 notifications and the unread count.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", security(("bearer" = [])), responses((status = 200, body = Inbox)))]
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Inbox>> {
    let me = ctx.identity.as_ref().ok_or_else(AppError::internal)?.subject.user;
    let items = notify::inbox(&state.store, me, 100).await?;
    let unread = notify::unread_count(&state.store, me).await?;
    Ok(Json(Inbox {
        unread,
        items: items
            .into_iter()
            .map(|n| {
                let (title, body) = n.render(ctx.lang);
                NotificationOut {
                    id: n.id.to_string(),
                    kind: n.kind,
                    title,
                    body,
                    link: n.link,
                    created_at: n.created_at,
                    read: n.read_at.is_some(),
                }
            })
            .collect(),
    }))
}

/// Marks one of your notifications read.
#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", tag = "notifications", security(("bearer" = [])),
    params(("id" = String, Path)), responses((status = 204), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn mark_read(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> ApiResult<StatusCode> {
    mark_own_read(&state, &ctx, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn mark_own_read(state: &AppState, ctx: &Ctx, id: &str) -> ApiResult<()> {
    Ok(caigou_app::notifications::mark_read(&state.store, ctx.subject()?, id).await?)
}
