//! `caigou`: one binary for the platform. Every command is a thin shell over the store and web
//! crates; see ARCHITECTURE.md.

use caigou::{AnyError, server};

use std::path::PathBuf;
use std::process::ExitCode;

use caigou_store::{Store, StoreConfig, audit};
use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(name = "caigou", version, about = "采购云 — open-source electronic government procurement platform")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the platform's data is: given to the commands that open the database, after the
/// command's name (`caigou demo --data DIR`, `caigou audit verify --data DIR`); the bidder's and
/// custodian's commands talk to a server and do not show these flags.
#[derive(Args, Clone)]
struct StoreArgs {
    /// Data directory: the SQLite database and uploaded files live here by default.
    #[arg(long = "data", env = "CAIGOU_DATA_DIR", default_value = "./data", global = true)]
    data: PathBuf,
    /// `postgres://user:pass@host/db` for PostgreSQL; default: SQLite in the data directory.
    #[arg(long, env = "CAIGOU_DATABASE_URL", global = true)]
    database_url: Option<String>,
    /// Where uploaded files go: `file:///dir` or `s3://bucket/prefix`; default: DATA/files.
    #[arg(long, env = "CAIGOU_OBJECT_STORE_URL", global = true)]
    object_store_url: Option<String>,
}

impl StoreArgs {
    fn config(&self) -> StoreConfig {
        let mut c = StoreConfig::new(&self.data);
        c.database_url = self.database_url.clone().filter(|s| !s.is_empty());
        c.object_store_url = self.object_store_url.clone().filter(|s| !s.is_empty());
        c
    }
}

