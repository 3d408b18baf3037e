//! Money as integer fen (分). Never floats.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Localized, Msg};

/// An amount of Chinese yuan in fen (1 元 = 100 分). Non-negative amounts are the norm; the type
/// allows negatives so that differences (savings, adjustments) stay exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Money(i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("not an amount of yuan: {0:?}")]
    Invalid(String),
    #[error("amount out of range")]
    Overflow,
}

impl Localized for MoneyError {
    fn code(&self) -> &'static str {
        match self {
            MoneyError::Invalid(_) => "money.invalid",
            MoneyError::Overflow => "money.overflow",
        }
    }
    fn msg(&self) -> Msg {
        match self {
            MoneyError::Invalid(s) => Msg::new("error.money.invalid").arg("value", s),
            MoneyError::Overflow => Msg::new("error.money.overflow"),
        }
    }
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    pub const fn from_yuan(yuan: i64) -> Money {
        Money(yuan * 100)
    }

    pub const fn fen(self) -> i64 {
        self.0
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// `self × numerator / denominator`, rounded half away from zero to the fen.
    pub fn mul_ratio(self, numerator: i64, denominator: i64) -> Option<Money> {
        if denominator == 0 {
            return None;
        }
        let p = (self.0 as i128) * (numerator as i128);
        let d = denominator as i128;
        let q = p / d;
        let r = p % d;
        let rounded = if (r.abs() * 2) >= d.abs() { q + p.signum() * d.signum() } else { q };
        i64::try_from(rounded).ok().map(Money)
    }
}

impl FromStr for Money {
    type Err = MoneyError;

    /// Parses yuan with up to two decimals: `1234`, `1234.5`, `1,234.56`, `¥12.00`.
    fn from_str(input: &str) -> Result<Money, MoneyError> {
        let invalid = || MoneyError::Invalid(input.to_string());
        let s: String = input.trim().trim_start_matches(['¥', '￥']).chars().filter(|c| *c != ',').collect();
        let (neg, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest.to_string()),
            None => (false, s),
        };
        let (int_part, frac_part) = match s.split_once('.') {
            Some((i, f)) => (i, f),
            None => (s.as_str(), ""),
        };
        if int_part.is_empty()
            || !int_part.bytes().all(|b| b.is_ascii_digit())
            || frac_part.len() > 2
            || !frac_part.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(invalid());
        }
        if s.contains('.') && frac_part.is_empty() {
            return Err(invalid());
        }
        let yuan: i64 = int_part.parse().map_err(|_| MoneyError::Overflow)?;
        let frac: i64 = if frac_part.is_empty() { 0 } else { format!("{frac_part:0<2}").parse().map_err(|_| invalid())? };
        let fen = yuan.checked_mul(100).and_then(|v| v.checked_add(frac)).ok_or(MoneyError::Overflow)?;
        Ok(Money(if neg { -fen } else { fen }))
    }
}

impl fmt::Display for Money {
    /// `¥1,234,567.89`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let yuan = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, ch) in yuan.chars().enumerate() {
            if i > 0 && (yuan.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        write!(f, "{sign}¥{grouped}.{:02}", abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_yuan_with_up_to_two_decimals() {
        assert_eq!("1234".parse::<Money>().unwrap().fen(), 123_400);
        assert_eq!("1,234.5".parse::<Money>().unwrap().fen(), 123_450);
        assert_eq!("¥0.01".parse::<Money>().unwrap().fen(), 1);
        assert_eq!("-3.10".parse::<Money>().unwrap().fen(), -310);
    }

    #[test]
    fn refuses_three_decimals_floats_and_junk() {
        for bad in ["1.234", "1e5", "", ".5", "5.", "abc", "1.2.3", "NaN"] {
            assert!(bad.parse::<Money>().is_err(), "{bad} should be refused");
        }
        assert_eq!("99999999999999999999".parse::<Money>(), Err(MoneyError::Overflow));
    }

    #[test]
    fn displays_grouped_yuan() {
        assert_eq!(Money::from_fen(123_456_789).to_string(), "¥1,234,567.89");
        assert_eq!(Money::from_fen(5).to_string(), "¥0.05");
        assert_eq!(Money::from_fen(-100_000).to_string(), "-¥1,000.00");
    }

    #[test]
    fn ratio_rounds_half_away_from_zero() {
        assert_eq!(Money::from_fen(1000).mul_ratio(1, 3), Some(Money::from_fen(333)));
        assert_eq!(Money::from_fen(1000).mul_ratio(2, 3), Some(Money::from_fen(667)));
        assert_eq!(Money::from_fen(5).mul_ratio(1, 2), Some(Money::from_fen(3)));
        assert_eq!(Money::from_fen(1).mul_ratio(1, 0), None);
    }
}
