//! The translation catalogs (翻译目录): every word the platform shows a user, one Fluent catalog
//! per language under `locales/<tag>/`, embedded at build time and parsed once.
//!
//! Code names a text by key (`plan.filed`, `nav.home`); the catalog message is the key with
//! dots turned into dashes (`plan-filed`), because Fluent identifiers have no dots. A message
//! may take arguments (`{ $no }`) and attributes (`.body`); notifications use the value as the
//! title and `.body` as the text. A key missing in one language falls back to Chinese, then to
//! the key itself, and the tests keep every key present in every language.

use std::collections::HashMap;
use std::sync::OnceLock;

use caigou_domain::{Arg, Labelled, Lang, Msg};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

mod files {
    include!(concat!(env!("OUT_DIR"), "/catalog_files.rs"));
}

/// One language's catalog.
struct Book {
    bundle: FluentBundle<FluentResource>,
    /// Messages without arguments, formatted once.
    plain: HashMap<String, &'static str>,
    /// Message ids in file order, for the completeness tests.
    ids: Vec<String>,
}

/// Every language's catalog.
pub struct Catalog {
    books: Vec<(Lang, Book)>,
}

/// Renders a user-facing error in a language: `e.message(lang)` for anything [`Localized`].
pub trait Render {
    fn message(&self, lang: Lang) -> String;
}

impl<T: caigou_domain::Localized + ?Sized> Render for T {
    fn message(&self, lang: Lang) -> String {
        catalog().msg(lang, &self.msg())
    }
}

/// The name of a value shown by name (a method, a role, a status) in a language:
/// `method.label(lang)` for anything [`Labelled`].
pub trait Label {
    fn label(&self, lang: Lang) -> &'static str;
}

impl<T: Labelled + ?Sized> Label for T {
    fn label(&self, lang: Lang) -> &'static str {
        let key = self.label_key();
        catalog().text(lang, &key).unwrap_or_else(|| {
            tracing::warn!(key, "missing label");
            "—"
        })
    }
}

/// The key of notifications written before notifications kept keys; their texts are arguments.
pub const LEGACY_NOTICE: &str = "notice.legacy";

/// A language's primary subtag (`zh` of `zh-CN`): the suffix of a value given per language.
fn primary(lang: Lang) -> &'static str {
    lang.tag().split('-').next().unwrap_or_default()
}

/// The catalog id of a key: `audit.action.plan.filed` → `audit-action-plan-filed`.
pub fn id(key: &str) -> String {
    key.replace('.', "-")
}

/// The platform's catalogs, loaded on first use. A catalog that does not parse is a build
/// defect, caught by the tests, so this panics rather than serve half a language.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::load(files::FILES).unwrap_or_else(|e| panic!("translation catalog: {e}")))
}

