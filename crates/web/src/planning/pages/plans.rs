//! Planning pages: budget lines, intentions, the plan form with its live rule check, plan
//! details with approvals and objections. Handlers reuse the API's parsing and rules.

use crate::input::Form;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use caigou_domain::Money;
use caigou_domain::Msg;
use caigou_domain::authz::{self, Action, Role};
use caigou_domain::ids::PlanId;
use caigou_domain::ids::{OrgId, parse_region_path};
use caigou_domain::planning::Method;
use caigou_domain::planning::PlanStatus;
use caigou_domain::planning::filing::{Decision, Finding, Outcome, Verdict};
use caigou_domain::planning::rules::SingleSourceGround;
use caigou_i18n::Label;
use caigou_store::budget::BudgetLine;
use caigou_store::intentions::Intention;
use caigou_store::plans;
use serde::Deserialize;

use crate::pages::{Chrome, render};
use caigou_app::planning as usecase;

use crate::AppState;
use crate::api::ApiQuery;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::input::path_id;
use crate::planning::api::plans::{OrgQuery, PlanItemIn, PlanRequest, decide_plan, parse_plan, visible_plan};

pub struct PlanRow {
    pub id: PlanId,
    pub plan_no: String,
    pub name: String,
    pub method: &'static str,
    pub total: String,
    pub status: String,
    pub status_key: PlanStatus,
}

fn plan_row(p: &plans::Plan, t: Tr) -> PlanRow {
    PlanRow {
        id: p.id,
        plan_no: p.plan_no.clone(),
        name: p.name.clone(),
        method: p.method.label(t.lang),
        total: Money::from_fen(p.total).to_string(),
        status: t.s(&format!("status.{}", p.status)).to_string(),
        status_key: p.status,
    }
}

#[derive(Template)]
#[template(path = "plans.html")]
struct PlansPage {
    chrome: Chrome,
    rows: Vec<PlanRow>,
    can_create: bool,
}

pub async fn plans_list(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<OrgQuery>) -> Result<Response, AppError> {
    let s = ctx.subject()?;
    let unit = q.unit(s)?;
    let rows = caigou_app::planning::plans(&state.store, s, unit).await?;
    let chrome = Chrome::load(&state, &ctx).await?;
    let rows = rows.iter().map(|p| plan_row(p, chrome.t)).collect();
    Ok(render(&PlansPage { chrome, rows, can_create: s.has(Role::PurchaserHandler) }))
}

/// The plan form as typed (up to five item rows).
#[derive(Deserialize, Default, Clone)]
pub struct PlanForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub budget_line_id: String,
    #[serde(default)]
    pub intention_id: String,
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub procurement_start: String,
    #[serde(default)]
    pub entrust_central: Option<String>,
    #[serde(default)]
    pub single_source_ground: String,
    #[serde(default)]
    pub single_source_supplier: String,
    #[serde(default)]
    pub original_contract: String,
    #[serde(default)]
    pub code: Vec<String>,
    #[serde(default)]
    pub desc: Vec<String>,
    #[serde(default)]
    pub qty: Vec<String>,
    #[serde(default)]
    pub amount: Vec<String>,
    #[serde(default)]
    pub request_ids: Vec<String>,
    /// 计划变更: the plan this form changes (empty for a new plan).
    #[serde(default)]
    pub amend_of: String,
}

pub struct ItemRow {
    pub code: String,
    pub desc: String,
    pub qty: String,
    pub amount: String,
}

impl PlanForm {
    fn rows(&self) -> Vec<ItemRow> {
        (0..5)
            .map(|i| ItemRow {
                code: self.code.get(i).cloned().unwrap_or_default(),
                desc: self.desc.get(i).cloned().unwrap_or_default(),
                qty: self.qty.get(i).cloned().unwrap_or_default(),
                amount: self.amount.get(i).cloned().unwrap_or_default(),
            })
            .collect()
    }

