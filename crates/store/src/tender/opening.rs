//! Online opening (开标, 电子招标投标办法 Art. 29–31). At the deadline each active lot either
//! fails for want of three valid bids (政府采购法第36条) or opens a decryption window: each bidder
//! releases its own content key (decrypted on its machine), the platform opens the ciphertext,
//! checks it, and shows the price list. When the window ends, a bid nobody decrypted counts as
//! revoked (撤销, the bidder's failure) and the opening record is signed into the log.

use caigou_domain::Msg;
use caigou_domain::authz::Subject;
use caigou_domain::ids::{LotId, OrgId, ProjectId};
use caigou_domain::tender::{BidOutcome, OpeningStatus};
use serde::Serialize;

use crate::audit::{self, Actor, Change};
use crate::clock::display_ms;
use crate::notify::Message;
use crate::scheduled::{self, Handlers, JobFuture, JobKind};
use crate::{Result, Store, StoreError, Tx, files, new_id, projects, translog};

pub use caigou_domain::tender::status::MIN_BIDS;

/// Called in the deadline job's transaction: decides each active lot's opening.
pub(crate) async fn start(store: &Store, tx: &mut Tx, now: i64, project: ProjectId) -> Result<()> {
    let (region, no, name): (String, String, String) = sqlx::query_as("SELECT region_id, project_no, name FROM projects WHERE id = $1")
        .bind(project.to_string())
        .fetch_one(&mut **tx)
        .await?;
    let window = crate::regions::effective_policy(store, crate::stored("region id", &region)?, store.clock().today())
        .await
        .map(|p| p.tender_periods.decryption_window_minutes)
        .unwrap_or(30);
    let lots: Vec<(String, i64, String)> =
        sqlx::query_as("SELECT id, lot_no, name FROM lots WHERE project_id = $1 AND status = 'active' ORDER BY lot_no")
            .bind(project.to_string())
            .fetch_all(&mut **tx)
            .await?;
    for (lot, lot_no, lot_name) in lots {
        let valid: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM bids WHERE lot_id = $1 AND status = 'valid'").bind(&lot).fetch_one(&mut **tx).await?;
        let until = now + i64::from(window) * 60_000;
        let status = OpeningStatus::at_start(valid);
        sqlx::query("INSERT INTO openings (lot_id, status, valid_bids, started_at, decrypt_until) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (lot_id) DO NOTHING")
            .bind(&lot)
            .bind(status.as_str())
            .bind(valid)
            .bind(now)
            .bind(until)
            .execute(&mut **tx)
            .await?;
        let link = format!("/lots/{lot}/opening");
        if status == OpeningStatus::Failed {
            sqlx::query("UPDATE lots SET status = 'failed' WHERE id = $1").bind(&lot).execute(&mut **tx).await?;
            let users = projects::stakeholders(tx, project).await?;
            projects::tell(
                tx,
                now,
                &users,
                &Message {
                    kind: "opening.failed",
                    text: Msg::new("notice.opening.failed")
                        .arg("no", &no)
                        .arg("name", &name)
                        .arg("lot_no", lot_no)
                        .arg("lot_name", &lot_name)
                        .arg("valid", valid),
                    link: Some(&link),
                },
            )
            .await?;
        } else {
            scheduled::schedule(tx, DECRYPTION_END, &lot, until).await?;
            let bidders = bidders_of(tx, crate::stored("lot id", &lot)?).await?;
            projects::tell(
                tx,
                now,
                &bidders,
                &Message {
                    kind: "opening.started",
                    text: Msg::new("notice.opening.started").arg("no", &no).arg("lot_no", lot_no).arg("until", display_ms(until)),
                    link: Some(&link),
                },
            )
            .await?;
        }
        let path: String = sqlx::query_scalar("SELECT r.path FROM projects p JOIN regions r ON r.id = p.region_id WHERE p.id = $1")
            .bind(project.to_string())
            .fetch_one(&mut **tx)
            .await?;
        audit::append(
            tx,
            now,
            &Actor::system("scheduler"),
            Change {
                action: "opening.started",
                object_type: "project",
                object_id: &project.to_string(),
                region_path: &path,
                detail: &serde_json::json!({"lot": lot, "valid_bids": valid, "status": status}),
            },
        )
        .await?;
    }
    Ok(())
}

