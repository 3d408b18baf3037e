//! 申购 pages: the list (mine and waiting for me), the form (new or modify-and-resubmit), and
//! the request with its progress through the chain and the actions the viewer may take.

use crate::input::Form;
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use caigou_domain::Money;
use caigou_domain::Msg;
use caigou_domain::authz::{self, Action, Role};
use caigou_domain::ids::{OrgId, RequestId};
use caigou_domain::planning::RequestStatus;
use caigou_domain::planning::request::RequestEvent;
use caigou_i18n::Label;
use caigou_store::budget::BudgetLine;
use caigou_store::requests::{self, PurchaseRequest, RequestDetail};
use serde::Deserialize;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::input::path_id;
use crate::pages::{Chrome, render, when};
use crate::planning::api::requests::{RequestIn, act_on, parse_request, visible};

pub struct RequestRow {
    pub id: RequestId,
    pub no: String,
    pub title: String,
    pub amount: String,
    pub state: String,
    pub state_key: String,
}

fn row(r: &PurchaseRequest, t: Tr) -> RequestRow {
    RequestRow {
        id: r.id,
        no: r.request_no.clone(),
        title: r.title.clone(),
        amount: Money::from_fen(r.amount).to_string(),
        state: t.s(&format!("request.state.{}", r.state)).to_string(),
        state_key: r.state.to_string(),
    }
}

#[derive(Template)]
#[template(path = "requests.html")]
struct ListPage {
    chrome: Chrome,
    mine: Vec<RequestRow>,
    waiting: Vec<RequestRow>,
    can_create: bool,
}

pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let s = ctx.subject()?;
    let chrome = Chrome::load(&state, &ctx).await?;
    let t = chrome.t;
    let all = caigou_app::planning::requests::list(&state.store, s).await?;
    let mine = all.iter().filter(|r| s.has(Role::PurchaserHandler) || r.applicant == s.user).map(|r| row(r, t)).collect();
    let waiting = caigou_app::planning::requests::waiting(&state.store, s).await?.iter().map(|r| row(r, t)).collect();
    Ok(render(&ListPage { chrome, mine, waiting, can_create: s.has(Role::PurchaserHandler) }))
}

#[derive(Deserialize, Default, Clone)]
pub struct RequestForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub quantity: String,
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub budget_line_id: String,
    #[serde(default)]
    pub reason: String,
}

#[derive(Template)]
#[template(path = "request_form.html")]
struct FormPage {
    chrome: Chrome,
    /// Editing a returned request (the page says so and shows why it came back).
    editing: bool,
    returned_comment: Option<String>,
    action: String,
    form: RequestForm,
    lines: Vec<BudgetLine>,
    error: Option<String>,
}

async fn form_page(state: &AppState, ctx: &Ctx, action: String, form: RequestForm, error: Option<String>) -> Result<FormPage, AppError> {
    let s = ctx.subject()?;
    let editing = action.ends_with("/edit");
    let returned_comment = if editing {
        let id = action.trim_start_matches("/requests/").trim_end_matches("/edit");
        requests::get(&state.store, path_id(id, "purchase request")?)
            .await?
            .events
            .iter()
            .rev()
            .find(|e| e.event == "returned")
            .map(|e| e.comment.clone())
    } else {
        None
    };
    Ok(FormPage {
        chrome: Chrome::load(state, ctx).await?,
        editing,
        returned_comment,
        action,
        lines: caigou_app::planning::budget::lines(&state.store, s, s.org, None).await?,
        form,
        error,
    })
}

pub async fn new(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    Ok(render(&form_page(&state, &ctx, "/requests".into(), RequestForm { quantity: "1".into(), ..Default::default() }, None).await?))
}

impl RequestForm {
    fn to_api(&self, lang: caigou_domain::Lang) -> Result<RequestIn, String> {
        let amount = self.amount.parse::<Money>().map_err(|e| caigou_i18n::Render::message(&e, lang))?;
        let quantity = self.quantity.trim().parse::<i64>().map_err(|_| crate::i18n::Tr::new(lang).msg(&Msg::new("error.form.quantity")))?;
        Ok(RequestIn {
            title: self.title.clone(),
            code: self.code.trim().to_string(),
            quantity,
            amount: amount.fen(),
            budget_line_id: self.budget_line_id.clone(),
            reason: self.reason.clone(),
            attachments: Vec::new(),
            submit: true,
        })
    }
}