    /// Converts the typed form into the API's request (yuan → fen), or a message.
    fn to_request(&self, lang: caigou_domain::Lang) -> Result<PlanRequest, String> {
        let t = crate::i18n::Tr::new(lang);
        let mut items = Vec::new();
        for (i, r) in self.rows().into_iter().enumerate() {
            if r.code.trim().is_empty() && r.amount.trim().is_empty() {
                continue;
            }
            let amount = r.amount.parse::<Money>().map_err(|e| {
                t.msg(&Msg::new("error.form.row_amount").arg("n", i + 1).arg("problem", caigou_i18n::Render::message(&e, lang)))
            })?;
            let quantity = r.qty.trim().parse::<i64>().map_err(|_| t.msg(&Msg::new("error.form.row_quantity").arg("n", i + 1)))?;
            items.push(PlanItemIn {
                code: r.code.trim().to_string(),
                description: r.desc.trim().to_string(),
                quantity,
                amount: amount.fen(),
            });
        }
        let original_contract = if self.original_contract.trim().is_empty() {
            None
        } else {
            Some(self.original_contract.parse::<Money>().map_err(|e| caigou_i18n::Render::message(&e, lang))?.fen())
        };
        Ok(PlanRequest {
            name: self.name.clone(),
            budget_line_id: self.budget_line_id.clone(),
            intention_id: Some(self.intention_id.clone()).filter(|s| !s.is_empty()),
            method: self.method.clone(),
            procurement_start: self.procurement_start.clone(),
            entrust_central: self.entrust_central.is_some(),
            single_source_ground: Some(self.single_source_ground.clone()).filter(|s| !s.is_empty()),
            single_source_supplier: Some(self.single_source_supplier.clone()).filter(|s| !s.is_empty()),
            original_contract,
            items,
            request_ids: self.request_ids.clone(),
        })
    }
}

pub struct FindingRow {
    pub code: String,
    pub title: &'static str,
    pub source: crate::platform::pages::policies::Cited,
    pub verdict: String,
    pub verdict_key: &'static str,
    pub message: String,
}

pub fn finding_rows(findings: &[Finding], t: Tr) -> Vec<FindingRow> {
    findings
        .iter()
        .map(|f| {
            let key = match f.verdict {
                Verdict::Pass => "pass",
                Verdict::NeedsApproval => "needs_approval",
                Verdict::Refused => "refused",
            };
            FindingRow {
                code: f.code.clone(),
                title: f.rule.label(t.lang),
                source: crate::platform::pages::policies::cited(&f.source, t.lang),
                verdict: t.s(&format!("verdict.{key}")).to_string(),
                verdict_key: key,
                message: t.msg(&f.text),
            }
        })
        .collect()
}

fn decision_label(d: Decision, t: Tr) -> &'static str {
    match d {
        Decision::Filed => t.s("plans.decision.filed"),
        Decision::NeedsApproval { .. } => t.s("plans.decision.needs_approval"),
        Decision::Refused => t.s("plans.decision.refused"),
    }
}

#[derive(Template)]
#[template(path = "plan_findings.html")]
struct FindingsPartial {
    t: Tr,
    decision: Option<&'static str>,
    decision_key: &'static str,
    findings: Vec<FindingRow>,
    error: Option<String>,
    /// Methods this plan could be filed with at once.
    lawful: String,
}

fn findings_partial(t: Tr, outcome: Option<&Outcome>, error: Option<String>) -> FindingsPartial {
    FindingsPartial {
        t,
        decision: outcome.map(|o| decision_label(o.decision, t)),
        decision_key: match outcome.map(|o| o.decision) {
            Some(Decision::Filed) => "pass",
            Some(Decision::NeedsApproval { .. }) => "needs_approval",
            _ => "refused",
        },
        findings: outcome.map(|o| finding_rows(&o.findings, t)).unwrap_or_default(),
        error,
        lawful: String::new(),
    }
}

#[derive(Template)]
#[template(path = "plan_form.html")]
struct PlanFormPage {
    chrome: Chrome,
    form: PlanForm,
    rows: Vec<ItemRow>,
    lines: Vec<BudgetLine>,
    intentions: Vec<Intention>,
    methods: Vec<(&'static str, &'static str)>,
    /// Approved 申购 not yet in a plan: (id, label, checked).
    /// Approved 申购 not yet in a plan: id, label, ticked, and the item it brings
    /// (code, description, quantity, amount in yuan).
    requests: Vec<(String, String, bool, RequestItem)>,
    grounds: Vec<(&'static str, &'static str)>,
    result: Option<FindingsPartial>,
}

/// The item a ticked 申购 brings to the plan's rows.
pub struct RequestItem {
    pub code: String,
    pub desc: String,
    pub qty: i64,
    pub amount: String,
}

