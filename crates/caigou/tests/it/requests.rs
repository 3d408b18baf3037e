//! 申购 through the unit's approval chain: progress, return and resubmit, separation of duties,
//! chain configuration, automatic risk warnings.

use caigou_domain::authz::Role;
use caigou_store::audit::Actor;
use caigou_store::users::{self, NewUser};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::TestApp;

async fn equipment_line(app: &TestApp, token: &str) -> String {
    let year = app.store.clock().today().year();
    let (_, lines) = app.get(&format!("/api/v1/budget-lines?year={year}"), Some(token)).await;
    lines.as_array().unwrap().iter().find(|l| l["code"].as_str().unwrap().ends_with("2050201")).expect("demo budget line")["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn request(line: &str, yuan: i64) -> Value {
    json!({"title": "学生机房电脑", "code": "A02010105", "quantity": 10, "amount": yuan * 100, "budget_line_id": line, "reason": "机房设备老化"})
}

async fn a_request_runs_through_the_chain_with_return_and_resubmit(app: TestApp) {
    let purchaser = app.token("purchaser").await;
    let reviewer = app.token("purchaser-reviewer").await;
    let approver = app.token("purchaser-approver").await;
    let line = equipment_line(&app, &purchaser).await;

    let (status, r) = app.post("/api/v1/requests", Some(&purchaser), &request(&line, 80_000)).await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    let id = r["request"]["id"].as_str().unwrap().to_string();
    assert_eq!((r["request"]["state"].as_str(), r["request"]["step"].as_i64()), (Some("in_review"), Some(0)));
    let (_, waiting) = app.get("/api/v1/requests/waiting", Some(&reviewer)).await;
    assert!(waiting.as_array().unwrap().iter().any(|w| w["id"] == id.as_str()), "the reviewer sees it waiting");
    let (_, inbox) = app.get("/api/v1/notifications", Some(&reviewer)).await;
    assert!(inbox["items"].as_array().unwrap().iter().any(|n| n["kind"] == "request.waiting"), "and is notified");

    // The approver cannot act on the reviewer's step.
    let (status, _) = app.post(&format!("/api/v1/requests/{id}/approve"), Some(&approver), &json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Returning needs a comment; the applicant is told.
    let (status, e) = app.post(&format!("/api/v1/requests/{id}/return"), Some(&reviewer), &json!({})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("request.comment_required")));
    let (_, r) = app.post(&format!("/api/v1/requests/{id}/return"), Some(&reviewer), &json!({"comment": "请补充配置参数"})).await;
    assert_eq!(r["request"]["state"], "returned");
    let (status, e) = app.post(&format!("/api/v1/requests/{id}/approve"), Some(&reviewer), &json!({})).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("request.bad_transition")),
        "a returned request waits for the applicant"
    );
    let (_, inbox) = app.get("/api/v1/notifications", Some(&purchaser)).await;
    assert!(
        inbox["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "request.outcome" && n["body"].as_str().unwrap().contains("请补充配置参数"))
    );

    // Modify and resubmit: back to the first step.
    let mut changed = request(&line, 90_000);
    changed["reason"] = json!("机房设备老化；配置：i5/16G/512G");
    let (status, r) = app.post(&format!("/api/v1/requests/{id}"), Some(&purchaser), &changed).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(
        (r["request"]["state"].as_str(), r["request"]["step"].as_i64(), r["request"]["amount"].as_i64()),
        (Some("in_review"), Some(0), Some(9_000_000))
    );

    // ¥90,000 ≥ ¥50,000: both steps apply.
    let (_, r) = app.post(&format!("/api/v1/requests/{id}/approve"), Some(&reviewer), &json!({"comment": "同意"})).await;
    assert_eq!((r["request"]["state"].as_str(), r["request"]["step"].as_i64()), (Some("in_review"), Some(1)));
    let (status, e) = app.post(&format!("/api/v1/requests/{id}/approve"), Some(&reviewer), &json!({})).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("auth.forbidden")),
        "the reviewer cannot approve the approver's step"
    );
    let (_, r) = app.post(&format!("/api/v1/requests/{id}/approve"), Some(&approver), &json!({"comment": "同意采购"})).await;
    assert_eq!(r["request"]["state"], "approved");
    let events: Vec<&str> = r["events"].as_array().unwrap().iter().map(|e| e["event"].as_str().unwrap()).collect();
    assert_eq!(events, vec!["submitted", "returned", "modified", "submitted", "approved", "approved"]);
    let (status, e) = app.post(&format!("/api/v1/requests/{id}/reject"), Some(&approver), &json!({"comment": "x"})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("request.bad_transition")));
    // Under ¥50,000 the approver's step is skipped.
    let (_, r) = app.post("/api/v1/requests", Some(&purchaser), &request(&line, 49_999)).await;
    let small = r["request"]["id"].as_str().unwrap().to_string();
    let (_, r) = app.post(&format!("/api/v1/requests/{small}/approve"), Some(&reviewer), &json!({})).await;
    assert_eq!(r["request"]["state"], "approved");
}
both!(chain, a_request_runs_through_the_chain_with_return_and_resubmit);

