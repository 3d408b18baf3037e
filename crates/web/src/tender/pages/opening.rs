//! The online opening hall (开标大厅) and the big screen (大屏): server-rendered, kept live by
//! Server-Sent Events that push the re-rendered state whenever it changes.

use std::convert::Infallible;
use std::time::Duration;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use caigou_domain::ids::LotId;
use caigou_domain::tender::{BidOutcome, BidStatus};
use caigou_store::opening::{self, OpeningView};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::input::path_id;
use crate::pages::{Chrome, render, when, yuan};
use crate::tender::api::opening::{TodayRow, may_watch, today_rows};

pub struct BidRow {
    pub bidder: String,
    pub uscc: String,
    pub submitted: String,
    pub signed_in: bool,
    pub outcome_key: String,
    pub price: String,
    pub opened: String,
}

/// The part of the hall that changes, rendered alone for the live stream.
#[derive(Template)]
#[template(path = "opening_live.html")]
pub struct Live {
    pub t: Tr,
    pub status_key: String,
    pub valid_bids: i64,
    pub decrypt_until: String,
    pub bids: Vec<BidRow>,
    pub objections: Vec<(String, String, String)>,
    pub record_sha256: Option<String>,
    pub record_log_index: Option<i64>,
}

fn live(t: Tr, v: &OpeningView) -> Live {
    Live {
        t,
        status_key: format!("opening.status.{}", v.status),
        valid_bids: v.valid_bids,
        decrypt_until: when(&v.decrypt_until),
        bids: v
            .bids
            .iter()
            .map(|b| BidRow {
                bidder: b.bidder.clone(),
                uscc: b.bidder_uscc.clone(),
                submitted: when(&b.submitted_at),
                signed_in: b.signed_in,
                outcome_key: format!("opening.outcome.{}", b.outcome.map_or("pending", BidOutcome::as_str)),
                price: b.total_price.map(|p| yuan(&p)).unwrap_or_else(|| "—".into()),
                opened: b.opened_at.map(|o| when(&o)).unwrap_or_default(),
            })
            .collect(),
        objections: v.objections.iter().map(|(n, t, at)| (n.clone(), t.clone(), when(at))).collect(),
        record_sha256: v.record_sha256.clone(),
        record_log_index: v.record_log_index,
    }
}

#[derive(Template)]
#[template(path = "opening.html")]
struct HallPage {
    chrome: Chrome,
    lot: String,
    title: String,
    live: Option<Live>,
    is_bidder: bool,
    decrypting: bool,
    /// 串通投标线索 for insiders once the opening has closed.
    signals: Option<Vec<caigou_domain::tender::collusion::Signal>>,
}

pub async fn hall(State(state): State<AppState>, ctx: Ctx, Path(lot): Path<String>) -> Result<Response, AppError> {
    let lot_id: LotId = path_id(&lot, "lot")?;
    let hall = caigou_app::tender::opening::hall(&state.store, &ctx.principal, lot_id).await?;
    let v = &hall.project;
    let l = v.lots.iter().find(|l| l.id == lot_id).ok_or_else(|| AppError::not_found("lot"))?;
    let chrome = Chrome::load(&state, &ctx).await?;
    let view = hall.opening.as_ref();
    Ok(render(&HallPage {
        title: format!("{} {} · {} {}", v.project.project_no, v.project.name, l.lot_no, l.name),
        decrypting: view.is_some_and(|x| x.status.accepts_keys()),
        live: view.map(|x| live(chrome.t, x)),
        signals: hall.signals,
        chrome,
        lot,
        is_bidder: hall.bidder,
    }))
}

/// The live stream of a lot's opening: the re-rendered state, sent when it changes. A viewer's
/// first event is read for it (so it is never older than the page it follows); after that every
/// viewer on this server shares one poller (crate::live).
pub async fn events(State(state): State<AppState>, ctx: Ctx, Path(lot): Path<String>) -> Result<Response, AppError> {
    may_watch(&state, &ctx, &lot).await?;
    let t = Tr::new(ctx.lang);
    let store = state.store.clone();
    let lot_id: LotId = path_id(&lot, "lot")?;
    let rx = state.live_openings.subscribe(&lot, Duration::from_secs(1), move || {
        let store = store.clone();
        async move { opening::view(&store, lot_id).await.ok() }
    });
    let render_view = move |v: Option<OpeningView>| v.map(|v| live(t, &v).render().unwrap_or_default()).unwrap_or_default();
    let first = render_view(opening::view(&state.store, lot_id).await.ok());
    Ok(live_stream(rx, first, render_view))
}