async fn plan_form_page(state: &AppState, ctx: &Ctx, form: PlanForm, result: Option<FindingsPartial>) -> Result<PlanFormPage, AppError> {
    let s = ctx.subject()?;
    let chrome = Chrome::load(state, ctx).await?;
    let lang = chrome.t.lang;
    Ok(PlanFormPage {
        rows: form.rows(),
        lines: caigou_app::planning::budget::lines(&state.store, s, s.org, None).await?,
        intentions: caigou_app::planning::own_intentions(&state.store, s).await?,
        requests: caigou_store::requests::unplanned_approved(&state.store, s.org)
            .await?
            .into_iter()
            .map(|r| {
                let label = format!("{} {} · {}", r.request_no, r.title, Money::from_fen(r.amount));
                let checked = form.request_ids.contains(&r.id.to_string());
                let item = RequestItem {
                    code: r.pinmu_code.clone(),
                    desc: r.title.clone(),
                    qty: r.quantity,
                    amount: format!("{}.{:02}", r.amount / 100, r.amount % 100),
                };
                (r.id.to_string(), label, checked, item)
            })
            .collect(),
        methods: Method::ALL.iter().map(|m| (m.key(), m.label(lang))).collect(),
        grounds: [SingleSourceGround::OnlySource, SingleSourceGround::Emergency, SingleSourceGround::AddOn]
            .iter()
            .map(|g| (g.key(), g.label(lang)))
            .collect(),
        chrome,
        form,
        result,
    })
}

/// `/plans/new?request=<id>`: the 生成采购计划 button of an approved 申购.
#[derive(Deserialize, Default)]
pub struct NewPlanQuery {
    #[serde(default)]
    pub request: String,
}

pub async fn plan_new(
    State(state): State<AppState>,
    ctx: Ctx,
    crate::api::ApiQuery(q): crate::api::ApiQuery<NewPlanQuery>,
) -> Result<Response, AppError> {
    let s = ctx.subject()?;
    let years: Vec<i16> = caigou_app::planning::budget::lines(&state.store, s, s.org, None)
        .await?
        .iter()
        .filter_map(|l| i16::try_from(l.fiscal_year).ok())
        .collect();
    let form = PlanForm {
        method: "open_tender".into(),
        procurement_start: caigou_domain::planning::filing::suggested_start(state.store.clock().today(), 30, &years).to_string(),
        ..Default::default()
    };
    // From an approved 申购 not yet planned: its item, line and title, and the request ticked.
    let from = caigou_store::requests::unplanned_approved(&state.store, s.org).await?.into_iter().find(|r| r.id.to_string() == q.request);
    let form = match from {
        Some(r) => PlanForm {
            name: r.title.clone(),
            budget_line_id: r.budget_line_id.to_string(),
            code: vec![r.pinmu_code.clone()],
            desc: vec![r.title.clone()],
            qty: vec![r.quantity.to_string()],
            amount: vec![format!("{}.{:02}", r.amount / 100, r.amount % 100)],
            request_ids: vec![r.id.to_string()],
            ..form
        },
        None => form,
    };
    Ok(render(&plan_form_page(&state, &ctx, form, None).await?))
}

/// Runs the rules on the typed form. Returns the outcome or a message for the user.
async fn check_form(state: &AppState, ctx: &Ctx, form: &PlanForm) -> Result<Result<(Outcome, Vec<Method>), String>, AppError> {
    let s = ctx.subject()?;
    let req = match form.to_request(ctx.lang) {
        Ok(r) => r,
        Err(m) => return Ok(Err(m)),
    };
    let input = match parse_plan(req) {
        Ok(i) => i,
        Err(e) => return Ok(Err(field_message(&e, ctx.lang))),
    };
    match usecase::check_plan(&state.store, s, &input).await {
        Ok(o) => Ok(Ok(o)),
        Err(e) => shown_in_form(e, ctx.lang).map(Err),
    }
}

/// A use case's refusal (a rule, an unknown object) as a message beside the form; anything
/// else (denied, a fault) as the error page.
fn shown_in_form(e: caigou_app::Error, lang: caigou_domain::Lang) -> Result<String, AppError> {
    match e {
        caigou_app::Error::Store(e @ (caigou_store::StoreError::Rejected { .. } | caigou_store::StoreError::NotFound(_))) => {
            Ok(AppError::from(e).message(lang).to_string())
        }
        other => Err(other.into()),
    }
}

