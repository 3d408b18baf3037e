//! The audit trail: every change leaves an entry in the same transaction; `caigou audit verify`
//! catches an altered, a removed and a truncated entry and names the first bad one.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;

async fn verify_cli(app: &TestApp) -> (bool, String) {
    let out = app.cli(&["audit", "verify"]);
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

async fn changes_are_audited_and_tampering_is_caught(app: TestApp) {
    let admin = app.token("admin").await;
    let city = app.region_id("990100").await;
    let (status, _) = app
        .post(
            &format!("/api/v1/regions/{city}/policy-versions"),
            Some(&admin),
            &json!({"effective_from": "2027-01-01", "note": "2027年限额标准", "overrides": {"emall_direct_limit": 60_000_000}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);

    let (status, entries) = app.get("/api/v1/audit?action=policy.version_added&limit=1", Some(&admin)).await;
    assert_eq!(status, StatusCode::OK);
    let e = &entries[0];
    assert_eq!(e["object_id"], city.as_str());
    assert!(e["change"].as_str().unwrap().contains("2027年限额标准"));
    let me = app.get("/api/v1/me", Some(&admin)).await.1;
    assert_eq!(e["actor_user"], me["id"], "the entry names who did it");
    assert_eq!(e["actor_role"], "admin");

    let (ok, out) = verify_cli(&app).await;
    assert!(ok, "intact chain verifies: {out}");
    assert!(out.contains("intact"));
    let (_, v) = app.get("/api/v1/audit/verify", Some(&admin)).await;
    assert_eq!(v["intact"], true);

    let pool = app.store.pool();
    let last: i64 = sqlx::query_scalar("SELECT MAX(seq) FROM audit_log").fetch_one(pool).await.unwrap();
    assert!(last > 100, "the demo seed is audited too");

    // 1. Alter what an entry says it changed.
    let original: String = sqlx::query_scalar("SELECT change FROM audit_log WHERE seq = 40").fetch_one(pool).await.unwrap();
    sqlx::query("UPDATE audit_log SET change = $1 WHERE seq = 40").bind(r#"{"forged":true}"#).execute(pool).await.unwrap();
    let (ok, out) = verify_cli(&app).await;
    assert!(!ok, "altered entry must fail: {out}");
    assert!(out.contains("entry 40"), "{out}");
    let (_, v) = app.get("/api/v1/audit/verify", Some(&admin)).await;
    assert_eq!((v["intact"].as_bool(), v["first_bad_seq"].as_i64()), (Some(false), Some(40)));
    sqlx::query("UPDATE audit_log SET change = $1 WHERE seq = 40").bind(&original).execute(pool).await.unwrap();
    assert!(verify_cli(&app).await.0, "restored");

    // 2. Alter the actor of an entry.
    sqlx::query("UPDATE audit_log SET actor_role = 'admin' WHERE seq = 12").execute(pool).await.unwrap();
    let (ok, out) = verify_cli(&app).await;
    assert!(!ok && out.contains("entry 12"), "{out}");
    sqlx::query("UPDATE audit_log SET actor_role = 'system:demo-seed' WHERE seq = 12").execute(pool).await.unwrap();
    assert!(verify_cli(&app).await.0);

    // 3. Remove an entry from the middle.
    sqlx::query("DELETE FROM audit_log WHERE seq = 25").execute(pool).await.unwrap();
    let (ok, out) = verify_cli(&app).await;
    assert!(!ok && out.contains("entry 25"), "{out}");
}
both!(tamper, changes_are_audited_and_tampering_is_caught);

async fn removing_the_newest_entry_is_caught(app: TestApp) {
    let pool = app.store.pool();
    let last: i64 = sqlx::query_scalar("SELECT MAX(seq) FROM audit_log").fetch_one(pool).await.unwrap();
    sqlx::query("DELETE FROM audit_log WHERE seq = $1").bind(last).execute(pool).await.unwrap();
    let (ok, out) = verify_cli(&app).await;
    assert!(!ok, "{out}");
    assert!(out.contains(&format!("entry {last}")), "{out}");
}
both!(truncate, removing_the_newest_entry_is_caught);

async fn supervisors_see_their_subtree_only(app: TestApp) {
    let county_supervisor = app.token("supervisor2").await; // 东湖区
    let donghu = app.region_id("990102").await;
    let xishan = app.region_id("990103").await;
    let (status, entries) = app.get("/api/v1/audit?limit=500", Some(&county_supervisor)).await;
    assert_eq!(status, StatusCode::OK);
    let entries = entries.as_array().unwrap();
    assert!(!entries.is_empty());
    assert!(entries.iter().all(|e| e["region_path"].as_str().unwrap().contains(&donghu)), "only 东湖区 objects");
    let (status, body) = app.get(&format!("/api/v1/audit?region={xishan}"), Some(&county_supervisor)).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("auth.forbidden")), "another county's trail is refused");

    let city_supervisor = app.token("supervisor").await;
    let (status, entries) = app.get(&format!("/api/v1/audit?region={xishan}&limit=500"), Some(&city_supervisor)).await;
    assert_eq!(status, StatusCode::OK, "the city supervisor sees the counties below");
    assert!(entries.as_array().unwrap().iter().all(|e| e["region_path"].as_str().unwrap().contains(&xishan)));
}
both!(audit_scope, supervisors_see_their_subtree_only);
