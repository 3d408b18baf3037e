//! The demo seed: the region, the organizations, every role's workbench, seeded once.

use reqwest::StatusCode;

use crate::helpers::TestApp;

async fn demo_is_complete_and_seeded_once(app: TestApp) {
    let pool = app.store.pool();
    let count = |kind: &'static str| async move {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM organizations WHERE kind = $1").bind(kind).fetch_one(pool).await.unwrap()
    };
    assert_eq!(count("purchasing_unit").await, 10);
    assert_eq!(count("supplier").await, 30);
    assert_eq!(count("central_agency").await, 1);
    assert_eq!(count("agency").await, 2);
    let experts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM user_roles WHERE role = 'expert'").fetch_one(pool).await.unwrap();
    assert_eq!(experts, 40);
    let counties: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM regions WHERE level = 'county'").fetch_one(pool).await.unwrap();
    assert_eq!(counties, 3);
    let disabled: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organizations WHERE attributes LIKE '%\"disabled_welfare_unit\":true%'")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(disabled, 1);
    // Every supplier's 统一社会信用代码 is valid.
    let codes: Vec<String> = sqlx::query_scalar("SELECT uscc FROM organizations WHERE kind = 'supplier'").fetch_all(pool).await.unwrap();
    for c in codes {
        assert!(c.parse::<caigou_domain::uscc::UnifiedSocialCreditCode>().is_ok(), "{c}");
    }
    // Each county has its own policy version.
    for code in ["990102", "990103", "990121"] {
        let id = app.region_id(code).await;
        let (_, v) = app.get(&format!("/api/v1/regions/{id}/policy-versions"), None).await;
        assert_eq!(v.as_array().unwrap().len(), 1, "county {code}");
    }

    let users_before = caigou_store::users::count_users(&app.store).await.unwrap();
    assert!(!caigou::demo::seed(&app.store).await.unwrap(), "a second seed does nothing");
    assert_eq!(caigou_store::users::count_users(&app.store).await.unwrap(), users_before);

    // Every role lands on its workbench, in Chinese, with its welcome notification.
    for user in ["admin", "supervisor", "purchaser", "agency", "supplier1", "expert1"] {
        let token = app.token(user).await;
        let r = app.http.get(app.url("/workbench")).bearer_auth(&token).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{user}");
        let html = r.text().await.unwrap();
        assert!(html.contains("<html lang=\"zh-CN\">") && html.contains("待办事项"), "{user}'s workbench");
        let inbox = app.http.get(app.url("/inbox")).bearer_auth(&token).send().await.unwrap().text().await.unwrap();
        assert!(inbox.contains("欢迎使用采购云演示平台"), "{user}'s welcome notification");
    }
    // The admin is told the 2027 calendar is missing.
    let admin = app.token("admin").await;
    let html = app.http.get(app.url("/workbench")).bearer_auth(&admin).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("下一年度工作日历尚未导入"));
    // The public portal lists the seeded announcements.
    let html = app.http.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("采购意向") && html.contains("data-testid=\"announcements\""));
}
both!(seed, demo_is_complete_and_seeded_once);

async fn language_switch_and_notifications(app: TestApp) {
    let http = crate::helpers::cookie_client();
    let r = http.get(app.url("/lang?to=en&next=/catalog")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/catalog");
    let html = http.get(app.url("/catalog")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("<html lang=\"en\">") && html.contains("Procurement catalog"));
    let r = http.get(app.url("/lang?to=en&next=//evil.example/")).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/workbench", "no open redirect");

    let token = app.token("supplier3").await;
    let (_, inbox) = app.get("/api/v1/notifications", Some(&token)).await;
    assert_eq!(inbox["unread"], 1);
    let id = inbox["items"][0]["id"].as_str().unwrap().to_string();
    let other = app.token("supplier4").await;
    let (status, _) = app.post(&format!("/api/v1/notifications/{id}/read"), Some(&other), &serde_json::json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "only the recipient marks a notification");
    let (status, _) = app.post(&format!("/api/v1/notifications/{id}/read"), Some(&token), &serde_json::json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, inbox) = app.get("/api/v1/notifications", Some(&token)).await;
    assert_eq!((inbox["unread"].as_i64(), inbox["items"][0]["read"].as_bool()), (Some(0), Some(true)));
}
both!(lang_and_inbox, language_switch_and_notifications);
