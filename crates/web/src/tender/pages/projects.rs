//! Project pages: entrusting a plan, creating a project from entrusted plans, preparing and
//! publishing its documents with the earliest lawful dates shown, obtaining documents, questions,
//! clarifications and termination, and the template library.

use crate::input::Form;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use caigou_domain::Msg;
use caigou_domain::authz::{self, Action, Role};
use caigou_domain::ids::LotId;
use caigou_domain::tender::{AnnouncementKind, EvaluationMethod, Family, LotStatus, ProjectStatus};
use caigou_i18n::Label;
use caigou_store::documents::{self, DocumentsDraft};
use caigou_store::projects::{self, EntrustedPlan, ProjectRow, ProjectView};
use caigou_store::templates::{self, Template as DocTemplate};
use caigou_store::tendering::{self, Clarification, Question};
use serde::Deserialize;

use crate::AppState;
use crate::api::ApiQuery;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::input::path_id;
use crate::pages::{Chrome, Flash, outcome, render, when, yuan};
use crate::tender::api::projects::{CriterionIn, DocumentsIn, insider, parse_documents, runnable, sme_choice, visible};
use caigou_app::tender::projects::{self as usecase, UpdateLot};

pub fn status_key(status: &ProjectStatus) -> String {
    format!("project.status.{status}")
}

pub fn method_label(method: &caigou_domain::planning::Method, lang: caigou_domain::Lang) -> &'static str {
    method.label(lang)
}

#[derive(Deserialize)]
pub struct EntrustForm {
    runner_id: String,
}

pub async fn entrust(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<EntrustForm>,
) -> Result<Response, AppError> {
    let r = async {
        let runner = f.runner_id.parse().map_err(|_| AppError::bad_request("request.invalid_fields"))?;
        caigou_app::planning::entrust(&state.store, ctx.subject()?, path_id(&id, "plan")?, runner).await?;
        Ok("notice.entrusted")
    }
    .await;
    outcome(&ctx, &format!("/plans/{id}"), r)
}

#[derive(Template)]
#[template(path = "projects.html")]
struct ListPage {
    chrome: Chrome,
    rows: Vec<ProjectRow>,
    can_create: bool,
}

pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let s = ctx.subject()?;
    let rows = caigou_app::tender::projects::list(&state.store, s).await?;
    Ok(render(&ListPage {
        chrome: Chrome::load(&state, &ctx).await?,
        rows,
        can_create: s.has(Role::Agency) || s.has(Role::PurchaserHandler),
    }))
}

#[derive(Template)]
#[template(path = "project_new.html")]
struct NewPage {
    chrome: Chrome,
    plans: Vec<EntrustedPlan>,
    error: Option<String>,
}

pub async fn new(State(state): State<AppState>, ctx: Ctx, ApiQuery(flash): ApiQuery<Flash>) -> Result<Response, AppError> {
    let plans = projects::entrusted_plans(&state.store, ctx.subject()?.org).await?;
    Ok(render(&NewPage { chrome: Chrome::load(&state, &ctx).await?, plans, error: flash.error() }))
}

#[derive(Deserialize)]
pub struct NewForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    plan: Vec<String>,
}

pub async fn create(State(state): State<AppState>, ctx: Ctx, Form(f): Form<NewForm>) -> Result<Response, AppError> {
    let s = ctx.subject()?;
    let created = match f.plan.iter().map(|id| path_id(id, "plan")).collect::<Result<_, AppError>>() {
        Ok(plan_ids) => {
            usecase::create(&state.store, s, &projects::NewProject { name: f.name, plan_ids, lots: vec![] }).await.map_err(AppError::from)
        }
        Err(e) => Err(e),
    };
    match created {
        Ok(id) => Ok(Redirect::to(&format!("/projects/{id}")).into_response()),
        Err(e) => outcome(&ctx, "/projects/new", Err(e)),
    }
}

/// One row of the criteria form.
pub struct CriterionRow {
    pub name: String,
    pub kind: String,
    pub points: String,
    pub guidance: String,
}

/// The documents form, from the saved draft or sensible defaults for the method.
pub struct DocForm {
    /// Editable sections of the chosen template: (key, title, body as edited or the template's).
    pub sections: Vec<(String, String, String)>,
    pub template_id: String,
    pub evaluation_method: String,
    pub criteria: Vec<CriterionRow>,
    pub qualification: String,
    pub documents_until: String,
    pub deadline: String,
    pub contact_name: String,
    pub contact_phone: String,
}

