//! Every route × every role: allowed or denied exactly as written below. The table is written by
//! hand; a route in the application without a row here (or a row without a route) fails.

use std::collections::BTreeSet;

use caigou_domain::authz::Role;
use caigou_store::audit::Actor;
use caigou_store::users::{self, NewUser};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::TestApp;
use crate::tender_fixture::{client, open_lot, pass};
use caigou_seal::{BidContent, KeyPair};

/// Who may pass a route's gate. Object-level rules (region subtree, owner) are tested in the
/// feature tests.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Allowed {
    Everyone,
    SignedIn,
    Only(&'static [&'static str]),
}
use Allowed::*;

const ADMIN: Allowed = Only(&["admin"]);
const AUDIT: Allowed = Only(&["admin", "supervisor"]);
const BUDGET: Allowed = Only(&["admin", "supervisor"]);
const HANDLER: Allowed = Only(&["purchaser", "clerk-reviewer"]);
const PURCHASER: Allowed = Only(&["purchaser", "purchaser-reviewer", "purchaser-approver", "clerk-reviewer", "unit2-deciders"]);
const SUPERVISOR: Allowed = Only(&["supervisor"]);
/// Who acts on a 申购's step: reviewers and approvers.
const DECIDER: Allowed = Only(&["purchaser-reviewer", "purchaser-approver", "clerk-reviewer", "unit2-deciders"]);
/// Who sets their own unit's chain in the pages: approvers.
const UNIT_CHAIN: Allowed = Only(&["purchaser-approver", "unit2-deciders"]);
const CHAIN: Allowed = Only(&["admin", "purchaser-approver", "unit2-deciders"]);
const PLANNING: Allowed =
    Only(&["admin", "supervisor", "purchaser", "purchaser-reviewer", "purchaser-approver", "clerk-reviewer", "unit2-deciders"]);
const SUPPLIER: Allowed = Only(&["supplier1"]);
const REVIEWER: Allowed = Only(&["admin", "supervisor"]);
const RUNNER: Allowed = Only(&["purchaser", "agency", "clerk-reviewer", "agency-expert"]);
const PROJECTS: Allowed = Only(&[
    "admin",
    "supervisor",
    "purchaser",
    "purchaser-reviewer",
    "purchaser-approver",
    "agency",
    "clerk-reviewer",
    "unit2-deciders",
    "agency-expert",
]);
const TEMPLATE_USER: Allowed = Only(&["admin", "agency", "purchaser", "clerk-reviewer", "agency-expert"]);
const TEMPLATE_EDITOR: Allowed = Only(&["admin", "agency", "agency-expert"]);
const CUSTODIAN: Allowed = Only(&[
    "supervisor",
    "purchaser",
    "purchaser-reviewer",
    "purchaser-approver",
    "agency",
    "clerk-reviewer",
    "unit2-deciders",
    "agency-expert",
]);
const UPLOADER: Allowed = Only(&["purchaser", "purchaser-reviewer", "purchaser-approver", "clerk-reviewer", "unit2-deciders", "supplier1"]);

