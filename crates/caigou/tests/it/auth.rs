//! Sign-in, sessions, CSRF, throttling, password change and API tokens.

use std::sync::Arc;
use std::time::Duration;

use caigou_web::WebConfig;
use reqwest::StatusCode;
use reqwest::cookie::{CookieStore, Jar};
use serde_json::json;

use crate::helpers::{Backend, TestApp, spawn_app_with};

async fn api_login_me_and_bad_credentials(app: TestApp) {
    let token = app.token("supervisor").await;
    let (status, me) = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["username"], "supervisor");
    assert_eq!(me["roles"], json!(["supervisor"]));
    assert_eq!(me["organization"]["kind"], "finance_department");
    assert_eq!(me["organization"]["name"], "示范市财政局");

    let (status, body) = app.post("/api/v1/auth/login", None, &json!({"username": "supervisor", "password": "wrong-password"})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "auth.bad_credentials");
    assert_eq!(body["messages"]["zh-CN"], "用户名或密码错误");
    let (status, body) = app.post("/api/v1/auth/login", None, &json!({"username": "nobody", "password": "caigou-demo"})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "auth.bad_credentials");

    let (status, body) = app.get("/api/v1/me", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "auth.required");
    let (status, body) = app.get("/api/v1/me", Some("cg_not_a_token")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "auth.bad_token");
}
both!(api_login, api_login_me_and_bad_credentials);

