//! `caigou custodian`: the opening custodians' side. The key ceremony makes the project's opening
//! key on this machine, splits its secret k-of-n (Shamir), seals each share to its custodian and
//! uploads only the public key and the sealed shares; `release` opens your share here and hands
//! it over in the remedy stage after the decryption window.

use std::path::PathBuf;

use caigou_seal::KeyPair;
use clap::Subcommand;

use crate::AnyError;
use crate::bidder::{Api, Client, SuiteArg, keygen, load_key};

#[derive(Subcommand)]
pub enum CustodianCommand {
    /// Make your custodian key pair and write it to FILE.
    Keygen {
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        suite: SuiteArg,
    },
    /// Register the key's public half.
    Register {
        #[command(flatten)]
        api: Api,
        #[arg(long)]
        key: PathBuf,
    },
    /// The key ceremony for a project: make the opening key here, split it among the custodians.
    Ceremony {
        #[command(flatten)]
        api: Api,
        #[arg(long)]
        project: String,
    },
    /// Open your share with your key and release it (after the decryption window).
    Release {
        #[command(flatten)]
        api: Api,
        #[arg(long)]
        project: String,
        #[arg(long)]
        key: PathBuf,
    },
}

/// Makes the opening key, splits it, seals the shares and uploads them; returns the key id.
pub async fn ceremony(client: &Client, project: &str) -> Result<String, AnyError> {
    let made = make_opening_key(client, project).await?;
    upload_opening_key(client, project, &made).await
}

/// Uploads a ceremony's result ([`make_opening_key`]); returns the key id.
pub async fn upload_opening_key(client: &Client, project: &str, made: &serde_json::Value) -> Result<String, AnyError> {
    let r: serde_json::Value = client.post(&format!("/api/v1/projects/{project}/opening-key"), made).await?;
    Ok(r["opening_key_id"].as_str().unwrap_or_default().to_string())
}

/// The key ceremony on this machine: reads the custodians, makes the opening key, splits it k of
/// n and seals each share to its custodian; the key's secret is dropped here, so only the sealed
/// shares can rebuild it. Returns the upload (public key, shares, threshold).
pub async fn make_opening_key(client: &Client, project: &str) -> Result<serde_json::Value, AnyError> {
    let custody: serde_json::Value = client.get(&format!("/api/v1/projects/{project}/custodians")).await?;
    let k = custody["threshold"].as_i64().ok_or("no custodians are named for this project")? as u8;
    let custodians = custody["custodians"].as_array().ok_or("no custodians")?;
    let opening = KeyPair::generate();
    let shares = caigou_seal::shamir::split(&opening, k, custodians.len() as u8)?;
    let mut sealed = Vec::new();
    for (c, share) in custodians.iter().zip(shares) {
        let public = c["public_key"].as_str().ok_or("custodian without a key")?;
        sealed.push(serde_json::json!({"user_id": c["user_id"], "sealed": caigou_seal::seal_for(public, &share, project.as_bytes())?}));
    }
    Ok(serde_json::json!({"public_key": opening.public_hex(), "shares": sealed, "threshold": k}))
}

/// Opens your share and releases it; returns how many bids the platform could open.
pub async fn release(client: &Client, project: &str, key: &KeyPair) -> Result<u64, AnyError> {
    let sealed: caigou_seal::SealedFor = client.get(&format!("/api/v1/projects/{project}/custodians/share")).await?;
    let share = caigou_seal::open_for(key, &sealed, project.as_bytes())?;
    let r: serde_json::Value = client
        .post(&format!("/api/v1/projects/{project}/custodians/share"), &serde_json::json!({"share": caigou_seal::b64(&share)}))
        .await?;
    Ok(r["opened"].as_u64().unwrap_or(0))
}

pub async fn run(cmd: CustodianCommand) -> Result<(), AnyError> {
    match cmd {
        CustodianCommand::Keygen { out, suite } => {
            let f = keygen(&out, suite.suite)?;
            println!("key {} written to {}", f.key_id, out.display());
        }
        CustodianCommand::Register { api, key } => {
            let kp = load_key(&key)?;
            let r: serde_json::Value =
                Client::new(&api)?.post("/api/v1/me/keys", &serde_json::json!({"public_key": kp.public_hex()})).await?;
            println!("registered {}", r["key_id"]);
        }
        CustodianCommand::Ceremony { api, project } => {
            let id = ceremony(&Client::new(&api)?, &project).await?;
            println!("opening key {id} made; shares sealed to each custodian; its secret was not kept");
        }
        CustodianCommand::Release { api, project, key } => {
            let n = release(&Client::new(&api)?, &project, &load_key(&key)?).await?;
            println!("share released; bids opened so far by the custodians: {n}");
        }
    }
    Ok(())
}
