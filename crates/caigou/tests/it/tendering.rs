//! Project procurement through the API: supplier admission, projects from entrusted plans,
//! documents with lawful dates, obtaining, questions, clarifications, termination, the portal,
//! and the scheduled transitions.

use caigou_domain::uscc::UnifiedSocialCreditCode;
use jiff::civil::{Date, date};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::TestApp;

/// A filed plan of the demo purchaser (示范市第一中学): below the 分散采购限额, so no intention is
/// needed and any method files at once.
async fn filed_plan(app: &TestApp, method: &str, code: &str, yuan: i64, start: Date) -> String {
    let purchaser = app.token("purchaser").await;
    let (_, lines) = app.get(&format!("/api/v1/budget-lines?year={}", start.year()), Some(&purchaser)).await;
    let line = lines.as_array().unwrap().iter().find(|l| l["code"].as_str().unwrap().ends_with("2050201")).expect("equipment line");
    let (status, plan) = app
        .post(
            "/api/v1/plans",
            Some(&purchaser),
            &json!({"name": format!("测试采购{code}"), "budget_line_id": line["id"], "method": method, "procurement_start": start.to_string(),
                    "items": [{"code": code, "description": "设备", "quantity": 2, "amount": yuan * 100}]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{plan}");
    assert_eq!(plan["status"], "filed", "{plan}");
    plan["id"].as_str().unwrap().to_string()
}

async fn org_of(app: &TestApp, user: &str) -> String {
    let t = app.token(user).await;
    app.get("/api/v1/me", Some(&t)).await.1["organization"]["id"].as_str().unwrap().to_string()
}

/// A draft project run by `agency` from one new plan.
async fn project(app: &TestApp, agency: &str, method: &str, start: Date) -> String {
    let plan = filed_plan(app, method, "A02010601", 800_000, start).await;
    entrust_and_create(app, agency, &[plan]).await
}

async fn entrust_and_create(app: &TestApp, agency: &str, plans: &[String]) -> String {
    let purchaser = app.token("purchaser").await;
    let runner = org_of(app, agency).await;
    for p in plans {
        let (status, body) = app.post(&format!("/api/v1/plans/{p}/entrust"), Some(&purchaser), &json!({"runner_id": runner})).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    }
    let t = app.token(agency).await;
    let (status, body) = app.post("/api/v1/projects", Some(&t), &json!({"name": "测试项目", "plan_ids": plans})).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["id"].as_str().unwrap().to_string()
}

fn documents(template: &str, until: Date, deadline: &str, price: f64) -> Value {
    json!({"template_id": template, "evaluation_method": "comprehensive", "qualification": "具备相应经营资格",
           "criteria": [{"name": "价格", "kind": "price", "points": price},
                        {"name": "技术方案", "kind": "technical", "points": 90.0 - price, "guidance": "完全满足得满分，每项负偏离扣2分"},
                        {"name": "售后服务", "kind": "commercial", "points": 10, "guidance": "质保3年以上得10分"}],
           "documents_until": until.to_string(), "deadline": deadline, "contact_name": "周工", "contact_phone": "0990-6180099"})
}

/// Saves a draft open-tender project's documents with the earliest lawful dates and `price`
/// points for price.
async fn save_earliest(app: &TestApp, agency: &str, id: &str, price: f64) {
    let t = app.token(agency).await;
    let (status, e) = app.get(&format!("/api/v1/projects/{id}/earliest"), Some(&t)).await;
    assert_eq!(status, StatusCode::OK, "{e}");
    let until: Date = e["documents_until"].as_str().unwrap().parse().unwrap();
    let deadline = format!("{}T09:30", e["deadline_on"].as_str().unwrap());
    let (status, body) = app
        .post(&format!("/api/v1/projects/{id}/documents"), Some(&t), &documents("builtin-open-tender-goods", until, &deadline, price))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
}

/// Publishes a draft open-tender project today with the earliest lawful dates.
async fn publish_earliest(app: &TestApp, agency: &str, id: &str) -> Value {
    let t = app.token(agency).await;
    let (status, e) = app.get(&format!("/api/v1/projects/{id}/earliest"), Some(&t)).await;
    assert_eq!(status, StatusCode::OK, "{e}");
    let until: Date = e["documents_until"].as_str().unwrap().parse().unwrap();
    let (status, body) = app
        .post(
            &format!("/api/v1/projects/{id}/documents"),
            Some(&t),
            &documents("builtin-open-tender-goods", until, &format!("{}T09:30", e["deadline_on"].as_str().unwrap()), 30.0),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (status, body) = app.post(&format!("/api/v1/projects/{id}/publish"), Some(&t), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

fn uscc(first17: &str) -> String {
    format!("{first17}{}", UnifiedSocialCreditCode::check_char(first17).unwrap())
}

fn registration(code: &str, username: &str, region: &str) -> Value {
    json!({"name": "杭州测试科技有限公司", "uscc": code, "region_id": region, "username": username, "display_name": "张三", "password": "a-long-password-1",
           "legal_representative": "李四", "address": "示范市科技园1号", "contact_name": "张三", "contact_phone": "13800000000",
           "contact_email": "zhangsan@example.invalid", "size": "micro"})
}

async fn upload(app: &TestApp, token: &str, name: &str, body: &[u8]) -> String {
    let part = reqwest::multipart::Part::bytes(body.to_vec()).file_name(name.to_string()).mime_str("application/pdf").unwrap();
    let r = app
        .http
        .post(app.url("/api/v1/files"))
        .bearer_auth(token)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string()
}

async fn supplier_registers_is_reviewed_and_obtains_documents(app: TestApp) {
    let region = app.region_id("990100").await;
    // Real-format codes: 18 characters, 91 + division 330106 + organization code + check character.
    let good = uscc("91330106MA2H3C4D5");
    let wrong_check = format!("{}{}", &good[..17], if good.ends_with('0') { '1' } else { '0' });
    let (status, e) = app.post("/api/v1/suppliers/register", None, &registration(&wrong_check, "newsupplier", &region)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!(e["code"], "uscc.invalid");
    assert!(e["messages"]["zh-CN"].as_str().unwrap().contains("校验码错误"), "{e}");
    assert_eq!(e["fields"][0]["field"], "uscc");
    let (status, e) = app.post("/api/v1/suppliers/register", None, &registration(&good[..17], "newsupplier", &region)).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("uscc.invalid")), "17 characters: {e}");
    let (status, e) = app.post("/api/v1/suppliers/register", None, &registration(&good.replace('M', "I"), "newsupplier", &region)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the letter I is not in the charset: {e}");
    let (status, r) = app.post("/api/v1/suppliers/register", None, &registration(&good.to_lowercase(), "newsupplier", &region)).await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    let (status, e) = app.post("/api/v1/suppliers/register", None, &registration(&good, "other", &region)).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("supplier.uscc_taken")));
    let org = r["org_id"].as_str().unwrap().to_string();

    // A published project to obtain documents from.
    let id = project(&app, "agency2", "open_tender", app.store.clock().today()).await;
    publish_earliest(&app, "agency2", &id).await;
    let lot = app.get(&format!("/api/v1/projects/{id}"), None).await.1["lots"][0]["id"].as_str().unwrap().to_string();

    let (status, login) = app.post("/api/v1/auth/login", None, &json!({"username": "newsupplier", "password": "a-long-password-1"})).await;
    assert_eq!(status, StatusCode::OK, "{login}");
    let me = login["token"].as_str().unwrap().to_string();
    let (status, e) = app.post(&format!("/api/v1/lots/{lot}/obtain"), Some(&me), &json!({})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("tender.supplier_not_approved")));
    let (status, e) = app.post("/api/v1/supplier/submit", Some(&me), &json!({})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("supplier.no_qualification")));
    let file = upload(&app, &me, "营业执照.pdf", b"%PDF-1.4 licence").await;
    let (status, e) = app
        .post("/api/v1/supplier/qualifications", Some(&me), &json!({"name": "营业执照", "file_id": file, "valid_until": "2020-01-01"}))
        .await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("supplier.qualification_expired")));
    let (status, v) = app
        .post(
            "/api/v1/supplier/qualifications",
            Some(&me),
            &json!({"name": "营业执照", "number": "N-1", "file_id": file, "valid_until": "2030-12-31"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let (status, v) = app.post("/api/v1/supplier/submit", Some(&me), &json!({})).await;
    assert_eq!((status, v["status"].as_str()), (StatusCode::OK, Some("submitted")), "{v}");

    // Reviewers: the city's office may, another county's may not.
    let county = app.token("supervisor2").await;
    let (status, _) = app.post(&format!("/api/v1/suppliers/{org}/review"), Some(&county), &json!({"approve": true})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let city = app.token("supervisor").await;
    let (_, pending) = app.get("/api/v1/suppliers?status=submitted", Some(&city)).await;
    assert!(pending.as_array().unwrap().iter().any(|s| s["org_id"] == org.as_str()), "{pending}");
    let (status, e) = app.post(&format!("/api/v1/suppliers/{org}/review"), Some(&city), &json!({"approve": false})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "returning needs a comment: {e}");
    let (_, v) = app
        .post(&format!("/api/v1/suppliers/{org}/review"), Some(&city), &json!({"approve": false, "comment": "请补充联系地址门牌号"}))
        .await;
    assert_eq!(v["status"], "returned");
    let (_, notes) = app.get("/api/v1/notifications", Some(&me)).await;
    assert!(notes.to_string().contains("请补充联系地址门牌号"), "{notes}");
    let mut fixed = registration(&good, "newsupplier", &region);
    fixed["address"] = json!("示范市科技园1号3幢");
    let (status, v) = app.post("/api/v1/supplier", Some(&me), &fixed).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    app.post("/api/v1/supplier/submit", Some(&me), &json!({})).await;
    let (_, v) = app.post(&format!("/api/v1/suppliers/{org}/review"), Some(&city), &json!({"approve": true})).await;
    assert_eq!(v["status"], "approved", "{v}");
    let (status, e) = app.post("/api/v1/supplier", Some(&me), &fixed).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("supplier.locked")), "an approved profile is locked");

    // Approved: obtains the documents, logged with its address, and downloads the PDF whose
    // SHA-256 the announcement published.
    let (status, o) = app.post(&format!("/api/v1/lots/{lot}/obtain"), Some(&me), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{o}");
    let r = app.http.get(app.url(o["documents_pdf"].as_str().unwrap())).bearer_auth(&me).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let sha = r.headers()["x-content-sha256"].to_str().unwrap().to_string();
    let pdf = r.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let (_, p) = app.get(&format!("/api/v1/projects/{id}"), None).await;
    assert_eq!(p["project"]["doc_sha256"], sha.as_str());
    let announcement = p["project"]["announcement_id"].as_str().unwrap();
    let (_, list) = app.get("/api/v1/announcements?kind=tender", None).await;
    let a = list.as_array().unwrap().iter().find(|a| a["id"] == announcement).expect("on the portal");
    let body = a["body"].as_str().unwrap();
    assert!(body.contains(&sha), "the announcement carries the documents' SHA-256");
    // In the national format's sections, in order, with what each must carry.
    let sections = [
        "项目概况",
        "一、项目基本情况",
        "二、申请人的资格要求",
        "三、获取招标文件",
        "四、提交投标文件截止时间、开标时间和地点",
        "五、公告期限",
        "六、其他补充事宜",
        "七、对本次采购提出询问",
    ];
    let at: Vec<usize> = sections.iter().map(|s| body.find(s).unwrap_or_else(|| panic!("{s} in {body}"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "sections in order: {body}");
    for fact in [
        "第二十二条",
        "具备相应经营资格",
        "售价：免费",
        &format!("/projects/{id}/documents.pdf"),
        &format!("项目页面：/projects/{id}"),
        "项目联系人：周工",
        "电话：0990-6180099",
        "采购代理机构信息",
    ] {
        assert!(body.contains(fact), "{fact} in {body}");
    }
    // The PDF really carries the project's Chinese text (poppler's pdftotext reads it back).
    let path = app.data.path().join("doc.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/test.sh");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("测试项目采购文件") && text.contains("评审方法") && text.contains("综合评分法"), "{text}");
    // A supplier that did not obtain them cannot download them.
    let other = app.token("supplier3").await;
    let r = app.http.get(app.url(o["documents_pdf"].as_str().unwrap())).bearer_auth(&other).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Who obtained the documents is secret until the deadline (87号令), from admins and
    // supervisors too, in the JSON and the HTML trail alike; the supplier sees its own entry;
    // afterwards the evidence is there for everyone who reads the trail.
    let me_id = app.get("/api/v1/me", Some(&me)).await.1["id"].as_str().unwrap().to_string();
    let mut readers = Vec::new();
    for reader in ["admin", "supervisor"] {
        readers.push(app.token(reader).await);
    }
    let queries =
        [format!("/api/v1/audit?object_id={id}"), "/api/v1/audit?action=documents.".to_string(), format!("/api/v1/audit?actor={me_id}")];
    for token in &readers {
        for q in &queries {
            let (status, entries) = app.get(q, Some(token)).await;
            assert_eq!(status, StatusCode::OK, "{q}");
            // (The demo's finished tender, long past its deadline, is rightly shown.)
            let this: Vec<_> = entries.as_array().unwrap().iter().filter(|e| e["object_id"] == id.as_str()).collect();
            assert!(!format!("{this:?}").contains("documents.obtained"), "{q} before the deadline: {this:?}");
        }
        let html = app.http.get(app.url(&format!("/audit?object_id={id}"))).bearer_auth(token).send().await.unwrap().text().await.unwrap();
        // The entries' table (the action filter above it names every action).
        let table = html.split("data-testid=\"audit\"").nth(1).unwrap_or_default();
        assert!(!table.contains("获取采购文件") && !table.contains(&org), "the HTML trail applies the same rule");
    }
    let own = app.http.get(app.url("/workbench")).bearer_auth(&me).send().await.unwrap().text().await.unwrap();
    assert!(own.contains("获取采购文件"), "the supplier's own recent activity shows it");
    let deadline = p["project"]["deadline_at"].as_i64().unwrap();
    app.store.clock().advance(deadline - app.store.clock().now_ms());
    let admin = app.token("admin").await;
    let (_, entries) = app.get(&format!("/api/v1/audit?object_id={id}"), Some(&admin)).await;
    assert!(entries.to_string().contains("documents.obtained"), "obtaining is logged, and shown from the deadline on");
}
both!(supplier_admission, supplier_registers_is_reviewed_and_obtains_documents);

async fn a_project_from_two_plans(app: TestApp) {
    let today = app.store.clock().today();
    let a = filed_plan(&app, "request_for_quotation", "A02010601", 300_000, today).await;
    let b = filed_plan(&app, "request_for_quotation", "A02010602", 200_000, today).await;
    let id = entrust_and_create(&app, "agency2", &[a.clone(), b.clone()]).await;
    let t = app.token("agency2").await;
    let (_, p) = app.get(&format!("/api/v1/projects/{id}"), Some(&t)).await;
    let v = &p;
    assert_eq!(v["lots"].as_array().unwrap().len(), 2, "one lot per plan");
    assert_eq!(v["plans"].as_array().unwrap().len(), 2);
    assert_eq!(v["lots"][0]["budget"].as_i64().unwrap() + v["lots"][1]["budget"].as_i64().unwrap(), 50_000_000);
    let no = v["project"]["project_no"].as_str().unwrap();
    let prefix = format!("990100-{}-XJ-", today.year());
    assert!(
        no.starts_with(&prefix) && no[prefix.len()..].len() == 4 && no[prefix.len()..].chars().all(|c| c.is_ascii_digit()),
        "numbering scheme: {no}"
    );
    // Lot settings while a draft: a ceiling within the budget, the region's SME deduction rate.
    let lot = v["lots"][0]["id"].as_str().unwrap();
    let budget = v["lots"][0]["budget"].as_i64().unwrap();
    let (status, e) =
        app.post(&format!("/api/v1/projects/{id}/lots/{lot}"), Some(&t), &json!({"max_price": budget + 1, "sme": "none"})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("TEND-BUDGET")), "{e}");
    let (status, e) =
        app.post(&format!("/api/v1/projects/{id}/lots/{lot}"), Some(&t), &json!({"max_price": budget, "sme": "price_deduction"})).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{e}");
    let (_, p) = app.get(&format!("/api/v1/projects/{id}"), Some(&t)).await;
    let region = p["project"]["region_id"].as_str().unwrap().to_string();
    let (_, policy) = app.get(&format!("/api/v1/regions/{region}/policy"), None).await;
    let rate = policy["policy"]["sme_deduction"]["small_micro_bp"]
        .as_u64()
        .or_else(|| policy["sme_deduction"]["small_micro_bp"].as_u64())
        .expect("rate");
    assert_eq!(p["lots"][0]["sme"], json!({"kind": "price_deduction", "small_micro_bp": rate}));
    assert_eq!(p["lots"][0]["max_price"].as_i64(), Some(budget));
    // A plan already in a project, a plan not entrusted here, and mixed methods are refused.
    let (status, e) = app.post("/api/v1/projects", Some(&t), &json!({"name": "再次立项", "plan_ids": [a]})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("project.plan_in_project")), "{e}");
    let (_, offered) = app.get("/api/v1/entrusted-plans", Some(&t)).await;
    assert!(!offered.to_string().contains(&a), "no longer offered to the agency");
    let c = filed_plan(&app, "open_tender", "A02010601", 100_000, today).await;
    let (status, _) = app.post("/api/v1/projects", Some(&t), &json!({"name": "x", "plan_ids": [c]})).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "not entrusted to this agency");
    let d = filed_plan(&app, "request_for_quotation", "A02010601", 100_000, today).await;
    let purchaser = app.token("purchaser").await;
    let runner = org_of(&app, "agency2").await;
    for p in [&c, &d] {
        app.post(&format!("/api/v1/plans/{p}/entrust"), Some(&purchaser), &json!({"runner_id": runner})).await;
    }
    let (status, e) = app.post("/api/v1/projects", Some(&t), &json!({"name": "x", "plan_ids": [c, d]})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("project.invalid")), "{e}");
    // Explicit lots: a ceiling above the lot budget cites the rule.
    let (status, e) = app
        .post(
            "/api/v1/projects",
            Some(&t),
            &json!({"name": "x", "plan_ids": [d], "lots": [{"name": "包1", "budget": 10_000_000, "max_price": 10_000_001, "sme": "reserved",
               "items": [{"code": "A02010601", "description": "机柜", "quantity": 1}]}]}),
        )
        .await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("TEND-BUDGET")), "{e}");
}
both!(two_plans, a_project_from_two_plans);

