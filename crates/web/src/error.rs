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
    /// Seconds after which the request may succeed (`Retry-After`, with 429 and 503).
    pub retry_after: Option<u64>,
}

impl AppError {
    pub fn new(status: StatusCode, code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> AppError {
        AppError { status, code, zh: zh.into(), en: en.into(), fields: Vec::new(), lang: Lang::Zh, retry_after: None }
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
        AppError::new(status, e.code(), e.message(Lang::Zh), e.message(Lang::En))
    }

    /// `what` is the kind of object, in English (`"lot"`); the Chinese message names it in
    /// Chinese ([`object_zh`]), so neither message mixes languages.
    pub fn not_found(what: &str) -> AppError {
        AppError::new(StatusCode::NOT_FOUND, "not_found", format!("未找到{}", object_zh(what)), format!("not found: {what}"))
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
            StoreError::Rejected { code, zh, en } => AppError::new(StatusCode::UNPROCESSABLE_ENTITY, code, zh, en),
            e if e.is_unique_violation() => AppError::new(StatusCode::CONFLICT, "conflict", "记录已存在", "the record already exists"),
            // Another writer held the database longer than the busy timeout: nothing was
            // written, and the same request succeeds a moment later.
            e if e.is_busy() => {
                tracing::warn!(error = %e, "database busy");
                AppError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "db.busy",
                    "系统繁忙，本次操作未生效，请稍后重试",
                    "the platform is busy: nothing was changed; please retry in a moment",
                )
                .retry_after(2)
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

/// The Chinese name of each kind of object a lookup can miss.
const OBJECTS_ZH: &[(&str, &str)] = &[
    ("announcement", "公告"),
    ("attachment", "附件"),
    ("bid", "投标文件"),
    ("budget line", "预算指标"),
    ("calendar year", "工作日历年度"),
    ("demo user", "演示账号"),
    ("deposit", "投标保证金记录"),
    ("documents", "采购文件"),
    ("file", "文件"),
    ("intention", "采购意向"),
    ("key", "密钥"),
    ("lot", "标项"),
    ("notification", "通知"),
    ("opening record", "开标记录"),
    ("organization", "单位"),
    ("plan", "采购计划"),
    ("project", "项目"),
    ("publicity", "公示"),
    ("purchase request", "申购单"),
    ("purchaser", "采购人账号"),
    ("qualification", "资质文件"),
    ("region", "区域"),
    ("supervisor", "监管账号"),
    ("supplier", "供应商"),
    ("template", "文件模板"),
    ("token", "API令牌"),
    ("user", "用户"),
];

/// The Chinese name of an object kind; an unlisted kind is "对象" (the test below keeps the list whole).
pub fn object_zh(what: &str) -> &'static str {
    OBJECTS_ZH.iter().find(|(en, _)| *en == what).map(|(_, zh)| *zh).unwrap_or("对象")
}

#[cfg(test)]
mod tests {
    use super::{OBJECTS_ZH, object_zh};

    /// Every `NotFound("…")` and `not_found("…")` in the code has a Chinese name, so no message
    /// reads "未找到：opening record".
    #[test]
    fn every_missing_object_has_a_chinese_name() {
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
        for c in ["store", "web", "caigou"] {
            walk(&crates.join(c).join("src"), &mut files);
        }
        let mut missing = Vec::new();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for marker in ["NotFound(\"", "not_found(\""] {
                for part in text.split(marker).skip(1) {
                    let what = part.split('"').next().unwrap();
                    // (This test's own doc comment writes the markers with "…".)
                    if object_zh(what) == "对象" && !what.is_empty() && what != "…" {
                        missing.push(format!("{}: {what}", f.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "add these to OBJECTS_ZH: {missing:?}");
        assert!(OBJECTS_ZH.windows(2).all(|w| w[0].0 < w[1].0), "kept sorted");
    }
}
