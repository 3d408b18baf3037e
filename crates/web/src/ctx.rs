//! Who is asking, in which language, with which CSRF token: resolved once per request by
//! [`resolve`] and handed to handlers as [`Ctx`].

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use caigou_domain::Lang;
use caigou_domain::authz::Principal;
use caigou_store::users::{self, Identity};

use crate::AppState;
use crate::error::{AppError, RenderedError};

pub const SESSION_COOKIE: &str = "caigou_session";
pub const CSRF_COOKIE: &str = "caigou_csrf";
pub const LANG_COOKIE: &str = "caigou_lang";

/// The name a credential cookie goes by. With secure cookies on it carries the `__Host-` prefix,
/// which browsers accept only from a secure origin, with `Path=/` and no `Domain`: a sibling
/// subdomain or a plain-HTTP page cannot plant or overwrite it.
pub fn cookie_name(base: &'static str, secure: bool) -> &'static str {
    match (base, secure) {
        (SESSION_COOKIE, true) => "__Host-caigou_session",
        (CSRF_COOKIE, true) => "__Host-caigou_csrf",
        _ => base,
    }
}

/// The CSRF token of a signed-in session: derived from the session secret (which only the
/// browser holds, in an HttpOnly cookie), so a token planted in the browser by anyone else fails,
/// and a new session after login has a new token. Domain-separated from the hash the database
/// keeps, so the stored hashes do not reveal tokens.
pub fn session_csrf(session_secret: &str) -> String {
    caigou_store::secret_hash(&format!("caigou-csrf\u{0}{session_secret}"))
}

/// The request's context.
#[derive(Clone)]
pub struct Ctx {
    pub principal: Principal,
    pub identity: Option<Arc<Identity>>,
    pub lang: Lang,
    /// The token forms must echo (double-submit: it equals the CSRF cookie).
    pub csrf: String,
    /// The session secret, when signed in by cookie.
    pub session: Option<String>,
    /// The API token, when signed in by `Authorization: Bearer`.
    pub token: Option<String>,
    pub address: String,
    pub path: String,
    /// The request came from htmx (answer with a fragment).
    pub htmx: bool,
}

impl Ctx {
    /// The signed-in subject. Routes that reach a use case are guarded by an access rule that
    /// requires one, so its absence is a fault, not the user's.
    pub fn subject(&self) -> Result<&caigou_domain::authz::Subject, AppError> {
        self.principal.subject().ok_or_else(AppError::internal)
    }

    /// The credential this request came with (what a sign-out ends and a password change keeps).
    pub fn presented(&self) -> users::Presented<'_> {
        users::Presented { session: self.session.as_deref(), token: self.token.as_deref() }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Ctx>().cloned().ok_or_else(AppError::internal)
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ").map(str::trim)
}

fn client_address(req: &Request, trusted: &[ipnet::IpNet]) -> String {
    let Some(peer) = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()) else { return "unknown".into() };
    let forwarded: Vec<&str> = req.headers().get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
    forwarded_client(peer, &forwarded.join(","), trusted).to_string()
}

/// The client behind a chain of proxies. Each proxy appends the address it received the request
/// from, so only the entries appended by proxies we trust are true: walking from the right,
/// the first hop that is not a trusted proxy is the client. Everything left of it was written by
/// the client itself (a forged `X-Forwarded-For: 1.2.3.4` stays to the left and is ignored). A
/// peer that is not a trusted proxy is the client, whatever it sends.
fn forwarded_client(peer: std::net::IpAddr, x_forwarded_for: &str, trusted: &[ipnet::IpNet]) -> std::net::IpAddr {
    let is_trusted = |ip: &std::net::IpAddr| trusted.iter().any(|n| n.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut client = peer;
    for hop in x_forwarded_for.rsplit(',').map(str::trim).filter(|h| !h.is_empty()) {
        match hop.parse::<std::net::IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !is_trusted(&ip) {
                    break;
                }
            }
            // Garbage in the chain: the last proxy we trust is all we know.
            Err(_) => break,
        }
    }
    client
}

