//! The demo's finished sealed-bid tender (数据中心机柜采购): run forty days in the past through
//! the real code, so the portal, the opening hall, the transparency log and the custody page show
//! one that was sealed, opened and recorded. The keys of the simulated bidders and custodians are
//! made here as they would be on their machines, used, and dropped.
//!
//! Four suppliers bid (supplier6 in the SM2/SM4/SM3 suite); three release their content keys in
//! the decryption window; supplier6 does not, and two of the three custodians (2 of 3) release
//! their shares, which opens its bid in the remedy stage. The opening record is signed into the
//! log.

use caigou_domain::Money;
use caigou_domain::authz::Subject;
use caigou_domain::planning::PlanStatus;
use caigou_domain::tender::{Evaluation, EvaluationMethod};
use caigou_seal::{BidContent, KeyPair};
use caigou_store::bids::Origin;
use caigou_store::custodians::ShareIn;
use caigou_store::documents::{self, DocumentsDraft};
use caigou_store::projects::{self, NewProject};
use caigou_store::{Store, StoreError, bids, custodians, opening, scheduled, users};

/// The project's name; tests and the browser find it by this.
pub const NAME: &str = "数据中心机柜采购";
const DAYS_AGO: i64 = 40;
const DAY_MS: i64 = 86_400_000;

async fn who(store: &Store, name: &str) -> Result<Subject, StoreError> {
    let id = users::user_id_by_name(store, name).await?.ok_or(StoreError::NotFound("demo user"))?;
    Ok(users::identity(store, id).await?.ok_or(StoreError::NotFound("demo user"))?.subject)
}

fn seal_error(e: caigou_seal::SealError) -> StoreError {
    StoreError::Internal(format!("demo sealing: {e}"))
}

/// Seeds the tender; the process clock is moved back and restored whatever happens.
pub async fn seed(store: &Store) -> Result<(), StoreError> {
    // This year's budget line, even when forty days back is last year.
    let year: i16 = store.clock().today().year();
    let before = store.clock().offset_ms();
    store.clock().set_offset_ms(before - DAYS_AGO * DAY_MS);
    let result = run(store, year).await;
    store.clock().set_offset_ms(before);
    result
}

/// Moves the process clock to `ms` (forward) and runs the jobs that fell due.
async fn move_to(store: &Store, ms: i64) -> Result<(), StoreError> {
    let now = store.clock().now_ms();
    if ms > now {
        store.clock().advance(ms - now);
    }
    scheduled::run_due(store, &caigou_store::job_handlers()).await?;
    Ok(())
}