const MATRIX: &[(&str, &str, Allowed)] = &[
    ("GET", "/healthz", Everyone),
    ("GET", "/metrics", ADMIN),
    ("GET", "/static/{file}", Everyone),
    ("GET", "/", Everyone),
    ("GET", "/announcements/{id}", Everyone),
    ("GET", "/feed.atom", Everyone),
    ("GET", "/suppliers/register", Everyone),
    ("POST", "/suppliers/register", Everyone),
    ("GET", "/lang", Everyone),
    ("GET", "/login", Everyone),
    ("POST", "/login", Everyone),
    ("POST", "/logout", SignedIn),
    ("GET", "/catalog", Everyone),
    ("GET", "/regions", Everyone),
    ("GET", "/regions/{id}", Everyone),
    ("POST", "/regions/{id}/versions", ADMIN),
    ("GET", "/calendar", Everyone),
    ("POST", "/calendar/years", ADMIN),
    ("GET", "/calendar/years/{year}/source", Everyone),
    ("GET", "/api/docs", Everyone),
    ("GET", "/workbench", SignedIn),
    ("GET", "/inbox", SignedIn),
    ("POST", "/inbox/{id}/read", SignedIn),
    ("GET", "/account", SignedIn),
    ("POST", "/account/password", SignedIn),
    ("POST", "/account/tokens", SignedIn),
    ("POST", "/account/tokens/{id}/revoke", SignedIn),
    ("GET", "/audit", AUDIT),
    ("GET", "/budget", PLANNING),
    ("POST", "/budget/import", BUDGET),
    ("POST", "/budget/lines", BUDGET),
    ("GET", "/intentions", PURCHASER),
    ("POST", "/intentions", HANDLER),
    ("GET", "/plans", PLANNING),
    ("GET", "/plans/new", HANDLER),
    ("POST", "/plans/check", HANDLER),
    ("POST", "/plans", HANDLER),
    ("GET", "/plans/{id}", PLANNING),
    ("POST", "/plans/{id}/cancel", HANDLER),
    ("POST", "/plans/{id}/fail", HANDLER),
    ("POST", "/plans/{id}/reprocure", HANDLER),
    ("GET", "/plans/{id}/amend", HANDLER),
    ("POST", "/plans/{id}/decision", SUPERVISOR),
    ("GET", "/plans/{id}/objections", Everyone),
    ("POST", "/plans/{id}/objections", Everyone),
    ("GET", "/approvals", SUPERVISOR),
    ("GET", "/requests", PURCHASER),
    ("GET", "/requests/new", HANDLER),
    ("POST", "/requests", HANDLER),
    ("GET", "/requests/{id}", PLANNING),
    ("POST", "/requests/{id}/act", PURCHASER),
    ("GET", "/requests/{id}/edit", HANDLER),
    ("POST", "/requests/{id}/edit", HANDLER),
    ("GET", "/requests/{id}/attachments/{file}", PLANNING),
    ("GET", "/approval-chain", PURCHASER),
    ("POST", "/approval-chain", UNIT_CHAIN),
    ("GET", "/supplier", SUPPLIER),
    ("POST", "/supplier", SUPPLIER),
    ("POST", "/supplier/qualifications", SUPPLIER),
    ("POST", "/supplier/submit", SUPPLIER),
    ("GET", "/suppliers", REVIEWER),
    ("GET", "/suppliers/{id}", REVIEWER),
    ("POST", "/suppliers/{id}/review", REVIEWER),
    ("GET", "/qualifications/{id}", SignedIn),
    ("POST", "/plans/{id}/entrust", HANDLER),
    ("GET", "/projects", PROJECTS),
    ("GET", "/projects/new", RUNNER),
    ("POST", "/projects", RUNNER),
    ("GET", "/projects/{id}", SignedIn),
    ("POST", "/projects/{id}/lots/{lot}", RUNNER),
    ("POST", "/projects/{id}/documents", RUNNER),
    ("POST", "/projects/{id}/publish", RUNNER),
    ("POST", "/projects/{id}/clarifications", RUNNER),
    ("POST", "/projects/{id}/terminate", RUNNER),
    ("POST", "/projects/{id}/questions", SUPPLIER),
    ("GET", "/projects/{id}/documents.pdf", SignedIn),
    ("GET", "/projects/{id}/documents.html", SignedIn),
    ("POST", "/lots/{id}/obtain", SUPPLIER),
    ("POST", "/lots/{id}/deposits", RUNNER),
    ("POST", "/lots/{id}/deposits/{deposit}/void", RUNNER),
    ("GET", "/projects/{id}/custody", CUSTODIAN),
    ("GET", "/lots/{id}/bid", SUPPLIER),
    ("GET", "/lots/{id}/opening", SignedIn),
    ("GET", "/lots/{id}/opening/events", SignedIn),
    ("GET", "/bigscreen", Everyone),
    ("GET", "/transparency", Everyone),
    ("GET", "/bigscreen/events", Everyone),
    ("GET", "/templates", TEMPLATE_USER),
    ("POST", "/templates/{id}", TEMPLATE_EDITOR),
    ("GET", "/api/v1/openapi.json", Everyone),
    ("POST", "/api/v1/auth/login", Everyone),
    ("POST", "/api/v1/auth/logout", SignedIn),
    ("GET", "/api/v1/me", SignedIn),
    ("POST", "/api/v1/me/password", SignedIn),
    ("POST", "/api/v1/tokens", SignedIn),
    ("GET", "/api/v1/tokens", SignedIn),
    ("POST", "/api/v1/tokens/{id}/revoke", SignedIn),
    ("GET", "/api/v1/notifications", SignedIn),
    ("POST", "/api/v1/notifications/{id}/read", SignedIn),
    ("GET", "/api/v1/announcements", Everyone),
    ("GET", "/api/v1/regions", Everyone),
    ("GET", "/api/v1/regions/{id}/policy", Everyone),
    ("GET", "/api/v1/regions/{id}/policy-versions", Everyone),
    ("POST", "/api/v1/regions/{id}/policy-versions", ADMIN),
    ("GET", "/api/v1/statutory-limits", Everyone),
    ("POST", "/api/v1/statutory-limits", ADMIN),
    ("GET", "/api/v1/catalog", Everyone),
    ("GET", "/api/v1/catalog/{code}", Everyone),
    ("POST", "/api/v1/catalog/import", ADMIN),
    ("GET", "/api/v1/calendar/is-working-day", Everyone),
    ("GET", "/api/v1/calendar/add-working-days", Everyone),
    ("POST", "/api/v1/calendar/years", ADMIN),
    ("GET", "/api/v1/audit", AUDIT),
    ("GET", "/api/v1/audit/verify", ADMIN),
    ("GET", "/api/v1/budget-lines", PLANNING),
    ("POST", "/api/v1/budget-lines", BUDGET),
    ("POST", "/api/v1/budget-lines/import", BUDGET),
    ("GET", "/api/v1/intentions", PURCHASER),
    ("POST", "/api/v1/intentions", HANDLER),
    ("POST", "/api/v1/plans/check", HANDLER),
    ("POST", "/api/v1/plans", HANDLER),
    ("GET", "/api/v1/plans", PLANNING),
    ("GET", "/api/v1/plans/{id}", PLANNING),
    ("POST", "/api/v1/plans/{id}/cancel", HANDLER),
    ("POST", "/api/v1/plans/{id}/fail", HANDLER),
    ("POST", "/api/v1/plans/{id}/reprocure", HANDLER),
    ("POST", "/api/v1/plans/{id}/amend", HANDLER),
    ("GET", "/api/v1/approvals", SUPERVISOR),
    ("POST", "/api/v1/plans/{id}/decision", SUPERVISOR),
    ("POST", "/api/v1/plans/{id}/objections", Everyone),
    ("GET", "/api/v1/requests", PURCHASER),
    ("GET", "/api/v1/requests/waiting", PURCHASER),
    ("POST", "/api/v1/requests", HANDLER),
    ("GET", "/api/v1/requests/{id}", PLANNING),
    ("POST", "/api/v1/requests/{id}", HANDLER),
    ("POST", "/api/v1/requests/{id}/submit", HANDLER),
    ("POST", "/api/v1/requests/{id}/approve", DECIDER),
    ("POST", "/api/v1/requests/{id}/return", DECIDER),
    ("POST", "/api/v1/requests/{id}/reject", DECIDER),
    ("GET", "/api/v1/approval-chain", PURCHASER),
    ("POST", "/api/v1/approval-chain", CHAIN),
    ("POST", "/api/v1/files", UPLOADER),
    ("GET", "/api/v1/clock", Everyone),
    ("POST", "/api/v1/suppliers/register", Everyone),
    ("GET", "/api/v1/supplier", SUPPLIER),
    ("POST", "/api/v1/supplier", SUPPLIER),
    ("POST", "/api/v1/supplier/qualifications", SUPPLIER),
    ("POST", "/api/v1/supplier/submit", SUPPLIER),
    ("GET", "/api/v1/suppliers", REVIEWER),
    ("GET", "/api/v1/suppliers/{id}", REVIEWER),
    ("POST", "/api/v1/suppliers/{id}/review", REVIEWER),
    ("GET", "/api/v1/agencies", SignedIn),
    ("POST", "/api/v1/plans/{id}/entrust", HANDLER),
    ("GET", "/api/v1/entrusted-plans", RUNNER),
    ("POST", "/api/v1/projects", RUNNER),
    ("GET", "/api/v1/projects", PROJECTS),
    ("GET", "/api/v1/projects/{id}", Everyone),
    ("GET", "/api/v1/projects/{id}/earliest", RUNNER),
    ("POST", "/api/v1/projects/{id}/lots/{lot}", RUNNER),
    ("POST", "/api/v1/projects/{id}/documents", RUNNER),
    ("POST", "/api/v1/projects/{id}/publish", RUNNER),
    ("POST", "/api/v1/projects/{id}/terminate", RUNNER),
    ("GET", "/api/v1/projects/{id}/obtained", PROJECTS),
    ("GET", "/api/v1/projects/{id}/questions", SignedIn),
    ("POST", "/api/v1/projects/{id}/questions", SUPPLIER),
    ("POST", "/api/v1/projects/{id}/clarifications", RUNNER),
    ("POST", "/api/v1/lots/{id}/obtain", SUPPLIER),
    ("GET", "/api/v1/supplier/lots", SUPPLIER),
    ("POST", "/api/v1/supplier/keys", SUPPLIER),
    ("GET", "/api/v1/supplier/keys", SUPPLIER),
    ("POST", "/api/v1/supplier/keys/{id}/revoke", SUPPLIER),
    ("POST", "/api/v1/lots/{id}/bids", SUPPLIER),
    ("GET", "/api/v1/lots/{id}/bids", SUPPLIER),
    ("GET", "/api/v1/bids/{id}/receipt", SUPPLIER),
    ("POST", "/api/v1/lots/{id}/deposits", RUNNER),
    ("GET", "/api/v1/lots/{id}/deposits", RUNNER),
    ("POST", "/api/v1/lots/{id}/deposits/{deposit}/void", RUNNER),
    ("POST", "/api/v1/lots/{id}/bids/withdraw", SUPPLIER),
    ("GET", "/api/v1/lots/{id}/bids/current", SUPPLIER),
    ("POST", "/api/v1/me/keys", CUSTODIAN),
    ("POST", "/api/v1/projects/{id}/custodians", RUNNER),
    ("GET", "/api/v1/projects/{id}/custodians", SignedIn),
    ("POST", "/api/v1/projects/{id}/opening-key", CUSTODIAN),
    ("GET", "/api/v1/projects/{id}/custodians/share", CUSTODIAN),
    ("POST", "/api/v1/projects/{id}/custodians/share", CUSTODIAN),
    ("GET", "/api/v1/lots/{id}/opening-key", Everyone),
    ("GET", "/api/v1/lots/{id}/opening", SignedIn),
    ("POST", "/api/v1/lots/{id}/opening/sign-in", SUPPLIER),
    ("POST", "/api/v1/lots/{id}/opening/key", SUPPLIER),
    ("POST", "/api/v1/lots/{id}/opening/objections", SUPPLIER),
    ("GET", "/api/v1/lots/{id}/opening/record", SignedIn),
    ("GET", "/api/v1/lots/{id}/opening/signals", PROJECTS),
    ("GET", "/api/v1/openings/today", Everyone),
    ("GET", "/api/v1/log/key", Everyone),
    ("GET", "/api/v1/log/head", Everyone),
    ("GET", "/api/v1/log/inclusion", Everyone),
    ("GET", "/api/v1/log/consistency", Everyone),
    ("GET", "/api/v1/templates", TEMPLATE_USER),
    ("GET", "/api/v1/templates/{id}", TEMPLATE_USER),
    ("POST", "/api/v1/templates", TEMPLATE_EDITOR),
    ("POST", "/api/v1/templates/{id}", TEMPLATE_EDITOR),
];

