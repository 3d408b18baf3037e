//! The load of `bench/bids.sh`, "burst before the deadline". N suppliers each go through the
//! whole admission flow against a running `caigou demo`: they register, upload a licence, submit
//! the profile, are approved by `admin`, obtain the documents of the demo's open-tender lot and
//! register a key. That is the setup, and it is not measured. Then every supplier submits ONE
//! sealed bid (a file of random bytes), C at a time, through `caigou::bidder::Client::submit`,
//! the CLI's own code. Not a test: see bench/README.md.
//!
//! ```text
//! bench_bids ciphertext-size --file-kib 256
//! bench_bids run --url http://127.0.0.1:18080 --suppliers 2000 --server-pid PID [--pg-pid PID]
//! ```
//!
//! `run` writes `key value` lines to stdout (the script parses them) and progress to stderr.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use caigou::AnyError;
use caigou::bidder::{Api, Client};
use caigou_domain::uscc::UnifiedSocialCreditCode;
use caigou_seal::{BidContent, BidFile, KeyPair};
use caigou_store::translog::Receipt;
use clap::{Parser, Subcommand};
use rand::RngCore;
use serde_json::{Value, json};

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Print the size in bytes of the ciphertext that a bid with one file of this size becomes.
    /// This is the size of the object that the server stores.
    CiphertextSize {
        #[arg(long, default_value_t = 256)]
        file_kib: usize,
    },
    /// Setup (not measured), then the measured burst.
    Run(RunArgs),
}

#[derive(Parser)]
struct RunArgs {
    #[arg(long)]
    url: String,
    #[arg(long, default_value_t = 2000)]
    suppliers: usize,
    /// Submissions in flight at once during the burst.
    #[arg(long, default_value_t = 64)]
    concurrency: usize,
    /// Suppliers set up at once. Registration and login hash passwords with argon2 on the
    /// server, so more than a few in parallel only costs memory on 2 cores.
    #[arg(long, default_value_t = 4)]
    setup_concurrency: usize,
    #[arg(long, default_value_t = 256)]
    file_kib: usize,
    /// The caigou server's pid: CPU time and peak RSS are read from /proc.
    #[arg(long)]
    server_pid: u32,
    /// The PostgreSQL postmaster's pid, if any: CPU time of it and its children.
    #[arg(long)]
    pg_pid: Option<u32>,
    /// Clock ticks per second of /proc/*/stat (`getconf CLK_TCK`).
    #[arg(long, default_value_t = 100)]
    clk_tck: u64,
    /// Idle time between the setup and the burst (lets background jobs such as mail settle).
    #[arg(long, default_value_t = 3)]
    settle_seconds: u64,
    /// Number the suppliers from here (usernames `benchNNNNN`, USCCs): another run against the
    /// same server needs new numbers.
    #[arg(long, default_value_t = 0)]
    first: usize,
    #[arg(long, default_value = "admin")]
    admin_user: String,
    #[arg(long, default_value = caigou::demo::DEMO_PASSWORD)]
    admin_password: String,
}

const PASSWORD: &str = "bench-password-1";

fn log(msg: impl AsRef<str>) {
    eprintln!("[bench_bids {:>8.1}s] {}", START.elapsed().as_secs_f64(), msg.as_ref());
}

static START: std::sync::LazyLock<Instant> = std::sync::LazyLock::new(Instant::now);

fn content(file_bytes: usize, price: i64) -> BidContent {
    let mut bytes = vec![0u8; file_bytes];
    rand::rng().fill_bytes(&mut bytes);
    BidContent {
        total_price: price,
        unit_prices: vec![("智慧黑板".into(), price / 20)],
        declarations: BTreeMap::from([("sme".into(), "small".into())]),
        files: vec![BidFile { name: "投标文件.bin".into(), content: caigou_seal::b64(&bytes) }],
    }
}

// ---------------------------------------------------------------------------------------------
// /proc readings.

/// Fields after the command name of /proc/PID/stat: [0] state, [1] ppid, [11] utime, [12] stime,
/// [13] cutime, [14] cstime.
fn stat_fields(pid: u32) -> Option<Vec<u64>> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &s[s.rfind(')')? + 2..];
    Some(rest.split_whitespace().skip(1).map(|f| f.parse().unwrap_or(0)).collect())
}