async fn nobody_approves_their_own_request(app: TestApp) {
    // A clerk who is both 经办 and 审核 in the same unit.
    let purchaser = app.token("purchaser").await;
    let me = app.get("/api/v1/me", Some(&purchaser)).await.1;
    let org = me["organization"]["id"].as_str().unwrap().parse().unwrap();
    let hash = users::hash_password("both-roles-password".into()).await.unwrap();
    let mut tx = app.store.begin().await.unwrap();
    let now = app.store.clock().now_ms();
    users::create_user(
        &mut tx,
        now,
        &Actor::system("test"),
        NewUser {
            username: "both",
            display_name: "兼岗人员",
            email: None,
            org,
            roles: &[Role::PurchaserHandler, Role::PurchaserReviewer],
            password_hash: &hash,
            attributes: json!({}),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let (_, login) = app.post("/api/v1/auth/login", None, &json!({"username": "both", "password": "both-roles-password"})).await;
    let both = login["token"].as_str().unwrap().to_string();

    let line = equipment_line(&app, &purchaser).await;
    let (_, r) = app.post("/api/v1/requests", Some(&both), &request(&line, 10_000)).await;
    let id = r["request"]["id"].as_str().unwrap().to_string();
    let (status, e) = app.post(&format!("/api/v1/requests/{id}/approve"), Some(&both), &json!({})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::FORBIDDEN, Some("auth.forbidden")), "岗位分离: not on one's own request");
    let (_, waiting) = app.get("/api/v1/requests/waiting", Some(&both)).await;
    assert!(!waiting.as_array().unwrap().iter().any(|w| w["id"] == id.as_str()));
    // The same person may review a colleague's request.
    let (_, r) = app.post("/api/v1/requests", Some(&purchaser), &request(&line, 10_000)).await;
    let other = r["request"]["id"].as_str().unwrap().to_string();
    let (status, r) = app.post(&format!("/api/v1/requests/{other}/approve"), Some(&both), &json!({})).await;
    assert_eq!((status, r["request"]["state"].as_str()), (StatusCode::OK, Some("approved")));
    // ¥10,000 passes 分管领导审批 by: the page says why, naming the amount the step starts from.
    let html = app.http.get(app.url(&format!("/requests/{other}"))).bearer_auth(&purchaser).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("不需经过本环节：本环节只审批 ¥50,000.00 及以上的申购"), "{html}");
    assert_eq!(html.matches("data-testid=\"step-skipped\"").count(), 1, "only the step above the amount is skipped");
}
both!(separation_of_duties, nobody_approves_their_own_request);

