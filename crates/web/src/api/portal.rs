//! Public announcements.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::ApiQuery;
use crate::AppState;
use crate::error::ApiResult;

#[derive(Deserialize, IntoParams)]
pub struct AnnouncementQuery {
    /// Words in the title or text.
    #[serde(default)]
    pub q: String,
    /// At most this many (1–200, default 50).
    pub limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct AnnouncementOut {
    pub id: String,
    pub region_id: String,
    pub region_name: String,
    pub kind: String,
    pub title: String,
    pub body: String,
    /// Unix milliseconds.
    pub published_at: i64,
    /// The announcement's stable public address.
    pub url: String,
}

/// Published announcements, newest first.
#[utoipa::path(get, path = "/api/v1/announcements", tag = "portal", params(AnnouncementQuery), responses((status = 200, body = Vec<AnnouncementOut>)))]
pub async fn announcements(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<AnnouncementQuery>,
) -> ApiResult<Json<Vec<AnnouncementOut>>> {
    let list = caigou_store::portal::list(&state.store, &q.q, q.limit.unwrap_or(50)).await?;
    Ok(Json(
        list.into_iter()
            .map(|a| AnnouncementOut {
                url: format!("/announcements/{}", a.id),
                id: a.id,
                region_id: a.region_id,
                region_name: a.region_name,
                kind: a.kind,
                title: a.title,
                body: a.body,
                published_at: a.published_at,
            })
            .collect(),
    ))
}
