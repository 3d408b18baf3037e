//! Browser security headers on every response, and the headers of files users uploaded.
//!
//! The bid and custody pages hold private keys in the browser, so no script may run but the
//! site's own files: a strict Content-Security-Policy (no inline script, no inline style, no
//! framing), `nosniff`, a same-origin referrer, and HSTS when the site is served over TLS.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// The site's policy: scripts, styles, fonts and connections from the site itself only.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; \
     connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The policy of a published tender document's HTML (its own inline stylesheet is part of the
/// published, hashed file and cannot change; nothing in it may run).
pub const DOCUMENT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; sandbox";

pub async fn headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin"));
    if state.config.secure_cookies {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    resp
}

/// The types an uploaded file is served back with; anything else is `application/octet-stream`.
/// The uploader chose the stored type, so it is never trusted to be rendered (e.g. `text/html`).
const SERVED_TYPES: &[&str] = &[
    "application/pdf",
    "image/png",
    "image/jpeg",
    "application/zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/msword",
    "application/vnd.ms-excel",
    "application/ofd",
    "text/plain",
    "text/csv",
];

/// A file a user uploaded, as a download: always an attachment, with its stored type only if
/// it is one of [`SERVED_TYPES`], and its SHA-256.
pub fn uploaded_file(meta: caigou_store::files::StoredFile, bytes: axum::body::Bytes) -> Response {
    let stored = meta.content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let ty = if SERVED_TYPES.contains(&stored.as_str()) { stored } else { "application/octet-stream".to_string() };
    let disposition = format!("attachment; filename*=UTF-8''{}", crate::routes::urlencode(&meta.name));
    (
        [
            (header::CONTENT_TYPE, ty),
            (header::CONTENT_DISPOSITION, disposition),
            (HeaderName::from_static("x-content-sha256"), meta.sha256),
        ],
        bytes,
    )
        .into_response()
}
