//! Bad input gets a clear 4xx with a stable code and both languages; never a 500, never a
//! partial write. A seeded fuzz loop throws random bodies at every API route.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::TestApp;

async fn malformed_requests_get_stable_codes(app: TestApp) {
    let admin = app.token("admin").await;
    let send =
        |body: &'static str, ct: &'static str| app.http.post(app.url("/api/v1/auth/login")).header("content-type", ct).body(body).send();
    let r = send("{\"username\": ", "application/json").await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let b: Value = r.json().await.unwrap();
    assert_eq!(b["code"], "request.malformed_json");
    assert!(b["messages"]["zh-CN"].as_str().unwrap().contains("JSON"));
    assert!(b["messages"]["en"].as_str().is_some());

    let r = send("{\"username\": 5, \"password\": \"x\"}", "application/json").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let b: Value = r.json().await.unwrap();
    assert_eq!(b["code"], "request.invalid_fields");
    assert_eq!(b["fields"][0]["field"], "username");

    let r = send("{\"username\": \"admin\"}", "application/json").await.unwrap();
    let b: Value = r.json().await.unwrap();
    assert_eq!((b["code"].as_str(), b["fields"][0]["field"].as_str()), (Some("request.invalid_fields"), Some("password")));

    let r = send("username=admin", "text/plain").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);

    // Oversized body.
    let huge = format!("{{\"note\": \"{}\"}}", "x".repeat(11 * 1024 * 1024));
    let city = app.region_id("990100").await;
    // (A fresh client: the server answers 413 without reading the body and closes the connection.)
    let r = crate::helpers::client()
        .post(app.url(&format!("/api/v1/regions/{city}/policy-versions")))
        .bearer_auth(&admin)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "request.too_large");

    // Unknown ids and routes.
    let (status, b) = app.get("/api/v1/regions/00000000-0000-0000-0000-000000000000/policy", None).await;
    assert_eq!((status, b["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    let (status, b) = app.get("/api/v1/no-such-thing", None).await;
    assert_eq!((status, b["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    let r = app.http.get(app.url("/no-such-page")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.text().await.unwrap().contains("页面不存在"));
    let (status, b) = app.get("/api/v1/calendar/add-working-days?date=2026-01-01&n=-3", None).await;
    assert_eq!((status, b["code"].as_str()), (StatusCode::BAD_REQUEST, Some("request.invalid_query")));

    // English on request.
    let r = app.http.get(app.url("/api/v1/me")).header("accept-language", "en-US,en;q=0.9").send().await.unwrap();
    assert_eq!(r.json::<Value>().await.unwrap()["message"], "please sign in first");

    // A refused write leaves nothing behind.
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM policy_versions").fetch_one(app.store.pool()).await.unwrap();
    let audit_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log").fetch_one(app.store.pool()).await.unwrap();
    let bad = json!({"effective_from": "2027-01-01", "note": "x", "overrides": {"emall_direct_limit": -5}});
    let (status, _) = app.post(&format!("/api/v1/regions/{city}/policy-versions"), Some(&admin), &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM policy_versions").fetch_one(app.store.pool()).await.unwrap();
    let audit_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!((before, audit_before), (after, audit_after));
}
both!(malformed, malformed_requests_get_stable_codes);

fn random_json(rng: &mut StdRng, depth: u32) -> Value {
    match rng.random_range(0..if depth > 2 { 5 } else { 7 }) {
        0 => Value::Null,
        1 => json!(rng.random::<bool>()),
        2 => json!(rng.random::<i64>()),
        3 => json!(rng.random::<f64>() * 1e12),
        4 => {
            let pool = [
                "",
                "2026-02-30",
                "A02010105",
                "caigou-demo",
                "admin",
                "'; DROP TABLE users; --",
                "\u{0}",
                "𝕏",
                "9999999999999999999999",
                "-1",
                "采购",
            ];
            json!(pool[rng.random_range(0..pool.len())].repeat(rng.random_range(1..4)))
        }
        5 => Value::Array((0..rng.random_range(0..4)).map(|_| random_json(rng, depth + 1)).collect()),
        _ => {
            let keys = [
                "username",
                "password",
                "effective_from",
                "note",
                "overrides",
                "name",
                "days",
                "year",
                "papers",
                "days",
                "date",
                "isOffDay",
                "goods",
                "emall_direct_limit",
                "decentralized_limit",
                "current_password",
                "new_password",
            ];
            let mut m = serde_json::Map::new();
            for _ in 0..rng.random_range(0..6) {
                m.insert(keys[rng.random_range(0..keys.len())].to_string(), random_json(rng, depth + 1));
            }
            Value::Object(m)
        }
    }
}

async fn random_bodies_never_cause_a_server_error(app: TestApp) {
    let admin = app.token("admin").await;
    let city = app.region_id("990100").await;
    let mut rng = StdRng::seed_from_u64(20261123);
    let specs: Vec<_> = caigou_web::routes::table().specs().iter().filter(|s| s.path.starts_with("/api/v1/")).cloned().collect();
    let mut failures = Vec::new();
    for spec in &specs {
        for i in 0..25 {
            let path = spec.path.replace("{id}", if i % 2 == 0 { &city } else { "not-an-id" }).replace("{code}", "A02010105");
            let query = if i % 3 == 0 {
                format!(
                    "?date={}&n={}&q={}&limit={}",
                    ["2026-10-01", "x", "2027-01-01"][i % 3],
                    rng.random::<i32>(),
                    "%27",
                    rng.random::<i64>()
                )
            } else {
                String::new()
            };
            let url = app.url(&format!("{path}{query}"));
            let req = if spec.method == "GET" {
                app.http.get(url)
            } else if i % 5 == 4 {
                let bytes: Vec<u8> = (0..rng.random_range(0..300)).map(|_| rng.random()).collect();
                app.http.post(url).header("content-type", "application/json").body(bytes)
            } else {
                app.http.post(url).json(&random_json(&mut rng, 0))
            };
            // Never log the admin out mid-run (signing out revokes the token it is made with).
            if spec.path == "/api/v1/me/password" || spec.path == "/api/v1/auth/logout" {
                continue;
            }
            let status = req.bearer_auth(&admin).send().await.expect("request").status();
            if status.is_server_error() {
                failures.push(format!("{} {path}{query}: {status}", spec.method));
            }
        }
    }
    assert!(failures.is_empty(), "server errors:\n{}", failures.join("\n"));
    let (_, v) = app.get("/api/v1/audit/verify", Some(&admin)).await;
    assert_eq!(v["intact"], true, "the audit chain survives the fuzzing");
}
both!(fuzz, random_bodies_never_cause_a_server_error);

/// A write that waits too long for another writer's lock is answered 503 `db.busy` with
/// `Retry-After`, writes nothing, and succeeds when retried — never a 500.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_database_is_a_retryable_503() {
    use sqlx::Connection;
    let (store, mut config, data) = crate::helpers::fresh_store(crate::helpers::Backend::Sqlite).await;
    caigou::demo::seed(&store).await.unwrap();
    store.close().await;
    config.busy_timeout_ms = 300;
    let store = caigou_store::Store::open(&config).await.unwrap();
    store.clock().travel_to(crate::helpers::TEST_TODAY);
    let (base, _stop) = crate::helpers::start_server(store.clone(), caigou_web::WebConfig::default()).await;
    let http = crate::helpers::client();
    // Another process holds the write lock.
    let mut other = sqlx::SqliteConnection::connect(&format!("sqlite://{}", data.path().join("caigou.db").display())).await.unwrap();
    sqlx::query("BEGIN IMMEDIATE").execute(&mut other).await.unwrap();
    let login = || {
        http.post(format!("{base}/api/v1/auth/login"))
            .json(&json!({"username": "supplier1", "password": caigou::demo::DEMO_PASSWORD}))
            .send()
    };
    let r = login().await.unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.headers()["retry-after"], "2");
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["code"], "db.busy", "{e}");
    sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
    assert_eq!(login().await.unwrap().status(), StatusCode::OK, "the retry succeeds");
}
