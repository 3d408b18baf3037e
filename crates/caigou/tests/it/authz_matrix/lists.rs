//! Lists show exactly what their objects show: for every reader, a list route holds an object
//! when, and only when, the object's own route opens for that reader.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{add_users_with_several_roles, org_of};
use crate::helpers::TestApp;
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
