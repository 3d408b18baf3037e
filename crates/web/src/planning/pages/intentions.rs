//! 采购意向公开: a unit's intentions with the date procurement may start, and the form to
//! publish one.

use crate::input::Form;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use caigou_domain::Money;
use caigou_domain::authz::Role;
use caigou_store::intentions::Intention;
use serde::Deserialize;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Chrome, render};

#[derive(Template)]
#[template(path = "intentions.html")]
struct IntentionsPage {
    chrome: Chrome,
    items: Vec<(Intention, String)>,
    can_publish: bool,
    form: IntentionForm,
    error: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
pub struct IntentionForm {
    #[serde(default)]
    pub project_name: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub budget: String,
    #[serde(default)]
    pub expected_month: String,
}

async fn intentions_page(state: &AppState, ctx: &Ctx, form: IntentionForm, error: Option<String>) -> Result<IntentionsPage, AppError> {
    let s = ctx.subject()?;
    let items = caigou_app::planning::intentions(&state.store, s).await?;
    Ok(IntentionsPage { chrome: Chrome::load(state, ctx).await?, items, can_publish: s.has(Role::PurchaserHandler), form, error })
}

pub async fn page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    Ok(render(&intentions_page(&state, &ctx, IntentionForm::default(), None).await?))
}

pub async fn publish(State(state): State<AppState>, ctx: Ctx, Form(f): Form<IntentionForm>) -> Result<Response, AppError> {
    let s = ctx.subject()?;
    let budget = match f.budget.parse::<Money>() {
        Ok(m) => m,
        Err(e) => {
            let msg = caigou_i18n::Render::message(&e, ctx.lang);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&intentions_page(&state, &ctx, f, Some(msg)).await?)).into_response());
        }
    };
    match caigou_app::planning::publish_intention(&state.store, s, &f.project_name, &f.summary, budget, &f.expected_month).await {
        Ok(_) => Ok(Redirect::to("/intentions").into_response()),
        Err(caigou_app::Error::Store(e @ caigou_store::StoreError::Rejected { .. })) => {
            let err = AppError::from(e);
            Ok((err.status, render(&intentions_page(&state, &ctx, f, Some(err.message(ctx.lang).to_string())).await?)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