/// Routes that exist only on a sandbox platform.
const SANDBOX_MATRIX: &[(&str, &str, Allowed)] =
    &[("GET", "/sandbox", ADMIN), ("POST", "/sandbox/clock", ADMIN), ("POST", "/api/v1/sandbox/clock", ADMIN)];

/// One user of each role, and users holding several (made by [`add_users_with_several_roles`]).
const ROLES: &[&str] = &[
    "admin",
    "supervisor",
    "purchaser",
    "purchaser-reviewer",
    "purchaser-approver",
    "agency",
    "supplier1",
    "expert1",
    "clerk-reviewer",
    "unit2-deciders",
    "agency-expert",
];

/// Users with several roles: (username, a demo user of the same organization, roles).
const SEVERAL_ROLES: &[(&str, &str, &[Role])] = &[
    // 经办 and 审核 in the first unit.
    ("clerk-reviewer", "purchaser", &[Role::PurchaserHandler, Role::PurchaserReviewer]),
    // 审核 and 审批 in the second unit.
    ("unit2-deciders", "purchaser2", &[Role::PurchaserReviewer, Role::PurchaserApprover]),
    // An agency's project manager who is also on the expert roster.
    ("agency-expert", "agency2", &[Role::Agency, Role::Expert]),
];

async fn org_of(app: &TestApp, user: &str) -> String {
    let t = app.token(user).await;
    app.get("/api/v1/me", Some(&t)).await.1["organization"]["id"].as_str().expect("organization id").to_string()
}

