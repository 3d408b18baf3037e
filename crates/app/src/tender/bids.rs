//! 投标: a supplier's keys, its sealed bids (submitting, modifying by submitting again,
//! withdrawing) and their receipts. The platform never sees a bid's content before the opening.

use caigou_domain::authz::{self, Action, Principal, Subject};
use caigou_domain::ids::{BidId, LotId};
use caigou_seal::Envelope;
use caigou_store::bids::{self, KeyCertificate, Origin, OwnBid};
use caigou_store::translog::Receipt;
use caigou_store::{Store, StoreError};

use crate::Result;

fn own_supplier(subject: &Subject) -> Result<()> {
    authz::decide(&Principal::User(subject.clone()), Action::ActForSupplier { supplier: subject.org })?;
    Ok(())
}

/// Registers the organization's public key (an approved supplier); the platform certifies it.
pub async fn register_key(store: &Store, subject: &Subject, public_key: &str) -> Result<KeyCertificate> {
    own_supplier(subject)?;
    Ok(bids::register_key(store, subject, public_key).await?)
}

/// The organization's keys and their certificates.
pub async fn keys(store: &Store, subject: &Subject) -> Result<Vec<KeyCertificate>> {
    own_supplier(subject)?;
    Ok(bids::keys_of(store, subject.org).await?)
}

/// Revokes one of the organization's keys.
pub async fn revoke_key(store: &Store, subject: &Subject, key: &str) -> Result<()> {
    own_supplier(subject)?;
    Ok(bids::revoke_key(store, subject, key).await?)
}

/// 投标 / 修改: submits a sealed bid; the last valid submission counts. `origin` (address,
/// user agent) is kept for the collusion signals.
pub async fn submit(store: &Store, subject: &Subject, lot: LotId, envelope: &Envelope, origin: Origin<'_>) -> Result<Receipt> {
    own_supplier(subject)?;
    Ok(bids::submit(store, subject, lot, envelope, origin).await?)
}

/// 撤回: withdraws the organization's bid on a lot before the deadline.
pub async fn withdraw(store: &Store, subject: &Subject, lot: LotId) -> Result<()> {
    own_supplier(subject)?;
    Ok(bids::withdraw(store, subject, lot).await?)
}

/// The organization's submissions on a lot (hashes and sizes, never content).
pub async fn own(store: &Store, subject: &Subject, lot: LotId) -> Result<Vec<OwnBid>> {
    own_supplier(subject)?;
    Ok(bids::own_bids(store, subject.org, lot).await?)
}

/// A receipt again for one of the organization's submissions. Another organization's bid is
/// "not found": bid ids are not disclosed.
pub async fn receipt(store: &Store, subject: &Subject, bid: BidId) -> Result<Receipt> {
    own_supplier(subject)?;
    if !bids::is_own(store, subject.org, bid).await? {
        return Err(StoreError::NotFound("bid").into());
    }
    Ok(bids::receipt(store, bid).await?)
}
