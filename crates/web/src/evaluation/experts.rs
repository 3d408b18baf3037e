//! 评审专家库: the pool's page (list and bulk import) and its JSON API. Both call
//! `caigou_app::evaluation::experts`; a refused file lists every bad row with its line.

use askama::Template;
use axum::Json;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use caigou_app::evaluation::experts::{self as usecase, Imported};
use caigou_domain::Msg;
use caigou_store::evaluation::experts::Expert;
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;

use crate::ctx::Ctx;
use crate::error::{ApiResult, AppError};
use crate::pages::{Chrome, render};

/// The refusal of a file: one message naming the count and every row, and each row as a field.
fn refused(rows: Vec<(usize, Msg)>) -> AppError {
    let catalog = caigou_i18n::catalog();
    let summary = Msg::given(caigou_domain::Lang::ALL.map(|lang| {
        let joined =
            rows.iter().map(|(_, m)| catalog.msg(lang, m)).collect::<Vec<_>>().join(catalog.text(lang, "list.separator").unwrap_or("; "));
        (lang, catalog.msg(lang, &Msg::new("error.experts.bad_file.rows").arg("count", rows.len()).arg("rows", joined)))
    }));
    let mut err = AppError::with(StatusCode::UNPROCESSABLE_ENTITY, "experts.bad_file", summary);
    for (line, text) in rows {
        err = err.with_field(&format!("line {line}"), text);
    }
    err
}

#[derive(Serialize, ToSchema)]
pub struct ImportedOut {
    pub ids: Vec<String>,
}

/// 批量导入: experts from a CSV (UTF-8 or GBK; columns `name,id_card,phone,employer,employer_uscc,employed_since,title,specialties,region_code`, specialties as `A02021000:高级;C16000000:中级`). All or nothing: a bad row refuses the file, naming each row.
#[utoipa::path(post, path = "/api/v1/experts/import", tag = "experts", security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 201, body = ImportedOut), (status = 422, body = crate::api::ErrorBody)))]
pub async fn import_api(State(state): State<AppState>, ctx: Ctx, body: axum::body::Bytes) -> ApiResult<(StatusCode, Json<ImportedOut>)> {
    match usecase::import_csv(&state.store, ctx.subject()?, &body).await? {
        Imported::Added(ids) => Ok((StatusCode::CREATED, Json(ImportedOut { ids: ids.iter().map(|i| i.to_string()).collect() }))),
        Imported::Refused(rows) => Err(refused(rows)),
    }
}

#[derive(Serialize, ToSchema)]
pub struct ExpertOut {
    pub id: String,
    pub name: String,
    pub region_name: String,
    /// The identity card number masked (the pool keeps no more of it).
    pub id_card_masked: String,
    pub employer: String,
    pub title: String,
    /// 品目 codes with their level (`senior` | `intermediate`).
    pub specialties: Vec<(String, String)>,
    /// `active` | `suspended` | `removed`
    pub status: String,
}

impl From<Expert> for ExpertOut {
    fn from(e: Expert) -> Self {
        ExpertOut {
            id: e.id.to_string(),
            name: e.name,
            region_name: e.region_name,
            id_card_masked: e.id_card_masked,
            employer: e.employer,
            title: e.title,
            specialties: e
                .specialties
                .into_iter()
                .map(|s| (s.code, serde_json::to_value(s.level).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()))
                .collect(),
            status: e.status,
        }
    }
}

/// The experts of your part of the pool (admins: all; a finance department: its region subtree).
#[utoipa::path(get, path = "/api/v1/experts", tag = "experts", security(("bearer" = [])), responses((status = 200, body = Vec<ExpertOut>)))]
pub async fn list_api(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<ExpertOut>>> {
    Ok(Json(usecase::list(&state.store, ctx.subject()?).await?.into_iter().map(ExpertOut::from).collect()))
}

#[derive(Template)]
#[template(path = "experts.html")]
struct ExpertsPage {
    chrome: Chrome,
    experts: Vec<Expert>,
    notice: Option<String>,
    error: Option<String>,
}

async fn page_with(state: &AppState, ctx: &Ctx, notice: Option<String>, error: Option<String>) -> Result<ExpertsPage, AppError> {
    let experts = usecase::list(&state.store, ctx.subject()?).await?;
    Ok(ExpertsPage { chrome: Chrome::load(state, ctx).await?, experts, notice, error })
}

/// GET /experts: the pool and the import form.
pub async fn page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    Ok(render(&page_with(&state, &ctx, None, None).await?))
}

/// POST /experts/import: the uploaded file; the page again, with what was added or every bad row.
pub async fn import_page(State(state): State<AppState>, ctx: Ctx, mut multipart: Multipart) -> Result<Response, AppError> {
    let mut file = Vec::new();
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("file") {
            file = field.bytes().await.map_err(|_| crate::api::too_large())?.to_vec();
        }
    }
    let t = Chrome::bare(&ctx).t;
    match usecase::import_csv(&state.store, ctx.subject()?, &file).await? {
        Imported::Added(ids) => {
            let notice = t.msg(&Msg::new("experts.imported").arg("count", ids.len()));
            Ok(render(&page_with(&state, &ctx, Some(notice), None).await?))
        }
        Imported::Refused(rows) => {
            let e = refused(rows);
            Ok((e.status, render(&page_with(&state, &ctx, None, Some(e.message(ctx.lang).to_string())).await?)).into_response())
        }
    }
}
