//! For operators: health, metrics, the OpenAPI document, backup and restore, graceful shutdown.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{Backend, TestApp, spawn_app};

async fn health_metrics_and_openapi(app: TestApp) {
    assert_eq!(app.http.get(app.url("/healthz")).send().await.unwrap().status(), StatusCode::OK);
    let admin = app.token("admin").await;
    app.get("/api/v1/me", Some(&admin)).await;
    let r = app.http.get(app.url("/metrics")).bearer_auth(&admin).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let text = r.text().await.unwrap();
    assert!(text.contains("caigou_http_requests_total{method=\"GET\",route=\"/api/v1/me\",status=\"200\"}"), "{text}");
    assert!(text.contains("caigou_http_request_duration_seconds_bucket"));
    assert!(text.contains("caigou_db_pool_connections"));
    assert!(text.contains("caigou_jobs_email_pending"));

    // The OpenAPI document describes exactly the API routes of the route table.
    let (status, doc) = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in ["get", "post", "put", "delete", "patch"] {
            if item.get(method).is_some() {
                documented.insert(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    let routed: BTreeSet<String> = caigou_web::routes::table_for(true)
        .specs()
        .iter()
        .filter(|s| s.path.starts_with("/api/v1/"))
        .map(|s| format!("{} {}", s.method, s.path))
        .collect();
    assert_eq!(documented, routed, "OpenAPI and the route table disagree");
    let html = app.http.get(app.url("/api/docs")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("/api/v1/auth/login") && !html.contains("cdn"), "local API docs page");
    let js = app.http.get(app.url("/static/htmx.min.js")).send().await.unwrap().text().await.unwrap();
    assert!(js.starts_with("var htmx="), "htmx is served from the binary");
    // seal.js is revalidated on every use: a fix reaches bidders at once, unchanged costs a 304.
    let r = app.http.get(app.url("/static/seal.js")).send().await.unwrap();
    assert_eq!(r.headers()["cache-control"], "no-cache");
    let etag = r.headers()["etag"].clone();
    let again = app.http.get(app.url("/static/seal.js")).header("if-none-match", etag).send().await.unwrap();
    assert_eq!(again.status(), reqwest::StatusCode::NOT_MODIFIED);
    assert_eq!(app.http.get(app.url("/static/nothing.js")).send().await.unwrap().status(), reqwest::StatusCode::NOT_FOUND);
}
both!(ops, health_metrics_and_openapi);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_and_restore_sqlite() {
    let app = spawn_app(Backend::Sqlite).await;
    let admin = app.token("admin").await;
    let city = app.region_id("990100").await;
    let (status, _) = app
        .post(
            &format!("/api/v1/regions/{city}/policy-versions"),
            Some(&admin),
            &serde_json::json!({"effective_from": "2027-07-01", "note": "before the backup", "overrides": {}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);

    let backup = app.data.path().join("backup.db");
    let out = app.cli(&["backup", "--to", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = app.cli(&["backup", "--to", backup.to_str().unwrap()]);
    assert!(!out.status.success(), "an existing file is never overwritten");

    let restored = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_caigou"))
        .env_remove("CAIGOU_DATABASE_URL")
        .args(["restore", "--from", backup.to_str().unwrap()])
        .arg("--data")
        .arg(restored.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let store = caigou_store::Store::open(&caigou_store::StoreConfig::new(restored.path())).await.unwrap();
    assert_eq!(caigou_store::users::count_users(&store).await.unwrap(), caigou_store::users::count_users(&app.store).await.unwrap());
    let versions = caigou_store::regions::versions(&store, city.parse().unwrap()).await.unwrap();
    assert!(versions.iter().any(|v| v.note == "before the backup"));
    assert!(matches!(caigou_store::audit::verify(&store).await.unwrap(), caigou_store::audit::Verification::Intact { .. }));

    // Restoring over an existing database is refused.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_caigou"))
        .env_remove("CAIGOU_DATABASE_URL")
        .args(["restore", "--from", backup.to_str().unwrap()])
        .arg("--data")
        .arg(restored.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_starts_and_stops_gracefully() {
    let data = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_caigou"))
        .env_remove("CAIGOU_DATABASE_URL")
        .arg("serve")
        .arg("--data")
        .arg(data.path())
        .arg("--listen")
        .arg(format!("127.0.0.1:{port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let http = crate::helpers::client();
    let mut up = false;
    for _ in 0..100 {
        if let Ok(r) = http.get(format!("http://127.0.0.1:{port}/healthz")).send().await {
            up = r.status() == StatusCode::OK;
            if up {
                break;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(up, "server came up");
    let home: Value = http.get(format!("http://127.0.0.1:{port}/api/v1/announcements")).send().await.unwrap().json().await.unwrap();
    assert_eq!(home, Value::Array(vec![]), "a plain `serve` seeds no demo data");
    std::process::Command::new("kill").arg("-TERM").arg(child.id().to_string()).status().unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "exits cleanly on SIGTERM: {status}");
    assert!(data.path().join("caigou.db").exists());
}

/// A bidder's and a custodian's commands talk to a server: their help shows no database flags;
/// the server's commands show them.
#[test]
fn each_command_shows_only_the_flags_it_uses() {
    let help = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_caigou")).args(args).arg("--help").output().unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    for args in [&["bidder"][..], &["bidder", "submit"], &["custodian"], &["custodian", "release"], &["receipt", "verify"]] {
        let h = help(args);
        for flag in ["--data", "--database-url", "--object-store-url"] {
            assert!(!h.contains(flag), "{args:?} shows {flag}:\n{h}");
        }
    }
    for args in [&["serve"][..], &["demo"], &["audit", "verify"], &["backup"]] {
        assert!(help(args).contains("--database-url"), "{args:?}");
    }
}
