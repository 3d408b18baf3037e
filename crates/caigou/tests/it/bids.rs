//! Sealed bids: only ciphertext reaches the platform, the deadline holds to the millisecond,
//! eligibility and cryptographic checks refuse what they must, and every receipt verifies
//! offline against the signed transparency log.

use caigou::bidder::{Api, Client};
use caigou_seal::{BidContent, BidFile, KeyPair};
use caigou_store::translog::Receipt;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::TestApp;
use crate::tender_fixture::{client, draft_tender, open_lot, publish_and_obtain};

fn content(price: i64, marker: &str) -> BidContent {
    BidContent {
        total_price: price,
        unit_prices: vec![("机柜".into(), price / 2)],
        declarations: [("sme".to_string(), "small".to_string())].into(),
        files: vec![BidFile { name: "技术方案.txt".into(), content: caigou_seal::b64(format!("技术响应 {marker}").as_bytes()) }],
    }
}

/// Every byte the platform keeps: database files (SQLite, with its WAL) or every row (PostgreSQL),
/// and the object store.
async fn everything_stored(app: &TestApp) -> Vec<u8> {
    let mut all = Vec::new();
    match app.store.kind() {
        caigou_store::DbKind::Sqlite => {
            for f in ["caigou.db", "caigou.db-wal", "caigou.db-shm"] {
                if let Ok(b) = std::fs::read(app.data.path().join(f)) {
                    all.extend(b);
                }
            }
        }
        caigou_store::DbKind::Postgres => {
            let tables: Vec<String> =
                sqlx::query_scalar("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'")
                    .fetch_all(app.store.pool())
                    .await
                    .unwrap();
            for t in tables {
                let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT row_to_json(x)::text FROM \"{t}\" x")))
                    .fetch_all(app.store.pool())
                    .await
                    .unwrap();
                all.extend(rows.join("\n").into_bytes());
            }
        }
    }
    fn walk(dir: &std::path::Path, out: &mut Vec<u8>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if let Ok(b) = std::fs::read(&p) {
                out.extend(b);
            }
        }
    }
    walk(&app.data.path().join("files"), &mut all);
    all
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

async fn nobody_can_read_a_bid_before_the_deadline(app: TestApp) {
    let (project, lot, _) = open_lot(&app, "投标测试", &["supplier1"]).await;
    let s1 = client(&app, "supplier1").await;
    let key = KeyPair::generate();
    s1.register(&key).await.unwrap();
    let marker = format!("MARKER{:x}", rand::random::<u64>());
    let price_marker: i64 = 777_888_999;
    let receipt = s1.submit(&key, &lot, &content(price_marker, &marker)).await.unwrap();
    receipt.verify(&receipt.log_public_key).unwrap();
    // Not in the database (files and WAL, or every row), not in the object store.
    let stored = everything_stored(&app).await;
    assert!(!stored.is_empty());
    assert!(!contains(&stored, &marker) && !contains(&stored, "777888999"), "plaintext leaked into storage");
    assert!(contains(&stored, &receipt.ciphertext_sha256), "the ciphertext's hash is kept");
    // Not in any API response to any role, admin included.
    let paths = [
        format!("/api/v1/projects/{project}"),
        format!("/api/v1/projects/{project}/obtained"),
        format!("/api/v1/projects/{project}/questions"),
        format!("/api/v1/audit?object_id={project}&limit=200"),
        format!("/api/v1/lots/{lot}/bids"),
        "/api/v1/announcements".into(),
        "/api/v1/notifications".into(),
        "/api/v1/log/head".into(),
    ];
    for user in ["admin", "supervisor", "agency2", "purchaser", "supplier1", "supplier2"] {
        let t = app.token(user).await;
        for p in &paths {
            let body = app.http.get(app.url(p)).bearer_auth(&t).send().await.unwrap().text().await.unwrap();
            assert!(!body.contains(&marker) && !body.contains("777888999"), "{user} {p} leaked the bid");
        }
    }
    // The page of the project, as its agency.
    let t = app.token("agency2").await;
    let html = app.http.get(app.url(&format!("/projects/{project}"))).bearer_auth(&t).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains(&marker));
}
both!(secrecy, nobody_can_read_a_bid_before_the_deadline);

