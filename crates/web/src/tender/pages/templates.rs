//! 文件范本: the templates an organization may fill its documents from, read with their
//! variables named, copied or revised in place by those who manage them.

use crate::AppState;
use crate::api::ApiQuery;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::input::Form;
use crate::pages::{Chrome, Flash, outcome, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use caigou_domain::authz::{self, Action, Role};
use caigou_store::templates::{self, Template as DocTemplate};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "templates.html")]
struct TemplatesPage {
    chrome: Chrome,
    /// Each template, and whether this user may revise it in place.
    items: Vec<(DocTemplate, bool)>,
    can_copy: bool,
    notice: Option<String>,
    error: Option<String>,
}

pub async fn page(State(state): State<AppState>, ctx: Ctx, ApiQuery(flash): ApiQuery<Flash>) -> Result<Response, AppError> {
    let s = ctx.subject()?;
    let items = caigou_app::tender::templates::list(&state.store, s, None)
        .await?
        .into_iter()
        .map(|t| {
            let owner = t.owner_org_id;
            let editable =
                (t.owner_org_id.is_none() || owner.is_some()) && authz::decide(&ctx.principal, Action::ManageTemplate { owner }).is_ok();
            (t, editable)
        })
        .collect();
    let chrome = Chrome::load(&state, &ctx).await?;
    Ok(render(&TemplatesPage {
        notice: flash.notice(&chrome.t),
        error: flash.error(),
        chrome,
        items,
        can_copy: s.has(Role::Admin) || s.has(Role::Agency),
    }))
}

#[derive(Deserialize)]
pub struct TemplateForm {
    /// `copy` (a new template owned by the user's agency, or a platform one for admins) or `save`.
    mode: String,
    name: String,
    #[serde(default)]
    key: Vec<String>,
    #[serde(default)]
    title: Vec<String>,
    #[serde(default)]
    body: Vec<String>,
}

/// Saves a template from the library page: a copy as a new template, or a revision in place.
pub async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<TemplateForm>,
) -> Result<Response, AppError> {
    let s = ctx.subject()?;
    let current = templates::get(&state.store, &id).await?;
    let sections = current
        .sections
        .iter()
        .map(|sec| {
            let i = f.key.iter().position(|k| *k == sec.key);
            let mut sec = sec.clone();
            if let Some(i) = i {
                sec.title = f.title.get(i).cloned().unwrap_or(sec.title);
                sec.body = f.body.get(i).map(|b| b.replace("\r\n", "\n")).unwrap_or(sec.body);
            }
            sec
        })
        .collect();
    let input = templates::TemplateInput {
        method: current.method.key().to_string(),
        object_type: current.object_type.clone(),
        name: f.name.clone(),
        sections,
    };
    let r = async {
        if f.mode == "save" {
            caigou_app::tender::templates::revise(&state.store, s, &id, &input).await?;
        } else {
            caigou_app::tender::templates::create(&state.store, s, &input).await?;
        }
        Ok("notice.saved")
    }
    .await;
    outcome(&ctx, "/templates", r)
}