fn field_message(e: &AppError, lang: caigou_domain::Lang) -> String {
    let mut m = e.message(lang).to_string();
    for f in &e.fields {
        m.push_str(&format!("；{}：{}", f.field, caigou_i18n::catalog().msg(lang, &f.text)));
    }
    m
}

/// The check button (htmx): the findings, rendered beside the form.
pub async fn plan_check(State(state): State<AppState>, ctx: Ctx, Form(form): Form<PlanForm>) -> Result<Response, AppError> {
    let t = Tr::new(ctx.lang);
    let partial = match check_form(&state, &ctx, &form).await? {
        Ok((o, methods)) => {
            let mut p = findings_partial(t, Some(&o), None);
            p.lawful = methods.iter().map(|m| m.label(t.lang)).collect::<Vec<_>>().join(t.s("sep.enumeration"));
            p
        }
        Err(m) => findings_partial(t, None, Some(m)),
    };
    if ctx.htmx { Ok(render(&partial)) } else { Ok(render(&plan_form_page(&state, &ctx, form, Some(partial)).await?)) }
}

pub async fn plan_submit(State(state): State<AppState>, ctx: Ctx, Form(form): Form<PlanForm>) -> Result<Response, AppError> {
    let s = ctx.subject()?;
    let t = Tr::new(ctx.lang);
    let input = form.to_request(ctx.lang).and_then(|r| parse_plan(r).map_err(|e| field_message(&e, ctx.lang)));
    let message = match input {
        Ok(input) => match if form.amend_of.is_empty() {
            usecase::submit_plan(&state.store, s, &input).await
        } else {
            // A malformed plan id names no plan, like an unknown one.
            match form.amend_of.parse() {
                Ok(plan) => usecase::amend(&state.store, s, plan, input).await,
                Err(_) => Err(caigou_store::StoreError::NotFound("plan").into()),
            }
        } {
            Ok(sub) => return Ok(Redirect::to(&format!("/plans/{}", sub.id)).into_response()),
            Err(e) => shown_in_form(e, ctx.lang)?,
        },
        Err(m) => m,
    };
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        render(&plan_form_page(&state, &ctx, form, Some(findings_partial(t, None, Some(message)))).await?),
    )
        .into_response())
}

pub struct ItemView {
    pub code: String,
    pub name: String,
    pub description: String,
    pub quantity: i64,
    pub amount: String,
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    chrome: Chrome,
    d: plans::PlanDetail,
    row: PlanRow,
    items: Vec<ItemView>,
    findings: Vec<FindingRow>,
    start: String,
    can_manage: bool,
    can_decide: bool,
    publicity_open: bool,
    /// 委托: (runner id, runner name, project id) once entrusted.
    entrusted: Option<(String, String, Option<String>)>,
    /// Organizations the plan may be entrusted to (id, name), the unit itself last.
    runners: Vec<(String, String)>,
    /// The unit's 经办 may (re)entrust until a project is made from the plan.
    can_entrust: bool,
    /// For a supervisor: the next plan waiting for its decision (id, number and name), so a
    /// decision leads on to the next one (下一张).
    next_approval: Option<(String, String)>,
    supervisor: bool,
    notice: Option<String>,
    error: Option<String>,
}

