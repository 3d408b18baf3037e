//! Every route, with the access rule it declares. Routes can only be added through
//! [`RouteTable::add`], which requires a rule, and the table is what the authorization matrix
//! test walks: a route without a rule cannot exist.

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::handler::Handler;
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodFilter, on};
use caigou_domain::authz::{Access, Denied, Role};
use caigou_store::rate_limits::RateLimit;

use crate::ctx::{self, Ctx};
use crate::error::AppError;
use crate::{AppState, api, metrics, pages};

/// Page or JSON API: decides how a denial is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Page,
    Api,
}

pub const PUBLIC: Access = Access::Public;
pub const SIGNED_IN: Access = Access::SignedIn;
pub const ADMIN: Access = Access::Roles(&[Role::Admin]);
/// Who may read the audit trail (supervisors only within their region subtree).
pub const AUDIT_READERS: Access = Access::Roles(&[Role::Admin, Role::Supervisor]);
/// Who loads budget lines: admins and the finance department (within its subtree).
pub const BUDGET_MANAGERS: Access = Access::Roles(&[Role::Admin, Role::Supervisor]);
/// A purchasing unit's 经办 staff, who publish intentions and submit plans.
pub const HANDLERS: Access = Access::Roles(&[Role::PurchaserHandler]);
/// Anyone on a purchasing unit's staff.
pub const PURCHASERS: Access = Access::Roles(&[Role::PurchaserHandler, Role::PurchaserReviewer, Role::PurchaserApprover]);
pub const SUPERVISORS: Access = Access::Roles(&[Role::Supervisor]);
/// A unit's reviewers and approvers, who act on 申购 steps.
pub const REQUEST_DECIDERS: Access = Access::Roles(&[Role::PurchaserReviewer, Role::PurchaserApprover]);
/// A unit's 审批 staff, who set their own unit's chain in the pages.
pub const UNIT_CHAIN_EDITORS: Access = Access::Roles(&[Role::PurchaserApprover]);
/// Who confirms a project's documents for their unit (采购人确认): its 经办 and 审批 staff.
pub const CONFIRMERS: Access = Access::Roles(&[Role::PurchaserHandler, Role::PurchaserApprover]);
/// Who may set a unit's approval chain.
pub const CHAIN_EDITORS: Access = Access::Roles(&[Role::Admin, Role::PurchaserApprover]);
/// Who reads planning data (each only where `authz::decide` lets them).
pub const PLANNING_READERS: Access =
    Access::Roles(&[Role::Admin, Role::Supervisor, Role::PurchaserHandler, Role::PurchaserReviewer, Role::PurchaserApprover]);

/// Suppliers' staff.
pub const SUPPLIERS: Access = Access::Roles(&[Role::Supplier]);
/// Who reviews supplier admissions (supervisors only within their region subtree).
pub const SUPPLIER_REVIEWERS: Access = Access::Roles(&[Role::Admin, Role::Supervisor]);
/// Who keeps the expert pool (评审专家库): admins, and each region's finance department for its subtree.
pub const EXPERT_POOL_MANAGERS: Access = Access::Roles(&[Role::Admin, Role::Supervisor]);
/// Who runs projects: agency staff, and a unit's 经办 when it procures on its own.
pub const RUNNERS: Access = Access::Roles(&[Role::Agency, Role::PurchaserHandler]);
/// Who lists projects (each only where `authz::decide` lets them).
pub const PROJECT_READERS: Access =
    Access::Roles(&[Role::Admin, Role::Supervisor, Role::PurchaserHandler, Role::PurchaserReviewer, Role::PurchaserApprover, Role::Agency]);
/// Who reads the template library.
pub const TEMPLATE_USERS: Access = Access::Roles(&[Role::Admin, Role::Agency, Role::PurchaserHandler]);
/// Who writes templates (admins: platform ones; agencies: their own).
pub const TEMPLATE_EDITORS: Access = Access::Roles(&[Role::Admin, Role::Agency]);
/// Who may hold an opening key share: agency staff, purchasers, supervisors.
pub const CUSTODIANS: Access =
    Access::Roles(&[Role::Agency, Role::PurchaserHandler, Role::PurchaserReviewer, Role::PurchaserApprover, Role::Supervisor]);
/// Who uploads files (attachments, qualifications).
pub const UPLOADERS: Access = Access::Roles(&[Role::PurchaserHandler, Role::PurchaserReviewer, Role::PurchaserApprover, Role::Supplier]);

#[derive(Debug, Clone)]
pub struct RouteSpec {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    pub kind: Kind,
    pub limit: Option<RateLimit>,
}

pub struct RouteTable {
    router: Router<AppState>,
    specs: Vec<RouteSpec>,
}

