//! Region policy sets: inherited down the tree, versioned by date, edited by admins only.

use reqwest::StatusCode;
use serde_json::{Value, json};

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

/// 法定底线: no region's policy version, the platform's own included, goes below the law's
/// floors or above its caps; each refusal names the rule. The 2 % deposit cap is data too.
async fn policy_data_stays_within_the_law(app: TestApp) {
    let admin = app.token("admin").await;
    let city = app.region_id("990100").await;
    let root = app.region_id("000000").await;
    let version = |overrides: Value| json!({"effective_from": "2027-03-01", "note": "测试", "overrides": overrides});
    let mut periods = json!({"tender_bid_days": 20, "documents_working_days": 5, "tender_announcement_working_days": 5,
        "consultation_response_days": 10, "negotiation_response_working_days": 3, "tender_clarification_days": 15,
        "consultation_clarification_days": 5, "negotiation_clarification_working_days": 3, "decryption_window_minutes": 30});
    let refusals = [
        ("tender_bid_days", json!(0), "政府采购法第35条"),
        ("tender_bid_days", json!(19), "政府采购法第35条"),
        ("documents_working_days", json!(4), "实施条例第31条"),
        ("tender_clarification_days", json!(14), "实施条例第31条"),
        ("decryption_window_minutes", json!(0), "平台规则"),
    ];
    for region in [&city, &root] {
        for (field, value, source) in &refusals {
            let mut p = periods.clone();
            p[field] = value.clone();
            let (status, e) =
                app.post(&format!("/api/v1/regions/{region}/policy-versions"), Some(&admin), &version(json!({"tender_periods": p}))).await;
            assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("policy.below_statutory")), "{field}={value}");
            assert!(e["messages"]["zh-CN"].as_str().unwrap().contains(source), "{e}");
        }
    }
    let weights = json!({"tender_goods": {"min": 5, "max": 100}, "tender_services": {"min": 10, "max": 100},
        "consultation_goods": {"min": 30, "max": 60}, "consultation_services": {"min": 10, "max": 30}});
    let (status, e) =
        app.post(&format!("/api/v1/regions/{city}/policy-versions"), Some(&admin), &version(json!({"price_weights": weights}))).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("policy.below_statutory")), "{e}");
    assert!(e["messages"]["zh-CN"].as_str().unwrap().contains("87号令第55条"));
    // More time than the law asks is the region's choice.
    periods["tender_bid_days"] = json!(25);
    let (status, e) =
        app.post(&format!("/api/v1/regions/{city}/policy-versions"), Some(&admin), &version(json!({"tender_periods": periods}))).await;
    assert_eq!(status, StatusCode::CREATED, "{e}");
    // The limits are public, with their sources; only admins correct them, never into nonsense.
    let (status, limits) = app.get("/api/v1/statutory-limits", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(limits["limits"]["deposit_cap_bp"], 200);
    assert_eq!(limits["sources"]["deposit"], "政府采购法实施条例第33条");
    let supervisor = app.token("supervisor").await;
    let body = json!({"limits": limits["limits"], "note": "x"});
    assert_eq!(app.post("/api/v1/statutory-limits", Some(&supervisor), &body).await.0, StatusCode::FORBIDDEN);
    let mut zero = limits["limits"].clone();
    zero["periods"]["tender_bid_days"] = json!(0);
    let (status, _) = app.post("/api/v1/statutory-limits", Some(&admin), &json!({"limits": zero, "note": "x"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = app.post("/api/v1/statutory-limits", Some(&admin), &json!({"limits": limits["limits"], "note": " "})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a correction says what it rests on");
    let (_, entries) = app.get("/api/v1/audit?action=statutory.&limit=5", Some(&admin)).await;
    assert!(entries.as_array().unwrap().is_empty(), "nothing was corrected");

    // The deposit cap is that data too: corrected to 1.5 %, a ¥500,000 lot takes at most ¥7,500.
    let id = crate::tender_fixture::draft_tender(&app, "保证金上限测试").await;
    let agency = app.token("agency2").await;
    let (_, p) = app.get(&format!("/api/v1/projects/{id}"), Some(&agency)).await;
    let lot = p["lots"][0]["id"].as_str().unwrap().to_string();
    let deposit = |fen: i64| json!({"sme": "none", "deposit": fen});
    assert_eq!(app.post(&format!("/api/v1/projects/{id}/lots/{lot}"), Some(&agency), &deposit(1_000_000)).await.0, StatusCode::NO_CONTENT);
    let mut cap = limits["limits"].clone();
    cap["deposit_cap_bp"] = json!(150);
    let admin = app.token("admin").await;
    let (status, _) = app.post("/api/v1/statutory-limits", Some(&admin), &json!({"limits": cap, "note": "演示：上限修正为1.5%"})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, e) = app.post(&format!("/api/v1/projects/{id}/lots/{lot}"), Some(&agency), &deposit(1_000_000)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert!(e.to_string().contains("1.5%"), "{e}");
    assert_eq!(app.post(&format!("/api/v1/projects/{id}/lots/{lot}"), Some(&agency), &deposit(750_000)).await.0, StatusCode::NO_CONTENT);
    let (_, entries) = app.get("/api/v1/audit?action=statutory.&limit=5", Some(&admin)).await;
    assert_eq!(entries.as_array().unwrap().len(), 1, "the correction is audited");
}
both!(statutory_floors, policy_data_stays_within_the_law);
