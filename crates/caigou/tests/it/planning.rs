//! Planning through the API: budget lines, 采购意向, automatic filing on the legal rules,
//! supervisor approvals with the 单一来源 公示, budget freezing under concurrency, re-procurement.

use jiff::civil::{Date, date};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::TestApp;

/// The demo unit of `purchaser` (示范市第一中学, in 示范市: open-tender threshold ¥4,000,000,
/// limit ¥1,000,000, A02010100 centralized).
async fn unit_id(app: &TestApp, token: &str) -> String {
    app.get("/api/v1/me", Some(token)).await.1["organization"]["id"].as_str().unwrap().to_string()
}

/// A fresh budget line of `fen` for the purchaser's unit in `year`, added by the city supervisor.
async fn budget_line(app: &TestApp, year: i32, code: &str, fen: i64) -> String {
    let purchaser = app.token("purchaser").await;
    let org = unit_id(app, &purchaser).await;
    let supervisor = app.token("supervisor").await;
    let (status, body) = app
        .post("/api/v1/budget-lines", Some(&supervisor), &json!({"org_id": org, "lines": [{"fiscal_year": year, "code": code, "name": format!("测试指标{code}"), "funding_source": "一般公共预算", "amount": fen}]}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["ids"][0].as_str().unwrap().to_string()
}

async fn intention(app: &TestApp, token: &str) -> Value {
    let (status, i) = app
        .post(
            "/api/v1/intentions",
            Some(token),
            &json!({"project_name": "教学设备", "summary": "多媒体教学设备一批", "budget": 500_000_000, "expected_month": "2027-01"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{i}");
    i
}

fn plan(line: &str, intention: Option<&str>, method: &str, start: Date, code: &str, fen: i64) -> Value {
    json!({"name": "教学设备采购", "budget_line_id": line, "intention_id": intention, "method": method, "procurement_start": start.to_string(),
           "items": [{"code": code, "description": "设备", "quantity": 10, "amount": fen}]})
}

fn days(d: Date, n: i64) -> Date {
    d.checked_add(jiff::Span::new().days(n)).unwrap()
}

fn finding<'a>(outcome: &'a Value, code: &str) -> &'a Value {
    outcome["findings"].as_array().unwrap().iter().find(|f| f["code"] == code).unwrap_or_else(|| panic!("no finding {code} in {outcome}"))
}

async fn budget_lines_are_loaded_by_finance_with_row_errors(app: TestApp) {
    let purchaser = app.token("purchaser").await;
    let org = unit_id(&app, &purchaser).await;
    let county = app.token("supervisor2").await;
    let (status, _) = app
        .post(
            "/api/v1/budget-lines",
            Some(&county),
            &json!({"org_id": org, "lines": [{"fiscal_year": 2026, "code": "X", "name": "x", "funding_source": "y", "amount": 100}]}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a county's finance department cannot load a city unit's budget");
    let city = app.token("supervisor").await;
    let csv = "fiscal_year,code,name,funding_source,amount\n2026,T-1,办公设备,一般公共预算,\"12,000\"\n2026,,无编码,一般公共预算,100\n20xx,T-3,年度错误,一般公共预算,100\n2026,T-4,教学设备,一般公共预算,150000.50\n";
    let r = app
        .http
        .post(app.url(&format!("/api/v1/budget-lines/import?org_id={org}")))
        .bearer_auth(&city)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e: Value = r.json().await.unwrap();
    let fields: Vec<&str> = e["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    // Line 2's quoted "12,000" is one field (Excel writes thousands separators so): well formed.
    assert_eq!(fields, vec!["line 3", "line 4"], "{e}");
    let (_, lines) = app.get(&format!("/api/v1/budget-lines?year=2026&org={org}"), Some(&purchaser)).await;
    assert!(!lines.as_array().unwrap().iter().any(|l| l["code"] == "T-4"), "nothing imported from a bad file");
    let csv = "fiscal_year,code,name,funding_source,amount\n2026,T-4,教学设备,一般公共预算,150000.50\n";
    let r = app
        .http
        .post(app.url(&format!("/api/v1/budget-lines/import?org_id={org}")))
        .bearer_auth(&city)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let (_, lines) = app.get("/api/v1/budget-lines?year=2026", Some(&purchaser)).await;
    let line = lines.as_array().unwrap().iter().find(|l| l["code"] == "T-4").unwrap();
    assert_eq!((line["amount"].as_i64(), line["available"].as_i64()), (Some(15_000_050), Some(15_000_050)));
    // A file saved by Excel in China: GBK, CRLF, names with commas quoted, amounts with separators.
    let excel = "fiscal_year,code,name,funding_source,amount\r\n2026,T-6,\"实验室设备,含安装\",一般公共预算,\"1,234,567.89\"\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(excel);
    let r = app
        .http
        .post(app.url(&format!("/api/v1/budget-lines/import?org_id={org}")))
        .bearer_auth(&city)
        .header("content-type", "text/csv")
        .body(gbk.into_owned())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{}", r.text().await.unwrap());
    let (_, lines) = app.get("/api/v1/budget-lines?year=2026", Some(&purchaser)).await;
    let line = lines.as_array().unwrap().iter().find(|l| l["code"] == "T-6").unwrap();
    assert_eq!((line["name"].as_str(), line["amount"].as_i64()), (Some("实验室设备,含安装"), Some(123_456_789)));
    // A large file is staged in batches and lands all at once: 1,200 lines (three batches).
    let import = |rows: Vec<String>| {
        let http = app.http.clone();
        let url = app.url(&format!("/api/v1/budget-lines/import?org_id={org}"));
        let city = city.clone();
        async move {
            let body = format!("fiscal_year,code,name,funding_source,amount\n{}\n", rows.join("\n"));
            let r = http.post(url).bearer_auth(&city).header("content-type", "text/csv").body(body).send().await.unwrap();
            (r.status(), r.json::<Value>().await.unwrap())
        }
    };
    let rows = |prefix: &str, n: usize| (1..=n).map(|i| format!("2026,{prefix}-{i:04},批量指标{i},一般公共预算,100")).collect::<Vec<_>>();
    let count = |prefix: &'static str| {
        let pool = app.store.pool().clone();
        async move {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM budget_lines WHERE code LIKE $1")
                .bind(format!("{prefix}-%"))
                .fetch_one(&pool)
                .await
                .unwrap();
            n
        }
    };
    let (status, r) = import(rows("BULK", 1_200)).await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    assert_eq!(r["ids"].as_array().unwrap().len(), 1_200);
    assert_eq!(count("BULK").await, 1_200);
    // Line 1,100 repeats a code the unit already has: nothing of the file is imported, though
    // two batches were staged before the clash was found, and no staged row is left behind.
    let mut clash = rows("MORE", 1_200);
    clash[1_099] = "2026,BULK-0007,重复,一般公共预算,100".into();
    let (status, e) = import(clash).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("budget.duplicate_code")), "{e}");
    assert!(e["messages"]["zh-CN"].as_str().unwrap().contains("第1100条"), "{e}");
    assert_eq!(count("MORE").await, 0);
    let mut twice = rows("TWICE", 800);
    twice[700] = "2026,TWICE-0001,同一文件重复,一般公共预算,100".into();
    let (status, e) = import(twice).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("budget.duplicate_code")), "{e}");
    assert_eq!(count("TWICE").await, 0);
    let staged: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM budget_line_staging").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(staged, 0, "failed imports leave nothing staged");
    let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'budget.lines_imported'")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(audited, 1, "one audit entry for the import that landed");

    // Bytes that are neither UTF-8 nor GBK are refused with the reason, and nothing is written.
    let r = app
        .http
        .post(app.url(&format!("/api/v1/budget-lines/import?org_id={org}")))
        .bearer_auth(&city)
        .body(vec![0x66u8, 0x69, 0xff, 0xfe, 0x81])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("GBK"));
    let supplier = app.token("supplier1").await;
    let (status, _) = app.get(&format!("/api/v1/budget-lines?org={org}"), Some(&supplier)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // The one-line form on the budget page.
    let form = |amount: &'static str| {
        vec![
            ("org", org.clone()),
            ("fiscal_year", "2026".into()),
            ("code", "T-5".into()),
            ("name", "图书".into()),
            ("funding_source", "一般公共预算".into()),
            ("amount", amount.into()),
        ]
    };
    let r = app.http.post(app.url("/budget/lines")).bearer_auth(&city).form(&form("12.345")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("data-testid=\"form-error\""));
    let r = app.http.post(app.url("/budget/lines")).bearer_auth(&city).form(&form("8,000")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, lines) = app.get("/api/v1/budget-lines?year=2026", Some(&purchaser)).await;
    assert!(lines.as_array().unwrap().iter().any(|l| l["code"] == "T-5" && l["amount"] == 800_000));
}
both!(budget_lines, budget_lines_are_loaded_by_finance_with_row_errors);