async fn bidders_of(tx: &mut Tx, lot: LotId) -> Result<Vec<caigou_domain::ids::UserId>> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT u.id FROM bids b JOIN users u ON u.org_id = b.supplier_org_id WHERE b.lot_id = $1 AND b.status = 'valid' AND u.disabled = 0",
    )
    .bind(lot.to_string())
    .fetch_all(&mut **tx)
    .await?;
    Ok(ids.into_iter().filter_map(|i| i.parse().ok()).collect())
}

/// The wrapped keys of the supplier's valid bid on a lot, for decrypting on its machine.
pub async fn own_valid_bid(store: &Store, supplier: OrgId, lot: LotId) -> Result<(String, String)> {
    let r: Option<(String, String)> =
        sqlx::query_as("SELECT id, wrapped FROM bids WHERE lot_id = $1 AND supplier_org_id = $2 AND status = 'valid'")
            .bind(lot.to_string())
            .bind(supplier.to_string())
            .fetch_optional(store.pool())
            .await?;
    r.ok_or_else(|| StoreError::reject_with("bid.none", Msg::new("error.bid.none.you_have_no")))
}

async fn opening_row(store: &Store, lot: LotId) -> Result<(OpeningStatus, i64)> {
    let r: Option<(String, i64)> = sqlx::query_as("SELECT status, decrypt_until FROM openings WHERE lot_id = $1")
        .bind(lot.to_string())
        .fetch_optional(store.pool())
        .await?;
    let (status, until) = r.ok_or_else(|| StoreError::reject_with("opening.not_started", Msg::new("error.opening.not_started")))?;
    Ok((crate::stored("opening status", status)?, until))
}

/// 签到: a bidder signs in to the opening hall.
pub async fn sign_in(store: &Store, subject: &Subject, lot: LotId) -> Result<()> {
    own_valid_bid(store, subject.org, lot).await?;
    opening_row(store, lot).await?;
    sqlx::query("INSERT INTO opening_signins (lot_id, supplier_org_id, user_id, at) VALUES ($1, $2, $3, $4) ON CONFLICT (lot_id, supplier_org_id) DO NOTHING")
        .bind(lot.to_string())
        .bind(subject.org.to_string())
        .bind(subject.user.to_string())
        .bind(store.clock().now_ms())
        .execute(store.pool())
        .await?;
    Ok(())
}

/// What the opening records of an opened bid besides its price: unit prices, declarations, and
/// per document its name, size, SHA-256 and own metadata (for the collusion checks).
fn opened_summary(content: &caigou_seal::BidContent) -> serde_json::Value {
    let files: Vec<serde_json::Value> = content
        .files
        .iter()
        .map(|f| {
            let bytes = caigou_seal::unb64(&f.content).unwrap_or_default();
            serde_json::json!({"name": f.name, "size": bytes.len(), "sha256": caigou_seal::sha256_hex(&bytes), "metadata": file_metadata(&bytes)})
        })
        .collect();
    serde_json::json!({"unit_prices": content.unit_prices, "declarations": content.declarations, "files": files})
}

