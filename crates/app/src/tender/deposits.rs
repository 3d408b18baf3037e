//! 投标保证金: the project's runner records a supplier's deposit for a lot that requires one,
//! voids one recorded by mistake, and lists them.

use caigou_domain::Money;
use caigou_domain::authz::Subject;
use caigou_domain::ids::{DepositId, LotId};
use caigou_domain::tender::deposit::DepositForm;
use caigou_domain::uscc::UnifiedSocialCreditCode;
use caigou_store::Store;
use caigou_store::deposits::{self, Deposit};

use super::projects::runnable_lot;
use crate::Result;

/// 登记投标保证金.
#[derive(Debug, Clone)]
pub struct RecordDeposit {
    pub lot: LotId,
    /// The payer, as on the bank statement or the guarantee.
    pub payer: UnifiedSocialCreditCode,
    pub amount: Money,
    pub form: DepositForm,
    /// Bank transaction number, or the guarantee's number and issuer.
    pub reference: String,
}

/// Records a deposit (the project's runner; after publication, before the deadline; at least
/// the lot's required amount, in a non-cash form; once per supplier and lot; audited).
pub async fn record(store: &Store, subject: &Subject, cmd: RecordDeposit) -> Result<DepositId> {
    runnable_lot(store, subject, cmd.lot).await?;
    Ok(deposits::record(store, subject, cmd.lot, &cmd.payer, cmd.amount, cmd.form, &cmd.reference).await?)
}

/// 作废登记: voids a deposit recorded by mistake, before the deadline, with a reason (audited).
pub async fn void(store: &Store, subject: &Subject, lot: LotId, deposit: DepositId, reason: &str) -> Result<()> {
    runnable_lot(store, subject, lot).await?;
    deposits::void(store, subject, lot, deposit, reason).await?;
    Ok(())
}

/// The deposits recorded for a lot (the project's runner).
pub async fn list(store: &Store, subject: &Subject, lot: LotId) -> Result<Vec<Deposit>> {
    runnable_lot(store, subject, lot).await?;
    Ok(deposits::list(store, lot).await?)
}
