//! The JSON API under `/api/v1`. Every handler is described for OpenAPI by `#[utoipa::path]`
//! and listed in [`ApiDoc`]; a test checks that the document and the route table agree.

// The handlers live with their feature; the OpenAPI list below names them by module.
use crate::evaluation::experts;
use crate::planning::api::{plans, requests};
use crate::platform::api::{audit, auth, calendar, catalog, notifications, portal, regions, sandbox};
use crate::suppliers::api as suppliers;
use crate::tender::api::{bids, confirmation, custody, deposits, opening, projects, templates};
use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::IntoResponse;
use caigou_domain::Msg;
use serde::de::DeserializeOwned;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::error::AppError;

#[derive(OpenApi)]
#[openapi(
    info(title = "Caigou API", description = "政府采购电子化平台 JSON API. Errors are `{code, message, messages, fields}` with stable codes.", version = "1"),
    paths(
        auth::login, auth::logout, auth::me, auth::change_password, auth::create_token, auth::list_tokens, auth::revoke_token,
        notifications::list, notifications::mark_read,
        portal::announcements,
        regions::list, regions::effective, regions::versions, regions::add_version, regions::statutory, regions::correct_statutory,
        catalog::search, catalog::get, catalog::import,
        calendar::is_working_day, calendar::add_working_days, calendar::load_year,
        audit::list, audit::verify,
        plans::budget_lines, plans::add_budget_lines, plans::import_budget_lines,
        plans::intentions, plans::publish_intention,
        plans::check_plan, plans::submit_plan, plans::list_plans, plans::get_plan,
        plans::cancel_plan, plans::fail_plan, plans::reprocure, plans::amend,
        plans::approvals, plans::decide, plans::object,
        requests::list, requests::waiting, requests::create, requests::get, requests::modify,
        requests::submit, requests::approve, requests::send_back, requests::reject,
        requests::get_chain, requests::set_chain, requests::upload,
        sandbox::get, sandbox::advance,
        suppliers::register, suppliers::me, suppliers::update, suppliers::add_qualification, suppliers::submit,
        suppliers::list, suppliers::get, suppliers::review,
        experts::import_api, experts::list_api,
        projects::agencies, projects::entrust, projects::entrusted, projects::create, projects::list, projects::get,
        projects::earliest, projects::update_lot, projects::save_documents, projects::publish, projects::terminate, projects::obtained,
        confirmation::decide, confirmation::get_settings, confirmation::set_settings,
        projects::questions, projects::ask, projects::clarify, projects::obtain, projects::obtained_lots,
        templates::list, templates::get, templates::create, templates::update,
        bids::register_key, bids::keys, bids::revoke_key, bids::submit, bids::withdraw, bids::own, bids::receipt,
        bids::key, bids::head, bids::inclusion, bids::consistency,
        deposits::record, deposits::list, deposits::void,
        custody::register_key, custody::name, custody::get, custody::ceremony, custody::own_share, custody::release, custody::lot_key,
        opening::get, opening::signals, opening::sign_in, opening::current, opening::release, opening::object, opening::record, opening::today,
        openapi_json,
    ),
    components(schemas(ErrorBody)),
    modifiers(&BearerAuth, &ResponseDescriptions),
)]
pub struct ApiDoc;

struct BearerAuth;

/// What OpenAPI 3 requires and the handlers' annotations leave out, so standard validators and
/// client generators accept the document: a `description` on every response (a response
/// declared with a status only gets the status's reason phrase, "No Content"), and operation ids
/// unique across the document (handlers in different modules share names like `get`: the id is
/// the method and path, `get_api_v1_lots_id_opening`).
struct ResponseDescriptions;

impl Modify for ResponseDescriptions {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let slug: String =
                path.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect::<String>();
            let slug = slug.split('_').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("_");
            for (method, op) in [
                ("get", &mut item.get),
                ("post", &mut item.post),
                ("put", &mut item.put),
                ("delete", &mut item.delete),
                ("patch", &mut item.patch),
            ] {
                let Some(op) = op else { continue };
                op.operation_id = Some(format!("{method}_{slug}"));
                for (status, response) in op.responses.responses.iter_mut() {
                    if let utoipa::openapi::RefOr::T(r) = response
                        && r.description.trim().is_empty()
                    {
                        let reason = status
                            .parse::<u16>()
                            .ok()
                            .and_then(|s| axum::http::StatusCode::from_u16(s).ok())
                            .and_then(|s| s.canonical_reason());
                        r.description = reason.unwrap_or("Response").to_string();
                    }
                }
            }
        }
    }
}

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()));
    }
}