/// JSON API routes (the human-readable `/api/docs` page is not one).
pub fn is_api(path: &str) -> bool {
    path.starts_with("/api/v1/") || path == "/api/v1"
}

fn unsafe_method(m: &Method) -> bool {
    !matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Resolves the principal (Bearer token or session cookie), the language and the CSRF token,
/// and enforces CSRF on every state-changing request made with a cookie.
pub async fn resolve(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let api = is_api(req.uri().path());
    match resolve_inner(state, req, next).await {
        Ok(r) => r,
        Err(e) if api => e.json_response(e.lang),
        Err(e) => crate::pages::error_response(&e, e.lang),
    }
}

async fn resolve_inner(state: AppState, mut req: Request, next: Next) -> Result<Response, AppError> {
    let jar = CookieJar::from_headers(req.headers());
    let path = req.uri().path().to_string();
    let api = is_api(&path);
    let lang = match jar.get(LANG_COOKIE) {
        Some(c) => Lang::from_tag(c.value()),
        None if api => {
            req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map(Lang::from_accept_language).unwrap_or_default()
        }
        None => Lang::Zh,
    };
    let address = client_address(&req, &state.config.trusted_proxies);
    let store = &state.store;

    let mut clear_session = false;
    let mut session = None;
    let token = bearer(req.headers()).map(str::to_string);
    let user = if let Some(token) = &token {
        match users::token_user(store, token).await.map_err(|e| AppError::from(e).in_lang(lang))? {
            Some(u) => Some(u),
            None => {
                return Err(AppError::new(StatusCode::UNAUTHORIZED, "auth.bad_token").in_lang(lang));
            }
        }
    } else if let Some(c) = jar.get(cookie_name(SESSION_COOKIE, state.config.secure_cookies)) {
        match users::session_user(store, c.value(), state.config.session).await.map_err(|e| AppError::from(e).in_lang(lang))? {
            Some(u) => {
                session = Some(c.value().to_string());
                Some(u)
            }
            None => {
                clear_session = true;
                None
            }
        }
    } else {
        None
    };
    let identity = match user {
        Some(u) => users::identity(store, u).await.map_err(|e| AppError::from(e).in_lang(lang))?.map(Arc::new),
        None => None,
    };
    let principal = match &identity {
        Some(i) => Principal::User(i.subject.clone()),
        None => Principal::Anonymous,
    };

    let secure = state.config.secure_cookies;
    // Before sign-in (the login and registration forms) the token is a random value kept in its
    // own cookie (double submit, against login CSRF); once signed in it is derived from the
    // session, so it changes at every login and cannot be planted.
    let csrf_cookie = cookie_name(CSRF_COOKIE, secure);
    let (pre_session, new_csrf) = match jar.get(csrf_cookie) {
        Some(c) if c.value().len() == 64 => (c.value().to_string(), false),
        _ => (caigou_store::random_secret(), true),
    };
    let (csrf, missing) = match &session {
        Some(secret) => (session_csrf(secret), false),
        None => (pre_session.clone(), new_csrf),
    };

    // CSRF: a state-changing request authenticated by cookie must echo the token. Bearer-token
    // clients are not browsers and carry no ambient credentials. Page forms without a session
    // (the login form) are checked too, against login CSRF.
    if unsafe_method(req.method()) && token.is_none() && (session.is_some() || !api) {
        let (checked_req, ok) = csrf_matches(req, &csrf, missing, state.config.max_body).await;
        req = checked_req;
        if !ok {
            return Err(AppError::new(StatusCode::FORBIDDEN, "csrf.invalid").in_lang(lang));
        }
    }

    let htmx = req.headers().contains_key("hx-request");
    let signed_out = session.is_none();
    // The route guard counts rate limits in the shared database.
    req.extensions_mut().insert(state.clone());
    req.extensions_mut().insert(Ctx { principal, identity, lang, csrf: csrf.clone(), session, token, address, path, htmx });
    let mut resp = next.run(req).await;
    if let Some(RenderedError(err)) = resp.extensions().get::<RenderedError>().cloned() {
        resp = if api { err.json_response(lang) } else { err.with_headers(crate::pages::error_response(&err, lang)) };
    }
    if new_csrf && signed_out {
        append_cookie(
            &mut resp,
            Cookie::build((csrf_cookie, pre_session)).path("/").http_only(true).secure(secure).same_site(SameSite::Lax).build(),
        );
    }
    if clear_session {
        append_cookie(&mut resp, removal(SESSION_COOKIE, secure));
    }
    Ok(resp)
}

async fn csrf_matches(req: Request, expected: &str, cookie_was_missing: bool, limit: usize) -> (Request, bool) {
    if cookie_was_missing {
        return (req, false);
    }
    if let Some(h) = req.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()) {
        let ok = h == expected;
        return (req, ok);
    }
    if let Some(q) = req.uri().query()
        && let Ok(pairs) = serde_urlencoded::from_str::<Vec<(String, String)>>(q)
        && pairs.iter().any(|(k, v)| k == "csrf" && v == expected)
    {
        return (req, true);
    }
    let is_form = crate::input::is_urlencoded(req.headers());
    if !is_form {
        return (req, false);
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        return (Request::from_parts(parts, Body::empty()), false);
    };
    let ok = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
        .map(|pairs| pairs.iter().any(|(k, v)| k == "csrf" && v == expected))
        .unwrap_or(false);
    (Request::from_parts(parts, Body::from(bytes)), ok)
}

