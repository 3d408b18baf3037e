//! Procurement documents from templates: sections whose `{{variables}}` are filled from the
//! project. Editable sections may be rewritten by the agency; fixed ones (the notice, the
//! evaluation chapter) always come from the project data, so they cannot disagree with it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Localized, Msg};

/// Lines that consist of only this variable become the lots table.
pub const LOTS_TABLE: &str = "{{lots_table}}";
/// Lines that consist of only this variable become the criteria table.
pub const CRITERIA_TABLE: &str = "{{criteria_table}}";

/// The variables a template may use (besides the two tables), filled from the project.
pub const VARIABLES: &[(&str, &str)] = &[
    ("project.name", "项目名称"),
    ("project.no", "项目编号"),
    ("project.method", "采购方式"),
    ("project.budget", "预算金额"),
    ("purchasers", "采购人"),
    ("runner", "采购代理机构"),
    ("region", "所属区域"),
    ("documents.from", "文件发出日期"),
    ("documents.until", "文件提供截止日期"),
    ("deadline", "提交截止及开启时间"),
    ("announcement.until", "公告期限届满日"),
    ("qualification", "特定资格要求"),
    ("evaluation.method", "评审方法"),
    ("sme", "中小企业政策"),
    ("deposit", "投标保证金"),
];

/// Checks that a template's sections are well formed and use only known variables.
pub fn check_template(sections: &[TemplateSection]) -> Result<(), DocumentError> {
    let vars: BTreeMap<&str, String> = VARIABLES.iter().map(|(k, _)| (*k, String::new())).collect();
    let mut keys = std::collections::BTreeSet::new();
    for s in sections {
        if s.key.trim().is_empty() || !keys.insert(s.key.as_str()) {
            return Err(DocumentError::FixedSection(s.key.clone()));
        }
    }
    fill(sections, &BTreeMap::new(), &vars).map(|_| ())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateSection {
    pub key: String,
    pub title: String,
    /// Whether the agency may rewrite the body for a project.
    pub editable: bool,
    pub body: String,
}

/// A part of a filled section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Part {
    Text(String),
    LotsTable,
    CriteriaTable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FilledSection {
    pub key: String,
    pub title: String,
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentError {
    UnknownVariable(String),
    FixedSection(String),
}

impl Localized for DocumentError {
    fn code(&self) -> &'static str {
        match self {
            DocumentError::UnknownVariable(_) => "documents.unknown_variable",
            DocumentError::FixedSection(_) => "documents.fixed_section",
        }
    }
    fn msg(&self) -> Msg {
        match self {
            DocumentError::UnknownVariable(v) => Msg::new("error.documents.unknown_variable").arg("name", v),
            DocumentError::FixedSection(k) => Msg::new("error.documents.fixed_section").arg("section", k),
        }
    }
}

/// Replaces `{{name}}` with `vars[name]`; an unknown name is an error (a typo must not publish).
pub fn substitute(text: &str, vars: &BTreeMap<&str, String>) -> Result<String, DocumentError> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return Ok(out);
        };
        let name = after[..end].trim();
        match vars.get(name) {
            Some(v) => out.push_str(v),
            None => return Err(DocumentError::UnknownVariable(name.to_string())),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Fills a template with the project's variables and the agency's overrides of editable sections.
pub fn fill(
    template: &[TemplateSection],
    overrides: &BTreeMap<String, String>,
    vars: &BTreeMap<&str, String>,
) -> Result<Vec<FilledSection>, DocumentError> {
    for key in overrides.keys() {
        match template.iter().find(|s| &s.key == key) {
            Some(s) if s.editable => {}
            _ => return Err(DocumentError::FixedSection(key.clone())),
        }
    }
    template
        .iter()
        .map(|s| {
            let body = overrides.get(&s.key).unwrap_or(&s.body);
            let mut parts = Vec::new();
            let mut text = String::new();
            for line in body.lines() {
                let block = match line.trim() {
                    LOTS_TABLE => Some(Part::LotsTable),
                    CRITERIA_TABLE => Some(Part::CriteriaTable),
                    _ => None,
                };
                match block {
                    Some(b) => {
                        if !text.trim().is_empty() {
                            parts.push(Part::Text(substitute(text.trim_end(), vars)?));
                        }
                        text.clear();
                        parts.push(b);
                    }
                    None => {
                        text.push_str(line);
                        text.push('\n');
                    }
                }
            }
            if !text.trim().is_empty() {
                parts.push(Part::Text(substitute(text.trim_end(), vars)?));
            }
            Ok(FilledSection { key: s.key.clone(), title: s.title.clone(), parts })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template() -> Vec<TemplateSection> {
        vec![
            TemplateSection {
                key: "notice".into(),
                title: "公告".into(),
                editable: false,
                body: "项目：{{project.name}}\n截止：{{ deadline }}".into(),
            },
            TemplateSection { key: "req".into(), title: "需求".into(), editable: true, body: "说明\n{{lots_table}}\n其他".into() },
        ]
    }

    #[test]
    fn variables_and_tables_are_filled() {
        let vars = BTreeMap::from([("project.name", "教学设备".to_string()), ("deadline", "2026-12-14 09:30".to_string())]);
        let doc = fill(&template(), &BTreeMap::new(), &vars).unwrap();
        assert_eq!(doc[0].parts, vec![Part::Text("项目：教学设备\n截止：2026-12-14 09:30".into())]);
        assert_eq!(doc[1].parts, vec![Part::Text("说明".into()), Part::LotsTable, Part::Text("其他".into())]);
    }

    #[test]
    fn unknown_variables_and_edits_of_fixed_sections_are_refused() {
        let vars = BTreeMap::from([("project.name", "x".to_string())]);
        assert_eq!(fill(&template(), &BTreeMap::new(), &vars), Err(DocumentError::UnknownVariable("deadline".into())));
        let vars = BTreeMap::from([("project.name", "x".to_string()), ("deadline", "d".to_string())]);
        let edit = BTreeMap::from([("notice".to_string(), "改写".to_string())]);
        assert_eq!(fill(&template(), &edit, &vars), Err(DocumentError::FixedSection("notice".into())));
        let edit = BTreeMap::from([("req".to_string(), "新的需求说明".to_string())]);
        assert_eq!(fill(&template(), &edit, &vars).unwrap()[1].parts, vec![Part::Text("新的需求说明".into())]);
    }
}
