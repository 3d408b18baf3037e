//! The request's translator: every text a page shows comes from the catalogs of `caigou-i18n`
//! (`crates/i18n/locales/<tag>/*.ftl`), in the request's language. The tests here check that
//! every key the templates and handlers use exists, and that no catalog message goes unused.

use caigou_domain::{Lang, Msg};

/// A translator for one request's language. Templates call `t.s("key")`.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    /// The text for `key`; an unknown key shows itself, so a missing entry is visible, not blank.
    pub fn s(&self, key: &str) -> &'static str {
        caigou_i18n::catalog().text(self.lang, key).unwrap_or_else(|| {
            tracing::warn!(key, "missing translation");
            "??"
        })
    }

    /// A [`Msg`] (an error's or a notification's key and arguments) in this language.
    pub fn msg(&self, m: &Msg) -> String {
        caigou_i18n::catalog().msg(self.lang, m)
    }

    /// A message made of other messages (a field's label and what is wrong with it), composed
    /// in every language now and carried as [`Msg::given`].
    pub fn compose(f: impl Fn(Tr) -> String) -> Msg {
        Msg::given(Lang::ALL.map(|l| (l, f(Tr::new(l)))))
    }

    /// A label for an audit action or object type (`audit.action.*`, `audit.object.*`); an
    /// action without a label shows its stable code.
    pub fn audit_label(&self, kind: &str, code: &str) -> String {
        caigou_i18n::catalog().text(self.lang, &format!("audit.{kind}.{code}")).map(str::to_string).unwrap_or_else(|| code.to_string())
    }

    /// A message in every language the platform speaks, by tag: the `messages` of a JSON body.
    pub fn every(m: &Msg) -> std::collections::BTreeMap<&'static str, String> {
        Lang::ALL.into_iter().map(|l| (l.tag(), Tr::new(l).msg(m))).collect()
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn is_en(&self) -> bool {
        self.lang == Lang::En
    }

    pub fn tag(&self) -> &'static str {
        self.lang.tag()
    }

    /// The other language's tag, for the switch link.
    pub fn other_tag(&self) -> &'static str {
        match self.lang {
            Lang::Zh => "en",
            Lang::En => "zh-CN",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out)
            } else if path.extension().is_some_and(|x| x == "rs" || x == "html" || x == "js") {
                out.push(path)
            }
        }
    }

    /// Every source file of the crates that show or store text (tests of this module excluded).
    fn workspace_sources() -> Vec<(PathBuf, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let mut files = Vec::new();
        for dir in ["web/src", "web/templates", "web/static", "store/src", "app/src", "domain/src", "caigou/src"] {
            if root.join(dir).exists() {
                sources(&root.join(dir), &mut files);
            }
        }
        files
            .into_iter()
            .map(|p| {
                let mut text = std::fs::read_to_string(&p).unwrap();
                if p.ends_with("web/src/i18n.rs") {
                    text.truncate(text.find("#[cfg(test)]").unwrap_or(text.len()));
                }
                (p, text)
            })
            .collect()
    }

    fn has(key: &str) -> bool {
        caigou_i18n::catalog().has(Lang::Zh, key)
    }

    #[test]
    fn every_key_used_in_templates_and_pages_exists() {
        for (path, text) in workspace_sources() {
            if path.ends_with("web/src/i18n.rs") {
                continue;
            }
            for part in text.split(".s(\"").skip(1) {
                let key = part.split('"').next().unwrap();
                assert!(has(key), "{} uses unknown key {key}", path.display());
            }
        }
        // Every audit action and object type the shells write has a label.
        for (_, text) in workspace_sources()
            .into_iter()
            .filter(|(p, _)| ["store/src", "caigou/src", "app/src"].iter().any(|d| p.to_string_lossy().contains(d)))
        {
            for (marker, kind) in [("action: \"", "action"), ("object_type: \"", "object")] {
                for part in text.split(marker).skip(1) {
                    let code = part.split('"').next().unwrap();
                    assert!(has(&format!("audit.{kind}.{code}")), "no label for audit.{kind}.{code}");
                }
            }
        }
        for event in ["drafted", "submitted", "modified", "approved", "returned", "rejected"] {
            assert!(has(&format!("audit.action.request.{event}")), "audit.action.request.{event}");
        }
        // Keys built at run time.
        for status in ["filed", "awaiting_approval", "publicity", "refused", "rejected", "cancelled", "failed", "amended"] {
            assert!(has(&format!("status.{status}")), "status.{status}");
        }
        for state in ["draft", "in_review", "returned", "approved", "rejected"] {
            assert!(has(&format!("request.state.{state}")), "request.state.{state}");
        }
        for event in ["drafted", "submitted", "modified", "approved", "returned", "rejected"] {
            assert!(has(&format!("request.event.{event}")), "request.event.{event}");
        }
        for verdict in ["pass", "needs_approval", "refused"] {
            assert!(has(&format!("verdict.{verdict}")), "verdict.{verdict}");
        }
    }

    /// Families of keys built at run time from a code: `status.{code}` is used when some source
    /// names the code as a string (`"filed"`), or its last part as a variant (`Filed`).
    const BUILT: &[&str] = &[
        "audit.action.",
        "audit.object.",
        "audit.job.",
        "status.",
        "project.status.",
        "request.state.",
        "request.event.",
        "verdict.",
        "role.",
        "org_kind.",
        "opening.status.",
        "opening.outcome.",
        "opening.trait.",
        "bid.status.",
        // 入驻 steps (`AdmissionStep`).
        "wb.admission.",
        // A project's stages and next step (`tender::progress`).
        "projects.stage.",
        "projects.next.",
        // A value's name (`Labelled`), a finding's text (`says("…")`), a rule's title.
        "label.",
        "finding.plan.",
        "finding.tender.",
        "finding.evaluation.",
        // Why an expert was not drawn (`evaluation::avoidance::Exclusion`).
        "exclusion.",
        "warning.request.",
        "rule.title.",
        "sme.",
        // An error's message is `error.<code>` (`AppError::new`, `StoreError::reject`, `Localized`).
        "error.",
    ];

    fn camel(snake: &str) -> String {
        snake.split('_').map(|w| w[..1].to_uppercase() + &w[1..]).collect()
    }

    #[test]
    fn no_catalog_message_goes_unused() {
        let texts: Vec<String> = workspace_sources().into_iter().map(|(_, t)| t).collect();
        let all = texts.join("\n");
        let quoted = |s: &str| all.contains(&format!("\"{s}\"")) || all.contains(&format!("'{s}'"));
        let variants: std::collections::HashSet<String> = all
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .filter(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
            .map(str::to_string)
            .collect();
        // The help centre's texts are named by its guides (help_guides.rs tests that each exists).
        let help: std::collections::HashSet<String> = crate::platform::help_guides::keys().into_iter().collect();
        let mut unused = Vec::new();
        for id in caigou_i18n::catalog().ids(Lang::Zh) {
            // The catalog id of `a.b_c` is `a-b_c`; which dashes were dots is not recorded, so a
            // key is found by trying the dotted forms a source could spell.
            let parts: Vec<&str> = id.split('-').collect();
            let n = parts.len() - 1;
            let used = (0..(1u32 << n.min(12))).any(|mask| {
                let mut key = parts[0].to_string();
                for (i, p) in parts[1..].iter().enumerate() {
                    key.push(if mask & (1 << i) != 0 { '-' } else { '.' });
                    key.push_str(p);
                }
                quoted(&key)
                    || help.contains(&key)
                    || BUILT.iter().any(|prefix| {
                        key.strip_prefix(prefix).is_some_and(|code| {
                            let last = code.rsplit('.').next().unwrap_or(code);
                            quoted(code) || quoted(last) || variants.contains(&camel(last))
                        })
                    })
            });
            if !used {
                unused.push(id.clone());
            }
        }
        assert!(unused.is_empty(), "catalog messages no source uses ({}): {unused:?}", unused.len());
    }
}