/// Creates the [`SEVERAL_ROLES`] users, each signing in with the demo password.
async fn add_users_with_several_roles(app: &TestApp) {
    let hash = users::hash_password(caigou::demo::DEMO_PASSWORD.into()).await.unwrap();
    for (i, (username, colleague, roles)) in SEVERAL_ROLES.iter().enumerate() {
        let org = org_of(app, colleague).await.parse().unwrap();
        let mut tx = app.store.begin().await.unwrap();
        let now = app.store.clock().now_ms();
        let display_name = format!("兼岗人员{}", i + 1);
        let user = NewUser { username, display_name: &display_name, email: None, org, roles, password_hash: &hash, attributes: json!({}) };
        users::create_user(&mut tx, now, &Actor::system("test"), user).await.unwrap();
        tx.commit().await.unwrap();
    }
}

fn concrete(path: &str) -> String {
    path.replace("{file}", "app.css")
        .replace("{year}", "2026")
        .replace("{file}", "01900000-0000-7000-8000-000000000001")
        .replace("{code}", "A02010105")
        .replace("{lot}", "01900000-0000-7000-8000-000000000002")
        .replace("{id}", "01900000-0000-7000-8000-000000000000")
}

fn expected(allowed: Allowed, user: Option<&str>) -> bool {
    match (allowed, user) {
        (Everyone, _) => true,
        (_, None) => false,
        (SignedIn, Some(_)) => true,
        (Only(users), Some(u)) => users.contains(&u),
    }
}

async fn every_route_for_every_role(app: TestApp) {
    let specs = caigou_web::routes::table().specs().to_vec();
    for spec in &specs {
        assert!(
            MATRIX.iter().any(|(m, p, _)| *m == spec.method.as_str() && *p == spec.path),
            "route {} {} has no row in the authorization matrix",
            spec.method,
            spec.path
        );
    }
    for (m, p, _) in MATRIX {
        assert!(specs.iter().any(|s| s.method.as_str() == *m && s.path == *p), "matrix row {m} {p} names no route");
    }

    add_users_with_several_roles(&app).await;
    let mut tokens = Vec::new();
    for role in ROLES {
        tokens.push((Some(*role), Some(app.token(role).await)));
    }
    tokens.push((None, None));

    let mut failures = Vec::new();
    for (method, path, allowed) in MATRIX {
        for (user, token) in tokens.iter_mut() {
            let url = app.url(&concrete(path));
            let mut req = match *method {
                "GET" => app.http.get(&url),
                _ if path.starts_with("/api/") => app.http.post(&url).json(&json!({})),
                _ => app.http.post(&url).form(&[("x", "")]),
            };
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            let status = req.send().await.expect("request").status();
            // Signing out revokes the token it was made with: sign in again for the next routes.
            if path.ends_with("logout")
                && let Some(role) = user
            {
                *token = Some(app.token(role).await);
            }
            let allow = expected(*allowed, *user);
            let ok = if allow {
                status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN && status.as_u16() < 500
                    // Anonymous page POSTs hit the CSRF check before anything else.
                    || (user.is_none() && *method == "POST" && !path.starts_with("/api/") && status == StatusCode::FORBIDDEN)
            } else if user.is_none() {
                status == StatusCode::UNAUTHORIZED
                    || (status == StatusCode::SEE_OTHER && !path.starts_with("/api/"))
                    || (status == StatusCode::FORBIDDEN && *method == "POST" && !path.starts_with("/api/"))
            } else {
                status == StatusCode::FORBIDDEN
            };
            if !ok {
                failures.push(format!(
                    "{method} {path} as {}: got {status}, expected {}",
                    user.unwrap_or("anonymous"),
                    if allow { "allowed" } else { "denied" }
                ));
            }
        }
    }
    assert!(failures.is_empty(), "authorization matrix violations:\n{}", failures.join("\n"));
}
both!(matrix, every_route_for_every_role);

