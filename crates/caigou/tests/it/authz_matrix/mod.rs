//! Every route × every role: allowed or denied exactly as written below. The table is written by
//! hand; a route in the application without a row here (or a row without a route) fails.

use caigou_domain::authz::Role;
use caigou_store::audit::Actor;
use caigou_store::users::{self, NewUser};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;

mod lists;
mod objects;

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
/// Who confirms a project's documents for their unit (采购人确认): 经办 and 审批 staff.
const CONFIRMER: Allowed = Only(&["purchaser", "purchaser-approver", "clerk-reviewer", "unit2-deciders"]);
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
    ("GET", "/help", Everyone),
    ("GET", "/policies", Everyone),
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
    ("POST", "/unit-settings", UNIT_CHAIN),
    ("GET", "/supplier", SUPPLIER),
    ("GET", "/supplier/bids", SUPPLIER),
    ("POST", "/supplier", SUPPLIER),
    ("POST", "/supplier/qualifications", SUPPLIER),
    ("POST", "/supplier/submit", SUPPLIER),
    ("GET", "/suppliers", REVIEWER),
    ("GET", "/experts", REVIEWER),
    ("POST", "/experts/import", REVIEWER),
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
    ("GET", "/projects/{id}/preview", RUNNER),
    ("POST", "/projects/{id}/publish", RUNNER),
    ("POST", "/projects/{id}/clarifications", RUNNER),
    ("POST", "/projects/{id}/terminate", RUNNER),
    ("GET", "/projects/{id}/review", CONFIRMER),
    ("POST", "/projects/{id}/confirmation", CONFIRMER),
    ("POST", "/projects/{id}/questions", SUPPLIER),
    ("GET", "/projects/{id}/documents.pdf", SignedIn),
    ("GET", "/projects/{id}/documents.html", SignedIn),
    ("POST", "/lots/{id}/obtain", SUPPLIER),
    ("POST", "/lots/{id}/deposits", RUNNER),
    ("POST", "/lots/{id}/deposits/{deposit}/void", RUNNER),
    ("GET", "/projects/{id}/custody", CUSTODIAN),
    ("GET", "/lots/{id}/bid", SUPPLIER),
    ("POST", "/lots/{id}/bid/withdraw", SUPPLIER),
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
    ("GET", "/api/v1/experts", REVIEWER),
    ("POST", "/api/v1/experts/import", REVIEWER),
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
    ("POST", "/api/v1/projects/{id}/confirmation", CONFIRMER),
    ("GET", "/api/v1/unit-settings", PURCHASER),
    ("POST", "/api/v1/unit-settings", CHAIN),
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