/// 串通投标线索 of a lot whose opening has closed: what different bidders' valid bids share
/// (submitting address, document author/editor/company, identical documents), per 87号令第37条.
/// For the project's insiders; `None` while the opening is not closed.
pub async fn signals(store: &Store, lot: LotId) -> Result<Option<Vec<caigou_domain::tender::collusion::Signal>>> {
    use caigou_domain::tender::collusion::{self, Bidder, Trait};
    let (status, _) = opening_row(store, lot).await?;
    if status != OpeningStatus::Closed {
        return Ok(None);
    }
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT o.name, b.address, b.opened_summary FROM bids b JOIN organizations o ON o.id = b.supplier_org_id
         WHERE b.lot_id = $1 AND b.status = 'valid' ORDER BY o.name",
    )
    .bind(lot.to_string())
    .fetch_all(store.pool())
    .await?;
    let bidders: Vec<Bidder> = rows
        .into_iter()
        .map(|(name, address, summary)| {
            let mut traits = vec![(Trait::Address, address)];
            let summary: serde_json::Value = summary.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default();
            for f in summary["files"].as_array().into_iter().flatten() {
                if let Some(h) = f["sha256"].as_str() {
                    traits.push((Trait::FileSha256, h.to_string()));
                }
                for (key, t) in [("author", Trait::Author), ("last_modified_by", Trait::LastModifiedBy), ("company", Trait::Company)] {
                    if let Some(v) = f["metadata"][key].as_str() {
                        traits.push((t, v.to_string()));
                    }
                }
            }
            Bidder { name, traits }
        })
        .collect();
    Ok(Some(collusion::shared(&bidders)))
}

/// Metadata of a response document where its format carries it (see [`crate::docmeta`]).
pub fn file_metadata(bytes: &[u8]) -> serde_json::Map<String, serde_json::Value> {
    crate::docmeta::extract(bytes)
}

/// 解密: the bidder releases its content key; the platform opens and checks the bid and records
/// its price list. A wrong key is refused and may be retried while the window lasts.
pub async fn release_key(store: &Store, subject: &Subject, lot: LotId, key_b64: &str) -> Result<i64> {
    let (status, until) = opening_row(store, lot).await?;
    let now = store.clock().now_ms();
    if !status.accepts_keys() || now >= until {
        return Err(StoreError::reject_with("opening.closed", Msg::new("error.opening.closed").arg("until", display_ms(until))));
    }
    let (bid, _) = own_valid_bid(store, subject.org, lot).await?;
    // A bid is sealed in its signing key's suite.
    let (file_id, opened, suite): (String, Option<i64>, String) = sqlx::query_as(
        "SELECT b.ciphertext_file_id, b.opened_at, k.suite FROM bids b JOIN supplier_keys k ON k.key_id = b.key_id WHERE b.id = $1",
    )
    .bind(&bid)
    .fetch_one(store.pool())
    .await?;
    if opened.is_some() {
        return Err(StoreError::reject_with("opening.already_opened", Msg::new("error.opening.already_opened")));
    }
    let key: [u8; 32] = caigou_seal::unb64(key_b64)
        .ok()
        .and_then(|k| k.try_into().ok())
        .ok_or_else(|| StoreError::reject_with("opening.bad_key", Msg::new("error.opening.bad_key")))?;
    let ciphertext = match files::get(store, crate::stored("file id", &file_id)?).await {
        Ok((_, c)) => c,
        Err(e) => {
            // The ciphertext the platform stored no longer matches its hash: the platform's
            // failure, not the bidder's (Art. 31: 视为撤回). Recorded; the opening goes on.
            tracing::error!(bid = %bid, error = %e, "stored ciphertext is damaged");
            sqlx::query("UPDATE bids SET open_outcome = 'withdrawn_failure', open_cause = 'ciphertext_damaged_on_platform' WHERE id = $1 AND opened_at IS NULL")
                .bind(&bid)
                .execute(store.pool())
                .await?;
            return Err(StoreError::reject_with("opening.platform_failure", Msg::new("error.opening.platform_failure")));
        }
    };
    let content = caigou_seal::open_bid(&suite, &ciphertext, &key, &lot.to_string())
        .map_err(|_| StoreError::reject_with("opening.decrypt_failed", Msg::new("error.opening.decrypt_failed")))?;
    let summary = opened_summary(&content);
    let plain = serde_json::to_vec(&content).map_err(|e| StoreError::Internal(e.to_string()))?;
    let stored = files::put(store, &format!("bid-{bid}.opened.json"), "application/json", plain.into(), Some(subject.user)).await?;
    let project = projects::project_of_lot(store, lot).await?;
    let path: String = sqlx::query_scalar("SELECT r.path FROM projects p JOIN regions r ON r.id = p.region_id WHERE p.id = $1")
        .bind(project.to_string())
        .fetch_one(store.pool())
        .await?;
    let mut tx = store.begin().await?;
    let n = sqlx::query(
        "UPDATE bids SET opened_at = $1, open_outcome = 'opened', price = $2, opened_summary = $3, content_file_id = $4 WHERE id = $5 AND opened_at IS NULL AND status = 'valid'",
    )
    .bind(now)
    .bind(content.total_price)
    .bind(summary.to_string())
    .bind(stored.id.to_string())
    .bind(&bid)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(StoreError::reject_with("opening.already_opened", Msg::new("error.opening.already_opened")));
    }
    audit::append(
        &mut tx,
        now,
        &Actor::of(subject),
        Change {
            action: "bid.opened",
            object_type: "project",
            object_id: &project.to_string(),
            region_path: &path,
            detail: &serde_json::json!({"lot": lot, "bid": bid, "price": content.total_price}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(content.total_price)
}

/// Job: the decryption window has ended. Undecrypted bids count as revoked (Art. 31: the
/// bidder's own failure — the platform offered decryption throughout); the opening record is
/// generated and signed into the transparency log.
/// 解密时间届满: a lot's decryption window ends.
pub const DECRYPTION_END: JobKind = JobKind("lot.decryption_end");
/// The custodians' window after it ends.
pub const REMEDY_END: JobKind = JobKind("lot.remedy_end");

/// Registers what the opening's timed transitions do.
pub fn register(handlers: Handlers) -> Handlers {
    fn on_decryption_end<'a>(_: &'a Store, tx: &'a mut Tx, now: i64, lot: &'a str) -> JobFuture<'a> {
        Box::pin(async move { decryption_ended(tx, now, crate::stored("lot id", lot)?).await })
    }
    fn on_remedy_end<'a>(_: &'a Store, tx: &'a mut Tx, now: i64, lot: &'a str) -> JobFuture<'a> {
        Box::pin(async move { remedy_ended(tx, now, crate::stored("lot id", lot)?).await })
    }
    handlers.on(DECRYPTION_END, on_decryption_end).on(REMEDY_END, on_remedy_end)
}

