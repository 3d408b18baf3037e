//! Languages and the contract every user-facing error follows: a stable code plus a message in
//! Simplified Chinese (the default) and English.

use serde::{Deserialize, Serialize};

/// A user interface language. Simplified Chinese first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-CN")]
    Zh,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Parses a language tag such as `zh-CN`, `zh`, `en-US`; anything unknown is Chinese.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("en") { Lang::En } else { Lang::Zh }
    }

    /// Picks the first supported language of an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Lang {
        for part in header.split(',') {
            let tag = part.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
            if tag.starts_with("zh") {
                return Lang::Zh;
            }
            if tag.starts_with("en") {
                return Lang::En;
            }
        }
        Lang::Zh
    }

    /// Every language the platform speaks; each has a catalog directory named by its tag.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// The separator of an enumeration: 、 / `, `.
pub const SEP_ENUMERATION: &str = "sep.enumeration";
/// The separator of clauses, each a sentence of its own: ； / `; `.
pub const SEP_CLAUSES: &str = "sep.clauses";

/// The key of a [`Msg::given`] text.
pub const GIVEN: &str = "given";
/// The key of a legal source ([`Msg::source`]): the Chinese citation, read in the reader's
/// language by [`crate::legal::render_source`].
pub const SOURCE: &str = "legal.source";

/// A text to show a user, named by its catalog key with its arguments (消息键与参数). Errors
/// and notifications carry one, so the reader's language is chosen when it is read, not when it
/// was written. Keys are the stable codes (`plan.filed`); the catalogs hold the words.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Msg {
    pub key: String,
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub args: std::collections::BTreeMap<String, Arg>,
}

/// An argument of a [`Msg`]: a text shown as given (a number, a name), or a message of its own
/// rendered in the same language first (a method's name inside a rule's finding), so no text
/// is fixed to a language when it is written. Stored as a JSON string or a `{key, args}` object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    Text(String),
    Msg(Msg),
    /// Items shown one after another, joined by the separator the catalog names (`sep`:
    /// `sep.enumeration` is 、 in Chinese and a comma in English).
    List {
        sep: String,
        items: Vec<Arg>,
    },
}

impl Arg {
    /// The text, if the argument is one.
    pub fn text(&self) -> Option<&str> {
        match self {
            Arg::Text(t) => Some(t),
            Arg::Msg(_) | Arg::List { .. } => None,
        }
    }
}

impl Msg {
    pub fn new(key: impl Into<String>) -> Msg {
        Msg { key: key.into(), args: Default::default() }
    }

    /// A text given in each language by the code that made it (a rule's finding written with
    /// its figures), not looked up in the catalogs; a language not given reads the Chinese.
    pub fn given(texts: impl IntoIterator<Item = (Lang, String)>) -> Msg {
        Msg { key: GIVEN.to_string(), args: texts.into_iter().map(|(l, t)| (l.tag().to_string(), Arg::Text(t))).collect() }
    }

    /// A legal source as users read it (`政府采购法第35条`): the Chinese citation is kept, and a
    /// reader in another language reads it translated (`Government Procurement Law art. 35`).
    pub fn source(zh: impl Into<String>) -> Msg {
        Msg { key: SOURCE.to_string(), args: [("zh".to_string(), Arg::Text(zh.into()))].into_iter().collect() }
    }

    /// A text that reads the same in every language (a range such as `1–64`, a field's value).
    pub fn same(text: impl Into<String>) -> Msg {
        Msg::given([(Lang::Zh, text.into())])
    }

    /// Adds an argument the message's text refers to as `{ $name }`.
    pub fn arg(mut self, name: &str, value: impl ToString) -> Msg {
        self.args.insert(name.to_string(), Arg::Text(value.to_string()));
        self
    }

    /// Adds an argument that is itself a message, rendered in the reader's language.
    pub fn arg_msg(mut self, name: &str, value: Msg) -> Msg {
        self.args.insert(name.to_string(), Arg::Msg(value));
        self
    }

    /// Adds a list of plain texts (品目 codes, plan numbers) joined by the reader's
    /// enumeration comma.
    pub fn arg_list<T: ToString>(mut self, name: &str, items: impl IntoIterator<Item = T>) -> Msg {
        let items = items.into_iter().map(|i| Arg::Text(i.to_string())).collect();
        self.args.insert(name.to_string(), Arg::List { sep: SEP_ENUMERATION.into(), items });
        self
    }

    /// Adds a list of messages joined by the separator `sep` (a catalog key).
    pub fn arg_msgs(mut self, name: &str, sep: &str, items: impl IntoIterator<Item = Msg>) -> Msg {
        self.args.insert(name.to_string(), Arg::List { sep: sep.into(), items: items.into_iter().map(Arg::Msg).collect() });
        self
    }

    /// Adds a named value's name (`method`: 公开招标 / Open tender) as an argument.
    pub fn arg_label(self, name: &str, value: &impl Labelled) -> Msg {
        self.arg_msg(name, value.label_msg())
    }
}

/// A value shown to users by its name (采购方式, 角色, 状态…): the name is a catalog message,
/// `label.<kind>.<key>`, so the domain holds no words. `caigou_i18n::Label` gives the text.
pub trait Labelled {
    fn label_key(&self) -> String;
    fn label_msg(&self) -> Msg {
        Msg::new(self.label_key())
    }
}

/// A field hint given as plain text (`1–64`, `YYYY-MM-DD`) reads the same in every language.
impl From<&str> for Msg {
    fn from(text: &str) -> Msg {
        Msg::same(text)
    }
}

impl From<String> for Msg {
    fn from(text: String) -> Msg {
        Msg::same(text)
    }
}

/// An error a user can see: a stable machine code and its message as a catalog key with
/// arguments; the words are in the catalogs (`caigou-i18n`), one per language.
pub trait Localized {
    /// A stable code such as `calendar.no_data`; clients and tests match on it.
    fn code(&self) -> &'static str;
    /// The message: by default the catalog's `error.<code>` without arguments.
    fn msg(&self) -> Msg {
        Msg::new(format!("error.{}", self.code()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_keep_their_stored_shape() {
        // Notifications store their arguments as JSON: plain texts stay strings, so rows
        // written before arguments could be messages read back unchanged.
        let m = Msg::new("notice.x").arg("no", "P-1").arg_msg("kind", Msg::new("label.method.open_tender"));
        let json = serde_json::to_string(&m.args).unwrap();
        assert_eq!(json, r#"{"kind":{"key":"label.method.open_tender"},"no":"P-1"}"#);
        let back: std::collections::BTreeMap<String, Arg> = serde_json::from_str(r#"{"no":"P-1"}"#).unwrap();
        assert_eq!(back.get("no"), Some(&Arg::Text("P-1".into())));
        let back: std::collections::BTreeMap<String, Arg> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m.args);
    }

    #[test]
    fn accept_language_prefers_the_first_supported_tag() {
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9,zh;q=0.8"), Lang::En);
        assert_eq!(Lang::from_accept_language("fr, zh-CN;q=0.5"), Lang::Zh);
        assert_eq!(Lang::from_accept_language("fr"), Lang::Zh);
    }
}
