//! Abuse limits: lengths of every free-text field and list, rate limits on cheap anonymous
//! writes, and timeouts on slow connections.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::TestApp;

fn assert_over(status: StatusCode, e: &Value, code: &str, field: &str) {
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(code)), "{e}");
    assert_eq!(e["fields"][0]["field"], field, "{e}");
    let zh = e["messages"]["zh-CN"].as_str().unwrap();
    assert!(zh.contains(field) && (zh.contains("过长") || zh.contains("过多")), "{zh}");
}

/// Every case found by probing: a 1 MB project name, a 9 MB anonymous objection, a 1 MB
/// question, a 100,000-character username and a plan with 140,000 items.
async fn oversized_fields_and_lists_are_refused_naming_the_field(app: TestApp) {
    let purchaser = app.token("purchaser").await;
    let mb = "名".repeat(350_000);
    let (status, e) = app
        .post(
            "/api/v1/intentions",
            Some(&purchaser),
            &json!({"project_name": mb, "summary": "s", "budget": 100, "expected_month": "2027-01"}),
        )
        .await;
    assert_over(status, &e, "request.too_long", "project_name");
    // At the limit the same request goes through to the rules (the name itself is fine).
    let (status, e) = app
        .post(
            "/api/v1/intentions",
            Some(&purchaser),
            &json!({"project_name": "名".repeat(caigou_domain::limits::NAME_CHARS), "summary": "s", "budget": 100, "expected_month": "2026-12"}),
        )
        .await;
    assert_ne!(e["code"], "request.too_long", "{status} {e}");

    let plan = "0190f000-0000-7000-8000-000000000001";
    let (status, e) =
        app.post(&format!("/api/v1/plans/{plan}/objections"), None, &json!({"from_name": "某公司", "text": "异".repeat(3_000_000)})).await;
    assert_over(status, &e, "request.too_long", "text");

    let supplier = app.token("supplier1").await;
    let project: String = sqlx::query_scalar("SELECT id FROM projects LIMIT 1").fetch_one(app.store.pool()).await.unwrap();
    let (status, e) =
        app.post(&format!("/api/v1/projects/{project}/questions"), Some(&supplier), &json!({"text": "问".repeat(350_000)})).await;
    assert_over(status, &e, "request.too_long", "text");

    let (status, e) = app.post("/api/v1/auth/login", None, &json!({"username": "u".repeat(100_000), "password": "x"})).await;
    assert_over(status, &e, "request.too_long", "username");

    let item = json!({"code": "A02010105", "quantity": 1, "amount": 100});
    let items = vec![item; 140_000];
    let (status, e) = app
        .post(
            "/api/v1/plans",
            Some(&purchaser),
            &json!({"name": "大计划", "budget_line_id": "x", "method": "open_tender", "procurement_start": "2026-12-01", "items": items}),
        )
        .await;
    assert_over(status, &e, "request.too_many", "items");
    let plans: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM plans WHERE name = '大计划'").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(plans, 0, "nothing written");

    // Page forms are held to the same limits, answered in the page's language.
    let client = crate::helpers::cookie_client();
    let login = client.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
    let csrf = login.split("name=\"csrf\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap().to_string();
    let long = "u".repeat(100_000);
    let r = client
        .post(app.url("/login"))
        .form(&[("username", long.as_str()), ("password", "x"), ("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("username") && html.contains("过长"), "{}", &html[..html.len().min(2000)]);
}
both!(lengths, oversized_fields_and_lists_are_refused_naming_the_field);

/// Anonymous writes are limited per address, with 429 and Retry-After; other kinds of request
/// from the same address are not affected.
async fn anonymous_writes_are_rate_limited_per_address(app: TestApp) {
    let plan = "0190f000-0000-7000-8000-000000000001";
    let body = json!({"from_name": "某公司", "text": "异议内容"});
    for i in 0..caigou_web::routes::OBJECTIONS.max {
        let (status, e) = app.post(&format!("/api/v1/plans/{plan}/objections"), None, &body).await;
        assert_ne!(status, StatusCode::TOO_MANY_REQUESTS, "request {i}: {e}");
    }
    let r = app.http.post(app.url(&format!("/api/v1/plans/{plan}/objections"))).json(&body).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=3600).contains(&retry), "{retry}");
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["code"], "rate.limited");
    assert!(e["messages"]["zh-CN"].as_str().unwrap().contains("过于频繁"));
    // The page form shares the count (one bucket per kind of request).
    let client = crate::helpers::cookie_client();
    let page = client.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
    let csrf = page.split("name=\"csrf\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap().to_string();
    let r = client
        .post(app.url(&format!("/plans/{plan}/objections")))
        .form(&[("from_name", "某公司"), ("text", "异议内容"), ("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    // Signing in from the same address is another bucket.
    app.token("purchaser").await;
}
both!(rate_limits, anonymous_writes_are_rate_limited_per_address);

/// A connection that sends half a request, or idles after one, is closed after the header-read
/// timeout instead of being held open.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_and_idle_connections_are_closed() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let web = caigou_web::WebConfig { header_read_timeout: std::time::Duration::from_secs(1), ..Default::default() };
    let app = crate::helpers::spawn_app_with(crate::helpers::Backend::Sqlite, web).await;
    let addr = app.base.trim_start_matches("http://").to_string();

    let mut half = tokio::net::TcpStream::connect(&addr).await.unwrap();
    half.write_all(b"GET / HTTP/1.1\r\nHost: caigou\r\nX-Slow: ").await.unwrap();
    let started = std::time::Instant::now();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(std::time::Duration::from_secs(10), half.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "the half-sent request is still open after 10 s");
    assert!(started.elapsed() < std::time::Duration::from_secs(8));

    let mut idle = tokio::net::TcpStream::connect(&addr).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: caigou\r\n\r\n").await.unwrap();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(std::time::Duration::from_secs(10), idle.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "an idle keep-alive connection is still open after 10 s");
    assert!(String::from_utf8_lossy(&buf).starts_with("HTTP/1.1 200"), "the request itself was answered");
}
