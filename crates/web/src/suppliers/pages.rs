//! Supplier admission pages: registration (public), the supplier's own profile with its
//! qualifications, and the reviewers' list and decision.

use crate::input::Form;
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use caigou_domain::Msg;
use caigou_domain::authz::{self, Action};
use caigou_domain::supplier::{EnterpriseSize, SupplierStatus, Validity};
use caigou_i18n::Label;
use caigou_store::regions::Region;
use caigou_store::suppliers::{self, SupplierRow, SupplierView};
use serde::Deserialize;

use crate::AppState;
use crate::api::ApiQuery;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::input::path_id;
use crate::pages::{Chrome, Flash, outcome, render};
use crate::suppliers::api::{ProfileIn, RegisterIn, parse_profile, parse_registration, reviewable};

#[derive(Deserialize, Default, Clone)]
pub struct RegisterForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub uscc: String,
    #[serde(default)]
    pub region_id: String,
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub legal_representative: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub contact_phone: String,
    #[serde(default)]
    pub contact_email: String,
    #[serde(default)]
    pub size: String,
    #[serde(default)]
    pub disabled_welfare: Option<String>,
    #[serde(default)]
    pub prison_enterprise: Option<String>,
    #[serde(default)]
    pub business_scope: String,
}

impl RegisterForm {
    fn profile(&self) -> ProfileIn {
        ProfileIn {
            legal_representative: self.legal_representative.clone(),
            address: self.address.clone(),
            contact_name: self.contact_name.clone(),
            contact_phone: self.contact_phone.clone(),
            contact_email: self.contact_email.clone(),
            size: self.size.clone(),
            disabled_welfare: self.disabled_welfare.is_some(),
            prison_enterprise: self.prison_enterprise.is_some(),
            business_scope: self.business_scope.clone(),
        }
    }
}

pub struct SizeOption {
    pub key: &'static str,
    pub label: &'static str,
}

fn sizes(ctx: &Ctx) -> Vec<SizeOption> {
    EnterpriseSize::ALL.iter().map(|s| SizeOption { key: s.key(), label: s.label(ctx.lang) }).collect()
}

#[derive(Template)]
#[template(path = "supplier_register.html")]
struct RegisterPage {
    chrome: Chrome,
    form: RegisterForm,
    regions: Vec<Region>,
    sizes: Vec<SizeOption>,
    error: Option<String>,
}

async fn register_page(state: &AppState, ctx: &Ctx, form: RegisterForm, error: Option<String>) -> Result<RegisterPage, AppError> {
    Ok(RegisterPage {
        chrome: Chrome::load(state, ctx).await?,
        form,
        regions: caigou_store::regions::list(&state.store).await?,
        sizes: sizes(ctx),
        error,
    })
}

pub async fn register_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    Ok(render(&register_page(&state, &ctx, RegisterForm { size: "small".into(), ..Default::default() }, None).await?))
}

pub async fn register(State(state): State<AppState>, ctx: Ctx, Form(f): Form<RegisterForm>) -> Result<Response, AppError> {
    let input = RegisterIn {
        name: f.name.clone(),
        uscc: f.uscc.clone(),
        region_id: f.region_id.clone(),
        username: f.username.clone(),
        display_name: f.display_name.clone(),
        password: f.password.clone(),
        profile: f.profile(),
    };
    let result: Result<_, AppError> =
        async { Ok(caigou_app::suppliers::register(&state.store, &parse_registration(&input)?).await?) }.await;
    match result {
        Ok(_) => Ok(Redirect::to("/login?registered=1").into_response()),
        Err(e) if e.status.is_client_error() => {
            let msg = e.message(ctx.lang).to_string();
            let mut f = f;
            f.password.clear();
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&register_page(&state, &ctx, f, Some(msg)).await?)).into_response())
        }
        Err(e) => Err(e),
    }
}

pub struct QualRow {
    pub id: String,
    pub name: String,
    pub number: String,
    pub valid_until: String,
    pub flag: &'static str,
    pub flag_key: &'static str,
}

fn qual_rows(v: &SupplierView) -> Vec<QualRow> {
    v.qualifications
        .iter()
        .map(|q| QualRow {
            id: q.id.clone(),
            name: q.name.clone(),
            number: q.number.clone(),
            valid_until: q.valid_until.clone().unwrap_or_else(|| "—".into()),
            flag: match q.validity {
                Validity::Valid => "valid",
                Validity::Expiring => "expiring",
                Validity::Expired => "expired",
            },
            flag_key: match q.validity {
                Validity::Valid => "supplier.valid",
                Validity::Expiring => "supplier.expiring",
                Validity::Expired => "supplier.expired",
            },
        })
        .collect()
}

#[derive(Template)]
#[template(path = "supplier_own.html")]
struct OwnPage {
    chrome: Chrome,
    v: SupplierView,
    status: &'static str,
    editable: bool,
    quals: Vec<QualRow>,
    sizes: Vec<SizeOption>,
    notice: Option<String>,
    error: Option<String>,
}

pub async fn own(State(state): State<AppState>, ctx: Ctx, ApiQuery(flash): ApiQuery<Flash>) -> Result<Response, AppError> {
    let s = ctx.subject()?;
    let v = suppliers::get(&state.store, s.org).await?;
    let chrome = Chrome::load(&state, &ctx).await?;
    Ok(render(&OwnPage {
        notice: flash.notice(&chrome.t),
        error: flash.error(),
        chrome,
        status: v.status.label(ctx.lang),
        editable: v.status.editable(),
        quals: qual_rows(&v),
        sizes: sizes(&ctx),
        v,
    }))
}