pub(crate) async fn decryption_ended(tx: &mut Tx, now: i64, lot: LotId) -> Result<()> {
    let (status, until): (String, i64) = match sqlx::query_as("SELECT status, decrypt_until FROM openings WHERE lot_id = $1")
        .bind(lot.to_string())
        .fetch_optional(&mut **tx)
        .await?
    {
        Some(r) => r,
        None => return Ok(()),
    };
    if crate::stored::<OpeningStatus>("opening status", status)? != OpeningStatus::Decrypting || until > now {
        return Ok(());
    }
    // Where the project has opening custodians (the documents allow the remedy), bids nobody
    // decrypted wait for the custodians for another window before they count as revoked.
    let has_custody: Option<String> =
        sqlx::query_scalar("SELECT p.opening_key_id FROM lots l JOIN projects p ON p.id = l.project_id WHERE l.id = $1")
            .bind(lot.to_string())
            .fetch_one(&mut **tx)
            .await?;
    let pending: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM bids WHERE lot_id = $1 AND status = 'valid' AND opened_at IS NULL AND open_outcome IS NULL",
    )
    .bind(lot.to_string())
    .fetch_one(&mut **tx)
    .await?;
    if has_custody.is_some() && pending > 0 {
        let remedy_until = now + (until - decrypt_started(tx, lot).await?).max(60_000);
        sqlx::query("UPDATE openings SET status = 'remedy', remedy_until = $1 WHERE lot_id = $2")
            .bind(remedy_until)
            .bind(lot.to_string())
            .execute(&mut **tx)
            .await?;
        scheduled::schedule(tx, REMEDY_END, &lot.to_string(), remedy_until).await?;
        let project: String =
            sqlx::query_scalar("SELECT project_id FROM lots WHERE id = $1").bind(lot.to_string()).fetch_one(&mut **tx).await?;
        let custodians: Vec<String> =
            sqlx::query_scalar("SELECT user_id FROM project_custodians WHERE project_id = $1").bind(&project).fetch_all(&mut **tx).await?;
        let users: Vec<caigou_domain::ids::UserId> = custodians.iter().filter_map(|u| u.parse().ok()).collect();
        let link = format!("/lots/{lot}/opening");
        projects::tell(
            tx,
            now,
            &users,
            &Message {
                kind: "opening.remedy",
                text: Msg::new("notice.opening.remedy").arg("pending", pending).arg("until", display_ms(remedy_until)),
                link: Some(&link),
            },
        )
        .await?;
        return Ok(());
    }
    close_and_record(tx, now, lot, "bidder_did_not_decrypt").await
}

