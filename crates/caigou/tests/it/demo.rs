//! The demo seed: the region, the organizations, every role's workbench, seeded once.

use reqwest::StatusCode;

use crate::helpers::{Backend, TestApp, fresh_store};

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
    assert!(caigou::demo::seed(&app.store).await.unwrap().is_none(), "a second seed does nothing");
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
    // The admin is told the calendar runs out in 59 days (2027 is not published).
    let admin = app.token("admin").await;
    let html = app.http.get(app.url("/workbench")).bearer_auth(&admin).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("工作日历即将用尽") && html.contains("(2027)"));
    // The public portal lists the seeded announcements.
    let html = app.http.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("采购意向") && html.contains("data-testid=\"announcements\""));
}
both!(seed, demo_is_complete_and_seeded_once);

/// The demo's finished tender: bids sealed (one in the SM suite), opened by their bidders and,
/// for the one left undecrypted, by two of three custodians; the record is in the log; a
/// bidder's receipt, fetched again, verifies with the CLI against the live log.
async fn demo_has_a_sealed_and_opened_tender(app: TestApp) {
    let (_, list) = app.get("/api/v1/announcements?kind=tender", None).await;
    let a = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with(caigou::demo_opening::NAME))
        .expect("the opened tender");
    let project = a["project_id"].as_str().unwrap();
    let (_, p) = app.get(&format!("/api/v1/projects/{project}"), None).await;
    assert_eq!(p["project"]["status"], "bidding_closed", "{p}");
    let lot = p["lots"][0]["id"].as_str().unwrap().to_string();
    let agency = app.token("agency2").await;
    let (_, o) = app.get(&format!("/api/v1/lots/{lot}/opening"), Some(&agency)).await;
    assert_eq!((o["status"].as_str(), o["valid_bids"].as_i64()), (Some("closed"), Some(4)), "{o}");
    let bids = o["bids"].as_array().unwrap();
    assert!(bids.iter().all(|b| b["outcome"] == "opened" && b["total_price"].as_i64().is_some()), "{o}");
    assert_eq!(bids.iter().filter(|b| b["cause"] == "opened_by_custodians").count(), 1, "{o}");
    assert!(o["record_log_index"].as_i64().is_some());
    let suites: Vec<String> =
        sqlx::query_scalar("SELECT k.suite FROM bids b JOIN supplier_keys k ON k.key_id = b.key_id WHERE b.lot_id = $1")
            .bind(&lot)
            .fetch_all(app.store.pool())
            .await
            .unwrap();
    assert!(suites.iter().any(|s| s == caigou_seal::SM_SUITE) && suites.iter().any(|s| s == caigou_seal::SUITE), "{suites:?}");
    let (_, signals) = app.get(&format!("/api/v1/lots/{lot}/opening/signals"), Some(&agency)).await;
    assert_eq!(signals.as_array().map(Vec::len), Some(1), "one shared address: {signals}");
    assert_eq!((signals[0]["trait"].as_str(), signals[0]["value"].as_str()), (Some("address"), Some("58.213.40.7")));
    let (_, custody) = app.get(&format!("/api/v1/projects/{project}/custodians"), Some(&agency)).await;
    assert_eq!(custody["custodians"].as_array().unwrap().iter().filter(|c| c["released"] == true).count(), 2, "{custody}");

    let s3 = app.token("supplier3").await;
    let (_, own) = app.get(&format!("/api/v1/lots/{lot}/bids"), Some(&s3)).await;
    let bid = own[0]["id"].as_str().unwrap();
    let (status, receipt) = app.get(&format!("/api/v1/bids/{bid}/receipt"), Some(&s3)).await;
    assert_eq!(status, StatusCode::OK, "{receipt}");
    let path = app.data.path().join("demo-receipt.json");
    std::fs::write(&path, receipt.to_string()).unwrap();
    let out = app.cli(&["receipt", "verify", path.to_str().unwrap(), "--log", &app.base]);
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    // Another supplier cannot fetch it (and learns nothing about whether it exists).
    let s4 = app.token("supplier4").await;
    assert_eq!(app.get(&format!("/api/v1/bids/{bid}/receipt"), Some(&s4)).await.0, StatusCode::NOT_FOUND);
}
both!(opened_tender, demo_has_a_sealed_and_opened_tender);

