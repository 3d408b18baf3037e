//! 长度上限: how long a free-text field and how long a list may be. One table for every body
//! the platform accepts (JSON and forms), so a 1 MB project name or a plan with 140,000 items is
//! refused at the edge, naming the field, before it can reach the portal, the feed or the
//! database. The limits are generous for honest use: a name fits on one line of an
//! announcement, a statement fits a page, a tender document section fits a long chapter.

use crate::i18n::{Localized, Msg};

/// Names shown on the portal, in feeds and lists (project, organization, person, item).
pub const NAME_CHARS: usize = 200;
/// Identifiers and codes (ids, 品目 codes, USCC, account names).
pub const CODE_CHARS: usize = 64;
/// Statements: objections, questions, comments, reasons, descriptions.
pub const STATEMENT_CHARS: usize = 5_000;
/// Long prose: specifications, answers to questions, the qualification requirements.
pub const PROSE_CHARS: usize = 50_000;
/// One section of a tender document or template.
pub const SECTION_CHARS: usize = 200_000;
/// Keys and key shares (PEM or hex), generous for any curve.
pub const KEY_CHARS: usize = 8_192;
/// Fields only the request body limit bounds: a sealed bid's ciphertext (base64 of the whole
/// encrypted response) is as large as the bid is.
pub const BODY_BOUNDED: usize = usize::MAX;
/// Anything not named below.
pub const DEFAULT_CHARS: usize = 1_000;
/// Lists not named below.
pub const DEFAULT_ITEMS: usize = 100;

/// Free-text fields by name, with their limit in characters.
const TEXT: &[(&str, usize)] = &[
    ("name", NAME_CHARS),
    ("project_name", NAME_CHARS),
    ("display_name", NAME_CHARS),
    ("title", NAME_CHARS),
    ("from_name", NAME_CHARS),
    ("contact_name", NAME_CHARS),
    ("legal_representative", NAME_CHARS),
    ("funding_source", NAME_CHARS),
    ("single_source_supplier", NAME_CHARS),
    ("name_zh", NAME_CHARS),
    ("name_en", NAME_CHARS),
    ("unit", 50),
    ("address", 500),
    ("contact_email", 254),
    ("contact_phone", 50),
    ("reference", NAME_CHARS),
    ("number", CODE_CHARS),
    ("username", CODE_CHARS),
    ("password", 256),
    ("current_password", 256),
    ("new_password", 256),
    ("note", 500),
    ("summary", 2_000),
    ("text", STATEMENT_CHARS),
    ("comment", STATEMENT_CHARS),
    ("reason", STATEMENT_CHARS),
    ("description", STATEMENT_CHARS),
    ("desc", STATEMENT_CHARS),
    ("guidance", STATEMENT_CHARS),
    ("business_scope", STATEMENT_CHARS),
    ("q", 200),
    ("specs", PROSE_CHARS),
    ("answers", PROSE_CHARS),
    ("qualification", PROSE_CHARS),
    ("sections", SECTION_CHARS),
    ("body", SECTION_CHARS),
    ("public_key", KEY_CHARS),
    ("share", KEY_CHARS),
    ("content_key", KEY_CHARS),
    ("signature", KEY_CHARS),
    ("epk", KEY_CHARS),
    ("ct", KEY_CHARS),
    ("ciphertext", BODY_BOUNDED),
];

/// Lists by name, with their limit in items.
const LISTS: &[(&str, usize)] = &[
    // 采购计划 and lot items: a large framework plan still has a few hundred lines.
    ("items", 500),
    // Budget lines added through the API in one call (larger loads are CSV imports).
    ("lines", 5_000),
    ("lots", 100),
    ("plan_ids", 100),
    ("request_ids", 100),
    ("criteria", 100),
    ("attachments", 50),
    ("answers", 100),
    ("sections", 200),
    ("user_ids", 20),
    ("shares", 20),
    // The recipients a bid's content key is wrapped to: the bidder and the custodians.
    ("wrapped", 50),
    // 集中采购目录: the 品目 codes a region buys centrally.
    ("centralized_catalog", 2_000),
    // A calendar year's holiday and make-up days (holiday-cn).
    ("days", 400),
    ("parts", 200),
    // Repeated form fields of the plan form's item rows.
    ("code", 500),
    ("desc", 500),
    ("qty", 500),
    ("amount", 500),
];

