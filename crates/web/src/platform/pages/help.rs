//! 办事指南: the help centre page — each role's guides, step by step with screenshots of this
//! platform, and its common questions. The guides are data ([`crate::platform::help_guides`]);
//! every page's header links to the guide of its journey.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Chrome, render};
use crate::platform::help_guides::{Audience, GUIDES};

pub struct StepView {
    pub text: &'static str,
    pub shot: Option<&'static str>,
}

pub struct GuideView {
    pub id: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub steps: Vec<StepView>,
}

pub struct QuestionView {
    pub q: &'static str,
    pub a: &'static str,
}

pub struct RoleView {
    pub key: &'static str,
    pub name: &'static str,
    pub guides: Vec<GuideView>,
    pub questions: Vec<QuestionView>,
}

#[derive(Template)]
#[template(path = "help.html")]
struct Help {
    chrome: Chrome,
    roles: Vec<RoleView>,
}

/// GET /help (public).
pub async fn page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let chrome = Chrome::load(&state, &ctx).await?;
    let t = chrome.t;
    let roles = Audience::ALL
        .into_iter()
        .map(|a| RoleView {
            key: a.key(),
            name: t.s(&format!("help.role.{}", a.key())),
            guides: GUIDES
                .iter()
                .filter(|g| g.audience == a)
                .map(|g| GuideView {
                    id: g.id,
                    title: t.s(&format!("help.{}.title", g.id)),
                    intro: t.s(&format!("help.{}.intro", g.id)),
                    steps: (1..=g.steps)
                        .map(|n| StepView {
                            text: t.s(&format!("help.{}.step{n}", g.id)),
                            shot: g.shots.iter().find(|(s, _)| *s == n).map(|(_, f)| *f),
                        })
                        .collect(),
                })
                .collect(),
            questions: (1..=a.questions())
                .map(|n| QuestionView { q: t.s(&format!("help.faq.{}.{n}.q", a.key())), a: t.s(&format!("help.faq.{}.{n}.a", a.key())) })
                .collect(),
        })
        .collect();
    Ok(render(&Help { chrome, roles }))
}
