//! 开标: who may watch a lot's opening ([`Action::WatchOpening`]: those the project concerns and
//! the lot's bidders) and what they see there, and a bidder's part in it (signing in, releasing
//! its content key in the decryption window, objecting on the spot).

use caigou_domain::authz::{self, Action, Principal, Subject};
use caigou_domain::ids::{LotId, OrgId};
use caigou_domain::tender::collusion::Signal;
use caigou_store::opening::{self, OpeningView};
use caigou_store::projects::{self, ProjectView};
use caigou_store::{Store, StoreError, bids};

use super::projects::insider;
use crate::Result;

fn own_supplier(subject: &Subject) -> Result<()> {
    authz::decide(&Principal::User(subject.clone()), Action::ActForSupplier { supplier: subject.org })?;
    Ok(())
}

/// The project of `lot` and the lot's bidders, if `principal` may watch its opening.
async fn watched(store: &Store, principal: &Principal, lot: LotId) -> Result<(ProjectView, Vec<OrgId>)> {
    let project = projects::project_of_lot(store, lot).await?;
    let v = projects::get(store, project).await?;
    let bidders = bids::bidders(store, lot).await?;
    let (purchasers, region_path) = (v.purchasers(), v.region_ids());
    authz::decide(
        principal,
        Action::WatchOpening { runner: v.runner(), purchasers: &purchasers, region_path: &region_path, bidders: &bidders },
    )?;
    Ok((v, bidders))
}

/// Whether `principal` may watch the lot's opening ([`Action::WatchOpening`]); for its live
/// stream, which reads the state itself.
pub async fn may_watch(store: &Store, principal: &Principal, lot: LotId) -> Result<()> {
    watched(store, principal, lot).await?;
    Ok(())
}

/// The opening of a lot as it stands: status, bidders, outcomes and prices as they are opened.
pub async fn view(store: &Store, principal: &Principal, lot: LotId) -> Result<OpeningView> {
    watched(store, principal, lot).await?;
    Ok(opening::view(store, lot).await?)
}

/// The opening record (开标记录) once the decryption window has ended, as logged.
pub async fn record(store: &Store, principal: &Principal, lot: LotId) -> Result<Option<String>> {
    watched(store, principal, lot).await?;
    Ok(opening::record(store, lot).await?)
}

/// 串通投标线索 once the opening has closed (None before): for the project's insiders
/// ([`Action::ViewProject`]), never for bidders — signals about competitors, not verdicts.
pub async fn signals(store: &Store, principal: &Principal, lot: LotId) -> Result<Option<Vec<Signal>>> {
    let project = projects::project_of_lot(store, lot).await?;
    let v = projects::get(store, project).await?;
    let (purchasers, region_path) = (v.purchasers(), v.region_ids());
    authz::decide(principal, Action::ViewProject { runner: v.runner(), purchasers: &purchasers, region_path: &region_path })?;
    Ok(opening::signals(store, lot).await?)
}

/// The opening hall (开标大厅) as one watcher sees it.
pub struct Hall {
    pub project: ProjectView,
    /// The opening, once the deadline has passed and it began.
    pub opening: Option<OpeningView>,
    /// Whether the watcher bids on the lot (signs in, releases its key, objects).
    pub bidder: bool,
    /// 串通投标线索, for the project's insiders once the opening has closed.
    pub signals: Option<Vec<Signal>>,
}

/// The hall of `lot` for `principal`, if it may watch ([`Action::WatchOpening`]).
pub async fn hall(store: &Store, principal: &Principal, lot: LotId) -> Result<Hall> {
    let (v, bidders) = watched(store, principal, lot).await?;
    v.lots.iter().find(|l| l.id == lot).ok_or(StoreError::NotFound("lot"))?;
    let bidder = principal.subject().is_some_and(|s| bidders.contains(&s.org) && own_supplier(s).is_ok());
    let signals = if insider(principal, &v) { opening::signals(store, lot).await? } else { None };
    let opening = match opening::view(store, lot).await {
        Ok(o) => Some(o),
        // Not begun yet (before the deadline): the hall shows the lot and waits.
        Err(StoreError::Rejected { .. }) => None,
        Err(e) => return Err(e.into()),
    };
    Ok(Hall { project: v, opening, bidder, signals })
}

/// 签到: a bidder signs in to the opening hall.
pub async fn sign_in(store: &Store, subject: &Subject, lot: LotId) -> Result<()> {
    own_supplier(subject)?;
    Ok(opening::sign_in(store, subject, lot).await?)
}

/// The bidder's valid bid on the lot and its wrapped content keys (JSON), to unwrap on its own
/// machine.
pub async fn own_valid_bid(store: &Store, subject: &Subject, lot: LotId) -> Result<(String, String)> {
    own_supplier(subject)?;
    Ok(opening::own_valid_bid(store, subject.org, lot).await?)
}

/// 解密: the bidder releases its content key in the decryption window; the platform opens the
/// bid and answers the opened total price (fen).
pub async fn release_key(store: &Store, subject: &Subject, lot: LotId, content_key: &str) -> Result<i64> {
    own_supplier(subject)?;
    Ok(opening::release_key(store, subject, lot, content_key).await?)
}

/// 开标现场异议: a bidder objects at the opening; recorded.
pub async fn object(store: &Store, subject: &Subject, lot: LotId, text: &str) -> Result<()> {
    own_supplier(subject)?;
    Ok(opening::object(store, subject, lot, text).await?)
}
