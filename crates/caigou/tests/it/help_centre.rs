//! 办事指南 and 政策法规 as a reader meets them: the guides with their screenshots, the policy
//! library, and a rule's source on a page leading to its article, in both languages.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;

async fn page(http: &reqwest::Client, url: String) -> String {
    let r = http.get(url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.text().await.unwrap()
}

async fn help_and_policies(app: TestApp) {
    let help = page(&app.http, app.url("/help")).await;
    for anchor in
        ["id=\"supplier_bid\"", "id=\"purchaser_plan\"", "id=\"agency_documents\"", "id=\"supervisor_audit\"", "id=\"faq-supplier\""]
    {
        assert!(help.contains(anchor), "{anchor} on the help page");
    }
    assert!(!help.contains("??"), "every text of the help centre exists");
    // Its screenshots are served, as PNGs.
    let shot = help.split("src=\"/static/help-").nth(1).and_then(|s| s.split('"').next()).expect("a screenshot");
    let r = app.http.get(app.url(&format!("/static/help-{shot}"))).send().await.unwrap();
    assert_eq!((r.status(), r.headers()["content-type"].to_str().unwrap()), (StatusCode::OK, "image/png"));
    assert!(r.bytes().await.unwrap().starts_with(b"\x89PNG"));

    // A page links to the guide of its journey.
    let home = page(&app.http, app.url("/")).await;
    assert!(home.contains("href=\"/help#supplier_obtain\" data-testid=\"help-link\""), "the portal's help link");
    assert!(home.contains("href=\"/policies\""), "the footer names the policy library");

    // The library: each instrument, its articles, and the rules applying them.
    let zh = page(&app.http, app.url("/policies")).await;
    assert!(zh.contains("id=\"gpl-35\"") && zh.contains("中华人民共和国政府采购法"), "法第35条 in the library");
    assert!(zh.contains("TEND-BID-PERIOD"), "with the rule that applies it");

    // A plan's findings cite their sources with a link into the library; in English, in English.
    let web = crate::helpers::cookie_client();
    let r =
        web.post(app.url("/api/v1/auth/login")).json(&json!({"username": "purchaser", "password": "caigou-demo"})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let t = app.token("purchaser").await;
    let (_, plans) = app.get("/api/v1/plans", Some(&t)).await;
    let plan = plans.as_array().unwrap().iter().find(|p| p["status"] == "filed").expect("a filed plan")["id"].as_str().unwrap().to_string();
    let html = page(&web, app.url(&format!("/plans/{plan}"))).await;
    let href = html
        .split("data-testid=\"finding-source\"")
        .next()
        .and_then(|s| s.rsplit("href=\"").next())
        .and_then(|s| s.split('"').next())
        .unwrap();
    let anchor = href.strip_prefix("/policies#").unwrap_or_else(|| panic!("a library link: {href}"));
    assert!(zh.contains(&format!("id=\"{anchor}\"")), "the library has {anchor}");
    web.get(app.url("/lang?to=en&next=/")).send().await.unwrap();
    let en = page(&web, app.url(&format!("/plans/{plan}"))).await;
    let source = en.split("data-testid=\"finding-source\">").nth(1).and_then(|s| s.split('<').next()).unwrap();
    assert!(!source.is_empty() && !source.chars().any(|c| ('\u{3000}'..='\u{9fff}').contains(&c)), "an English source: {source}");
    let library = page(&web, app.url("/policies")).await;
    assert!(library.contains("Government Procurement Law of the People") && library.contains("Applied by"), "the library in English");
    let guide = page(&web, app.url("/help")).await;
    assert!(!guide.contains("??") && guide.contains("Help centre"), "the help centre in English");
}
both!(help_policies, help_and_policies);