/// The error body every API route returns on failure.
#[derive(utoipa::ToSchema, serde::Serialize)]
pub struct ErrorBody {
    /// Stable machine-readable code, e.g. `auth.required`.
    pub code: String,
    /// Message in the request's language (Accept-Language; Chinese by default).
    pub message: String,
    /// The message in every language the platform speaks, by tag: `{"zh-CN": …, "en": …}`.
    pub messages: serde_json::Value,
    /// Per-field problems: `[{field, code, message}]`.
    pub fields: Vec<serde_json::Value>,
}

/// The OpenAPI 3 document, as JSON (`caigou openapi`, the test command's validation).
pub fn openapi_document() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_default()
}

/// The OpenAPI 3 description of every API route.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta", responses((status = 200, description = "OpenAPI document")))]
pub async fn openapi_json() -> impl IntoResponse {
    Json(ApiDoc::openapi())
}

/// JSON body extractor whose rejections are Caigou errors with stable codes.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let lang = req.extensions().get::<crate::Ctx>().map(|c| c.lang).unwrap_or_default();
        let value = match Json::<serde_json::Value>::from_request(req, state).await {
            Ok(Json(v)) => v,
            Err(rejection) => return Err(json_rejection(rejection).in_lang(lang)),
        };
        crate::input::check_json(&value).map_err(|e| crate::input::over_limit(e).in_lang(lang))?;
        serde_path_to_error::deserialize(value)
            .map(ApiJson)
            .map_err(|e| invalid_fields(&format!("Failed to deserialize the JSON body into the target type: {e}")).in_lang(lang))
    }
}

/// A body that is JSON but not of the expected shape; names the field where serde can.
fn invalid_fields(text: &str) -> AppError {
    let field = field_of(text);
    let err = AppError::with(
        StatusCode::UNPROCESSABLE_ENTITY,
        "request.invalid_fields",
        Msg::new("error.request.invalid_fields.invalid_fields_text").arg("text", text),
    );
    match field {
        Some(f) => err.with_field(&f, text),
        None => err,
    }
}

fn json_rejection(r: JsonRejection) -> AppError {
    match r {
        JsonRejection::MissingJsonContentType(_) => AppError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "request.content_type"),
        JsonRejection::JsonSyntaxError(e) => {
            AppError::bad_request_with("request.malformed_json", Msg::new("error.request.malformed_json").arg("body_text", e.body_text()))
        }
        JsonRejection::JsonDataError(e) => invalid_fields(&e.body_text()),
        JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => too_large(),
        other => {
            if other.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large()
            } else {
                AppError::bad_request("request.unreadable")
            }
        }
    }
}

pub fn too_large() -> AppError {
    AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "request.too_large")
}

/// Best effort: the field a serde error names (`missing field `x``, `x: invalid type…`).
fn field_of(text: &str) -> Option<String> {
    if let Some(rest) = text.split("missing field `").nth(1) {
        return rest.split('`').next().map(str::to_string);
    }
    let after = text.split(": ").nth(1)?;
    let candidate = after.split(": ").next()?;
    if !candidate.is_empty() && candidate.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '[' || c == ']') {
        Some(candidate.to_string())
    } else {
        None
    }
}

/// Query-string extractor with Caigou errors.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let lang = parts.extensions.get::<crate::Ctx>().map(|c| c.lang).unwrap_or_default();
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(ApiQuery(v)),
            Err(QueryRejection::FailedToDeserializeQueryString(e)) => Err(AppError::bad_request_with(
                "request.invalid_query",
                Msg::new("error.request.invalid_query.invalid_query_parameters").arg("body_text", e.body_text()),
            )
            .in_lang(lang)),
            Err(_) => Err(AppError::bad_request("request.invalid_query").in_lang(lang)),
        }
    }
}
