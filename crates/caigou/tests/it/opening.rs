//! Online opening: fewer than three bids fail the lot; otherwise bidders release their keys in
//! the window, prices appear, undecrypted bids count as revoked (Art. 31), a platform-damaged
//! ciphertext counts as withdrawn with its cause, and the record is signed into the log.

use caigou_seal::{BidContent, KeyPair};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::TestApp;
use crate::tender_fixture::{client, open_lot, pass};

fn bid(price: i64) -> BidContent {
    BidContent { total_price: price, unit_prices: vec![], declarations: Default::default(), files: vec![] }
}

async fn fewer_than_three_bids_fail_the_lot(app: TestApp) {
    let (project_id, lot, deadline) = open_lot(&app, "开标测试", &["supplier1", "supplier2"]).await;
    for s in ["supplier1", "supplier2"] {
        let c = client(&app, s).await;
        let k = KeyPair::generate();
        c.register(&k).await.unwrap();
        c.submit(&k, &lot, &bid(1000)).await.unwrap();
    }
    pass(&app, deadline).await;
    let agency = app.token("agency2").await;
    let (_, o) = app.get(&format!("/api/v1/lots/{lot}/opening"), Some(&agency)).await;
    assert_eq!((o["status"].as_str(), o["valid_bids"].as_i64()), (Some("failed"), Some(2)), "{o}");
    let purchaser = app.token("purchaser").await;
    let (_, notes) = app.get("/api/v1/notifications", Some(&purchaser)).await;
    assert!(notes.to_string().contains("不足3家"), "{notes}");
    let t1 = app.token("supplier1").await;
    let (status, e) =
        app.post(&format!("/api/v1/lots/{lot}/opening/key"), Some(&t1), &json!({"content_key": caigou_seal::b64(&[1u8; 32])})).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("opening.closed")),
        "no decryption on a failed lot: {e}"
    );

    // 流标 → the runner's to-do: the 废标公告, which names the reason and the law (法36).
    let html = |path: String, token: String| {
        let app = &app;
        async move { app.http.get(app.url(&path)).bearer_auth(&token).send().await.unwrap().text().await.unwrap() }
    };
    let wb = html("/workbench".into(), agency.clone()).await;
    assert!(wb.contains("流标，待发布废标公告"), "the agency's to-do: {wb}");
    assert!(wb.contains(&format!("/projects/{project_id}#terminate")), "the to-do opens the project's form");
    let page = html(format!("/projects/{project_id}"), agency.clone()).await;
    assert!(page.contains("data-testid=\"failure-notice-due\""), "the project page says what is due");
    let (status, body) = app
        .post(&format!("/api/v1/projects/{project_id}/terminate"), Some(&agency), &json!({"lot_id": lot, "reason": "重新组织采购"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let announcement = body["announcement_id"].as_str().expect("a 废标公告 is published");
    let text = html(format!("/announcements/{announcement}"), agency.clone()).await;
    assert!(
        text.contains("废标公告") && text.contains("有效投标2家，不足3家（政府采购法第36条）") && text.contains("重新组织采购"),
        "{text}"
    );
    let (_, p) = app.get(&format!("/api/v1/projects/{project_id}"), Some(&agency)).await;
    assert_eq!(p["project"]["status"], "terminated", "its only lot ended: {p}");
    assert!(!html("/workbench".into(), agency.clone()).await.contains("流标，待发布废标公告"), "the to-do is done");
    let (status, e) = app
        .post(&format!("/api/v1/projects/{project_id}/terminate"), Some(&agency), &json!({"lot_id": lot, "reason": "再发一次公告"}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "published once: {e}");
}
both!(few_bids, fewer_than_three_bids_fail_the_lot);

async fn bidders_open_their_bids_and_the_record_is_logged(app: TestApp) {
    let who = ["supplier1", "supplier2", "supplier3", "supplier4", "supplier5"];
    let (_, lot, deadline) = open_lot(&app, "开标测试", &who).await;
    let mut keys = Vec::new();
    for (i, s) in who.iter().enumerate() {
        let c = client(&app, s).await;
        let k = KeyPair::generate();
        c.register(&k).await.unwrap();
        let mut content = bid(1_000_000 + i as i64 * 111);
        if i < 2 {
            // A real .docx whose own metadata names its author, company and software; supplier1
            // and supplier2 hand in the same one (a collusion signal).
            let docx = include_bytes!("../../../store/tests/fixtures/response.docx");
            content.files.push(caigou_seal::BidFile { name: "技术响应文件.docx".into(), content: caigou_seal::b64(docx) });
        }
        c.submit(&k, &lot, &content).await.unwrap();
        keys.push(k);
    }
    // Before the deadline there is no opening to watch.
    let agency = app.token("agency2").await;
    let (status, e) = app.get(&format!("/api/v1/lots/{lot}/opening"), Some(&agency)).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("opening.not_started")));
    pass(&app, deadline).await;
    // supplier1..3 decrypt with the CLI's code.
    for i in 0..3 {
        let c = client(&app, who[i]).await;
        assert_eq!(c.decrypt(&keys[i], &lot).await.unwrap(), 1_000_000 + i as i64 * 111);
    }
    // The opened documents' own metadata is kept for the collusion checks of the evaluation.
    let summary: String = sqlx::query_scalar(
        "SELECT b.opened_summary FROM bids b JOIN users u ON u.org_id = b.supplier_org_id WHERE u.username = 'supplier1' AND b.lot_id = $1",
    )
    .bind(&lot)
    .fetch_one(app.store.pool())
    .await
    .unwrap();
    let summary: Value = serde_json::from_str(&summary).unwrap();
    let meta = &summary["files"][0]["metadata"];
    assert_eq!(
        (meta["author"].as_str(), meta["company"].as_str(), meta["creator"].as_str()),
        (Some("张三 & 李四"), Some("示范投标咨询服务部"), Some("WPS Office")),
        "{summary}"
    );
    // supplier4 releases a wrong key: refused, may retry; then never decrypts.
    let t4 = app.token("supplier4").await;
    let (status, e) =
        app.post(&format!("/api/v1/lots/{lot}/opening/key"), Some(&t4), &json!({"content_key": caigou_seal::b64(&[7u8; 32])})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("opening.decrypt_failed")), "{e}");
    // supplier5's ciphertext is damaged in the object store: the platform's failure.
    let bid5: String = sqlx::query_scalar("SELECT ciphertext_file_id FROM bids b JOIN organizations o ON o.id = b.supplier_org_id JOIN users u ON u.org_id = o.id WHERE u.username = 'supplier5' AND b.status = 'valid' AND b.lot_id = $1")
        .bind(&lot)
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    let path = find_file(&app.data.path().join("files"), &bid5).expect("ciphertext object");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[20] ^= 0xff;
    std::fs::write(&path, bytes).unwrap();
    let c5 = client(&app, "supplier5").await;
    assert!(c5.decrypt(&keys[4], &lot).await.unwrap_err().to_string().contains("opening.platform_failure"));
    // The hall shows opened prices to participants; a bidder objects on the spot.
    let agency = app.token("agency2").await;
    let (_, o) = app.get(&format!("/api/v1/lots/{lot}/opening"), Some(&agency)).await;
    assert_eq!(o["status"], "decrypting");
    let (status, e) = app.get(&format!("/api/v1/lots/{lot}/opening/signals"), Some(&agency)).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("opening.not_closed")),
        "no comparison before the opening closes"
    );
    // supplier4 still holds its key: nobody sees an opened price yet — not the agency, not a
    // bidder who opened (it could otherwise let its bid lapse after seeing the others).
    for viewer in [agency.clone(), app.token("supplier1").await, t4.clone()] {
        let (_, o) = app.get(&format!("/api/v1/lots/{lot}/opening"), Some(&viewer)).await;
        let prices: Vec<i64> = o["bids"].as_array().unwrap().iter().filter_map(|b| b["total_price"].as_i64()).collect();
        assert!(prices.is_empty(), "prices shown while a bid is still sealed: {o}");
        assert_eq!(o["bids"].as_array().unwrap().iter().filter(|b| !b["opened_at"].is_null()).count(), 3, "who opened is shown: {o}");
    }
    // The hall page, its live stream (Server-Sent Events) and the big screen keep them back too.
    let html = app.http.get(app.url(&format!("/lots/{lot}/opening"))).bearer_auth(&agency).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains("¥10,001.11") && html.contains("data-sse"), "hall page");
    // Every bidder is shown with its 统一社会信用代码 beside its name (names can look alike).
    let codes: Vec<String> = sqlx::query_scalar(
        "SELECT o.uscc FROM bids b JOIN organizations o ON o.id = b.supplier_org_id WHERE b.lot_id = $1 AND b.status = 'valid'",
    )
    .bind(&lot)
    .fetch_all(app.store.pool())
    .await
    .unwrap();
    assert!(!codes.is_empty());
    for code in &codes {
        assert!(html.contains(&format!("data-testid=\"bidder-uscc\">{code}<")), "USCC {code} beside the bidder");
    }
    let first_event = |app: &TestApp, token: String| {
        let url = app.url(&format!("/lots/{lot}/opening/events"));
        let http = app.http.clone();
        async move {
            let mut sse = http.get(url).bearer_auth(token).send().await.unwrap();
            assert!(sse.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
            let mut first = String::new();
            while !first.contains("\n\n") {
                let chunk = tokio::time::timeout(std::time::Duration::from_secs(5), sse.chunk())
                    .await
                    .expect("an event")
                    .unwrap()
                    .expect("stream open");
                first.push_str(&String::from_utf8_lossy(&chunk));
            }
            first
        }
    };
    let first = first_event(&app, agency.clone()).await;
    assert!(first.starts_with("data:") && !first.contains("¥10,002.22"), "{first}");
    let screen = app.http.get(app.url("/bigscreen")).send().await.unwrap().text().await.unwrap();
    assert!(screen.contains("开标测试项目") && !screen.contains("¥10,001.11"), "the big screen shows status, never prices");
    let (status, _) =
        app.post(&format!("/api/v1/lots/{lot}/opening/objections"), Some(&t4), &json!({"text": "我单位解密客户端异常，请求说明"})).await;
    assert_eq!(status, StatusCode::CREATED);
    let outsider = app.token("supplier9").await;
    assert_eq!(app.get(&format!("/api/v1/lots/{lot}/opening"), Some(&outsider)).await.0, StatusCode::FORBIDDEN, "not a bidder on this lot");
    // The window ends: Art. 31 outcomes, and the record signed into the log.
    let until = o["decrypt_until"].as_i64().unwrap();
    pass(&app, until).await;
    let agency = app.token("agency2").await;
    let (_, o) = app.get(&format!("/api/v1/lots/{lot}/opening"), Some(&agency)).await;
    assert_eq!(o["status"], "closed");
    // Now the prices are read out, in the hall and its live stream.
    let prices: Vec<i64> = o["bids"].as_array().unwrap().iter().filter_map(|b| b["total_price"].as_i64()).collect();
    assert_eq!(prices, [1_000_000, 1_000_111, 1_000_222], "{o}");
    let html = app.http.get(app.url(&format!("/lots/{lot}/opening"))).bearer_auth(&agency).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("¥10,001.11"), "hall page");
    assert!(first_event(&app, agency.clone()).await.contains("¥10,002.22"));
    let outcomes: Vec<(&str, &str)> =
        o["bids"].as_array().unwrap().iter().map(|b| (b["outcome"].as_str().unwrap(), b["cause"].as_str().unwrap_or(""))).collect();
    assert_eq!(
        outcomes,
        [
            ("opened", ""),
            ("opened", ""),
            ("opened", ""),
            ("revoked", "bidder_did_not_decrypt"),
            ("withdrawn_failure", "ciphertext_damaged_on_platform")
        ]
    );
    assert_eq!(o["objections"].as_array().unwrap().len(), 1);
    let (_, r) = app.get(&format!("/api/v1/lots/{lot}/opening/record"), Some(&agency)).await;
    let record: Value = serde_json::from_str(r["record"].as_str().unwrap()).unwrap();
    assert_eq!(record["bids"][1]["total_price"], 1_000_111);
    assert_eq!(r["sha256"], o["record_sha256"]);
    // The record's leaf is in the signed log.
    let index = o["record_log_index"].as_i64().unwrap();
    let (_, head) = app.get("/api/v1/log/head", None).await;
    let (_, proof) = app.get(&format!("/api/v1/log/inclusion?index={index}&size={}", head["size"]), None).await;
    let leaf: String =
        sqlx::query_scalar("SELECT body FROM log_leaves WHERE idx = $1").bind(index).fetch_one(app.store.pool()).await.unwrap();
    assert!(leaf.contains(r["sha256"].as_str().unwrap()));
    let hashes: Vec<[u8; 32]> =
        proof["proof"].as_array().unwrap().iter().map(|h| caigou_store::translog::parse_hash(h.as_str().unwrap()).unwrap()).collect();
    let root = caigou_store::translog::parse_hash(head["root"].as_str().unwrap()).unwrap();
    assert!(caigou_domain::translog::verify_inclusion(
        index as u64,
        head["size"].as_u64().unwrap(),
        &caigou_domain::translog::leaf_hash(leaf.as_bytes()),
        &hashes,
        &root
    ));
    // 串通投标线索 (87号令第37条) for insiders: the shared document, its author and company, and the
    // one address every test bidder used; not for bidders.
    let (_, signals) = app.get(&format!("/api/v1/lots/{lot}/opening/signals"), Some(&agency)).await;
    let find = |which: &str| signals.as_array().unwrap().iter().find(|s| s["trait"] == which).cloned();
    let author = find("author").unwrap_or_else(|| panic!("{signals}"));
    assert_eq!(author["value"], "张三 & 李四");
    assert_eq!(author["bidders"].as_array().unwrap().len(), 2, "{author}");
    assert!(author["clause"].as_str().unwrap().contains("87号令第37条"));
    assert!(find("file_sha256").is_some() && find("company").is_some() && find("address").is_some(), "{signals}");
    let t1 = app.token("supplier1").await;
    assert_eq!(app.get(&format!("/api/v1/lots/{lot}/opening/signals"), Some(&t1)).await.0, StatusCode::FORBIDDEN);
    let html = app.http.get(app.url(&format!("/lots/{lot}/opening"))).bearer_auth(&agency).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("串通投标线索") && html.contains("张三 ") && html.contains(" 李四"), "the hall shows the signals to the agency");
    let html = app.http.get(app.url(&format!("/lots/{lot}/opening"))).bearer_auth(&t1).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains("串通投标线索"), "but not to a bidder");
}
both!(full_opening, bidders_open_their_bids_and_the_record_is_logged);

