//! 开标: who may watch a lot's opening, and a bidder's part in it (signing in, releasing its
//! content key in the decryption window, objecting on the spot).

use caigou_domain::authz::{self, Action, Denied, Principal, Role, Subject};
use caigou_domain::ids::LotId;
use caigou_store::{Store, bids, opening, projects};

use super::projects::insider;
use crate::Result;

fn own_supplier(subject: &Subject) -> Result<()> {
    authz::decide(&Principal::User(subject.clone()), Action::ActForSupplier { supplier: subject.org })?;
    Ok(())
}

/// Who may watch a lot's opening: the project's insiders, and the lot's bidders.
pub async fn may_watch(store: &Store, principal: &Principal, lot: LotId) -> Result<()> {
    let lot_id = lot.to_string();
    let project = projects::project_of_lot(store, &lot_id).await?;
    let v = projects::get(store, &project).await?;
    if insider(principal, &v) {
        return Ok(());
    }
    match principal.subject() {
        Some(s) if s.has(Role::Supplier) && bids::has_bid(store, &s.org.to_string(), &lot_id).await? => Ok(()),
        Some(_) => Err(Denied::Forbidden.into()),
        None => Err(Denied::NotSignedIn.into()),
    }
}

/// 签到: a bidder signs in to the opening hall.
pub async fn sign_in(store: &Store, subject: &Subject, lot: LotId) -> Result<()> {
    own_supplier(subject)?;
    Ok(opening::sign_in(store, subject, &lot.to_string()).await?)
}

/// The bidder's valid bid on the lot and its wrapped content keys (JSON), to unwrap on its own
/// machine.
pub async fn own_valid_bid(store: &Store, subject: &Subject, lot: LotId) -> Result<(String, String)> {
    own_supplier(subject)?;
    Ok(opening::own_valid_bid(store, &subject.org.to_string(), &lot.to_string()).await?)
}

/// 解密: the bidder releases its content key in the decryption window; the platform opens the
/// bid and answers the opened total price (fen).
pub async fn release_key(store: &Store, subject: &Subject, lot: LotId, content_key: &str) -> Result<i64> {
    own_supplier(subject)?;
    Ok(opening::release_key(store, subject, &lot.to_string(), content_key).await?)
}

/// 开标现场异议: a bidder objects at the opening; recorded.
pub async fn object(store: &Store, subject: &Subject, lot: LotId, text: &str) -> Result<()> {
    own_supplier(subject)?;
    Ok(opening::object(store, subject, &lot.to_string(), text).await?)
}
