//! Check-then-act races closed by conditional writes: two requests at once, on SQLite and on
//! PostgreSQL, and the state afterwards is one that a single request could have left.

use caigou_seal::KeyPair;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::TestApp;
use crate::tender_fixture::{client, draft_tender};

/// Three custodians (agency2, purchaser, supervisor) with keys registered once.
async fn custodians_with_keys(app: &TestApp) -> Vec<(caigou::bidder::Client, KeyPair, String)> {
    let mut out = Vec::new();
    for user in ["agency2", "purchaser", "supervisor"] {
        let c = client(app, user).await;
        let k = KeyPair::generate();
        let _: Value = c.post("/api/v1/me/keys", &json!({"public_key": k.public_hex()})).await.unwrap();
        let id = app.get("/api/v1/me", Some(&app.token(user).await)).await.1["id"].as_str().unwrap().to_string();
        out.push((c, k, id));
    }
    out
}

/// A draft tender with the custodians named 2 of 3.
async fn named_custodians(app: &TestApp, custodians: &[(caigou::bidder::Client, KeyPair, String)]) -> String {
    let id = draft_tender(app, "并发测试").await;
    let agency = app.token("agency2").await;
    let ids: Vec<&str> = custodians.iter().map(|c| c.2.as_str()).collect();
    let (status, e) =
        app.post(&format!("/api/v1/projects/{id}/custodians"), Some(&agency), &json!({"user_ids": ids, "threshold": 2})).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{e}");
    id
}

/// The shares the custodians hold rebuild the key the project publishes (any two of them).
async fn shares_rebuild_the_opening_key(app: &TestApp, id: &str, custodians: &[(caigou::bidder::Client, KeyPair, String)]) {
    let (_, custody) = app.get(&format!("/api/v1/projects/{id}/custodians"), Some(&app.token("agency2").await)).await;
    let public = custody["opening_public_key"].as_str().expect("an opening key").to_string();
    let mut shares = Vec::new();
    for (c, k, _) in custodians {
        let sealed: caigou_seal::SealedFor = c.get(&format!("/api/v1/projects/{id}/custodians/share")).await.expect("a sealed share");
        shares.push(caigou_seal::open_for(k, &sealed, id.as_bytes()).expect("sealed to this custodian"));
    }
    for pair in [[0, 1], [1, 2], [0, 2]] {
        let two = vec![shares[pair[0]].clone(), shares[pair[1]].clone()];
        assert!(caigou_seal::shamir::combine(&two, 2, &public).is_some(), "shares {pair:?} rebuild the published opening key");
    }
}

/// Two custodians hold the key ceremony at the same moment (both made their key on their
/// machine, both upload at once): one key and its shares win whole; the other is refused, and no
/// share of it overwrites the winner's. Several rounds, each on a fresh project.
async fn two_key_ceremonies_at_once(app: TestApp) {
    let custodians = custodians_with_keys(&app).await;
    for round in 0..4 {
        let id = named_custodians(&app, &custodians).await;
        let made_a = caigou::custodian::make_opening_key(&custodians[0].0, &id).await.unwrap();
        let made_b = caigou::custodian::make_opening_key(&custodians[1].0, &id).await.unwrap();
        let (a, b) = tokio::join!(
            caigou::custodian::upload_opening_key(&custodians[0].0, &id, &made_a),
            caigou::custodian::upload_opening_key(&custodians[1].0, &id, &made_b)
        );
        let results = [a.map_err(|e| e.to_string()), b.map_err(|e| e.to_string())];
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "round {round}: exactly one ceremony wins: {results:?}");
        let refused = results.iter().find_map(|r| r.as_ref().err()).unwrap();
        assert!(refused.contains("custody.locked"), "{refused}");
        shares_rebuild_the_opening_key(&app, &id, &custodians).await;
    }
}
both!(ceremonies, two_key_ceremonies_at_once);