/// utime + stime of a process, all its threads included (also threads that have exited).
fn ticks(pid: u32) -> u64 {
    stat_fields(pid).map(|f| f[10] + f[11]).unwrap_or(0)
}

/// A PostgreSQL server: the postmaster (with its reaped children) plus its live children.
fn tree_ticks(parent: u32) -> u64 {
    let mut t = stat_fields(parent).map(|f| f[10] + f[11] + f[12] + f[13]).unwrap_or(0);
    if let Ok(dir) = std::fs::read_dir("/proc") {
        for e in dir.flatten() {
            let Some(pid) = e.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
            if let Some(f) = stat_fields(pid).filter(|f| f[0] == u64::from(parent)) {
                t += f[10] + f[11];
            }
        }
    }
    t
}

/// (busy, total) ticks of the whole machine from /proc/stat.
fn machine_ticks() -> (u64, u64) {
    let s = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let f: Vec<u64> = s.lines().next().unwrap_or_default().split_whitespace().skip(1).map(|x| x.parse().unwrap_or(0)).collect();
    if f.len() < 8 {
        return (0, 0);
    }
    (f[0] + f[1] + f[2] + f[5] + f[6] + f[7], f[..8].iter().sum())
}

/// Bytes written to the whole disks (not partitions) of the machine, from /proc/diskstats: by
/// everyone, so more than this process and the server wrote means someone else used the disk.
fn disk_written() -> u64 {
    let s = std::fs::read_to_string("/proc/diskstats").unwrap_or_default();
    s.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let whole = f.get(2).is_some_and(|n| std::path::Path::new(&format!("/sys/block/{n}")).exists());
            if whole { f.get(9)?.parse::<u64>().ok().map(|sectors| sectors * 512) } else { None }
        })
        .sum()
}

/// Microseconds during which some task waited for I/O (`/proc/pressure/io`, "some" total).
fn io_stall_us() -> u64 {
    let s = std::fs::read_to_string("/proc/pressure/io").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("some"))
        .and_then(|l| l.split_whitespace().find_map(|f| f.strip_prefix("total=")?.parse().ok()))
        .unwrap_or(0)
}

fn status_kb(pid: u32, key: &str) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix(':')))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// Resets VmHWM to the current RSS (`echo 5 > /proc/PID/clear_refs`, Linux ≥ 4.0, needs
/// permission on the process).
fn reset_hwm(pid: u32) -> bool {
    std::fs::write(format!("/proc/{pid}/clear_refs"), "5").is_ok()
}

// ---------------------------------------------------------------------------------------------
// The API, as a supplier and as admin.

async fn json_ok(r: reqwest::Response, what: &str) -> Result<Value, AnyError> {
    let status = r.status();
    let text = r.text().await?;
    if !status.is_success() {
        return Err(format!("{what}: {status}: {text}").into());
    }
    Ok(if text.is_empty() { Value::Null } else { serde_json::from_str(&text)? })
}

async fn login(http: &reqwest::Client, base: &str, user: &str, password: &str) -> Result<String, AnyError> {
    let r = http.post(format!("{base}/api/v1/auth/login")).json(&json!({"username": user, "password": password})).send().await?;
    let v = json_ok(r, "login").await?;
    Ok(v["token"].as_str().ok_or("no token in the login answer")?.to_string())
}

async fn post(http: &reqwest::Client, base: &str, path: &str, token: &str, body: &Value) -> Result<Value, AnyError> {
    json_ok(http.post(format!("{base}{path}")).bearer_auth(token).json(body).send().await?, path).await
}

struct Target {
    base: String,
    lot: String,
    region: String,
    admin: String,
}