async fn chains_are_configured_per_unit_and_risky_requests_are_flagged(app: TestApp) {
    let purchaser = app.token("purchaser").await;
    let approver = app.token("purchaser-approver").await;
    let three = json!({"steps": [
        {"name_zh": "部门负责人审核", "name_en": "Head of department", "role": "purchaser.reviewer", "min_amount": 0},
        {"name_zh": "财务审核", "name_en": "Finance", "role": "purchaser.reviewer", "min_amount": 1_000_000},
        {"name_zh": "采购办审批", "name_en": "Procurement office", "role": "purchaser.approver", "min_amount": 2_000_000}]});
    let (status, _) = app.post("/api/v1/approval-chain", Some(&purchaser), &three).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a handler cannot change the chain");
    let bad = json!({"steps": [{"name_zh": "x", "name_en": "x", "role": "supplier", "min_amount": 0}]});
    let (status, e) = app.post("/api/v1/approval-chain", Some(&approver), &bad).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("chain.invalid")));
    let (status, _) = app.post("/api/v1/approval-chain", Some(&approver), &three).await;
    assert_eq!(status, StatusCode::OK);
    let (_, c) = app.get("/api/v1/approval-chain", Some(&purchaser)).await;
    assert_eq!(c["steps"].as_array().unwrap().len(), 3);

    let line = equipment_line(&app, &purchaser).await;
    let (_, r) = app.post("/api/v1/requests", Some(&purchaser), &request(&line, 15_000)).await;
    assert_eq!(r["chain"]["steps"].as_array().unwrap().len(), 3, "new requests take the unit's chain");
    let reviewer = app.token("purchaser-reviewer").await;
    let id = r["request"]["id"].as_str().unwrap();
    let (_, r) = app.post(&format!("/api/v1/requests/{id}/approve"), Some(&reviewer), &json!({})).await;
    assert_eq!((r["request"]["state"].as_str(), r["request"]["step"].as_i64()), (Some("in_review"), Some(1)), "¥15,000 ≥ ¥10,000: finance");

    // ¥3,700,000 is within 10% under the ¥4,000,000 threshold: flagged, not blocked.
    let (_, r) = app.post("/api/v1/requests", Some(&purchaser), &request(&line, 3_700_000)).await;
    let codes: Vec<&str> = r["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"REQ-NEAR-THRESHOLD"), "{r}");
    assert_eq!(r["request"]["state"], "in_review");
    // And a second one of the same category within 30 days adds up past the threshold.
    let (_, r) = app.post("/api/v1/requests", Some(&purchaser), &request(&line, 500_000)).await;
    let codes: Vec<&str> = r["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"REQ-SPLITTING"), "{r}");
}
both!(chain_config, chains_are_configured_per_unit_and_risky_requests_are_flagged);

async fn the_plan_form_posts_repeated_item_rows(app: TestApp) {
    let purchaser = app.token("purchaser").await;
    let line = equipment_line(&app, &purchaser).await;
    let start = app.store.clock().today().checked_add(jiff::Span::new().days(7)).unwrap().to_string();
    let form = [
        ("name", "页面表单计划"),
        ("budget_line_id", line.as_str()),
        ("method", "request_for_quotation"),
        ("procurement_start", start.as_str()),
        ("code", "A05010000"),
        ("desc", "椅子"),
        ("qty", "10"),
        ("amount", "3000"),
        ("code", "A05010100"),
        ("desc", "桌子"),
        ("qty", "5"),
        ("amount", "2000.50"),
        ("code", ""),
        ("desc", ""),
        ("qty", ""),
        ("amount", ""),
    ];
    let r = app.http.post(app.url("/plans/check")).bearer_auth(&purchaser).header("hx-request", "true").form(&form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("data-testid=\"decision\"") && html.contains("提交后即可备案") && html.contains("PLAN-BUDGET"), "{html}");
    let r = app.http.post(app.url("/plans")).bearer_auth(&purchaser).form(&form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    let html = app.http.get(app.url(&location)).bearer_auth(&purchaser).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("页面表单计划") && html.contains("¥5,000.50"), "both rows saved");
}
both!(plan_form, the_plan_form_posts_repeated_item_rows);

async fn plans_cover_approved_requests_once(app: TestApp) {
    let purchaser = app.token("purchaser").await;
    let reviewer = app.token("purchaser-reviewer").await;
    let line = equipment_line(&app, &purchaser).await;
    let (_, r) = app.post("/api/v1/requests", Some(&purchaser), &request(&line, 20_000)).await;
    let approved = r["request"]["id"].as_str().unwrap().to_string();
    app.post(&format!("/api/v1/requests/{approved}/approve"), Some(&reviewer), &json!({})).await;
    let (_, r) = app.post("/api/v1/requests", Some(&purchaser), &request(&line, 20_000)).await;
    let pending = r["request"]["id"].as_str().unwrap().to_string();

    let start = app.store.clock().today().checked_add(jiff::Span::new().days(7)).unwrap().to_string();
    let plan = |ids: Vec<&str>| {
        json!({"name": "机房电脑", "budget_line_id": line, "method": "emall", "procurement_start": start, "entrust_central": true,
        "items": [{"code": "A02010105", "description": "电脑", "quantity": 10, "amount": 2_000_000}], "request_ids": ids})
    };
    // The approved request offers 生成采购计划; the form it opens brings its item and line.
    let page = |id: String| {
        let (app, token) = (&app, purchaser.clone());
        async move { app.http.get(app.url(&format!("/requests/{id}"))).bearer_auth(&token).send().await.unwrap().text().await.unwrap() }
    };
    let html = page(approved.clone()).await;
    assert!(html.contains(&format!("href=\"/plans/new?request={approved}\"")), "{html}");
    assert!(!page(pending.clone()).await.contains("data-testid=\"make-plan\""), "not before it is approved");
    let form = app
        .http
        .get(app.url(&format!("/plans/new?request={approved}")))
        .bearer_auth(&purchaser)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form.contains(&format!("value=\"{approved}\" checked")), "the request is ticked");
    assert!(form.contains("name=\"code\" value=\"A02010105\"") && form.contains("name=\"amount\" value=\"20000.00\""), "its item");
    assert!(form.contains(&format!("value=\"{line}\" selected")), "its budget line");
    let (status, e) = app.post("/api/v1/plans", Some(&purchaser), &plan(vec![&pending])).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("plan.request_not_approved")));
    let (status, s) = app.post("/api/v1/plans", Some(&purchaser), &plan(vec![&approved])).await;
    assert_eq!((status, s["status"].as_str()), (StatusCode::CREATED, Some("filed")), "{s}");
    let (_, d) = app.get(&format!("/api/v1/plans/{}", s["id"].as_str().unwrap()), Some(&purchaser)).await;
    assert_eq!(d["requests"][0][0], approved.as_str());
    let html = page(approved.clone()).await;
    assert!(
        html.contains("data-testid=\"in-plan\"") && !html.contains("data-testid=\"make-plan\""),
        "planned once: the page links the plan"
    );
    let (status, e) = app.post("/api/v1/plans", Some(&purchaser), &plan(vec![&approved])).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("plan.request_linked")));
}
both!(plan_links, plans_cover_approved_requests_once);