/// A user-facing message for a refused write, or the error to propagate.
fn user_message(e: AppError, lang: caigou_domain::Lang) -> Result<String, AppError> {
    if e.status.is_client_error() && e.status != StatusCode::FORBIDDEN {
        let mut m = e.message(lang).to_string();
        for f in &e.fields {
            m.push_str(&format!("（{}）", caigou_i18n::catalog().msg(lang, &f.text)));
        }
        Ok(m)
    } else {
        Err(e)
    }
}

/// Reads the request form, sent as multipart so it can carry attachments; uploaded files go
/// to the object store and become the request's attachments.
async fn read_form(state: &AppState, ctx: &Ctx, mut multipart: Multipart) -> Result<(RequestForm, Vec<String>), AppError> {
    let s = ctx.subject()?;
    let mut f = RequestForm::default();
    let mut files = Vec::new();
    while let Ok(Some(field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        if name == "attachment" {
            if field.file_name().is_some_and(|n| !n.is_empty()) {
                files.push(crate::planning::api::requests::store_upload(state, s, field).await?.id.to_string());
            }
            continue;
        }
        let value = field.text().await.unwrap_or_default();
        match name.as_str() {
            "title" => f.title = value,
            "code" => f.code = value,
            "quantity" => f.quantity = value,
            "amount" => f.amount = value,
            "budget_line_id" => f.budget_line_id = value,
            "reason" => f.reason = value,
            _ => {}
        }
    }
    Ok((f, files))
}

pub async fn create(State(state): State<AppState>, ctx: Ctx, multipart: Multipart) -> Result<Response, AppError> {
    let s = ctx.subject()?;
    let (f, files) = read_form(&state, &ctx, multipart).await?;
    let outcome = match f.to_api(ctx.lang).map(|mut api| {
        api.attachments = files;
        api
    }) {
        Ok(api) => match parse_request(&api) {
            Ok(input) => caigou_app::planning::requests::create(&state.store, s, &input, true).await.map_err(AppError::from),
            Err(e) => Err(e),
        },
        Err(m) => Err(AppError::with(StatusCode::UNPROCESSABLE_ENTITY, "request.invalid_fields", Msg::same(m))),
    };
    match outcome {
        Ok(d) => Ok(Redirect::to(&format!("/requests/{}", d.request.id)).into_response()),
        Err(e) => {
            let m = user_message(e, ctx.lang)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&form_page(&state, &ctx, "/requests".into(), f, Some(m)).await?)).into_response())
        }
    }
}

pub struct StepView {
    pub name: String,
    pub role: &'static str,
    pub applies: bool,
    /// Why a step does not apply: the amount it starts from.
    pub skipped_because: Option<String>,
    pub current: bool,
    pub done: bool,
}

pub struct EventView {
    pub when: String,
    pub who: String,
    pub what: String,
    pub comment: String,
}

#[derive(Template)]
#[template(path = "request.html")]
struct DetailPage {
    chrome: Chrome,
    d: RequestDetail,
    r: RequestRow,
    steps: Vec<StepView>,
    events: Vec<EventView>,
    warnings: Vec<String>,
    attachments: Vec<caigou_store::files::StoredFile>,
    can_act: bool,
    can_modify: bool,
    /// An approved 申购 not yet in a plan, seen by someone who makes the unit's plans.
    can_plan: bool,
    /// The plan it went into: (id, number).
    in_plan: Option<(String, String)>,
    error: Option<String>,
}

async fn detail_page(state: &AppState, ctx: &Ctx, id: &str, error: Option<String>) -> Result<DetailPage, AppError> {
    let d = visible(state, ctx, id).await?;
    let s = ctx.subject()?;
    let chrome = Chrome::load(state, ctx).await?;
    let t = chrome.t;
    let amount = Money::from_fen(d.request.amount);
    let current = if d.request.state == RequestStatus::InReview { d.request.step.map(|x| x as usize) } else { None };
    let finished_at = match d.request.state {
        RequestStatus::Approved => Some(usize::MAX),
        _ => current,
    };
    let steps = d
        .chain
        .steps
        .iter()
        .enumerate()
        .map(|(i, st)| StepView {
            name: if t.is_en() { st.name_en.clone() } else { st.name_zh.clone() },
            role: st.role.label(t.lang),
            applies: st.applies_to(amount),
            skipped_because: (!st.applies_to(amount))
                .then(|| t.msg(&caigou_domain::Msg::new("request.skipped_below").arg("min", st.min_amount))),
            current: current == Some(i),
            done: finished_at.is_some_and(|f| i < f) && st.applies_to(amount),
        })
        .collect();
    let events = d
        .events
        .iter()
        .map(|e| EventView {
            when: when(&e.at),
            who: e.actor_name.clone(),
            what: t.s(&format!("request.event.{}", e.event)).to_string(),
            comment: e.comment.clone(),
        })
        .collect();
    let warnings = d.warnings.iter().map(|w| format!("{} {}", w.code, t.msg(&w.text))).collect();
    let unit: OrgId = d.request.org_id;
    let applicant = d.request.applicant;
    let can_act = requests::current_step_role(&d)
        .is_some_and(|step_role| authz::decide(&ctx.principal, Action::ActOnRequestStep { unit, step_role, applicant }).is_ok());
    let can_modify = s.user == applicant && d.request.state.modifiable();
    let attachments = requests::attachments(&state.store, &d.request).await?;
    let in_plan = requests::plan_of(&state.store, d.request.id).await?.map(|(id, no)| (id.to_string(), no));
    let can_plan = d.request.state == RequestStatus::Approved
        && in_plan.is_none()
        && authz::decide(&ctx.principal, Action::PlanForUnit { unit }).is_ok()
        && s.has(caigou_domain::authz::Role::PurchaserHandler);
    Ok(DetailPage { r: row(&d.request, t), chrome, d, steps, events, warnings, attachments, can_act, can_modify, can_plan, in_plan, error })
}

