//! 串通投标线索: what the bids of different bidders share that 87号令第37条 treats as collusion
//! (视为串通投标): documents prepared by the same unit or person (the same author, last editor or
//! company in the documents' own metadata), bids handled by the same party (submitted from the
//! same address), documents mixed up or abnormally identical (the same file bytes). These are
//! signals for the evaluation committee and the supervisor, never a verdict.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

/// What is compared between bidders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trait {
    /// The address the valid submission came from.
    Address,
    /// A response document's author (PDF Author, OOXML dc:creator).
    Author,
    /// An OOXML document's last editor.
    LastModifiedBy,
    /// An OOXML document's company.
    Company,
    /// The SHA-256 of a response document.
    FileSha256,
}

impl Trait {
    pub fn key(self) -> &'static str {
        match self {
            Trait::Address => "address",
            Trait::Author => "author",
            Trait::LastModifiedBy => "last_modified_by",
            Trait::Company => "company",
            Trait::FileSha256 => "file_sha256",
        }
    }

    /// The situation of 87号令第37条 the trait points to.
    pub fn clause(self) -> &'static str {
        match self {
            Trait::Author | Trait::LastModifiedBy | Trait::Company => "87号令第37条第（一）项：投标文件由同一单位或者个人编制",
            Trait::Address => "87号令第37条第（二）项：委托同一单位或者个人办理投标事宜",
            Trait::FileSha256 => "87号令第37条第（四）、（五）项：投标文件异常一致或者相互混装",
        }
    }
}

/// One bidder's traits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bidder {
    pub name: String,
    pub traits: Vec<(Trait, String)>,
}

/// A value shared by two or more bidders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signal {
    #[serde(rename = "trait")]
    pub which: Trait,
    pub value: String,
    pub clause: &'static str,
    pub bidders: Vec<String>,
}

/// Values that name nobody (software defaults) are not signals.
fn meaningful(t: Trait, v: &str) -> bool {
    const GENERIC: [&str; 8] = ["", "administrator", "admin", "user", "微软用户", "微软中国", "unknown", "author"];
    t == Trait::FileSha256 || t == Trait::Address || !GENERIC.contains(&v)
}

/// The values two or more different bidders share, by trait then value.
pub fn shared(bidders: &[Bidder]) -> Vec<Signal> {
    let mut by: BTreeMap<(Trait, String), (String, BTreeSet<String>)> = BTreeMap::new();
    for b in bidders {
        for (t, v) in &b.traits {
            let shown = v.trim();
            let norm = shown.to_lowercase();
            if !meaningful(*t, &norm) {
                continue;
            }
            by.entry((*t, norm)).or_insert_with(|| (shown.to_string(), BTreeSet::new())).1.insert(b.name.clone());
        }
    }
    by.into_iter()
        .filter(|(_, (_, names))| names.len() >= 2)
        .map(|((t, _), (value, names))| Signal { which: t, value, clause: t.clause(), bidders: names.into_iter().collect() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(name: &str, traits: &[(Trait, &str)]) -> Bidder {
        Bidder { name: name.into(), traits: traits.iter().map(|(t, v)| (*t, v.to_string())).collect() }
    }

    #[test]
    fn what_two_bidders_share_is_a_signal_and_what_one_has_is_not() {
        let bids = [
            b("甲公司", &[(Trait::Author, "张三"), (Trait::Address, "10.0.0.1"), (Trait::FileSha256, "aa")]),
            b("乙公司", &[(Trait::Author, " 张三 "), (Trait::Address, "10.0.0.2"), (Trait::FileSha256, "aa")]),
            b("丙公司", &[(Trait::Author, "李四"), (Trait::Address, "10.0.0.2"), (Trait::Company, "Administrator")]),
            b("丁公司", &[(Trait::Company, "administrator"), (Trait::LastModifiedBy, "王五")]),
        ];
        let s = shared(&bids);
        let got: Vec<(Trait, &str, Vec<&str>)> =
            s.iter().map(|x| (x.which, x.value.as_str(), x.bidders.iter().map(String::as_str).collect())).collect();
        assert_eq!(
            got,
            vec![
                (Trait::Address, "10.0.0.2", vec!["丙公司", "乙公司"]),
                (Trait::Author, "张三", vec!["乙公司", "甲公司"]),
                (Trait::FileSha256, "aa", vec!["乙公司", "甲公司"]),
            ],
            "generic names (Administrator) and values only one bidder has are not signals"
        );
        assert!(s[1].clause.contains("同一单位或者个人编制"));
    }

    #[test]
    fn one_bidder_repeating_itself_is_not_a_signal() {
        let bids = [b("甲公司", &[(Trait::Author, "张三"), (Trait::Author, "张三")]), b("乙公司", &[(Trait::Author, "李四")])];
        assert!(shared(&bids).is_empty());
    }
}