async fn plan_page(state: &AppState, ctx: &Ctx, id: &str, notice: Option<String>, error: Option<String>) -> Result<PlanPage, AppError> {
    let d = visible_plan(state, ctx, id).await?;
    let chrome = Chrome::load(state, ctx).await?;
    let t = chrome.t;
    let findings: Vec<Finding> = serde_json::from_str(&d.plan.findings).unwrap_or_default();
    let unit: OrgId = d.plan.org_id;
    let path = parse_region_path(&d.unit_region_path);
    let submitted_by = d.plan.created_by;
    let waiting = d.approval.as_ref().is_some_and(|a| a.status.can_decide());
    let publicity_open = d
        .approval
        .as_ref()
        .and_then(|a| a.publicity_ends_on.as_ref())
        .and_then(|e| e.parse::<jiff::civil::Date>().ok())
        .is_some_and(|e| state.store.clock().today() <= e);
    let mut items = Vec::new();
    for i in &d.items {
        let name = caigou_store::catalog::get(&state.store, &i.pinmu_code).await?.map(|c| c.name).unwrap_or_default();
        items.push(ItemView {
            code: i.pinmu_code.clone(),
            name,
            description: i.description.clone(),
            quantity: i.quantity,
            amount: Money::from_fen(i.amount).to_string(),
        });
    }
    let entrusted = caigou_store::projects::entrustment_of(&state.store, d.plan.id).await?;
    let mut runners: Vec<(String, String)> =
        caigou_store::projects::runners(&state.store).await?.into_iter().map(|(id, name, _)| (id, name)).collect();
    runners.push((d.plan.org_id.to_string(), format!("{}（{}）", d.unit_name, t.s("plans.self_procure"))));
    let can_manage = authz::decide(&ctx.principal, Action::PlanForUnit { unit }).is_ok();
    let supervisor = ctx.subject().is_ok_and(|s| s.has(caigou_domain::authz::Role::Supervisor));
    let next_approval = match ctx.subject() {
        Ok(s) if s.has(caigou_domain::authz::Role::Supervisor) => caigou_app::planning::approvals(&state.store, s)
            .await?
            .into_iter()
            .find(|(p, _)| p.id != d.plan.id)
            .map(|(p, _)| (p.id.to_string(), format!("{} {}", p.plan_no, p.name))),
        _ => None,
    };
    Ok(PlanPage {
        next_approval,
        supervisor,
        can_entrust: can_manage && entrusted.as_ref().is_none_or(|e| e.2.is_none()),
        entrusted,
        runners,
        row: plan_row(&d.plan, t),
        items,
        findings: finding_rows(&findings, t),
        start: d.plan.procurement_start.clone(),
        can_manage: authz::decide(&ctx.principal, Action::PlanForUnit { unit }).is_ok(),
        can_decide: waiting && authz::decide(&ctx.principal, Action::DecidePlan { unit_region_path: &path, submitted_by }).is_ok(),
        publicity_open,
        chrome,
        d,
        notice,
        error,
    })
}

pub async fn plan_detail(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    crate::api::ApiQuery(flash): crate::api::ApiQuery<crate::pages::Flash>,
) -> Result<Response, AppError> {
    let notice = flash.notice(&crate::i18n::Tr::new(ctx.lang));
    Ok(render(&plan_page(&state, &ctx, &id, notice, flash.error()).await?))
}

#[derive(Deserialize, Default)]
pub struct ActionForm {
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub decision: String,
}

async fn plan_action(state: &AppState, ctx: &Ctx, id: &str, result: Result<Option<String>, AppError>) -> Result<Response, AppError> {
    match result {
        Ok(Some(new_id)) => Ok(Redirect::to(&format!("/plans/{new_id}")).into_response()),
        Ok(None) => Ok(Redirect::to(&format!("/plans/{id}")).into_response()),
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY => {
            Ok((e.status, render(&plan_page(state, ctx, id, None, Some(e.message(ctx.lang).to_string())).await?)).into_response())
        }
        Err(e) => Err(e),
    }
}

/// Cancels a plan, or records its procurement failed; either releases its budget.
async fn close_plan(state: &AppState, ctx: &Ctx, id: &str, failed: bool, reason: &str) -> Result<Response, AppError> {
    let r =
        usecase::close_plan(&state.store, ctx.subject()?, path_id(id, "plan")?, failed, reason).await.map(|_| None).map_err(AppError::from);
    plan_action(state, ctx, id, r).await
}

pub async fn plan_cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ActionForm>,
) -> Result<Response, AppError> {
    close_plan(&state, &ctx, &id, false, &f.reason).await
}

pub async fn plan_fail(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ActionForm>,
) -> Result<Response, AppError> {
    close_plan(&state, &ctx, &id, true, &f.reason).await
}

pub async fn plan_reprocure(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ActionForm>,
) -> Result<Response, AppError> {
    let r = usecase::reprocure(&state.store, ctx.subject()?, path_id(&id, "plan")?, Method::parse(&f.method), None)
        .await
        .map(|sub| Some(sub.id.to_string()))
        .map_err(AppError::from);
    plan_action(&state, &ctx, &id, r).await
}

