//! The sandbox clock page (training platforms only): admins move platform time forward and the
//! scheduled transitions that became due fire at once.

use crate::input::Form;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::api::ApiQuery;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Chrome, Flash, outcome, render};
use crate::platform::api::sandbox::{MoveIn, target_ms};

#[derive(Template)]
#[template(path = "sandbox.html")]
struct Page {
    chrome: Chrome,
    now: String,
    /// Each scheduled event: what happens, to which project (name, page), and when.
    pending: Vec<(String, String, String, String)>,
    notice: Option<String>,
    error: Option<String>,
}

#[derive(serde::Deserialize, Default)]
pub struct Fired {
    #[serde(default)]
    fired: Option<usize>,
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(flash): ApiQuery<Flash>,
    ApiQuery(fired): ApiQuery<Fired>,
) -> Result<Response, AppError> {
    let chrome = Chrome::load(&state, &ctx).await?;
    let mut pending = Vec::new();
    for (kind, subject, at) in caigou_store::scheduled::pending(&state.store).await? {
        // A job's subject is its project, or a lot of it.
        let project = match kind.starts_with("lot.") {
            true => match subject.parse() {
                Ok(lot) => caigou_store::projects::project_of_lot(&state.store, lot).await.ok(),
                Err(_) => None,
            },
            false => subject.parse().ok(),
        };
        let (name, href) = match project {
            Some(p) => match caigou_store::projects::get(&state.store, p).await {
                Ok(v) => (format!("{} {}", v.project.project_no, v.project.name), format!("/projects/{p}")),
                Err(_) => (String::new(), String::new()),
            },
            None => (String::new(), String::new()),
        };
        pending.push((chrome.t.audit_label("job", &kind), name, href, crate::pages::when(&at)));
    }
    Ok(render(&Page {
        notice: flash.notice(&chrome.t).map(|n| match fired.fired {
            Some(count) => format!("{n} {}", chrome.t.msg(&caigou_domain::Msg::new("notice.clock_fired").arg("n", count))),
            None => n,
        }),
        error: flash.error(),
        chrome,
        now: caigou_store::clock::display_ms(state.store.clock().now_ms()),
        pending,
    }))
}

#[derive(serde::Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    days: String,
    #[serde(default)]
    to: String,
}

pub async fn advance(State(state): State<AppState>, ctx: Ctx, Form(f): Form<MoveForm>) -> Result<Response, AppError> {
    let s = ctx.subject()?;
    let m = MoveIn { advance_minutes: f.minutes.trim().parse().ok(), advance_days: f.days.trim().parse().ok(), to: Some(f.to) };
    let r = async {
        let target = target_ms(&state, &m)?;
        let (_, fired) = caigou_app::admin::move_sandbox_clock(&state.store, s, target).await?;
        Ok::<_, AppError>(fired)
    }
    .await;
    match r {
        // The page says how many scheduled events the move fired.
        Ok(fired) => {
            let notice = "notice.clock_moved";
            Ok(axum::response::Redirect::to(&format!("/sandbox?notice={notice}&fired={fired}")).into_response())
        }
        Err(e) => outcome(&ctx, "/sandbox", Err(e)),
    }
}