async fn agencies_see_only_what_is_entrusted_to_them(app: TestApp) {
    let id = project(&app, "agency2", "open_tender", app.store.clock().today()).await;
    let other = app.token("agency3").await;
    let (status, _) = app.get(&format!("/api/v1/projects/{id}"), Some(&other)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a draft is visible only to those it concerns");
    let (status, _) = app.get(&format!("/api/v1/projects/{id}/earliest"), Some(&other)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.post(&format!("/api/v1/projects/{id}/publish"), Some(&other), &json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, list) = app.get("/api/v1/projects", Some(&other)).await;
    assert!(!list.to_string().contains(&id), "not in another agency's list");
    let r = app.http.get(app.url(&format!("/projects/{id}"))).bearer_auth(&other).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Those it concerns: the runner, the purchaser's staff, the city supervisor.
    for who in ["agency2", "purchaser", "purchaser-approver", "supervisor", "admin"] {
        let t = app.token(who).await;
        assert_eq!(app.get(&format!("/api/v1/projects/{id}"), Some(&t)).await.0, StatusCode::OK, "{who}");
    }
    let county = app.token("supervisor2").await;
    assert_eq!(app.get(&format!("/api/v1/projects/{id}"), Some(&county)).await.0, StatusCode::FORBIDDEN, "another county's office");
    // Published: public, but the list of who obtained the documents stays with insiders.
    publish_earliest(&app, "agency2", &id).await;
    let (status, p) = app.get(&format!("/api/v1/projects/{id}"), Some(&other)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(p["project"]["documents"].is_null(), "the draft JSON is not shown to outsiders");
    assert_eq!(app.get(&format!("/api/v1/projects/{id}/obtained"), Some(&other)).await.0, StatusCode::FORBIDDEN);
    let (status, o) = app.get(&format!("/api/v1/projects/{id}/obtained"), Some(&app.token("agency2").await)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(o["suppliers"].is_null(), "names withheld before the deadline (87号令): {o}");
}
both!(entrusted_only, agencies_see_only_what_is_entrusted_to_them);

/// An e-mall plan is ordered by the unit in the mall: it is not entrusted, to an agency or to the
/// unit's own procurement, and its page says what comes next instead of offering 委托.
async fn an_emall_plan_is_not_entrusted(app: TestApp) {
    let plan = filed_plan(&app, "emall", "A02010601", 80_000, app.store.clock().today()).await;
    let purchaser = app.token("purchaser").await;
    for runner in [org_of(&app, "agency2").await, org_of(&app, "purchaser").await] {
        let (status, e) = app.post(&format!("/api/v1/plans/{plan}/entrust"), Some(&purchaser), &json!({"runner_id": runner})).await;
        assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("project.emall_not_entrusted")), "{e}");
    }
    let html = app.http.get(app.url(&format!("/plans/{plan}"))).bearer_auth(&purchaser).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"emall-next\"") && !html.contains("data-testid=\"entrust-submit\""), "{html}");
    let open = filed_plan(&app, "open_tender", "A02010601", 80_000, app.store.clock().today()).await;
    let html = app.http.get(app.url(&format!("/plans/{open}"))).bearer_auth(&purchaser).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"entrust-submit\""), "other methods are offered 委托");
}
both!(emall_not_entrusted, an_emall_plan_is_not_entrusted);