/// The sandbox routes: admins only on a sandbox platform; absent (404) on a production one.
async fn sandbox_routes_exist_only_in_sandbox(app: TestApp) {
    let sandbox = caigou_web::routes::table_for(true).specs().to_vec();
    let production = caigou_web::routes::table().specs().to_vec();
    let extra: Vec<_> = sandbox.iter().filter(|s| !production.iter().any(|p| p.path == s.path && p.method == s.method)).collect();
    assert_eq!(extra.len(), SANDBOX_MATRIX.len(), "sandbox-only routes and their matrix rows");
    for (m, p, _) in SANDBOX_MATRIX {
        assert!(extra.iter().any(|s| s.method.as_str() == *m && s.path == *p), "{m} {p}");
    }
    let admin = app.token("admin").await;
    let (status, _) = app.post("/api/v1/sandbox/clock", Some(&admin), &json!({"advance_days": 1})).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no sandbox clock on a production platform");
    let web = caigou_web::WebConfig { sandbox: true, ..Default::default() };
    let (base, _stop) = crate::helpers::start_server(app.store.clone(), web).await;
    for role in ["supervisor", "agency", "supplier1"] {
        let t = app.token(role).await;
        let r =
            app.http.post(format!("{base}/api/v1/sandbox/clock")).bearer_auth(&t).json(&json!({"advance_days": 1})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{role}");
    }
    let r = app.http.post(format!("{base}/api/v1/sandbox/clock")).json(&json!({"advance_days": 1})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = app.http.get(format!("{base}/sandbox")).bearer_auth(&admin).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}
both!(sandbox_matrix, sandbox_routes_exist_only_in_sandbox);

/// Object rules the route-level matrix cannot see, each found by probing a running demo: another
/// unit's approval chain, budget lines for an organization that is no purchasing unit, and
/// custody answers that told a non-custodian the project's stage.
async fn object_rules_hold_for_other_units_and_non_members(app: TestApp) {
    let me = |t: String| {
        let app = &app;
        async move { app.get("/api/v1/me", Some(&t)).await.1 }
    };
    let purchaser = app.token("purchaser").await;
    let unit = me(purchaser.clone()).await["organization"]["id"].as_str().unwrap().to_string();
    let chain = format!("/api/v1/approval-chain?org={unit}");
    assert_eq!(app.get(&chain, Some(&purchaser)).await.0, StatusCode::OK, "the unit's own staff");
    assert_eq!(app.get(&chain, Some(&app.token("purchaser2").await)).await.0, StatusCode::FORBIDDEN, "another unit's staff");

    // Budget lines only for purchasing units, whoever supervises the region.
    let supplier = me(app.token("supplier1").await).await["organization"]["id"].as_str().unwrap().to_string();
    let line = |org: &str| json!({"org_id": org, "lines": [{"fiscal_year": 2026, "code": "X-1", "name": "x", "funding_source": "y", "amount": 100}]});
    for s in ["supervisor", "supervisor2", "admin"] {
        let (status, e) = app.post("/api/v1/budget-lines", Some(&app.token(s).await), &line(&supplier)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{s} adds budget lines to a supplier: {e}");
    }
    assert_eq!(app.post("/api/v1/budget-lines", Some(&app.token("supervisor").await), &line(&unit)).await.0, StatusCode::CREATED);

    // Custody: someone who is no custodian is told only that, whatever the project's stage.
    let (project, lot, _) = crate::tender_fixture::open_lot(&app, "保管权限测试", &[]).await;
    let _ = lot;
    let outsider = app.token("agency3").await;
    let ceremony = json!({"public_key": "00", "shares": [], "threshold": 2});
    let (status, e) = app.post(&format!("/api/v1/projects/{project}/opening-key"), Some(&outsider), &ceremony).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("custody.not_custodian")), "{e}");
    let (status, e) = app.post(&format!("/api/v1/projects/{project}/custodians/share"), Some(&outsider), &json!({"share": "AA=="})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("custody.not_custodian")), "{e}");
}
both!(object_rules, object_rules_hold_for_other_units_and_non_members);

/// Who asks the object rules below: every user of [`ROLES`], and users of other regions, units
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

/// Everyone the list scenario asks as: one user of each role, supervisors and purchasers of
/// other regions and units, agencies with and without projects, and the users with several roles.
const LIST_READERS: &[&str] = &[
    "admin",
    "supervisor",
    "supervisor2",
    "supervisor3",
    "purchaser",
    "purchaser-reviewer",
    "purchaser-approver",
    "purchaser2",
    "purchaser5",
    "agency",
    "agency2",
    "agency3",
    "supplier1",
    "supplier2",
    "supplier4",
    "expert1",
    "clerk-reviewer",
    "unit2-deciders",
    "agency-expert",
];

/// The values of `key` in a JSON list.
fn ids(list: &Value, key: &str) -> BTreeSet<String> {
    list.as_array().map(|a| a.iter().filter_map(|x| x[key].as_str().map(str::to_string)).collect()).unwrap_or_default()
}

/// Every id of a table, as the database holds it.
async fn all_ids(app: &TestApp, sql: &'static str) -> BTreeSet<String> {
    sqlx::query_scalar::<_, String>(sql).fetch_all(app.store.pool()).await.unwrap().into_iter().collect()
}

/// The ids `/budget` offers to choose from (a page with one unit offers none).
fn unit_options(html: &str) -> BTreeSet<String> {
    html.split("<option value=\"").skip(1).filter_map(|s| s.split('"').next()).map(str::to_string).collect()
}

async fn page(app: &TestApp, path: &str, token: &str) -> (StatusCode, String) {
    let r = app.http.get(app.url(path)).bearer_auth(token).send().await.expect("request");
    (r.status(), r.text().await.unwrap_or_default())
}