fn doc_form(
    v: &ProjectView,
    draft: Option<&DocumentsDraft>,
    earliest: Option<&caigou_domain::tender::Earliest>,
    templates: &[DocTemplate],
) -> DocForm {
    let row = |n: &str, k: &str, p: &str, g: &str| CriterionRow { name: n.into(), kind: k.into(), points: p.into(), guidance: g.into() };
    match draft {
        Some(d) => DocForm {
            sections: vec![],
            template_id: d.template_id.clone(),
            evaluation_method: d.evaluation.method.key().into(),
            criteria: d
                .evaluation
                .criteria
                .iter()
                .map(|c| {
                    let kind = match c.kind {
                        caigou_domain::tender::CriterionKind::Price => "price",
                        caigou_domain::tender::CriterionKind::Technical => "technical",
                        caigou_domain::tender::CriterionKind::Commercial => "commercial",
                    };
                    row(&c.name, kind, &format!("{}", f64::from(c.points_x100) / 100.0), &c.guidance)
                })
                .collect(),
            qualification: d.qualification.clone(),
            documents_until: d.documents_until.to_string(),
            deadline: d.deadline.strftime("%Y-%m-%dT%H:%M").to_string(),
            contact_name: d.contact_name.clone(),
            contact_phone: d.contact_phone.clone(),
        },
        None => {
            let scored = matches!(Family::of(v.method()), Some(Family::Tender | Family::Consultation));
            let object = v.object_type().key();
            let template_id = templates
                .iter()
                .find(|t| t.object_type.as_deref() == Some(object))
                .or_else(|| templates.first())
                .map(|t| t.id.clone())
                .unwrap_or_default();
            DocForm {
                sections: vec![],
                template_id,
                evaluation_method: if scored { "comprehensive" } else { "lowest_price" }.into(),
                criteria: if scored {
                    vec![
                        row("价格", "price", "30", ""),
                        row("技术方案", "technical", "50", "完全满足技术要求得50分；每有一项一般参数负偏离扣2分，扣完为止"),
                        row("售后服务与业绩", "commercial", "20", "提供3年以上原厂质保得10分；近三年同类项目业绩每个得2分，最多10分"),
                    ]
                } else {
                    vec![]
                },
                qualification: String::new(),
                documents_until: earliest.map(|e| e.documents_until.to_string()).unwrap_or_default(),
                deadline: earliest.map(|e| format!("{}T09:30", e.deadline_on)).unwrap_or_default(),
                contact_name: String::new(),
                contact_phone: String::new(),
            }
        }
    }
}

pub struct LotRow {
    pub id: String,
    pub sme_key: &'static str,
    pub max_price_yuan: String,
    pub lot_no: i64,
    pub name: String,
    pub budget: String,
    pub max_price: String,
    pub sme: String,
    pub status: LotStatus,
    /// Its 终止公告 or 废标公告 is out.
    pub announced: bool,
    pub items: Vec<(String, String, i64, String)>,
    pub obtained: bool,
    /// 投标保证金 shown, and its value in the settings form.
    pub deposit: Option<String>,
    pub deposit_yuan: String,
    /// Deposits recorded (the runner, once published): (id, supplier, amount, form key, reference).
    pub deposits: Vec<(String, String, String, String, String)>,
}

#[derive(Template)]
#[template(path = "project.html")]
struct DetailPage {
    chrome: Chrome,
    v: ProjectView,
    status: String,
    method: &'static str,
    lots: Vec<LotRow>,
    is_runner: bool,
    is_insider: bool,
    is_supplier: bool,
    /// A supplier not yet admitted is told why it cannot obtain the documents yet.
    supplier_admitted: bool,
    /// May open the custody page (an insider with a custodian's role).
    may_custody: bool,
    can_download: bool,
    draft_open: bool,
    open_for_bids: bool,
    window_open: bool,
    templates: Vec<DocTemplate>,
    form: DocForm,
    earliest: Option<caigou_domain::tender::Earliest>,
    earliest_error: Option<String>,
    questions: Vec<Question>,
    clarifications: Vec<Clarification>,
    obtained_count: usize,
    announcement_label: &'static str,
    /// 采购人确认 of the draft documents: each unit that confirms, where it stands.
    confirmation: Vec<crate::tender::pages::publishing::StandingRow>,
    /// The subject's unit confirms these documents and has not yet confirmed them.
    can_confirm: bool,
    notice: Option<String>,
    error: Option<String>,
    /// Why the documents form was refused, shown beside it (the form keeps what was sent).
    documents_error: Option<String>,
    /// 项目进度: (stage name, `done` | `now` | `later`).
    stages: Vec<(&'static str, &'static str)>,
    /// The next step in words, who takes it, until when, and the rule it follows.
    next_step: Option<NextStep>,
}

