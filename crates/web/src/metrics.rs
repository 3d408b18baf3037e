//! Prometheus metrics: requests and latencies by route, the database pool, the job queue.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::AppState;
use crate::error::AppError;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    pool_size: Gauge,
    pool_idle: Gauge,
    outbox_pending: Gauge,
    outbox_dead: Gauge,
    live_pollers: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("caigou");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(|| Histogram::new(exponential_buckets(0.0005, 2.0, 16)));
        let pool_size = Gauge::default();
        let pool_idle = Gauge::default();
        let outbox_pending = Gauge::default();
        let outbox_dead = Gauge::default();
        let live_pollers = Gauge::default();
        registry.register("http_requests", "HTTP requests by route and status", requests.clone());
        registry.register("http_request_duration_seconds", "HTTP request latency by route", latency.clone());
        registry.register("db_pool_connections", "Open database connections", pool_size.clone());
        registry.register("db_pool_idle_connections", "Idle database connections", pool_idle.clone());
        registry.register("jobs_email_pending", "Emails waiting in the outbox", outbox_pending.clone());
        registry.register("jobs_email_failed", "Emails given up after all attempts", outbox_dead.clone());
        registry.register("live_pollers", "Live views (opening halls, big screen) polled by this server", live_pollers.clone());
        Metrics { registry, requests, latency, pool_size, pool_idle, outbox_pending, outbox_dead, live_pollers }
    }
}

/// Counts and times every request by its route template (not its concrete path).
pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().to_string();
    let route = req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_string()).unwrap_or_else(|| "unmatched".into());
    let resp = next.run(req).await;
    let m = &state.metrics;
    m.requests.get_or_create(&RequestLabels { method: method.clone(), route: route.clone(), status: resp.status().as_u16() }).inc();
    m.latency.get_or_create(&RouteLabels { method, route }).observe(start.elapsed().as_secs_f64());
    resp
}

pub async fn scrape(State(state): State<AppState>) -> Result<Response, AppError> {
    let m = &state.metrics;
    let pool = state.store.pool();
    m.pool_size.set(i64::from(pool.size()));
    m.pool_idle.set(pool.num_idle() as i64);
    let (pending, dead) = caigou_store::jobs::outbox_depth(&state.store).await?;
    m.outbox_pending.set(pending);
    m.outbox_dead.set(dead);
    m.live_pollers.set(state.live_openings.pollers() + state.live_screen.pollers());
    let mut out = String::new();
    encode(&mut out, &m.registry).map_err(|_| AppError::internal())?;
    Ok(([(header::CONTENT_TYPE, "application/openmetrics-text; version=1.0.0; charset=utf-8")], out).into_response())
}