async fn thresholds_and_intentions_on_both_sides_of_the_boundary(app: TestApp) {
    let today = app.store.clock().today();
    let start = days(today, 30);
    let line = budget_line(&app, start.year().into(), "B-1", 2_000_000_000).await;
    let purchaser = app.token("purchaser").await;
    let i = intention(&app, &purchaser).await;
    assert_eq!(i["earliest_start"], start.to_string());
    let iid = i["id"].as_str().unwrap();

    // 29 days after the intention: refused, citing the rule and the earliest date.
    let (status, o) = app
        .post("/api/v1/plans/check", Some(&purchaser), &plan(&line, Some(iid), "open_tender", days(today, 29), "A02020100", 300_000_000))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(o["decision"], "refused");
    let f = finding(&o, "PLAN-INTENTION");
    assert_eq!(f["verdict"], "refused");
    assert!(f["messages"]["zh-CN"].as_str().unwrap().contains(&start.to_string()) && f["source"].as_str().unwrap().contains("10号"));
    // 30 days: filed, no human.
    let (status, s) =
        app.post("/api/v1/plans", Some(&purchaser), &plan(&line, Some(iid), "open_tender", start, "A02020100", 300_000_000)).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(s["status"], "filed");
    assert!(s["plan_no"].as_str().unwrap().starts_with("JH"));

    // A non-open method exactly at the open-tender threshold needs approval; one fen under files.
    let (_, o) = app
        .post("/api/v1/plans/check", Some(&purchaser), &plan(&line, Some(iid), "competitive_consultation", start, "A02020100", 400_000_000))
        .await;
    assert_eq!(o["decision"], json!({"needs_approval": {"publicity": false}}));
    assert_eq!(finding(&o, "PLAN-OPEN-TENDER")["verdict"], "needs_approval");
    assert_eq!(o["lawful_methods"], json!(["open_tender"]), "the lawful option at the threshold");
    let (_, o) = app
        .post("/api/v1/plans/check", Some(&purchaser), &plan(&line, Some(iid), "competitive_consultation", start, "A03000000", 399_999_999))
        .await;
    assert_eq!(o["decision"], "filed", "{o}");

    // Centralized catalog: 台式计算机 must be entrusted to the 集中采购机构.
    let (_, o) =
        app.post("/api/v1/plans/check", Some(&purchaser), &plan(&line, Some(iid), "open_tender", start, "A02010105", 120_000_000)).await;
    assert_eq!(finding(&o, "PLAN-CENTRALIZED")["verdict"], "refused");
    let mut entrusted = plan(&line, Some(iid), "open_tender", start, "A02010105", 120_000_000);
    entrusted["entrust_central"] = json!(true);
    let (_, o) = app.post("/api/v1/plans/check", Some(&purchaser), &entrusted).await;
    assert_eq!(o["decision"], "filed");

    // Under the limit and outside the catalog no intention is needed; the e-mall may be used.
    let (_, o) = app.post("/api/v1/plans/check", Some(&purchaser), &plan(&line, None, "emall", start, "A05010000", 99_999_999)).await;
    assert_eq!(o["decision"], "filed", "{o}");
    let (_, o) = app.post("/api/v1/plans/check", Some(&purchaser), &plan(&line, None, "emall", start, "A05010000", 100_000_000)).await;
    assert_eq!(o["decision"], "refused");

    // Bad input is a field error, not a refusal.
    let (status, e) = app.post("/api/v1/plans", Some(&purchaser), &plan(&line, None, "auction", start, "Z1", 1)).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("plan.invalid_fields")));
    let fields: Vec<&str> = e["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, vec!["method", "items[0].code"]);
    // The reviewer may read but not submit.
    let reviewer = app.token("purchaser-reviewer").await;
    let (status, _) = app.post("/api/v1/plans", Some(&reviewer), &plan(&line, None, "emall", start, "A05010000", 1_000)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
both!(filing_rules, thresholds_and_intentions_on_both_sides_of_the_boundary);

async fn splitting_across_plans_goes_to_approval_with_the_earlier_plans(app: TestApp) {
    let today = app.store.clock().today();
    let start = days(today, 30);
    let line = budget_line(&app, start.year().into(), "S-1", 2_000_000_000).await;
    let purchaser = app.token("purchaser").await;
    let iid = intention(&app, &purchaser).await["id"].as_str().unwrap().to_string();
    let mut nos = Vec::new();
    for code in ["A02020101", "A02020102"] {
        let (_, s) =
            app.post("/api/v1/plans", Some(&purchaser), &plan(&line, Some(&iid), "request_for_quotation", start, code, 150_000_000)).await;
        assert_eq!(s["status"], "filed", "{s}");
        nos.push(s["plan_no"].as_str().unwrap().to_string());
    }
    // ¥1.5m + ¥1.5m + ¥1m of one category reaches ¥4m: possible splitting.
    let (_, s) = app
        .post("/api/v1/plans", Some(&purchaser), &plan(&line, Some(&iid), "request_for_quotation", start, "A02020103", 100_000_000))
        .await;
    assert_eq!(s["status"], "awaiting_approval", "{s}");
    let f = finding(&s["outcome"], "PLAN-SPLITTING");
    assert_eq!(f["related"], json!(nos));
    assert!(f["source"].as_str().unwrap().contains("实施条例第28条"));
    // The supervisor sees it waiting and is notified.
    let supervisor = app.token("supervisor").await;
    let (_, waiting) = app.get("/api/v1/approvals", Some(&supervisor)).await;
    assert!(waiting.as_array().unwrap().iter().any(|w| w["plan_id"] == s["id"]));
    let (_, inbox) = app.get("/api/v1/notifications", Some(&supervisor)).await;
    assert!(inbox["items"].as_array().unwrap().iter().any(|n| n["kind"] == "plan.approval_waiting"));
    // Rejection releases the frozen budget and tells the purchaser.
    let (_, before) = app.get(&format!("/api/v1/budget-lines?year={}", start.year()), Some(&purchaser)).await;
    let avail = |v: &Value| v.as_array().unwrap().iter().find(|l| l["code"] == "S-1").unwrap()["available"].as_i64().unwrap();
    let (status, d) = app
        .post(
            &format!("/api/v1/plans/{}/decision", s["id"].as_str().unwrap()),
            Some(&supervisor),
            &json!({"approve": false, "comment": "与此前两个计划属同一类别，应合并公开招标"}),
        )
        .await;
    assert_eq!((status, d["status"].as_str()), (StatusCode::OK, Some("rejected")));
    let (_, after) = app.get(&format!("/api/v1/budget-lines?year={}", start.year()), Some(&purchaser)).await;
    assert_eq!(avail(&after) - avail(&before), 100_000_000);
    let (_, inbox) = app.get("/api/v1/notifications", Some(&purchaser)).await;
    assert!(inbox["items"].as_array().unwrap().iter().any(|n| n["kind"] == "plan.decided"));
}
both!(splitting, splitting_across_plans_goes_to_approval_with_the_earlier_plans);

async fn single_source_publicity_ends_before_national_day_and_then_approval(app: TestApp) {
    // Tuesday 2026-09-22: five working days skip 中秋 (09-25..27) and end on 2026-09-30, the day
    // before the National Day holidays.
    app.store.clock().travel_to(date(2026, 9, 22));
    let line = budget_line(&app, 2026, "SS-1", 2_000_000_000).await;
    let purchaser = app.token("purchaser").await;
    let iid = intention(&app, &purchaser).await["id"].as_str().unwrap().to_string();
    let mut body = plan(&line, Some(&iid), "single_source", date(2026, 10, 26), "A02020100", 450_000_000);
    let (_, s) = app.post("/api/v1/plans", Some(&purchaser), &body).await;
    assert_eq!(s["status"], "refused", "single source without a ground");
    body["single_source_ground"] = json!("only_source");
    body["single_source_supplier"] = json!("示范信息技术有限公司");
    let (status, s) = app.post("/api/v1/plans", Some(&purchaser), &body).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!((s["status"].as_str(), s["publicity_ends_on"].as_str()), (Some("publicity"), Some("2026-09-30")), "{s}");
    let id = s["id"].as_str().unwrap().to_string();
    let (_, portal) = app.get("/api/v1/announcements?q=单一来源采购公示", None).await;
    assert!(portal.as_array().unwrap().iter().any(|a| a["body"].as_str().unwrap().contains("2026-09-30")));

    let (status, _) = app
        .post(&format!("/api/v1/plans/{id}/objections"), None, &json!({"from_name": "某科技公司", "text": "本公司也能提供同等产品"}))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    app.store.clock().travel_to(date(2026, 9, 30));
    // (Tokens expire after 12 hours of platform time: sign in again after each jump.)
    let supervisor = app.token("supervisor").await;
    let (status, e) =
        app.post(&format!("/api/v1/plans/{id}/decision"), Some(&supervisor), &json!({"approve": true, "comment": "同意"})).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("plan.publicity_running")),
        "not on the last day of the 公示"
    );
    let (_, detail) = app.get(&format!("/api/v1/plans/{id}"), Some(&supervisor)).await;
    assert_eq!(detail["objections"][0]["text"], "本公司也能提供同等产品", "the approver sees the objection");

    app.store.clock().travel_to(date(2026, 10, 1));
    let (status, _) = app.post(&format!("/api/v1/plans/{id}/objections"), None, &json!({"from_name": "迟到者", "text": "异议"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "objections close with the 公示");
    let supervisor = app.token("supervisor").await;
    let county = app.token("supervisor3").await;
    let (status, _) = app.post(&format!("/api/v1/plans/{id}/decision"), Some(&county), &json!({"approve": true, "comment": "同意"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "another county's supervisor cannot decide");
    let (status, d) = app
        .post(
            &format!("/api/v1/plans/{id}/decision"),
            Some(&supervisor),
            &json!({"approve": true, "comment": "经审查异议，该产品专利唯一，同意"}),
        )
        .await;
    assert_eq!((status, d["status"].as_str()), (StatusCode::OK, Some("filed")));
    let (status, e) =
        app.post(&format!("/api/v1/plans/{id}/decision"), Some(&supervisor), &json!({"approve": false, "comment": "再次"})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("plan.already_decided")));
}
both!(single_source, single_source_publicity_ends_before_national_day_and_then_approval);

async fn two_plans_racing_for_the_last_budget_exactly_one_wins(app: TestApp) {
    let today = app.store.clock().today();
    let start = days(today, 10);
    let line = budget_line(&app, start.year().into(), "R-1", 1_000_000).await;
    let purchaser = app.token("purchaser").await;
    let mut handles = Vec::new();
    for _ in 0..2 {
        let http = app.http.clone();
        let url = app.url("/api/v1/plans");
        let token = purchaser.clone();
        let body = plan(&line, None, "request_for_quotation", start, "A05010000", 600_000);
        handles.push(tokio::spawn(async move {
            http.post(url).bearer_auth(token).json(&body).send().await.unwrap().json::<Value>().await.unwrap()
        }));
    }
    let mut statuses = Vec::new();
    for h in handles {
        statuses.push(h.await.unwrap()["status"].as_str().unwrap().to_string());
    }
    statuses.sort();
    assert_eq!(statuses, vec!["filed", "refused"]);
    let (_, lines) = app.get(&format!("/api/v1/budget-lines?year={}", start.year()), Some(&purchaser)).await;
    let l = lines.as_array().unwrap().iter().find(|l| l["code"] == "R-1").unwrap();
    assert_eq!((l["frozen"].as_i64(), l["available"].as_i64()), (Some(600_000), Some(400_000)));
}
both!(budget_race, two_plans_racing_for_the_last_budget_exactly_one_wins);

async fn a_failed_plan_is_re_procured_without_re_entering_it(app: TestApp) {
    let today = app.store.clock().today();
    let start = days(today, 10);
    let line = budget_line(&app, start.year().into(), "F-1", 1_000_000).await;
    let purchaser = app.token("purchaser").await;
    let (_, s) =
        app.post("/api/v1/plans", Some(&purchaser), &plan(&line, None, "request_for_quotation", start, "A05010000", 800_000)).await;
    let id = s["id"].as_str().unwrap().to_string();
    let (status, e) = app.post(&format!("/api/v1/plans/{id}/reprocure"), Some(&purchaser), &json!({})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("plan.not_failed")));
    let (status, _) = app.post(&format!("/api/v1/plans/{id}/fail"), Some(&purchaser), &json!({"reason": "供应商不足三家"})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, r) =
        app.post(&format!("/api/v1/plans/{id}/reprocure"), Some(&purchaser), &json!({"method": "competitive_negotiation"})).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(r["status"], "filed", "{r}");
    let (_, detail) = app.get(&format!("/api/v1/plans/{}", r["id"].as_str().unwrap()), Some(&purchaser)).await;
    assert_eq!(detail["plan"]["previous_plan_id"], id.as_str());
    assert_eq!(detail["plan"]["method"], "competitive_negotiation");
    assert_eq!(detail["items"][0]["amount"], 800_000);
    let (_, lines) = app.get(&format!("/api/v1/budget-lines?year={}", start.year()), Some(&purchaser)).await;
    let l = lines.as_array().unwrap().iter().find(|l| l["code"] == "F-1").unwrap();
    assert_eq!(l["frozen"], 800_000, "released on failure, frozen again by the new plan");
    let (_, trail) = app.get("/api/v1/audit?action=plan.&limit=10", Some(&app.token("admin").await)).await;
    let actions: Vec<&str> = trail.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"plan.failed") && actions.contains(&"plan.submitted"));
}
both!(reprocurement, a_failed_plan_is_re_procured_without_re_entering_it);