async fn decrypt_started(tx: &mut Tx, lot: LotId) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT started_at FROM openings WHERE lot_id = $1").bind(lot.to_string()).fetch_one(&mut **tx).await?)
}

/// Job: the custodians' window has ended without them opening the remaining bids.
pub(crate) async fn remedy_ended(tx: &mut Tx, now: i64, lot: LotId) -> Result<()> {
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM openings WHERE lot_id = $1").bind(lot.to_string()).fetch_optional(&mut **tx).await?;
    if crate::stored_opt::<OpeningStatus>("opening status", status)? != Some(OpeningStatus::Remedy) {
        return Ok(());
    }
    close_and_record(tx, now, lot, "bidder_did_not_decrypt; custodians_did_not_open").await
}

/// Closes a lot's opening: what is still unopened counts as revoked with `cause`; the record is
/// generated and signed into the log.
async fn close_and_record(tx: &mut Tx, now: i64, lot: LotId, cause: &str) -> Result<()> {
    let n = sqlx::query("UPDATE openings SET status = 'closed', closed_at = $1 WHERE lot_id = $2 AND status IN ('decrypting', 'remedy')")
        .bind(now)
        .bind(lot.to_string())
        .execute(&mut **tx)
        .await?
        .rows_affected();
    if n == 0 {
        return Ok(());
    }
    sqlx::query("UPDATE bids SET open_outcome = 'revoked', open_cause = $1 WHERE lot_id = $2 AND status = 'valid' AND opened_at IS NULL AND open_outcome IS NULL")
        .bind(cause)
        .bind(lot.to_string())
        .execute(&mut **tx)
        .await?;
    let record = record_json(tx, lot, now).await?;
    let text = record.to_string();
    let sha = caigou_seal::sha256_hex(text.as_bytes());
    let leaf = serde_json::json!({"type": "opening_record", "lot": lot, "sha256": sha, "time": now}).to_string();
    let index = translog::append(tx, now, "opening_record", &lot.to_string(), &leaf).await?;
    sqlx::query("UPDATE openings SET record = $1, record_sha256 = $2, record_log_index = $3 WHERE lot_id = $4")
        .bind(&text)
        .bind(&sha)
        .bind(index)
        .bind(lot.to_string())
        .execute(&mut **tx)
        .await?;
    let project: String =
        sqlx::query_scalar("SELECT project_id FROM lots WHERE id = $1").bind(lot.to_string()).fetch_one(&mut **tx).await?;
    let path: String = sqlx::query_scalar("SELECT r.path FROM projects p JOIN regions r ON r.id = p.region_id WHERE p.id = $1")
        .bind(&project)
        .fetch_one(&mut **tx)
        .await?;
    audit::append(
        tx,
        now,
        &Actor::system("scheduler"),
        Change {
            action: "opening.recorded",
            object_type: "project",
            object_id: &project,
            region_path: &path,
            detail: &serde_json::json!({"lot": lot, "record_sha256": sha, "log_index": index}),
        },
    )
    .await?;
    let mut users = projects::stakeholders(tx, crate::stored("project id", &project)?).await?;
    users.extend(bidders_of_any(tx, lot).await?);
    let link = format!("/lots/{lot}/opening");
    projects::tell(tx, now, &users, &Message { kind: "opening.recorded", text: Msg::new("notice.opening.recorded"), link: Some(&link) })
        .await?;
    Ok(())
}

