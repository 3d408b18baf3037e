//! 评审专家: what the pool holds of an expert, parsed at the edge. The identity card number
//! (公民身份号码, GB 11643-1999) is checked by its check digit and kept only as a masked display
//! and a key for uniqueness; specialties are 品目 codes, each with a level.

use serde::{Deserialize, Serialize};

use crate::catalog::PinmuCode;

/// A 公民身份号码: 17 digits and a check character (0–9 or X), ISO 7064 MOD 11-2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdCardNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdCardError {
    #[error("an identity card number has 18 characters: 17 digits and a digit or X")]
    Shape,
    #[error("the check character does not match")]
    Check,
}

impl std::str::FromStr for IdCardNumber {
    type Err = IdCardError;
    fn from_str(s: &str) -> Result<Self, IdCardError> {
        let s = s.trim().to_ascii_uppercase();
        let b = s.as_bytes();
        if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) || !(b[17].is_ascii_digit() || b[17] == b'X') {
            return Err(IdCardError::Shape);
        }
        const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        let sum: u32 = b[..17].iter().zip(W).map(|(d, w)| u32::from(d - b'0') * w).sum();
        if b"10X98765432"[(sum % 11) as usize] != b[17] {
            return Err(IdCardError::Check);
        }
        Ok(IdCardNumber(s))
    }
}

impl IdCardNumber {
    /// Shown in lists: the region digits and the last four, `110105********123X`.
    pub fn masked(&self) -> String {
        format!("{}********{}", &self.0[..6], &self.0[14..])
    }

    /// The key that makes an expert unique in the pool: SHA-256 of the number under a
    /// platform-wide label. Not a secret (the numbers are few enough to enumerate): it keeps the
    /// number itself out of the database and its backups, not out of reach of the platform.
    pub fn key(&self) -> String {
        use sha2::{Digest, Sha256};
        hex::encode(Sha256::new().chain_update(b"caigou expert id card\0").chain_update(self.0.as_bytes()).finalize())
    }
}

/// 专业水平: the level of a specialty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 高级 (senior title or equivalent).
    Senior,
    /// 中级
    Intermediate,
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        match s.trim() {
            "高级" | "senior" => Some(Level::Senior),
            "中级" | "intermediate" => Some(Level::Intermediate),
            _ => None,
        }
    }
}

/// A 品目 the expert evaluates, with the level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Specialty {
    pub code: String,
    pub level: Level,
}

/// `A02021000:高级;C16000000:中级`: the specialties of a CSV cell, or the part that is wrong.
pub fn parse_specialties(cell: &str) -> Result<Vec<Specialty>, String> {
    let mut out = Vec::new();
    for part in cell.split([';', '；']).map(str::trim).filter(|p| !p.is_empty()) {
        let (code, level) = part.split_once([':', '：']).ok_or_else(|| part.to_string())?;
        let code: PinmuCode = code.trim().parse().map_err(|_| part.to_string())?;
        let level = Level::parse(level).ok_or_else(|| part.to_string())?;
        if !out.iter().any(|s: &Specialty| s.code == code.as_str()) {
            out.push(Specialty { code: code.as_str().to_string(), level });
        }
    }
    if out.is_empty() {
        return Err(cell.to_string());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_character_is_checked() {
        // GB 11643's example number.
        let n: IdCardNumber = "11010519491231002X".parse().unwrap();
        assert_eq!(n.masked(), "110105********002X");
        assert_eq!("11010519491231002x".parse::<IdCardNumber>().unwrap(), n, "a lower-case x");
        assert_eq!("110105194912310021".parse::<IdCardNumber>(), Err(IdCardError::Check));
        assert_eq!("1101051949123100".parse::<IdCardNumber>(), Err(IdCardError::Shape));
        assert_eq!("1101051949123100AX".parse::<IdCardNumber>(), Err(IdCardError::Shape));
        assert_eq!(n.key().len(), 64);
        let other: IdCardNumber = "110105198001011238".parse().unwrap();
        assert_ne!(n.key(), other.key(), "one key per number");
    }

    #[test]
    fn specialties_with_levels() {
        assert_eq!(
            parse_specialties("A02021000:高级；C16000000：中级;A02021000:中级").unwrap(),
            vec![
                Specialty { code: "A02021000".into(), level: Level::Senior },
                Specialty { code: "C16000000".into(), level: Level::Intermediate }
            ]
        );
        assert_eq!(parse_specialties("A0202:高级"), Err("A0202:高级".into()));
        assert_eq!(parse_specialties("A02021000:专家"), Err("A02021000:专家".into()));
        assert_eq!(parse_specialties(""), Err("".into()));
    }
}
