//! Caigou's HTTP shell: server-rendered pages (askama + vendored htmx), the JSON API under
//! `/api/v1` with its generated OpenAPI document, and operator endpoints. Handlers parse input
//! into domain types, ask [`caigou_domain::authz`], call the store, and render.

pub mod api;
mod conn;
mod ctx;
pub mod error;
mod evaluation;
pub mod i18n;
mod input;
mod invariants;
mod live;
mod metrics;
mod pages;
mod planning;
mod platform;
pub mod routes;
mod security;
mod suppliers;
mod tender;

use std::sync::Arc;

use axum::Router;
use caigou_store::Store;
use caigou_store::users::SessionPolicy;

pub use ctx::Ctx;
pub use metrics::Metrics;

/// How the web layer behaves; set once at start.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (the site is served over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// The reverse proxies whose `X-Forwarded-For` is believed: the client address is the
    /// rightmost hop not among them. Empty: the peer address is the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    pub session: SessionPolicy,
    /// Largest request body accepted, in bytes.
    pub max_body: usize,
    /// How long a connection may take to send a request's headers, or stay idle between
    /// requests, before it is closed.
    pub header_read_timeout: std::time::Duration,
    /// How long a request may take in all, body included (a 10 MB bid over a slow line fits).
    pub request_timeout: std::time::Duration,
    /// The longest pause allowed while a request body arrives.
    pub body_pause_timeout: std::time::Duration,
    /// Training/sandbox platform (its clock may be moved by a later issue).
    pub sandbox: bool,
    /// Demo installation: the sign-in page mentions the demo password.
    pub demo: bool,
    /// The date the demo's own clock started at, when the real date left too little published
    /// calendar (the banner says so); `None`: real time.
    pub demo_clock: Option<String>,
    /// The site's public address (`https://caigou.example.gov.cn`), for absolute links in the
    /// Atom feed; unset: the address each request was made to.
    pub public_url: Option<String>,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            secure_cookies: false,
            trusted_proxies: Vec::new(),
            session: SessionPolicy::default(),
            max_body: 10 * 1024 * 1024,
            header_read_timeout: std::time::Duration::from_secs(15),
            request_timeout: std::time::Duration::from_secs(300),
            body_pause_timeout: std::time::Duration::from_secs(30),
            sandbox: false,
            demo: false,
            demo_clock: None,
            public_url: None,
        }
    }
}

/// What every handler can reach. Servers keep no other state: sessions, jobs and files live in
/// the database and the object store, so any number of servers can share them.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<WebConfig>,
    pub metrics: Arc<Metrics>,
    /// Live opening halls by lot: one poller per lot watched on this server.
    pub(crate) live_openings: Arc<live::Hub<Option<caigou_store::opening::OpeningView>>>,
    /// The big screen: today's openings and the time they were read.
    pub(crate) live_screen: Arc<live::Hub<(Vec<crate::tender::api::opening::TodayRow>, String)>>,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> AppState {
        AppState {
            store,
            config: Arc::new(config),
            metrics: Arc::new(Metrics::new()),
            live_openings: Arc::default(),
            live_screen: Arc::default(),
        }
    }
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    routes::table_for(state.config.sandbox).into_router(state)
}

/// Serves until `shutdown` resolves, then finishes in-flight requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (headers, body) = (state.config.header_read_timeout, state.config.body_pause_timeout);
    conn::serve(listener, app(state), headers, body, shutdown).await
}