async fn bidders_of_any(tx: &mut Tx, lot: LotId) -> Result<Vec<caigou_domain::ids::UserId>> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT u.id FROM bids b JOIN users u ON u.org_id = b.supplier_org_id WHERE b.lot_id = $1 AND b.status = 'valid' AND u.disabled = 0",
    )
    .bind(lot.to_string())
    .fetch_all(&mut **tx)
    .await?;
    Ok(ids.into_iter().filter_map(|i| i.parse().ok()).collect())
}

/// (bid, bidder, submitted, opened, outcome, cause, price, ciphertext hash)
type RecordRow = (String, String, i64, Option<i64>, Option<String>, Option<String>, Option<i64>, String);
/// (status, valid bids, started, decrypt until, closed, record hash, record log index)
type OpeningRow = (String, i64, i64, i64, Option<i64>, Option<String>, Option<i64>);
/// (bidder, bidder USCC, submitted, opened, outcome, cause, price, signed in)
type BidRow = (String, String, i64, Option<i64>, Option<String>, Option<String>, Option<i64>, Option<i64>);

async fn record_json(tx: &mut Tx, lot: LotId, now: i64) -> Result<serde_json::Value> {
    let rows: Vec<RecordRow> = sqlx::query_as(
        "SELECT b.id, o.name, b.submitted_at, b.opened_at, b.open_outcome, b.open_cause, b.price, b.ciphertext_sha256
         FROM bids b JOIN organizations o ON o.id = b.supplier_org_id WHERE b.lot_id = $1 AND b.status = 'valid' ORDER BY b.submitted_at",
    )
    .bind(lot.to_string())
    .fetch_all(&mut **tx)
    .await?;
    let (project_no, project_name, lot_no, lot_name): (String, String, i64, String) =
        sqlx::query_as("SELECT p.project_no, p.name, l.lot_no, l.name FROM lots l JOIN projects p ON p.id = l.project_id WHERE l.id = $1")
            .bind(lot.to_string())
            .fetch_one(&mut **tx)
            .await?;
    let (started, until): (i64, i64) = sqlx::query_as("SELECT started_at, decrypt_until FROM openings WHERE lot_id = $1")
        .bind(lot.to_string())
        .fetch_one(&mut **tx)
        .await?;
    let bids: Vec<serde_json::Value> = rows
        .into_iter()
        .map(|(id, name, submitted, opened, outcome, cause, price, sha)| {
            let outcome: Option<BidOutcome> = crate::stored_opt("bid outcome", outcome)?;
            Ok(serde_json::json!({"bid": id, "bidder": name, "submitted_at": submitted, "ciphertext_sha256": sha, "opened_at": opened, "outcome": outcome, "cause": cause, "total_price": price}))
        })
        .collect::<Result<_>>()?;
    Ok(
        serde_json::json!({"project_no": project_no, "project": project_name, "lot_no": lot_no, "lot": lot_name, "opening_started_at": started, "decrypt_until": until, "recorded_at": now, "bids": bids}),
    )
}