/// A draft project the Donghu school (purchaser5) runs itself, from a new ¥400,000 plan (below
/// Donghu's limit, so no intention is needed): a project in another region than the demo's,
/// whose runner is a purchasing unit.
async fn self_run_draft(app: &TestApp) -> String {
    let t = app.token("purchaser5").await;
    let unit = org_of(app, "purchaser5").await;
    let (_, lines) = app.get("/api/v1/budget-lines?year=2026", Some(&t)).await;
    let line = lines.as_array().unwrap().iter().find(|l| l["code"].as_str().unwrap().ends_with("2050201")).expect("line")["id"].clone();
    let (status, plan) = app
        .post(
            "/api/v1/plans",
            Some(&t),
            &json!({"name": "东湖实验小学机柜", "budget_line_id": line, "method": "open_tender", "procurement_start": "2026-11-02",
               "items": [{"code": "A02010601", "description": "机柜", "quantity": 2, "amount": 40_000_000}]}),
        )
        .await;
    assert_eq!((status, plan["status"].as_str()), (StatusCode::CREATED, Some("filed")), "{plan}");
    let plan = plan["id"].as_str().unwrap();
    let (status, e) = app.post(&format!("/api/v1/plans/{plan}/entrust"), Some(&t), &json!({"runner_id": unit})).await;
    assert!(status.is_success(), "{status} {e}");
    let (status, p) = app.post("/api/v1/projects", Some(&t), &json!({"name": "东湖实验小学机柜项目", "plan_ids": [plan]})).await;
    assert_eq!(status, StatusCode::CREATED, "{p}");
    p["id"].as_str().unwrap().to_string()
}

