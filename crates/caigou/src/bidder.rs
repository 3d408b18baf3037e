//! `caigou bidder` and `caigou receipt`: the supplier's side of sealed bidding, talking to the
//! JSON API. Keys are made and kept here, bids are encrypted and signed here; the server only
//! ever receives ciphertext. Also used by tests and the benchmark, so they exercise this code.

use std::path::{Path, PathBuf};

use caigou_seal::{BidContent, BidFile, Envelope, KeyPair};
use caigou_store::translog::{Receipt, TreeHead};
use clap::{Args, Subcommand};
use serde::{Deserialize, Serialize};

use crate::AnyError;

#[derive(Subcommand)]
pub enum BidderCommand {
    /// Make a key pair and write it to FILE (keep it safe: it opens your bids).
    Keygen {
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        suite: SuiteArg,
    },
    /// Register the key's public half with the platform.
    Register {
        #[command(flatten)]
        api: Api,
        #[arg(long)]
        key: PathBuf,
    },
    /// Encrypt, sign and submit a bid; save the receipt.
    Submit {
        #[command(flatten)]
        api: Api,
        #[arg(long)]
        key: PathBuf,
        #[arg(long)]
        lot: String,
        /// 投标总价, in fen.
        #[arg(long)]
        price: i64,
        /// Unit price of an item: `NAME=FEN` (repeatable).
        #[arg(long = "unit-price")]
        unit_prices: Vec<String>,
        /// A declaration: `KEY=VALUE` (repeatable), e.g. `sme=small`.
        #[arg(long = "declare")]
        declarations: Vec<String>,
        /// A response document (repeatable).
        #[arg(long = "file")]
        files: Vec<PathBuf>,
        /// Where to save the receipt.
        #[arg(long, default_value = "receipt.json")]
        receipt: PathBuf,
    },
    /// At the opening: unwrap your content key with your private key and release it.
    Decrypt {
        #[command(flatten)]
        api: Api,
        #[arg(long)]
        key: PathBuf,
        #[arg(long)]
        lot: String,
    },
    /// Withdraw your bid on a lot.
    Withdraw {
        #[command(flatten)]
        api: Api,
        #[arg(long)]
        lot: String,
    },
}

#[derive(Args, Clone)]
pub struct Api {
    /// The platform's address, e.g. https://caigou.example.gov.cn
    #[arg(long, env = "CAIGOU_URL")]
    pub url: String,
    /// An API token (`POST /api/v1/tokens`, or your account page).
    #[arg(long, env = "CAIGOU_TOKEN")]
    pub token: String,
}

/// `--suite p256` (default: ECDSA/ECIES P-256, AES-256-GCM, SHA-256) or `--suite sm2`
/// (SM2/SM4-GCM/SM3). Bids are sealed in their key's suite.
#[derive(Args, Clone, Default)]
pub struct SuiteArg {
    #[arg(long = "suite", value_enum, default_value_t = Suite::P256)]
    pub suite: Suite,
}

#[derive(clap::ValueEnum, Clone, Copy, Default, PartialEq, Eq, Debug)]
pub enum Suite {
    #[default]
    P256,
    Sm2,
}

impl Suite {
    pub fn name(self) -> &'static str {
        match self {
            Suite::P256 => caigou_seal::SUITE,
            Suite::Sm2 => caigou_seal::SM_SUITE,
        }
    }
}

#[derive(Serialize, Deserialize)]
pub struct KeyFile {
    pub suite: String,
    pub key_id: String,
    pub public_key: String,
    pub secret_key: String,
}

