//! Server-rendered pages. Every page shares [`Chrome`]: the header with navigation (shown only
//! where the route table's rule lets the user in), unread count, language switch and CSRF token.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use caigou_domain::Lang;
use caigou_domain::authz::{Access, Principal};
use caigou_i18n::Label;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::routes::{self, urlencode};

pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub active: bool,
}

pub struct ChromeUser {
    pub display_name: String,
    pub org_name: String,
    pub roles: String,
}

/// What the layout needs on every page.
pub struct Chrome {
    pub t: Tr,
    pub user: Option<ChromeUser>,
    pub unread: i64,
    pub csrf: String,
    pub nav: Vec<NavItem>,
    pub lang_href: String,
    /// 帮助: the help centre, at the guide of this page's journey when it has one.
    pub help_href: String,
    /// Platform time, on a sandbox platform only (shown in a banner).
    pub sandbox_now: Option<String>,
    /// The date the demo's own clock started at (a demo run where the real date left too little
    /// published calendar).
    pub demo_clock: Option<String>,
}

const NAV: &[(&str, &str, Access)] = &[
    ("/", "nav.home", routes::PUBLIC),
    ("/workbench", "nav.workbench", routes::SIGNED_IN),
    ("/inbox", "nav.inbox", routes::SIGNED_IN),
    ("/requests", "nav.requests", routes::PURCHASERS),
    ("/budget", "nav.budget", routes::PLANNING_READERS),
    ("/intentions", "nav.intentions", routes::PURCHASERS),
    ("/plans", "nav.plans", routes::PLANNING_READERS),
    ("/approvals", "nav.approvals", routes::SUPERVISORS),
    ("/projects", "nav.projects", routes::PROJECT_READERS),
    ("/supplier/bids", "nav.my_bids", routes::SUPPLIERS),
    ("/supplier", "nav.supplier", routes::SUPPLIERS),
    ("/suppliers", "nav.suppliers", routes::SUPPLIER_REVIEWERS),
    ("/experts", "nav.experts", routes::EXPERT_POOL_MANAGERS),
    ("/templates", "nav.templates", routes::TEMPLATE_USERS),
    ("/catalog", "nav.catalog", routes::PUBLIC),
    ("/transparency", "nav.transparency", routes::PUBLIC),
    ("/regions", "nav.regions", routes::PUBLIC),
    ("/calendar", "nav.calendar", routes::PUBLIC),
    ("/audit", "nav.audit", routes::AUDIT_READERS),
    ("/api/docs", "nav.api", routes::PUBLIC),
];

impl Chrome {
    pub fn bare(ctx: &Ctx) -> Chrome {
        let t = Tr::new(ctx.lang);
        let nav = NAV
            .iter()
            .filter(|(_, _, access)| access.check(&ctx.principal).is_ok())
            .map(|(href, key, _)| NavItem {
                href,
                label: t.s(key),
                active: if *href == "/" { ctx.path == "/" } else { ctx.path.starts_with(href) },
            })
            .collect();
        let user = ctx.identity.as_ref().map(|i| ChromeUser {
            display_name: i.view.display_name.clone(),
            org_name: i.view.organization.name.clone(),
            roles: i.subject.roles.iter().map(|r| r.label(ctx.lang)).collect::<Vec<_>>().join(Tr::new(ctx.lang).s("sep.enumeration")),
        });
        // Agencies (and purchasers running their own projects) read the agency's guides.
        let agency_like = ctx.identity.as_ref().is_some_and(|i| i.subject.roles.contains(&caigou_domain::authz::Role::Agency));
        let help_href = match crate::platform::help_guides::for_path(&ctx.path, agency_like) {
            Some(g) => format!("/help#{}", g.id),
            None => "/help".to_string(),
        };
        Chrome {
            t,
            user,
            unread: 0,
            csrf: ctx.csrf.clone(),
            nav,
            lang_href: format!("/lang?to={}&next={}", t.other_tag(), urlencode(&ctx.path)),
            help_href,
            sandbox_now: None,
            demo_clock: None,
        }
    }

    /// The chrome with the unread count filled in.
    pub async fn load(state: &AppState, ctx: &Ctx) -> Result<Chrome, AppError> {
        let mut c = Chrome::bare(ctx);
        if state.config.sandbox {
            c.sandbox_now = Some(caigou_store::clock::display_ms(state.store.clock().now_ms()));
            c.demo_clock = state.config.demo_clock.clone();
        }
        if let Principal::User(s) = &ctx.principal {
            c.unread = caigou_store::notify::unread_count(&state.store, s.user).await?;
        }
        Ok(c)
    }
}

/// Renders a template, turning a rendering failure into a logged 500.
pub fn render(t: &impl Template) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            AppError::internal().into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    chrome: Chrome,
    status: u16,
    message: String,
    /// The error's code, for support.
    reference: Option<String>,
}

/// An error page for a page route (status plus a translated message key).
pub fn error_page(ctx: &Ctx, status: StatusCode, key: &str) -> Response {
    let chrome = Chrome::bare(ctx);
    let message = chrome.t.s(key).to_string();
    (status, render(&ErrorPage { chrome, status: status.as_u16(), message, reference: None })).into_response()
}

/// A page-route error rendered as HTML in `lang` (without user context).
pub fn error_response(err: &AppError, lang: Lang) -> Response {
    let t = Tr::new(lang);
    let chrome = Chrome {
        t,
        user: None,
        unread: 0,
        csrf: String::new(),
        nav: vec![NavItem { href: "/", label: t.s("nav.home"), active: false }],
        lang_href: format!("/lang?to={}&next=/", t.other_tag()),
        help_href: "/help".to_string(),
        sandbox_now: None,
        demo_clock: None,
    };
    // The code is the reference a user quotes to support, shown small; the message says it.
    let page =
        ErrorPage { chrome, status: err.status.as_u16(), message: err.message(lang).to_string(), reference: Some(err.code.to_string()) };
    (err.status, render(&page)).into_response()
}

/// Formats fen as yuan for display.
pub fn yuan(fen: &i64) -> String {
    caigou_domain::Money::from_fen(*fen).to_string()
}

/// Formats Unix milliseconds for display in China time.
pub fn when(ms: &i64) -> String {
    caigou_store::clock::display_ms(*ms)
}

/// Post/redirect/get: back to `to` with a notice, or with the error of a refused request shown
/// on the page. Faults and denials stay errors.
pub fn outcome(ctx: &Ctx, to: &str, r: Result<&str, AppError>) -> Result<Response, AppError> {
    let sep = if to.contains('?') { '&' } else { '?' };
    match r {
        Ok(notice_key) => Ok(axum::response::Redirect::to(&format!("{to}{sep}notice={}", urlencode(notice_key))).into_response()),
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY || e.status == StatusCode::BAD_REQUEST => {
            let msg = e.message(ctx.lang).to_string();
            Ok(axum::response::Redirect::to(&format!("{to}{sep}error={}", urlencode(&msg))).into_response())
        }
        Err(e) => Err(e),
    }
}

/// The `notice` (a translation key) and `error` (a message) a redirect carried.
#[derive(serde::Deserialize, Default)]
pub struct Flash {
    #[serde(default)]
    pub notice: String,
    #[serde(default)]
    pub error: String,
}

impl Flash {
    pub fn notice(&self, t: &Tr) -> Option<String> {
        (!self.notice.is_empty()).then(|| t.s(&self.notice).to_string())
    }
    pub fn error(&self) -> Option<String> {
        (!self.error.is_empty()).then(|| self.error.clone())
    }
}