/// Who bid is secret until the deadline, from every reader of the audit trail (admins and
/// supervisors included, by any filter, JSON or HTML); who asked a question, for ever.
async fn who_bid_and_who_asked_stay_secret(app: TestApp) {
    let (project, lot, deadline) = open_lot(&app, "谁投标保密", &["supplier1"]).await;
    let s1 = client(&app, "supplier1").await;
    let key = KeyPair::generate();
    s1.register(&key).await.unwrap();
    s1.submit(&key, &lot, &content(100_000, "x")).await.unwrap();
    let supplier = app.token("supplier1").await;
    let (status, q) =
        app.post(&format!("/api/v1/projects/{project}/questions"), Some(&supplier), &json!({"text": "交货期可否延长？"})).await;
    assert!(status.is_success(), "{q}");
    let user = app.get("/api/v1/me", Some(&supplier)).await.1["id"].as_str().unwrap().to_string();
    let queries = [
        format!("/api/v1/audit?object_id={project}&limit=200"),
        "/api/v1/audit?action=bid.".to_string(),
        "/api/v1/audit?action=documents.".to_string(),
        format!("/api/v1/audit?actor={user}&limit=200"),
        "/api/v1/audit?limit=500".to_string(),
    ];
    // What the readers are shown that tells who took part: participation entries, and the
    // asker of a question.
    let look = |when: &'static str| {
        let (app, queries, project) = (&app, &queries, &project);
        async move {
            // Signed in afresh: the platform clock may have moved past the tokens' life.
            let readers = [app.token("admin").await, app.token("supervisor").await];
            let mut seen = Vec::new();
            for t in &readers {
                for q in queries {
                    let (status, entries) = app.get(q, Some(t)).await;
                    assert_eq!(status, StatusCode::OK, "{when} {q}");
                    for e in entries.as_array().unwrap() {
                        let action = e["action"].as_str().unwrap();
                        if action == "question.asked" {
                            assert!(e["actor_user"].is_null() && e["actor_org"].is_null(), "{when} {q}: the asker is shown: {e}");
                        }
                        // (The demo's finished tender, long past its deadline, is rightly shown.)
                        if ["bid.submitted", "bid.withdrawn", "documents.obtained"].contains(&action) && e["object_id"] == project.as_str()
                        {
                            seen.push(format!("{q}: {action}"));
                        }
                    }
                }
                let page = format!("/audit?object_id={project}");
                let html = app.http.get(app.url(&page)).bearer_auth(t).send().await.unwrap().text().await.unwrap();
                // The entries' table (the action filter above it names every action).
                let table = html.split("data-testid=\"audit\"").nth(1).unwrap_or_default();
                if table.contains("提交投标文件（密文）") {
                    seen.push("/audit page: bid.submitted".into());
                }
            }
            seen
        }
    };
    assert_eq!(look("before the deadline").await, Vec::<String>::new(), "nothing tells who bid before the deadline");
    let clock = app.store.clock();
    clock.advance(deadline - clock.now_ms());
    let after = look("after the deadline").await;
    assert!(after.iter().any(|s| s.ends_with("bid.submitted")), "from the deadline the evidence is readable: {after:?}");
}
both!(who_bid, who_bid_and_who_asked_stay_secret);

