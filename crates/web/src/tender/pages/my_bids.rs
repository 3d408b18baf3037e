//! 我的投标: every lot whose documents the supplier obtained, where its bid stands (未递交 /
//! 已递交 at a time / 已撤回 / 已截止), what to do next, and its receipts. The supplier's way
//! back to a tender after leaving it.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use caigou_domain::ids::{BidId, LotId, ProjectId};
use caigou_domain::tender::BidStatus;
use std::collections::BTreeMap;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Chrome, render, when};
use crate::tender::pages::projects::dt;

/// One obtained lot, as the supplier sees it.
pub struct MyLot {
    pub project: ProjectId,
    pub lot: LotId,
    pub title: String,
    pub deadline: String,
    pub obtained_at: String,
    /// Translation key of where the bid stands.
    pub state: &'static str,
    /// The submission that counts: version and time.
    pub current: Option<(i64, String)>,
    /// Every submission: (bid, version, status key, time, log index).
    pub receipts: Vec<(BidId, i64, String, String, i64)>,
    pub open_for_bids: bool,
    pub closed: bool,
}

#[derive(Template)]
#[template(path = "my_bids.html")]
struct MyBidsPage {
    chrome: Chrome,
    lots: Vec<MyLot>,
}

/// Where the supplier's bid on a lot stands, from its submissions and the deadline.
fn state_of(bids: &[caigou_store::bids::OwnBid], closed: bool) -> &'static str {
    let last = bids.iter().max_by_key(|b| b.version);
    match (last.map(|b| b.status), closed) {
        (Some(BidStatus::Valid), false) => "mybids.state.submitted",
        (Some(BidStatus::Valid), true) => "mybids.state.submitted_closed",
        (Some(BidStatus::Withdrawn), _) => "mybids.state.withdrawn",
        (_, false) => "mybids.state.not_submitted",
        (_, true) => "mybids.state.missed",
    }
}

pub async fn page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let s = ctx.subject()?;
    let store = &state.store;
    let now = store.clock().now_ms();
    let obtained = caigou_app::tender::suppliers::obtained(store, s).await?;
    let mut projects = BTreeMap::new();
    let mut lots = Vec::new();
    for o in obtained {
        if let std::collections::btree_map::Entry::Vacant(e) = projects.entry(o.project) {
            e.insert(caigou_store::projects::get(store, o.project).await?);
        }
        let v = &projects[&o.project];
        let Some(l) = v.lots.iter().find(|l| l.id == o.lot) else { continue };
        let bids = caigou_app::tender::bids::own(store, s, o.lot).await?;
        let closed = v.project.deadline_at.is_none_or(|d| now >= d);
        let current =
            bids.iter().filter(|b| b.status == BidStatus::Valid).max_by_key(|b| b.version).map(|b| (b.version, when(&b.submitted_at)));
        lots.push(MyLot {
            project: o.project,
            lot: o.lot,
            title: format!("{} {} · {} {}", v.project.project_no, v.project.name, l.lot_no, l.name),
            deadline: dt(&v.project.deadline_at),
            obtained_at: when(&o.at),
            state: state_of(&bids, closed),
            current,
            receipts: bids
                .iter()
                .map(|b| (b.id, b.version, crate::tender::pages::opening::bid_status_key(&b.status), when(&b.submitted_at), b.log_index))
                .collect(),
            open_for_bids: v.project.status.tendering() && !closed,
            closed,
        });
    }
    Ok(render(&MyBidsPage { chrome: Chrome::load(&state, &ctx).await?, lots }))
}
