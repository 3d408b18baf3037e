//! 身份名称: the names by which organizations and users know each other, made so that one
//! cannot pass for another. A supplier's name and a username are normalized (Unicode NFKC:
//! full-width letters, ligatures and compatibility forms become their plain form), may not hide
//! characters (zero-width, bidi overrides, controls), and are compared by their confusable
//! skeleton (Unicode TR39), so `ѕupplier1` (Cyrillic ѕ) is the same name as `supplier1` and a
//! copy of a registered supplier's name with a zero-width space is refused.

use unicode_normalization::UnicodeNormalization;
use unicode_security::confusable_detection::skeleton;

use crate::limits;
use crate::{Localized, Msg};

/// Why a name was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameRefused {
    Empty,
    TooLong {
        max: usize,
    },
    TooShort {
        min: usize,
    },
    /// A zero-width, bidi-control or other invisible character.
    Hidden,
    /// A username may hold only letters a-z, digits and `.`, `_`, `-`.
    UsernameCharacters,
}

impl Localized for NameRefused {
    fn code(&self) -> &'static str {
        match self {
            NameRefused::Empty => "name.empty",
            NameRefused::TooLong { .. } => "name.too_long",
            NameRefused::TooShort { .. } => "name.too_short",
            NameRefused::Hidden => "name.hidden_characters",
            NameRefused::UsernameCharacters => "username.characters",
        }
    }

    fn msg(&self) -> Msg {
        let m = Msg::new(format!("error.{}", self.code()));
        match self {
            NameRefused::TooLong { max } => m.arg("max", max),
            NameRefused::TooShort { min } => m.arg("min", min),
            _ => m,
        }
    }
}

/// Characters that change how text reads without showing: controls, zero-width characters,
/// bidi embeddings/overrides/isolates, the soft hyphen, the BOM and other format characters.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180E}'
            | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}')
}

/// A display name (an organization's 名称, a person's name): NFKC, trimmed, inner runs of
/// white space made one space, nothing hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<DisplayName, NameRefused> {
        let normal: String = raw.nfkc().collect();
        if normal.chars().any(hidden) {
            return Err(NameRefused::Hidden);
        }
        let name = normal.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(NameRefused::Empty);
        }
        if name.chars().count() > limits::NAME_CHARS {
            return Err(NameRefused::TooLong { max: limits::NAME_CHARS });
        }
        Ok(DisplayName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What two names that look alike share: the TR39 skeleton of the name without spaces or
    /// punctuation, lower-cased. Two organizations may not have the same key.
    pub fn key(&self) -> String {
        likeness_key(&self.0)
    }
}

/// A username: NFKC, lower-case (`Supplier1` and `supplier1` are one account), 3–64 of a–z,
/// digits and `.` `_` `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

pub const USERNAME_MIN: usize = 3;

impl Username {
    pub fn parse(raw: &str) -> Result<Username, NameRefused> {
        let normal: String = raw.trim().nfkc().collect::<String>().to_lowercase();
        if normal.chars().any(hidden) {
            return Err(NameRefused::Hidden);
        }
        if normal.chars().count() < USERNAME_MIN {
            return Err(NameRefused::TooShort { min: USERNAME_MIN });
        }
        if normal.chars().count() > limits::CODE_CHARS {
            return Err(NameRefused::TooLong { max: limits::CODE_CHARS });
        }
        if !normal.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-')) {
            return Err(NameRefused::UsernameCharacters);
        }
        Ok(Username(normal))
    }

    /// The form a login is looked up by: what was typed, NFKC and lower-cased (never refused,
    /// so a bad username is just a failed login).
    pub fn for_login(raw: &str) -> String {
        raw.trim().nfkc().collect::<String>().to_lowercase()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Usernames that look alike (`rn` and `m`, `l` and `1`, `0` and `o`) share a key; two
    /// accounts may not.
    pub fn key(&self) -> String {
        likeness_key(&self.0)
    }
}

fn likeness_key(s: &str) -> String {
    let plain: String = s.nfkc().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    skeleton(&plain).collect::<String>().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cyrillic_look_alike_has_the_same_key_as_the_latin_name() {
        let latin = Username::parse("supplier1").unwrap();
        // U+0455 CYRILLIC SMALL LETTER DZE looks like s; the username itself is refused, and
        // a display name with it shares the Latin name's key.
        assert_eq!(Username::parse("ѕupplier1"), Err(NameRefused::UsernameCharacters));
        assert_eq!(DisplayName::parse("ѕupplier1").unwrap().key(), DisplayName::parse("supplier1").unwrap().key());
        assert_eq!(Username::parse("supplierl").unwrap().key(), latin.key(), "l and 1 look alike");
        assert_ne!(Username::parse("supplier2").unwrap().key(), latin.key());
    }

    #[test]
    fn usernames_are_case_insensitive() {
        assert_eq!(Username::parse("Supplier1").unwrap().as_str(), "supplier1");
        assert_eq!(Username::for_login(" SUPPLIER1 "), "supplier1");
        // Full-width letters are the same letters (NFKC).
        assert_eq!(Username::parse("ｓｕｐｐｌｉｅｒ１").unwrap().as_str(), "supplier1");
    }

    #[test]
    fn usernames_have_bounds() {
        assert_eq!(Username::parse("ab"), Err(NameRefused::TooShort { min: 3 }));
        assert!(Username::parse("abc").is_ok());
        assert!(Username::parse(&"a".repeat(64)).is_ok());
        assert_eq!(Username::parse(&"a".repeat(65)), Err(NameRefused::TooLong { max: 64 }));
    }

    #[test]
    fn hidden_characters_are_refused_in_names() {
        for bad in ["示范\u{200B}科技有限公司", "示范科技\u{202E}司公限有", "\u{FEFF}示范科技", "示范\u{2066}科技"]
        {
            assert_eq!(DisplayName::parse(bad), Err(NameRefused::Hidden), "{bad:?}");
        }
        assert_eq!(Username::parse("sup\u{200D}plier"), Err(NameRefused::Hidden));
    }

    #[test]
    fn a_copy_of_a_name_with_other_spacing_or_width_is_the_same_name() {
        let a = DisplayName::parse("示范市 信息技术 有限公司").unwrap();
        let b = DisplayName::parse("示范市信息技术有限公司").unwrap();
        let c = DisplayName::parse("示范市信息技术有限公司（ＡＢＣ）").unwrap();
        assert_eq!(a.key(), b.key());
        assert_eq!(c.as_str(), "示范市信息技术有限公司(ABC)", "full-width forms become plain");
        assert_ne!(a.key(), DisplayName::parse("示范市信息科技有限公司").unwrap().key());
        assert_eq!(DisplayName::parse("  多个   空格  ").unwrap().as_str(), "多个 空格");
        assert_eq!(DisplayName::parse("   "), Err(NameRefused::Empty));
    }
}
