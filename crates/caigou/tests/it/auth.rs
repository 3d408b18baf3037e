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

    let html = http.get(app.url("/workbench")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("工作台") && html.contains("示范市第一中学"), "the purchaser's workbench in Chinese");
    let (status, _) = {
        let r = http.get(app.url("/api/v1/me")).send().await.unwrap();
        (r.status(), ())
    };
    assert_eq!(status, StatusCode::OK, "the cookie session works for the API too");

    // Cookie-authenticated API writes need the CSRF header.
    let r = http.post(app.url("/api/v1/auth/logout")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = http.post(app.url("/api/v1/auth/logout")).header("x-csrf-token", &csrf).send().await.unwrap();
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