pub async fn detail(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    Ok(render(&detail_page(&state, &ctx, &id, None).await?))
}

#[derive(Deserialize, Default)]
pub struct ActForm {
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub comment: String,
}

pub async fn act(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>, Form(f): Form<ActForm>) -> Result<Response, AppError> {
    let event = match f.decision.as_str() {
        "approve" => RequestEvent::Approve,
        "return" => RequestEvent::Return,
        "reject" => RequestEvent::Reject,
        _ => RequestEvent::Submit,
    };
    match act_on(&state, &ctx, &id, event, &f.comment).await {
        Ok(_) => Ok(Redirect::to(&format!("/requests/{id}")).into_response()),
        Err(e) => {
            let m = user_message(e, ctx.lang)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&detail_page(&state, &ctx, &id, Some(m)).await?)).into_response())
        }
    }
}

pub async fn edit(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let d = visible(&state, &ctx, &id).await?;
    let r = &d.request;
    let form = RequestForm {
        title: r.title.clone(),
        code: r.pinmu_code.clone(),
        quantity: r.quantity.to_string(),
        amount: format!("{}.{:02}", r.amount / 100, r.amount % 100),
        budget_line_id: r.budget_line_id.to_string(),
        reason: r.reason.clone(),
    };
    Ok(render(&form_page(&state, &ctx, format!("/requests/{id}/edit"), form, None).await?))
}

/// Modify and resubmit (a returned or draft request; the applicant).
pub async fn update(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>, multipart: Multipart) -> Result<Response, AppError> {
    let s = ctx.subject()?;
    visible(&state, &ctx, &id).await?;
    let id = path_id(&id, "purchase request")?;
    let (f, files) = read_form(&state, &ctx, multipart).await?;
    let outcome = match f.to_api(ctx.lang).map(|mut api| {
        api.attachments = files;
        api
    }) {
        Ok(api) => match parse_request(&api) {
            Ok(input) => {
                caigou_app::planning::requests::modify(&state.store, s, id, &input, true).await.map(|_| ()).map_err(AppError::from)
            }
            Err(e) => Err(e),
        },
        Err(m) => Err(AppError::with(StatusCode::UNPROCESSABLE_ENTITY, "request.invalid_fields", Msg::same(m))),
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/requests/{id}")).into_response()),
        Err(e) => {
            let m = user_message(e, ctx.lang)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&form_page(&state, &ctx, format!("/requests/{id}/edit"), f, Some(m)).await?))
                .into_response())
        }
    }
}

/// Downloads an attachment of a request the principal may see.
pub async fn attachment(State(state): State<AppState>, ctx: Ctx, Path((id, file)): Path<(String, String)>) -> Result<Response, AppError> {
    let d = visible(&state, &ctx, &id).await?;
    let ids: Vec<String> = serde_json::from_str(&d.request.attachments).unwrap_or_default();
    if !ids.contains(&file) {
        return Err(AppError::not_found("attachment"));
    }
    let (meta, bytes) = caigou_store::files::get(&state.store, path_id(&file, "attachment")?).await?;
    Ok(crate::security::uploaded_file(meta, bytes))
}

pub struct ChainRow {
    pub name_zh: String,
    pub name_en: String,
    pub role: String,
    pub min: String,
}

#[derive(Template)]
#[template(path = "chain.html")]
struct ChainPage {
    chrome: Chrome,
    rows: Vec<ChainRow>,
    roles: Vec<(&'static str, &'static str)>,
    can_edit: bool,
    /// 采购人确认: the unit confirms documents before they are published.
    confirm_documents: bool,
    notice: Option<String>,
    error: Option<String>,
}

