//! 投标保证金 (bid deposits): the project's runner records each supplier's payment for a lot that
//! requires one (identified by the payer's 统一社会信用代码, as on the bank statement); a supplier
//! without a recorded deposit cannot bid on such a lot (`bids::submit`). Refunds follow the award
//! (条例33: 5 working days after the award notice or the contract).

use caigou_domain::Money;
use caigou_domain::Msg;
use caigou_domain::authz::Subject;
use caigou_domain::ids::{DepositId, LotId, OrgId};
use caigou_domain::tender::deposit::{self, DepositForm};
use caigou_domain::tender::{Refused, Violation};
use caigou_domain::uscc::UnifiedSocialCreditCode;
use serde::Serialize;

use crate::audit::{self, Actor, Change};
use crate::{Result, Store, StoreError, new_id, projects};

/// A payment as recorded.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Deposit {
    #[sqlx(try_from = "String")]
    pub id: DepositId,
    #[sqlx(try_from = "String")]
    pub supplier_org_id: OrgId,
    pub supplier_name: String,
    pub amount: i64,
    pub form: String,
    pub reference: String,
    pub recorded_at: i64,
}

fn refused(v: Violation) -> StoreError {
    StoreError::rejected(&Refused(vec![v]))
}

/// Records `payer`'s deposit for `lot`: the rules of the deposit window and amount, then the
/// write and its audit entry. Called by the use case (`caigou_app::tender::deposits`), which
/// has decided that `subject` runs the project.
pub async fn record(
    store: &Store,
    subject: &Subject,
    lot_id: LotId,
    payer: &UnifiedSocialCreditCode,
    amount: Money,
    form: DepositForm,
    reference: &str,
) -> Result<DepositId> {
    let project_id = projects::project_of_lot(store, lot_id).await?;
    let view = projects::get(store, project_id).await?;
    let lot = view.lots.iter().find(|l| l.id == lot_id).ok_or(StoreError::NotFound("lot"))?;
    let Some(required) = lot.deposit.map(Money::from_fen) else {
        return Err(StoreError::reject("deposit.not_required"));
    };
    let now = store.clock().now_ms();
    if !view.project.status.tendering() || view.project.deadline_at.is_some_and(|d| now >= d) {
        return Err(StoreError::reject("deposit.closed"));
    }
    if let Some(v) = deposit::check_payment(required, amount) {
        return Err(refused(v));
    }
    let reference = reference.trim();
    if reference.is_empty() || reference.chars().count() > 200 {
        return Err(StoreError::reject("deposit.reference"));
    }
    let supplier: Option<(String, String)> = sqlx::query_as("SELECT id, name FROM organizations WHERE uscc = $1 AND kind = 'supplier'")
        .bind(payer.as_str())
        .fetch_optional(store.pool())
        .await?;
    let Some((org, name)) = supplier else {
        return Err(StoreError::reject_with(
            "deposit.unknown_supplier",
            Msg::new("error.deposit.unknown_supplier").arg("payer", payer.as_str()),
        ));
    };
    let id = DepositId(new_id());
    let mut tx = store.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO bid_deposits (id, lot_id, supplier_org_id, amount, form, reference, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (lot_id, supplier_org_id) DO NOTHING",
    )
    .bind(id.to_string())
    .bind(lot_id.to_string())
    .bind(&org)
    .bind(amount.fen())
    .bind(form.as_str())
    .bind(reference)
    .bind(subject.user.to_string())
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        tx.rollback().await?;
        return Err(StoreError::reject_with("deposit.exists", Msg::new("error.deposit.exists").arg("name", name)));
    }
    audit::append(
        &mut tx,
        now,
        &Actor::of(subject),
        Change {
            action: "deposit.recorded",
            object_type: "project",
            object_id: &project_id.to_string(),
            region_path: &view.region_path,
            detail: &serde_json::json!({"lot": lot.lot_no, "supplier": org, "amount": amount.fen(), "form": form.as_str(), "reference": reference}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Voids a deposit recorded by mistake (a wrong payer, a payment that bounced), before the
/// deadline; the audit entry keeps what was recorded and why it was voided.
pub async fn void(store: &Store, subject: &Subject, lot_id: LotId, deposit_id: DepositId, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StoreError::reject("deposit.reason"));
    }
    let project_id = projects::project_of_lot(store, lot_id).await?;
    let view = projects::get(store, project_id).await?;
    let now = store.clock().now_ms();
    if view.project.deadline_at.is_some_and(|d| now >= d) {
        return Err(StoreError::reject_with("deposit.closed", Msg::new("error.deposit.closed.deposits_cannot_voided")));
    }
    let mut tx = store.begin().await?;
    let row: Option<(String, i64, String, String)> =
        sqlx::query_as("DELETE FROM bid_deposits WHERE id = $1 AND lot_id = $2 RETURNING supplier_org_id, amount, form, reference")
            .bind(deposit_id.to_string())
            .bind(lot_id.to_string())
            .fetch_optional(&mut *tx)
            .await?;
    let Some((org, amount, form, reference)) = row else {
        tx.rollback().await?;
        return Err(StoreError::NotFound("deposit"));
    };
    audit::append(
        &mut tx,
        now,
        &Actor::of(subject),
        Change {
            action: "deposit.voided",
            object_type: "project",
            object_id: &project_id.to_string(),
            region_path: &view.region_path,
            detail: &serde_json::json!({"lot": lot_id.to_string(), "supplier": org, "amount": amount, "form": form, "reference": reference, "reason": reason}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The deposits recorded for a lot (for its runner).
pub async fn list(store: &Store, lot_id: LotId) -> Result<Vec<Deposit>> {
    Ok(sqlx::query_as(
        "SELECT d.id, d.supplier_org_id, o.name AS supplier_name, d.amount, d.form, d.reference, d.recorded_at
         FROM bid_deposits d JOIN organizations o ON o.id = d.supplier_org_id WHERE d.lot_id = $1 ORDER BY d.recorded_at",
    )
    .bind(lot_id.to_string())
    .fetch_all(store.pool())
    .await?)
}

/// Whether `org` may bid on `lot` as far as the deposit goes: `Ok` when none is required or one
/// is recorded, else the refusal to show.
pub async fn check_paid(store: &Store, lot_id: LotId, org: OrgId) -> Result<()> {
    let required: Option<i64> =
        sqlx::query_scalar("SELECT deposit FROM lots WHERE id = $1").bind(lot_id.to_string()).fetch_one(store.pool()).await?;
    let Some(required) = required.map(Money::from_fen) else { return Ok(()) };
    let paid: Option<i64> = sqlx::query_scalar("SELECT amount FROM bid_deposits WHERE lot_id = $1 AND supplier_org_id = $2")
        .bind(lot_id.to_string())
        .bind(org.to_string())
        .fetch_optional(store.pool())
        .await?;
    if paid.is_some_and(|p| p >= required.fen()) {
        return Ok(());
    }
    Err(StoreError::reject_with("bid.deposit_missing", Msg::new("error.bid.deposit_missing").arg("required", required)))
}