/// Once the last sealed bid is opened, the prices are read out at once, inside the window.
async fn prices_appear_when_the_last_bid_is_opened(app: TestApp) {
    let who = ["supplier1", "supplier2", "supplier3"];
    let (_, lot, deadline) = open_lot(&app, "唱标测试", &who).await;
    let mut keys = Vec::new();
    for (i, s) in who.iter().enumerate() {
        let c = client(&app, s).await;
        let k = KeyPair::generate();
        c.register(&k).await.unwrap();
        c.submit(&k, &lot, &bid(2_000_000 + i as i64)).await.unwrap();
        keys.push(k);
    }
    pass(&app, deadline).await;
    let prices = |o: &Value| o["bids"].as_array().unwrap().iter().filter_map(|b| b["total_price"].as_i64()).collect::<Vec<_>>();
    for i in 0..2 {
        client(&app, who[i]).await.decrypt(&keys[i], &lot).await.unwrap();
    }
    let agency = app.token("agency2").await;
    let (_, o) = app.get(&format!("/api/v1/lots/{lot}/opening"), Some(&agency)).await;
    assert!(prices(&o).is_empty(), "one bid still sealed: {o}");
    client(&app, who[2]).await.decrypt(&keys[2], &lot).await.unwrap();
    let (_, o) = app.get(&format!("/api/v1/lots/{lot}/opening"), Some(&agency)).await;
    assert_eq!(o["status"], "decrypting", "the window is still open");
    assert_eq!(prices(&o), [2_000_000, 2_000_001, 2_000_002], "{o}");
}
both!(prices_together, prices_appear_when_the_last_bid_is_opened);