async fn chain_page(
    state: &AppState,
    ctx: &Ctx,
    rows: Option<Vec<ChainRow>>,
    notice: Option<String>,
    error: Option<String>,
) -> Result<ChainPage, AppError> {
    let s = ctx.subject()?;
    let chrome = Chrome::load(state, ctx).await?;
    let lang = chrome.t.lang;
    let mut rows = match rows {
        Some(r) => r,
        None => requests::chain(&state.store, s.org)
            .await?
            .steps
            .into_iter()
            .map(|st| ChainRow {
                name_zh: st.name_zh,
                name_en: st.name_en,
                role: st.role.key().to_string(),
                min: format!("{}", st.min_amount.fen() / 100),
            })
            .collect(),
    };
    while rows.len() < 5 {
        rows.push(ChainRow { name_zh: String::new(), name_en: String::new(), role: String::new(), min: String::new() });
    }
    Ok(ChainPage {
        chrome,
        rows,
        roles: [Role::PurchaserReviewer, Role::PurchaserApprover].iter().map(|r| (r.key(), r.label(lang))).collect(),
        can_edit: authz::decide(&ctx.principal, Action::ConfigureChain { unit: s.org }).is_ok(),
        confirm_documents: caigou_app::tender::confirmation::unit_requires(&state.store, s).await?,
        notice,
        error,
    })
}

pub async fn chain(
    State(state): State<AppState>,
    ctx: Ctx,
    crate::api::ApiQuery(flash): crate::api::ApiQuery<crate::pages::Flash>,
) -> Result<Response, AppError> {
    let notice = flash.notice(&crate::i18n::Tr::new(ctx.lang));
    Ok(render(&chain_page(&state, &ctx, None, notice, flash.error()).await?))
}

#[derive(Deserialize, Default)]
pub struct ChainForm {
    #[serde(default)]
    pub name_zh: Vec<String>,
    #[serde(default)]
    pub name_en: Vec<String>,
    #[serde(default)]
    pub role: Vec<String>,
    #[serde(default)]
    pub min: Vec<String>,
}

pub async fn chain_save(State(state): State<AppState>, ctx: Ctx, Form(f): Form<ChainForm>) -> Result<Response, AppError> {
    let s = ctx.subject()?;
    authz::decide(&ctx.principal, Action::ConfigureChain { unit: s.org })?;
    let mut rows = Vec::new();
    let mut steps = Vec::new();
    let mut problem = None;
    for i in 0..f.name_zh.len() {
        let row = ChainRow {
            name_zh: f.name_zh[i].trim().to_string(),
            name_en: f.name_en.get(i).map(|x| x.trim().to_string()).unwrap_or_default(),
            role: f.role.get(i).cloned().unwrap_or_default(),
            min: f.min.get(i).map(|x| x.trim().to_string()).unwrap_or_default(),
        };
        if row.name_zh.is_empty() && row.name_en.is_empty() {
            continue;
        }
        let min = if row.min.is_empty() { Ok(Money::ZERO) } else { row.min.parse::<Money>() };
        match (Role::parse(&row.role), min) {
            (Some(role), Ok(min_amount)) => steps.push(caigou_domain::planning::request::ChainStep {
                name_zh: row.name_zh.clone(),
                name_en: row.name_en.clone(),
                role,
                min_amount,
            }),
            (_, Err(e)) => problem = Some(caigou_i18n::Render::message(&e, ctx.lang)),
            (None, _) => problem = Some(crate::i18n::Tr::new(ctx.lang).msg(&Msg::new("error.form.step_role"))),
        }
        rows.push(row);
    }
    let outcome = match problem {
        Some(p) => Err(p),
        None => match caigou_app::planning::requests::set_chain(
            &state.store,
            s,
            s.org,
            &caigou_domain::planning::request::ApprovalChain { steps },
        )
        .await
        {
            Ok(()) => Ok(()),
            Err(caigou_app::Error::Store(e @ caigou_store::StoreError::Rejected { .. })) => {
                Err(AppError::from(e).message(ctx.lang).to_string())
            }
            Err(e) => return Err(e.into()),
        },
    };
    match outcome {
        Ok(()) => {
            let notice = Chrome::bare(&ctx).t.s("chain.saved").to_string();
            Ok(render(&chain_page(&state, &ctx, None, Some(notice), None).await?))
        }
        Err(m) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&chain_page(&state, &ctx, Some(rows), None, Some(m)).await?)).into_response())
        }
    }
}
