//! Two servers on one PostgreSQL database behave as one site.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Backend, spawn_app, start_server};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_share_sessions_and_data() {
    let a = spawn_app(Backend::Postgres).await;
    let store_b = a.another_store().await;
    let (base_b, _stop_b) = start_server(store_b, caigou_web::WebConfig::default()).await;

    // A session started on A is valid on B.
    let r =
        a.http.post(a.url("/api/v1/auth/login")).json(&json!({"username": "purchaser", "password": "caigou-demo"})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("caigou_session="))
        .unwrap();
    let session = cookie.split(';').next().unwrap().to_string();
    let r = a.http.get(format!("{base_b}/api/v1/me")).header("cookie", &session).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<serde_json::Value>().await.unwrap()["username"], "purchaser");

    // A write on A is read on B, and the audit chain stays one chain.
    let admin = a.token("admin").await;
    let city = a.region_id("990100").await;
    let (status, _) = a
        .post(
            &format!("/api/v1/regions/{city}/policy-versions"),
            Some(&admin),
            &json!({"effective_from": "2027-06-01", "note": "written on A", "overrides": {}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let r = a.http.get(format!("{base_b}/api/v1/regions/{city}/policy-versions")).send().await.unwrap();
    let versions: serde_json::Value = r.json().await.unwrap();
    assert!(versions.as_array().unwrap().iter().any(|v| v["note"] == "written on A"));

    // Concurrent writes through both servers keep one unbroken chain.
    let mut handles = Vec::new();
    for i in 0..10 {
        let base = if i % 2 == 0 { a.base.clone() } else { base_b.clone() };
        let http = a.http.clone();
        let admin = admin.clone();
        let city = city.clone();
        handles.push(tokio::spawn(async move {
            http.post(format!("{base}/api/v1/regions/{city}/policy-versions"))
                .bearer_auth(admin)
                .json(&json!({"effective_from": format!("2028-01-{:02}", i + 1), "note": format!("concurrent {i}"), "overrides": {}}))
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    for h in handles {
        assert_eq!(h.await.unwrap(), StatusCode::CREATED);
    }
    let (_, v) = a.get("/api/v1/audit/verify", Some(&admin)).await;
    assert_eq!(v["intact"], true, "{v}");
}
