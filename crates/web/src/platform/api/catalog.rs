//! The 品目 catalog.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use caigou_domain::catalog::PinmuCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::ApiQuery;
use crate::error::{ApiResult, AppError};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CatalogQuery {
    /// Code prefix (A0201) or words of the name (计算机).
    #[serde(default)]
    pub q: String,
    pub limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct CatalogItemOut {
    pub code: String,
    pub name: String,
    pub level: i64,
    pub parent: Option<String>,
    /// goods, works or services
    pub object_type: String,
}

fn out(i: caigou_store::catalog::CatalogItem) -> CatalogItemOut {
    let object_type = i.code.parse::<PinmuCode>().map(|c| c.object_type().key().to_string()).unwrap_or_default();
    CatalogItemOut { code: i.code, name: i.name, level: i.level, parent: i.parent, object_type }
}

/// Searches the catalog by code prefix or name.
#[utoipa::path(get, path = "/api/v1/catalog", tag = "catalog", params(CatalogQuery), responses((status = 200, body = Vec<CatalogItemOut>)))]
pub async fn search(State(state): State<AppState>, ApiQuery(q): ApiQuery<CatalogQuery>) -> ApiResult<Json<Vec<CatalogItemOut>>> {
    let items = caigou_store::catalog::search(&state.store, &q.q, q.limit.unwrap_or(50)).await?;
    Ok(Json(items.into_iter().map(out).collect()))
}

#[derive(Serialize, ToSchema)]
pub struct CatalogNode {
    pub item: CatalogItemOut,
    pub children: Vec<CatalogItemOut>,
}

/// One catalog item with its children.
#[utoipa::path(get, path = "/api/v1/catalog/{code}", tag = "catalog", params(("code" = String, Path, description = "e.g. A02010105")),
    responses((status = 200, body = CatalogNode), (status = 400, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn get(State(state): State<AppState>, Path(code): Path<String>) -> ApiResult<Json<CatalogNode>> {
    let code: PinmuCode =
        code.parse().map_err(|e: caigou_domain::catalog::PinmuCodeError| AppError::localized(StatusCode::BAD_REQUEST, &e))?;
    let item = caigou_store::catalog::get(&state.store, code.as_str()).await?.ok_or_else(|| AppError::not_found(code.as_str()))?;
    let children = caigou_store::catalog::children(&state.store, Some(code.as_str())).await?;
    Ok(Json(CatalogNode { item: out(item), children: children.into_iter().map(out).collect() }))
}

#[derive(Serialize, ToSchema)]
pub struct Imported {
    pub entries: usize,
}

/// Replaces the catalog with a CSV file (`code,name,level,parent`; platform admins). A file with
/// a bad line changes nothing and the error names the line. Audited.
#[utoipa::path(post, path = "/api/v1/catalog/import", tag = "catalog", security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv", description = "the whole catalog as CSV"),
    responses((status = 200, body = Imported), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn import(State(state): State<AppState>, ctx: crate::Ctx, body: axum::body::Bytes) -> ApiResult<Json<Imported>> {
    let entries = caigou_app::admin::import_catalog(&state.store, ctx.subject()?, &body).await?;
    Ok(Json(Imported { entries }))
}