async fn language_switch_and_notifications(app: TestApp) {
    let http = crate::helpers::cookie_client();
    let r = http.get(app.url("/lang?to=en&next=/catalog")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/catalog");
    let html = http.get(app.url("/catalog")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("<html lang=\"en\">") && html.contains("Procurement catalog"));
    let r = http.get(app.url("/lang?to=en&next=//evil.example/")).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/workbench", "no open redirect");

    // supplier7 and supplier8 took part in nothing: only the welcome notification.
    let token = app.token("supplier7").await;
    let (_, inbox) = app.get("/api/v1/notifications", Some(&token)).await;
    assert_eq!(inbox["unread"], 1);
    let id = inbox["items"][0]["id"].as_str().unwrap().to_string();
    let other = app.token("supplier8").await;
    let (status, _) = app.post(&format!("/api/v1/notifications/{id}/read"), Some(&other), &serde_json::json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "only the recipient marks a notification");
    let (status, _) = app.post(&format!("/api/v1/notifications/{id}/read"), Some(&token), &serde_json::json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, inbox) = app.get("/api/v1/notifications", Some(&token)).await;
    assert_eq!((inbox["unread"].as_i64(), inbox["items"][0]["read"].as_bool()), (Some(0), Some(true)));

    // The notification keeps its key and arguments: each reader reads it in their language.
    assert_eq!(inbox_in(&app, &token, "zh-CN").await["items"][0]["title"], "欢迎使用采购云演示平台");
    assert_eq!(inbox_in(&app, &token, "en").await["items"][0]["title"], "Welcome to the Caigou demo");
}
both!(lang_and_inbox, language_switch_and_notifications);

async fn inbox_in(app: &TestApp, token: &str, lang: &str) -> serde_json::Value {
    let r = reqwest::Client::new()
        .get(app.url("/api/v1/notifications"))
        .bearer_auth(token)
        .header("accept-language", lang)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

/// A notification written before notifications kept keys (its two texts in the old columns)
/// still reads in both languages after the migration's backfill.
async fn notifications_from_before_keys_keep_their_texts(app: TestApp) {
    let token = app.token("supplier8").await;
    let user: String = sqlx::query_scalar("SELECT id FROM users WHERE username = 'supplier8'").fetch_one(app.store.pool()).await.unwrap();
    // (Notifications always had UUID ids; the migration kept them.)
    let id = "01a00000-0000-7000-8000-000000000012".to_string();
    sqlx::query(
        "INSERT INTO notifications (id, user_id, kind, message_key, message_args, link, created_at) VALUES ($1, $2, 'old', 'notice.legacy', '{}', NULL, $3)",
    )
    .bind(&id)
    .bind(&user)
    .bind(i64::MAX / 2)
    .execute(app.store.pool())
    .await
    .unwrap();
    sqlx::query("INSERT INTO notification_texts_0012 (id, title_zh, title_en, body_zh, body_en) VALUES ($1, '旧通知', 'Old notice', '旧正文', 'Old body')")
        .bind(&id)
        .execute(app.store.pool())
        .await
        .unwrap();
    app.store.migrate().await.unwrap();
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notification_texts_0012").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(left, 0, "the backfill empties the holding table");
    let zh = inbox_in(&app, &token, "zh-CN").await;
    assert_eq!((zh["items"][0]["title"].as_str(), zh["items"][0]["body"].as_str()), (Some("旧通知"), Some("旧正文")));
    let en = inbox_in(&app, &token, "en").await;
    assert_eq!((en["items"][0]["title"].as_str(), en["items"][0]["body"].as_str()), (Some("Old notice"), Some("Old body")));
}
both!(legacy_notifications, notifications_from_before_keys_keep_their_texts);

/// Seeds the demo on a fresh database with the platform clock at `real` and returns what it did.
async fn seed_on(
    backend: Backend,
    real: jiff::civil::Date,
) -> (caigou_store::Store, caigou_store::StoreConfig, caigou::demo::Seeded, tempfile::TempDir) {
    let (store, config, data) = fresh_store(backend).await;
    store.clock().travel_to(real);
    let seeded = caigou::demo::seed(&store).await.expect("seed").expect("fresh database");
    (store, config, seeded, data)
}

async fn tenders_on_the_portal(store: &caigou_store::Store) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM announcements WHERE kind = 'tender'").fetch_one(store.pool()).await.unwrap()
}

/// The demo is whole on any date. The shipped calendar ends on 2026-12-31 (2027 is not
/// published), and the demo's timeline reaches 30 days ahead: on 2026-12-01 it runs on real
/// time; from 2026-12-02 on (here 2026-12-20 and 2028-07-01) it starts its own clock at
/// 2026-12-01, the latest date that fits, persisted for every server and restart.
async fn demo_is_whole_on_any_date(backend: Backend) {
    use jiff::civil::date;
    let (store, _, seeded, _d) = seed_on(backend, date(2026, 12, 1)).await;
    assert_eq!(seeded.demo_clock, None, "the last day that fits runs on real time");
    assert!(seeded.skipped.is_empty(), "{:?}", seeded.skipped);
    assert!(caigou::demo::demo_clock(&store).await.unwrap().is_none());
    assert!(tenders_on_the_portal(&store).await >= 2);

    for real in [date(2026, 12, 2), date(2026, 12, 20), date(2028, 7, 1)] {
        let (store, config, seeded, _d) = seed_on(backend, real).await;
        assert_eq!(seeded.demo_clock, Some(date(2026, 12, 1)), "on {real}");
        assert!(seeded.skipped.is_empty(), "on {real}: skipped {:?}", seeded.skipped);
        assert_eq!(store.clock().today(), date(2026, 12, 1), "the platform runs on the demo clock");
        assert!(tenders_on_the_portal(&store).await >= 2, "on {real}: the demo's tenders are published");
        assert_eq!(caigou::demo::demo_clock(&store).await.unwrap().as_deref(), Some("2026-12-01"));
        // Another server (or a restart) takes the persisted clock.
        let other = caigou_store::Store::open(&config).await.unwrap();
        caigou_store::clock::sandbox_load(&other).await.unwrap();
        assert_eq!(other.clock().today(), date(2026, 12, 1));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_is_whole_on_any_date_sqlite() {
    demo_is_whole_on_any_date(Backend::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_is_whole_on_any_date_postgres() {
    demo_is_whole_on_any_date(Backend::Postgres).await
}