impl RouteTable {
    fn new() -> RouteTable {
        RouteTable { router: Router::new(), specs: Vec::new() }
    }

    /// Adds a route guarded by `access`.
    pub fn add<H, T>(self, method: Method, path: &'static str, access: Access, handler: H) -> RouteTable
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add_guarded(method, path, access, None, handler)
    }

    /// Adds a route guarded by `access` whose requests are also counted against `limit` per
    /// client address (cheap anonymous writes: registration, objections, logins).
    pub fn add_limited<H, T>(self, method: Method, path: &'static str, access: Access, limit: RateLimit, handler: H) -> RouteTable
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add_guarded(method, path, access, Some(limit), handler)
    }

    fn add_guarded<H, T>(mut self, method: Method, path: &'static str, access: Access, limit: Option<RateLimit>, handler: H) -> RouteTable
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let kind = if ctx::is_api(path) { Kind::Api } else { Kind::Page };
        let filter = MethodFilter::try_from(method.clone()).expect("standard method");
        let guarded = on(filter, handler).layer(middleware::from_fn(move |req: Request, next: Next| guard(access, limit, kind, req, next)));
        self.router = self.router.route(path, guarded);
        self.specs.push(RouteSpec { method, path, access, kind, limit });
        self
    }

    pub fn specs(&self) -> &[RouteSpec] {
        &self.specs
    }

    pub fn into_router(self, state: AppState) -> Router {
        let max_body = state.config.max_body;
        self.router
            .fallback(not_found)
            .layer(middleware::from_fn_with_state(state.clone(), ctx::resolve))
            .layer(middleware::from_fn_with_state(state.clone(), request_timeout))
            .layer(middleware::from_fn_with_state(state.clone(), metrics::track))
            .layer(middleware::from_fn_with_state(state.clone(), crate::security::headers))
            // One span per request (method, URI); responses are logged at DEBUG, server errors
            // at ERROR. `CAIGOU_LOG=info,tower_http=debug` shows every request.
            .layer(tower_http::trace::TraceLayer::new_for_http())
            .layer(DefaultBodyLimit::max(max_body))
            .with_state(state)
    }
}

async fn guard(access: Access, limit: Option<RateLimit>, kind: Kind, req: Request, next: Next) -> Response {
    let Some(ctx) = req.extensions().get::<Ctx>().cloned() else {
        return AppError::internal().into_response();
    };
    if let Err(denied) = access.check(&ctx.principal) {
        return deny(kind, denied, &ctx);
    }
    if let Some(limit) = limit {
        let Some(state) = req.extensions().get::<AppState>().cloned() else {
            return AppError::internal().into_response();
        };
        match caigou_store::rate_limits::hit(&state.store, limit, &ctx.address).await {
            Ok(None) => {}
            Ok(Some(retry)) => {
                let e = AppError::new(StatusCode::TOO_MANY_REQUESTS, "rate.limited").retry_after(retry).in_lang(ctx.lang);
                return match kind {
                    Kind::Api => e.into_response(),
                    Kind::Page => e.with_headers(pages::error_response(&e, ctx.lang)),
                };
            }
            Err(e) => return AppError::from(e).in_lang(ctx.lang).into_response(),
        }
    }
    next.run(req).await
}

/// Registrations per address: a supplier registers once; an office registering several
/// companies still fits.
pub const REGISTRATIONS: RateLimit = RateLimit { bucket: "registration", max: 10, window_ms: 3_600_000 };
/// 单一来源公示 objections per address (anonymous, and each notifies the unit).
pub const OBJECTIONS: RateLimit = RateLimit { bucket: "objection", max: 10, window_ms: 3_600_000 };
/// Login attempts per address, right or wrong (each costs an argon2 hash). Wrong passwords have
/// their own, tighter throttle per account and address (store::users); this bounds the work
/// one address can cause, generous for an office behind one NAT address.
pub const LOGINS: RateLimit = RateLimit { bucket: "login", max: 600, window_ms: 15 * 60_000 };

/// A request that takes longer than [`crate::WebConfig::request_timeout`] (a handler stuck, a
/// body trickling in) is answered 503 `request.timeout` and its work dropped; a transaction it
/// had open rolls back. Live streams are not cut: their response is sent at once and the
/// stream that follows is not part of the request's time.
async fn request_timeout(axum::extract::State(state): axum::extract::State<AppState>, req: Request, next: Next) -> Response {
    let lang = caigou_domain::Lang::Zh;
    let api = ctx::is_api(req.uri().path());
    match tokio::time::timeout(state.config.request_timeout, next.run(req)).await {
        Ok(resp) => resp,
        Err(_) => {
            let e = AppError::new(StatusCode::SERVICE_UNAVAILABLE, "request.timeout").retry_after(5);
            if api { e.into_response() } else { e.with_headers(pages::error_response(&e, lang)) }
        }
    }
}

