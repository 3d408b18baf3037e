//! What comes in: every JSON body and every page form is held to the length limits of
//! [`caigou_domain::limits`] before it is turned into a handler's input, so no free-text field
//! or list anywhere can exceed them, and the refusal names the field (422 `request.too_long` /
//! `request.too_many`).

use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use caigou_domain::Msg;
use caigou_domain::limits::{self, OverLimit};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::AppError;

/// Fields whose value is a map keyed by names the client chooses (a document's sections by
/// section key): their entries take the field's own limit.
const MAPS: &[&str] = &["sections"];

/// Checks every string and list in a JSON value, by the name of the field holding it.
pub fn check_json(value: &Value) -> Result<(), (String, OverLimit)> {
    walk(value, "", "")
}

fn walk(value: &Value, key: &str, path: &str) -> Result<(), (String, OverLimit)> {
    match value {
        Value::String(s) => limits::check_text(key, s).map_err(|e| (path.to_string(), e)),
        Value::Array(items) => {
            limits::check_list(key, items.len()).map_err(|e| (path.to_string(), e))?;
            for (i, item) in items.iter().enumerate() {
                walk(item, key, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        Value::Object(map) => {
            let inherit = MAPS.contains(&key);
            if inherit {
                limits::check_list(key, map.len()).map_err(|e| (path.to_string(), e))?;
            }
            for (k, v) in map {
                let child = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                walk(v, if inherit { key } else { k }, &child)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Checks the fields of a form (a repeated field is a list).
pub fn check_form(pairs: &[(String, String)]) -> Result<(), (String, OverLimit)> {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for (k, v) in pairs {
        limits::check_text(k, v).map_err(|e| (k.clone(), e))?;
        *counts.entry(k.as_str()).or_default() += 1;
    }
    for (k, n) in counts {
        if n > 1 {
            limits::check_list(k, n).map_err(|e| (k.to_string(), e))?;
        }
    }
    Ok(())
}

/// The error for a field over its limit, naming the field (its path in the body).
pub fn over_limit((path, e): (String, OverLimit)) -> AppError {
    AppError::localized(StatusCode::UNPROCESSABLE_ENTITY, &e).with_field(&path, caigou_domain::Localized::msg(&e))
}

/// Parses a typed id from the path or a field; a malformed one names an object that does not
/// exist (404 `not_found`, as an unknown well-formed id is).
pub fn path_id<T: std::str::FromStr>(s: &str, what: &str) -> Result<T, AppError> {
    s.parse().map_err(|_| AppError::not_found(what))
}

/// Whether a request carries a URL-encoded form.
pub fn is_urlencoded(headers: &axum::http::HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// A page form (`application/x-www-form-urlencoded`, repeated fields as lists), held to the
/// limits and answered with a Caigou error when it cannot be read.
pub struct Form<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Form<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let lang = req.extensions().get::<crate::Ctx>().map(|c| c.lang).unwrap_or_default();
        if !is_urlencoded(req.headers()) {
            return Err(AppError::with(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "request.content_type",
                Msg::new("error.request.content_type.form_sent_application"),
            )
            .in_lang(lang));
        }
        let bytes = axum::body::Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                crate::api::too_large().in_lang(lang)
            } else {
                AppError::bad_request("request.unreadable").in_lang(lang)
            }
        })?;
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&bytes).map_err(|_| AppError::bad_request("request.malformed_form").in_lang(lang))?;
        check_form(&pairs).map_err(|e| over_limit(e).in_lang(lang))?;
        serde_html_form::from_bytes::<T>(&bytes).map(Form).map_err(|e| {
            AppError::with(
                StatusCode::UNPROCESSABLE_ENTITY,
                "request.invalid_fields",
                Msg::new("error.request.invalid_fields.invalid_form_fields").arg("e", e),
            )
            .in_lang(lang)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_string_deep_in_the_body_is_named_by_its_path() {
        let long = "x".repeat(limits::NAME_CHARS + 1);
        let body = serde_json::json!({"lots": [{"name": "一", "items": [{"code": "A01", "description": "ok"}]}, {"name": long}]});
        let (path, e) = check_json(&body).unwrap_err();
        assert_eq!(path, "lots[1].name");
        assert_eq!(e, OverLimit::Text { field: "name".into(), max: limits::NAME_CHARS });
    }

    #[test]
    fn a_list_over_its_limit_is_refused_and_one_at_it_is_not() {
        let items = |n: usize| serde_json::json!({"items": vec![serde_json::json!({"code": "A"}); n]});
        assert!(check_json(&items(500)).is_ok());
        assert_eq!(check_json(&items(501)).unwrap_err().0, "items");
    }

    #[test]
    fn sections_keyed_by_the_client_take_the_section_limit() {
        let body = serde_json::json!({"sections": {"name": "长".repeat(10_000)}});
        assert!(check_json(&body).is_ok(), "a section called `name` is a section, not a name");
    }

    #[test]
    fn form_fields_and_repeated_fields_are_limited() {
        let pairs = vec![("text".to_string(), "x".repeat(limits::STATEMENT_CHARS + 1))];
        assert_eq!(check_form(&pairs).unwrap_err().0, "text");
        let rows: Vec<(String, String)> = (0..501).map(|_| ("qty".to_string(), "1".to_string())).collect();
        assert!(matches!(check_form(&rows).unwrap_err().1, OverLimit::List { .. }));
        assert!(check_form(&rows[..500]).is_ok());
    }
}
