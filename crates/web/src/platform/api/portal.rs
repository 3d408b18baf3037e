//! Public announcements, filtered and searched; the same filter drives the portal page and the
//! Atom feed.

use axum::Json;
use axum::extract::State;
use caigou_domain::Lang;
use caigou_domain::Msg;
use caigou_domain::planning::Method;
use caigou_domain::tender::AnnouncementKind;
use caigou_i18n::Label;
use caigou_store::portal::{Announcement, Filter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::ApiQuery;
use crate::error::{ApiResult, AppError};

#[derive(Deserialize, IntoParams, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct AnnouncementQuery {
    /// Words in the title or text (Chinese is matched by character bigrams; all words must match).
    #[serde(default)]
    pub q: String,
    /// A region id: that region and its subtree.
    #[serde(default)]
    pub region: String,
    /// Announcement type: `intention`, `tender`, `negotiation`, `consultation`, `quotation`,
    /// `single_source_publicity`, `correction`, `termination`, …
    #[serde(default)]
    pub kind: String,
    /// Procurement method key, e.g. `open_tender`.
    #[serde(default)]
    pub method: String,
    /// A 品目 code or an ancestor (`A02`, `A0201`…).
    #[serde(default)]
    pub pinmu: String,
    /// Published on or after this date (YYYY-MM-DD).
    #[serde(default)]
    pub from: String,
    /// Published on or before this date (YYYY-MM-DD).
    #[serde(default)]
    pub to: String,
    /// At most this many (1–200, default 50).
    pub limit: Option<i64>,
}

fn day_start_ms(d: &str, field: &str, plus_days: i64) -> ApiResult<Option<i64>> {
    let d = d.trim();
    if d.is_empty() {
        return Ok(None);
    }
    let date: jiff::civil::Date = d.parse().map_err(|_| {
        AppError::bad_request_with("request.invalid_query", Msg::new("error.request.invalid_query.field_date_yyyy").arg("field", field))
            .with_field(field, "YYYY-MM-DD")
    })?;
    let date = date
        .checked_add(jiff::Span::new().days(plus_days))
        .map_err(|_| AppError::bad_request_with("request.invalid_query", Msg::new("error.request.invalid_query.date_out_range")))?;
    Ok(Some(caigou_store::documents::china_ms(date.to_datetime(jiff::civil::Time::midnight()))?))
}

impl AnnouncementQuery {
    pub fn filter(&self, default_limit: i64) -> ApiResult<Filter> {
        let kind = match self.kind.trim() {
            "" => None,
            k => Some(AnnouncementKind::parse(k).ok_or_else(|| {
                AppError::bad_request_with("request.invalid_query", Msg::new("error.request.invalid_query.unknown_announcement_type"))
                    .with_field("kind", k)
            })?),
        };
        let nonempty = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let refused = |field: &str, key: &str, value: &str| {
            AppError::bad_request_with("request.invalid_query", Msg::new(key)).with_field(field, value)
        };
        let region_id = match self.region.trim() {
            "" => None,
            r => Some(r.parse().map_err(|_| refused("region", "error.request.invalid_query.unknown_region", r))?),
        };
        let method = match self.method.trim() {
            "" => None,
            m => Some(Method::parse(m).ok_or_else(|| refused("method", "error.request.invalid_query.unknown_method", m))?),
        };
        Ok(Filter {
            q: self.q.clone(),
            region_id,
            kind,
            method,
            pinmu: nonempty(&self.pinmu).map(|p| p.to_ascii_uppercase()),
            from_ms: day_start_ms(&self.from, "from", 0)?,
            until_ms: day_start_ms(&self.to, "to", 1)?,
            project_id: None,
            limit: self.limit.unwrap_or(default_limit),
        })
    }
}

#[derive(Serialize, ToSchema)]
pub struct AnnouncementOut {
    pub id: String,
    pub region_id: String,
    pub region_name: String,
    /// Type key (see `kind` filter).
    pub kind: String,
    /// Type in Chinese, e.g. 招标公告.
    pub kind_label: String,
    pub title: String,
    pub body: String,
    /// Unix milliseconds.
    pub published_at: i64,
    pub project_id: Option<String>,
    pub method: Option<String>,
    /// The announcement a 更正公告 or 终止公告 refers to.
    pub references_id: Option<String>,
    /// The announcement's stable public address.
    pub url: String,
    /// The project's bid deadline now (Unix milliseconds), after any correction.
    pub project_deadline_at: Option<i64>,
    /// The project's state now, e.g. `published` (open for bids) or `terminated`.
    pub project_status: Option<String>,
}

pub fn kind_label(kind: &str, lang: Lang) -> String {
    AnnouncementKind::parse(kind).map(|k| k.label(lang).to_string()).unwrap_or_else(|| kind.to_string())
}

impl From<Announcement> for AnnouncementOut {
    fn from(a: Announcement) -> Self {
        AnnouncementOut {
            url: format!("/announcements/{}", a.id),
            kind_label: kind_label(&a.kind, Lang::Zh),
            id: a.id.to_string(),
            region_id: a.region_id.to_string(),
            region_name: a.region_name,
            kind: a.kind,
            title: a.title,
            body: a.body,
            published_at: a.published_at,
            project_id: a.project_id.map(|p| p.to_string()),
            method: a.method.map(|m| m.key().to_string()),
            references_id: a.references_id.map(|r| r.to_string()),
            project_deadline_at: a.project_deadline_at,
            project_status: a.project_status.map(|s| s.as_str().to_string()),
        }
    }
}

/// Published announcements, newest first (title matches first when searching).
#[utoipa::path(get, path = "/api/v1/announcements", tag = "portal", params(AnnouncementQuery), responses((status = 200, body = Vec<AnnouncementOut>), (status = 400, body = crate::api::ErrorBody)))]
pub async fn announcements(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<AnnouncementQuery>,
) -> ApiResult<Json<Vec<AnnouncementOut>>> {
    let list = caigou_store::portal::list(&state.store, &q.filter(50)?).await?;
    Ok(Json(list.into_iter().map(AnnouncementOut::from).collect()))
}