async fn failed_logins_are_throttled_per_account(app: TestApp) {
    for _ in 0..5 {
        let (status, _) = app.post("/api/v1/auth/login", None, &json!({"username": "supplier3", "password": "guess"})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    // The sixth attempt is refused even with the right password…
    let (status, body) = app.post("/api/v1/auth/login", None, &json!({"username": "supplier3", "password": "caigou-demo"})).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["code"], "auth.throttled");
    // …while other accounts are unaffected.
    app.token("supplier4").await;
}
both!(throttle, failed_logins_are_throttled_per_account);

/// A rival's wrong passwords lock out only the address they came from: the supplier still signs
/// in from its own, and a forged X-Forwarded-For neither escapes the throttle nor changes the
/// address the platform records (behind a trusted proxy, the rightmost untrusted hop counts).
async fn lockout_is_per_address_and_forwarded_addresses_cannot_be_forged(backend: Backend) {
    let web = caigou_web::WebConfig { trusted_proxies: vec!["127.0.0.1/32".parse().unwrap()], ..Default::default() };
    let app = spawn_app_with(backend, web).await;
    // The proxy (this test, on 127.0.0.1) appends the address it saw; the client wrote the rest.
    let login = |via: &'static str, password: &'static str| {
        let app = &app;
        async move {
            let r = app
                .http
                .post(app.url("/api/v1/auth/login"))
                .header("x-forwarded-for", via)
                .json(&json!({"username": "supplier5", "password": password}))
                .send()
                .await
                .unwrap();
            r.status()
        }
    };
    for i in 0..5 {
        // The rival forges a different leftmost address on each try: still one address.
        let forged: &'static str = [
            "1.1.1.1, 198.51.100.66",
            "2.2.2.2, 198.51.100.66",
            "3.3.3.3, 198.51.100.66",
            "4.4.4.4, 198.51.100.66",
            "5.5.5.5, 198.51.100.66",
        ][i];
        assert_eq!(login(forged, "guess").await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(login("9.9.9.9, 198.51.100.66", "caigou-demo").await, StatusCode::TOO_MANY_REQUESTS, "the rival's address is locked");
    assert_eq!(login("203.0.113.5", "caigou-demo").await, StatusCode::OK, "the supplier signs in from its own address");
    let admin = app.token("admin").await;
    let (_, entries) = app.get("/api/v1/audit?action=auth.login&limit=5", Some(&admin)).await;
    assert!(entries.to_string().contains("203.0.113.5"), "the recorded address is the client's: {entries}");
    // Without a trusted proxy configured, the header is the client's own words and ignored.
    let plain = crate::helpers::spawn_app(backend).await;
    let r = plain
        .http
        .post(plain.url("/api/v1/auth/login"))
        .header("x-forwarded-for", "203.0.113.77")
        .json(&json!({"username": "supplier6", "password": "caigou-demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let admin = plain.token("admin").await;
    let (_, entries) = plain.get("/api/v1/audit?action=auth.login&limit=5", Some(&admin)).await;
    assert!(!entries.to_string().contains("203.0.113.77") && entries.to_string().contains("127.0.0.1"), "{entries}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lockout_per_address_sqlite() {
    lockout_is_per_address_and_forwarded_addresses_cannot_be_forged(Backend::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lockout_per_address_postgres() {
    lockout_is_per_address_and_forwarded_addresses_cannot_be_forged(Backend::Postgres).await
}

async fn failed_logins_are_throttled_per_address(app: TestApp) {
    // 30 failures spread over many accounts from one address…
    for i in 0..30 {
        let (status, _) =
            app.post("/api/v1/auth/login", None, &json!({"username": format!("expert{}", i % 6 + 10), "password": "guess"})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    // …and that address is refused even for an untouched account.
    let (status, body) = app.post("/api/v1/auth/login", None, &json!({"username": "agency", "password": "caigou-demo"})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("auth.throttled")));
}
both!(throttle_address, failed_logins_are_throttled_per_address);

fn cookie(jar: &Jar, url: &str, name: &str) -> Option<String> {
    let header = jar.cookies(&url.parse().unwrap())?;
    header.to_str().ok()?.split("; ").find_map(|kv| kv.strip_prefix(&format!("{name}=")).map(str::to_string))
}

async fn page_login_needs_csrf_and_starts_a_session(app: TestApp) {
    let jar = Arc::new(Jar::default());
    let http = reqwest::Client::builder().cookie_provider(jar.clone()).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let r = http.get(app.url("/login")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let csrf = cookie(&jar, &app.base, "caigou_csrf").expect("csrf cookie set by the login page");

    let r = http.post(app.url("/login")).form(&[("username", "purchaser"), ("password", "caigou-demo")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "a form without the CSRF token is refused");
    assert!(r.text().await.unwrap().contains("表单已过期"));
    let r = http
        .post(app.url("/login"))
        .form(&[("username", "purchaser"), ("password", "caigou-demo"), ("csrf", "0".repeat(64).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "a wrong CSRF token is refused");

    let r = http
        .post(app.url("/login"))
        .form(&[("username", "purchaser"), ("password", "caigou-demo"), ("csrf", csrf.as_str()), ("next", "/workbench")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/workbench");
    let set_cookie: Vec<_> = r.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect();
    let session = set_cookie.iter().find(|c| c.starts_with("caigou_session=")).expect("session cookie");
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax"), "{session}");
    assert!(
        set_cookie.iter().any(|c| c.starts_with("caigou_csrf=;") || c.starts_with("caigou_csrf=\"\";")),
        "login drops the pre-login CSRF cookie: {set_cookie:?}"
    );

    let html = http.get(app.url("/workbench")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("工作台") && html.contains("示范市第一中学"), "the purchaser's workbench in Chinese");
    let (status, _) = {
        let r = http.get(app.url("/api/v1/me")).send().await.unwrap();
        (r.status(), ())
    };
    assert_eq!(status, StatusCode::OK, "the cookie session works for the API too");

    // Cookie-authenticated API writes need the CSRF header, and the token is the session's own:
    // the one from before login is spent (rotated at login), and a value an attacker plants in
    // both the cookie and the field no longer passes (it is not derived from the session).
    let r = http.post(app.url("/api/v1/auth/logout")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = http.post(app.url("/api/v1/auth/logout")).header("x-csrf-token", &csrf).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "the pre-login token is not accepted after login");
    let planted = "ab".repeat(32);
    jar.add_cookie_str(&format!("caigou_csrf={planted}; Path=/"), &app.base.parse().unwrap());
    let r = http.post(app.url("/api/v1/auth/logout")).header("x-csrf-token", &planted).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "a token planted in cookie and header is not the session's");
    let session_token = html.split("name=\"csrf-token\" content=\"").nth(1).and_then(|s| s.split('"').next()).unwrap().to_string();
    assert_ne!(session_token, csrf, "a new token after login");
    let r = http.post(app.url("/api/v1/auth/logout")).header("x-csrf-token", &session_token).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = http.get(app.url("/workbench")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "signed out: back to the login page");
    assert!(r.headers()["location"].to_str().unwrap().starts_with("/login?next="));
}
both!(page_login, page_login_needs_csrf_and_starts_a_session);

async fn idle_sessions_expire(backend: Backend) {
    let mut web = WebConfig::default();
    web.session.idle_ms = 1_000;
    let app = spawn_app_with(backend, web).await;
    let http = crate::helpers::cookie_client();
    let r = http.post(app.url("/api/v1/auth/login")).json(&json!({"username": "expert1", "password": "caigou-demo"})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(http.get(app.url("/api/v1/me")).send().await.unwrap().status(), StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(1_600)).await;
    let r = http.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "an idle session has expired");
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["code"], "auth.required");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_sessions_expire_sqlite() {
    idle_sessions_expire(Backend::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_sessions_expire_postgres() {
    idle_sessions_expire(Backend::Postgres).await
}

async fn password_change_and_api_tokens(app: TestApp) {
    let token = app.token("expert2").await;
    let (status, body) =
        app.post("/api/v1/me/password", Some(&token), &json!({"current_password": "nope", "new_password": "a-long-new-password"})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("auth.wrong_password")));
    let (status, body) =
        app.post("/api/v1/me/password", Some(&token), &json!({"current_password": "caigou-demo", "new_password": "short"})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("auth.weak_password")));
    let (status, _) = app
        .post("/api/v1/me/password", Some(&token), &json!({"current_password": "caigou-demo", "new_password": "a-long-new-password"}))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app.post("/api/v1/auth/login", None, &json!({"username": "expert2", "password": "caigou-demo"})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the old password no longer works");
    let (status, _) = app.post("/api/v1/auth/login", None, &json!({"username": "expert2", "password": "a-long-new-password"})).await;
    assert_eq!(status, StatusCode::OK);

    let (status, body) = app.post("/api/v1/tokens", Some(&token), &json!({"name": "erp-sync", "days": 30})).await;
    assert_eq!(status, StatusCode::CREATED);
    let machine = body["token"].as_str().unwrap().to_string();
    assert!(machine.starts_with("cg_"));
    let (status, me) = app.get("/api/v1/me", Some(&machine)).await;
    assert_eq!((status, me["username"].as_str()), (StatusCode::OK, Some("expert2")));
    let (status, body) = app.post("/api/v1/tokens", Some(&token), &json!({"name": "x", "days": 0})).await;
    assert_eq!((status, body["fields"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("days")));
}
both!(password_and_tokens, password_change_and_api_tokens);

/// A token ends when its holder signs out with it, when its owner revokes it, and — every token
/// but the one in use — when the password changes; the owner lists them (never the secrets).
async fn tokens_end_at_logout_revocation_and_password_change(app: TestApp) {
    let me = |t: String| {
        let app = &app;
        async move { app.get("/api/v1/me", Some(&t)).await.0 }
    };
    // Logout revokes the presenting bearer token (it used to live on for 12 hours).
    let first = app.token("expert3").await;
    let (status, _) = app.post("/api/v1/auth/logout", Some(&first), &json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(me(first.clone()).await, StatusCode::UNAUTHORIZED, "a logged-out token is dead");

    // The owner lists and revokes tokens; another user cannot revoke them.
    let session = app.token("expert3").await;
    let (_, body) = app.post("/api/v1/tokens", Some(&session), &json!({"name": "erp-sync", "days": 365})).await;
    let machine = body["token"].as_str().unwrap().to_string();
    let (status, list) = app.get("/api/v1/tokens", Some(&session)).await;
    assert_eq!(status, StatusCode::OK);
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["erp-sync", "login"], "{list}");
    assert!(!list.to_string().contains(&machine[3..]), "no secret in the list");
    let id = list[0]["id"].as_str().unwrap().to_string();
    let other = app.token("expert4").await;
    let (status, _) = app.post(&format!("/api/v1/tokens/{id}/revoke"), Some(&other), &json!({})).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "only one's own tokens");
    assert_eq!(me(machine.clone()).await, StatusCode::OK);
    let (status, _) = app.post(&format!("/api/v1/tokens/{id}/revoke"), Some(&session), &json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(me(machine.clone()).await, StatusCode::UNAUTHORIZED, "revoked at once");

    // A password change ends every other token and session, the 365-day one included.
    let (_, body) = app.post("/api/v1/tokens", Some(&session), &json!({"name": "long", "days": 365})).await;
    let long = body["token"].as_str().unwrap().to_string();
    let second = app.token("expert3").await;
    let (status, _) = app
        .post("/api/v1/me/password", Some(&session), &json!({"current_password": "caigou-demo", "new_password": "a-long-new-password"}))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(me(long).await, StatusCode::UNAUTHORIZED, "the long-lived token ended");
    assert_eq!(me(second).await, StatusCode::UNAUTHORIZED, "another sign-in ended");
    assert_eq!(me(session.clone()).await, StatusCode::OK, "the token that made the change is kept");
    let (_, list) = app.get("/api/v1/tokens", Some(&session)).await;
    assert_eq!(list.as_array().unwrap().len(), 1);

    // The account page lists the token with a revoke button.
    let html = app.http.get(app.url("/account")).bearer_auth(&session).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"tokens\"") && html.contains("/revoke"), "{html}");
}
both!(token_revocation, tokens_end_at_logout_revocation_and_password_change);
