//! The working-day calendar (API, CLI, admin loading) and the 品目 catalog.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;

async fn working_days_across_national_day_and_missing_years(app: TestApp) {
    let years: Vec<i64> = sqlx::query_scalar("SELECT year FROM calendar_years ORDER BY year").fetch_all(app.store.pool()).await.unwrap();
    assert_eq!(years, vec![2020, 2021, 2022, 2023, 2024, 2025, 2026], "every published year shipped is loaded");
    let (_, r) = app.get("/api/v1/calendar/is-working-day?date=2022-12-31", None).await;
    assert_eq!(r["working_day"], false, "元旦 2023 begins on 2022-12-31 (from the 2023 notice)");
    let (status, r) = app.get("/api/v1/calendar/add-working-days?date=2026-09-30&n=1", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(r["result"], "2026-10-08", "National Day 10-01..10-07 is skipped");
    let (_, r) = app.get("/api/v1/calendar/add-working-days?date=2026-09-30&n=3", None).await;
    assert_eq!(r["result"], "2026-10-10", "the 调休 Saturday counts as a working day");
    let (_, r) = app.get("/api/v1/calendar/is-working-day?date=2026-10-10", None).await;
    assert_eq!(r["working_day"], true);
    let (_, r) = app.get("/api/v1/calendar/is-working-day?date=2026-10-01", None).await;
    assert_eq!(r["working_day"], false);

    // 2027 is not published: an error, never a guess.
    let (status, e) = app.get("/api/v1/calendar/add-working-days?date=2026-12-28&n=10", None).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("calendar.no_data")));
    assert!(e["messages"]["zh-CN"].as_str().unwrap().contains("2027"));
    let out = app.cli(&["calendar", "add-working-days", "2026-12-28", "10"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("2027"));

    let out = app.cli(&["calendar", "add-working-days", "2026-09-30", "1"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "2026-10-08");
    assert!(app.cli(&["calendar", "is-working-day", "2026-10-10"]).status.success());
    assert!(!app.cli(&["calendar", "is-working-day", "2026-10-03"]).status.success());

    // An admin loads 2027 once the State Council publishes it.
    let year = json!({"year": 2027, "papers": ["https://www.gov.cn/example"], "days": [
        {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
        {"name": "春节", "date": "2027-02-08", "isOffDay": true}]});
    let supervisor = app.token("supervisor").await;
    let (status, _) = app.post("/api/v1/calendar/years", Some(&supervisor), &year).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let admin = app.token("admin").await;
    let (status, _) = app.post("/api/v1/calendar/years", Some(&admin), &json!({"year": 2027, "papers": [], "days": []})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "an unpublished year is refused");
    let (status, r) = app.post("/api/v1/calendar/years", Some(&admin), &year).await;
    assert_eq!((status, r["year"].as_i64()), (StatusCode::CREATED, Some(2027)));
    let (_, r) = app.get("/api/v1/calendar/add-working-days?date=2026-12-31&n=1", None).await;
    assert_eq!(r["result"], "2027-01-04", "01-01 off, 01-02/03 weekend");
    let (_, entries) = app.get("/api/v1/audit?action=calendar.year_loaded&limit=1", Some(&admin)).await;
    assert!(entries[0]["change"].as_str().unwrap().contains("2027"));

    // The file as loaded is kept in the object store and served back unchanged.
    let r = app.http.get(app.url("/calendar/years/2027/source")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let sha = r.headers()["x-content-sha256"].to_str().unwrap().to_string();
    let served: serde_json::Value = r.json().await.unwrap();
    assert_eq!(served, year);
    let stored: Vec<_> = std::fs::read_dir(app.data.path().join("files")).unwrap().map(|e| e.unwrap().file_name()).collect();
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM files").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(stored.len() as i64, rows, "every stored file has its bytes in the object store: {stored:?}");
    assert!(rows >= 8, "the built-in years and 2027 are kept as files ({rows})");
    assert!(entries[0]["change"].as_str().unwrap().contains(&sha), "the audit entry records the file's digest");
}
both!(calendar, working_days_across_national_day_and_missing_years);

/// Admins are warned 60 days before the published calendar runs out (2026-12-31 here: 2027 is
/// not published), on the 工作台 and once by notification; nobody else is.
async fn admins_are_warned_before_the_calendar_runs_out(app: TestApp) {
    let admin = app.token("admin").await;
    let calendar_todo = |html: &str| html.contains("href=\"/calendar\">工作日历即将用尽");
    let notified =
        |inbox: &serde_json::Value| inbox["items"].as_array().unwrap().iter().filter(|n| n["kind"] == "reminder.calendar").count();
    let workbench = || async { app.http.get(app.url("/workbench")).bearer_auth(&admin).send().await.unwrap().text().await.unwrap() };

    // 2026-11-01: 60 days left — not yet.
    app.store.clock().travel_to(jiff::civil::date(2026, 11, 1));
    assert!(!calendar_todo(&workbench().await));
    caigou_store::reminders::run_due(&app.store).await.unwrap();
    assert_eq!(notified(&app.get("/api/v1/notifications", Some(&admin)).await.1), 0);

    // 2026-11-02: 59 days left — the to-do names the year to load and the last day covered.
    app.store.clock().travel_to(jiff::civil::date(2026, 11, 2));
    let html = workbench().await;
    assert!(calendar_todo(&html) && html.contains("(2027)") && html.contains("2026-12-31"), "{html}");
    caigou_store::reminders::run_due(&app.store).await.unwrap();
    caigou_store::reminders::run_due(&app.store).await.unwrap();
    let inbox = app.get("/api/v1/notifications", Some(&admin)).await.1;
    assert_eq!(notified(&inbox), 1, "once: {inbox}");
    let supervisor = app.token("supervisor").await;
    assert_eq!(notified(&app.get("/api/v1/notifications", Some(&supervisor)).await.1), 0, "admins only");

    // Loading 2027 clears the to-do; computing into a year without data stays refused.
    let (status, e) = app.get("/api/v1/calendar/add-working-days?date=2026-12-30&n=2", None).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("calendar.no_data")));
    let year =
        json!({"year": 2027, "papers": ["https://www.gov.cn/example"], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]});
    assert_eq!(app.post("/api/v1/calendar/years", Some(&admin), &year).await.0, StatusCode::CREATED);
    assert!(!calendar_todo(&workbench().await));
}
both!(calendar_warning, admins_are_warned_before_the_calendar_runs_out);

