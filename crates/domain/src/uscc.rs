//! 统一社会信用代码 (unified social credit code), GB 32100-2015.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Localized, Msg};

/// The 31 characters the standard uses (no I, O, S, V, Z).
const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of positions 1–17: 3^i mod 31 (GB 32100-2015 §4).
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// A code that has passed the GB 32100-2015 checks; it cannot be constructed otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UnifiedSocialCreditCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsccError {
    #[error("a unified social credit code has 18 characters, got {0}")]
    Length(usize),
    #[error("character {ch:?} at position {position} is not allowed")]
    Character { position: usize, ch: char },
    #[error("positions 3-8 must be a 6-digit administrative division code")]
    Division,
    #[error("check character should be {expected}, got {got}")]
    Check { expected: char, got: char },
}

impl Localized for UsccError {
    fn code(&self) -> &'static str {
        "uscc.invalid"
    }
    fn msg(&self) -> Msg {
        match self {
            UsccError::Length(n) => Msg::new("error.uscc.invalid.length").arg("n", n),
            UsccError::Character { position, ch } => Msg::new("error.uscc.invalid.character").arg("position", position).arg("ch", ch),
            UsccError::Division => Msg::new("error.uscc.invalid.division"),
            UsccError::Check { expected, got } => Msg::new("error.uscc.invalid.check").arg("expected", expected).arg("got", got),
        }
    }
}

impl UnifiedSocialCreditCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The check character for the first 17 characters (which must be from the charset).
    pub fn check_char(first17: &str) -> Option<char> {
        let mut sum = 0u32;
        for (i, ch) in first17.chars().enumerate() {
            sum += CHARSET.find(ch)? as u32 * WEIGHTS.get(i)?;
        }
        let c = (31 - sum % 31) % 31;
        CHARSET.chars().nth(c as usize)
    }
}

impl FromStr for UnifiedSocialCreditCode {
    type Err = UsccError;

    fn from_str(input: &str) -> Result<Self, UsccError> {
        let s = input.trim().to_ascii_uppercase();
        let n = s.chars().count();
        if n != 18 {
            return Err(UsccError::Length(n));
        }
        for (i, ch) in s.chars().enumerate() {
            if !CHARSET.contains(ch) {
                return Err(UsccError::Character { position: i + 1, ch });
            }
        }
        if !s[2..8].bytes().all(|b| b.is_ascii_digit()) {
            return Err(UsccError::Division);
        }
        let expected = Self::check_char(&s[..17]).expect("charset checked above");
        let got = s.chars().nth(17).expect("length checked above");
        if expected != got {
            return Err(UsccError::Check { expected, got });
        }
        Ok(UnifiedSocialCreditCode(s))
    }
}

impl TryFrom<String> for UnifiedSocialCreditCode {
    type Error = UsccError;
    fn try_from(s: String) -> Result<Self, UsccError> {
        s.parse()
    }
}

impl From<UnifiedSocialCreditCode> for String {
    fn from(c: UnifiedSocialCreditCode) -> String {
        c.0
    }
}

impl fmt::Display for UnifiedSocialCreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_format_codes() {
        // Published codes of well-known organisations.
        for code in ["91350100M000100Y43", "91110000802100433B", "91440300708461136T"] {
            assert!(code.parse::<UnifiedSocialCreditCode>().is_ok(), "{code}");
        }
    }

    #[test]
    fn refuses_a_wrong_check_character() {
        let err = "91350100M000100Y44".parse::<UnifiedSocialCreditCode>().unwrap_err();
        assert_eq!(err, UsccError::Check { expected: '3', got: '4' });
    }

    #[test]
    fn refuses_wrong_length_and_forbidden_letters() {
        assert_eq!("9135010".parse::<UnifiedSocialCreditCode>().unwrap_err(), UsccError::Length(7));
        assert!(matches!(
            "91350100M000100O43".parse::<UnifiedSocialCreditCode>().unwrap_err(),
            UsccError::Character { position: 16, ch: 'O' }
        ));
        assert_eq!("91A50100M000100Y43".parse::<UnifiedSocialCreditCode>().unwrap_err(), UsccError::Division);
    }
}
