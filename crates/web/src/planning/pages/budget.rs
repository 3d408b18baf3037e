//! Budget lines (预算指标): a unit's lines for its staff; finance and admins choose a unit and
//! add lines by form or CSV.

use crate::input::Form;
use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use caigou_app::planning::budget as usecase;
use caigou_domain::Money;
use caigou_domain::Msg;
use caigou_domain::authz::Role;
use caigou_domain::ids::OrgId;
use caigou_store::budget::{self, BudgetLine};
use serde::Deserialize;

use crate::AppState;
use crate::api::ApiQuery;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Chrome, render};
use crate::planning::api::plans::{OrgQuery, import_csv};

pub struct UnitOption {
    pub id: String,
    pub name: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "budget.html")]
struct BudgetPage {
    chrome: Chrome,
    units: Vec<UnitOption>,
    org: String,
    lines: Vec<BudgetLine>,
    can_import: bool,
    notice: Option<String>,
    error: Option<String>,
}

async fn budget_page(
    state: &AppState,
    ctx: &Ctx,
    org: Option<String>,
    notice: Option<String>,
    error: Option<String>,
) -> Result<BudgetPage, AppError> {
    let s = ctx.subject()?;
    // Everyone chooses among the units whose planning they see (unit staff: their own).
    let units = usecase::units(&state.store, s).await?;
    let org = org.filter(|o| units.iter().any(|(id, _)| id == o)).or_else(|| units.first().map(|u| u.0.clone())).unwrap_or_default();
    let lines = if org.is_empty() {
        Vec::new()
    } else {
        let unit: OrgId = org.parse().map_err(|_| AppError::not_found("organization"))?;
        usecase::lines(&state.store, s, unit, None).await?
    };
    Ok(BudgetPage {
        chrome: Chrome::load(state, ctx).await?,
        units: units.into_iter().map(|(id, name)| UnitOption { selected: id == org, id, name }).collect(),
        can_import: s.has(Role::Admin) || s.has(Role::Supervisor),
        org,
        lines,
        notice,
        error,
    })
}

pub async fn list(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<OrgQuery>) -> Result<Response, AppError> {
    Ok(render(&budget_page(&state, &ctx, q.org, None, None).await?))
}

pub async fn import(State(state): State<AppState>, ctx: Ctx, mut multipart: Multipart) -> Result<Response, AppError> {
    let mut org = String::new();
    let mut file = Vec::new();
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name() {
            Some("org") => org = field.text().await.unwrap_or_default(),
            Some("file") => file = field.bytes().await.map_err(|_| crate::api::too_large())?.to_vec(),
            _ => {}
        }
    }
    match import_csv(&state, &ctx, &org, &file).await {
        Ok(ids) => {
            let notice = format!("{}：{}", Chrome::bare(&ctx).t.s("budget.imported"), ids.len());
            Ok(render(&budget_page(&state, &ctx, Some(org), Some(notice), None).await?))
        }
        Err(e) if e.status.is_client_error() && e.status != StatusCode::FORBIDDEN => {
            Ok((e.status, render(&budget_page(&state, &ctx, Some(org), None, Some(e.message(ctx.lang).to_string())).await?))
                .into_response())
        }
        Err(e) => Err(e),
    }
}

/// One budget line typed into the form (amount in yuan).
#[derive(Deserialize, Default)]
pub struct LineForm {
    #[serde(default)]
    pub org: String,
    #[serde(default)]
    pub fiscal_year: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub funding_source: String,
    #[serde(default)]
    pub amount: String,
}

pub async fn add(State(state): State<AppState>, ctx: Ctx, Form(f): Form<LineForm>) -> Result<Response, AppError> {
    let parsed = match (f.fiscal_year.trim().parse::<i64>(), f.amount.parse::<Money>()) {
        (Ok(y), Ok(m))
            if (2000..=2100).contains(&y)
                && m.fen() > 0
                && !f.code.trim().is_empty()
                && !f.name.trim().is_empty()
                && !f.funding_source.trim().is_empty() =>
        {
            Ok(budget::NewBudgetLine {
                fiscal_year: y,
                code: f.code.trim().into(),
                name: f.name.trim().into(),
                funding_source: f.funding_source.trim().into(),
                amount: m,
            })
        }
        _ => Err(Msg::new("error.budget.invalid_line.form")),
    };
    let outcome = match parsed {
        Ok(line) => crate::planning::api::plans::add_lines(&state, &ctx, &f.org, vec![line]).await.map(|_| ()),
        Err(text) => Err(AppError::with(StatusCode::UNPROCESSABLE_ENTITY, "budget.invalid_line", text)),
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/budget?org={}", f.org)).into_response()),
        Err(e) if e.status.is_client_error() && e.status != StatusCode::FORBIDDEN => {
            Ok((e.status, render(&budget_page(&state, &ctx, Some(f.org.clone()), None, Some(e.message(ctx.lang).to_string())).await?))
                .into_response())
        }
        Err(e) => Err(e),
    }
}
