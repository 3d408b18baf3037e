//! 发布: the preview of what publishing makes public, and publishing it with the confirmation.

use crate::AppState;
use crate::api::ApiQuery;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::input::Form;
use crate::input::path_id;
use crate::pages::{Chrome, Flash, outcome, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use caigou_app::tender::projects as usecase;
use caigou_domain::Msg;
use caigou_i18n::Label;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "project_preview.html")]
pub(crate) struct PreviewPage {
    pub chrome: Chrome,
    pub project: caigou_domain::ids::ProjectId,
    pub heading: String,
    pub preview: caigou_app::tender::projects::Preview,
    pub body: Vec<crate::platform::pages::portal::BodyPart>,
    pub kind: &'static str,
    /// 采购人确认: the unit confirming sees its decision form instead of publishing.
    pub reviewing: bool,
    /// The units that confirm, and where each stands on these documents.
    pub standing: Vec<StandingRow>,
    pub notice: Option<String>,
    pub error: Option<String>,
}

/// One unit that confirms the documents: its name, where it stands (a translation key), and its
/// last reason for returning them.
pub struct StandingRow {
    pub name: String,
    pub state: &'static str,
    pub comment: Option<String>,
}

/// The units' standing as the pages show it.
pub(crate) fn standing_rows(units: Vec<caigou_app::tender::confirmation::UnitStanding>) -> Vec<StandingRow> {
    use caigou_domain::tender::confirmation::Standing;
    units
        .into_iter()
        .map(|u| StandingRow {
            state: match u.standing {
                Standing::Waiting => "confirm.state.waiting",
                Standing::Confirmed => "confirm.state.confirmed",
                Standing::Returned => "confirm.state.returned",
            },
            comment: (u.standing == Standing::Returned).then(|| u.last.map(|l| l.comment).unwrap_or_default()),
            name: u.name,
        })
        .collect()
}

/// 发布前预览: the announcement and the documents exactly as they would go out, and the
/// confirmation that publishing asks for. A draft that could not be published says why, on
/// the project page.
pub async fn preview(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiQuery(flash): ApiQuery<Flash>,
) -> Result<Response, AppError> {
    let project = path_id(&id, "project")?;
    let p = match usecase::preview(&state.store, ctx.subject()?, project).await {
        Ok(p) => p,
        Err(e) => return outcome(&ctx, &format!("/projects/{id}"), Err(AppError::from(e))),
    };
    let chrome = Chrome::load(&state, &ctx).await?;
    let v = caigou_store::projects::get(&state.store, project).await?;
    let standing = standing_rows(caigou_app::tender::confirmation::standing(&state.store, &v).await?);
    Ok(render(&PreviewPage {
        body: crate::platform::pages::portal::body_parts(&p.body, &chrome.t),
        kind: p.kind.label(ctx.lang),
        heading: format!("{} {}", v.project.project_no, v.project.name),
        reviewing: false,
        standing,
        notice: flash.notice(&chrome.t),
        error: flash.error(),
        chrome,
        project,
        preview: p,
    }))
}

#[derive(Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    confirm: String,
}

/// 发布, from the preview: only with the confirmation ticked (publishing cannot be undone).
pub async fn publish(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<PublishForm>,
) -> Result<Response, AppError> {
    if f.confirm != "1" {
        let r = Err(AppError::bad_request_with("documents.not_confirmed", Msg::new("error.documents.not_confirmed")));
        return outcome(&ctx, &format!("/projects/{id}/preview"), r);
    }
    let r =
        usecase::publish(&state.store, ctx.subject()?, path_id(&id, "project")?).await.map(|_| "notice.published").map_err(AppError::from);
    match r {
        Err(e) if e.status.is_client_error() => outcome(&ctx, &format!("/projects/{id}/preview"), Err(e)),
        r => outcome(&ctx, &format!("/projects/{id}"), r),
    }
}
