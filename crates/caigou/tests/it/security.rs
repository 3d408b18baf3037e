//! Browser security: the headers every response carries, and redirects that stay on the site.

use reqwest::StatusCode;

use crate::helpers::TestApp;

async fn every_response_carries_the_security_headers(app: TestApp) {
    let supplier = app.token("supplier3").await;
    let lot: String = sqlx::query_scalar("SELECT id FROM lots LIMIT 1").fetch_one(app.store.pool()).await.unwrap();
    for (path, token) in [
        ("/", None),
        ("/login", None),
        ("/api/v1/regions", None),
        ("/static/seal.js", None),
        ("/nope", None),
        (&*format!("/lots/{lot}/bid"), Some(&supplier)),
    ] {
        let mut req = app.http.get(app.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let r = req.send().await.unwrap();
        let h = r.headers();
        let csp = h.get("content-security-policy").unwrap_or_else(|| panic!("{path}: no CSP")).to_str().unwrap();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert!(h.get("strict-transport-security").is_none(), "{path}: no HSTS without TLS");
        let html = r.text().await.unwrap();
        // No inline script could run under this policy, so none is sent.
        assert!(
            !html.contains("<script>") && !html.contains("<script type=\"module\">") && !html.contains(" onclick="),
            "{path}: inline script"
        );
        assert!(!html.contains(" style=\""), "{path}: inline style");
    }
}
both!(security_headers, every_response_carries_the_security_headers);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hsts_when_served_over_tls() {
    let app = crate::helpers::spawn_app_with(
        crate::helpers::Backend::Sqlite,
        caigou_web::WebConfig { secure_cookies: true, ..Default::default() },
    )
    .await;
    let r = app.http.get(app.url("/")).send().await.unwrap();
    assert!(r.headers()["strict-transport-security"].to_str().unwrap().starts_with("max-age="));
    // Credential cookies go by the __Host- prefix, so no subdomain or plain-HTTP page can plant them.
    let r = app.http.get(app.url("/login")).send().await.unwrap();
    let set: Vec<_> = r.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect();
    let csrf = set.iter().find(|c| c.contains("caigou_csrf")).expect("csrf cookie");
    assert!(csrf.starts_with("__Host-caigou_csrf=") && csrf.contains("Secure") && csrf.contains("Path=/"), "{csrf}");
    assert!(!csrf.contains("Domain"), "{csrf}");
}

/// `next` is followed only to a path on this site: a tab or newline that browsers drop must not
/// turn `/\t/evil.example` into `//evil.example`.
async fn redirects_stay_on_the_site(app: TestApp) {
    for next in ["/%09/evil.example/x", "//evil.example", "/%5Cevil.example", "https://evil.example/", "/%0A/evil.example"] {
        let r = app.http.get(app.url(&format!("/lang?to=en&next={next}"))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(r.headers()["location"], "/workbench", "{next}");
    }
    let r = app.http.get(app.url("/lang?to=en&next=/projects")).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/projects");

    let form = [("username", "purchaser"), ("password", caigou::demo::DEMO_PASSWORD), ("next", "/\t/evil.example/x")];
    let client = crate::helpers::cookie_client();
    let login = client.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
    let csrf = login.split("name=\"csrf\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or_default().to_string();
    let mut form = form.to_vec();
    form.push(("csrf", &csrf));
    let r = client.post(app.url("/login")).form(&form).send().await.unwrap();
    assert_eq!(r.headers().get("location").map(|v| v.to_str().unwrap()), Some("/workbench"), "{:?}", r.status());
}
both!(redirects, redirects_stay_on_the_site);
