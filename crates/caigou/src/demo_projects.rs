//! The demo's projects, run through the real flow so the portal shows real announcements.

use caigou_domain::Money;
use caigou_domain::planning::Method;
use caigou_domain::planning::PlanStatus;
use caigou_store::{Store, users};

/// Projects through the real flow, so the portal shows real announcements: an open tender run
/// by an agency (obtained by two suppliers, a question answered by a clarification) and a
/// request for quotations run by the 集中采购机构 with one lot terminated.
pub async fn seed(store: &Store) -> Result<(), caigou_store::StoreError> {
    use caigou_domain::tender::{Criterion, CriterionKind, Evaluation, EvaluationMethod};
    use caigou_store::documents::{self, DocumentsDraft};
    use caigou_store::projects::{self, NewProject};
    let who = |name: &'static str| async move {
        let id = users::user_id_by_name(store, name).await?.ok_or(caigou_store::StoreError::NotFound("demo user"))?;
        Ok::<_, caigou_store::StoreError>(users::identity(store, id).await?.ok_or(caigou_store::StoreError::NotFound("demo user"))?.subject)
    };
    let purchaser = who("purchaser").await?;
    let agency2 = who("agency2").await?;
    let central = who("agency").await?;
    let plans = caigou_store::plans::list_for_org(store, purchaser.org).await?;
    let Some(tender_plan) = plans.iter().find(|p| p.status == PlanStatus::Filed && p.method == Method::OpenTender) else { return Ok(()) };
    projects::entrust(store, &purchaser, tender_plan.id, agency2.org).await?;
    let project =
        projects::create(store, &agency2, &NewProject { name: tender_plan.name.clone(), plan_ids: vec![tender_plan.id], lots: vec![] })
            .await?;
    let view = projects::get(store, project).await?;
    let e = documents::earliest_dates(store, &view, store.clock().today()).await?;
    let c = |name: &str, kind, points: u32, guidance: &str| Criterion {
        name: name.into(),
        kind,
        points_x100: points * 100,
        guidance: guidance.into(),
    };
    let draft = DocumentsDraft {
        template_id: "builtin-open-tender-goods".into(),
        evaluation: Evaluation {
            method: EvaluationMethod::Comprehensive,
            criteria: vec![
                c("价格", CriterionKind::Price, 30, ""),
                c("技术方案", CriterionKind::Technical, 50, "完全满足技术参数得50分；每有一项一般参数负偏离扣2分，扣完为止"),
                c("售后服务", CriterionKind::Commercial, 20, "原厂质保3年及以上得10分；4小时响应得10分"),
            ],
        },
        qualification: "具备相关产品的合法经营资格".into(),
        sections: Default::default(),
        documents_until: e.documents_until.checked_add(jiff::Span::new().days(2)).unwrap_or(e.documents_until),
        deadline: e.deadline_on.checked_add(jiff::Span::new().days(2)).unwrap_or(e.deadline_on).to_datetime(jiff::civil::time(9, 30, 0, 0)),
        contact_name: "李老师".into(),
        contact_phone: "0990-6180021".into(),
    };
    caigou_app::tender::projects::save_documents(store, &agency2, project, &draft).await.map_err(crate::demo::app)?;
    caigou_app::tender::projects::publish(store, &agency2, project).await.map_err(crate::demo::app)?;
    let view = projects::get(store, project).await?;
    for name in ["supplier1", "supplier2"] {
        let s = who(name).await?;
        caigou_store::tendering::obtain(store, &s, view.lots[0].id, "127.0.0.1").await?;
    }
    let s1 = who("supplier1").await?;
    let q = caigou_store::tendering::ask(store, &s1, project, "学生平板是否接受国产操作系统？").await?;
    caigou_store::tendering::clarify(store, &agency2, project, "学生平板接受符合技术参数的国产操作系统，其他要求不变。", false, &[q])
        .await?;

    // An open tender entrusted to 示范招标咨询 and waiting for its project (the agency's to-do).
    let line = caigou_store::budget::list(store, purchaser.org, Some(store.clock().today().year().into()))
        .await?
        .into_iter()
        .find(|l| l.code.ends_with("2050201"))
        .ok_or(caigou_store::StoreError::NotFound("budget line"))?;
    let cameras = crate::demo::open_tender_plan(
        "校园安防监控升级",
        line.id,
        store.clock().today(),
        ("A02091107", "高清网络摄像机及存储", 120, Money::from_yuan(900_000)),
    );
    let cameras = caigou_store::plans::submit(store, &purchaser, &cameras).await?;
    if cameras.status == PlanStatus::Filed {
        projects::entrust(store, &purchaser, cameras.id, agency2.org).await?;
    }

    // A request for quotations entrusted to the 集中采购机构, two lots, the second terminated.
    let input = caigou_store::plans::PlanInput {
        name: "机房辅助设备".into(),
        budget_line_id: line.id,
        intention_id: None,
        method: Method::RequestForQuotation,
        procurement_start: store.clock().today(),
        entrust_central: false,
        single_source_ground: None,
        single_source_supplier: None,
        original_contract: None,
        items: vec![
            caigou_store::plans::ItemInput {
                code: "A02010601".parse().expect("code"),
                description: "机柜".into(),
                quantity: 6,
                amount: Money::from_yuan(180_000),
            },
            caigou_store::plans::ItemInput {
                code: "A02010602".parse().expect("code"),
                description: "机房环境监控设备".into(),
                quantity: 1,
                amount: Money::from_yuan(220_000),
            },
        ],
        previous_plan_id: None,
        request_ids: Vec::new(),
        replaces: None,
    };
    let rfq = caigou_store::plans::submit(store, &purchaser, &input).await?;
    if rfq.status != PlanStatus::Filed {
        return Ok(());
    }
    projects::entrust(store, &purchaser, rfq.id, central.org).await?;
    let lots = vec![
        projects::LotInput {
            name: "机柜".into(),
            budget: Money::from_yuan(180_000),
            max_price: Some(Money::from_yuan(170_000)),
            sme: caigou_domain::tender::SmePolicy::Reserved,
            deposit: None,
            items: vec![projects::ItemInput {
                code: "A02010601".parse().expect("code"),
                description: "42U标准机柜".into(),
                quantity: 6,
                unit: "台".into(),
                specs: "含PDU".into(),
            }],
        },
        projects::LotInput {
            name: "机房环境监控".into(),
            budget: Money::from_yuan(220_000),
            max_price: None,
            sme: caigou_domain::tender::SmePolicy::None,
            deposit: None,
            items: vec![projects::ItemInput {
                code: "A02010602".parse().expect("code"),
                description: "温湿度及漏水监控系统".into(),
                quantity: 1,
                unit: "套".into(),
                specs: String::new(),
            }],
        },
    ];
    let project =
        projects::create(store, &central, &NewProject { name: "机房辅助设备询价采购".into(), plan_ids: vec![rfq.id], lots }).await?;
    let view = projects::get(store, project).await?;
    let e = documents::earliest_dates(store, &view, store.clock().today()).await?;
    let draft = DocumentsDraft {
        template_id: "builtin-quotation".into(),
        evaluation: Evaluation { method: EvaluationMethod::LowestPrice, criteria: vec![] },
        qualification: String::new(),
        sections: Default::default(),
        documents_until: e.documents_until,
        deadline: e.deadline_on.to_datetime(jiff::civil::time(10, 0, 0, 0)),
        contact_name: "孙工".into(),
        contact_phone: "0990-6180035".into(),
    };
    caigou_app::tender::projects::save_documents(store, &central, project, &draft).await.map_err(crate::demo::app)?;
    caigou_app::tender::projects::publish(store, &central, project).await.map_err(crate::demo::app)?;
    let second = view.lots[1].id;
    projects::terminate(store, &central, project, Some(second), "采购需求调整，本包并入年度机房改造项目另行采购").await?;
    Ok(())
}