async fn deadline_to_the_millisecond_and_the_last_valid_version_counts(app: TestApp) {
    let (_, lot, deadline) = open_lot(&app, "投标测试", &["supplier1"]).await;
    let s1 = client(&app, "supplier1").await;
    let key = KeyPair::generate();
    s1.register(&key).await.unwrap();
    let first = s1.submit(&key, &lot, &content(10_000_000, "v1")).await.unwrap();
    let second = s1.submit(&key, &lot, &content(9_900_000, "v2")).await.unwrap();
    assert!(second.log_index > first.log_index);
    let own = s1.own_bids(&lot).await.unwrap();
    let statuses: Vec<&str> = own.as_array().unwrap().iter().map(|b| b["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["superseded", "valid"], "{own}");
    s1.withdraw(&lot).await.unwrap();
    assert!(s1.withdraw(&lot).await.unwrap_err().to_string().contains("bid.none"));
    // One millisecond before the deadline: accepted.
    let clock = app.store.clock();
    clock.advance(deadline - 60_000 - clock.now_ms());
    let s1 = client(&app, "supplier1").await; // a fresh token: the old one expired in platform time
    clock.advance(deadline - 1 - clock.now_ms());
    let at_edge = s1.submit(&key, &lot, &content(9_800_000, "v3")).await;
    // The request itself takes time on the real clock; the platform measures at acceptance.
    if let Err(e) = &at_edge {
        assert!(e.to_string().contains("tender.deadline_passed"), "{e}");
    }
    // At and after the deadline: refused, with the server time in the error.
    clock.advance(deadline - clock.now_ms());
    let err = s1.submit(&key, &lot, &content(9_700_000, "late")).await.unwrap_err().to_string();
    assert!(err.contains("tender.deadline_passed") && err.contains("服务器时间") && err.contains("毫秒"), "{err}");
    clock.advance(1);
    assert!(s1.submit(&key, &lot, &content(9_700_000, "late")).await.unwrap_err().to_string().contains("tender.deadline_passed"));
    assert!(s1.withdraw(&lot).await.unwrap_err().to_string().contains("tender.deadline_passed"), "no withdrawal after the deadline either");
}
both!(deadline_edge, deadline_to_the_millisecond_and_the_last_valid_version_counts);

/// Accepted 1 ms before the deadline when the platform clock is frozen there (no request time
/// in between), refused at the deadline itself.
async fn the_last_millisecond_counts(app: TestApp) {
    let (_, lot, deadline) = open_lot(&app, "投标测试", &["supplier1"]).await;
    let supplier = app.token("supplier1").await;
    let subject =
        caigou_store::users::identity(&app.store, caigou_store::users::user_id_by_name(&app.store, "supplier1").await.unwrap().unwrap())
            .await
            .unwrap()
            .unwrap()
            .subject;
    let key = KeyPair::generate();
    let c = Client::new(&Api { url: app.base.clone(), token: supplier }).unwrap();
    c.register(&key).await.unwrap();
    let env = caigou_seal::seal_bid(&key, &lot, &content(1, "edge"), &[]).unwrap();
    let origin = || caigou_store::bids::Origin { address: "127.0.0.1", user_agent: "test" };
    let clock = app.store.clock();
    // The platform judged at exactly deadline − 1 ms: accepted.
    clock.freeze_at(deadline - 1);
    let receipt = caigou_store::bids::submit(&app.store, &subject, lot.parse().unwrap(), &env, origin())
        .await
        .expect("1 ms before the deadline is in time");
    assert_eq!(receipt.server_time, deadline - 1);
    // At the deadline itself and 1 ms after: refused, naming the server time.
    for at in [deadline, deadline + 1] {
        clock.freeze_at(at);
        let e = caigou_store::bids::submit(&app.store, &subject, lot.parse().unwrap(), &env, origin()).await.unwrap_err();
        assert!(e.to_string().contains("tender.deadline_passed") && e.to_string().contains(&format!("{at} ms")), "{e}");
    }
    clock.freeze_at(0);
}
both!(last_millisecond, the_last_millisecond_counts);

async fn eligibility_and_cryptographic_refusals(app: TestApp) {
    let (_, lot, _) = open_lot(&app, "投标测试", &["supplier1"]).await;
    let key = KeyPair::generate();
    // Did not obtain the documents.
    let s2 = client(&app, "supplier2").await;
    s2.register(&key).await.unwrap();
    assert!(s2.submit(&key, &lot, &content(1, "x")).await.unwrap_err().to_string().contains("tender.not_obtained"));
    // Not yet admitted (supplier30 waits for review): cannot even register a key.
    let s30 = client(&app, "supplier30").await;
    assert!(s30.register(&KeyPair::generate()).await.unwrap_err().to_string().contains("tender.supplier_not_approved"));
    let s1 = client(&app, "supplier1").await;
    // A key not registered for this organization (supplier2's).
    assert!(s1.submit(&key, &lot, &content(1, "x")).await.unwrap_err().to_string().contains("bid.unknown_key"));
    let mine = KeyPair::generate();
    s1.register(&mine).await.unwrap();
    let t1 = app.token("supplier1").await;
    let post = |env: Value| {
        let req = app.http.post(app.url(&format!("/api/v1/lots/{lot}/bids"))).bearer_auth(&t1).json(&env);
        async move {
            let r = req.send().await.unwrap();
            (r.status(), r.json::<Value>().await.unwrap())
        }
    };
    let good = serde_json::to_value(caigou_seal::seal_bid(&mine, &lot, &content(1, "x"), &[]).unwrap()).unwrap();
    // Unencrypted: the price list as plain JSON, correctly hashed and signed.
    let plain = serde_json::to_vec(&content(1, "x")).unwrap();
    let mut bytes = vec![0u8; 12];
    bytes.extend(&plain);
    let mut env = good.clone();
    env["ciphertext"] = json!(caigou_seal::b64(&bytes));
    env["ciphertext_sha256"] = json!(caigou_seal::sha256_hex(&bytes));
    env["signature"] = json!(mine.sign(&caigou_seal::signed_message(&lot, &caigou_seal::sha256_hex(&bytes))));
    let (status, e) = post(env).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("bid.not_encrypted")), "{e}");
    // Tampered ciphertext.
    let mut ct = caigou_seal::unb64(good["ciphertext"].as_str().unwrap()).unwrap();
    ct[30] ^= 0xff;
    let mut env = good.clone();
    env["ciphertext"] = json!(caigou_seal::b64(&ct));
    let (_, e) = post(env.clone()).await;
    assert_eq!(e["code"], "bid.hash_mismatch");
    env["ciphertext_sha256"] = json!(caigou_seal::sha256_hex(&ct));
    let (_, e) = post(env).await;
    assert_eq!(e["code"], "bid.bad_signature", "re-hashed but not re-signed");
    // Revoked key.
    let (status, _) = app.post(&format!("/api/v1/supplier/keys/{}/revoke", mine.key_id()), Some(&t1), &json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, e) = post(good).await;
    assert_eq!(e["code"], "bid.key_revoked");
    // Nothing refused was stored.
    let (_, own) = app.get(&format!("/api/v1/lots/{lot}/bids"), Some(&t1)).await;
    assert_eq!(own.as_array().unwrap().len(), 0, "{own}");
}
both!(refusals, eligibility_and_cryptographic_refusals);

