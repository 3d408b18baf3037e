//! The web layer's one error type, mapped to stable codes. API responses are
//! `{"code", "message", "messages": {"zh-CN", "en"}, "fields"}`; never a 500 for a user's
//! mistake, and system faults are logged with detail but shown without it.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use caigou_domain::authz::Denied;
use caigou_domain::{Lang, Localized, Msg};
use caigou_store::StoreError;
use serde::Serialize;

/// One field's part of an error; its message is rendered with the error's.
#[derive(Debug, Clone)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub text: Msg,
}

#[derive(Serialize)]
struct FieldOut<'a> {
    field: &'a str,
    code: &'a str,
    message: String,
}

#[derive(Debug, Clone)]
pub struct AppError {
    pub status: StatusCode,
    pub code: &'static str,
    /// The message's catalog key and arguments, rendered in the reader's language.
    pub text: Msg,
    pub fields: Vec<FieldError>,
    /// The language to put in `message`.
    pub lang: Lang,
    /// Seconds after which the request may succeed (`Retry-After`, with 429 and 503).
    pub retry_after: Option<u64>,
}

impl AppError {
    /// An error whose message is the catalog's `error.<code>`.
    pub fn new(status: StatusCode, code: &'static str) -> AppError {
        AppError::with(status, code, Msg::new(format!("error.{code}")))
    }

    /// An error with its own message (a variant of the code's, or one with arguments).
    pub fn with(status: StatusCode, code: &'static str, text: Msg) -> AppError {
        AppError { status, code, text, fields: Vec::new(), lang: Lang::Zh, retry_after: None }
    }

    pub fn retry_after(mut self, seconds: u64) -> AppError {
        self.retry_after = Some(seconds);
        self
    }

    /// Adds `Retry-After` to a response made from this error (JSON or HTML).
    pub fn with_headers(&self, mut resp: Response) -> Response {
        if let Some(s) = self.retry_after {
            resp.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from(s));
        }
        resp
    }

    pub fn localized(status: StatusCode, e: &dyn Localized) -> AppError {
        AppError::with(status, e.code(), e.msg())
    }

    /// `what` is the kind of object, in English (`"lot"`); each catalog names it in its own
    /// language (a select on `$what` in `error.not_found`), so no message mixes languages.
    pub fn not_found(what: &str) -> AppError {
        AppError::with(StatusCode::NOT_FOUND, "not_found", Msg::new("error.not_found").arg("what", what.replace(' ', "_")))
    }

    pub fn bad_request(code: &'static str) -> AppError {
        AppError::new(StatusCode::BAD_REQUEST, code)
    }

    pub fn bad_request_with(code: &'static str, text: Msg) -> AppError {
        AppError::with(StatusCode::BAD_REQUEST, code, text)
    }

    pub fn with_field(mut self, field: &str, text: impl Into<Msg>) -> AppError {
        self.fields.push(FieldError { field: field.to_string(), code: self.code.to_string(), text: text.into() });
        self
    }

    pub fn in_lang(mut self, lang: Lang) -> AppError {
        self.lang = lang;
        self
    }

    pub fn message(&self, lang: Lang) -> String {
        caigou_i18n::catalog().msg(lang, &self.text)
    }

    pub fn internal() -> AppError {
        AppError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal")
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

impl From<caigou_app::Error> for AppError {
    fn from(e: caigou_app::Error) -> AppError {
        match e {
            caigou_app::Error::Denied(d) => d.into(),
            caigou_app::Error::Store(e) => e.into(),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        match e {
            StoreError::NotFound(what) => AppError::not_found(what),
            StoreError::Rejected { code, text } => AppError::with(StatusCode::UNPROCESSABLE_ENTITY, code, text),
            e if e.is_unique_violation() => AppError::new(StatusCode::CONFLICT, "conflict"),
            // Another writer held the database longer than the busy timeout: nothing was
            // written, and the same request succeeds a moment later.
            e if e.is_busy() => {
                tracing::warn!(error = %e, "database busy");
                AppError::new(StatusCode::SERVICE_UNAVAILABLE, "db.busy").retry_after(2)
            }
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
    message: String,
    /// The message in every language, by tag (`zh-CN`, `en`).
    messages: std::collections::BTreeMap<&'static str, String>,
    fields: Vec<FieldOut<'a>>,
}

impl AppError {
    /// The JSON response in `lang`.
    pub fn json_response(&self, lang: Lang) -> Response {
        let messages = crate::i18n::Tr::every(&self.text);
        let fields = self
            .fields
            .iter()
            .map(|f| FieldOut { field: &f.field, code: &f.code, message: caigou_i18n::catalog().msg(lang, &f.text) })
            .collect();
        let body = Body { code: self.code, message: self.message(lang), messages, fields };
        let mut resp = self.with_headers((self.status, Json(body)).into_response());
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

#[cfg(test)]
mod tests {
    use caigou_domain::Lang;

    /// Every `NotFound("…")` and `not_found("…")` in the code is named in every language, so no
    /// message reads "未找到对象" or "not found: opening_record".
    #[test]
    fn every_missing_object_is_named_in_every_language() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        for c in ["store", "web", "caigou", "app"] {
            walk(&crates.join(c).join("src"), &mut files);
        }
        let mut missing = Vec::new();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for marker in ["NotFound(\"", "not_found(\""] {
                for part in text.split(marker).skip(1) {
                    let what = part.split('"').next().unwrap();
                    // (This test's own doc comment writes the markers with "…".)
                    if what.is_empty() || what == "…" {
                        continue;
                    }
                    let e = super::AppError::not_found(what);
                    let (zh, en) = (e.message(Lang::Zh), e.message(Lang::En));
                    if zh == "未找到对象" || en.contains('_') {
                        missing.push(format!("{}: {what} ({zh} / {en})", f.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "name these in error-not_found of each catalog: {missing:?}");
        assert_eq!(super::AppError::not_found("budget line").message(Lang::Zh), "未找到预算指标");
        assert_eq!(super::AppError::not_found("budget line").message(Lang::En), "not found: budget line");
    }
}
