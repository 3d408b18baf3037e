//! 采购人确认 pages: the unit that confirms reads the documents as they would go out and
//! confirms them or returns them with its reason; the unit's 审批 staff turn the setting on.

use axum::extract::{Path, State};
use axum::response::Response;
use caigou_app::tender::confirmation as usecase;
use caigou_domain::tender::confirmation::Decision;
use caigou_i18n::Label;
use serde::Deserialize;

use crate::AppState;
use crate::api::ApiQuery;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::input::{Form, path_id};
use crate::pages::{Chrome, Flash, outcome, render};
use crate::tender::pages::publishing::{PreviewPage, standing_rows};

/// The documents as they would be published, with the decision form.
pub async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiQuery(flash): ApiQuery<Flash>,
) -> Result<Response, AppError> {
    let project = path_id(&id, "project")?;
    let p = match usecase::review(&state.store, ctx.subject()?, project).await {
        Ok(p) => p,
        Err(e) => return outcome(&ctx, &format!("/projects/{id}"), Err(AppError::from(e))),
    };
    let chrome = Chrome::load(&state, &ctx).await?;
    let v = caigou_store::projects::get(&state.store, project).await?;
    let standing = standing_rows(usecase::standing(&state.store, &v).await?);
    let page = PreviewPage {
        body: crate::platform::pages::portal::body_parts(&p.body, &chrome.t),
        kind: p.kind.label(ctx.lang),
        heading: format!("{} {}", v.project.project_no, v.project.name),
        reviewing: true,
        standing,
        notice: flash.notice(&chrome.t),
        error: flash.error(),
        chrome,
        project,
        preview: p,
    };
    Ok(render(&page))
}

#[derive(Deserialize, Default)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    comment: String,
}

/// 确认 or 退回修改, back to the review with what happened.
pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<DecisionForm>,
) -> Result<Response, AppError> {
    let decision = f.decision.parse::<Decision>().ok().ok_or_else(|| AppError::bad_request("request.invalid_fields"))?;
    let r = usecase::decide(&state.store, ctx.subject()?, path_id(&id, "project")?, decision, &f.comment)
        .await
        .map(|_| if decision == Decision::Confirmed { "confirm.done_confirmed" } else { "confirm.done_returned" })
        .map_err(AppError::from);
    outcome(&ctx, &format!("/projects/{id}/review"), r)
}

#[derive(Deserialize, Default)]
pub struct SettingsForm {
    #[serde(default)]
    confirm_documents: String,
}

/// The unit's setting, from its approval-chain page.
pub async fn save_settings(State(state): State<AppState>, ctx: Ctx, Form(f): Form<SettingsForm>) -> Result<Response, AppError> {
    let r = usecase::set_unit_requires(&state.store, ctx.subject()?, f.confirm_documents == "1")
        .await
        .map(|_| "notice.saved")
        .map_err(AppError::from);
    outcome(&ctx, "/approval-chain", r)
}
