//! A tender to bid on, shared by the bidding and opening scenarios: a filed open-tender plan of
//! the demo purchaser, entrusted to `agency2`, made a project and (for `open_lot`) published at
//! the earliest lawful dates on 2026-11-02.

use caigou::bidder::{Api, Client};
use jiff::civil::date;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;

/// A draft project named `name` run by `agency2`, from a new ¥500,000 open-tender plan.
pub async fn draft_tender(app: &TestApp, name: &str) -> String {
    app.store.clock().travel_to(date(2026, 11, 2));
    let purchaser = app.token("purchaser").await;
    let (_, lines) = app.get("/api/v1/budget-lines?year=2026", Some(&purchaser)).await;
    let line = lines.as_array().unwrap().iter().find(|l| l["code"].as_str().unwrap().ends_with("2050201")).unwrap()["id"].clone();
    let (_, plan) = app
        .post(
            "/api/v1/plans",
            Some(&purchaser),
            &json!({"name": name, "budget_line_id": line, "method": "open_tender", "procurement_start": "2026-11-02",
               "items": [{"code": "A02010601", "description": "机柜", "quantity": 2, "amount": 50_000_000}]}),
        )
        .await;
    let agency = app.token("agency2").await;
    let runner = app.get("/api/v1/me", Some(&agency)).await.1["organization"]["id"].clone();
    app.post(&format!("/api/v1/plans/{}/entrust", plan["id"].as_str().unwrap()), Some(&purchaser), &json!({"runner_id": runner})).await;
    let (_, p) = app.post("/api/v1/projects", Some(&agency), &json!({"name": format!("{name}项目"), "plan_ids": [plan["id"]]})).await;
    let id = p["id"].as_str().unwrap().to_string();
    let (_, e) = app.get(&format!("/api/v1/projects/{id}/earliest"), Some(&agency)).await;
    let docs = json!({"template_id": "builtin-open-tender-goods", "evaluation_method": "lowest_price", "documents_until": e["documents_until"], "deadline": format!("{}T09:30", e["deadline_on"].as_str().unwrap())});
    assert_eq!(app.post(&format!("/api/v1/projects/{id}/documents"), Some(&agency), &docs).await.0, StatusCode::NO_CONTENT);
    id
}

/// Publishes a draft and has `suppliers` obtain its lot; returns (lot, deadline ms).
pub async fn publish_and_obtain(app: &TestApp, id: &str, suppliers: &[&str]) -> (String, i64) {
    let agency = app.token("agency2").await;
    let (_, published) = app.post(&format!("/api/v1/projects/{id}/publish"), Some(&agency), &json!({})).await;
    let lot = app.get(&format!("/api/v1/projects/{id}"), None).await.1["lots"][0]["id"].as_str().unwrap().to_string();
    for s in suppliers {
        let t = app.token(s).await;
        assert_eq!(app.post(&format!("/api/v1/lots/{lot}/obtain"), Some(&t), &json!({})).await.0, StatusCode::OK);
    }
    (lot, published["deadline_at"].as_i64().expect("published"))
}

/// A published tender obtained by `suppliers`: (project, lot, deadline ms).
pub async fn open_lot(app: &TestApp, name: &str, suppliers: &[&str]) -> (String, String, i64) {
    let id = draft_tender(app, name).await;
    let (lot, deadline) = publish_and_obtain(app, &id, suppliers).await;
    (id, lot, deadline)
}

/// The bidder CLI's client, signed in as `user`.
pub async fn client(app: &TestApp, user: &str) -> Client {
    Client::new(&Api { url: app.base.clone(), token: app.token(user).await }).unwrap()
}

/// Moves the platform past `ms` and runs the scheduled transitions.
pub async fn pass(app: &TestApp, ms: i64) {
    let clock = app.store.clock();
    clock.advance(ms + 1 - clock.now_ms());
    caigou_store::scheduled::run_due(&app.store, &caigou_store::job_handlers()).await.unwrap();
}