async fn reminders_go_out_once_when_due(app: TestApp) {
    app.store.clock().travel_to(date(2026, 9, 22));
    let line = budget_line(&app, 2026, "RM-1", 2_000_000_000).await;
    let purchaser = app.token("purchaser").await;
    let iid = intention(&app, &purchaser).await["id"].as_str().unwrap().to_string();
    let mut body = plan(&line, Some(&iid), "single_source", date(2026, 10, 26), "A02020100", 450_000_000);
    body["single_source_ground"] = json!("only_source");
    let (_, s) = app.post("/api/v1/plans", Some(&purchaser), &body).await;
    assert_eq!(s["publicity_ends_on"], "2026-09-30");
    let count = |kind: &'static str| {
        let app = &app;
        async move {
            let supervisor = app.token("supervisor").await;
            let (_, inbox) = app.get("/api/v1/notifications", Some(&supervisor)).await;
            inbox["items"].as_array().unwrap().iter().filter(|n| n["kind"] == kind && n["body"].as_str().unwrap().contains("JH")).count()
        }
    };
    // The demo's own pending notices may remind too; count this plan's reminders by day.
    caigou_store::reminders::run_due(&app.store).await.unwrap();
    let before = count("reminder.publicity").await;
    app.store.clock().travel_to(date(2026, 9, 30));
    assert!(caigou_store::reminders::run_due(&app.store).await.unwrap() >= 1, "the notice ends today");
    assert_eq!(caigou_store::reminders::run_due(&app.store).await.unwrap(), 0, "once only");
    assert_eq!(count("reminder.publicity").await, before + 1);
    app.store.clock().travel_to(date(2026, 10, 8));
    caigou_store::reminders::run_due(&app.store).await.unwrap();
    assert_eq!(count("reminder.publicity").await, before + 2, "then: the notice is over, decide");

    // An approved request above the limit without a plan: the applicant is reminded once.
    let purchaser = app.token("purchaser").await;
    let reviewer = app.token("purchaser-reviewer").await;
    let approver = app.token("purchaser-approver").await;
    let (_, r) = app.post("/api/v1/requests", Some(&purchaser), &json!({"title": "机房改造", "code": "A02020100", "quantity": 1, "amount": 150_000_000, "budget_line_id": line, "reason": "改造"})).await;
    let rid = r["request"]["id"].as_str().unwrap().to_string();
    app.post(&format!("/api/v1/requests/{rid}/approve"), Some(&reviewer), &json!({})).await;
    app.post(&format!("/api/v1/requests/{rid}/approve"), Some(&approver), &json!({})).await;
    caigou_store::reminders::run_due(&app.store).await.unwrap();
    caigou_store::reminders::run_due(&app.store).await.unwrap();
    let (_, inbox) = app.get("/api/v1/notifications", Some(&purchaser)).await;
    let n = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "reminder.intention" && n["body"].as_str().unwrap().contains("机房改造"))
        .count();
    assert_eq!(n, 1);
}
both!(reminders, reminders_go_out_once_when_due);