impl Catalog {
    fn load(files: &[(&str, &str, &str)]) -> Result<Catalog, String> {
        let mut books = Vec::new();
        for lang in Lang::ALL {
            let langid: unic_langid::LanguageIdentifier = lang.tag().parse().map_err(|e| format!("{}: {e}", lang.tag()))?;
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Chinese and English are both left-to-right: no isolation marks around arguments.
            bundle.set_use_isolating(false);
            let mut ids = Vec::new();
            for (tag, name, text) in files.iter().filter(|(tag, _, _)| *tag == lang.tag()) {
                let res = FluentResource::try_new(text.to_string()).map_err(|(_, errs)| format!("{tag}/{name}: {errs:?}"))?;
                for entry in res.entries() {
                    if let fluent_syntax::ast::Entry::Message(m) = entry {
                        ids.push(m.id.name.to_string());
                    }
                }
                bundle.add_resource(res).map_err(|errs| format!("{tag}/{name}: {errs:?}"))?;
            }
            let mut plain = HashMap::new();
            for id in &ids {
                let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else { continue };
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, None, &mut errors);
                if errors.is_empty() {
                    plain.insert(id.clone(), &*Box::leak(text.into_owned().into_boxed_str()));
                }
            }
            books.push((lang, Book { bundle, plain, ids }));
        }
        if let Some((tag, _, _)) = files.iter().find(|(tag, _, _)| !Lang::ALL.iter().any(|l| l.tag() == *tag)) {
            return Err(format!("catalog directory {tag} is not a language the platform knows (caigou_domain::Lang)"));
        }
        Ok(Catalog { books })
    }

    fn book(&self, lang: Lang) -> &Book {
        &self.books.iter().find(|(l, _)| *l == lang).expect("every language has a book").1
    }

    /// The text of a message without arguments; `None` when no language has it.
    pub fn text(&self, lang: Lang, key: &str) -> Option<&'static str> {
        let id = id(key);
        self.book(lang).plain.get(&id).or_else(|| self.book(Lang::Zh).plain.get(&id)).copied()
    }

    /// A message (or, with `attr`, one of its attributes) formatted with its arguments; `None`
    /// when no language has it.
    pub fn format(&self, lang: Lang, key: &str, attr: Option<&str>, args: &[(&str, &str)]) -> Option<String> {
        let id = id(key);
        [lang, Lang::Zh].into_iter().find_map(|l| {
            let bundle = &self.book(l).bundle;
            let msg = bundle.get_message(&id)?;
            let pattern = match attr {
                Some(a) => msg.get_attribute(a)?.value(),
                None => msg.value()?,
            };
            let mut fargs = FluentArgs::new();
            for (k, v) in args {
                fargs.set(*k, *v);
            }
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(key, ?errors, lang = l.tag(), "translation formatted with errors");
            }
            Some(text.into_owned())
        })
    }

    /// A [`Msg`] in `lang`; an unknown key shows itself, so a gap is visible, not blank.
    pub fn msg(&self, lang: Lang, m: &Msg) -> String {
        self.msg_attr(lang, m, None).unwrap_or_else(|| {
            tracing::warn!(key = m.key, "missing translation");
            m.key.clone()
        })
    }

    /// One attribute of a [`Msg`] (`body` of a notification), if the message has it.
    pub fn msg_attr(&self, lang: Lang, m: &Msg, attr: Option<&str>) -> Option<String> {
        if m.key == caigou_domain::i18n::GIVEN {
            return attr.is_none().then(|| {
                m.args.get(lang.tag()).or_else(|| m.args.get(Lang::Zh.tag())).and_then(Arg::text).unwrap_or_default().to_string()
            });
        }
        if m.key == caigou_domain::i18n::SOURCE {
            let zh = m.args.get("zh").and_then(Arg::text).unwrap_or_default();
            return attr.is_none().then(|| caigou_domain::legal::render_source(zh, lang));
        }
        // An argument that is a message is rendered in the same language first.
        let mut rendered: Vec<(&str, std::borrow::Cow<'_, str>)> = m.args.iter().map(|(k, v)| (k.as_str(), self.arg(lang, v))).collect();
        // A value given per language (`step_zh`, `step_en`: an approval step's name as its
        // admin wrote it; `kind_zh` in notifications stored before names were messages) is
        // the argument without the suffix, in the reader's language or else Chinese.
        for (k, v) in &m.args {
            for (l, suffix) in [(lang, primary(lang)), (Lang::Zh, primary(Lang::Zh))] {
                if let Some(base) = k.strip_suffix(suffix).and_then(|b| b.strip_suffix('_'))
                    && !rendered.iter().any(|(name, _)| *name == base)
                    && (l == lang || !m.args.contains_key(&format!("{base}_{}", primary(lang))))
                {
                    rendered.push((base, self.arg(lang, v)));
                }
            }
        }
        let args: Vec<(&str, &str)> = rendered.iter().map(|(k, v)| (*k, v.as_ref())).collect();
        self.format(lang, &m.key, attr, &args)
    }

    /// An argument in `lang`: a message or a list is rendered first.
    fn arg<'a>(&self, lang: Lang, a: &'a Arg) -> std::borrow::Cow<'a, str> {
        match a {
            Arg::Text(t) => std::borrow::Cow::Borrowed(t.as_str()),
            Arg::Msg(inner) => std::borrow::Cow::Owned(self.msg(lang, inner)),
            Arg::List { sep, items } => {
                let sep = self.text(lang, sep).unwrap_or(", ");
                std::borrow::Cow::Owned(items.iter().map(|i| self.arg(lang, i)).collect::<Vec<_>>().join(sep))
            }
        }
    }

    /// A notification's title and text in `lang`: the message's value and its `.body`.
    /// Notifications written before texts had keys (`notice.legacy`) carry their stored texts,
    /// `title_<tag>` and `body_<tag>`; a language they were not written in reads the Chinese.
    pub fn notice(&self, lang: Lang, m: &Msg) -> (String, String) {
        if m.key == LEGACY_NOTICE {
            let pick = |what: &str| {
                m.args
                    .get(&format!("{what}_{}", lang.tag()))
                    .or_else(|| m.args.get(&format!("{what}_{}", Lang::Zh.tag())))
                    .and_then(Arg::text)
                    .unwrap_or_default()
                    .to_string()
            };
            return (pick("title"), pick("body"));
        }
        (self.msg(lang, m), self.msg_attr(lang, m, Some("body")).unwrap_or_default())
    }

    /// Whether `lang`'s own catalog has the key (no fallback).
    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.book(lang).bundle.has_message(&id(key))
    }

    /// The message ids of one language, in file order.
    pub fn ids(&self, lang: Lang) -> &[String] {
        &self.book(lang).ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_message_once() {
        let c = catalog();
        let zh: std::collections::BTreeSet<&String> = c.ids(Lang::Zh).iter().collect();
        assert_eq!(zh.len(), c.ids(Lang::Zh).len(), "a message id is defined twice in zh-CN");
        for lang in Lang::ALL {
            let ids: std::collections::BTreeSet<&String> = c.ids(lang).iter().collect();
            assert_eq!(ids.len(), c.ids(lang).len(), "a message id is defined twice in {}", lang.tag());
            let missing: Vec<_> = zh.difference(&ids).collect();
            let extra: Vec<_> = ids.difference(&zh).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{}: missing {missing:?}, not in zh-CN {extra:?}", lang.tag());
        }
    }

    #[test]
    fn attributes_and_arguments_agree_across_languages() {
        use fluent_syntax::ast;
        // The variables and attributes each message uses, per language: a translation that drops
        // `{ $no }` or a `.body` would silently lose what the reader needs.
        fn shape(lang: Lang) -> HashMap<String, (Vec<String>, Vec<String>)> {
            let mut out = HashMap::new();
            for (tag, _, text) in files::FILES.iter().filter(|(t, _, _)| *t == lang.tag()) {
                let res = fluent_syntax::parser::parse(*text).unwrap_or_else(|_| panic!("{tag} parses"));
                for entry in res.body {
                    if let ast::Entry::Message(m) = entry {
                        let mut vars = Vec::new();
                        // A variable may name its language (`step_zh`, `step_en`): the same datum in
                        // the reader's language.
                        let mut collect = |p: &ast::Pattern<&str>| {
                            for el in &p.elements {
                                let name = match el {
                                    ast::PatternElement::Placeable {
                                        expression: ast::Expression::Inline(ast::InlineExpression::VariableReference { id }),
                                    } => id.name,
                                    ast::PatternElement::Placeable {
                                        expression:
                                            ast::Expression::Select { selector: ast::InlineExpression::VariableReference { id }, .. },
                                    } => id.name,
                                    _ => continue,
                                };
                                let name = name.strip_suffix("_zh").or_else(|| name.strip_suffix("_en")).unwrap_or(name);
                                vars.push(name.to_string());
                            }
                        };
                        if let Some(v) = &m.value {
                            collect(v);
                        }
                        for a in &m.attributes {
                            collect(&a.value);
                        }
                        vars.sort();
                        vars.dedup();
                        let mut attrs: Vec<String> = m.attributes.iter().map(|a| a.id.name.to_string()).collect();
                        attrs.sort();
                        out.insert(m.id.name.to_string(), (vars, attrs));
                    }
                }
            }
            out
        }
        let zh = shape(Lang::Zh);
        for lang in Lang::ALL {
            for (id, s) in shape(lang) {
                assert_eq!(Some(&s), zh.get(&id), "{id} in {} uses other arguments or attributes than zh-CN", lang.tag());
            }
        }
    }

    #[test]
    fn arguments_fill_in_and_a_missing_language_falls_back_to_chinese() {
        let c = Catalog::load(&[
            ("zh-CN", "t.ftl", "hello = 你好，{ $name }\nonly-zh = 仅中文\nnote = 标题\n    .body = 正文 { $n }\n"),
            ("en", "t.ftl", "hello = Hello, { $name }\nnote = Title\n    .body = Body { $n }\n"),
        ])
        .unwrap();
        assert_eq!(c.format(Lang::En, "hello", None, &[("name", "王")]).as_deref(), Some("Hello, 王"));
        assert_eq!(c.format(Lang::Zh, "hello", None, &[("name", "王")]).as_deref(), Some("你好，王"));
        assert_eq!(c.text(Lang::En, "only.zh"), Some("仅中文"));
        assert_eq!(c.text(Lang::En, "nope"), None);
        assert_eq!(c.msg(Lang::En, &Msg::new("note").arg("n", 3)), "Title");
        assert_eq!(c.msg_attr(Lang::En, &Msg::new("note").arg("n", 3), Some("body")).as_deref(), Some("Body 3"));
        assert!(Catalog::load(&[("fr", "t.ftl", "a = b\n")]).is_err(), "an unknown language directory is refused");
        let given = Msg::given([(Lang::Zh, "中文".to_string()), (Lang::En, "English".to_string())]);
        assert_eq!((c.msg(Lang::Zh, &given), c.msg(Lang::En, &given)), ("中文".to_string(), "English".to_string()));
        assert_eq!(c.msg(Lang::En, &Msg::given([(Lang::Zh, "仅中文".to_string())])), "仅中文");
        let legacy = Msg::new(LEGACY_NOTICE)
            .arg("title_zh-CN", "旧标题")
            .arg("body_zh-CN", "旧正文")
            .arg("title_en", "Old title")
            .arg("body_en", "Old body");
        assert_eq!(c.notice(Lang::En, &legacy), ("Old title".to_string(), "Old body".to_string()));
        assert_eq!(c.notice(Lang::Zh, &legacy), ("旧标题".to_string(), "旧正文".to_string()));
        assert!(Catalog::load(&[("zh-CN", "t.ftl", "a = {\n")]).is_err(), "a catalog that does not parse is refused");
    }
}
