//! Identities that cannot pass for one another: supplier names and usernames normalized and
//! compared by their look-alike key, usernames case-insensitive, the USCC beside every bidder.

use caigou_domain::uscc::UnifiedSocialCreditCode;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::TestApp;

fn uscc(n: u32) -> String {
    let first17 = format!("91330106MA2H{n:05}");
    format!("{first17}{}", UnifiedSocialCreditCode::check_char(&first17).unwrap())
}

fn registration(name: &str, uscc: &str, username: &str, region: &str) -> Value {
    json!({"name": name, "uscc": uscc, "region_id": region, "username": username, "display_name": "张三", "password": "a-long-password-1",
           "legal_representative": "李四", "address": "示范市科技园1号", "contact_name": "张三", "contact_phone": "13800000000",
           "contact_email": "zhangsan@example.invalid", "size": "micro"})
}

async fn look_alike_suppliers_and_usernames_are_refused(app: TestApp) {
    let region = app.region_id("990100").await;
    let existing: String =
        sqlx::query_scalar("SELECT o.name FROM organizations o JOIN users u ON u.org_id = o.id WHERE u.username = 'supplier1'")
            .fetch_one(app.store.pool())
            .await
            .unwrap();
    let mut chars: Vec<char> = existing.chars().collect();
    let zero_width: String = {
        let mut c = chars.clone();
        c.insert(2, '\u{200B}');
        c.into_iter().collect()
    };
    let bidi = format!("\u{202E}{existing}");
    chars.insert(2, ' ');
    let spaced: String = chars.into_iter().collect();

    for (name, code) in [
        (existing.as_str(), "org.name_taken"),
        (spaced.as_str(), "org.name_taken"),
        (&zero_width, "name.hidden_characters"),
        (&bidi, "name.hidden_characters"),
    ] {
        let (status, e) = app.post("/api/v1/suppliers/register", None, &registration(name, &uscc(1), "lookalike", &region)).await;
        assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(code)), "{name:?}: {e}");
    }
    for (username, code) in [
        ("Supplier1", "user.username_taken"),
        ("supplierl", "user.username_taken"),
        ("ѕupplier1", "username.characters"),
        ("sup\u{200D}plier9", "name.hidden_characters"),
    ] {
        let (status, e) =
            app.post("/api/v1/suppliers/register", None, &registration("看似科技有限公司", &uscc(2), username, &region)).await;
        assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(code)), "{username:?}: {e}");
        assert!(e["messages"]["zh-CN"].as_str().is_some_and(|m| !m.is_empty()) && e["messages"]["en"].as_str().is_some());
    }
    // Nothing was half-written by the refusals.
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organizations WHERE uscc IN ($1, $2)")
        .bind(uscc(1))
        .bind(uscc(2))
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(n, 0);

    // A name that only looks different in width is stored in its plain form; a username in
    // capitals is stored lower-case and signs in however it is typed.
    let (status, r) =
        app.post("/api/v1/suppliers/register", None, &registration("全角（ＡＢＣ）科技有限公司", &uscc(3), "NewComer", &region)).await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    let stored: (String, String) =
        sqlx::query_as("SELECT o.name, u.username FROM organizations o JOIN users u ON u.org_id = o.id WHERE o.uscc = $1")
            .bind(uscc(3))
            .fetch_one(app.store.pool())
            .await
            .unwrap();
    assert_eq!(stored, ("全角(ABC)科技有限公司".to_string(), "newcomer".to_string()));
    for typed in ["newcomer", "NEWCOMER", "NewComer"] {
        let (status, _) = app.post("/api/v1/auth/login", None, &json!({"username": typed, "password": "a-long-password-1"})).await;
        assert_eq!(status, StatusCode::OK, "{typed}");
    }
}
both!(look_alikes, look_alike_suppliers_and_usernames_are_refused);
