//! Region policy sets: inherited down the tree, versioned by date, edited by admins only.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;

async fn policies_inherit_and_version_by_date(app: TestApp) {
    let donghu = app.region_id("990102").await;
    let (status, p) = app.get(&format!("/api/v1/regions/{donghu}/policy?date=2026-11-23"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(p["policy"]["decentralized_limit"]["goods"], 50_000_000, "东湖区's own limit, in fen");
    assert_eq!(p["policy"]["open_tender_threshold"]["goods"], 400_000_000, "inherited from 示范市");
    let (_, p) = app.get(&format!("/api/v1/regions/{donghu}/policy?date=2024-06-01"), None).await;
    assert_eq!(p["policy"]["open_tender_threshold"]["goods"], 200_000_000, "before the city's 2025 version: the central standard");
    assert_eq!(p["policy"]["decentralized_limit"]["goods"], 100_000_000);
    let (status, body) = app.get(&format!("/api/v1/regions/{donghu}/policy?date=2019-12-31"), None).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("policy.incomplete")));
    let (status, body) = app.get(&format!("/api/v1/regions/{donghu}/policy?date=2026-13-01"), None).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("request.bad_date")));

    // An admin sets a new limit from a future date; before it the old one holds.
    let admin = app.token("admin").await;
    let body = json!({"effective_from": "2027-03-01", "note": "东湖区2027年调整", "overrides": {"decentralized_limit": {"goods": 30_000_000, "works": 40_000_000, "services": 30_000_000}}});
    let (status, _) = app.post(&format!("/api/v1/regions/{donghu}/policy-versions"), Some(&admin), &body).await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, p) = app.get(&format!("/api/v1/regions/{donghu}/policy?date=2027-02-28"), None).await;
    assert_eq!(p["policy"]["decentralized_limit"]["goods"], 50_000_000);
    let (_, p) = app.get(&format!("/api/v1/regions/{donghu}/policy?date=2027-03-01"), None).await;
    assert_eq!(p["policy"]["decentralized_limit"]["goods"], 30_000_000);
    let (_, versions) = app.get(&format!("/api/v1/regions/{donghu}/policy-versions"), None).await;
    assert_eq!(versions.as_array().unwrap().len(), 2);

    // The same date twice is refused: versions are never edited.
    let (status, err) = app.post(&format!("/api/v1/regions/{donghu}/policy-versions"), Some(&admin), &body).await;
    assert_eq!((status, err["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("policy.version_exists")));
    // A limit above the open-tender threshold it sets is refused.
    let bad = json!({"effective_from": "2027-04-01", "note": "x", "overrides": {
        "open_tender_threshold": {"goods": 100, "works": 100, "services": 100},
        "decentralized_limit": {"goods": 200, "works": 100, "services": 100}}});
    let (status, err) = app.post(&format!("/api/v1/regions/{donghu}/policy-versions"), Some(&admin), &bad).await;
    assert_eq!((status, err["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("policy.invalid")));
    assert!(err["messages"]["zh-CN"].as_str().unwrap().contains("分散采购限额不能高于公开招标数额标准"));

    // Supervisors read policies but cannot change them.
    let supervisor = app.token("supervisor").await;
    let (status, err) = app.post(&format!("/api/v1/regions/{donghu}/policy-versions"), Some(&supervisor), &body).await;
    assert_eq!((status, err["code"].as_str()), (StatusCode::FORBIDDEN, Some("auth.forbidden")));
}
both!(inheritance, policies_inherit_and_version_by_date);

async fn the_policy_form_reports_errors_beside_the_form(app: TestApp) {
    let admin = app.token("admin").await;
    let nanxi = app.region_id("990121").await;
    let form = [
        ("effective_from", "2027-05-01"),
        ("note", "南溪县调整"),
        ("emall_limit", "12.345"),
        ("open_goods", ""),
        ("sme_small", ""),
        ("sme_consortium", ""),
    ];
    let r = app.http.post(app.url(&format!("/regions/{nanxi}/versions"))).bearer_auth(&admin).form(&form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("data-testid=\"form-error\"") && html.contains("电子卖场直购限额"), "the error names the field");
    assert!(html.contains("value=\"12.345\""), "what was typed is kept");

    let form = [
        ("effective_from", "2027-05-01"),
        ("note", "南溪县调整"),
        ("emall_limit", "200,000.50"),
        ("sme_small", "12.5"),
        ("sme_consortium", "5"),
    ];
    let r = app.http.post(app.url(&format!("/regions/{nanxi}/versions"))).bearer_auth(&admin).form(&form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("政策版本已保存"));
    let (_, p) = app.get(&format!("/api/v1/regions/{nanxi}/policy?date=2027-05-01"), None).await;
    assert_eq!(p["policy"]["emall_direct_limit"], 20_000_050);
    assert_eq!(p["policy"]["sme_deduction"], json!({"small_micro_bp": 1250, "consortium_bp": 500}));
}
both!(policy_form, the_policy_form_reports_errors_beside_the_form);