/// A demo that runs on its own clock says so on every page's banner.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_clock_is_on_the_banner() {
    let app = crate::helpers::spawn_app(crate::helpers::Backend::Sqlite).await;
    let web = caigou_web::WebConfig { sandbox: true, demo: true, demo_clock: Some("2026-12-01".into()), ..Default::default() };
    let (base, _stop) = crate::helpers::start_server(app.store.clone(), web).await;
    let html = app.http.get(format!("{base}/")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"demo-clock\"") && html.contains("演示时钟") && html.contains("2026-12-01"), "{html}");
    let plain = app.http.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(!plain.contains("demo-clock"), "a platform on real time has no demo clock");
}

async fn catalog_is_searchable_by_code_and_name(app: TestApp) {
    let (status, items) = app.get("/api/v1/catalog?q=A02010105", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(items[0]["code"], "A02010105");
    assert_eq!(items[0]["name"], "台式计算机");
    assert_eq!(items[0]["object_type"], "goods");
    let (_, items) = app.get("/api/v1/catalog?q=物业管理", None).await;
    assert!(items.as_array().unwrap().iter().any(|i| i["code"].as_str().unwrap().starts_with('C')));
    let (status, node) = app.get("/api/v1/catalog/A02010100", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(node["children"].as_array().unwrap().iter().any(|c| c["code"] == "A02010105"));
    let (status, e) = app.get("/api/v1/catalog/X123", None).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::BAD_REQUEST, Some("catalog.bad_code")));
    let (status, _) = app.get("/api/v1/catalog/A99999999", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let html = app.http.get(app.url("/catalog?q=计算机")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("台式计算机"));
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM catalog_items").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(count, 4272);
}
both!(catalog, catalog_is_searchable_by_code_and_name);
