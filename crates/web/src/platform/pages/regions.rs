//! Regions and their policy sets: everyone may read them (they are public rules); platform
//! admins add versions through a form that re-renders with the error beside it.

use crate::i18n::Tr;
use crate::input::Form;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use caigou_domain::authz::{self, Action};
use caigou_domain::catalog::PinmuCode;
use caigou_domain::policy::{PerObjectType, PolicyOverride, PolicySet, SmeDeduction};
use caigou_domain::{Lang, Money, Msg};
use caigou_i18n::Render;
use caigou_store::regions::{self, Region};
use serde::Deserialize;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Chrome, render};

pub struct RegionRow {
    pub id: String,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub depth: usize,
}

#[derive(Template)]
#[template(path = "regions.html")]
struct RegionsPage {
    chrome: Chrome,
    regions: Vec<RegionRow>,
}

pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let regions = regions::list(&state.store)
        .await?
        .into_iter()
        .map(|r| RegionRow { depth: r.depth(), id: r.id.to_string(), code: r.code, name_zh: r.name_zh, name_en: r.name_en })
        .collect();
    Ok(render(&RegionsPage { chrome: Chrome::load(&state, &ctx).await?, regions }))
}

pub struct VersionRow {
    pub effective_from: String,
    pub note: String,
    pub summary: String,
}

/// The add-version form as typed, so an error re-renders it intact.
#[derive(Deserialize, Default, Clone)]
pub struct VersionForm {
    #[serde(default)]
    pub effective_from: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub open_goods: String,
    #[serde(default)]
    pub open_works: String,
    #[serde(default)]
    pub open_services: String,
    #[serde(default)]
    pub dec_goods: String,
    #[serde(default)]
    pub dec_works: String,
    #[serde(default)]
    pub dec_services: String,
    #[serde(default)]
    pub emall_limit: String,
    #[serde(default)]
    pub central_catalog: String,
    #[serde(default)]
    pub sme_small: String,
    #[serde(default)]
    pub sme_consortium: String,
    #[serde(default)]
    pub intention_days: String,
}

#[derive(Template)]
#[template(path = "region.html")]
struct RegionPage {
    chrome: Chrome,
    id: String,
    name: String,
    today: String,
    policy: Option<PolicySet>,
    policy_error: Option<String>,
    sme_small: String,
    sme_consortium: String,
    versions: Vec<VersionRow>,
    can_edit: bool,
    form: VersionForm,
    notice: Option<String>,
    error: Option<String>,
}

fn percent(bp: u32) -> String {
    format!("{}", f64::from(bp) / 100.0)
}

async fn region_page(
    state: &AppState,
    ctx: &Ctx,
    region: Region,
    form: VersionForm,
    notice: Option<String>,
    error: Option<String>,
) -> Result<RegionPage, AppError> {
    let today = state.store.clock().today();
    let (policy, policy_error) = match regions::effective_policy(&state.store, region.id, today).await {
        Ok(p) => (Some(p), None),
        Err(caigou_store::StoreError::Rejected { text, .. }) => (None, Some(caigou_i18n::catalog().msg(ctx.lang, &text))),
        Err(e) => return Err(e.into()),
    };
    let versions = regions::versions(&state.store, region.id)
        .await?
        .into_iter()
        .map(|v| VersionRow {
            effective_from: v.version.effective_from.to_string(),
            note: v.note,
            summary: serde_json::to_string(&v.version.overrides).unwrap_or_default(),
        })
        .collect();
    let (sme_small, sme_consortium) =
        policy.as_ref().map(|p| (percent(p.sme_deduction.small_micro_bp), percent(p.sme_deduction.consortium_bp))).unwrap_or_default();
    Ok(RegionPage {
        chrome: Chrome::load(state, ctx).await?,
        name: if ctx.lang == Lang::En { region.name_en } else { region.name_zh },
        id: region.id.to_string(),
        today: today.to_string(),
        policy,
        policy_error,
        sme_small,
        sme_consortium,
        versions,
        can_edit: authz::decide(&ctx.principal, Action::EditRegionPolicy).is_ok(),
        form,
        notice,
        error,
    })
}

pub async fn detail(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let region = regions::get(&state.store, crate::input::path_id(&id, "region")?).await?;
    let form = VersionForm { effective_from: state.store.clock().today().to_string(), ..Default::default() };
    Ok(render(&region_page(&state, &ctx, region, form, None, None).await?))
}

/// A parse problem, as a message for the reader's language.
struct FormError(Msg);