pub async fn plan_decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ActionForm>,
) -> Result<Response, AppError> {
    let approve = f.decision == "approve";
    match decide_plan(&state, &ctx, &id, approve, &f.comment).await {
        Ok(_) => {
            let notice = if approve { "plans.decided_approved" } else { "plans.decided_rejected" };
            Ok(Redirect::to(&format!("/plans/{id}?notice={notice}")).into_response())
        }
        Err(e) => plan_action(&state, &ctx, &id, Err(e)).await,
    }
}

#[derive(Template)]
#[template(path = "objection.html")]
struct ObjectionPage {
    chrome: Chrome,
    plan_no: String,
    name: String,
    unit: String,
    ends: String,
    open: bool,
    id: String,
    notice: Option<String>,
    error: Option<String>,
}

async fn objection_page(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    notice: Option<String>,
    error: Option<String>,
) -> Result<ObjectionPage, AppError> {
    let d = plans::get(&state.store, path_id(id, "plan")?).await?;
    let ends = d.approval.as_ref().and_then(|a| a.publicity_ends_on.clone()).ok_or_else(|| AppError::not_found("publicity"))?;
    let open = ends.parse::<jiff::civil::Date>().is_ok_and(|e| state.store.clock().today() <= e);
    Ok(ObjectionPage {
        chrome: Chrome::load(state, ctx).await?,
        plan_no: d.plan.plan_no,
        name: d.plan.name,
        unit: d.unit_name,
        ends,
        open,
        id: id.to_string(),
        notice,
        error,
    })
}

pub async fn objection_form(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    Ok(render(&objection_page(&state, &ctx, &id, None, None).await?))
}

#[derive(Deserialize, Default)]
pub struct ObjectionForm {
    #[serde(default)]
    pub from_name: String,
    #[serde(default)]
    pub text: String,
}

pub async fn objection_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ObjectionForm>,
) -> Result<Response, AppError> {
    match usecase::object(&state.store, path_id(&id, "plan")?, &f.from_name, &f.text).await {
        Ok(()) => {
            let notice = Chrome::bare(&ctx).t.s("plans.object_sent").to_string();
            Ok(render(&objection_page(&state, &ctx, &id, Some(notice), None).await?))
        }
        Err(caigou_app::Error::Store(e @ caigou_store::StoreError::Rejected { .. })) => {
            let e = AppError::from(e);
            Ok((e.status, render(&objection_page(&state, &ctx, &id, None, Some(e.message(ctx.lang).to_string())).await?)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "approvals.html")]
struct ApprovalsPage {
    chrome: Chrome,
    rows: Vec<(PlanRow, Option<String>)>,
}

pub async fn approvals(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let list = caigou_app::planning::approvals(&state.store, ctx.subject()?).await?;
    let chrome = Chrome::load(&state, &ctx).await?;
    let rows = list.iter().map(|(p, a)| (plan_row(p, chrome.t), a.publicity_ends_on.clone())).collect();
    Ok(render(&ApprovalsPage { chrome, rows }))
}

/// The plan form prefilled from an open plan, to change it (计划变更).
pub async fn plan_amend_form(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let d = visible_plan(&state, &ctx, &id).await?;
    let unit: OrgId = d.plan.org_id;
    authz::decide(&ctx.principal, Action::PlanForUnit { unit })?;
    let p = &d.plan;
    let yuan = |fen: i64| format!("{}.{:02}", fen / 100, fen % 100);
    let form = PlanForm {
        name: p.name.clone(),
        budget_line_id: p.budget_line_id.to_string(),
        intention_id: p.intention_id.map(|i| i.to_string()).unwrap_or_default(),
        method: p.method.key().to_string(),
        procurement_start: p.procurement_start.clone(),
        entrust_central: (p.entrust_central == 1).then(|| "1".to_string()),
        single_source_ground: p.single_source_ground.clone().unwrap_or_default(),
        single_source_supplier: p.single_source_supplier.clone().unwrap_or_default(),
        original_contract: p.original_contract.map(yuan).unwrap_or_default(),
        code: d.items.iter().map(|i| i.pinmu_code.clone()).collect(),
        desc: d.items.iter().map(|i| i.description.clone()).collect(),
        qty: d.items.iter().map(|i| i.quantity.to_string()).collect(),
        amount: d.items.iter().map(|i| yuan(i.amount)).collect(),
        request_ids: Vec::new(),
        amend_of: id,
    };
    Ok(render(&plan_form_page(&state, &ctx, form, None).await?))
}