async fn frozen_on(app: &TestApp, token: &str, year: i16, code: &str) -> i64 {
    let (_, lines) = app.get(&format!("/api/v1/budget-lines?year={year}"), Some(token)).await;
    lines.as_array().unwrap().iter().find(|l| l["code"] == code).unwrap()["frozen"].as_i64().unwrap()
}

async fn a_plan_change_moves_its_budget_in_one_step(app: TestApp) {
    let today = app.store.clock().today();
    let start = days(today, 10);
    let line = budget_line(&app, start.year().into(), "C-1", 1_000_000).await;
    let purchaser = app.token("purchaser").await;
    let (_, s) =
        app.post("/api/v1/plans", Some(&purchaser), &plan(&line, None, "request_for_quotation", start, "A05010000", 800_000)).await;
    let old = s["id"].as_str().unwrap().to_string();
    // ¥9,500 fits once the ¥8,000 the old version froze is released: only ¥2,000 is free.
    let (status, s) = app
        .post(
            &format!("/api/v1/plans/{old}/amend"),
            Some(&purchaser),
            &plan(&line, None, "request_for_quotation", start, "A05010000", 950_000),
        )
        .await;
    assert_eq!((status, s["status"].as_str()), (StatusCode::CREATED, Some("filed")), "{s}");
    let new = s["id"].as_str().unwrap().to_string();
    assert_eq!(frozen_on(&app, &purchaser, start.year(), "C-1").await, 950_000);
    let (_, d) = app.get(&format!("/api/v1/plans/{old}"), Some(&purchaser)).await;
    assert_eq!(d["plan"]["status"], "amended");
    let (_, d) = app.get(&format!("/api/v1/plans/{new}"), Some(&purchaser)).await;
    assert_eq!(d["plan"]["previous_plan_id"], old.as_str());
    // A change the budget cannot carry is refused and the plan in force stays as it is.
    let (_, s) = app
        .post(
            &format!("/api/v1/plans/{new}/amend"),
            Some(&purchaser),
            &plan(&line, None, "request_for_quotation", start, "A05010000", 1_100_000),
        )
        .await;
    assert_eq!(s["status"], "refused");
    let (_, d) = app.get(&format!("/api/v1/plans/{new}"), Some(&purchaser)).await;
    assert_eq!(d["plan"]["status"], "filed");
    assert_eq!(frozen_on(&app, &purchaser, start.year(), "C-1").await, 950_000);
    let (status, e) = app
        .post(
            &format!("/api/v1/plans/{old}/amend"),
            Some(&purchaser),
            &plan(&line, None, "request_for_quotation", start, "A05010000", 1_000),
        )
        .await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("plan.not_open")));

    // The same through the pages: the form comes back filled in, and submitting it changes the plan.
    let html = app.http.get(app.url(&format!("/plans/{new}/amend"))).bearer_auth(&purchaser).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("变更计划") && html.contains("value=\"9500.00\"") && html.contains(&format!("value=\"{new}\"")));
    let start_s = start.to_string();
    let form = [
        ("amend_of", new.as_str()),
        ("name", "教学设备采购"),
        ("budget_line_id", line.as_str()),
        ("method", "request_for_quotation"),
        ("procurement_start", start_s.as_str()),
        ("code", "A05010000"),
        ("desc", "设备"),
        ("qty", "10"),
        ("amount", "9000"),
    ];
    let r = app.http.post(app.url("/plans")).bearer_auth(&purchaser).form(&form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(frozen_on(&app, &purchaser, start.year(), "C-1").await, 900_000);
    let (_, d) = app.get(&format!("/api/v1/plans/{new}"), Some(&purchaser)).await;
    assert_eq!(d["plan"]["status"], "amended");
}
both!(amendment, a_plan_change_moves_its_budget_in_one_step);