/// Makes a key pair and writes its key file: protected by a passphrase when
/// `CAIGOU_KEY_PASSPHRASE` is set (the browser's export format), else plain (mode 0600).
pub fn keygen(out: &Path, suite: Suite) -> Result<KeyFile, AnyError> {
    let kp = KeyPair::generate_for(suite.name())?;
    let f = KeyFile { suite: kp.suite().into(), key_id: kp.key_id(), public_key: kp.public_hex(), secret_key: kp.secret_hex() };
    match std::env::var("CAIGOU_KEY_PASSPHRASE").ok().filter(|p| !p.is_empty()) {
        Some(pass) => write_private(out, &serde_json::to_vec_pretty(&caigou_seal::protect(&kp, &pass, caigou_seal::KDF_ITERATIONS))?)?,
        None => write_private(out, &serde_json::to_vec_pretty(&f)?)?,
    }
    Ok(f)
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<(), AnyError> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts.open(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    f.write_all(bytes)?;
    Ok(())
}

/// Reads a key file: plain, or passphrase-protected (passphrase from `CAIGOU_KEY_PASSPHRASE`).
pub fn load_key(path: &Path) -> Result<KeyPair, AnyError> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let v: serde_json::Value = serde_json::from_slice(&bytes)?;
    if v.get("kdf").is_some() {
        let f: caigou_seal::ProtectedKey = serde_json::from_value(v)?;
        let pass = std::env::var("CAIGOU_KEY_PASSPHRASE").map_err(|_| "this key file is protected: set CAIGOU_KEY_PASSPHRASE")?;
        return Ok(caigou_seal::unprotect(&f, &pass)?);
    }
    let f: KeyFile = serde_json::from_value(v)?;
    Ok(KeyPair::from_secret_hex(&f.secret_key)?)
}

/// A client of the platform's API.
pub struct Client {
    http: reqwest::Client,
    url: String,
    token: String,
}

impl Client {
    pub fn new(api: &Api) -> Result<Client, AnyError> {
        let http = reqwest::Client::builder().user_agent(concat!("caigou-bidder/", env!("CARGO_PKG_VERSION"))).build()?;
        Ok(Client { http, url: api.url.trim_end_matches('/').to_string(), token: api.token.clone() })
    }

    pub async fn post<T: for<'de> Deserialize<'de>>(&self, path: &str, body: &impl Serialize) -> Result<T, AnyError> {
        let r = self.http.post(format!("{}{path}", self.url)).bearer_auth(&self.token).json(body).send().await?;
        let status = r.status();
        let text = r.text().await?;
        if !status.is_success() {
            return Err(format!("{status}: {text}").into());
        }
        Ok(serde_json::from_str(if text.is_empty() { "null" } else { &text })?)
    }

    pub async fn get<T: for<'de> Deserialize<'de>>(&self, path: &str) -> Result<T, AnyError> {
        let r = self.http.get(format!("{}{path}", self.url)).bearer_auth(&self.token).send().await?;
        let status = r.status();
        let text = r.text().await?;
        if !status.is_success() {
            return Err(format!("{status}: {text}").into());
        }
        Ok(serde_json::from_str(&text)?)
    }

    pub async fn register(&self, kp: &KeyPair) -> Result<serde_json::Value, AnyError> {
        self.post("/api/v1/supplier/keys", &serde_json::json!({"public_key": kp.public_hex()})).await
    }

    /// Seals `content` for `lot` and submits it; returns the receipt.
    pub async fn submit(&self, kp: &KeyPair, lot: &str, content: &BidContent) -> Result<Receipt, AnyError> {
        let opening: serde_json::Value = self.get(&format!("/api/v1/lots/{lot}/opening-key")).await?;
        let recipients: Vec<&str> = opening["public_key"].as_str().into_iter().collect();
        let env: Envelope = caigou_seal::seal_bid(kp, lot, content, &recipients)?;
        self.post(&format!("/api/v1/lots/{lot}/bids"), &env).await
    }

    /// Your submissions on a lot (hashes and sizes; the platform holds nothing else).
    pub async fn own_bids(&self, lot: &str) -> Result<serde_json::Value, AnyError> {
        self.get(&format!("/api/v1/lots/{lot}/bids")).await
    }

    /// Decrypts the content key of your valid bid locally and releases it at the opening;
    /// returns the total price the platform opened.
    pub async fn decrypt(&self, kp: &KeyPair, lot: &str) -> Result<i64, AnyError> {
        let _: serde_json::Value = self.post(&format!("/api/v1/lots/{lot}/opening/sign-in"), &serde_json::json!({})).await?;
        let current: serde_json::Value = self.get(&format!("/api/v1/lots/{lot}/bids/current")).await?;
        let wrapped: Vec<caigou_seal::Wrapped> = serde_json::from_value(current["wrapped"].clone())?;
        let mine = wrapped.iter().find(|w| w.key_id == kp.key_id()).ok_or("your bid's key is not wrapped to this key file")?;
        let key = caigou_seal::unwrap(kp, mine, lot.as_bytes())?;
        let opened: serde_json::Value =
            self.post(&format!("/api/v1/lots/{lot}/opening/key"), &serde_json::json!({"content_key": caigou_seal::b64(&key)})).await?;
        opened["total_price"].as_i64().ok_or_else(|| "no price in the platform's answer".into())
    }

