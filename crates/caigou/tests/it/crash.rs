//! `kill -9` of a real `caigou` process in the middle of a burst of bid submissions: after a
//! restart every submission that got a receipt is present, its ciphertext intact, its receipt
//! verifying against the new log head (the log only grew), and no half-written bid is visible.

use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use caigou::bidder::{Api, Client};
use caigou_seal::{BidContent, KeyPair};
use caigou_store::translog::{Receipt, TreeHead};
use caigou_store::{Store, StoreConfig};
use serde_json::{Value, json};

use crate::helpers::{Backend, Spawned, TEST_CLOCK_ARGS, fresh_pg_url};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Starts `caigou demo` (or `serve` on a database it seeded) on the tests' platform day: a sandbox
/// whose clock starts on [`TEST_CLOCK_ARGS`] and is kept across the restart.
fn start(config: &StoreConfig, command: &str, port: u16, log: &std::path::Path) -> Spawned {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_caigou"));
    cmd.arg(command).arg("--data").arg(&config.data_dir).arg("--listen").arg(format!("127.0.0.1:{port}"));
    if command == "demo" {
        cmd.args(TEST_CLOCK_ARGS);
    } else {
        cmd.arg("--sandbox");
    }
    match &config.database_url {
        Some(url) => cmd.env("CAIGOU_DATABASE_URL", url),
        None => cmd.env_remove("CAIGOU_DATABASE_URL"),
    };
    let log = std::fs::OpenOptions::new().create(true).append(true).open(log).expect("log file");
    cmd.env("CAIGOU_LOG", "debug,sqlx=debug,tower_http=debug").stdout(Stdio::null()).stderr(log);
    Spawned::spawn(&mut cmd).expect("start caigou")
}