async fn the_intention_lead_time_is_policy_data_an_admin_corrects(app: TestApp) {
    let today = app.store.clock().today();
    let city = app.region_id("990100").await;
    let admin = app.token("admin").await;
    let (status, e) = app
        .post(
            &format!("/api/v1/regions/{city}/policy-versions"),
            Some(&admin),
            &json!({"effective_from": today.to_string(), "note": "x", "overrides": {"intention_lead_days": 0}}),
        )
        .await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("policy.invalid")));
    // 30 days is the national floor (10号, a rule marked for checking): a city cannot go below…
    let twenty = json!({"effective_from": today.to_string(), "note": "依据新文件调整为20日", "overrides": {"intention_lead_days": 20}});
    let (status, e) = app.post(&format!("/api/v1/regions/{city}/policy-versions"), Some(&admin), &twenty).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("policy.below_statutory")), "{e}");
    assert!(e["messages"]["zh-CN"].as_str().unwrap().contains("财库〔2020〕10号"), "{e}");
    // …until an admin corrects the floor itself, once the official text is checked.
    let (_, mut limits) = app.get("/api/v1/statutory-limits", None).await;
    limits["limits"]["intention_lead_days"] = json!(20);
    let body = json!({"limits": limits["limits"], "note": "核对财库〔2020〕10号原文后修正（演示）"});
    let (status, e) = app.post("/api/v1/statutory-limits", Some(&admin), &body).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{e}");
    let (status, _) = app.post(&format!("/api/v1/regions/{city}/policy-versions"), Some(&admin), &twenty).await;
    assert_eq!(status, StatusCode::CREATED);

    let start = days(today, 20);
    let line = budget_line(&app, start.year().into(), "L-1", 2_000_000_000).await;
    let purchaser = app.token("purchaser").await;
    let i = intention(&app, &purchaser).await;
    assert_eq!(i["earliest_start"], start.to_string());
    let (_, o) = app
        .post(
            "/api/v1/plans/check",
            Some(&purchaser),
            &plan(&line, Some(i["id"].as_str().unwrap()), "open_tender", start, "A02020100", 300_000_000),
        )
        .await;
    assert_eq!(finding(&o, "PLAN-INTENTION")["verdict"], "pass");
    let (_, o) = app
        .post(
            "/api/v1/plans/check",
            Some(&purchaser),
            &plan(&line, Some(i["id"].as_str().unwrap()), "open_tender", days(today, 19), "A02020100", 300_000_000),
        )
        .await;
    assert_eq!(finding(&o, "PLAN-INTENTION")["verdict"], "refused");
    assert!(finding(&o, "PLAN-INTENTION")["messages"]["zh-CN"].as_str().unwrap().contains("需满20日"));
}
both!(lead_time, the_intention_lead_time_is_policy_data_an_admin_corrects);

