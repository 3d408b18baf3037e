//! The working-day calendar: years loaded, a period calculator for everyone, and loading a
//! newly published year for admins (file upload).

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use caigou_domain::Msg;
use caigou_domain::authz::{self, Action};
use caigou_i18n::Render;
use serde::Deserialize;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Chrome, render};

#[derive(Deserialize, Default)]
pub struct CalcQuery {
    #[serde(default)]
    date: String,
    n: Option<u32>,
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct CalendarPage {
    chrome: Chrome,
    years: Vec<i16>,
    date: String,
    n: u32,
    result: Option<String>,
    error: Option<String>,
    can_load: bool,
    notice: Option<String>,
}

async fn calendar_page(
    state: &AppState,
    ctx: &Ctx,
    q: CalcQuery,
    notice: Option<String>,
    error: Option<String>,
) -> Result<CalendarPage, AppError> {
    let cal = caigou_store::calendar::load(&state.store).await?;
    let mut page = CalendarPage {
        chrome: Chrome::load(state, ctx).await?,
        years: cal.years().collect(),
        date: if q.date.is_empty() { state.store.clock().today().to_string() } else { q.date.clone() },
        n: q.n.unwrap_or(5),
        result: None,
        error,
        can_load: authz::decide(&ctx.principal, Action::Administer).is_ok(),
        notice,
    };
    if let (false, Some(n)) = (q.date.is_empty(), q.n) {
        let t = page.chrome.t;
        match q.date.parse::<jiff::civil::Date>() {
            Err(_) => page.error = Some(t.msg(&Msg::new("error.request.bad_date").arg("s", &q.date))),
            Ok(_) if n > 1000 => page.error = Some(t.msg(&Msg::new("error.calendar.too_many_days"))),
            Ok(d) => match cal.add_working_days(d, n) {
                Ok(r) => {
                    let kind = if cal.is_working_day(d).unwrap_or(false) {
                        page.chrome.t.s("calendar.is_working")
                    } else {
                        page.chrome.t.s("calendar.is_off")
                    };
                    page.result = Some(format!("{d}（{kind}）+ {n} → {r}"));
                }
                Err(e) => page.error = Some(e.message(ctx.lang)),
            },
        }
    }
    Ok(page)
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    crate::api::ApiQuery(q): crate::api::ApiQuery<CalcQuery>,
) -> Result<Response, AppError> {
    Ok(render(&calendar_page(&state, &ctx, q, None, None).await?))
}

pub async fn load_year(State(state): State<AppState>, ctx: Ctx, mut multipart: Multipart) -> Result<Response, AppError> {
    authz::decide(&ctx.principal, Action::Administer)?;
    let subject = ctx.subject()?;
    let mut text = None;
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("file") {
            let bytes = field.bytes().await.map_err(|_| crate::api::too_large())?;
            text = Some(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    let Some(text) = text else {
        let e = AppError::bad_request("calendar.no_file");
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&calendar_page(&state, &ctx, CalcQuery::default(), None, Some(e.message(ctx.lang).to_string())).await?),
        )
            .into_response());
    };
    match caigou_app::admin::load_calendar_year(&state.store, subject, &text).await {
        Ok(year) => {
            let notice = format!("{} {year}", Chrome::bare(&ctx).t.s("calendar.loaded"));
            Ok(render(&calendar_page(&state, &ctx, CalcQuery::default(), Some(notice), None).await?))
        }
        Err(caigou_app::Error::Store(caigou_store::StoreError::Rejected { text, .. })) => {
            let msg = caigou_i18n::catalog().msg(ctx.lang, &text);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&calendar_page(&state, &ctx, CalcQuery::default(), None, Some(msg)).await?))
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// The holiday-cn file a year was loaded from, as stored.
pub async fn source(State(state): State<AppState>, axum::extract::Path(year): axum::extract::Path<i16>) -> Result<Response, AppError> {
    let (meta, bytes) = caigou_store::calendar::source_file(&state.store, year).await?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, meta.content_type),
            (axum::http::header::HeaderName::from_static("x-content-sha256"), meta.sha256),
        ],
        bytes,
    )
        .into_response())
}