/// "<the field's label>: <what is wrong>" in every language.
fn field_error(label_key: &'static str, problem: impl Fn(Tr) -> String) -> FormError {
    FormError(Tr::compose(|t| t.msg(&Msg::new("error.form.field").arg("field", t.s(label_key)).arg("problem", problem(t)))))
}

fn money(label_key: &'static str, s: &str) -> Result<Option<Money>, FormError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    s.parse::<Money>().map(Some).map_err(|e| field_error(label_key, |t| e.message(t.lang)))
}

fn triple(label_key: &'static str, g: &str, w: &str, s: &str) -> Result<Option<PerObjectType>, FormError> {
    match (money(label_key, g)?, money(label_key, w)?, money(label_key, s)?) {
        (None, None, None) => Ok(None),
        (Some(goods), Some(works), Some(services)) => Ok(Some(PerObjectType { goods, works, services })),
        _ => Err(field_error(label_key, |t| t.msg(&Msg::new("error.form.all_three")))),
    }
}

fn rate_bp(s: &str) -> Result<Option<u32>, FormError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    // A percentage with up to two decimals, read exactly through Money's parser (1% = 100 bp).
    match s.parse::<Money>() {
        Ok(m) if (0..=10_000).contains(&m.fen()) => Ok(Some(m.fen() as u32)),
        _ => Err(FormError(Msg::new("error.form.rate").arg("value", s))),
    }
}

fn parse_overrides(f: &VersionForm) -> Result<PolicyOverride, FormError> {
    let centralized_catalog = if f.central_catalog.trim().is_empty() {
        None
    } else {
        let mut codes = Vec::new();
        for part in f.central_catalog.split([',', '，', ' ']).filter(|p| !p.trim().is_empty()) {
            codes.push(part.parse::<PinmuCode>().map_err(|e| FormError(caigou_domain::Localized::msg(&e)))?);
        }
        Some(codes)
    };
    let sme_deduction = match (rate_bp(&f.sme_small)?, rate_bp(&f.sme_consortium)?) {
        (None, None) => None,
        (Some(small_micro_bp), Some(consortium_bp)) => Some(SmeDeduction { small_micro_bp, consortium_bp }),
        _ => {
            return Err(FormError(Msg::new("error.form.both_rates")));
        }
    };
    Ok(PolicyOverride {
        open_tender_threshold: triple("regions.open_tender", &f.open_goods, &f.open_works, &f.open_services)?,
        decentralized_limit: triple("regions.decentralized", &f.dec_goods, &f.dec_works, &f.dec_services)?,
        centralized_catalog,
        emall_direct_limit: money("regions.emall_limit", &f.emall_limit)?,
        sme_deduction,
        intention_lead_days: match f.intention_days.trim() {
            "" => None,
            d => Some(d.parse::<u32>().map_err(|_| FormError(Msg::new("error.form.lead_days").arg("value", d)))?),
        },
        // Tender periods and price weights are set through the API (JSON); the form inherits them.
        tender_periods: None,
        price_weights: None,
    })
}

pub async fn add_version(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<VersionForm>,
) -> Result<Response, AppError> {
    authz::decide(&ctx.principal, Action::EditRegionPolicy)?;
    let subject = ctx.subject()?;
    let region = regions::get(&state.store, crate::input::path_id(&id, "region")?).await?;
    let parsed = parse_overrides(&form).and_then(|o| {
        let date = form.effective_from.trim().parse::<jiff::civil::Date>().map_err(|_| FormError(Msg::new("error.form.effective_date")))?;
        if form.note.trim().is_empty() {
            return Err(FormError(Msg::new("error.form.note")));
        }
        Ok((date, o))
    });
    let outcome = match parsed {
        Ok((date, overrides)) => {
            caigou_app::admin::add_policy_version(&state.store, subject, &id, date, &overrides, &form.note).await.map_err(|e| match e {
                caigou_app::Error::Store(caigou_store::StoreError::Rejected { text, .. }) => {
                    Ok(caigou_i18n::catalog().msg(ctx.lang, &text))
                }
                other => Err(other),
            })
        }
        Err(FormError(text)) => Err(Ok(Tr::new(ctx.lang).msg(&text))),
    };
    match outcome {
        Ok(_) => {
            let notice = Chrome::bare(&ctx).t.s("regions.saved").to_string();
            Ok(render(&region_page(&state, &ctx, region, VersionForm::default(), Some(notice), None).await?))
        }
        Err(Ok(message)) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&region_page(&state, &ctx, region, form, None, Some(message)).await?))
                .into_response())
        }
        Err(Err(e)) => Err(e.into()),
    }
}