async fn run(store: &Store, year: i16) -> Result<(), StoreError> {
    let purchaser = who(store, "purchaser").await?;
    let agency2 = who(store, "agency2").await?;
    let supervisor = who(store, "supervisor").await?;
    let line = caigou_store::budget::list(store, purchaser.org, Some(year.into()))
        .await?
        .into_iter()
        .find(|l| l.code.ends_with("2050201"))
        .ok_or(StoreError::NotFound("budget line"))?;
    let item = ("A02010601", "42U服务器机柜（含智能PDU）", 20, Money::from_yuan(600_000));
    let plan = crate::demo::open_tender_plan(NAME, line.id, store.clock().today(), item);
    let plan = caigou_store::plans::submit(store, &purchaser, &plan).await?;
    if plan.status != PlanStatus::Filed {
        return Ok(());
    }
    projects::entrust(store, &purchaser, plan.id, agency2.org).await?;
    let project =
        projects::create(store, &agency2, &NewProject { name: format!("{NAME}项目"), plan_ids: vec![plan.id], lots: vec![] }).await?;

    // Custodians: the agency's officer, the purchaser's representative and the supervisor, 2 of 3.
    let people = [&agency2, &purchaser, &supervisor];
    let mut custodian_keys = Vec::new();
    for p in people {
        let k = KeyPair::generate();
        custodians::register_key(store, p, &k.public_hex()).await?;
        custodian_keys.push(k);
    }
    let ids: Vec<String> = people.iter().map(|p| p.user.to_string()).collect();
    custodians::name(store, &agency2, project, &ids, 2).await?;
    // The ceremony, on the purchaser representative's machine.
    let opening_key = KeyPair::generate();
    let parts = caigou_seal::shamir::split(&opening_key, 2, 3).map_err(seal_error)?;
    let mut shares = Vec::new();
    for ((p, k), part) in people.iter().zip(&custodian_keys).zip(parts) {
        shares.push(ShareIn {
            user_id: p.user.to_string(),
            sealed: caigou_seal::seal_for(&k.public_hex(), &part, project.to_string().as_bytes()).map_err(seal_error)?,
        });
    }
    custodians::set_opening_key(store, &purchaser, project, &opening_key.public_hex(), &shares, 2).await?;
    drop(opening_key);

    let view = projects::get(store, project).await?;
    // A bid deposit of 2 % of the budget (the most 条例33 allows), by bank transfer.
    let settings =
        projects::LotSettings { max_price: None, sme: caigou_domain::tender::SmePolicy::None, deposit: Some(Money::from_yuan(12_000)) };
    projects::update_lot(store, &agency2, project, view.lots[0].id, settings).await?;
    let e = documents::earliest_dates(store, &view, store.clock().today()).await?;
    let draft = DocumentsDraft {
        template_id: "builtin-open-tender-goods".into(),
        evaluation: Evaluation { method: EvaluationMethod::LowestPrice, criteria: vec![] },
        qualification: "具备相关产品的合法经营资格".into(),
        sections: Default::default(),
        documents_until: e.documents_until,
        deadline: e.deadline_on.to_datetime(jiff::civil::time(9, 30, 0, 0)),
        contact_name: "赵工".into(),
        contact_phone: "0990-6180012".into(),
    };
    caigou_app::tender::projects::save_documents(store, &agency2, project, &draft).await.map_err(crate::demo::app)?;
    let published = caigou_app::tender::projects::publish(store, &agency2, project).await.map_err(crate::demo::app)?;
    let _ = published;
    let view = projects::get(store, project).await?;
    let lot = view.lots[0].id;
    let deadline = view.project.deadline_at.ok_or(StoreError::Internal("published without a deadline".into()))?;

    // Four bidders obtain the documents and bid on their own machines (supplier6 with SM2).
    let opening_public = custodians::custody(store, project).await?.opening_public_key.unwrap_or_default();
    // supplier4 and supplier5 bid from the same address: the hall shows it to the agency as a
    // collusion signal (87号令第37条).
    let prices = [
        ("supplier3", 54_800_000, "221.6.10.23"),
        ("supplier4", 53_650_000, "58.213.40.7"),
        ("supplier5", 55_990_000, "58.213.40.7"),
        ("supplier6", 52_980_000, "114.222.8.91"),
    ];
    let mut bidders = Vec::new();
    for (name, price, address) in prices {
        let s = who(store, name).await?;
        caigou_store::tendering::obtain(store, &s, lot, address).await?;
        let uscc = caigou_store::suppliers::get(store, s.org).await?.uscc;
        let uscc = uscc.parse().map_err(|_| StoreError::Internal("demo supplier code".into()))?;
        let reference = format!("ICBC-DEMO-{}", &name[8..]);
        caigou_store::deposits::record(
            store,
            &agency2,
            lot,
            &uscc,
            Money::from_yuan(12_000),
            caigou_domain::tender::deposit::DepositForm::Transfer,
            &reference,
        )
        .await?;
        let key = if name == "supplier6" { KeyPair::generate_for(caigou_seal::SM_SUITE).map_err(seal_error)? } else { KeyPair::generate() };
        bids::register_key(store, &s, &key.public_hex()).await?;
        let content = BidContent {
            total_price: price,
            unit_prices: vec![("42U服务器机柜（含智能PDU）".into(), price / 20)],
            declarations: [("sme".to_string(), "small".to_string())].into(),
            files: vec![caigou_seal::BidFile {
                name: "技术响应文件.txt".into(),
                content: caigou_seal::b64(format!("{name} 技术响应：完全满足招标文件技术参数。").as_bytes()),
            }],
        };
        let env = caigou_seal::seal_bid(&key, &lot.to_string(), &content, &[&opening_public]).map_err(seal_error)?;
        bids::submit(store, &s, lot, &env, Origin { address, user_agent: "caigou-bidder (demo)" }).await?;
        bidders.push((s, key, env));
    }

    // The deadline: the lot closes and the decryption window opens.
    move_to(store, deadline + 1_000).await?;
    for (s, key, env) in bidders.iter().take(3) {
        opening::sign_in(store, s, lot).await?;
        let content_key = caigou_seal::unwrap(key, &env.wrapped[0], lot.to_string().as_bytes()).map_err(seal_error)?;
        opening::release_key(store, s, lot, &caigou_seal::b64(&content_key)).await?;
    }
    // After the window: two custodians release their shares; supplier6's bid opens.
    let until = opening::view(store, lot).await?.decrypt_until;
    move_to(store, until + 1_000).await?;
    for (p, k) in people.iter().zip(&custodian_keys).take(2) {
        let sealed = custodians::own_share(store, p, project).await?;
        let share = caigou_seal::open_for(k, &sealed, project.to_string().as_bytes()).map_err(seal_error)?;
        custodians::release_share(store, p, project, &caigou_seal::b64(&share)).await?;
    }
    Ok(())
}