pub async fn update(State(state): State<AppState>, ctx: Ctx, Form(f): Form<RegisterForm>) -> Result<Response, AppError> {
    let r = async {
        caigou_app::suppliers::update_profile(&state.store, ctx.subject()?, &parse_profile(&f.profile())?).await?;
        Ok("notice.saved")
    }
    .await;
    outcome(&ctx, "/supplier", r)
}

pub async fn add_qualification(State(state): State<AppState>, ctx: Ctx, mut multipart: Multipart) -> Result<Response, AppError> {
    let s = ctx.subject()?;
    authz::decide(&ctx.principal, Action::ActForSupplier { supplier: s.org })?;
    let (mut name, mut number, mut valid_until, mut file) = (String::new(), String::new(), String::new(), None);
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name().unwrap_or_default() {
            "name" => name = field.text().await.unwrap_or_default(),
            "number" => number = field.text().await.unwrap_or_default(),
            "valid_until" => valid_until = field.text().await.unwrap_or_default(),
            "file" if field.file_name().is_some_and(|n| !n.is_empty()) => {
                file = Some(crate::planning::api::requests::store_upload(&state, s, field).await?)
            }
            _ => {}
        }
    }
    let r = async {
        let file = file.ok_or_else(|| {
            AppError::with(StatusCode::UNPROCESSABLE_ENTITY, "file.missing", Msg::new("error.file.missing.choose_qualification_s"))
        })?;
        let until = match valid_until.trim() {
            "" => None,
            v => Some(
                v.parse()
                    .map_err(|_| AppError::bad_request_with("supplier.invalid", Msg::new("error.supplier.invalid.valid_until_date2")))?,
            ),
        };
        let cmd = caigou_app::suppliers::AddQualification { name, number, file: file.id, valid_until: until };
        caigou_app::suppliers::add_qualification(&state.store, s, cmd).await?;
        Ok("notice.saved")
    }
    .await;
    outcome(&ctx, "/supplier", r)
}

pub async fn submit(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let r = caigou_app::suppliers::submit(&state.store, ctx.subject()?).await.map(|_| "notice.submitted").map_err(AppError::from);
    outcome(&ctx, "/supplier", r)
}

pub struct ListRow {
    pub row: SupplierRow,
    pub status: &'static str,
}

#[derive(Template)]
#[template(path = "suppliers.html")]
struct ListPage {
    chrome: Chrome,
    rows: Vec<ListRow>,
    status: String,
    expiring: Vec<(String, String, String)>,
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    status: String,
}

pub async fn list(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<ListQuery>) -> Result<Response, AppError> {
    let s = ctx.subject()?;
    let rows = caigou_app::suppliers::list(&state.store, s, SupplierStatus::parse(&q.status))
        .await?
        .into_iter()
        .map(|row| ListRow { status: row.status.label(ctx.lang), row })
        .collect();
    let expiring = caigou_app::suppliers::expiring(&state.store, s).await?;
    Ok(render(&ListPage { chrome: Chrome::load(&state, &ctx).await?, rows, status: q.status, expiring }))
}

#[derive(Template)]
#[template(path = "supplier_review.html")]
struct ReviewPage {
    chrome: Chrome,
    v: SupplierView,
    status: &'static str,
    size: &'static str,
    quals: Vec<QualRow>,
    can_review: bool,
    notice: Option<String>,
    error: Option<String>,
}

pub async fn detail(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiQuery(flash): ApiQuery<Flash>,
) -> Result<Response, AppError> {
    let v = reviewable(&state, &ctx, &id).await?;
    let chrome = Chrome::load(&state, &ctx).await?;
    Ok(render(&ReviewPage {
        notice: flash.notice(&chrome.t),
        error: flash.error(),
        chrome,
        status: v.status.label(ctx.lang),
        size: v.size.label(ctx.lang),
        quals: qual_rows(&v),
        can_review: v.status == SupplierStatus::Submitted,
        v,
    }))
}

#[derive(Deserialize)]
pub struct ReviewForm {
    decision: String,
    #[serde(default)]
    comment: String,
}

pub async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ReviewForm>,
) -> Result<Response, AppError> {
    let approve = f.decision == "approve";
    let r = caigou_app::suppliers::review(&state.store, ctx.subject()?, path_id(&id, "supplier")?, approve, &f.comment)
        .await
        .map(|_| if approve { "notice.approved" } else { "notice.returned" })
        .map_err(AppError::from);
    outcome(&ctx, &format!("/suppliers/{id}"), r)
}

/// A qualification's file: its supplier's staff and its reviewers
/// ([`caigou_domain::authz::Action::ViewQualification`]).
pub async fn qualification_file(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let (meta, bytes) = caigou_app::suppliers::qualification_file(&state.store, ctx.subject()?, &id).await?;
    Ok(crate::security::uploaded_file(meta, bytes))
}

/// The profile form pre-filled from a stored profile.
pub fn form_of(v: &SupplierView) -> RegisterForm {
    RegisterForm {
        legal_representative: v.legal_representative.clone(),
        address: v.address.clone(),
        contact_name: v.contact_name.clone(),
        contact_phone: v.contact_phone.clone(),
        contact_email: v.contact_email.clone(),
        size: v.size.key().to_string(),
        disabled_welfare: v.disabled_welfare.then(|| "on".to_string()),
        prison_enterprise: v.prison_enterprise.then(|| "on".to_string()),
        business_scope: v.business_scope.clone(),
        ..Default::default()
    }
}