/// Renaming the custodians while the ceremony runs: either the names change and there is no key
/// yet, or the key is made and the names (with every share) stay.
async fn renaming_custodians_during_the_ceremony(app: TestApp) {
    let custodians = custodians_with_keys(&app).await;
    let id = named_custodians(&app, &custodians).await;
    let agency = app.token("agency2").await;
    let (_, custody) = app.get(&format!("/api/v1/projects/{id}/custodians"), Some(&agency)).await;
    let ids: Vec<Value> = custody["custodians"].as_array().unwrap().iter().map(|c| c["user_id"].clone()).collect();
    let (path, body) = (format!("/api/v1/projects/{id}/custodians"), json!({"user_ids": ids, "threshold": 3}));
    let rename = app.post(&path, Some(&agency), &body);
    let (ceremony, (status, _)) = tokio::join!(caigou::custodian::ceremony(&custodians[0].0, &id), rename);
    let (_, custody) = app.get(&format!("/api/v1/projects/{id}/custodians"), Some(&agency)).await;
    match ceremony {
        Ok(_) => {
            // The rename either came first (threshold 3 is what the ceremony split for) or was refused.
            let k = custody["threshold"].as_i64().unwrap();
            assert!(
                status == StatusCode::NO_CONTENT && k == 3 || status == StatusCode::UNPROCESSABLE_ENTITY && k == 2,
                "{status} {custody}"
            );
            if k == 2 {
                shares_rebuild_the_opening_key(&app, &id, &custodians).await;
            }
            assert!(custody["custodians"].as_array().unwrap().iter().all(|c| c["has_share"] != false), "no share wiped: {custody}");
        }
        Err(e) => {
            assert_eq!(status, StatusCode::NO_CONTENT, "one of the two happens: {e}");
            assert!(custody["opening_public_key"].is_null(), "{custody}");
        }
    }
}
both!(rename_during_ceremony, renaming_custodians_during_the_ceremony);

/// A lot's deposit changed while the project is being published: the published documents state
/// exactly what the database holds, whichever wins.
async fn lot_change_while_publishing(app: TestApp) {
    let id = draft_tender(&app, "发布并发测试").await;
    let agency = app.token("agency2").await;
    let (_, p) = app.get(&format!("/api/v1/projects/{id}"), Some(&agency)).await;
    let lot = p["lots"][0]["id"].as_str().unwrap().to_string();
    // ¥500,000 budget: a ¥10,000.00 deposit is the 2 % cap.
    let (lot_path, lot_body) = (format!("/api/v1/projects/{id}/lots/{lot}"), json!({"sme": "none", "deposit": 1_000_000}));
    let (pub_path, empty) = (format!("/api/v1/projects/{id}/publish"), json!({}));
    let set = app.post(&lot_path, Some(&agency), &lot_body);
    let publish = app.post(&pub_path, Some(&agency), &empty);
    let ((set_status, set_body), (pub_status, pub_body)) = tokio::join!(set, publish);
    let (_, p) = app.get(&format!("/api/v1/projects/{id}"), Some(&agency)).await;
    let deposit = p["lots"][0]["deposit"].as_i64();
    if pub_status.is_success() {
        let html = app.http.get(app.url(&format!("/projects/{id}/documents.html"))).bearer_auth(&agency).send().await.unwrap();
        let html = html.text().await.unwrap();
        match deposit {
            Some(_) => assert!(html.contains("10,000.00"), "the documents state the deposit the lot has: {set_status} {set_body}"),
            None => {
                assert!(!html.contains("10,000.00") && set_status == StatusCode::UNPROCESSABLE_ENTITY, "{set_status} {set_body}");
            }
        }
    } else {
        assert_eq!(pub_body["code"], "documents.changed", "{pub_status} {pub_body}");
        assert_eq!(deposit, Some(1_000_000));
        let (status, body) = app.post(&format!("/api/v1/projects/{id}/publish"), Some(&agency), &json!({})).await;
        assert!(status.is_success(), "publishing again works: {body}");
    }
}
both!(lot_while_publishing, lot_change_while_publishing);
