//! `caigou serve` and `caigou demo`: open the store, start the background jobs, serve HTTP,
//! and shut down gracefully on SIGINT/SIGTERM (in-flight requests finish).

use std::net::SocketAddr;
use std::process::ExitCode;

use caigou_store::{Store, StoreConfig};
use caigou_web::{AppState, WebConfig};
use clap::Args;
use tokio::sync::watch;

use crate::{AnyError, demo, mailer};

#[derive(Args, Clone)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "CAIGOU_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Training/sandbox platform.
    #[arg(long)]
    sandbox: bool,
    /// Start a new sandbox platform's clock at DATE (10:00 China time); implies --sandbox. A
    /// sandbox whose clock was set before keeps it.
    #[arg(long, value_name = "DATE")]
    clock: Option<jiff::civil::Date>,
    /// Mark cookies Secure (serve over TLS, or behind a TLS proxy).
    #[arg(long, env = "CAIGOU_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Reverse proxies whose X-Forwarded-For is believed (`CIDR,CIDR…`, e.g. `127.0.0.1/32`): the
    /// client address is the rightmost hop not among them. Unset: the peer address.
    #[arg(long, env = "CAIGOU_TRUSTED_PROXIES", value_delimiter = ',', value_name = "CIDR", value_parser = parse_net)]
    trusted_proxies: Vec<ipnet::IpNet>,
    /// The site's public address, e.g. `https://caigou.example.gov.cn` (absolute links in the
    /// Atom feed); unset: the address each request was made to.
    #[arg(long, env = "CAIGOU_PUBLIC_URL", value_name = "URL")]
    public_url: Option<url::Url>,
    /// Outgoing mail: `smtp://host:port` (or `smtps://user:pass@host`). Unset: emails wait in the outbox.
    #[arg(long, env = "CAIGOU_SMTP_URL")]
    smtp_url: Option<String>,
    /// Sender address for outgoing mail.
    #[arg(long, env = "CAIGOU_MAIL_FROM", default_value = "采购云 <noreply@caigou.invalid>")]
    mail_from: String,
}

/// A network (`10.0.0.0/8`) or one address (`127.0.0.1`).
fn parse_net(s: &str) -> Result<ipnet::IpNet, String> {
    s.trim()
        .parse::<ipnet::IpNet>()
        .or_else(|_| s.trim().parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        .map_err(|_| format!("not an address or CIDR network: {s}"))
}

pub fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("CAIGOU_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let json = std::env::var("CAIGOU_LOG_FORMAT").is_ok_and(|v| v == "json");
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

async fn shutdown_signal(tx: watch::Sender<bool>) {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down: finishing in-flight requests");
    let _ = tx.send(true);
}

pub async fn serve(config: StoreConfig, args: ServeArgs, seed_demo: bool) -> Result<ExitCode, AnyError> {
    let store = Store::open(&config).await?;
    let mut sandbox = args.sandbox;
    if let Some(date) = args.clock {
        sandbox = true;
        caigou_store::clock::sandbox_start_at(&store, date).await?;
    } else if sandbox {
        caigou_store::clock::sandbox_load(&store).await?;
    }
    if seed_demo && let Some(seeded) = demo::seed(&store).await? {
        tracing::info!(demo_clock = ?seeded.demo_clock, skipped = ?seeded.skipped, "demo data seeded");
    }
    // A demo seeded on its own clock is a sandbox for good (its clock is persisted), however it
    // is started later.
    let demo_clock = demo::demo_clock(&store).await?;
    if demo_clock.is_some() && !sandbox {
        sandbox = true;
        caigou_store::clock::sandbox_load(&store).await?;
    }
    let listener = tokio::net::TcpListener::bind(args.listen).await.map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    let addr = listener.local_addr()?;
    let web = WebConfig {
        secure_cookies: args.secure_cookies,
        trusted_proxies: args.trusted_proxies.clone(),
        sandbox,
        demo: seed_demo,
        demo_clock: demo_clock.clone(),
        public_url: args.public_url.as_ref().map(|u| u.as_str().to_string()),
        ..WebConfig::default()
    };
    let state = AppState::new(store.clone(), web);

    let (stop_tx, stop_rx) = watch::channel(false);
    let mail = tokio::spawn(mailer::run(store.clone(), args.smtp_url.clone(), args.mail_from.clone(), stop_rx.clone()));
    let reminders = tokio::spawn(remind(store.clone(), stop_rx.clone()));
    let scheduler = tokio::spawn(run_scheduled(store.clone(), sandbox, std::time::Duration::from_secs(1), stop_rx.clone()));

    println!("采购云 Caigou listening on http://{addr}/");
    if seed_demo {
        demo::print_logins(addr, demo_clock.as_deref());
    }
    let mut stop = stop_rx.clone();
    let shutdown = async move {
        let _ = stop.wait_for(|s| *s).await;
    };
    tokio::spawn(shutdown_signal(stop_tx));
    caigou_web::serve(listener, state, shutdown).await?;
    let _ = mail.await;
    let _ = reminders.await;
    let _ = scheduler.await;
    store.close().await;
    Ok(ExitCode::SUCCESS)
}

/// Sends due reminders every ten minutes (each reminder once, whichever server sends it).
async fn remind(store: Store, mut stop: watch::Receiver<bool>) {
    loop {
        match caigou_store::reminders::run_due(&store).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(sent = n, "reminders sent"),
            Err(e) => tracing::error!(error = %e, "reminders failed"),
        }
        let day_ago = store.clock().now_ms() - 24 * 3_600_000;
        if let Err(e) = caigou_store::rate_limits::purge(&store, day_ago).await {
            tracing::warn!(error = %e, "purging rate-limit windows failed");
        }
        if let Err(e) = caigou_store::budget::purge_staging(&store, day_ago).await {
            tracing::warn!(error = %e, "purging abandoned budget imports failed");
        }
        tokio::select! {
            _ = tokio::time::sleep(std::time::Duration::from_secs(600)) => {}
            _ = stop.wait_for(|s| *s) => return,
        }
    }
}

/// Fires scheduled transitions (documents windows closing, deadlines) as the platform clock
/// passes them, every `tick`. On a sandbox platform it first re-reads the shared clock, so
/// every server follows an admin's move. Each job takes effect once across servers.
pub async fn run_scheduled(store: Store, sandbox: bool, tick: std::time::Duration, mut stop: watch::Receiver<bool>) {
    let handlers = caigou_store::job_handlers();
    loop {
        if sandbox && let Err(e) = caigou_store::clock::sandbox_sync(&store).await {
            tracing::error!(error = %e, "sandbox clock sync failed");
        }
        match caigou_store::scheduled::run_due(&store, &handlers).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(fired = n, "scheduled transitions"),
            Err(e) => tracing::error!(error = %e, "scheduled transitions failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(tick) => {}
            _ = stop.wait_for(|s| *s) => return,
        }
    }
}