pub struct NextStep {
    pub what: &'static str,
    pub who: &'static str,
    pub when: Option<String>,
    pub source: Option<crate::platform::pages::policies::Cited>,
}

pub async fn detail(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiQuery(flash): ApiQuery<Flash>,
) -> Result<Response, AppError> {
    show(&state, &ctx, &id, flash, None).await
}

/// The project page; after a refused save of the documents form, that form as it was sent
/// (`kept`), with the reason: nothing typed is lost.
async fn show(state: &AppState, ctx: &Ctx, id: &str, flash: Flash, kept: Option<(&DocumentsForm, String)>) -> Result<Response, AppError> {
    let (state, ctx) = (state.clone(), ctx.clone());
    let v = visible(&state, &ctx, id).await?;
    let s = ctx.subject()?;
    let is_insider = insider(&ctx, &v);
    let is_runner = is_insider && authz::decide(&ctx.principal, Action::RunProject { runner: v.runner() }).is_ok();
    let is_supplier = s.has(Role::Supplier);
    let supplier_admitted =
        is_supplier && caigou_store::suppliers::get(&state.store, s.org).await?.status == caigou_domain::supplier::SupplierStatus::Approved;
    let mine: Vec<LotId> = caigou_app::tender::suppliers::obtained(&state.store, s)
        .await?
        .into_iter()
        .filter(|o| o.project == v.project.id)
        .map(|o| o.lot)
        .collect();
    let now = state.store.clock().now_ms();
    let p = &v.project;
    let draft_open = is_runner && p.status.editable();
    let open_for_bids = p.status.tendering() && p.deadline_at.is_some_and(|d| now < d);
    let window_open = p.status.tendering() && p.documents_close_at.is_some_and(|c| now < c);
    let templates = if draft_open { templates::usable_by(&state.store, v.runner(), Some(p.method.key())).await? } else { vec![] };
    let (earliest, earliest_error) = if draft_open {
        match documents::earliest_dates(&state.store, &v, state.store.clock().today()).await {
            Ok(e) => (Some(e), None),
            Err(e) => (None, Some(AppError::from(e).message(ctx.lang).to_string())),
        }
    } else {
        (None, None)
    };
    let draft = documents::draft_of(&v);
    let mut form = doc_form(&v, draft.as_ref(), earliest.as_ref(), &templates);
    if let Some(t) = templates.iter().find(|t| t.id == form.template_id) {
        form.sections = t
            .sections
            .iter()
            .filter(|s| s.editable)
            .map(|s| {
                let body = draft.as_ref().and_then(|d| d.sections.get(&s.key)).unwrap_or(&s.body);
                (s.key.clone(), s.title.clone(), crate::tender::pages::template_text::editable(body, &crate::i18n::Tr::new(ctx.lang)))
            })
            .collect();
    }
    let refused = kept.as_ref().map(|(_, e)| e.clone());
    if let Some((sent, _)) = kept {
        form = sent.as_form(&form);
    }
    let mut recorded = std::collections::HashMap::new();
    if is_runner && p.status.announced() {
        for l in &v.lots {
            if l.deposit.is_some() {
                let rows = caigou_store::deposits::list(&state.store, l.id).await?;
                recorded.insert(
                    l.id,
                    rows.into_iter()
                        .map(|d| (d.id.to_string(), d.supplier_name, yuan(&d.amount), format!("deposit.form.{}", d.form), d.reference))
                        .collect(),
                );
            }
        }
    }
    let lots = v
        .lots
        .iter()
        .map(|l| LotRow {
            deposit: l.deposit.map(|d| yuan(&d)),
            deposit_yuan: l.deposit.map(|m| format!("{}.{:02}", m / 100, m % 100)).unwrap_or_default(),
            deposits: recorded.remove(&l.id).unwrap_or_default(),
            id: l.id.to_string(),
            sme_key: l.sme.key(),
            max_price_yuan: l.max_price.map(|m| format!("{}.{:02}", m / 100, m % 100)).unwrap_or_default(),
            lot_no: l.lot_no,
            name: l.name.clone(),
            budget: yuan(&l.budget),
            max_price: l.max_price.map(|m| yuan(&m)).unwrap_or_else(|| "—".into()),
            sme: crate::i18n::Tr::new(ctx.lang).msg(&l.sme.describe()),
            status: l.status,
            announced: l.termination_reason.is_some(),
            items: l.items.iter().map(|i| (i.pinmu_code.clone(), i.description.clone(), i.quantity, i.unit.clone())).collect(),
            obtained: mine.contains(&l.id),
        })
        .collect();
    let can_download = p.doc_pdf_file_id.is_some() && (is_insider || !mine.is_empty());
    let can_read_questions = is_insider || !mine.is_empty();
    let (questions, clarifications) = if can_read_questions {
        (tendering::questions(&state.store, p.id).await?, tendering::clarifications(&state.store, p.id).await?)
    } else {
        (vec![], vec![])
    };
    let obtained_count = if is_insider { tendering::obtained(&state.store, p.id).await?.len() } else { 0 };
    let chrome = Chrome::load(&state, &ctx).await?;
    let status = if refused.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let t = chrome.t;
    let progress = caigou_domain::tender::progress::progress(p.status, p.deadline_at.is_some_and(|d| now >= d));
    let stages = progress.stages.iter().map(|(stage, state)| (t.s(&format!("projects.stage.{}", stage.key())), state.key())).collect();
    let next_step = progress.next.actor().map(|actor| {
        use caigou_domain::tender::progress::{Actor, Next};
        NextStep {
            what: t.s(&format!("projects.next.{}", progress.next.key())),
            who: t.s(match actor {
                Actor::Runner => "projects.actor.runner",
                Actor::Suppliers => "projects.actor.suppliers",
                Actor::Platform => "projects.actor.platform",
            }),
            when: match progress.next {
                Next::Bid => Some(format!(
                    "{} {} · {} {}",
                    t.s("projects.documents_close"),
                    dt(&p.documents_close_at),
                    t.s("projects.deadline"),
                    dt(&p.deadline_at)
                )),
                Next::Open => Some(dt(&p.deadline_at)),
                _ => None,
            },
            source: progress.next.source().map(|s| crate::platform::pages::policies::cited(s, t.lang)),
        }
    });
    let (confirmation, can_confirm) = if p.status.editable() && p.documents.is_some() && is_insider {
        let units = caigou_app::tender::confirmation::standing(&state.store, &v).await?;
        let mine = units.iter().any(|u| u.unit == s.org && u.standing != caigou_domain::tender::confirmation::Standing::Confirmed)
            && crate::routes::CONFIRMERS.check(&ctx.principal).is_ok();
        (crate::tender::pages::publishing::standing_rows(units), mine)
    } else {
        (Vec::new(), false)
    };
    Ok((
        status,
        render(&DetailPage {
            confirmation,
            can_confirm,
            notice: flash.notice(&chrome.t),
            documents_error: refused,
            stages,
            next_step,
            error: flash.error(),
            status: chrome.t.s(&status_key(&p.status)).to_string(),
            method: method_label(&p.method, ctx.lang),
            announcement_label: AnnouncementKind::opening(v.method()).label(ctx.lang),
            chrome,
            lots,
            is_runner,
            is_insider,
            is_supplier,
            supplier_admitted,
            may_custody: is_insider && crate::routes::CUSTODIANS.check(&ctx.principal).is_ok(),
            can_download,
            draft_open,
            open_for_bids,
            window_open,
            templates,
            form,
            earliest,
            earliest_error,
            questions,
            clarifications,
            obtained_count,
            v,
        }),
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct DocumentsForm {
    template_id: String,
    evaluation_method: String,
    #[serde(default)]
    c_name: Vec<String>,
    #[serde(default)]
    c_kind: Vec<String>,
    #[serde(default)]
    c_points: Vec<String>,
    #[serde(default)]
    c_guidance: Vec<String>,
    #[serde(default)]
    qualification: String,
    documents_until: String,
    deadline: String,
    #[serde(default)]
    contact_name: String,
    #[serde(default)]
    contact_phone: String,
    /// Editable sections: keys and bodies, in pairs.
    #[serde(default)]
    s_key: Vec<String>,
    #[serde(default)]
    s_body: Vec<String>,
}

impl DocumentsForm {
    /// The form as sent, over `shown` (the sections' titles come from the template).
    fn as_form(&self, shown: &DocForm) -> DocForm {
        let criteria = (0..self.c_name.len())
            .map(|i| CriterionRow {
                name: self.c_name[i].clone(),
                kind: self.c_kind.get(i).cloned().unwrap_or_default(),
                points: self.c_points.get(i).cloned().unwrap_or_default(),
                guidance: self.c_guidance.get(i).cloned().unwrap_or_default(),
            })
            .collect();
        let sections = shown
            .sections
            .iter()
            .map(|(key, title, body)| {
                let sent = self.s_key.iter().position(|k| k == key).and_then(|i| self.s_body.get(i));
                (key.clone(), title.clone(), sent.cloned().unwrap_or_else(|| body.clone()))
            })
            .collect();
        DocForm {
            sections,
            template_id: self.template_id.clone(),
            evaluation_method: self.evaluation_method.clone(),
            criteria,
            qualification: self.qualification.clone(),
            documents_until: self.documents_until.clone(),
            deadline: self.deadline.clone(),
            contact_name: self.contact_name.clone(),
            contact_phone: self.contact_phone.clone(),
        }
    }
}

pub async fn save_documents(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<DocumentsForm>,
) -> Result<Response, AppError> {
    let project = runnable(&state, &ctx, &id).await?.project.id;
    let r: Result<&str, AppError> = async {
        let mut criteria = Vec::new();
        for (i, name) in f.c_name.iter().enumerate() {
            if name.trim().is_empty() {
                continue;
            }
            let points = f.c_points.get(i).map(|p| p.trim().parse::<f64>()).transpose().map_err(|_| {
                AppError::bad_request_with(
                    "request.invalid_fields",
                    Msg::new("error.request.invalid_fields.points_name_number").arg("name", name),
                )
            })?;
            criteria.push(CriterionIn {
                name: name.clone(),
                kind: f.c_kind.get(i).cloned().unwrap_or_default(),
                points: points.unwrap_or(0.0),
                guidance: f.c_guidance.get(i).cloned().unwrap_or_default(),
            });
        }
        if EvaluationMethod::parse(&f.evaluation_method) == Some(EvaluationMethod::LowestPrice) {
            criteria.clear();
        }
        // Keep only real edits of sections the chosen template lets the agency edit.
        let template = templates::get(&state.store, &f.template_id).await?;
        let mut sections = std::collections::BTreeMap::new();
        for (key, body) in f.s_key.iter().zip(f.s_body.iter()) {
            let body = crate::tender::pages::template_text::from_editable(&body.replace("\r\n", "\n"));
            if let Some(t) = template.sections.iter().find(|s| &s.key == key && s.editable)
                && t.body.trim() != body.trim()
            {
                sections.insert(key.clone(), body);
            }
        }
        let input = DocumentsIn {
            sections,
            template_id: f.template_id.clone(),
            evaluation_method: f.evaluation_method.clone(),
            criteria,
            qualification: f.qualification.clone(),
            documents_until: f.documents_until.clone(),
            deadline: f.deadline.clone(),
            contact_name: f.contact_name.clone(),
            contact_phone: f.contact_phone.clone(),
        };
        usecase::save_documents(&state.store, ctx.subject()?, project, &parse_documents(&input)?).await?;
        Ok("notice.saved")
    }
    .await;
    match r {
        // A refusal is shown on the form as it was sent, not after a redirect that loses it.
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY || e.status == StatusCode::BAD_REQUEST => {
            let reason = e.message(ctx.lang).to_string();
            show(&state, &ctx, &id, Flash::default(), Some((&f, reason))).await
        }
        r => outcome(&ctx, &format!("/projects/{id}"), r),
    }
}

#[derive(Deserialize)]
pub struct LotForm {
    #[serde(default)]
    max_price: String,
    #[serde(default)]
    sme: String,
    #[serde(default)]
    deposit: String,
}

pub(super) fn optional_yuan(s: &str) -> Result<Option<caigou_domain::Money>, AppError> {
    match s.trim() {
        "" => Ok(None),
        m => {
            Ok(Some(m.parse::<caigou_domain::Money>().map_err(|e| AppError::localized(axum::http::StatusCode::UNPROCESSABLE_ENTITY, &e))?))
        }
    }
}

pub async fn update_lot(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, lot)): Path<(String, String)>,
    Form(f): Form<LotForm>,
) -> Result<Response, AppError> {
    let r = async {
        let cmd = UpdateLot {
            project: path_id(&id, "project")?,
            lot: path_id(&lot, "lot")?,
            max_price: optional_yuan(&f.max_price)?,
            sme: sme_choice(&f.sme, "sme")?,
            deposit: optional_yuan(&f.deposit)?,
        };
        usecase::update_lot(&state.store, ctx.subject()?, cmd).await?;
        Ok("notice.saved")
    }
    .await;
    outcome(&ctx, &format!("/projects/{id}"), r)
}

#[derive(Deserialize)]
pub struct ClarifyForm {
    text: String,
    #[serde(default)]
    affects_bids: Option<String>,
    #[serde(default)]
    answers: Vec<String>,
}

pub async fn clarify(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ClarifyForm>,
) -> Result<Response, AppError> {
    let r = usecase::clarify(&state.store, ctx.subject()?, path_id(&id, "project")?, &f.text, f.affects_bids.is_some(), &f.answers)
        .await
        .map(|c| if c.new_deadline_at.is_some() { "notice.clarified_extended" } else { "notice.clarified" })
        .map_err(AppError::from);
    outcome(&ctx, &format!("/projects/{id}"), r)
}

#[derive(Deserialize)]
pub struct TerminateForm {
    #[serde(default)]
    lot_id: String,
    reason: String,
}

pub async fn terminate(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<TerminateForm>,
) -> Result<Response, AppError> {
    let project = path_id(&id, "project")?;
    let lot = Some(f.lot_id.as_str()).filter(|l| !l.is_empty()).map(|l| path_id(l, "lot")).transpose()?;
    let r = usecase::terminate(&state.store, ctx.subject()?, project, lot, &f.reason)
        .await
        .map(|_| "notice.terminated")
        .map_err(AppError::from);
    outcome(&ctx, &format!("/projects/{id}"), r)
}

#[derive(Deserialize)]
pub struct AskForm {
    text: String,
}

pub async fn ask(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>, Form(f): Form<AskForm>) -> Result<Response, AppError> {
    let r = caigou_app::tender::suppliers::ask(&state.store, ctx.subject()?, path_id(&id, "project")?, &f.text)
        .await
        .map(|_| "notice.asked")
        .map_err(AppError::from);
    outcome(&ctx, &format!("/projects/{id}"), r)
}

pub async fn obtain(State(state): State<AppState>, ctx: Ctx, Path(lot): Path<String>) -> Result<Response, AppError> {
    let lot: LotId = path_id(&lot, "lot")?;
    let project = projects::project_of_lot(&state.store, lot).await?;
    let r = caigou_app::tender::suppliers::obtain(&state.store, ctx.subject()?, lot, &ctx.address)
        .await
        .map(|_| "notice.obtained")
        .map_err(AppError::from);
    outcome(&ctx, &format!("/projects/{project}"), r)
}

/// The published documents: insiders and suppliers who obtained them.
async fn documents_file(state: &AppState, ctx: &Ctx, id: &str, pdf: bool) -> Result<Response, AppError> {
    // A draft stays unknown to outsiders (404) before anyone is told why they may not read it.
    visible(state, ctx, id).await?;
    ctx.subject()?;
    let (meta, bytes) = caigou_app::tender::suppliers::documents(&state.store, &ctx.principal, path_id(id, "project")?, pdf)
        .await
        .map_err(|e| match e {
            // Refused: say how to get them, not only that they are not for you.
            caigou_app::Error::Denied(authz::Denied::Forbidden) => AppError::with(
                axum::http::StatusCode::FORBIDDEN,
                "tender.not_obtained",
                Msg::new("error.tender.not_obtained.obtain_documents_from"),
            ),
            e => e.into(),
        })?;
    let disposition = format!("{}; filename*=UTF-8''{}", if pdf { "attachment" } else { "inline" }, crate::routes::urlencode(&meta.name));
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, meta.content_type),
            (axum::http::header::CONTENT_DISPOSITION, disposition),
            (axum::http::header::HeaderName::from_static("x-content-sha256"), meta.sha256),
            (axum::http::header::CONTENT_SECURITY_POLICY, crate::security::DOCUMENT_CSP.to_string()),
        ],
        bytes,
    )
        .into_response())
}

pub async fn documents_pdf(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    documents_file(&state, &ctx, &id, true).await
}

pub async fn documents_html(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    documents_file(&state, &ctx, &id, false).await
}

pub fn dt(ms: &Option<i64>) -> String {
    ms.map(|m| when(&m)).unwrap_or_else(|| "—".into())
}