async fn deadline_across_national_day(app: TestApp) {
    // Friday 2026-09-11: day 20 is 10-01, inside the National Day holiday (10-01..10-07).
    app.store.clock().travel_to(date(2026, 9, 11));
    let id = project(&app, "agency2", "open_tender", date(2026, 9, 11)).await;
    let t = app.token("agency2").await;
    let (_, e) = app.get(&format!("/api/v1/projects/{id}/earliest"), Some(&t)).await;
    assert_eq!(e["deadline_on"], "2026-10-08", "{e}");
    assert_eq!(e["documents_until"], "2026-09-18", "5 working days after the day of issue");
    // One day too early: refused, citing the rule and the earliest date.
    let (status, err) = app
        .post(
            &format!("/api/v1/projects/{id}/documents"),
            Some(&t),
            &documents("builtin-open-tender-goods", date(2026, 9, 18), "2026-10-07T09:30", 30.0),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["code"], "TEND-BID-PERIOD");
    let zh = err["messages"]["zh-CN"].as_str().unwrap();
    assert!(zh.contains("政府采购法第35条") && zh.contains("2026-10-08"), "{zh}");
    // The window one working day short, too.
    let (_, err) = app
        .post(
            &format!("/api/v1/projects/{id}/documents"),
            Some(&t),
            &documents("builtin-open-tender-goods", date(2026, 9, 17), "2026-10-08T09:30", 30.0),
        )
        .await;
    assert_eq!(err["code"], "TEND-DOC-WINDOW", "{err}");
    // A price weight below the goods minimum (87号令55).
    let (_, err) = app
        .post(
            &format!("/api/v1/projects/{id}/documents"),
            Some(&t),
            &documents("builtin-open-tender-goods", date(2026, 9, 18), "2026-10-08T09:30", 29.5),
        )
        .await;
    assert_eq!(err["code"], "TEND-PRICE-WEIGHT", "{err}");
    // Exactly lawful: saved and published; the deadline is 10-08 09:30 China time.
    let (status, err) = app
        .post(
            &format!("/api/v1/projects/{id}/documents"),
            Some(&t),
            &documents("builtin-open-tender-goods", date(2026, 9, 18), "2026-10-08T09:30", 30.0),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{err}");
    let (status, p) = app.post(&format!("/api/v1/projects/{id}/publish"), Some(&t), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{p}");
    let expected =
        date(2026, 10, 8).at(9, 30, 0, 0).to_zoned(jiff::tz::TimeZone::get("Asia/Shanghai").unwrap()).unwrap().timestamp().as_millisecond();
    assert_eq!(p["deadline_at"].as_i64(), Some(expected));
    assert_eq!(p["issued_on"], "2026-09-11");
}
both!(national_day, deadline_across_national_day);

async fn late_clarification_extends_the_deadline(app: TestApp) {
    let today = date(2026, 11, 2);
    app.store.clock().travel_to(today);
    let id = project(&app, "agency2", "open_tender", today).await;
    let published = publish_earliest(&app, "agency2", &id).await;
    let deadline = published["deadline_at"].as_i64().unwrap();
    let lot = app.get(&format!("/api/v1/projects/{id}"), None).await.1["lots"][0]["id"].as_str().unwrap().to_string();
    let s1 = app.token("supplier1").await;
    assert_eq!(app.post(&format!("/api/v1/lots/{lot}/obtain"), Some(&s1), &json!({})).await.0, StatusCode::OK);
    // Someone who did not obtain the documents cannot ask.
    let s2 = app.token("supplier2").await;
    let (status, e) = app.post(&format!("/api/v1/projects/{id}/questions"), Some(&s2), &json!({"text": "能否接受进口产品？"})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("tender.not_obtained")));
    let (status, q) = app.post(&format!("/api/v1/projects/{id}/questions"), Some(&s1), &json!({"text": "能否接受进口产品？"})).await;
    assert_eq!(status, StatusCode::CREATED, "{q}");
    let agency = app.token("agency2").await;
    let (_, qs) = app.get(&format!("/api/v1/projects/{id}/questions"), Some(&agency)).await;
    assert!(!qs.to_string().contains("supplier") && !qs.to_string().contains("有限公司"), "the asker is never named: {qs}");
    // Ten days later (11-12), a modification affecting bids: 11-12 + 15 = 11-27 > the deadline (11-23).
    app.store.clock().travel_to(date(2026, 11, 12));
    let agency = app.token("agency2").await;
    let (status, c) = app
        .post(
            &format!("/api/v1/projects/{id}/clarifications"),
            Some(&agency),
            &json!({"text": "技术参数第3项修改为不低于8GB内存。", "affects_bids": true, "answers": [q["id"]]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    assert_eq!(c["old_deadline_at"].as_i64(), Some(deadline));
    let new = c["new_deadline_at"].as_i64().expect("extended");
    let tz = jiff::tz::TimeZone::get("Asia/Shanghai").unwrap();
    let new_dt = jiff::Timestamp::from_millisecond(new).unwrap().to_zoned(tz.clone());
    assert_eq!(new_dt.date(), date(2026, 11, 27), "15 days after the clarification (条例31)");
    assert_eq!((new_dt.hour(), new_dt.minute()), (9, 30), "same time of day");
    let (_, p) = app.get(&format!("/api/v1/projects/{id}"), None).await;
    assert_eq!(p["project"]["deadline_at"].as_i64(), Some(new));
    // Published as a 更正公告 referencing the original, and the supplier who obtained was told.
    let (_, corr) = app.get("/api/v1/announcements?kind=correction", None).await;
    let corr = corr.as_array().unwrap().iter().find(|a| a["project_id"] == id.as_str()).expect("correction published");
    assert_eq!(corr["references_id"], p["project"]["announcement_id"]);
    assert!(corr["body"].as_str().unwrap().contains("顺延") && corr["body"].as_str().unwrap().contains("能否接受进口产品"), "{corr}");
    let s1 = app.token("supplier1").await;
    let (_, notes) = app.get("/api/v1/notifications", Some(&s1)).await;
    assert!(notes.to_string().contains("顺延"), "{notes}");
    // A clarification that does not affect bids leaves the deadline alone.
    let (_, c2) = app
        .post(
            &format!("/api/v1/projects/{id}/clarifications"),
            Some(&agency),
            &json!({"text": "更正联系电话为0571-88888888。", "affects_bids": false}),
        )
        .await;
    assert!(c2["new_deadline_at"].is_null(), "{c2}");
    // The job for the deadline moved with it.
    let jobs = caigou_store::scheduled::pending(&app.store).await.unwrap();
    assert!(jobs.iter().any(|(k, o, at)| k == "project.deadline" && *o == id && *at == new), "{jobs:?}");
}
both!(late_clarification, late_clarification_extends_the_deadline);

async fn deadlines_fire_once_and_termination_notifies(app: TestApp) {
    let today = date(2026, 11, 2);
    app.store.clock().travel_to(today);
    let id = project(&app, "agency2", "open_tender", today).await;
    let published = publish_earliest(&app, "agency2", &id).await;
    let lot = app.get(&format!("/api/v1/projects/{id}"), None).await.1["lots"][0]["id"].as_str().unwrap().to_string();
    let s1 = app.token("supplier1").await;
    app.post(&format!("/api/v1/lots/{lot}/obtain"), Some(&s1), &json!({})).await;
    // After the window: obtaining is refused with the platform time.
    let until: Date = published["documents_until"].as_str().unwrap().parse().unwrap();
    app.store.clock().travel_to(until.tomorrow().unwrap());
    let s5 = app.token("supplier5").await;
    let (status, e) = app.post(&format!("/api/v1/lots/{lot}/obtain"), Some(&s5), &json!({})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("tender.window_closed")), "{e}");
    // Past the deadline: two runners (as on two servers) race; each transition happens once.
    app.store.clock().advance(published["deadline_at"].as_i64().unwrap() - app.store.clock().now_ms() + 1);
    let other = app.another_store().await;
    let handlers = caigou_store::job_handlers();
    let (a, b) = tokio::join!(caigou_store::scheduled::run_due(&app.store, &handlers), caigou_store::scheduled::run_due(&other, &handlers));
    assert!(a.unwrap() + b.unwrap() >= 2, "window close and deadline fired");
    let (a, b) = tokio::join!(caigou_store::scheduled::run_due(&app.store, &handlers), caigou_store::scheduled::run_due(&other, &handlers));
    assert_eq!(a.unwrap() + b.unwrap(), 0, "nothing fires twice");
    let admin = app.token("admin").await;
    let (_, entries) = app.get(&format!("/api/v1/audit?object_id={id}&limit=200"), Some(&admin)).await;
    let closed = entries.as_array().unwrap().iter().filter(|e| e["action"] == "project.bidding_closed").count();
    assert_eq!(closed, 1, "{entries}");
    let (_, p) = app.get(&format!("/api/v1/projects/{id}"), None).await;
    assert_eq!(p["project"]["status"], "bidding_closed");
    let agency = app.token("agency2").await;
    let (_, o) = app.get(&format!("/api/v1/projects/{id}/obtained"), Some(&agency)).await;
    assert_eq!(o["suppliers"].as_array().map(|a| a.len()), Some(1), "names after the deadline: {o}");
    // Termination with reasons: a 终止公告 and a notice to the supplier who obtained.
    let (status, e) = app.post(&format!("/api/v1/projects/{id}/terminate"), Some(&agency), &json!({"reason": "x"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "reasons are required: {e}");
    let (status, t) =
        app.post(&format!("/api/v1/projects/{id}/terminate"), Some(&agency), &json!({"reason": "采购需求发生重大变化，项目终止"})).await;
    assert_eq!(status, StatusCode::OK, "{t}");
    let aid = t["announcement_id"].as_str().unwrap();
    let (_, list) = app.get("/api/v1/announcements?kind=termination", None).await;
    assert!(list.as_array().unwrap().iter().any(|a| a["id"] == aid && a["body"].as_str().unwrap().contains("采购需求发生重大变化")));
    // The portal says the project has ended, on its termination and on its tender announcement.
    assert!(list.as_array().unwrap().iter().any(|a| a["id"] == aid && a["project_status"] == "terminated"), "{list}");
    let page = app.http.get(app.url(&format!("/announcements/{aid}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("data-testid=\"project-state\">已终止"), "{page}");
    let s1 = app.token("supplier1").await;
    let (_, notes) = app.get("/api/v1/notifications", Some(&s1)).await;
    assert!(notes.to_string().contains("采购需求发生重大变化"), "{notes}");
    other.close().await;
}
both!(scheduled_once, deadlines_fire_once_and_termination_notifies);

async fn portal_filters_search_and_feed(app: TestApp) {
    // The demo published real announcements of several kinds through the flow.
    let (_, all) = app.get("/api/v1/announcements", None).await;
    let kinds: std::collections::BTreeSet<&str> = all.as_array().unwrap().iter().map(|a| a["kind"].as_str().unwrap()).collect();
    for k in ["intention", "tender", "quotation", "correction", "termination", "single_source_publicity"] {
        assert!(kinds.contains(k), "demo has a {k} announcement: {kinds:?}");
    }
    let (_, hits) = app.get("/api/v1/announcements?q=智慧教室", None).await;
    assert!(!hits.as_array().unwrap().is_empty());
    assert!(hits.as_array().unwrap().iter().all(|a| format!("{}{}", a["title"], a["body"]).contains("智慧教室")), "{hits}");
    let (_, none) = app.get("/api/v1/announcements?q=教智室慧", None).await;
    assert!(none.as_array().unwrap().is_empty(), "bigrams keep the order of characters");
    let (_, tenders) = app.get("/api/v1/announcements?kind=tender&method=open_tender&pinmu=A0202", None).await;
    assert_eq!(tenders.as_array().unwrap().len(), 1, "{tenders}");
    let (_, none) = app.get("/api/v1/announcements?kind=tender&pinmu=C16", None).await;
    assert!(none.as_array().unwrap().is_empty());
    let city = app.region_id("990100").await;
    let (_, c) = app.get(&format!("/api/v1/announcements?region={city}"), None).await;
    assert_eq!(c.as_array().unwrap().len(), all.as_array().unwrap().len(), "the city's subtree holds every demo announcement");
    let county = app.region_id("990102").await;
    let (_, c) = app.get(&format!("/api/v1/announcements?region={county}"), None).await;
    assert!(c.as_array().unwrap().iter().all(|a| a["region_id"] == county.as_str()) && !c.to_string().contains("智慧教室"), "{c}");
    let today = app.store.clock().today();
    let (_, future) = app.get(&format!("/api/v1/announcements?from={}", today.tomorrow().unwrap()), None).await;
    assert!(future.as_array().unwrap().is_empty());
    let (status, e) = app.get("/api/v1/announcements?kind=nonsense", None).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::BAD_REQUEST, Some("request.invalid_query")));
    let (status, _) = app.get("/api/v1/announcements?from=2026-13-01", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let r = app.http.get(app.url("/feed.atom?kind=tender")).send().await.unwrap();
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("application/atom+xml"));
    let feed = r.text().await.unwrap();
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"") && feed.contains("智慧教室设备采购招标公告"), "{feed}");
    assert!(!feed.contains("更正公告"), "the feed follows the filter");
    // Links are absolute, so feed readers can follow them: the request's address by default…
    assert!(feed.contains(&format!("<link href=\"{}/announcements/", app.base)) && !feed.contains("href=\"/"), "{feed}");
    // …or the configured public address.
    let web = caigou_web::WebConfig { public_url: Some("https://caigou.example.gov.cn".into()), ..Default::default() };
    let (base, _stop) = crate::helpers::start_server(app.store.clone(), web).await;
    let feed = app.http.get(format!("{base}/feed.atom")).send().await.unwrap().text().await.unwrap();
    assert!(
        feed.contains("xml:base=\"https://caigou.example.gov.cn/\"")
            && feed.contains("href=\"https://caigou.example.gov.cn/announcements/")
    );
    let html = app.http.get(app.url("/?kind=correction")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("更正公告（澄清或修改）") && !html.contains("询价公告</a>"), "the portal page filters too");
    // The list says which tenders are still open, until when, and which ended.
    let (_, tenders) = app.get("/api/v1/announcements?kind=tender", None).await;
    let open = tenders.as_array().unwrap().iter().find(|a| a["project_status"] == "published").unwrap_or_else(|| {
        panic!(
            "an open tender: {:?}",
            tenders.as_array().unwrap().iter().map(|a| (&a["title"], &a["project_status"], &a["project_deadline_at"])).collect::<Vec<_>>()
        )
    });
    assert!(open["project_deadline_at"].as_i64().unwrap() > app.store.clock().now_ms(), "{open}");
    let html = app.http.get(app.url("/?kind=tender")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"project-state\">投标中 · 截止"), "{html}");
    // A lot's termination leaves the project's other lots open, and the list says so.
    let (_, ended) = app.get("/api/v1/announcements?kind=termination", None).await;
    assert_eq!(ended[0]["project_status"], "published", "{ended}");
}
both!(portal, portal_filters_search_and_feed);

async fn sandbox_clock_fires_transitions(app: TestApp) {
    let web = caigou_web::WebConfig { sandbox: true, ..Default::default() };
    let (base, _stop) = crate::helpers::start_server(app.store.clone(), web).await;
    let admin = app.token("admin").await;
    let (_, list) = app.get("/api/v1/announcements?kind=tender", None).await;
    let project = list[0]["project_id"].as_str().unwrap().to_string();
    let (_, before) = app.get(&format!("/api/v1/projects/{project}"), None).await;
    assert_eq!(before["project"]["status"], "published");
    let post = |body: Value| {
        let req = app.http.post(format!("{base}/api/v1/sandbox/clock")).bearer_auth(&admin).json(&body);
        async move {
            let r = req.send().await.unwrap();
            (r.status(), r.json::<Value>().await.unwrap())
        }
    };
    let (status, e) = post(json!({"to": "2020-01-01T00:00"})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("sandbox.clock_backwards")));
    let (status, e) = post(json!({})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{e}");
    // A trainee signed in on the web before the jump stays signed in after it.
    let trainee = crate::helpers::cookie_client();
    let r = trainee
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"username": "expert1", "password": "caigou-demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let (status, c) = post(json!({"advance_days": 40})).await;
    assert_eq!(status, StatusCode::OK, "{c}");
    assert_eq!(trainee.get(format!("{base}/api/v1/me")).send().await.unwrap().status(), StatusCode::OK, "the session moved with the clock");
    assert_eq!(app.get("/api/v1/me", Some(&admin)).await.0, StatusCode::OK, "the API token moved with the clock");
    assert!(c["transitions"].as_u64().unwrap() >= 2, "the window and the deadline fired: {c}");
    let (_, after) = app.get(&format!("/api/v1/projects/{project}"), None).await;
    assert_eq!(after["project"]["status"], "bidding_closed");
    // Persisted: another server on the same database follows the moved clock.
    let other = caigou_store::Store::open(&app.config).await.unwrap();
    caigou_store::clock::sandbox_load(&other).await.unwrap();
    assert!((other.clock().now_ms() - c["now"].as_i64().unwrap()).abs() < 60_000, "shared sandbox clock");
    other.close().await;
}
both!(sandbox_clock, sandbox_clock_fires_transitions);

async fn agencies_keep_their_own_templates(app: TestApp) {
    let t = app.token("agency2").await;
    let (_, builtin) = app.get("/api/v1/templates/builtin-quotation", Some(&t)).await;
    let mut sections = builtin["sections"].clone();
    sections[1]["body"] = json!("本机构询价须知：报价一次报出不得更改。截止：{{deadline}}");
    let (status, created) = app
        .post("/api/v1/templates", Some(&t), &json!({"method": "request_for_quotation", "name": "示范招标询价范本", "sections": sections}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["owner_org_id"].as_str(), Some(org_of(&app, "agency2").await.as_str()));
    let id = created["id"].as_str().unwrap();
    let other = app.token("agency3").await;
    assert_eq!(
        app.get(&format!("/api/v1/templates/{id}"), Some(&other)).await.0,
        StatusCode::NOT_FOUND,
        "another agency's template is private"
    );
    assert_eq!(
        app.post(
            &format!("/api/v1/templates/{id}"),
            Some(&other),
            &json!({"method": "request_for_quotation", "name": "x", "sections": sections})
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
    let (_, list) = app.get("/api/v1/templates?method=request_for_quotation", Some(&other)).await;
    assert!(!list.to_string().contains("示范招标询价范本"));
    // A typo in a variable is refused, never published as "{{dedline}}".
    sections[1]["body"] = json!("截止：{{dedline}}");
    let (status, e) = app
        .post(
            &format!("/api/v1/templates/{id}"),
            Some(&t),
            &json!({"method": "request_for_quotation", "name": "示范招标询价范本", "sections": sections}),
        )
        .await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("documents.unknown_variable")), "{e}");
    // Platform templates are the admins'.
    assert_eq!(
        app.post(
            "/api/v1/templates/builtin-quotation",
            Some(&t),
            &json!({"method": "request_for_quotation", "name": "x", "sections": builtin["sections"]})
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
}
both!(own_templates, agencies_keep_their_own_templates);

/// 采购人确认: a unit that asks for it is asked after each save; publishing waits for its
/// confirmation of the documents as they stand; a return carries its reason; an edit after the
/// confirmation needs a new one. A unit that does not ask for it is not in the way.
async fn the_purchaser_confirms_the_documents_before_publishing(app: TestApp) {
    let id = project(&app, "agency2", "open_tender", app.store.clock().today()).await;
    let agency = app.token("agency2").await;
    let approver = app.token("purchaser-approver").await;
    let purchaser = app.token("purchaser").await;
    let (status, e) = app.post("/api/v1/unit-settings", Some(&purchaser), &json!({"confirm_documents": true})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "the 经办 does not change the unit's settings: {e}");
    let (status, _) = app.post("/api/v1/unit-settings", Some(&approver), &json!({"confirm_documents": true})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app.get("/api/v1/unit-settings", Some(&purchaser)).await.1["confirm_documents"], true);

    save_earliest(&app, "agency2", &id, 30.0).await;
    let (_, notes) = app.get("/api/v1/notifications", Some(&purchaser)).await;
    assert!(notes.to_string().contains("采购文件待采购人确认"), "the unit is asked: {notes}");
    let wb = app.http.get(app.url("/workbench")).bearer_auth(&purchaser).send().await.unwrap().text().await.unwrap();
    assert!(wb.contains(&format!("/projects/{id}/review")), "the to-do opens the review");
    let (status, e) = app.post(&format!("/api/v1/projects/{id}/publish"), Some(&agency), &json!({})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("documents.awaiting_purchaser")), "{e}");
    assert!(e["message"].as_str().unwrap().contains("示范市第一中学"), "names the unit: {e}");

    // The agency cannot confirm for the unit; a return needs its reason.
    let confirm = |d: &str, c: &str| json!({"decision": d, "comment": c});
    let (status, _) = app.post(&format!("/api/v1/projects/{id}/confirmation"), Some(&agency), &confirm("confirmed", "")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, e) = app.post(&format!("/api/v1/projects/{id}/confirmation"), Some(&purchaser), &confirm("returned", "")).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("confirmation.invalid")));
    let (status, _) =
        app.post(&format!("/api/v1/projects/{id}/confirmation"), Some(&purchaser), &confirm("returned", "价格分请改为40分")).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let page = app.http.get(app.url(&format!("/projects/{id}"))).bearer_auth(&agency).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("已退回修改") && page.contains("价格分请改为40分"), "the runner reads the return and its reason");

    // Changed and confirmed: published. A confirmation of an earlier version does not count.
    save_earliest(&app, "agency2", &id, 40.0).await;
    let (status, _) = app.post(&format!("/api/v1/projects/{id}/confirmation"), Some(&approver), &confirm("confirmed", "")).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    save_earliest(&app, "agency2", &id, 35.0).await;
    let (status, e) = app.post(&format!("/api/v1/projects/{id}/publish"), Some(&agency), &json!({})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("documents.awaiting_purchaser")), "edited after: {e}");
    let review =
        app.http.get(app.url(&format!("/projects/{id}/review"))).bearer_auth(&purchaser).send().await.unwrap().text().await.unwrap();
    assert!(
        review.contains("data-testid=\"confirm-form\"") && review.contains("data-testid=\"preview-documents\""),
        "the unit reads what goes out"
    );
    let (status, _) = app.post(&format!("/api/v1/projects/{id}/confirmation"), Some(&purchaser), &confirm("confirmed", "")).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = app.post(&format!("/api/v1/projects/{id}/publish"), Some(&agency), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, e) = app.post(&format!("/api/v1/projects/{id}/confirmation"), Some(&purchaser), &confirm("confirmed", "")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "nothing to confirm once published: {e}");

    // Turned off: the next project publishes without it.
    app.post("/api/v1/unit-settings", Some(&approver), &json!({"confirm_documents": false})).await;
    let other = project(&app, "agency2", "open_tender", app.store.clock().today()).await;
    publish_earliest(&app, "agency2", &other).await;
}
both!(purchaser_confirmation, the_purchaser_confirms_the_documents_before_publishing);