async fn attachments_travel_with_the_request_and_only_its_readers_get_them(app: TestApp) {
    let purchaser = app.token("purchaser").await;
    let line = equipment_line(&app, &purchaser).await;
    let upload = |token: String, name: &'static str, body: &'static [u8]| {
        let part = reqwest::multipart::Part::bytes(body).file_name(name).mime_str("text/plain").unwrap();
        app.http.post(app.url("/api/v1/files")).bearer_auth(token).multipart(reqwest::multipart::Form::new().part("file", part)).send()
    };
    let r = upload(purchaser.clone(), "配置清单.txt", "CPU i5, 16G, 512G".as_bytes()).await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let file = r.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();

    // Someone else's upload cannot be attached.
    let other = app.token("purchaser2").await;
    let theirs = upload(other.clone(), "x.txt", b"x").await.unwrap().json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    let mut body = request(&line, 10_000);
    body["attachments"] = json!([theirs]);
    let (status, _) = app.post("/api/v1/requests", Some(&purchaser), &body).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    body["attachments"] = json!([file]);
    let (_, r) = app.post("/api/v1/requests", Some(&purchaser), &body).await;
    let id = r["request"]["id"].as_str().unwrap().to_string();
    let reviewer = app.token("purchaser-reviewer").await;
    let got = app.http.get(app.url(&format!("/requests/{id}/attachments/{file}"))).bearer_auth(&reviewer).send().await.unwrap();
    assert_eq!(got.status(), StatusCode::OK);
    assert!(got.headers()["content-disposition"].to_str().unwrap().contains("UTF-8''"));
    assert_eq!(got.text().await.unwrap(), "CPU i5, 16G, 512G");
    let denied = app.http.get(app.url(&format!("/requests/{id}/attachments/{file}"))).bearer_auth(&other).send().await.unwrap();
    assert_eq!(denied.status(), StatusCode::FORBIDDEN, "another unit's staff cannot read it");
    let html = app.http.get(app.url(&format!("/requests/{id}"))).bearer_auth(&reviewer).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("配置清单.txt"));

    // An upload that claims to be a web page is served as a download, never rendered.
    let part = reqwest::multipart::Part::bytes(&b"<script>alert(1)</script>"[..]).file_name("x.html").mime_str("text/html").unwrap();
    let r = app.http.post(app.url("/api/v1/files")).bearer_auth(&purchaser).multipart(reqwest::multipart::Form::new().part("file", part));
    let page = r.send().await.unwrap().json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    let mut body = request(&line, 10_000);
    body["attachments"] = json!([page]);
    let (_, r) = app.post("/api/v1/requests", Some(&purchaser), &body).await;
    let id = r["request"]["id"].as_str().unwrap().to_string();
    let got = app.http.get(app.url(&format!("/requests/{id}/attachments/{page}"))).bearer_auth(&reviewer).send().await.unwrap();
    assert_eq!(got.headers()["content-type"], "application/octet-stream", "the uploader's text/html is not trusted");
    assert!(got.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    assert_eq!(got.headers()["x-content-type-options"], "nosniff");
}
both!(attachments, attachments_travel_with_the_request_and_only_its_readers_get_them);