pub fn append_cookie(resp: &mut Response, cookie: Cookie<'static>) {
    if let Ok(v) = HeaderValue::from_str(&cookie.to_string()) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
}

pub fn removal(name: &'static str, secure: bool) -> Cookie<'static> {
    let mut c = Cookie::build((cookie_name(name, secure), "")).path("/").http_only(true).secure(secure).same_site(SameSite::Lax).build();
    c.make_removal();
    c
}

/// Sets the session cookie on a login's response and drops the pre-login CSRF cookie, so the
/// token a visitor had before signing in is not used again (the session's own token replaces it).
pub fn start_session(resp: &mut Response, secret: String, secure: bool) {
    append_cookie(resp, session_cookie(secret, secure));
    append_cookie(resp, removal(CSRF_COOKIE, secure));
}

fn session_cookie(secret: String, secure: bool) -> Cookie<'static> {
    Cookie::build((cookie_name(SESSION_COOKIE, secure), secret)).path("/").http_only(true).secure(secure).same_site(SameSite::Lax).build()
}

#[cfg(test)]
mod tests {
    use super::forwarded_client;

    #[test]
    fn the_client_is_the_rightmost_hop_not_a_trusted_proxy() {
        let proxies: Vec<ipnet::IpNet> = vec!["10.0.0.0/8".parse().unwrap(), "127.0.0.1/32".parse().unwrap()];
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        // nginx at 127.0.0.1 appended the real client; the client forged the leftmost entry.
        assert_eq!(forwarded_client(ip("127.0.0.1"), "6.6.6.6, 203.0.113.9", &proxies), ip("203.0.113.9"));
        // Two trusted proxies in a row.
        assert_eq!(forwarded_client(ip("10.1.1.1"), "6.6.6.6, 203.0.113.9, 10.2.2.2", &proxies), ip("203.0.113.9"));
        // A direct client's own header is ignored.
        assert_eq!(forwarded_client(ip("198.51.100.7"), "1.2.3.4", &proxies), ip("198.51.100.7"));
        assert_eq!(forwarded_client(ip("198.51.100.7"), "1.2.3.4", &[]), ip("198.51.100.7"));
        // No header, or garbage: the last trusted hop.
        assert_eq!(forwarded_client(ip("127.0.0.1"), "", &proxies), ip("127.0.0.1"));
        assert_eq!(forwarded_client(ip("127.0.0.1"), "nonsense, 10.3.3.3", &proxies), ip("10.3.3.3"));
    }
}
