//! The web layer's one error type, mapped to stable codes. API responses are
//! `{"code", "message", "messages": {"zh-CN", "en"}, "fields"}`; never a 500 for a user's
//! mistake, and system faults are logged with detail but shown without it.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use caigou_domain::authz::Denied;
use caigou_domain::{Lang, Localized};
use caigou_store::StoreError;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct AppError {
    pub status: StatusCode,
    pub code: &'static str,
    pub zh: String,
    pub en: String,
    pub fields: Vec<FieldError>,
    /// The language to put in `message`.
    pub lang: Lang,
}

impl AppError {
    pub fn new(status: StatusCode, code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> AppError {
        AppError { status, code, zh: zh.into(), en: en.into(), fields: Vec::new(), lang: Lang::Zh }
    }

    pub fn localized(status: StatusCode, e: &dyn Localized) -> AppError {
        AppError::new(status, e.code(), e.message(Lang::Zh), e.message(Lang::En))
    }

    pub fn not_found(what: &str) -> AppError {
        AppError::new(StatusCode::NOT_FOUND, "not_found", format!("未找到：{what}"), format!("not found: {what}"))
    }

    pub fn bad_request(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> AppError {
        AppError::new(StatusCode::BAD_REQUEST, code, zh, en)
    }

    pub fn with_field(mut self, field: &str, message: impl Into<String>) -> AppError {
        self.fields.push(FieldError { field: field.to_string(), code: self.code.to_string(), message: message.into() });
        self
    }

    pub fn in_lang(mut self, lang: Lang) -> AppError {
        self.lang = lang;
        self
    }

    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    pub fn internal() -> AppError {
        AppError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "系统内部错误，请稍后再试", "internal error; please try again later")
    }
}

impl From<Denied> for AppError {
    fn from(d: Denied) -> AppError {
        let status = match d {
            Denied::NotSignedIn => StatusCode::UNAUTHORIZED,
            Denied::Forbidden => StatusCode::FORBIDDEN,
        };
        AppError::localized(status, &d)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        match e {
            StoreError::NotFound(what) => AppError::not_found(what),
            StoreError::Rejected { code, zh, en } => AppError::new(StatusCode::UNPROCESSABLE_ENTITY, code, zh, en),
            e if e.is_unique_violation() => AppError::new(StatusCode::CONFLICT, "conflict", "记录已存在", "the record already exists"),
            other => {
                tracing::error!(error = %other, "storage failure");
                AppError::internal()
            }
        }
    }
}

#[derive(Serialize)]
struct Body<'a> {
    code: &'a str,
    message: &'a str,
    messages: Messages<'a>,
    fields: &'a [FieldError],
}

#[derive(Serialize)]
struct Messages<'a> {
    #[serde(rename = "zh-CN")]
    zh: &'a str,
    en: &'a str,
}

impl AppError {
    /// The JSON response in `lang`.
    pub fn json_response(&self, lang: Lang) -> Response {
        let body =
            Body { code: self.code, message: self.message(lang), messages: Messages { zh: &self.zh, en: &self.en }, fields: &self.fields };
        let mut resp = (self.status, Json(body)).into_response();
        resp.extensions_mut().insert(RenderedError(std::sync::Arc::new(self.clone())));
        resp
    }
}

/// Attached to every error response, so the request middleware can re-render it in the
/// request's language, or as an HTML page for page routes.
#[derive(Debug, Clone)]
pub struct RenderedError(pub std::sync::Arc<AppError>);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.json_response(self.lang)
    }
}

pub type ApiResult<T> = Result<T, AppError>;
