//! 政府采购品目分类目录 (2022): A goods / B works / C services, then four 2-digit levels.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Localized, Msg};

/// The object type of a purchase (采购对象): it selects thresholds and price-weight rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectType {
    /// 货物
    Goods,
    /// 工程
    Works,
    /// 服务
    Services,
}

impl ObjectType {
    pub const ALL: [ObjectType; 3] = [ObjectType::Goods, ObjectType::Works, ObjectType::Services];

    pub fn parse(s: &str) -> Option<ObjectType> {
        ObjectType::ALL.into_iter().find(|t| t.key() == s)
    }

    pub fn key(self) -> &'static str {
        match self {
            ObjectType::Goods => "goods",
            ObjectType::Works => "works",
            ObjectType::Services => "services",
        }
    }
}

/// The database edge: a stored object type that is not one of ours is an error.
impl TryFrom<String> for ObjectType {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        ObjectType::parse(&s).ok_or_else(|| format!("unknown object type {s:?}"))
    }
}

/// Its name is in the catalogs under `label.object_type.<key>`.
impl crate::Labelled for ObjectType {
    fn label_key(&self) -> String {
        format!("label.object_type.{}", self.key())
    }
}

/// A 品目 code: `A`, `B` or `C` alone (the root) or followed by exactly eight digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PinmuCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a 品目 code: {0:?} (A, B or C followed by 8 digits)")]
pub struct PinmuCodeError(pub String);

impl Localized for PinmuCodeError {
    fn code(&self) -> &'static str {
        "catalog.bad_code"
    }
    fn msg(&self) -> Msg {
        Msg::new("error.catalog.bad_code").arg("value", &self.0)
    }
}

impl PinmuCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn object_type(&self) -> ObjectType {
        match self.0.as_bytes()[0] {
            b'A' => ObjectType::Goods,
            b'B' => ObjectType::Works,
            _ => ObjectType::Services,
        }
    }

    /// 0 for the root letter, else the number of non-zero 2-digit groups from the left (1–4).
    pub fn level(&self) -> u8 {
        let digits = &self.0[1..];
        digits.as_bytes().chunks(2).take_while(|pair| pair != b"00").count() as u8
    }

    /// Whether `self` is `other` or lies beneath it in the tree.
    pub fn is_within(&self, other: &PinmuCode) -> bool {
        let prefix_len = 1 + 2 * other.level() as usize;
        self.0.starts_with(&other.0[..prefix_len.min(other.0.len())])
    }
}

impl FromStr for PinmuCode {
    type Err = PinmuCodeError;
    fn from_str(input: &str) -> Result<Self, PinmuCodeError> {
        let s = input.trim().to_ascii_uppercase();
        let ok = match s.as_bytes() {
            [b'A' | b'B' | b'C'] => true,
            [b'A' | b'B' | b'C', rest @ ..] => rest.len() == 8 && rest.iter().all(u8::is_ascii_digit),
            _ => false,
        };
        if ok { Ok(PinmuCode(s)) } else { Err(PinmuCodeError(input.to_string())) }
    }
}

impl TryFrom<String> for PinmuCode {
    type Error = PinmuCodeError;
    fn try_from(s: String) -> Result<Self, PinmuCodeError> {
        s.parse()
    }
}

impl From<PinmuCode> for String {
    fn from(c: PinmuCode) -> String {
        c.0
    }
}

impl fmt::Display for PinmuCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One row of the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogEntry {
    pub code: PinmuCode,
    pub name: String,
    pub parent: Option<PinmuCode>,
}

/// Parses the catalog's records (`code,name,level,parent`, each with its line number, the header
/// already read), reporting the first bad line.
pub fn parse_catalog_rows<'a>(rows: impl IntoIterator<Item = (usize, &'a [String])>) -> Result<Vec<CatalogEntry>, (usize, String)> {
    let mut out = Vec::new();
    for (line_no, cols) in rows {
        if cols.len() != 4 {
            return Err((line_no, format!("expected 4 columns, got {}", cols.len())));
        }
        let code: PinmuCode = cols[0].parse().map_err(|e: PinmuCodeError| (line_no, e.to_string()))?;
        let parent =
            if cols[3].trim().is_empty() { None } else { Some(cols[3].parse().map_err(|e: PinmuCodeError| (line_no, e.to_string()))?) };
        out.push(CatalogEntry { code, name: cols[1].trim().to_string(), parent });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_with_type_and_level() {
        let pc: PinmuCode = "a02010105".parse().unwrap();
        assert_eq!(pc.as_str(), "A02010105");
        assert_eq!(pc.object_type(), ObjectType::Goods);
        assert_eq!(pc.level(), 4);
        assert_eq!("C".parse::<PinmuCode>().unwrap().level(), 0);
        assert_eq!("B01000000".parse::<PinmuCode>().unwrap().object_type(), ObjectType::Works);
        assert_eq!("A02010000".parse::<PinmuCode>().unwrap().level(), 2);
    }

    #[test]
    fn malformed_codes_are_refused() {
        for bad in ["D01000000", "A0201", "A0201010X", "", "AA2010105"] {
            assert!(bad.parse::<PinmuCode>().is_err(), "{bad}");
        }
    }

    #[test]
    fn within_follows_the_tree() {
        let desktop: PinmuCode = "A02010105".parse().unwrap();
        let computers: PinmuCode = "A02010100".parse().unwrap();
        let services: PinmuCode = "C".parse().unwrap();
        assert!(desktop.is_within(&computers));
        assert!(desktop.is_within(&"A".parse().unwrap()));
        assert!(!desktop.is_within(&services));
        assert!(!computers.is_within(&desktop));
    }
}
