//! The object rules of the tender stage for every reader: who watches an opening, reads its
//! signals, a tender's documents and questions, a lot's bid page, a qualification file.

use caigou_seal::{BidContent, KeyPair};
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::add_users_with_several_roles;
use crate::helpers::TestApp;
use crate::tender_fixture::{client, open_lot, pass};
/// Who asks the object rules below: every user of [`super::ROLES`], and users of other regions, units
/// and agencies, suppliers with a bid, with the documents only, and with nothing.
const OBJECT_READERS: &[&str] = &[
    "admin",
    "supervisor",
    "supervisor2",
    "supervisor3",
    "purchaser",
    "purchaser-reviewer",
    "purchaser-approver",
    "purchaser2",
    "agency",
    "agency2",
    "agency3",
    "supplier1",
    "supplier2",
    "supplier3",
    "supplier4",
    "expert1",
    "clerk-reviewer",
    "unit2-deciders",
    "agency-expert",
];

/// Who watches the opening of a lot of the first unit's tender run by agency2 in the city
/// ([`Action::WatchOpening`], 87号令第40条): admins, the city's finance department, every purchaser
/// role of the first unit, agency2's staff (with a second role too), and the two bidders — not
/// the supplier that only obtained the documents, not the expert, not another unit, agency or
/// region.
///
/// [`Action::WatchOpening`]: caigou_domain::authz::Action::WatchOpening
const WATCHERS: &[&str] = &[
    "admin",
    "supervisor",
    "purchaser",
    "purchaser-reviewer",
    "purchaser-approver",
    "clerk-reviewer",
    "agency2",
    "agency-expert",
    "supplier1",
    "supplier2",
];

/// Who reads the 串通投标线索 of that lot: the same, less the bidders (signals about their rivals).
const SIGNAL_READERS: &[&str] =
    &["admin", "supervisor", "purchaser", "purchaser-reviewer", "purchaser-approver", "clerk-reviewer", "agency2", "agency-expert"];

/// Who reads that tender's documents and its questions and clarifications
/// ([`Action::ReadTenderDocuments`]): the watchers and supplier3, which obtained the documents
/// without bidding.
///
/// [`Action::ReadTenderDocuments`]: caigou_domain::authz::Action::ReadTenderDocuments
const DOCUMENT_READERS: &[&str] = &[
    "admin",
    "supervisor",
    "purchaser",
    "purchaser-reviewer",
    "purchaser-approver",
    "clerk-reviewer",
    "agency2",
    "agency-expert",
    "supplier1",
    "supplier2",
    "supplier3",
];

/// Who opens the lot's bid page ([`Action::BidOnLot`]): the suppliers that obtained the lot's
/// documents, nobody on the project side.
///
/// [`Action::BidOnLot`]: caigou_domain::authz::Action::BidOnLot
const LOT_BIDDERS: &[&str] = &["supplier1", "supplier2", "supplier3"];

/// Who reads supplier1's (东湖区) qualification file: its own staff, admins, and the finance
/// departments whose subtree holds 东湖区 (the city's and 东湖区's).
const QUALIFICATION_READERS: &[&str] = &["admin", "supervisor", "supervisor2", "supplier1"];

/// Whether a status is the route letting the user in (anything but a refusal or a failure) or
/// refusing them, as the route matrix counts it.
fn let_in(status: StatusCode) -> bool {
    status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN && status.as_u16() < 500
}

/// The object rules of the opening and of qualification files, for every reader: the hall page,
/// its live stream, the opening's state and record, the signals, and the file.
async fn openings_and_qualification_files_for_every_role(app: TestApp) {
    add_users_with_several_roles(&app).await;
    let (project, lot, deadline) = open_lot(&app, "开标观看权限测试", &["supplier1", "supplier2", "supplier3"]).await;
    for s in ["supplier1", "supplier2"] {
        let c = client(&app, s).await;
        let k = KeyPair::generate();
        c.register(&k).await.unwrap();
        let bid = BidContent { total_price: 100_000, unit_prices: vec![], declarations: Default::default(), files: vec![] };
        c.submit(&k, &lot, &bid).await.unwrap();
    }
    pass(&app, deadline).await;

    let t = app.token("supplier1").await;
    let part = reqwest::multipart::Part::bytes(&b"%PDF-1.4 licence"[..]).file_name("营业执照.pdf").mime_str("application/pdf").unwrap();
    let r = app.http.post(app.url("/api/v1/files")).bearer_auth(&t).multipart(reqwest::multipart::Form::new().part("file", part));
    let r = r.send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let file = r.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    let (status, v) = app
        .post("/api/v1/supplier/qualifications", Some(&t), &json!({"name": "营业执照（权限测试）", "number": "Q-1", "file_id": file}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let qualification = v["qualifications"].as_array().unwrap().iter().find(|q| q["name"] == "营业执照（权限测试）").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();

    let rules: [(String, &[&str]); 9] = [
        (format!("/projects/{project}/documents.pdf"), DOCUMENT_READERS),
        (format!("/api/v1/projects/{project}/questions"), DOCUMENT_READERS),
        (format!("/lots/{lot}/bid"), LOT_BIDDERS),
        (format!("/lots/{lot}/opening"), WATCHERS),
        (format!("/lots/{lot}/opening/events"), WATCHERS),
        (format!("/api/v1/lots/{lot}/opening"), WATCHERS),
        (format!("/api/v1/lots/{lot}/opening/record"), WATCHERS),
        (format!("/api/v1/lots/{lot}/opening/signals"), SIGNAL_READERS),
        (format!("/qualifications/{qualification}"), QUALIFICATION_READERS),
    ];
    let mut readers: Vec<Option<&str>> = OBJECT_READERS.iter().map(|u| Some(*u)).collect();
    readers.push(None);
    let mut failures = Vec::new();
    for user in readers {
        let token = match user {
            Some(u) => Some(app.token(u).await),
            None => None,
        };
        for (path, allowed) in &rules {
            let mut req = app.http.get(app.url(path));
            if let Some(t) = &token {
                req = req.bearer_auth(t);
            }
            // The live stream answers its headers and then stays open: the status is enough.
            let status = req.send().await.expect("request").status();
            let allow = user.is_some_and(|u| allowed.contains(&u));
            let ok = match user {
                _ if allow => let_in(status),
                None => status == StatusCode::UNAUTHORIZED || (status == StatusCode::SEE_OTHER && !path.starts_with("/api/")),
                Some(_) => status == StatusCode::FORBIDDEN,
            };
            if !ok {
                let who = user.unwrap_or("anonymous");
                failures.push(format!("GET {path} as {who}: got {status}, expected {}", if allow { "allowed" } else { "denied" }));
            }
        }
    }
    assert!(failures.is_empty(), "object rules violated:\n{}", failures.join("\n"));

    // A bidder watches the whole opening, every valid bid; a reviewer gets the file itself.
    let (_, o) = app.get(&format!("/api/v1/lots/{lot}/opening"), Some(&app.token("supplier2").await)).await;
    assert_eq!(o["bids"].as_array().map(Vec::len), Some(2), "{o}");
    let (status, bytes) = {
        let r = app
            .http
            .get(app.url(&format!("/qualifications/{qualification}")))
            .bearer_auth(app.token("supervisor2").await)
            .send()
            .await
            .unwrap();
        (r.status(), r.bytes().await.unwrap())
    };
    assert_eq!((status, &bytes[..]), (StatusCode::OK, &b"%PDF-1.4 licence"[..]), "the reviewer reads the file itself");
}
both!(object_actions, openings_and_qualification_files_for_every_role);