/// One supplier from nothing to "may bid": returns its API client and key.
async fn make_supplier(http: &reqwest::Client, t: &Target, i: usize) -> Result<(Client, KeyPair), AnyError> {
    let base = &t.base;
    // 91 (enterprise) + division 330106 + a 9-character organization code + the check character.
    let first17 = format!("91330106BK{i:07}");
    let uscc = format!("{first17}{}", UnifiedSocialCreditCode::check_char(&first17).ok_or("USCC charset")?);
    let username = format!("bench{i:05}");
    let reg = json!({"name": format!("压测供应商{i:05}有限公司"), "uscc": uscc, "region_id": t.region, "username": username,
        "display_name": format!("投标员{i}"), "password": PASSWORD, "legal_representative": "王五", "address": format!("示范市科技园{i}号"),
        "contact_name": format!("投标员{i}"), "contact_phone": "13800000000", "contact_email": format!("bench{i}@example.invalid"), "size": "small"});
    let r = json_ok(http.post(format!("{base}/api/v1/suppliers/register")).json(&reg).send().await?, "register").await?;
    let org = r["org_id"].as_str().ok_or("no org_id")?.to_string();
    let token = login(http, base, &username, PASSWORD).await?;
    let part = reqwest::multipart::Part::bytes(format!("%PDF-1.4 营业执照 {uscc}").into_bytes())
        .file_name("营业执照.pdf")
        .mime_str("application/pdf")?;
    let r = http
        .post(format!("{base}/api/v1/files"))
        .bearer_auth(&token)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await?;
    let file = json_ok(r, "upload").await?["id"].as_str().ok_or("no file id")?.to_string();
    post(
        http,
        base,
        "/api/v1/supplier/qualifications",
        &token,
        &json!({"name": "营业执照", "number": format!("BENCH-{i}"), "file_id": file, "valid_until": "2099-12-31"}),
    )
    .await?;
    post(http, base, "/api/v1/supplier/submit", &token, &json!({})).await?;
    let v = post(http, base, &format!("/api/v1/suppliers/{org}/review"), &t.admin, &json!({"approve": true})).await?;
    if v["status"] != "approved" {
        return Err(format!("review did not approve: {v}").into());
    }
    post(http, base, &format!("/api/v1/lots/{}/obtain", t.lot), &token, &json!({})).await?;
    let client = Client::new(&Api { url: base.clone(), token })?;
    let key = KeyPair::generate();
    client.register(&key).await?;
    Ok((client, key))
}

async fn find_target(http: &reqwest::Client, a: &RunArgs) -> Result<Target, AnyError> {
    let base = a.url.trim_end_matches('/').to_string();
    let list = json_ok(http.get(format!("{base}/api/v1/announcements?kind=tender")).send().await?, "announcements").await?;
    let list = list.as_array().ok_or("announcements: not a list")?;
    let a0 = list
        .iter()
        .find(|x| x["title"].as_str().is_some_and(|t| t.contains("智慧教室设备采购")))
        .ok_or("no 智慧教室设备采购 tender announcement (is this a fresh `caigou demo`?)")?;
    let project = a0["project_id"].as_str().ok_or("announcement without project")?;
    let p = json_ok(http.get(format!("{base}/api/v1/projects/{project}")).send().await?, "project").await?;
    let lot = p["lots"][0]["id"].as_str().ok_or("project without lots")?.to_string();
    let regions = json_ok(http.get(format!("{base}/api/v1/regions")).send().await?, "regions").await?;
    let regions = regions.as_array().ok_or("regions: not a list")?;
    let region = regions.iter().find(|r| r["code"] == "990100").or(regions.first()).ok_or("no region")?["id"]
        .as_str()
        .ok_or("region without id")?
        .to_string();
    let admin = login(http, &base, &a.admin_user, &a.admin_password).await?;
    Ok(Target { base, lot, region, admin })
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[i.clamp(1, sorted.len()) - 1].as_secs_f64() * 1000.0
}