async fn receipts_verify_offline_and_against_later_heads(app: TestApp) {
    let (_, lot, _) = open_lot(&app, "投标测试", &["supplier1", "supplier2"]).await;
    let s1 = client(&app, "supplier1").await;
    let key = KeyPair::generate();
    s1.register(&key).await.unwrap();
    let receipt = s1.submit(&key, &lot, &content(5, "r")).await.unwrap();
    let path = app.data.path().join("receipt.json");
    std::fs::write(&path, serde_json::to_vec(&receipt).unwrap()).unwrap();
    // More entries (another bid, audit entries), then verify with the real binary.
    // supplier2 bids with the real CLI: keygen, register, submit with a response document.
    let dir = app.data.path();
    let token = app.token("supplier2").await;
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_caigou"))
            .args(args)
            .env("CAIGOU_URL", &app.base)
            .env("CAIGOU_TOKEN", &token)
            .env("CAIGOU_KEY_PASSPHRASE", "correct horse battery staple")
            .output()
            .unwrap();
        assert!(out.status.success(), "caigou {args:?}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let key_file = dir.join("s2.key");
    // In the SM suite: SM2 signature and key wrapping, SM4-GCM content, SM3 digest.
    run(&["bidder", "keygen", "--suite", "sm2", "--out", key_file.to_str().unwrap()]);
    let written = std::fs::read_to_string(&key_file).unwrap();
    assert!(written.contains("PBKDF2-SHA256") && !written.contains("secret_key"), "a passphrase-protected key file: {written}");
    run(&["bidder", "register", "--key", key_file.to_str().unwrap()]);
    let doc = dir.join("技术方案.txt");
    std::fs::write(&doc, "技术响应文件").unwrap();
    let r2 = dir.join("receipt2.json");
    let out = run(&[
        "bidder",
        "submit",
        "--key",
        key_file.to_str().unwrap(),
        "--lot",
        &lot,
        "--price",
        "600",
        "--unit-price",
        "机柜=300",
        "--declare",
        "sme=micro",
        "--file",
        doc.to_str().unwrap(),
        "--receipt",
        r2.to_str().unwrap(),
    ]);
    assert!(out.contains("accepted"), "{out}");
    assert!(run(&["receipt", "verify", r2.to_str().unwrap()]).contains("receipt OK"));
    let r2v: Receipt = serde_json::from_slice(&std::fs::read(&r2).unwrap()).unwrap();
    let (suite, sha): (String, String) =
        sqlx::query_as("SELECT k.suite, b.ciphertext_sha256 FROM bids b JOIN supplier_keys k ON k.key_id = b.key_id WHERE b.id = $1")
            .bind(&r2v.submission_id)
            .fetch_one(app.store.pool())
            .await
            .unwrap();
    assert_eq!(
        (suite.as_str(), sha.as_str()),
        (caigou_seal::SM_SUITE, r2v.ciphertext_sha256.as_str()),
        "an SM-suite bid, its SM3 digest in the receipt"
    );
    let (_, pinned) = app.get("/api/v1/log/key", None).await;
    let pinned = pinned["public_key"].as_str().unwrap();
    let out = app.cli(&["receipt", "verify", path.to_str().unwrap(), "--key", pinned]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = app.cli(&["receipt", "verify", path.to_str().unwrap(), "--log", &app.base, "--key", pinned]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.contains("extends it consistently"), "{stdout} {}", String::from_utf8_lossy(&out.stderr));
    // A doctored receipt, or the wrong pinned key, fails.
    let mut forged = receipt.clone();
    forged.ciphertext_sha256 = caigou_seal::sha256_hex(b"something else");
    let bad = app.data.path().join("forged.json");
    std::fs::write(&bad, serde_json::to_vec(&forged).unwrap()).unwrap();
    let out = app.cli(&["receipt", "verify", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let out = app.cli(&["receipt", "verify", path.to_str().unwrap(), "--key", &KeyPair::generate().public_hex()]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
    // The audit trail is in the log too: every audit entry has a leaf.
    let (_, head) = app.get("/api/v1/log/head", None).await;
    let audit_entries: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log").fetch_one(app.store.pool()).await.unwrap();
    assert!(head["size"].as_i64().unwrap() >= audit_entries + 2, "{head}");
}
both!(receipts, receipts_verify_offline_and_against_later_heads);

/// 投标保证金 (条例33): at most 2 % of the budget, paid in a non-cash form, recorded by the
/// project's runner; without it a supplier cannot bid on the lot.
async fn a_required_deposit_is_recorded_before_bidding(app: TestApp) {
    let id = draft_tender(&app, "保证金测试").await;
    let agency = app.token("agency2").await;
    let lot = app.get(&format!("/api/v1/projects/{id}"), Some(&agency)).await.1["lots"][0]["id"].as_str().unwrap().to_string();
    // The lot's budget is ¥500,000: 2 % is ¥10,000. One fen more is refused; exactly 2 % is not.
    let settings = format!("/api/v1/projects/{id}/lots/{lot}");
    let (status, e) = app.post(&settings, Some(&agency), &json!({"sme": "none", "deposit": 1_000_001})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("TEND-DEPOSIT")), "{e}");
    assert!(e["message"].as_str().unwrap().contains("条例第33条"), "{e}");
    assert_eq!(app.post(&settings, Some(&agency), &json!({"sme": "none", "deposit": 1_000_000})).await.0, StatusCode::NO_CONTENT);
    publish_and_obtain(&app, &id, &["supplier1", "supplier2"]).await;
    // The published documents state it (the template variable {{deposit}}).
    let t1 = app.token("supplier1").await;
    let docs =
        app.http.get(app.url(&format!("/projects/{id}/documents.html"))).bearer_auth(&t1).send().await.unwrap().text().await.unwrap();
    assert!(docs.contains("投标保证金：第1包：¥10,000.00") && docs.contains("实施条例第33条"), "the documents name the deposit");

    // supplier1 bids before its deposit is recorded: refused, nothing stored.
    let s1 = client(&app, "supplier1").await;
    let key = KeyPair::generate();
    s1.register(&key).await.unwrap();
    let err = s1.submit(&key, &lot, &content(7, "d")).await.unwrap_err().to_string();
    assert!(err.contains("bid.deposit_missing") && err.contains("¥10,000.00"), "{err}");
    assert_eq!(app.get(&format!("/api/v1/lots/{lot}/bids"), Some(&t1)).await.1.as_array().unwrap().len(), 0);
    let page = app.http.get(app.url(&format!("/lots/{lot}/bid"))).bearer_auth(&t1).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("尚未登记到账"), "the bid page says the deposit is missing");

    // The agency records it: cash, too little, an unknown code and a supplier recording are refused.
    let uscc: String =
        sqlx::query_scalar("SELECT o.uscc FROM organizations o JOIN users u ON u.org_id = o.id WHERE u.username = 'supplier1'")
            .fetch_one(app.store.pool())
            .await
            .unwrap();
    let path = format!("/api/v1/lots/{lot}/deposits");
    let pay = |amount: i64, form: &str| json!({"uscc": uscc, "amount": amount, "form": form, "reference": "ICBC 2026112300017"});
    let (status, e) = app.post(&path, Some(&agency), &pay(1_000_000, "cash")).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("TEND-DEPOSIT")), "cash: {e}");
    let (status, e) = app.post(&path, Some(&agency), &pay(999_999, "transfer")).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("TEND-DEPOSIT")), "one fen short: {e}");
    let (status, _) = app
        .post(&path, Some(&agency), &json!({"uscc": "91350100M000100Y43", "amount": 1_000_000, "form": "transfer", "reference": "x"}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "an unknown or invalid code");
    assert_eq!(app.post(&path, Some(&t1), &pay(1_000_000, "transfer")).await.0, StatusCode::FORBIDDEN, "a supplier cannot record its own");
    let (status, d) = app.post(&path, Some(&agency), &pay(1_000_000, "transfer")).await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    let (_, e) = app.post(&path, Some(&agency), &pay(1_000_000, "guarantee")).await;
    assert_eq!(e["code"], "deposit.exists", "{e}");
    let (_, list) = app.get(&path, Some(&agency)).await;
    assert_eq!(
        (list.as_array().unwrap().len(), list[0]["form"].as_str(), list[0]["amount"].as_i64()),
        (1, Some("transfer"), Some(1_000_000)),
        "{list}"
    );
    let html = app.http.get(app.url(&format!("/projects/{id}"))).bearer_auth(&agency).send().await.unwrap().text().await.unwrap();
    assert!(
        html.contains("data-testid=\"deposit-form\"") && html.contains("ICBC 2026112300017") && html.contains("银行转账"),
        "the runner's project page lists it"
    );

    // A deposit recorded against the wrong payer is voided (with a reason) and recorded again.
    let s2_uscc: String =
        sqlx::query_scalar("SELECT o.uscc FROM organizations o JOIN users u ON u.org_id = o.id WHERE u.username = 'supplier2'")
            .fetch_one(app.store.pool())
            .await
            .unwrap();
    let (_, wrong) =
        app.post(&path, Some(&agency), &json!({"uscc": s2_uscc, "amount": 1_000_000, "form": "transfer", "reference": "typo"})).await;
    let void = format!("{path}/{}/void", wrong["id"].as_str().unwrap());
    let (status, e) = app.post(&void, Some(&agency), &json!({"reason": " "})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("deposit.reason")));
    assert_eq!(app.post(&void, Some(&agency), &json!({"reason": "付款人录入错误"})).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.post(&void, Some(&agency), &json!({"reason": "again"})).await.0, StatusCode::NOT_FOUND);
    let voided: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'deposit.voided'").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(voided, 1, "voiding is audited");

    // Now supplier1 bids; supplier2, with no deposit, still cannot.
    s1.submit(&key, &lot, &content(7, "d")).await.unwrap();
    let page = app.http.get(app.url(&format!("/lots/{lot}/bid"))).bearer_auth(&t1).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("投标保证金已登记"), "the bid page says the deposit is recorded");
    let s2 = client(&app, "supplier2").await;
    let k2 = KeyPair::generate();
    s2.register(&k2).await.unwrap();
    assert!(s2.submit(&k2, &lot, &content(8, "e")).await.unwrap_err().to_string().contains("bid.deposit_missing"));
}
both!(deposits, a_required_deposit_is_recorded_before_bidding);