/// 预算年度 (预算法第18条): a plan on a 2026 line starts by 31 December 2026; a start on
/// 1 January 2027 is the PLAN-BUDGET-YEAR finding, with its code and source, not a bare error.
async fn a_plan_starts_within_its_budget_lines_year(app: TestApp) {
    let line = budget_line(&app, 2026, "Y-1", 100_000_000).await;
    let purchaser = app.token("purchaser").await;
    let last_day = Date::new(2026, 12, 31).unwrap();
    let (status, o) =
        app.post("/api/v1/plans/check", Some(&purchaser), &plan(&line, None, "emall", last_day, "A05010000", 1_000_000)).await;
    assert_eq!((status, o["decision"].as_str()), (StatusCode::OK, Some("filed")), "{o}");
    let next_year = Date::new(2027, 1, 1).unwrap();
    let (status, o) =
        app.post("/api/v1/plans/check", Some(&purchaser), &plan(&line, None, "emall", next_year, "A05010000", 1_000_000)).await;
    assert_eq!((status, o["decision"].as_str()), (StatusCode::OK, Some("refused")), "{o}");
    let f = finding(&o, "PLAN-BUDGET-YEAR");
    assert_eq!((f["verdict"].as_str(), f["source"].as_str()), (Some("refused"), Some("预算法第18条")));
    assert!(f["messages"]["zh-CN"].as_str().unwrap().contains("2026年"), "{f}");
    let (_, s) = app.post("/api/v1/plans", Some(&purchaser), &plan(&line, None, "emall", next_year, "A05010000", 1_000_000)).await;
    assert_eq!(s["status"], "refused", "submitted, it is recorded refused, not filed: {s}");
}
both!(budget_year, a_plan_starts_within_its_budget_lines_year);