async fn the_chain_page_saves_steps_from_the_form(app: TestApp) {
    let approver = app.token("purchaser-approver").await;
    let rows = |min3: &'static str| {
        vec![
            ("name_zh", "部门负责人审核"),
            ("name_en", "Head"),
            ("role", "purchaser.reviewer"),
            ("min", ""),
            ("name_zh", "财务审核"),
            ("name_en", "Finance"),
            ("role", "purchaser.reviewer"),
            ("min", "10000"),
            ("name_zh", "校长审批"),
            ("name_en", "Principal"),
            ("role", "purchaser.approver"),
            ("min", min3),
            ("name_zh", ""),
            ("name_en", ""),
            ("role", ""),
            ("min", ""),
        ]
    };
    let r = app.http.post(app.url("/approval-chain")).bearer_auth(&approver).form(&rows("1.234")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("data-testid=\"form-error\""));
    let r = app.http.post(app.url("/approval-chain")).bearer_auth(&approver).form(&rows("200000")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let (_, c) = app.get("/api/v1/approval-chain", Some(&approver)).await;
    let steps = c["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 3);
    assert_eq!((steps[2]["role"].as_str(), steps[2]["min_amount"].as_i64()), (Some("purchaser.approver"), Some(20_000_000)));
    let purchaser = app.token("purchaser").await;
    let html = app.http.get(app.url("/approval-chain")).bearer_auth(&purchaser).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("校长审批") && !html.contains("data-testid=\"save-chain\""), "others see the chain, read-only");
}
both!(chain_page, the_chain_page_saves_steps_from_the_form);