/// For a sample of list routes, the list holds exactly what its object route lets the same
/// user open: for every reader the route admits and every object in the database, listed ⇔
/// opens. Then the contents the rules imply, for users of different units and regions.
async fn lists_show_exactly_what_their_objects_show(app: TestApp) {
    add_users_with_several_roles(&app).await;
    // Objects beyond the demo's: a 申购 of the second unit, a draft project in Donghu run by the
    // unit itself, an agency's own template.
    let donghu_project = self_run_draft(&app).await;
    let purchaser2 = app.token("purchaser2").await;
    let (_, lines) = app.get("/api/v1/budget-lines?year=2026", Some(&purchaser2)).await;
    let line = lines.as_array().unwrap().iter().find(|l| l["code"].as_str().unwrap().ends_with("2050201")).unwrap()["id"].clone();
    let (status, r) = app
        .post(
            "/api/v1/requests",
            Some(&purchaser2),
            &json!({"title": "病房监护仪", "code": "A02061800", "quantity": 2, "amount": 3_000_000, "budget_line_id": line, "reason": "更新"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    let unit2_request = r["request"]["id"].as_str().unwrap().to_string();
    let (_, builtin) = app.get("/api/v1/templates", Some(&app.token("agency2").await)).await;
    let mut copy = builtin[0].clone();
    copy["name"] = json!("招标咨询公司自用范本");
    let (status, t) = app.post("/api/v1/templates", Some(&app.token("agency2").await), &copy).await;
    assert_eq!(status, StatusCode::CREATED, "{t}");
    let agency_template = t["id"].as_str().unwrap().to_string();
    // An intention of the second unit, beside the demo's of the first.
    let intention = json!({"project_name": "监护仪更新", "summary": "病房监护仪2台", "budget": 3_000_000, "expected_month": "2027-01"});
    let (status, i) = app.post("/api/v1/intentions", Some(&purchaser2), &intention).await;
    assert_eq!(status, StatusCode::CREATED, "{i}");
    let unit2_intention = i["id"].as_str().unwrap().to_string();

    let mut tokens = std::collections::BTreeMap::new();
    for u in LIST_READERS {
        tokens.insert(*u, app.token(u).await);
    }
    type Object = fn(&str) -> String;
    let routes: [(&str, &str, &'static str, Object); 6] = [
        ("/api/v1/projects", "id", "SELECT id FROM projects", |id| format!("/api/v1/projects/{id}/obtained")),
        ("/api/v1/requests", "id", "SELECT id FROM purchase_requests", |id| format!("/api/v1/requests/{id}")),
        ("/api/v1/suppliers", "org_id", "SELECT org_id FROM supplier_profiles", |id| format!("/api/v1/suppliers/{id}")),
        ("/api/v1/templates", "id", "SELECT id FROM doc_templates", |id| format!("/api/v1/templates/{id}")),
        // A plan waiting for a decision is listed to whom its plan opens (the region's finance
        // department; nobody here submitted one).
        ("/api/v1/approvals", "plan_id", "SELECT plan_id FROM plan_approvals WHERE status = 'waiting'", |id| format!("/api/v1/plans/{id}")),
        // 我的项目: a lot is listed to whom its bid page opens (its documents obtained).
        ("/api/v1/supplier/lots", "lot_id", "SELECT id FROM lots", |id| format!("/lots/{id}/bid")),
    ];
    let mut lists = std::collections::BTreeMap::new();
    let mut failures = Vec::new();
    for (list_path, key, table, object) in routes {
        let universe = all_ids(&app, table).await;
        for (user, token) in &tokens {
            let (status, list) = app.get(list_path, Some(token)).await;
            if status == StatusCode::FORBIDDEN {
                continue; // the route's gate, checked by the matrix above
            }
            assert_eq!(status, StatusCode::OK, "{list_path} as {user}");
            let listed = ids(&list, key);
            assert!(listed.is_subset(&universe), "{list_path} as {user}");
            for id in &universe {
                let opens = app.get(&object(id), Some(token)).await.0 == StatusCode::OK;
                if opens != listed.contains(id) {
                    failures.push(format!("{list_path} as {user}: {id} listed {}, opens {opens}", listed.contains(id)));
                }
            }
            lists.insert((list_path, *user), listed);
        }
    }
    // 采购意向: an intention is listed to whom its unit's planning opens.
    let intention_units: Vec<(String, String)> =
        sqlx::query_as("SELECT id, org_id FROM intentions").fetch_all(app.store.pool()).await.unwrap();
    for (user, token) in &tokens {
        let (status, list) = app.get("/api/v1/intentions", Some(token)).await;
        if status == StatusCode::FORBIDDEN {
            continue;
        }
        assert_eq!(status, StatusCode::OK, "/api/v1/intentions as {user}");
        let listed = ids(&list, "id");
        let mut opens_unit = std::collections::BTreeMap::new();
        for (id, unit) in &intention_units {
            let opens = match opens_unit.get(unit) {
                Some(o) => *o,
                None => {
                    let o = app.get(&format!("/api/v1/plans?org={unit}"), Some(token)).await.0 == StatusCode::OK;
                    opens_unit.insert(unit.clone(), o);
                    o
                }
            };
            if opens != listed.contains(id) {
                failures
                    .push(format!("/api/v1/intentions as {user}: {id} of {unit} listed {}, its unit opens {opens}", listed.contains(id)));
            }
        }
        lists.insert(("/api/v1/intentions", *user), listed);
    }
    // Budget lines: the units `/budget` offers are those whose lines open.
    let units = all_ids(&app, "SELECT id FROM organizations WHERE kind = 'purchasing_unit'").await;
    let mut offered = std::collections::BTreeMap::new();
    for user in ["admin", "supervisor", "supervisor2", "supervisor3"] {
        let (status, html) = page(&app, "/budget", &tokens[user]).await;
        assert_eq!(status, StatusCode::OK, "/budget as {user}");
        let options = unit_options(&html);
        for unit in &units {
            let opens = app.get(&format!("/api/v1/budget-lines?org={unit}"), Some(&tokens[user])).await.0 == StatusCode::OK;
            if opens != options.contains(unit) {
                failures.push(format!("/budget as {user}: unit {unit} offered {}, opens {opens}", options.contains(unit)));
            }
        }
        offered.insert(user, options);
    }
    assert!(failures.is_empty(), "lists disagreeing with their objects:\n{}", failures.join("\n"));

    // What the rules imply, user by user.
    let list = |path: &'static str, user: &'static str| lists[&(path, user)].clone();
    let projects = |user| list("/api/v1/projects", user);
    let all_projects = all_ids(&app, "SELECT id FROM projects").await;
    assert_eq!(projects("admin"), all_projects);
    assert_eq!(projects("supervisor"), all_projects, "the city's subtree holds Donghu");
    assert_eq!(projects("supervisor2"), BTreeSet::from([donghu_project.clone()]), "Donghu's finance department: Donghu's only");
    assert!(projects("supervisor3").is_empty(), "Xishan's: none");
    assert_eq!(projects("purchaser5"), BTreeSet::from([donghu_project.clone()]), "the unit running its own");
    assert!(projects("purchaser2").is_empty(), "a unit no project serves");
    assert!(projects("agency3").is_empty(), "an agency nothing was entrusted to");
    let demo_projects: BTreeSet<String> = all_projects.iter().filter(|p| **p != donghu_project).cloned().collect();
    for user in ["purchaser", "purchaser-reviewer", "purchaser-approver", "clerk-reviewer"] {
        assert_eq!(projects(user), demo_projects, "{user}: every project serving the first unit, whatever the purchaser role");
    }
    let agency2 = projects("agency2");
    assert!(!agency2.is_empty() && agency2.is_subset(&demo_projects) && agency2 != demo_projects, "agency2 runs some of them");
    assert_eq!(projects("agency-expert"), agency2, "a second role adds nothing here");
    assert_eq!(projects("agency").len() + agency2.len(), demo_projects.len(), "the central agency runs the others");

    let requests = |user| list("/api/v1/requests", user);
    for user in ["purchaser2", "unit2-deciders"] {
        assert_eq!(requests(user), BTreeSet::from([unit2_request.clone()]), "{user}: the second unit's only");
    }
    for user in ["purchaser", "purchaser-reviewer", "purchaser-approver", "clerk-reviewer"] {
        assert!(requests(user).len() >= 6 && !requests(user).contains(&unit2_request), "{user}: the first unit's, not the second's");
    }
    assert!(requests("purchaser5").is_empty());

    let suppliers = |user| list("/api/v1/suppliers", user);
    let all_suppliers = all_ids(&app, "SELECT org_id FROM supplier_profiles").await;
    assert_eq!(suppliers("admin"), all_suppliers);
    assert_eq!(suppliers("supervisor"), all_suppliers, "every demo supplier is in the city's subtree");
    let (d, x) = (suppliers("supervisor2"), suppliers("supervisor3"));
    assert!(!d.is_empty() && !x.is_empty() && d.is_disjoint(&x), "Donghu's and Xishan's suppliers, apart");
    let (_, donghu_rows) = app.get("/api/v1/suppliers", Some(&tokens["supervisor2"])).await;
    assert!(donghu_rows.as_array().unwrap().iter().all(|r| r["region_name"] == "东湖区"), "{donghu_rows}");

    let templates = |user| list("/api/v1/templates", user);
    for user in ["admin", "agency2", "agency-expert"] {
        assert!(templates(user).contains(&agency_template), "{user} lists agency2's own template");
    }
    for user in ["agency", "agency3", "purchaser", "clerk-reviewer"] {
        assert!(!templates(user).contains(&agency_template), "{user} does not");
        assert!(!templates(user).is_empty(), "{user} lists the platform's");
    }

    let approvals = |user| list("/api/v1/approvals", user);
    let waiting = all_ids(&app, "SELECT plan_id FROM plan_approvals WHERE status = 'waiting'").await;
    assert!(!waiting.is_empty(), "the demo has plans waiting");
    assert_eq!(approvals("supervisor"), waiting, "every demo unit is in the city's subtree");
    for user in ["supervisor2", "supervisor3"] {
        assert!(approvals(user).is_empty(), "{user}: no plan of its subtree waits");
    }
    let (_, html) = page(&app, "/approvals", &tokens["supervisor"]).await;
    assert!(waiting.iter().all(|p| html.contains(&format!("/plans/{p}"))), "the page lists the same");
    let (_, html) = page(&app, "/approvals", &tokens["supervisor2"]).await;
    assert!(waiting.iter().all(|p| !html.contains(p.as_str())));

    let intentions = |user| list("/api/v1/intentions", user);
    for user in ["purchaser2", "unit2-deciders"] {
        assert_eq!(intentions(user), BTreeSet::from([unit2_intention.clone()]), "{user}: the second unit's only");
    }
    for user in ["purchaser", "purchaser-reviewer", "purchaser-approver", "clerk-reviewer"] {
        let first = intentions(user);
        assert!(!first.is_empty() && !first.contains(&unit2_intention), "{user}: the first unit's, not the second's");
    }
    assert!(intentions("purchaser5").is_empty());
    let (_, html) = page(&app, "/intentions", &tokens["unit2-deciders"]).await;
    assert!(html.contains("监护仪更新"), "the page lists the second unit's");
    let (_, html) = page(&app, "/intentions", &tokens["purchaser"]).await;
    assert!(!html.contains("监护仪更新"), "and not to the first unit");

    let obtained = |user| list("/api/v1/supplier/lots", user);
    let obtained_by = |user: &'static str| {
        let app = &app;
        async move {
            let sql = "SELECT d.lot_id FROM documents_obtained d JOIN users u ON u.org_id = d.supplier_org_id WHERE u.username = $1";
            sqlx::query_scalar::<_, String>(sql).bind(user).fetch_all(app.store.pool()).await.unwrap().into_iter().collect::<BTreeSet<_>>()
        }
    };
    for user in ["supplier1", "supplier2", "supplier4"] {
        assert_eq!(obtained(user), obtained_by(user).await, "{user}: the lots it obtained, and only those");
    }
    assert!(!obtained("supplier1").is_empty(), "the demo's supplier1 obtained documents");

    assert_eq!(offered["admin"], units);
    assert_eq!(offered["supervisor"], units, "every demo unit is in the city's subtree");
    assert_eq!((offered["supervisor2"].len(), offered["supervisor3"].len()), (2, 2), "two units each in Donghu and Xishan");
    assert!(offered["supervisor2"].is_disjoint(&offered["supervisor3"]));

    // The audit trail: Donghu's finance department reads entries about Donghu's objects only.
    let donghu = app.region_id("990102").await;
    let xishan = app.region_id("990103").await;
    let (_, entries) = app.get("/api/v1/audit?limit=500", Some(&tokens["supervisor2"])).await;
    let entries = entries.as_array().unwrap();
    assert!(!entries.is_empty());
    assert!(entries.iter().all(|e| e["region_path"].as_str().unwrap().contains(&format!("/{donghu}/"))), "only Donghu's subtree");
    let about = |user: &'static str| {
        let app = &app;
        let t = tokens[user].clone();
        let project = donghu_project.clone();
        async move { app.get(&format!("/api/v1/audit?object_id={project}"), Some(&t)).await.1.as_array().map(Vec::len).unwrap_or(0) }
    };
    assert!(about("admin").await > 0 && about("supervisor").await > 0 && about("supervisor2").await > 0);
    assert_eq!(about("supervisor3").await, 0, "Xishan's finance department reads nothing about a Donghu project");
    let (status, _) = app.get(&format!("/api/v1/audit?region={xishan}"), Some(&tokens["supervisor2"])).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "narrowing to another subtree is refused");

    // The pages list the same: the projects page, the supplier review page.
    let (_, html) = page(&app, "/projects", &tokens["purchaser5"]).await;
    assert!(html.contains(&format!("/projects/{donghu_project}")));
    assert!(demo_projects.iter().all(|p| !html.contains(p.as_str())), "no other unit's projects");
    let (_, html) = page(&app, "/projects", &tokens["purchaser2"]).await;
    assert!(all_projects.iter().all(|p| !html.contains(p.as_str())));
    let (_, html) = page(&app, "/suppliers", &tokens["supervisor2"]).await;
    assert!(d.iter().all(|s| html.contains(&format!("/suppliers/{s}"))), "each Donghu supplier");
    assert!(x.iter().all(|s| !html.contains(s.as_str())), "no Xishan supplier");
}
both!(lists, lists_show_exactly_what_their_objects_show);