    pub async fn withdraw(&self, lot: &str) -> Result<(), AnyError> {
        let _: serde_json::Value = self.post(&format!("/api/v1/lots/{lot}/bids/withdraw"), &serde_json::json!({})).await?;
        Ok(())
    }
}

fn pair(s: &str) -> Result<(String, String), AnyError> {
    s.split_once('=')
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .ok_or_else(|| format!("expected NAME=VALUE, got {s:?}").into())
}

pub async fn run(cmd: BidderCommand) -> Result<(), AnyError> {
    match cmd {
        BidderCommand::Keygen { out, suite } => {
            let f = keygen(&out, suite.suite)?;
            println!("key {} written to {}", f.key_id, out.display());
            println!("public key: {}", f.public_key);
        }
        BidderCommand::Register { api, key } => {
            let cert = Client::new(&api)?.register(&load_key(&key)?).await?;
            println!("{}", serde_json::to_string_pretty(&cert)?);
        }
        BidderCommand::Submit { api, key, lot, price, unit_prices, declarations, files, receipt } => {
            let mut content =
                BidContent { total_price: price, unit_prices: Vec::new(), declarations: Default::default(), files: Vec::new() };
            for u in unit_prices {
                let (name, fen) = pair(&u)?;
                content.unit_prices.push((name, fen.parse().map_err(|_| format!("unit price {fen:?} is not a number of fen"))?));
            }
            for d in declarations {
                let (k, v) = pair(&d)?;
                content.declarations.insert(k, v);
            }
            for f in files {
                let bytes = std::fs::read(&f).map_err(|e| format!("cannot read {}: {e}", f.display()))?;
                let name = f.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
                content.files.push(BidFile { name, content: caigou_seal::b64(&bytes) });
            }
            let r = Client::new(&api)?.submit(&load_key(&key)?, &lot, &content).await?;
            r.verify(&r.log_public_key).map_err(|e| format!("the platform's receipt does not verify: {e}"))?;
            std::fs::write(&receipt, serde_json::to_vec_pretty(&r)?)?;
            println!("accepted: submission {} at log index {}; receipt saved to {}", r.submission_id, r.log_index, receipt.display());
        }
        BidderCommand::Decrypt { api, key, lot } => {
            let price = Client::new(&api)?.decrypt(&load_key(&key)?, &lot).await?;
            println!("opened: total price {} fen", price);
        }
        BidderCommand::Withdraw { api, lot } => {
            Client::new(&api)?.withdraw(&lot).await?;
            println!("withdrawn");
        }
    }
    Ok(())
}

/// `caigou receipt verify`: checks a receipt offline against the log key (pinned with `--key`,
/// else the one in the receipt), and with `--log` against the log's current head by a
/// consistency proof.
pub async fn verify_receipt(path: &Path, log: Option<&str>, key: Option<&str>) -> Result<String, AnyError> {
    let r: Receipt = serde_json::from_slice(&std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?)?;
    let key = key.map(str::to_string).unwrap_or_else(|| r.log_public_key.clone());
    r.verify(&key)?;
    let mut out =
        format!("receipt OK: submission {} is leaf {} of the signed tree of {} leaves", r.submission_id, r.log_index, r.tree_head.size);
    if let Some(url) = log {
        let http = reqwest::Client::new();
        let base = url.trim_end_matches('/');
        let head: TreeHead = http.get(format!("{base}/api/v1/log/head")).send().await?.error_for_status()?.json().await?;
        let proof: Vec<String> = if head.size == r.tree_head.size {
            Vec::new()
        } else {
            let p: serde_json::Value = http
                .get(format!("{base}/api/v1/log/consistency?from={}&to={}", r.tree_head.size, head.size))
                .send()
                .await?
                .error_for_status()?
                .json()
                .await?;
            serde_json::from_value(p["proof"].clone())?
        };
        r.verify_later(&head, &proof, &key)?;
        out.push_str(&format!("; the log's current head ({} leaves) extends it consistently", head.size));
    }
    Ok(out)
}