/// 开标现场异议: a bidder raises an objection on the spot; recorded.
pub async fn object(store: &Store, subject: &Subject, lot: LotId, text: &str) -> Result<()> {
    opening_row(store, lot).await?;
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bids WHERE lot_id = $1 AND supplier_org_id = $2")
        .bind(lot.to_string())
        .bind(subject.org.to_string())
        .fetch_one(store.pool())
        .await?;
    if n == 0 {
        return Err(StoreError::reject_with("opening.not_bidder", Msg::new("error.opening.not_bidder")));
    }
    if text.trim().chars().count() < 4 {
        return Err(StoreError::reject_with("opening.invalid", Msg::new("error.opening.invalid")));
    }
    sqlx::query("INSERT INTO opening_objections (id, lot_id, supplier_org_id, user_id, text, at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(new_id().to_string())
        .bind(lot.to_string())
        .bind(subject.org.to_string())
        .bind(subject.user.to_string())
        .bind(text.trim())
        .bind(store.clock().now_ms())
        .execute(store.pool())
        .await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenedBid {
    pub bidder: String,
    /// 统一社会信用代码, shown beside the name: two suppliers can look alike by name, never by code.
    pub bidder_uscc: String,
    pub submitted_at: i64,
    pub signed_in: bool,
    pub opened_at: Option<i64>,
    pub outcome: Option<BidOutcome>,
    pub cause: Option<String>,
    pub total_price: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpeningView {
    pub lot_id: String,
    pub status: OpeningStatus,
    pub valid_bids: i64,
    pub started_at: i64,
    pub decrypt_until: i64,
    pub closed_at: Option<i64>,
    pub bids: Vec<OpenedBid>,
    pub objections: Vec<(String, String, i64)>,
    pub record_sha256: Option<String>,
    pub record_log_index: Option<i64>,
}

/// The opening as participants see it (only after the deadline, so nothing here is early).
pub async fn view(store: &Store, lot: LotId) -> Result<OpeningView> {
    let row: Option<OpeningRow> = sqlx::query_as(
        "SELECT status, valid_bids, started_at, decrypt_until, closed_at, record_sha256, record_log_index FROM openings WHERE lot_id = $1",
    )
    .bind(lot.to_string())
    .fetch_optional(store.pool())
    .await?;
    let Some((status, valid_bids, started_at, decrypt_until, closed_at, record_sha256, record_log_index)) = row else {
        return Err(StoreError::reject_with("opening.not_started", Msg::new("error.opening.not_started")));
    };
    let status: OpeningStatus = crate::stored("opening status", status)?;
    let rows: Vec<BidRow> = sqlx::query_as(
        "SELECT o.name, COALESCE(o.uscc, ''), b.submitted_at, b.opened_at, b.open_outcome, b.open_cause, b.price,
                (SELECT s.at FROM opening_signins s WHERE s.lot_id = b.lot_id AND s.supplier_org_id = b.supplier_org_id)
         FROM bids b JOIN organizations o ON o.id = b.supplier_org_id WHERE b.lot_id = $1 AND b.status = 'valid' ORDER BY b.submitted_at",
    )
    .bind(lot.to_string())
    .fetch_all(store.pool())
    .await?;
    // Prices are read out together (domain tender::secrecy::prices_shown).
    let still_sealed = rows.iter().filter(|(_, _, _, opened_at, outcome, ..)| opened_at.is_none() && outcome.is_none()).count();
    let show_prices = status != OpeningStatus::Decrypting
        || caigou_domain::tender::secrecy::prices_shown(still_sealed, decrypt_until, store.clock().now_ms());
    let bids = rows
        .into_iter()
        .map(|(bidder, bidder_uscc, submitted_at, opened_at, outcome, cause, price, signed)| {
            Ok(OpenedBid {
                bidder,
                bidder_uscc,
                submitted_at,
                signed_in: signed.is_some(),
                opened_at,
                outcome: crate::stored_opt("bid outcome", outcome)?,
                cause,
                total_price: price.filter(|_| show_prices),
            })
        })
        .collect::<Result<_>>()?;
    let objections = sqlx::query_as("SELECT o.name, x.text, x.at FROM opening_objections x JOIN organizations o ON o.id = x.supplier_org_id WHERE x.lot_id = $1 ORDER BY x.at")
        .bind(lot.to_string())
        .fetch_all(store.pool())
        .await?;
    Ok(OpeningView {
        lot_id: lot.to_string(),
        status,
        valid_bids,
        started_at,
        decrypt_until,
        closed_at,
        bids,
        objections,
        record_sha256,
        record_log_index,
    })
}

/// The opening record as logged (its SHA-256 is in the log).
pub async fn record(store: &Store, lot: LotId) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT record FROM openings WHERE lot_id = $1")
        .bind(lot.to_string())
        .fetch_optional(store.pool())
        .await?
        .flatten())
}

/// A row of [`today`], its status as stored or parsed.
pub type TodayOpening<S = OpeningStatus> = (String, String, i64, String, S, i64, i64, i64);

/// Today's openings for the big screen: (project no, project, lot no, lot, status, valid bids, opened, decrypt until).
pub async fn today(store: &Store, since_ms: i64) -> Result<Vec<TodayOpening>> {
    let rows: Vec<TodayOpening<String>> = sqlx::query_as(
        "SELECT p.project_no, p.name, l.lot_no, l.name, o.status, o.valid_bids,
                (SELECT COUNT(*) FROM bids b WHERE b.lot_id = l.id AND b.open_outcome = 'opened'), o.decrypt_until
         FROM openings o JOIN lots l ON l.id = o.lot_id JOIN projects p ON p.id = l.project_id WHERE o.started_at >= $1 ORDER BY o.started_at DESC",
    )
    .bind(since_ms)
    .fetch_all(store.pool())
    .await?;
    rows.into_iter()
        .map(|(no, project, lot_no, lot, status, valid, opened, until)| {
            Ok((no, project, lot_no, lot, crate::stored("opening status", status)?, valid, opened, until))
        })
        .collect()
}

/// Opens, with the opening key the custodians rebuilt, every valid bid of the project's lots in
/// the remedy stage that its bidder did not decrypt, then closes those openings. Returns how
/// many bids opened.
pub(crate) async fn open_with_custody(store: &Store, project: ProjectId, key: &caigou_seal::KeyPair) -> Result<usize> {
    let lots: Vec<String> = sqlx::query_scalar(
        "SELECT o.lot_id FROM openings o JOIN lots l ON l.id = o.lot_id WHERE l.project_id = $1 AND o.status = 'remedy'",
    )
    .bind(project.to_string())
    .fetch_all(store.pool())
    .await?;
    let mut opened = 0;
    for lot in lots {
        let pending: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT b.id, b.wrapped, b.ciphertext_file_id, k.suite FROM bids b JOIN supplier_keys k ON k.key_id = b.key_id
             WHERE b.lot_id = $1 AND b.status = 'valid' AND b.opened_at IS NULL AND b.open_outcome IS NULL",
        )
        .bind(&lot)
        .fetch_all(store.pool())
        .await?;
        let now = store.clock().now_ms();
        for (bid, wrapped, file, suite) in pending {
            let wrapped: Vec<caigou_seal::Wrapped> = serde_json::from_str(&wrapped).unwrap_or_default();
            let content = async {
                let w = wrapped.iter().find(|w| w.key_id == key.key_id()).ok_or("not_wrapped_to_the_opening_key")?;
                let ck = caigou_seal::unwrap(key, w, lot.as_bytes()).map_err(|_| "opening_key_does_not_unwrap")?;
                let (_, ct) = files::get(store, file.parse().map_err(|_| "ciphertext_damaged_on_platform")?)
                    .await
                    .map_err(|_| "ciphertext_damaged_on_platform")?;
                caigou_seal::open_bid(&suite, &ct, &ck, &lot).map_err(|_| "ciphertext_damaged_on_platform")
            }
            .await;
            match content {
                Ok(c) => {
                    let plain = serde_json::to_vec(&c).map_err(|e| StoreError::Internal(e.to_string()))?;
                    let stored = files::put(store, &format!("bid-{bid}.opened.json"), "application/json", plain.into(), None).await?;
                    let summary = opened_summary(&c);
                    sqlx::query("UPDATE bids SET opened_at = $1, open_outcome = 'opened', open_cause = 'opened_by_custodians', price = $2, opened_summary = $3, content_file_id = $4 WHERE id = $5 AND opened_at IS NULL")
                        .bind(now)
                        .bind(c.total_price)
                        .bind(summary.to_string())
                        .bind(stored.id.to_string())
                        .bind(&bid)
                        .execute(store.pool())
                        .await?;
                    opened += 1;
                }
                Err(cause) => {
                    // Not the bidder's failure (the platform or the ceremony): withdrawn (Art. 31).
                    sqlx::query("UPDATE bids SET open_outcome = 'withdrawn_failure', open_cause = $1 WHERE id = $2 AND opened_at IS NULL")
                        .bind(cause)
                        .bind(&bid)
                        .execute(store.pool())
                        .await?;
                }
            }
        }
        let mut tx = store.begin().await?;
        close_and_record(&mut tx, now, crate::stored("lot id", &lot)?, "bidder_did_not_decrypt").await?;
        tx.commit().await?;
    }
    Ok(opened)
}
