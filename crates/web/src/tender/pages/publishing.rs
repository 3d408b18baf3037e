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
struct PreviewPage {
    chrome: Chrome,
    project: caigou_domain::ids::ProjectId,
    heading: String,
    preview: caigou_app::tender::projects::Preview,
    body: Vec<crate::platform::pages::portal::BodyPart>,
    kind: &'static str,
    error: Option<String>,
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
    Ok(render(&PreviewPage {
        body: crate::platform::pages::portal::body_parts(&p.body, &chrome.t),
        kind: p.kind.label(ctx.lang),
        heading: format!("{} {}", v.project.project_no, v.project.name),
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
