//! 评审专家库: the bulk import from Excel's GBK CSV, all or nothing with every bad row named,
//! within the importer's part of the pool, and the list each manager sees.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::TestApp;

const HEADER: &str = "name,id_card,phone,employer,employer_uscc,employed_since,title,specialties,region_code\r\n";

async fn upload(app: &TestApp, token: &str, csv: &str) -> (StatusCode, Value) {
    let (gbk, _, _) = encoding_rs::GBK.encode(csv);
    let r = app
        .http
        .post(app.url("/api/v1/experts/import"))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(gbk.into_owned())
        .send()
        .await
        .unwrap();
    (r.status(), r.json().await.unwrap())
}

async fn import_and_list(app: TestApp) {
    let city = app.token("supervisor").await;
    let county = app.token("supervisor2").await;
    let good = format!(
        "{HEADER}王建华,11010519491231002X,13900000001,\"示范大学,信息学院\",,2015-09-01,教授,A02021000:高级;A02010000:中级,990100\r\n\
         李芳,110105198001011238,13900000002,示范市第一人民医院,,2010-07-01,主任医师,C16000000:高级,990102\r\n"
    );
    // Bad rows, each named by its line; nothing imported.
    let bad = format!(
        "{HEADER}王建华,11010519491231002X,13900000001,示范大学,,2015-09-01,教授,A02021000:高级,990100\r\n\
         张三,110105194912310021,13900000003,示范大学,,2015-09-01,教授,A02021000:高级,990100\r\n\
         李四,990102197506150049,13900000004,示范大学,,2015-09-01,教授,A0202:专家,990100\r\n"
    );
    let (status, e) = upload(&app, &city, &bad).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("experts.bad_file")), "{e}");
    let text = e["message"].as_str().unwrap_or_default().to_string() + &e.to_string();
    assert!(text.contains("第3行的身份证号码") && text.contains("第4行的专业"), "every bad row named: {e}");
    let (_, list) = app.get("/api/v1/experts", Some(&city)).await;
    assert_eq!(list.as_array().unwrap().len(), 0, "nothing imported from a file with a bad row");

    // The county office may not import into the city's sub-library.
    let (status, e) = upload(&app, &county, &good).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert!(e.to_string().contains("990100"), "the row outside its subtree is named: {e}");

    // The city office imports both (its subtree holds the county).
    let (status, ok) = upload(&app, &city, &good).await;
    assert_eq!(status, StatusCode::CREATED, "{ok}");
    assert_eq!(ok["ids"].as_array().unwrap().len(), 2);
    let (_, list) = app.get("/api/v1/experts", Some(&city)).await;
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 2, "{list}");
    let wang = list.as_array().unwrap().iter().find(|e| e["name"] == "王建华").unwrap();
    assert_eq!(wang["id_card_masked"], "110105********002X", "only the masked number");
    assert_eq!(wang["employer"], "示范大学,信息学院", "a quoted field with a comma");
    assert!(!list.to_string().contains("11010519491231002X"), "the number itself is not kept");
    assert_eq!(wang["specialties"][0], serde_json::json!(["A02021000", "senior"]));
    let (_, county_list) = app.get("/api/v1/experts", Some(&county)).await;
    assert_eq!(
        county_list.as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect::<Vec<_>>(),
        ["李芳"],
        "the county sees its sub-library"
    );

    // Again: already in the pool, named by line.
    let (status, e) = upload(&app, &city, &good).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(e.to_string().contains("已在专家库中"), "{e}");
    let admin = app.token("admin").await;
    let (_, entries) = app.get("/api/v1/audit?action=experts.imported", Some(&admin)).await;
    assert_eq!(entries.as_array().map(|a| a.len()), Some(1), "one import recorded: {entries}");
}
both!(import, import_and_list);