async fn run(a: RunArgs) -> Result<(), AnyError> {
    let http = reqwest::Client::builder().timeout(Duration::from_secs(120)).build()?;
    let t = Arc::new(find_target(&http, &a).await?);
    log(format!("lot {} of the 智慧教室设备采购 tender; setting up {} suppliers, {} at a time", t.lot, a.suppliers, a.setup_concurrency));

    // ---- setup (not measured) ----
    let setup0 = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let made: Arc<Mutex<Vec<(usize, Client, KeyPair)>>> = Arc::default();
    let mut workers = Vec::new();
    for _ in 0..a.setup_concurrency.max(1) {
        let (http, t, next, made, n, first) = (http.clone(), t.clone(), next.clone(), made.clone(), a.suppliers, a.first);
        workers.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    return Ok::<(), AnyError>(());
                }
                let (client, key) = make_supplier(&http, &t, first + i).await.map_err(|e| format!("supplier {}: {e}", first + i))?;
                let mut m = made.lock().unwrap();
                m.push((i, client, key));
                if m.len() % 100 == 0 || m.len() == n {
                    log(format!("setup: {}/{n} suppliers ready", m.len()));
                }
            }
        }));
    }
    for w in workers {
        w.await??;
    }
    let setup_seconds = setup0.elapsed().as_secs_f64();
    let mut bidders = std::mem::take(&mut *made.lock().unwrap());
    bidders.sort_by_key(|b| b.0);

    // The bids' contents are made before the burst (a supplier's files exist before it submits);
    // sealing them is part of `Client::submit` and so of the measured request.
    log(format!("making {} contents of {} KiB of random bytes", bidders.len(), a.file_kib));
    let contents: Vec<BidContent> = (0..bidders.len()).map(|i| content(a.file_kib * 1024, 1_000_000 + i as i64)).collect();
    let probe_key = KeyPair::generate();
    let mut seal_times: Vec<Duration> = (0..20)
        .map(|i| {
            let t0 = Instant::now();
            let env = caigou_seal::seal_bid(&probe_key, &t.lot, &contents[i % contents.len()], &[]).expect("seal");
            let d = t0.elapsed();
            std::hint::black_box(env);
            d
        })
        .collect();
    seal_times.sort();
    let env = caigou_seal::seal_bid(&probe_key, &t.lot, &contents[0], &[])?;
    let ciphertext_bytes = caigou_seal::unb64(&env.ciphertext)?.len();
    let request_bytes = serde_json::to_vec(&env)?.len();
    let head = json_ok(http.get(format!("{}/api/v1/log/head", t.base)).send().await?, "log head").await?;
    let log_size_before = head["size"].as_u64().unwrap_or(0);
    log(format!("setup took {setup_seconds:.1} s; log has {log_size_before} leaves; settling {} s", a.settle_seconds));
    tokio::time::sleep(Duration::from_secs(a.settle_seconds)).await;

    // ---- the burst (measured) ----
    let pg = a.pg_pid;
    let hwm_total_before = status_kb(a.server_pid, "VmHWM");
    let rss_before = status_kb(a.server_pid, "VmRSS");
    let hwm_reset = reset_hwm(a.server_pid);
    let self_pid = std::process::id();
    let (busy0, total0) = machine_ticks();
    let (disk0, stall0) = (disk_written(), io_stall_us());
    let (srv0, pg0, me0) = (ticks(a.server_pid), pg.map(tree_ticks).unwrap_or(0), ticks(self_pid));
    log(format!("burst: {} submissions of {} KiB, {} in flight", bidders.len(), a.file_kib, a.concurrency));

    let work: Arc<Vec<(Client, KeyPair, BidContent)>> =
        Arc::new(bidders.into_iter().zip(contents).map(|((_, c, k), content)| (c, k, content)).collect());
    let next = Arc::new(AtomicUsize::new(0));
    let t0 = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..a.concurrency.max(1) {
        let (work, next, lot) = (work.clone(), next.clone(), t.lot.clone());
        tasks.push(tokio::spawn(async move {
            let mut out: Vec<(Duration, Result<Receipt, String>)> = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((client, key, content)) = work.get(i) else { return out };
                let s = Instant::now();
                let r = client.submit(key, &lot, content).await.map_err(|e| e.to_string());
                out.push((s.elapsed(), r));
            }
        }));
    }
    let mut results = Vec::new();
    for task in tasks {
        results.extend(task.await?);
    }
    let burst = t0.elapsed().as_secs_f64();
    let (srv1, pg1, me1) = (ticks(a.server_pid), pg.map(tree_ticks).unwrap_or(0), ticks(self_pid));
    let (busy1, total1) = machine_ticks();
    let (disk1, stall1) = (disk_written(), io_stall_us());
    let hwm_burst = status_kb(a.server_pid, "VmHWM");
    let rss_after = status_kb(a.server_pid, "VmRSS");

    // ---- results ----
    let mut ok_lat: Vec<Duration> = Vec::new();
    let mut errors: BTreeMap<String, usize> = BTreeMap::new();
    let mut receipts = Vec::new();
    for (d, r) in results {
        match r {
            Ok(rc) => {
                ok_lat.push(d);
                receipts.push(rc);
            }
            Err(e) => *errors.entry(e.chars().take(200).collect()).or_default() += 1,
        }
    }
    ok_lat.sort();
    let verified = receipts.iter().filter(|r| r.verify(&r.log_public_key).is_ok()).count();
    let log_size_after = receipts.iter().map(|r| r.tree_head.size).max().unwrap_or(0);
    let accepted = ok_lat.len();
    let hz = a.clk_tck as f64;
    let srv_cpu = (srv1 - srv0) as f64 / hz;
    let pg_cpu = (pg1 - pg0) as f64 / hz;
    let me_cpu = (me1 - me0) as f64 / hz;
    let other = if total1 > total0 {
        let ours = (srv1 - srv0) + (pg1 - pg0) + (me1 - me0);
        (100.0 * (busy1 - busy0) as f64 - 100.0 * ours as f64) / (total1 - total0) as f64
    } else {
        0.0
    };
    let mean = ok_lat.iter().map(Duration::as_secs_f64).sum::<f64>() / accepted.max(1) as f64 * 1000.0;
    println!("suppliers {}", work.len());
    println!("concurrency {}", a.concurrency);
    println!("file_bytes {}", a.file_kib * 1024);
    println!("ciphertext_bytes {ciphertext_bytes}");
    println!("request_bytes {request_bytes}");
    println!("setup_seconds {setup_seconds:.1}");
    println!("log_size_before {log_size_before}");
    println!("log_size_after {log_size_after}");
    println!("burst_seconds {burst:.3}");
    println!("accepted {accepted}");
    println!("errors {}", errors.values().sum::<usize>());
    println!("accepted_per_s {:.2}", accepted as f64 / burst);
    println!("p50_ms {:.1}", pct(&ok_lat, 50.0));
    println!("p90_ms {:.1}", pct(&ok_lat, 90.0));
    println!("p99_ms {:.1}", pct(&ok_lat, 99.0));
    println!("max_ms {:.1}", ok_lat.last().map(|d| d.as_secs_f64() * 1000.0).unwrap_or(f64::NAN));
    println!("mean_ms {mean:.1}");
    println!("seal_p50_ms {:.2}", pct(&seal_times, 50.0));
    println!("server_cpu_s {srv_cpu:.2}");
    println!("server_cpu_ms_per_bid {:.2}", 1000.0 * srv_cpu / accepted.max(1) as f64);
    println!("pg_cpu_s {pg_cpu:.2}");
    println!("client_cpu_s {me_cpu:.2}");
    println!("other_cpu_pct {:.0}", other.max(0.0));
    println!("disk_written_mib {:.1}", (disk1 - disk0) as f64 / 1048576.0);
    println!("stored_ciphertext_mib {:.1}", (accepted * ciphertext_bytes) as f64 / 1048576.0);
    println!("io_pressure_pct {:.0}", (stall1 - stall0) as f64 / (burst * 1e6) * 100.0);
    println!("server_rss_before_kb {rss_before}");
    println!("server_rss_after_kb {rss_after}");
    println!("server_hwm_burst_kb {hwm_burst}");
    println!("server_hwm_reset {}", u8::from(hwm_reset));
    println!("server_hwm_setup_kb {hwm_total_before}");
    println!("receipts_verified {verified}");
    for (e, n) in &errors {
        log(format!("error ×{n}: {e}"));
    }
    if verified != accepted {
        log(format!("WARNING: only {verified} of {accepted} receipts verify"));
    }
    log(format!(
        "accepted {accepted}/{} in {burst:.1} s = {:.1}/s; p50 {:.0} ms, p99 {:.0} ms; server CPU {srv_cpu:.1} s, PostgreSQL {pg_cpu:.1} s, client {me_cpu:.1} s",
        work.len(),
        accepted as f64 / burst,
        pct(&ok_lat, 50.0),
        pct(&ok_lat, 99.0)
    ));
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), AnyError> {
    std::sync::LazyLock::force(&START);
    match Cli::parse().command {
        Cmd::CiphertextSize { file_kib } => {
            let env = caigou_seal::seal_bid(&KeyPair::generate(), "lot", &content(file_kib * 1024, 1_000_000), &[])?;
            println!("{}", caigou_seal::unb64(&env.ciphertext)?.len());
        }
        Cmd::Run(a) => run(a).await?,
    }
    Ok(())
}