async fn wait_healthy(http: &reqwest::Client, base: &str) {
    for _ in 0..600 {
        if http.get(format!("{base}/healthz")).send().await.is_ok_and(|r| r.status().is_success()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("caigou did not become healthy at {base}");
}

async fn login(http: &reqwest::Client, base: &str, user: &str) -> String {
    let r: Value = http
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"username": user, "password": caigou::demo::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    r["token"].as_str().unwrap().to_string()
}

async fn crash_in_the_middle_of_a_burst(backend: Backend) {
    let data = tempfile::tempdir().unwrap();
    let mut config = StoreConfig::new(data.path());
    if backend == Backend::Postgres {
        config.database_url = Some(fresh_pg_url().await);
    }
    let http = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let log = data.path().join("server.log");
    let mut server = start(&config, "demo", port, &log);
    wait_healthy(&http, &base).await;

    let list: Value = http.get(format!("{base}/api/v1/announcements?kind=tender")).send().await.unwrap().json().await.unwrap();
    let project = list[0]["project_id"].as_str().unwrap();
    let p: Value = http.get(format!("{base}/api/v1/projects/{project}")).send().await.unwrap().json().await.unwrap();
    let lot = p["lots"][0]["id"].as_str().unwrap().to_string();
    let mut bidders = Vec::new();
    for n in 1..=6 {
        let token = login(&http, &base, &format!("supplier{n}")).await;
        http.post(format!("{base}/api/v1/lots/{lot}/obtain")).bearer_auth(&token).json(&json!({})).send().await.unwrap();
        let client = Client::new(&Api { url: base.clone(), token }).unwrap();
        let key = KeyPair::generate();
        client.register(&key).await.unwrap();
        bidders.push((client, key));
    }

    // The burst: every bidder submits again and again (each a new version) until the server dies.
    let receipts: Arc<Mutex<Vec<Receipt>>> = Arc::default();
    let mut tasks = Vec::new();
    for (i, (client, key)) in bidders.into_iter().enumerate() {
        let receipts = receipts.clone();
        let lot = lot.clone();
        tasks.push(tokio::spawn(async move {
            let mut bytes = vec![i as u8; 64 * 1024];
            bytes[..16].copy_from_slice(b"SECRETMARKER-XYZ");
            let file = caigou_seal::b64(&bytes);
            for v in 0.. {
                let content = BidContent {
                    total_price: 1_000 + v,
                    unit_prices: vec![],
                    declarations: Default::default(),
                    files: vec![caigou_seal::BidFile { name: "a.bin".into(), content: file.clone() }],
                };
                match client.submit(&key, &lot, &content).await {
                    Ok(r) => receipts.lock().unwrap().push(r),
                    Err(_) => break,
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.kill(); // SIGKILL, the whole process group
    for t in tasks {
        t.await.unwrap();
    }
    let receipts = receipts.lock().unwrap().clone();
    assert!(receipts.len() >= 6, "the burst got going before the kill ({} receipts)", receipts.len());

    // Restart on the same database and files.
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = start(&config, "serve", port, &log);
    wait_healthy(&http, &base).await;
    let head: TreeHead = http.get(format!("{base}/api/v1/log/head")).send().await.unwrap().json().await.unwrap();
    let key: Value = http.get(format!("{base}/api/v1/log/key")).send().await.unwrap().json().await.unwrap();
    let key = key["public_key"].as_str().unwrap();
    let store = Store::open(&config).await.unwrap();
    for r in &receipts {
        r.verify(key).expect("receipt verifies offline");
        let proof: Value = if r.tree_head.size == head.size {
            json!({"proof": []})
        } else {
            http.get(format!("{base}/api/v1/log/consistency?from={}&to={}", r.tree_head.size, head.size))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap()
        };
        let proof: Vec<String> = serde_json::from_value(proof["proof"].clone()).unwrap();
        r.verify_later(&head, &proof, key).expect("the log only grew across the crash");
        let row: Option<(String, String)> = sqlx::query_as("SELECT ciphertext_file_id, ciphertext_sha256 FROM bids WHERE id = $1")
            .bind(&r.submission_id)
            .fetch_optional(store.pool())
            .await
            .unwrap();
        let (file, sha) = row.unwrap_or_else(|| panic!("submission {} has a receipt but is gone", r.submission_id));
        assert_eq!(sha, r.ciphertext_sha256);
        caigou_store::files::get(&store, file.parse().unwrap()).await.expect("its ciphertext is intact");
    }
    // No half-written bid: every bid row has its ciphertext and its log leaf, every bid leaf its row.
    let rows: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT id, ciphertext_file_id, log_index FROM bids").fetch_all(store.pool()).await.unwrap();
    for (id, file, index) in &rows {
        caigou_store::files::get(&store, file.parse().unwrap()).await.unwrap_or_else(|e| panic!("bid {id}: {e}"));
        let leaf: String =
            sqlx::query_scalar("SELECT body FROM log_leaves WHERE idx = $1").bind(index).fetch_one(store.pool()).await.unwrap();
        assert!(leaf.contains(id.as_str()));
    }
    let leaves: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM log_leaves WHERE kind = 'bid'").fetch_one(store.pool()).await.unwrap();
    assert_eq!(leaves as usize, rows.len(), "a logged bid for every stored bid and no other");
    // The incrementally kept subtree hashes agree with hashing every leaf afresh, after
    // concurrent appends and a crash; and rebuilding them from the leaves gives the same head.
    let all: Vec<String> = sqlx::query_scalar("SELECT leaf_hash FROM log_leaves ORDER BY idx").fetch_all(store.pool()).await.unwrap();
    let all: Vec<_> = all.iter().map(|h| caigou_store::translog::parse_hash(h).unwrap()).collect();
    let size = head.size as usize;
    assert_eq!(hex::encode(caigou_domain::translog::root(&all[..size])), head.root, "stored nodes give the true root");
    sqlx::query("DELETE FROM log_nodes").execute(store.pool()).await.unwrap();
    store.migrate().await.unwrap();
    let rebuilt = caigou_store::translog::head(&store, Some(head.size as i64)).await.unwrap();
    assert_eq!(rebuilt.root, head.root, "nodes rebuilt from the leaves give the same head");
    // Some nodes missing (an older server appended during a rolling upgrade): filled in too.
    let all_nodes: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM log_nodes").fetch_one(store.pool()).await.unwrap();
    sqlx::query("DELETE FROM log_nodes WHERE id % 3 = 0").execute(store.pool()).await.unwrap();
    store.migrate().await.unwrap();
    let refilled: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM log_nodes").fetch_one(store.pool()).await.unwrap();
    assert_eq!(refilled, all_nodes, "the missing nodes are rebuilt");
    assert_eq!(caigou_store::translog::head(&store, Some(head.size as i64)).await.unwrap().root, head.root);
    let valid: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bids WHERE lot_id = $1 AND status = 'valid'")
        .bind(&lot)
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(valid, 6, "exactly one valid version per bidder");
    store.close().await;
    server.kill();
    // The server's own logs, at debug level with SQL statements, never carry bid content.
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.len() > 1000, "the server logged");
    assert!(
        !logged.contains("SECRETMARKER") && !logged.contains(&caigou_seal::b64(b"SECRETMARKER-XYZ")[..20]),
        "bid content in the server log"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn crash_sqlite() {
    crash_in_the_middle_of_a_burst(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn crash_postgres() {
    crash_in_the_middle_of_a_burst(Backend::Postgres).await;
}

/// A receipt promises durability against a power loss too, which a process kill cannot show:
/// the server (traced with strace) fsyncs the ciphertext file and its directory before the
/// receipt is issued.
#[tokio::test]
async fn a_receipted_ciphertext_is_fsynced() {
    let data = tempfile::tempdir().unwrap();
    let config = StoreConfig::new(data.path());
    let http = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let trace = data.path().join("strace.txt");
    let mut cmd = Command::new("strace");
    cmd.args(["-f", "-y", "-qq", "-e", "trace=fsync,fdatasync", "-o"]).arg(&trace).arg(env!("CARGO_BIN_EXE_caigou"));
    cmd.args(["demo", "--data"]).arg(data.path()).args(["--listen", &format!("127.0.0.1:{port}")]).args(TEST_CLOCK_ARGS);
    cmd.env_remove("CAIGOU_DATABASE_URL").stdout(Stdio::null()).stderr(Stdio::null());
    // strace and the traced server in one group: killing it leaves no orphaned server.
    let mut server = Spawned::spawn(&mut cmd).expect("strace (Debian package strace) runs");
    wait_healthy(&http, &base).await;
    let list: Value = http.get(format!("{base}/api/v1/announcements?kind=tender")).send().await.unwrap().json().await.unwrap();
    let project = list[0]["project_id"].as_str().unwrap();
    let p: Value = http.get(format!("{base}/api/v1/projects/{project}")).send().await.unwrap().json().await.unwrap();
    let lot = p["lots"][0]["id"].as_str().unwrap().to_string();
    let token = login(&http, &base, "supplier1").await;
    http.post(format!("{base}/api/v1/lots/{lot}/obtain")).bearer_auth(&token).json(&json!({})).send().await.unwrap();
    let client = Client::new(&Api { url: base.clone(), token }).unwrap();
    let key = KeyPair::generate();
    client.register(&key).await.unwrap();
    let content = BidContent { total_price: 1, unit_prices: vec![], declarations: Default::default(), files: vec![] };
    let receipt = client.submit(&key, &lot, &content).await.unwrap();
    server.kill();
    let store = Store::open(&config).await.unwrap();
    let file: String = sqlx::query_scalar("SELECT ciphertext_file_id FROM bids WHERE id = $1")
        .bind(&receipt.submission_id)
        .fetch_one(store.pool())
        .await
        .unwrap();
    store.close().await;
    let traced = std::fs::read_to_string(&trace).unwrap();
    let files_dir = data.path().join("files");
    let files_dir = files_dir.to_str().unwrap();
    assert!(
        traced.lines().any(|l| l.contains("fsync(") && l.contains(files_dir) && l.contains(&file) && l.ends_with("= 0")),
        "no fsync of the ciphertext file {file}:\n{traced}"
    );
    assert!(
        traced.lines().any(|l| l.contains("fsync(") && l.contains(&format!("<{files_dir}>"))),
        "no fsync of the files directory {files_dir}:\n{traced}"
    );
}
