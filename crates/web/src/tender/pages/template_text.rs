//! A template's text as a reader sees it: each `{{variable}}` (and the `{{lots_table}}` and
//! `{{criteria_table}}` tables) shown by its name in the reader's language, never as the raw
//! placeholder. In a textarea a variable reads `〔项目名称〕`; saving turns the marker back into
//! its placeholder ([`from_editable`]), in either language, so an agency edits words, not code.

use crate::i18n::Tr;

/// Text, or a variable shown by name.
pub enum TextPart {
    Text(String),
    Var(String),
}

/// Splits `body` at its placeholders. A `{{…}}` the catalog does not name stays as written
/// (a template is checked against the known variables when it is saved).
pub fn parts(body: &str, t: &Tr) -> Vec<TextPart> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find("{{") {
        let Some(len) = rest[open + 2..].find("}}") else { break };
        let name = rest[open + 2..open + 2 + len].trim();
        if open > 0 {
            out.push(TextPart::Text(rest[..open].to_string()));
        }
        match caigou_i18n::catalog().text(t.lang(), &format!("label.docvar.{name}")) {
            Some(label) => out.push(TextPart::Var(label.to_string())),
            None => out.push(TextPart::Text(rest[open..open + len + 4].to_string())),
        }
        rest = &rest[open + len + 4..];
    }
    if !rest.is_empty() {
        out.push(TextPart::Text(rest.to_string()));
    }
    out
}

/// Every placeholder name: the variables and the two tables.
fn names() -> impl Iterator<Item = &'static str> {
    caigou_domain::tender::document::VARIABLES.iter().map(|(k, _)| *k).chain(["lots_table", "criteria_table"])
}

/// `body` for a textarea: each known placeholder as `〔its name〕`.
pub fn editable(body: &str, t: &Tr) -> String {
    parts(body, t)
        .into_iter()
        .map(|p| match p {
            TextPart::Text(s) => s,
            TextPart::Var(v) => format!("〔{v}〕"),
        })
        .collect()
}

/// A textarea's text back as a template body: `〔name〕` of a known variable, named in any
/// language, becomes its placeholder; any other bracketed text (财库〔2020〕10号) stays.
pub fn from_editable(text: &str) -> String {
    let mut out = text.to_string();
    for lang in caigou_domain::Lang::ALL {
        for name in names() {
            if let Some(label) = caigou_i18n::catalog().text(lang, &format!("label.docvar.{name}")) {
                out = out.replace(&format!("〔{label}〕"), &format!("{{{{{name}}}}}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{TextPart, editable, from_editable, parts};
    use crate::i18n::Tr;

    fn shown(body: &str, lang: caigou_domain::Lang) -> String {
        parts(body, &Tr::new(lang))
            .into_iter()
            .map(|p| match p {
                TextPart::Text(t) => t,
                TextPart::Var(v) => format!("[{v}]"),
            })
            .collect()
    }

    #[test]
    fn variables_and_tables_read_by_name() {
        let body = "项目：{{project.name}}（{{ project.no }}）\n{{lots_table}}\n截止：{{deadline}}";
        assert_eq!(shown(body, caigou_domain::Lang::Zh), "项目：[项目名称]（[项目编号]）\n[标项一览表]\n截止：[提交截止及开启时间]");
        assert_eq!(shown("{{criteria_table}}", caigou_domain::Lang::En), "[table of evaluation criteria]");
    }

    #[test]
    fn a_textarea_shows_names_and_saving_brings_the_placeholders_back() {
        let body = "项目：{{project.name}}\n{{lots_table}}\n依据财库〔2020〕10号";
        let zh = editable(body, &Tr::new(caigou_domain::Lang::Zh));
        assert_eq!(zh, "项目：〔项目名称〕\n〔标项一览表〕\n依据财库〔2020〕10号");
        assert_eq!(from_editable(&zh), body);
        let en = editable(body, &Tr::new(caigou_domain::Lang::En));
        assert!(!en.contains("{{") && en.contains("〔"), "{en}");
        assert_eq!(from_editable(&en), body, "saved in English, read back the same");
        assert_eq!(from_editable("〔不存在的变量〕"), "〔不存在的变量〕");
    }

    #[test]
    fn unknown_or_unclosed_placeholders_stay_as_written() {
        assert_eq!(shown("{{nope}} and {{open", caigou_domain::Lang::Zh), "{{nope}} and {{open");
        assert_eq!(shown("", caigou_domain::Lang::Zh), "");
    }
}