/// How a denial looks: JSON for the API; for pages, the login form or a forbidden page.
pub fn deny(kind: Kind, denied: Denied, ctx: &Ctx) -> Response {
    match (kind, denied) {
        (Kind::Api, d) => AppError::from(d).in_lang(ctx.lang).into_response(),
        (Kind::Page, Denied::NotSignedIn) => Redirect::to(&format!("/login?next={}", urlencode(&ctx.path))).into_response(),
        (Kind::Page, Denied::Forbidden) => pages::error_page(ctx, StatusCode::FORBIDDEN, "errpage.forbidden"),
    }
}

pub fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).map(|x| x.trim_start_matches('=').to_string()).unwrap_or_default()
}

async fn not_found(ctx: Ctx) -> Response {
    if ctx::is_api(&ctx.path) {
        AppError::not_found(&ctx.path).in_lang(ctx.lang).into_response()
    } else {
        pages::error_page(&ctx, StatusCode::NOT_FOUND, "errpage.not_found")
    }
}

/// The route table of a production platform.
pub fn table() -> RouteTable {
    table_for(false)
}

/// The route table; a sandbox platform also has the routes that move its clock.
pub fn table_for(sandbox: bool) -> RouteTable {
    use Method as M;
    let t = if sandbox {
        RouteTable::new()
            .add(M::GET, "/sandbox", ADMIN, crate::platform::pages::sandbox::page)
            .add(M::POST, "/sandbox/clock", ADMIN, crate::platform::pages::sandbox::advance)
            .add(M::POST, "/api/v1/sandbox/clock", ADMIN, crate::platform::api::sandbox::advance)
    } else {
        RouteTable::new()
    };
    t
        // Operators
        .add(M::GET, "/healthz", PUBLIC, crate::platform::pages::ops::healthz)
        .add(M::GET, "/metrics", ADMIN, metrics::scrape)
        .add(M::GET, "/static/{file}", PUBLIC, crate::platform::pages::ops::static_file)
        // Public portal
        .add(M::GET, "/", PUBLIC, crate::platform::pages::portal::home)
        .add(M::GET, "/announcements/{id}", PUBLIC, crate::platform::pages::portal::announcement)
        .add(M::GET, "/feed.atom", PUBLIC, crate::platform::pages::portal::feed)
        .add(M::GET, "/suppliers/register", PUBLIC, crate::suppliers::pages::register_form)
        .add_limited(M::POST, "/suppliers/register", PUBLIC, REGISTRATIONS, crate::suppliers::pages::register)
        .add(M::GET, "/lang", PUBLIC, crate::platform::pages::auth::switch_lang)
        .add(M::GET, "/login", PUBLIC, crate::platform::pages::auth::login_form)
        .add_limited(M::POST, "/login", PUBLIC, LOGINS, crate::platform::pages::auth::login_submit)
        .add(M::POST, "/logout", SIGNED_IN, crate::platform::pages::auth::logout)
        .add(M::GET, "/catalog", PUBLIC, crate::platform::pages::catalog::browse)
        .add(M::GET, "/regions", PUBLIC, crate::platform::pages::regions::list)
        .add(M::GET, "/regions/{id}", PUBLIC, crate::platform::pages::regions::detail)
        .add(M::POST, "/regions/{id}/versions", ADMIN, crate::platform::pages::regions::add_version)
        .add(M::GET, "/calendar", PUBLIC, crate::platform::pages::calendar::page)
        .add(M::POST, "/calendar/years", ADMIN, crate::platform::pages::calendar::load_year)
        .add(M::GET, "/calendar/years/{year}/source", PUBLIC, crate::platform::pages::calendar::source)
        .add(M::GET, "/api/docs", PUBLIC, crate::platform::pages::ops::api_docs)
        .add(M::GET, "/help", PUBLIC, crate::platform::pages::help::page)
        .add(M::GET, "/policies", PUBLIC, crate::platform::pages::policies::page)
        // Signed-in pages
        .add(M::GET, "/workbench", SIGNED_IN, crate::platform::pages::workbench::page)
        .add(M::GET, "/inbox", SIGNED_IN, crate::platform::pages::inbox::page)
        .add(M::POST, "/inbox/{id}/read", SIGNED_IN, crate::platform::pages::inbox::mark_read)
        .add(M::GET, "/account", SIGNED_IN, crate::platform::pages::account::page)
        .add(M::POST, "/account/password", SIGNED_IN, crate::platform::pages::account::change_password)
        .add(M::POST, "/account/tokens", SIGNED_IN, crate::platform::pages::account::create_token)
        .add(M::POST, "/account/tokens/{id}/revoke", SIGNED_IN, crate::platform::pages::account::revoke_token)
        .add(M::GET, "/audit", AUDIT_READERS, crate::platform::pages::audit::page)
        .add(M::GET, "/budget", PLANNING_READERS, crate::planning::pages::budget::list)
        .add(M::POST, "/budget/import", BUDGET_MANAGERS, crate::planning::pages::budget::import)
        .add(M::POST, "/budget/lines", BUDGET_MANAGERS, crate::planning::pages::budget::add)
        .add(M::GET, "/intentions", PURCHASERS, crate::planning::pages::intentions::page)
        .add(M::POST, "/intentions", HANDLERS, crate::planning::pages::intentions::publish)
        .add(M::GET, "/plans", PLANNING_READERS, crate::planning::pages::plans::plans_list)
        .add(M::GET, "/plans/new", HANDLERS, crate::planning::pages::plans::plan_new)
        .add(M::POST, "/plans/check", HANDLERS, crate::planning::pages::plans::plan_check)
        .add(M::POST, "/plans", HANDLERS, crate::planning::pages::plans::plan_submit)
        .add(M::GET, "/plans/{id}", PLANNING_READERS, crate::planning::pages::plans::plan_detail)
        .add(M::POST, "/plans/{id}/cancel", HANDLERS, crate::planning::pages::plans::plan_cancel)
        .add(M::POST, "/plans/{id}/fail", HANDLERS, crate::planning::pages::plans::plan_fail)
        .add(M::POST, "/plans/{id}/reprocure", HANDLERS, crate::planning::pages::plans::plan_reprocure)
        .add(M::GET, "/plans/{id}/amend", HANDLERS, crate::planning::pages::plans::plan_amend_form)
        .add(M::POST, "/plans/{id}/decision", SUPERVISORS, crate::planning::pages::plans::plan_decide)
        .add(M::GET, "/plans/{id}/objections", PUBLIC, crate::planning::pages::plans::objection_form)
        .add_limited(M::POST, "/plans/{id}/objections", PUBLIC, OBJECTIONS, crate::planning::pages::plans::objection_submit)
        .add(M::GET, "/approvals", SUPERVISORS, crate::planning::pages::plans::approvals)
        .add(M::GET, "/requests", PURCHASERS, crate::planning::pages::requests::list)
        .add(M::GET, "/requests/new", HANDLERS, crate::planning::pages::requests::new)
        .add(M::POST, "/requests", HANDLERS, crate::planning::pages::requests::create)
        .add(M::GET, "/requests/{id}", PLANNING_READERS, crate::planning::pages::requests::detail)
        .add(M::POST, "/requests/{id}/act", PURCHASERS, crate::planning::pages::requests::act)
        .add(M::GET, "/requests/{id}/edit", HANDLERS, crate::planning::pages::requests::edit)
        .add(M::POST, "/requests/{id}/edit", HANDLERS, crate::planning::pages::requests::update)
        .add(M::GET, "/requests/{id}/attachments/{file}", PLANNING_READERS, crate::planning::pages::requests::attachment)
        .add(M::GET, "/approval-chain", PURCHASERS, crate::planning::pages::requests::chain)
        .add(M::POST, "/approval-chain", UNIT_CHAIN_EDITORS, crate::planning::pages::requests::chain_save)
        .add(M::POST, "/unit-settings", UNIT_CHAIN_EDITORS, crate::tender::pages::confirmation::save_settings)
        .add(M::GET, "/supplier", SUPPLIERS, crate::suppliers::pages::own)
        .add(M::GET, "/supplier/bids", SUPPLIERS, crate::tender::pages::my_bids::page)
        .add(M::POST, "/supplier", SUPPLIERS, crate::suppliers::pages::update)
        .add(M::POST, "/supplier/qualifications", SUPPLIERS, crate::suppliers::pages::add_qualification)
        .add(M::POST, "/supplier/submit", SUPPLIERS, crate::suppliers::pages::submit)
        .add(M::GET, "/suppliers", SUPPLIER_REVIEWERS, crate::suppliers::pages::list)
        .add(M::GET, "/experts", EXPERT_POOL_MANAGERS, crate::evaluation::experts::page)
        .add(M::POST, "/experts/import", EXPERT_POOL_MANAGERS, crate::evaluation::experts::import_page)
        .add(M::GET, "/suppliers/{id}", SUPPLIER_REVIEWERS, crate::suppliers::pages::detail)
        .add(M::POST, "/suppliers/{id}/review", SUPPLIER_REVIEWERS, crate::suppliers::pages::review)
        .add(M::GET, "/qualifications/{id}", SIGNED_IN, crate::suppliers::pages::qualification_file)
        .add(M::POST, "/plans/{id}/entrust", HANDLERS, crate::tender::pages::projects::entrust)
        .add(M::GET, "/projects", PROJECT_READERS, crate::tender::pages::projects::list)
        .add(M::GET, "/projects/new", RUNNERS, crate::tender::pages::projects::new)
        .add(M::POST, "/projects", RUNNERS, crate::tender::pages::projects::create)
        .add(M::GET, "/projects/{id}", SIGNED_IN, crate::tender::pages::projects::detail)
        .add(M::POST, "/projects/{id}/lots/{lot}", RUNNERS, crate::tender::pages::projects::update_lot)
        .add(M::POST, "/projects/{id}/documents", RUNNERS, crate::tender::pages::projects::save_documents)
        .add(M::GET, "/projects/{id}/preview", RUNNERS, crate::tender::pages::publishing::preview)
        .add(M::POST, "/projects/{id}/publish", RUNNERS, crate::tender::pages::publishing::publish)
        .add(M::POST, "/projects/{id}/clarifications", RUNNERS, crate::tender::pages::projects::clarify)
        .add(M::POST, "/projects/{id}/terminate", RUNNERS, crate::tender::pages::projects::terminate)
        .add(M::GET, "/projects/{id}/review", CONFIRMERS, crate::tender::pages::confirmation::review)
        .add(M::POST, "/projects/{id}/confirmation", CONFIRMERS, crate::tender::pages::confirmation::decide)
        .add(M::POST, "/projects/{id}/questions", SUPPLIERS, crate::tender::pages::projects::ask)
        .add(M::GET, "/projects/{id}/documents.pdf", SIGNED_IN, crate::tender::pages::projects::documents_pdf)
        .add(M::GET, "/projects/{id}/documents.html", SIGNED_IN, crate::tender::pages::projects::documents_html)
        .add(M::POST, "/lots/{id}/obtain", SUPPLIERS, crate::tender::pages::projects::obtain)
        .add(M::POST, "/lots/{id}/deposits", RUNNERS, crate::tender::pages::deposits::record)
        .add(M::POST, "/lots/{id}/deposits/{deposit}/void", RUNNERS, crate::tender::pages::deposits::void)
        .add(M::GET, "/projects/{id}/custody", CUSTODIANS, crate::tender::pages::custody::page)
        .add(M::GET, "/lots/{id}/bid", SUPPLIERS, crate::tender::pages::opening::bid_page)
        .add(M::POST, "/lots/{id}/bid/withdraw", SUPPLIERS, crate::tender::pages::opening::withdraw)
        .add(M::GET, "/lots/{id}/opening", SIGNED_IN, crate::tender::pages::opening::hall)
        .add(M::GET, "/lots/{id}/opening/events", SIGNED_IN, crate::tender::pages::opening::events)
        .add(M::GET, "/bigscreen", PUBLIC, crate::tender::pages::opening::bigscreen)
        .add(M::GET, "/transparency", PUBLIC, crate::tender::pages::opening::transparency)
        .add(M::GET, "/bigscreen/events", PUBLIC, crate::tender::pages::opening::bigscreen_events)
        .add(M::GET, "/templates", TEMPLATE_USERS, crate::tender::pages::templates::page)
        .add(M::POST, "/templates/{id}", TEMPLATE_EDITORS, crate::tender::pages::templates::save)
        // JSON API
        .add(M::GET, "/api/v1/openapi.json", PUBLIC, api::openapi_json)
        .add_limited(M::POST, "/api/v1/auth/login", PUBLIC, LOGINS, crate::platform::api::auth::login)
        .add(M::POST, "/api/v1/auth/logout", SIGNED_IN, crate::platform::api::auth::logout)
        .add(M::GET, "/api/v1/me", SIGNED_IN, crate::platform::api::auth::me)
        .add(M::POST, "/api/v1/me/password", SIGNED_IN, crate::platform::api::auth::change_password)
        .add(M::POST, "/api/v1/tokens", SIGNED_IN, crate::platform::api::auth::create_token)
        .add(M::GET, "/api/v1/tokens", SIGNED_IN, crate::platform::api::auth::list_tokens)
        .add(M::POST, "/api/v1/tokens/{id}/revoke", SIGNED_IN, crate::platform::api::auth::revoke_token)
        .add(M::GET, "/api/v1/notifications", SIGNED_IN, crate::platform::api::notifications::list)
        .add(M::POST, "/api/v1/notifications/{id}/read", SIGNED_IN, crate::platform::api::notifications::mark_read)
        .add(M::GET, "/api/v1/announcements", PUBLIC, crate::platform::api::portal::announcements)
        .add(M::GET, "/api/v1/regions", PUBLIC, crate::platform::api::regions::list)
        .add(M::GET, "/api/v1/regions/{id}/policy", PUBLIC, crate::platform::api::regions::effective)
        .add(M::GET, "/api/v1/regions/{id}/policy-versions", PUBLIC, crate::platform::api::regions::versions)
        .add(M::POST, "/api/v1/regions/{id}/policy-versions", ADMIN, crate::platform::api::regions::add_version)
        .add(M::GET, "/api/v1/statutory-limits", PUBLIC, crate::platform::api::regions::statutory)
        .add(M::POST, "/api/v1/statutory-limits", ADMIN, crate::platform::api::regions::correct_statutory)
        .add(M::GET, "/api/v1/catalog", PUBLIC, crate::platform::api::catalog::search)
        .add(M::GET, "/api/v1/catalog/{code}", PUBLIC, crate::platform::api::catalog::get)
        .add(M::POST, "/api/v1/catalog/import", ADMIN, crate::platform::api::catalog::import)
        .add(M::GET, "/api/v1/calendar/is-working-day", PUBLIC, crate::platform::api::calendar::is_working_day)
        .add(M::GET, "/api/v1/calendar/add-working-days", PUBLIC, crate::platform::api::calendar::add_working_days)
        .add(M::POST, "/api/v1/calendar/years", ADMIN, crate::platform::api::calendar::load_year)
        .add(M::GET, "/api/v1/audit", AUDIT_READERS, crate::platform::api::audit::list)
        .add(M::GET, "/api/v1/audit/verify", ADMIN, crate::platform::api::audit::verify)
        .add(M::GET, "/api/v1/budget-lines", PLANNING_READERS, crate::planning::api::plans::budget_lines)
        .add(M::POST, "/api/v1/budget-lines", BUDGET_MANAGERS, crate::planning::api::plans::add_budget_lines)
        .add(M::POST, "/api/v1/budget-lines/import", BUDGET_MANAGERS, crate::planning::api::plans::import_budget_lines)
        .add(M::GET, "/api/v1/intentions", PURCHASERS, crate::planning::api::plans::intentions)
        .add(M::POST, "/api/v1/intentions", HANDLERS, crate::planning::api::plans::publish_intention)
        .add(M::POST, "/api/v1/plans/check", HANDLERS, crate::planning::api::plans::check_plan)
        .add(M::POST, "/api/v1/plans", HANDLERS, crate::planning::api::plans::submit_plan)
        .add(M::GET, "/api/v1/plans", PLANNING_READERS, crate::planning::api::plans::list_plans)
        .add(M::GET, "/api/v1/plans/{id}", PLANNING_READERS, crate::planning::api::plans::get_plan)
        .add(M::POST, "/api/v1/plans/{id}/cancel", HANDLERS, crate::planning::api::plans::cancel_plan)
        .add(M::POST, "/api/v1/plans/{id}/fail", HANDLERS, crate::planning::api::plans::fail_plan)
        .add(M::POST, "/api/v1/plans/{id}/reprocure", HANDLERS, crate::planning::api::plans::reprocure)
        .add(M::POST, "/api/v1/plans/{id}/amend", HANDLERS, crate::planning::api::plans::amend)
        .add(M::GET, "/api/v1/approvals", SUPERVISORS, crate::planning::api::plans::approvals)
        .add(M::POST, "/api/v1/plans/{id}/decision", SUPERVISORS, crate::planning::api::plans::decide)
        .add_limited(M::POST, "/api/v1/plans/{id}/objections", PUBLIC, OBJECTIONS, crate::planning::api::plans::object)
        .add(M::GET, "/api/v1/requests", PURCHASERS, crate::planning::api::requests::list)
        .add(M::GET, "/api/v1/requests/waiting", PURCHASERS, crate::planning::api::requests::waiting)
        .add(M::POST, "/api/v1/requests", HANDLERS, crate::planning::api::requests::create)
        .add(M::GET, "/api/v1/requests/{id}", PLANNING_READERS, crate::planning::api::requests::get)
        .add(M::POST, "/api/v1/requests/{id}", HANDLERS, crate::planning::api::requests::modify)
        .add(M::POST, "/api/v1/requests/{id}/submit", HANDLERS, crate::planning::api::requests::submit)
        .add(M::POST, "/api/v1/requests/{id}/approve", REQUEST_DECIDERS, crate::planning::api::requests::approve)
        .add(M::POST, "/api/v1/requests/{id}/return", REQUEST_DECIDERS, crate::planning::api::requests::send_back)
        .add(M::POST, "/api/v1/requests/{id}/reject", REQUEST_DECIDERS, crate::planning::api::requests::reject)
        .add(M::GET, "/api/v1/approval-chain", PURCHASERS, crate::planning::api::requests::get_chain)
        .add(M::POST, "/api/v1/approval-chain", CHAIN_EDITORS, crate::planning::api::requests::set_chain)
        .add(M::POST, "/api/v1/files", UPLOADERS, crate::planning::api::requests::upload)
        .add(M::GET, "/api/v1/clock", PUBLIC, crate::platform::api::sandbox::get)
        .add_limited(M::POST, "/api/v1/suppliers/register", PUBLIC, REGISTRATIONS, crate::suppliers::api::register)
        .add(M::GET, "/api/v1/supplier", SUPPLIERS, crate::suppliers::api::me)
        .add(M::POST, "/api/v1/supplier", SUPPLIERS, crate::suppliers::api::update)
        .add(M::POST, "/api/v1/supplier/qualifications", SUPPLIERS, crate::suppliers::api::add_qualification)
        .add(M::POST, "/api/v1/supplier/submit", SUPPLIERS, crate::suppliers::api::submit)
        .add(M::GET, "/api/v1/suppliers", SUPPLIER_REVIEWERS, crate::suppliers::api::list)
        .add(M::GET, "/api/v1/experts", EXPERT_POOL_MANAGERS, crate::evaluation::experts::list_api)
        .add(M::POST, "/api/v1/experts/import", EXPERT_POOL_MANAGERS, crate::evaluation::experts::import_api)
        .add(M::GET, "/api/v1/suppliers/{id}", SUPPLIER_REVIEWERS, crate::suppliers::api::get)
        .add(M::POST, "/api/v1/suppliers/{id}/review", SUPPLIER_REVIEWERS, crate::suppliers::api::review)
        .add(M::GET, "/api/v1/agencies", SIGNED_IN, crate::tender::api::projects::agencies)
        .add(M::POST, "/api/v1/plans/{id}/entrust", HANDLERS, crate::tender::api::projects::entrust)
        .add(M::GET, "/api/v1/entrusted-plans", RUNNERS, crate::tender::api::projects::entrusted)
        .add(M::POST, "/api/v1/projects", RUNNERS, crate::tender::api::projects::create)
        .add(M::GET, "/api/v1/projects", PROJECT_READERS, crate::tender::api::projects::list)
        .add(M::GET, "/api/v1/projects/{id}", PUBLIC, crate::tender::api::projects::get)
        .add(M::GET, "/api/v1/projects/{id}/earliest", RUNNERS, crate::tender::api::projects::earliest)
        .add(M::POST, "/api/v1/projects/{id}/lots/{lot}", RUNNERS, crate::tender::api::projects::update_lot)
        .add(M::POST, "/api/v1/projects/{id}/documents", RUNNERS, crate::tender::api::projects::save_documents)
        .add(M::POST, "/api/v1/projects/{id}/publish", RUNNERS, crate::tender::api::projects::publish)
        .add(M::POST, "/api/v1/projects/{id}/terminate", RUNNERS, crate::tender::api::projects::terminate)
        .add(M::POST, "/api/v1/projects/{id}/confirmation", CONFIRMERS, crate::tender::api::confirmation::decide)
        .add(M::GET, "/api/v1/unit-settings", PURCHASERS, crate::tender::api::confirmation::get_settings)
        .add(M::POST, "/api/v1/unit-settings", CHAIN_EDITORS, crate::tender::api::confirmation::set_settings)
        .add(M::GET, "/api/v1/projects/{id}/obtained", PROJECT_READERS, crate::tender::api::projects::obtained)
        .add(M::GET, "/api/v1/projects/{id}/questions", SIGNED_IN, crate::tender::api::projects::questions)
        .add(M::POST, "/api/v1/projects/{id}/questions", SUPPLIERS, crate::tender::api::projects::ask)
        .add(M::POST, "/api/v1/projects/{id}/clarifications", RUNNERS, crate::tender::api::projects::clarify)
        .add(M::POST, "/api/v1/lots/{id}/obtain", SUPPLIERS, crate::tender::api::projects::obtain)
        .add(M::GET, "/api/v1/supplier/lots", SUPPLIERS, crate::tender::api::projects::obtained_lots)
        .add(M::POST, "/api/v1/supplier/keys", SUPPLIERS, crate::tender::api::bids::register_key)
        .add(M::GET, "/api/v1/supplier/keys", SUPPLIERS, crate::tender::api::bids::keys)
        .add(M::POST, "/api/v1/supplier/keys/{id}/revoke", SUPPLIERS, crate::tender::api::bids::revoke_key)
        .add(M::POST, "/api/v1/lots/{id}/bids", SUPPLIERS, crate::tender::api::bids::submit)
        .add(M::GET, "/api/v1/lots/{id}/bids", SUPPLIERS, crate::tender::api::bids::own)
        .add(M::GET, "/api/v1/bids/{id}/receipt", SUPPLIERS, crate::tender::api::bids::receipt)
        .add(M::POST, "/api/v1/lots/{id}/deposits", RUNNERS, crate::tender::api::deposits::record)
        .add(M::GET, "/api/v1/lots/{id}/deposits", RUNNERS, crate::tender::api::deposits::list)
        .add(M::POST, "/api/v1/lots/{id}/deposits/{deposit}/void", RUNNERS, crate::tender::api::deposits::void)
        .add(M::POST, "/api/v1/lots/{id}/bids/withdraw", SUPPLIERS, crate::tender::api::bids::withdraw)
        .add(M::GET, "/api/v1/lots/{id}/bids/current", SUPPLIERS, crate::tender::api::opening::current)
        .add(M::POST, "/api/v1/me/keys", CUSTODIANS, crate::tender::api::custody::register_key)
        .add(M::POST, "/api/v1/projects/{id}/custodians", RUNNERS, crate::tender::api::custody::name)
        .add(M::GET, "/api/v1/projects/{id}/custodians", SIGNED_IN, crate::tender::api::custody::get)
        .add(M::POST, "/api/v1/projects/{id}/opening-key", CUSTODIANS, crate::tender::api::custody::ceremony)
        .add(M::GET, "/api/v1/projects/{id}/custodians/share", CUSTODIANS, crate::tender::api::custody::own_share)
        .add(M::POST, "/api/v1/projects/{id}/custodians/share", CUSTODIANS, crate::tender::api::custody::release)
        .add(M::GET, "/api/v1/lots/{id}/opening-key", PUBLIC, crate::tender::api::custody::lot_key)
        .add(M::GET, "/api/v1/lots/{id}/opening", SIGNED_IN, crate::tender::api::opening::get)
        .add(M::POST, "/api/v1/lots/{id}/opening/sign-in", SUPPLIERS, crate::tender::api::opening::sign_in)
        .add(M::POST, "/api/v1/lots/{id}/opening/key", SUPPLIERS, crate::tender::api::opening::release)
        .add(M::POST, "/api/v1/lots/{id}/opening/objections", SUPPLIERS, crate::tender::api::opening::object)
        .add(M::GET, "/api/v1/lots/{id}/opening/record", SIGNED_IN, crate::tender::api::opening::record)
        .add(M::GET, "/api/v1/lots/{id}/opening/signals", PROJECT_READERS, crate::tender::api::opening::signals)
        .add(M::GET, "/api/v1/openings/today", PUBLIC, crate::tender::api::opening::today)
        .add(M::GET, "/api/v1/log/key", PUBLIC, crate::tender::api::bids::key)
        .add(M::GET, "/api/v1/log/head", PUBLIC, crate::tender::api::bids::head)
        .add(M::GET, "/api/v1/log/inclusion", PUBLIC, crate::tender::api::bids::inclusion)
        .add(M::GET, "/api/v1/log/consistency", PUBLIC, crate::tender::api::bids::consistency)
        .add(M::GET, "/api/v1/templates", TEMPLATE_USERS, crate::tender::api::templates::list)
        .add(M::GET, "/api/v1/templates/{id}", TEMPLATE_USERS, crate::tender::api::templates::get)
        .add(M::POST, "/api/v1/templates", TEMPLATE_EDITORS, crate::tender::api::templates::create)
        .add(M::POST, "/api/v1/templates/{id}", TEMPLATE_EDITORS, crate::tender::api::templates::update)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Anyone can call a public route that writes, so each has a rate limit per address
    /// (the limits' buckets are shared by a page and its API twin).
    #[test]
    fn every_public_write_is_rate_limited() {
        for sandbox in [false, true] {
            for spec in table_for(sandbox).specs() {
                if spec.access == PUBLIC && spec.method != Method::GET {
                    assert!(spec.limit.is_some(), "{} {} is public and writes, but has no rate limit", spec.method, spec.path);
                }
            }
        }
        let limited: Vec<_> = table().specs().iter().filter_map(|s| s.limit.map(|l| (l.bucket, s.path))).collect();
        for bucket in ["registration", "objection", "login"] {
            assert_eq!(limited.iter().filter(|(b, _)| *b == bucket).count(), 2, "{bucket}: the page and the API share one bucket");
        }
    }
}