/// The most characters a field of this name may hold.
pub fn text_limit(field: &str) -> usize {
    if field.ends_with("_id") || field == "id" || field == "uscc" || field == "code" {
        return CODE_CHARS;
    }
    TEXT.iter().find(|(f, _)| *f == field).map(|(_, n)| *n).unwrap_or(DEFAULT_CHARS)
}

/// The most items a list of this name may hold.
pub fn list_limit(field: &str) -> usize {
    LISTS.iter().find(|(f, _)| *f == field).map(|(_, n)| *n).unwrap_or(DEFAULT_ITEMS)
}

/// A field over its limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OverLimit {
    Text { field: String, max: usize },
    List { field: String, max: usize },
}

impl OverLimit {
    pub fn field(&self) -> &str {
        match self {
            OverLimit::Text { field, .. } | OverLimit::List { field, .. } => field,
        }
    }
}

/// Checks one text value of the named field.
pub fn check_text(field: &str, value: &str) -> Result<(), OverLimit> {
    let max = text_limit(field);
    // Byte length bounds the character count from above: most values never need counting.
    if value.len() > max && value.chars().count() > max {
        return Err(OverLimit::Text { field: field.to_string(), max });
    }
    Ok(())
}

/// Checks the length of one list of the named field.
pub fn check_list(field: &str, len: usize) -> Result<(), OverLimit> {
    let max = list_limit(field);
    if len > max {
        return Err(OverLimit::List { field: field.to_string(), max });
    }
    Ok(())
}

impl Localized for OverLimit {
    fn code(&self) -> &'static str {
        match self {
            OverLimit::Text { .. } => "request.too_long",
            OverLimit::List { .. } => "request.too_many",
        }
    }

    fn msg(&self) -> Msg {
        match self {
            OverLimit::Text { field, max } => Msg::new("error.request.too_long").arg("field", field).arg("max", max),
            OverLimit::List { field, max } => Msg::new("error.request.too_many").arg("field", field).arg("max", max),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_may_fill_its_limit_and_not_one_character_more() {
        let at = "名".repeat(NAME_CHARS);
        assert_eq!(check_text("project_name", &at), Ok(()));
        let over = format!("{at}名");
        assert_eq!(check_text("project_name", &over), Err(OverLimit::Text { field: "project_name".into(), max: NAME_CHARS }));
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        // 200 Chinese characters are 600 bytes in UTF-8 and still within a 200-character name.
        assert!(check_text("name", &"中".repeat(200)).is_ok());
    }

    #[test]
    fn ids_and_unnamed_fields_have_limits_too() {
        assert!(check_text("budget_line_id", &"a".repeat(CODE_CHARS)).is_ok());
        assert!(check_text("budget_line_id", &"a".repeat(CODE_CHARS + 1)).is_err());
        assert!(check_text("anything_else", &"a".repeat(DEFAULT_CHARS + 1)).is_err());
    }

    #[test]
    fn lists_are_bounded() {
        assert_eq!(check_list("items", 500), Ok(()));
        assert_eq!(check_list("items", 501), Err(OverLimit::List { field: "items".into(), max: 500 }));
        assert!(check_list("unnamed", DEFAULT_ITEMS + 1).is_err());
    }

    #[test]
    fn the_message_names_the_field_and_the_limit() {
        let e = check_text("text", &"x".repeat(STATEMENT_CHARS + 1)).unwrap_err();
        assert_eq!(e.msg(), Msg::new("error.request.too_long").arg("field", "text").arg("max", 5000));
        assert_eq!(e.code(), "request.too_long");
    }
}
