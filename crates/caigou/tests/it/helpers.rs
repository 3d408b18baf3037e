//! `spawn_app`: a real `caigou` server on a fresh database (SQLite file or a new PostgreSQL
//! database), seeded with the demo, on a random loopback port.

use std::time::Duration;

use caigou_store::{Store, StoreConfig};
use caigou_web::{AppState, WebConfig};
use reqwest::StatusCode;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs an async test body once per database: `both!(name, body_fn)`.
macro_rules! both {
    ($name:ident, $body:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$body(crate::helpers::spawn_app(crate::helpers::Backend::Sqlite).await).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$body(crate::helpers::spawn_app(crate::helpers::Backend::Postgres).await).await
            }
        }
    };
}

pub struct TestApp {
    pub base: String,
    pub store: Store,
    pub config: StoreConfig,
    pub http: reqwest::Client,
    pub data: tempfile::TempDir,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

/// A fresh PostgreSQL database on the test server.
pub async fn fresh_pg_url() -> String {
    use sqlx::Connection;
    let admin = std::env::var("CAIGOU_TEST_PG_URL")
        .expect("CAIGOU_TEST_PG_URL is not set: run the suite with scripts/test.sh, which starts a throwaway PostgreSQL server");
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&admin).await.expect("connect to the PostgreSQL test server");
    let name = format!("caigou_test_{}", uuid_simple());
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&mut conn).await.expect("create test database");
    conn.close().await.ok();
    let (prefix, _) = admin.rsplit_once('/').expect("URL has a database path");
    format!("{prefix}/{name}")
}

fn uuid_simple() -> String {
    use rand::Rng;
    format!("{:016x}", rand::rng().random::<u64>())
}

/// The date every test's platform clock starts at (10:00 China time): inside the shipped
/// calendar, so the suite gives the same result on any day of any year. No test reads the real
/// date; a test that needs another day moves the platform clock.
pub const TEST_TODAY: jiff::civil::Date = jiff::civil::date(2026, 11, 2);

/// `caigou demo`'s flag that starts a spawned process on the same day as the in-process tests.
pub const TEST_CLOCK_ARGS: [&str; 2] = ["--clock", "2026-11-02"];

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, WebConfig::default()).await
}

/// A fresh, unseeded store (SQLite file or new PostgreSQL database) whose platform clock stands
/// at [`TEST_TODAY`].
pub async fn fresh_store(backend: Backend) -> (Store, StoreConfig, tempfile::TempDir) {
    let data = tempfile::tempdir().expect("temp dir");
    let mut config = StoreConfig::new(data.path());
    config.max_connections = 6;
    if backend == Backend::Postgres {
        config.database_url = Some(fresh_pg_url().await);
    }
    let store = Store::open(&config).await.expect("open store");
    store.clock().travel_to(TEST_TODAY);
    (store, config, data)
}

pub async fn spawn_app_with(backend: Backend, web: WebConfig) -> TestApp {
    let (store, config, data) = fresh_store(backend).await;
    let seeded = caigou::demo::seed(&store).await.expect("seed demo").expect("a fresh database is seeded");
    assert_eq!(seeded.demo_clock, None, "the test day fits the demo's timeline");
    assert!(seeded.skipped.is_empty(), "demo parts skipped: {:?}", seeded.skipped);
    let (base, shutdown) = start_server(store.clone(), web).await;
    TestApp { base, store, config, http: client(), data, _shutdown: shutdown }
}

/// Serves `store` on a random loopback port until the returned sender is dropped.
pub async fn start_server(store: Store, web: WebConfig) -> (String, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let state = AppState::new(store, web);
    tokio::spawn(async move {
        let _ = caigou_web::serve(listener, state, async move {
            let _ = rx.await;
        })
        .await;
    });
    (format!("http://{addr}"), tx)
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).timeout(Duration::from_secs(30)).build().expect("client")
}

pub fn cookie_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

/// A child process in its own process group, killed with the whole group when dropped (a test
/// that panics, or a traced process whose tracer was killed, leaves nothing running).
pub struct Spawned(pub std::process::Child);

impl Spawned {
    pub fn spawn(cmd: &mut std::process::Command) -> std::io::Result<Spawned> {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0).spawn().map(Spawned)
    }

    /// SIGKILLs every process of the group and reaps the child.
    pub fn kill(&mut self) {
        if let Ok(pid) = i32::try_from(self.0.id()) {
            // SAFETY: kill(2) with a negative pid signals the process group this guard created.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
            }
        }
        let _ = self.0.wait();
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        self.kill();
    }
}

impl TestApp {
    /// A second store on this app's database (as another server would open it), on the same
    /// platform clock.
    pub async fn another_store(&self) -> Store {
        let other = Store::open(&self.config).await.expect("second store");
        other.clock().set_offset_ms(self.store.clock().offset_ms());
        other
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Signs in through the API and returns the bearer token.
    pub async fn token(&self, username: &str) -> String {
        let r = self
            .http
            .post(self.url("/api/v1/auth/login"))
            .json(&serde_json::json!({"username": username, "password": caigou::demo::DEMO_PASSWORD}))
            .send()
            .await
            .expect("login");
        assert_eq!(r.status(), StatusCode::OK, "login as {username}");
        r.json::<Value>().await.expect("json")["token"].as_str().expect("token").to_string()
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> (StatusCode, Value) {
        let mut req = self.http.get(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let r = req.send().await.expect("request");
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> (StatusCode, Value) {
        let mut req = self.http.post(self.url(path)).json(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let r = req.send().await.expect("request");
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// Runs the real `caigou` binary against this app's database.
    pub fn cli(&self, args: &[&str]) -> std::process::Output {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_caigou"));
        match &self.config.database_url {
            Some(url) => cmd.env("CAIGOU_DATABASE_URL", url),
            None => cmd.env_remove("CAIGOU_DATABASE_URL"),
        };
        cmd.args(args);
        // The store flags follow the command, and only the commands that open the database have them.
        if matches!(args.first(), Some(&("audit" | "calendar" | "migrate" | "backup" | "restore" | "serve" | "demo"))) {
            cmd.arg("--data").arg(self.data.path());
        }
        cmd.output().expect("run caigou")
    }

    pub async fn region_id(&self, code: &str) -> String {
        let (_, regions) = self.get("/api/v1/regions", None).await;
        regions.as_array().expect("list").iter().find(|r| r["code"] == code).expect("region")["id"].as_str().expect("id").to_string()
    }
}