#[derive(Subcommand)]
enum Command {
    /// Run the platform.
    Serve {
        #[command(flatten)]
        store: StoreArgs,
        #[command(flatten)]
        args: server::ServeArgs,
    },
    /// Seed the demo region on an empty database (once), then serve.
    Demo {
        #[command(flatten)]
        store: StoreArgs,
        #[command(flatten)]
        args: server::ServeArgs,
    },
    /// Run database migrations and exit.
    Migrate {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// The tamper-evident audit trail.
    Audit {
        #[command(flatten)]
        store: StoreArgs,
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// The working-day calendar.
    Calendar {
        #[command(flatten)]
        store: StoreArgs,
        #[command(subcommand)]
        command: CalendarCommand,
    },
    /// Write an online backup of the SQLite database to FILE.
    Backup {
        #[command(flatten)]
        store: StoreArgs,
        #[arg(long)]
        to: PathBuf,
    },
    /// Restore a backup made with `caigou backup` into the data directory (server stopped).
    Restore {
        #[command(flatten)]
        store: StoreArgs,
        #[arg(long)]
        from: PathBuf,
    },
    /// The supplier's side of sealed bidding: keys, submitting, withdrawing.
    Bidder {
        #[command(subcommand)]
        command: caigou::bidder::BidderCommand,
    },
    /// Opening custodians: keys, the opening key ceremony, releasing shares.
    Custodian {
        #[command(subcommand)]
        command: caigou::custodian::CustodianCommand,
    },
    /// Bid receipts.
    Receipt {
        #[command(subcommand)]
        command: ReceiptCommand,
    },
    /// Random draws (随机抽取) of experts, invitees and tie-breaks.
    Draw {
        #[command(subcommand)]
        command: DrawCommand,
    },
    /// Print the JSON API's OpenAPI 3 document (as served at /api/v1/openapi.json).
    Openapi,
}

#[derive(Subcommand)]
enum DrawCommand {
    /// Re-run a published draw record (JSON) and say whether it matches; with --revealed (the
    /// names and salts published with the result, a JSON list of {id, salt}), also check that
    /// they are exactly the committed candidates. Exit 1 naming what does not match.
    Verify {
        record: PathBuf,
        #[arg(long)]
        revealed: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ReceiptCommand {
    /// Verify a receipt offline; with --log, also against the log's current signed head.
    Verify {
        receipt: PathBuf,
        /// The platform's address, to check the log has only grown since the receipt.
        #[arg(long)]
        log: Option<String>,
        /// The log's public key, pinned (default: the one in the receipt).
        #[arg(long)]
        key: Option<String>,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check every entry's hash and link; exit 1 naming the first bad entry.
    Verify,
}

#[derive(Subcommand)]
enum CalendarCommand {
    /// Print the date N working days after DATE (counting starts the next day).
    AddWorkingDays { date: String, n: u32 },
    /// Print whether DATE is a working day (exit 0) or not (exit 1).
    IsWorkingDay { date: String },
    /// Load or replace a year from a holiday-cn JSON file.
    Load { file: PathBuf },
}

/// glibc raises its mmap threshold each time a large block is freed (up to 32 MiB), after which
/// argon2's 19 MiB blocks and bid bodies of a few hundred KiB come from the heap arenas and stay
/// there: a server that had logged in a few thousand users and taken a burst of bids held
/// 1.2–1.3 GiB. A fixed threshold keeps blocks of 256 KiB and more in their own mappings, given
/// back when freed (bench/README.md, "Memory").
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    // SAFETY: mallopt only changes allocator parameters; called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}

fn main() -> ExitCode {
    tune_allocator();
    let cli = Cli::parse();
    server::init_tracing();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("错误 / error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A message in every language, Chinese first, for the terminal.
fn both(text: &caigou_domain::Msg) -> String {
    caigou_domain::Lang::ALL.map(|l| caigou_i18n::catalog().msg(l, text)).join(" / ")
}

fn rejected(e: caigou_store::StoreError) -> AnyError {
    match e {
        caigou_store::StoreError::Rejected { code, text } => format!("{} [{code}]", both(&text)).into(),
        other => other.into(),
    }
}

async fn run(cli: Cli) -> Result<ExitCode, AnyError> {
    match cli.command {
        Command::Serve { store, args } => server::serve(store.config(), args, false).await,
        Command::Demo { store, args } => server::serve(store.config(), args, true).await,
        Command::Bidder { command } => {
            caigou::bidder::run(command).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Custodian { command } => {
            caigou::custodian::run(command).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Receipt { command: ReceiptCommand::Verify { receipt, log, key } } => {
            match caigou::bidder::verify_receipt(&receipt, log.as_deref(), key.as_deref()).await {
                Ok(msg) => {
                    println!("{msg}");
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprintln!("receipt INVALID: {e}");
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::Draw { command: DrawCommand::Verify { record, revealed } } => {
            use caigou_domain::evaluation::draw;
            let read = |p: &PathBuf| -> Result<String, AnyError> {
                std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()).into())
            };
            let record: draw::DrawRecord = serde_json::from_str(&read(&record)?)?;
            let revealed: Option<Vec<draw::Candidate>> = match &revealed {
                Some(p) => Some(serde_json::from_str(&read(p)?)?),
                None => None,
            };
            match draw::verify(&record, revealed.as_deref()) {
                Ok(()) => {
                    println!(
                        "draw OK: {} candidates, {} in the drawn order ({})",
                        record.leaves.len(),
                        record.order.len(),
                        record.algorithm
                    );
                    if let Some(r) = &revealed {
                        println!("order: {}", draw::ordered_ids(&record, r).join(", "));
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprintln!("draw INVALID: {e}");
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::Openapi => {
            println!("{}", caigou_web::api::openapi_document());
            Ok(ExitCode::SUCCESS)
        }
        Command::Migrate { store } => {
            let config = store.config();
            let store = Store::open(&config).await?;
            println!("migrations applied ({})", config.database_url().split('@').next_back().unwrap_or_default());
            store.close().await;
            Ok(ExitCode::SUCCESS)
        }
        Command::Audit { store, command: AuditCommand::Verify } => {
            let store = Store::open(&store.config()).await?;
            let outcome = audit::verify(&store).await?;
            store.close().await;
            match outcome {
                audit::Verification::Intact { entries } => {
                    println!("审计日志完整 / audit chain intact: {entries} entries");
                    Ok(ExitCode::SUCCESS)
                }
                audit::Verification::Broken(b) => {
                    let at = b.seq().map(|s| format!("entry {s}")).unwrap_or_else(|| "chain head".into());
                    println!("审计日志被篡改 / audit chain BROKEN at {at}: {b}");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        Command::Calendar { store, command } => calendar(store.config(), command).await,
        Command::Backup { store, to } => {
            let store = Store::open(&store.config()).await?;
            caigou_store::backup::backup_to(&store, &to).await.map_err(rejected)?;
            store.close().await;
            println!("backup written to {}", to.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Restore { store, from } => restore(store.config(), from).await,
    }
}

async fn calendar(config: StoreConfig, command: CalendarCommand) -> Result<ExitCode, AnyError> {
    let store = Store::open(&config).await?;
    let parse = |s: &str| {
        s.parse::<jiff::civil::Date>().map_err(|_| AnyError::from(format!("日期格式应为 YYYY-MM-DD / dates are YYYY-MM-DD: {s}")))
    };
    let result = match command {
        CalendarCommand::AddWorkingDays { date, n } => {
            let cal = caigou_store::calendar::load(&store).await?;
            let d = cal.add_working_days(parse(&date)?, n).map_err(|e| both(&caigou_domain::Localized::msg(&e)))?;
            println!("{d}");
            ExitCode::SUCCESS
        }
        CalendarCommand::IsWorkingDay { date } => {
            let cal = caigou_store::calendar::load(&store).await?;
            let working = cal.is_working_day(parse(&date)?).map_err(|e| both(&caigou_domain::Localized::msg(&e)))?;
            println!("{}", if working { "working day / 工作日" } else { "day off / 休息日" });
            if working { ExitCode::SUCCESS } else { ExitCode::from(1) }
        }
        CalendarCommand::Load { file } => {
            let text = std::fs::read_to_string(&file)?;
            let year = caigou_store::calendar::load_year(&store, &audit::Actor::system("cli"), &text).await.map_err(rejected)?;
            println!("loaded {year}");
            ExitCode::SUCCESS
        }
    };
    store.close().await;
    Ok(result)
}

/// Restores a SQLite backup: checks the file's integrity and audit chain first, refuses to
/// overwrite an existing database.
async fn restore(config: StoreConfig, from: PathBuf) -> Result<ExitCode, AnyError> {
    if config.database_url.is_some() {
        return Err("restore works on the SQLite database; for PostgreSQL use pg_restore / psql (see README)".into());
    }
    let target = config.data_dir.join("caigou.db");
    if target.exists() {
        return Err(format!("{} exists: move it away first (the server must be stopped)", target.display()).into());
    }
    // Check the backup on its own before it becomes the live database.
    let probe_dir = std::env::temp_dir().join(format!("caigou-restore-{}", std::process::id()));
    std::fs::create_dir_all(&probe_dir)?;
    let probe_db = probe_dir.join("caigou.db");
    std::fs::copy(&from, &probe_db)?;
    let mut probe_cfg = StoreConfig::new(&probe_dir);
    probe_cfg.object_store_url = config.object_store_url.clone();
    let probe = Store::connect(&probe_cfg).await?;
    let verdict = audit::verify(&probe).await;
    probe.close().await;
    let _ = std::fs::remove_dir_all(&probe_dir);
    match verdict? {
        audit::Verification::Intact { entries } => {
            std::fs::create_dir_all(&config.data_dir)?;
            std::fs::copy(&from, &target)?;
            println!("restored {} ({entries} audit entries verified) into {}", from.display(), target.display());
            Ok(ExitCode::SUCCESS)
        }
        audit::Verification::Broken(b) => Err(format!("the backup's audit chain is broken ({b}); not restored").into()),
    }
}