/// An SSE response: `first`, then each state the poller reads that renders differently from
/// the last one sent.
fn live_stream<T, F>(mut rx: tokio::sync::watch::Receiver<Option<T>>, first: String, render: F) -> Response
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> String + Send + Sync + Copy + 'static,
{
    // What the poller read before this viewer came is older than `first`: not news to it.
    rx.borrow_and_update();
    let stream = futures_util::stream::unfold((rx, Some(first), String::new()), move |(mut rx, pending, last)| async move {
        let html = match pending {
            Some(html) => html,
            None => loop {
                let html = render(crate::live::next(&mut rx, false).await?);
                if html != last {
                    break html;
                }
            },
        };
        let event: Result<Event, Infallible> = Ok(Event::default().data(html.replace('\n', " ")));
        Some((event, (rx, None, html)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

#[derive(Template)]
#[template(path = "bigscreen_live.html")]
pub struct ScreenLive {
    pub t: Tr,
    pub rows: Vec<TodayRow>,
    pub now: String,
}

#[derive(Template)]
#[template(path = "bigscreen.html")]
struct Screen {
    chrome: Chrome,
    live: ScreenLive,
}

/// 大屏: today's openings with their live status, for a wall display (public; no prices).
pub async fn bigscreen(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let chrome = Chrome::load(&state, &ctx).await?;
    let live = ScreenLive { t: chrome.t, rows: today_rows(&state).await?, now: when(&state.store.clock().now_ms()) };
    Ok(render(&Screen { chrome, live }))
}

pub async fn bigscreen_events(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let t = Tr::new(ctx.lang);
    let poll_state = state.clone();
    let read = |state: AppState| async move { (today_rows(&state).await.unwrap_or_default(), when(&state.store.clock().now_ms())) };
    let rx = state.live_screen.subscribe("today", Duration::from_secs(2), move || read(poll_state.clone()));
    let render_screen = move |(rows, now): (Vec<TodayRow>, String)| ScreenLive { t, rows, now }.render().unwrap_or_default();
    let first = render_screen(read(state.clone()).await);
    Ok(live_stream(rx, first, render_screen))
}

#[derive(Template)]
#[template(path = "bid.html")]
struct BidPage {
    chrome: Chrome,
    lot: String,
    title: String,
    deadline: String,
    open_for_bids: bool,
    decrypting: bool,
    own: Vec<caigou_store::bids::OwnBid>,
    /// Key ids registered for the organization (not revoked), as a JSON array for the script.
    registered: String,
    /// The lot's 投标保证金 and whether this supplier's is recorded (None: not required).
    deposit: Option<(String, bool)>,
    /// Before the deadline with a valid bid standing: it may be withdrawn (撤回).
    can_withdraw: bool,
    notice: Option<String>,
    error: Option<String>,
}

/// 电子投标: the supplier's bid page. Keys are made and kept in the browser; the bid is sealed
/// there (static/seal.js) and only ciphertext is sent.
pub async fn bid_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(lot): Path<String>,
    crate::api::ApiQuery(flash): crate::api::ApiQuery<crate::pages::Flash>,
) -> Result<Response, AppError> {
    let s = ctx.subject()?;
    let lot_id: LotId = path_id(&lot, "lot")?;
    let v = caigou_app::tender::suppliers::biddable(&state.store, s, lot_id).await.map_err(|e| match e {
        caigou_app::Error::Denied(caigou_domain::authz::Denied::Forbidden) => {
            AppError::new(axum::http::StatusCode::FORBIDDEN, "tender.not_obtained")
        }
        e => e.into(),
    })?;
    let l = v.lots.iter().find(|l| l.id == lot_id).ok_or_else(|| AppError::not_found("lot"))?;
    let now = state.store.clock().now_ms();
    let keys: Vec<String> =
        caigou_store::bids::keys_of(&state.store, s.org).await?.into_iter().filter(|k| k.revoked_at.is_none()).map(|k| k.key_id).collect();
    let decrypting = opening::view(&state.store, lot_id).await.is_ok_and(|o| o.status.accepts_keys() && now < o.decrypt_until);
    let deposit = match l.deposit {
        Some(d) => Some((yuan(&d), caigou_store::deposits::check_paid(&state.store, lot_id, s.org).await.is_ok())),
        None => None,
    };
    let open_for_bids = v.project.status.tendering() && v.project.deadline_at.is_some_and(|d| now < d);
    let own = caigou_store::bids::own_bids(&state.store, s.org, lot_id).await?;
    let chrome = Chrome::load(&state, &ctx).await?;
    Ok(render(&BidPage {
        title: format!("{} {} · {} {}", v.project.project_no, v.project.name, l.lot_no, l.name),
        deadline: v.project.deadline_at.map(|d| when(&d)).unwrap_or_default(),
        open_for_bids,
        can_withdraw: open_for_bids && own.iter().any(|b| b.status == BidStatus::Valid),
        notice: flash.notice(&chrome.t),
        error: flash.error(),
        chrome,
        decrypting,
        own,
        registered: serde_json::to_string(&keys).unwrap_or_else(|_| "[]".into()),
        deposit,
        lot,
    }))
}

/// 撤回 from the bid page: the same use case as the API's; back to the page, which says so.
pub async fn withdraw(State(state): State<AppState>, ctx: Ctx, Path(lot): Path<String>) -> Result<Response, AppError> {
    let r = caigou_app::tender::bids::withdraw(&state.store, ctx.subject()?, path_id(&lot, "lot")?)
        .await
        .map(|_| "notice.bid_withdrawn")
        .map_err(AppError::from);
    crate::pages::outcome(&ctx, &format!("/lots/{lot}/bid"), r)
}

/// The translation key of a bid's status (`valid`, `superseded`, `withdrawn`).
pub fn bid_status_key(status: &BidStatus) -> String {
    format!("bid.status.{status}")
}

#[derive(Template)]
#[template(path = "transparency.html")]
struct TransparencyPage {
    chrome: Chrome,
    head: caigou_store::translog::TreeHead,
    public_key: String,
    checkpoints: Vec<(i64, String, String, String)>,
}

/// 透明日志: the log's current signed head, its public key and the heads published so far, so
/// anyone can watch that the log only grows.
pub async fn transparency(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let head = caigou_store::translog::head(&state.store, None).await?;
    let public_key = caigou_store::translog::public_key(&state.store).await?;
    let checkpoints = caigou_store::translog::checkpoints(&state.store, 50)
        .await?
        .into_iter()
        .map(|(size, root, at, sig)| (size, root, when(&at), sig))
        .collect();
    Ok(render(&TransparencyPage { chrome: Chrome::load(&state, &ctx).await?, head, public_key, checkpoints }))
}