/// 撤回 from the bid page (the same use case as the API): offered only while a valid bid stands
/// before the deadline, confirmed by a tick, and the page says what happened.
async fn a_bid_is_withdrawn_from_its_page(app: TestApp) {
    let (_, lot, _) = open_lot(&app, "撤回测试", &["supplier1"]).await;
    let s1 = client(&app, "supplier1").await;
    let key = KeyPair::generate();
    s1.register(&key).await.unwrap();
    let web = crate::helpers::cookie_client();
    let r =
        web.post(app.url("/api/v1/auth/login")).json(&json!({"username": "supplier1", "password": "caigou-demo"})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let page = |web: reqwest::Client| {
        let url = app.url(&format!("/lots/{lot}/bid"));
        async move { web.get(url).send().await.unwrap().text().await.unwrap() }
    };
    assert!(!page(web.clone()).await.contains("data-testid=\"withdraw-form\""), "nothing to withdraw before a bid");
    s1.submit(&key, &lot, &content(10_000_000, "v1")).await.unwrap();
    let html = page(web.clone()).await;
    assert!(html.contains("data-testid=\"withdraw-form\""), "a standing bid may be withdrawn");
    let csrf = html.split("name=\"csrf\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap().to_string();
    let r =
        web.post(app.url(&format!("/lots/{lot}/bid/withdraw"))).form(&[("csrf", csrf.as_str()), ("confirm", "yes")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "back to the bid page");
    let to = r.headers()["location"].to_str().unwrap().to_string();
    assert!(to.starts_with(&format!("/lots/{lot}/bid?notice=")), "{to}");
    let after = web.get(app.url(&to)).send().await.unwrap().text().await.unwrap();
    assert!(
        after.contains("投标已撤回") && !after.contains("data-testid=\"withdraw-form\""),
        "the page says so and offers no second withdrawal"
    );
    let own = s1.own_bids(&lot).await.unwrap();
    assert_eq!(own[0]["status"], "withdrawn", "{own}");
}
both!(withdraw_page, a_bid_is_withdrawn_from_its_page);
