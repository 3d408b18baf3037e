//! Health, static assets and the human-readable API documentation (rendered here from the
//! generated OpenAPI document; nothing is loaded from a CDN).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use utoipa::OpenApi;
use utoipa::openapi::RefOr;

use crate::AppState;
use crate::api::ApiDoc;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Chrome, render};

/// 200 when the database answers.
pub async fn healthz(State(state): State<AppState>) -> Response {
    match sqlx_ping(&state).await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

async fn sqlx_ping(state: &AppState) -> Result<(), caigou_store::StoreError> {
    caigou_store::users::count_users(&state.store).await.map(|_| ())
}

const HTMX: &str = include_str!("../../../static/htmx.min.js");
const CSS: &str = include_str!("../../../static/app.css");
const JS: &str = include_str!("../../../static/app.js");
const SEAL_JS: &str = include_str!("../../../static/seal.js");
const CLIENT_JS: &str = include_str!("../../../static/client.js");
const BID_PAGE_JS: &str = include_str!("../../../static/bid-page.js");
const CUSTODY_PAGE_JS: &str = include_str!("../../../static/custody-page.js");
const RECEIPT_JS: &str = include_str!("../../../static/receipt.js");
const RECEIPT_PAGE_JS: &str = include_str!("../../../static/receipt-page.js");

/// The help centre's screenshots, as `help_guides.rs` names them (`tests/browser/help-shots.mjs`
/// makes them; a test checks the two lists agree).
macro_rules! pngs {
    ($($file:literal),* $(,)?) => { [$(($file, include_bytes!(concat!("../../../static/", $file)).as_slice(), "image/png")),*] };
}
const HELP_SHOTS: [(&str, &[u8], &str); 20] = pngs![
    "help-supplier_register-2.png",
    "help-supplier_obtain-1.png",
    "help-supplier_obtain-3.png",
    "help-supplier_bid-3.png",
    "help-supplier_bid-4.png",
    "help-supplier_receipts-2.png",
    "help-supplier_opening-2.png",
    "help-supplier_opening-4.png",
    "help-purchaser_request-3.png",
    "help-purchaser_plan-3.png",
    "help-purchaser_intention-3.png",
    "help-agency_project-2.png",
    "help-agency_documents-2.png",
    "help-agency_documents-4.png",
    "help-agency_opening-4.png",
    "help-supervisor_suppliers-2.png",
    "help-supervisor_approvals-3.png",
    "help-supervisor_audit-1.png",
    "help-admin_regions-2.png",
    "help-admin_sandbox-2.png",
];

/// A static asset: its name under `/static/`, bytes, content type and ETag (of its content).
struct Asset {
    name: &'static str,
    body: &'static [u8],
    ty: &'static str,
    etag: String,
}

/// Every asset, the ETags computed once.
static ASSETS: std::sync::LazyLock<Vec<Asset>> = std::sync::LazyLock::new(|| {
    const JS_TYPE: &str = "text/javascript; charset=utf-8";
    let text = [
        ("htmx.min.js", HTMX, JS_TYPE),
        ("app.js", JS, JS_TYPE),
        ("seal.js", SEAL_JS, JS_TYPE),
        ("client.js", CLIENT_JS, JS_TYPE),
        ("bid-page.js", BID_PAGE_JS, JS_TYPE),
        ("custody-page.js", CUSTODY_PAGE_JS, JS_TYPE),
        ("receipt.js", RECEIPT_JS, JS_TYPE),
        ("receipt-page.js", RECEIPT_PAGE_JS, JS_TYPE),
        ("app.css", CSS, "text/css; charset=utf-8"),
    ];
    text.into_iter()
        .map(|(name, body, ty)| (name, body.as_bytes(), ty))
        .chain(HELP_SHOTS)
        .map(|(name, body, ty)| Asset { name, body, ty, etag: format!("\"{}\"", &caigou_seal::sha256_hex(body)[..16]) })
        .collect()
});

/// Whether a static asset of this name is served (the help guides' screenshots are checked).
#[cfg(test)]
pub fn has_asset(name: &str) -> bool {
    ASSETS.iter().any(|a| a.name == name)
}

/// Static assets are revalidated on every use (`no-cache` with an ETag of their content): a
/// fix to seal.js must reach every bidder's browser at once, and a 304 costs nothing.
pub async fn static_file(Path(file): Path<String>, headers: axum::http::HeaderMap) -> Response {
    let Some(a) = ASSETS.iter().find(|a| a.name == file) else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    if headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(a.etag.as_str()) {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, a.etag.clone())]).into_response();
    }
    ([(header::CONTENT_TYPE, a.ty.to_string()), (header::CACHE_CONTROL, "no-cache".to_string()), (header::ETAG, a.etag.clone())], a.body)
        .into_response()
}

pub struct OpView {
    pub method: &'static str,
    pub path: String,
    pub summary: String,
    pub description: String,
    pub params: String,
    pub body: String,
    pub responses: String,
}

#[derive(Template)]
#[template(path = "api_docs.html")]
struct ApiDocsPage {
    chrome: Chrome,
    ops: Vec<OpView>,
}

pub async fn api_docs(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let doc = ApiDoc::openapi();
    let mut ops = Vec::new();
    for (path, item) in &doc.paths.paths {
        for (method, op) in [("GET", &item.get), ("POST", &item.post), ("PUT", &item.put), ("DELETE", &item.delete)] {
            let Some(op) = op else { continue };
            let params = op
                .parameters
                .iter()
                .flatten()
                .filter_map(|p| match p {
                    RefOr::T(p) => Some(p.name.clone()),
                    RefOr::Ref(_) => None,
                })
                .collect::<Vec<_>>()
                .join(", ");
            let body = op.request_body.as_ref().map(|b| serde_json::to_string_pretty(b).unwrap_or_default()).unwrap_or_default();
            ops.push(OpView {
                method,
                path: path.clone(),
                summary: op.summary.clone().unwrap_or_default(),
                description: op.description.clone().unwrap_or_default(),
                params,
                body,
                responses: op.responses.responses.keys().cloned().collect::<Vec<_>>().join(", "),
            });
        }
    }
    Ok(render(&ApiDocsPage { chrome: Chrome::load(&state, &ctx).await?, ops }))
}