fn find_file(dir: &std::path::Path, id: &str) -> Option<std::path::PathBuf> {
    for e in std::fs::read_dir(dir).ok()?.flatten() {
        let p = e.path();
        if p.is_dir() {
            if let Some(f) = find_file(&p, id) {
                return Some(f);
            }
        } else if p.file_name().is_some_and(|n| n.to_string_lossy().contains(id)) {
            return Some(p);
        }
    }
    None
}

/// Custodians 2 of 3: the opening key is made on a custodian's machine; after the window, a
/// wrong share and a single good one open nothing; two good shares open the undecrypted bid.
async fn custodians_open_what_bidders_did_not(app: TestApp) {
    let id = crate::tender_fixture::draft_tender(&app, "保管人测试").await;
    let agency = app.token("agency2").await;
    // Three custodians register keys made on their machines; the agency names them, 2 of 3.
    let mut custodians = Vec::new();
    for user in ["agency2", "purchaser", "supervisor"] {
        let c = client(&app, user).await;
        // The purchaser's representative keeps an SM2 custodian key: its share is sealed with SM2/SM4.
        let k = if user == "purchaser" { KeyPair::generate_for(caigou_seal::SM_SUITE).unwrap() } else { KeyPair::generate() };
        let _: Value = c.post("/api/v1/me/keys", &json!({"public_key": k.public_hex()})).await.unwrap();
        let uid = app.get("/api/v1/me", Some(&app.token(user).await)).await.1["id"].as_str().unwrap().to_string();
        custodians.push((user, c, k, uid));
    }
    let ids: Vec<&str> = custodians.iter().map(|c| c.3.as_str()).collect();
    let (status, e) =
        app.post(&format!("/api/v1/projects/{id}/custodians"), Some(&agency), &json!({"user_ids": ids, "threshold": 4})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("custody.threshold")));
    let (status, e) =
        app.post(&format!("/api/v1/projects/{id}/custodians"), Some(&agency), &json!({"user_ids": ids, "threshold": 2})).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{e}");
    let (_, err) = app.post(&format!("/api/v1/projects/{id}/publish"), Some(&agency), &json!({})).await;
    assert_eq!(err["code"], "custody.no_key", "no publishing before the key ceremony");
    // The purchaser's representative holds the ceremony with the CLI's code.
    let key_id = caigou::custodian::ceremony(&custodians[1].1, &id).await.unwrap();
    assert_eq!(key_id.len(), 16);
    let (lot, deadline) = crate::tender_fixture::publish_and_obtain(&app, &id, &[]).await;
    // Four bids, wrapped to the opening key as well (the client asks for it).
    let who = ["supplier1", "supplier2", "supplier3", "supplier4"];
    let mut keys = Vec::new();
    for (i, s) in who.iter().enumerate() {
        let t = app.token(s).await;
        app.post(&format!("/api/v1/lots/{lot}/obtain"), Some(&t), &json!({})).await;
        let c = client(&app, s).await;
        // supplier2 and supplier4 bid in the SM suite (SM2/SM4-GCM/SM3): supplier2 decrypts its
        // own, supplier4's is opened by the custodians with the P-256 opening key.
        let k = if i % 2 == 1 { KeyPair::generate_for(caigou_seal::SM_SUITE).unwrap() } else { KeyPair::generate() };
        c.register(&k).await.unwrap();
        if i == 0 {
            let bare = caigou_seal::seal_bid(&k, &lot, &bid(1), &[]).unwrap();
            let (_, e) = app.post(&format!("/api/v1/lots/{lot}/bids"), Some(&t), &serde_json::to_value(bare).unwrap()).await;
            assert_eq!(e["code"], "bid.opening_key_missing", "{e}");
        }
        c.submit(&k, &lot, &bid(2_000_000 + i as i64)).await.unwrap();
        keys.push(k);
    }
    pass(&app, deadline).await;
    for i in 0..3 {
        client(&app, who[i]).await.decrypt(&keys[i], &lot).await.unwrap();
    }
    let agency = app.token("agency2").await;
    let until = app.get(&format!("/api/v1/lots/{lot}/opening"), Some(&agency)).await.1["decrypt_until"].as_i64().unwrap();
    pass(&app, until).await;
    let agency = app.token("agency2").await;
    let (_, o) = app.get(&format!("/api/v1/lots/{lot}/opening"), Some(&agency)).await;
    assert_eq!(o["status"], "remedy", "{o}");
    // A wrong share (the supervisor's, corrupted) and one good share: nothing opens.
    let sup = app.token("supervisor").await;
    let mut wrong = vec![3u8];
    wrong.extend([0x42u8; 32]);
    let (status, r) =
        app.post(&format!("/api/v1/projects/{id}/custodians/share"), Some(&sup), &json!({"share": caigou_seal::b64(&wrong)})).await;
    assert_eq!((status, r["opened"].as_u64()), (StatusCode::OK, Some(0)), "{r}");
    let purchaser_client = client(&app, "purchaser").await;
    assert_eq!(caigou::custodian::release(&purchaser_client, &id, &custodians[1].2).await.unwrap(), 0, "k − 1 good shares open nothing");
    assert_eq!(app.get(&format!("/api/v1/lots/{lot}/opening"), Some(&agency)).await.1["status"], "remedy");
    // The second good share: the key is rebuilt from a consistent pair and the bid opens.
    let agency_client = client(&app, "agency2").await;
    assert_eq!(caigou::custodian::release(&agency_client, &id, &custodians[0].2).await.unwrap(), 1);
    let (_, o) = app.get(&format!("/api/v1/lots/{lot}/opening"), Some(&agency)).await;
    assert_eq!(o["status"], "closed", "{o}");
    let last = &o["bids"][3];
    assert_eq!(
        (last["outcome"].as_str(), last["cause"].as_str(), last["total_price"].as_i64()),
        (Some("opened"), Some("opened_by_custodians"), Some(2_000_003)),
        "{o}"
    );
    assert_eq!(
        (o["bids"][1]["outcome"].as_str(), o["bids"][1]["total_price"].as_i64()),
        (Some("opened"), Some(2_000_001)),
        "the SM-suite bid its bidder decrypted: {o}"
    );
    let (_, r) = app.get(&format!("/api/v1/lots/{lot}/opening/record"), Some(&agency)).await;
    assert!(r["record"].as_str().unwrap().contains("opened_by_custodians"));
}
both!(custodians, custodians_open_what_bidders_did_not);
