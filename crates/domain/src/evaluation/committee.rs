//! 评标委员会 / 谈判小组 / 询价小组 / 磋商小组: how many members, how many of them experts.
//! Tenders: an odd number, at least five, at least seven when the budget is 10,000,000 yuan or
//! more ("以上" includes the amount) or the project is technically complex or of large social
//! impact (87号令第47条). Negotiation, quotation and consultation: an odd number, at least
//! three, at least five when the project reaches the open-tender threshold (政府采购法第38、40条,
//! 74号令第7条, 214号第14条). Experts are at least two thirds of the members everywhere.

use serde::{Deserialize, Serialize};

use crate::tender::Family;
use crate::{Localized, Money, Msg};

/// The composition rules, each with its code and source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommitteeRule {
    /// An odd number of members.
    Odd,
    /// At least the minimum for the method and the project.
    Size,
    /// Experts at least two thirds of the members.
    ExpertShare,
}

impl CommitteeRule {
    pub const ALL: [CommitteeRule; 3] = [CommitteeRule::Odd, CommitteeRule::Size, CommitteeRule::ExpertShare];

    pub fn code(self) -> &'static str {
        match self {
            CommitteeRule::Odd => "EVAL-COMMITTEE-ODD",
            CommitteeRule::Size => "EVAL-COMMITTEE-SIZE",
            CommitteeRule::ExpertShare => "EVAL-COMMITTEE-EXPERTS",
        }
    }

    /// The source as users read it; it depends on the method's family.
    pub fn source(self, family: Family) -> &'static str {
        match family {
            // (check) in DOMAIN.md: 87号令47 is confirmed by a maintainer.
            Family::Tender => "87号令第47条",
            Family::Negotiation => "政府采购法第38、40条；74号令第7条",
            Family::Consultation => "214号第14条",
        }
    }
}

impl crate::Labelled for CommitteeRule {
    fn label_key(&self) -> String {
        format!("rule.title.{}", self.code())
    }
}

/// What the composition depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommitteeFacts {
    pub family: Family,
    /// The project's (or lot's) budget.
    pub budget: Money,
    /// The region's 公开招标数额标准 for the object type.
    pub open_tender_threshold: Money,
    /// 技术复杂、专业性强或者社会影响较大 (the agency says so; it raises a tender's minimum).
    pub complex: bool,
}

/// 10,000,000 yuan: from this budget a tender's committee has at least seven members.
pub const LARGE_TENDER: Money = Money::from_yuan(10_000_000);

/// The fewest members the committee may have.
pub fn minimum_members(f: &CommitteeFacts) -> u32 {
    match f.family {
        Family::Tender if f.budget >= LARGE_TENDER || f.complex => 7,
        Family::Tender => 5,
        Family::Negotiation | Family::Consultation if f.budget >= f.open_tender_threshold => 5,
        Family::Negotiation | Family::Consultation => 3,
    }
}

/// A proposed committee: its members, and how many of them are drawn experts (the rest are the
/// purchaser's representatives).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Committee {
    pub members: u32,
    pub experts: u32,
}

/// One composition rule a committee breaks, with its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitteeViolation {
    pub rule: CommitteeRule,
    pub family: Family,
    pub text: Msg,
}

impl Localized for CommitteeViolation {
    fn code(&self) -> &'static str {
        self.rule.code()
    }
    fn msg(&self) -> Msg {
        Msg::new("rule.cited")
            .arg_msg("text", self.text.clone())
            .arg("code", self.rule.code())
            .arg_msg("source", Msg::source(self.rule.source(self.family)))
    }
}

/// Every rule `c` breaks for a project with `f` (none: lawful).
pub fn check_committee(f: &CommitteeFacts, c: Committee) -> Vec<CommitteeViolation> {
    let says = |what: &str| Msg::new(format!("finding.evaluation.{what}"));
    let mut out = Vec::new();
    let broke = |rule, text| CommitteeViolation { rule, family: f.family, text };
    if c.members.is_multiple_of(2) {
        out.push(broke(CommitteeRule::Odd, says("committee_even").arg("members", c.members)));
    }
    let min = minimum_members(f);
    if c.members < min {
        out.push(broke(CommitteeRule::Size, says("committee_small").arg("members", c.members).arg("min", min)));
    }
    // Experts ≥ 2/3 of the members, in integers: 3 × experts ≥ 2 × members.
    if c.experts > c.members || 3 * c.experts < 2 * c.members {
        out.push(broke(CommitteeRule::ExpertShare, says("committee_experts").arg("experts", c.experts).arg("members", c.members)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(family: Family, budget_yuan: i64, complex: bool) -> CommitteeFacts {
        CommitteeFacts { family, budget: Money::from_yuan(budget_yuan), open_tender_threshold: Money::from_yuan(4_000_000), complex }
    }

    fn rules(f: &CommitteeFacts, members: u32, experts: u32) -> Vec<CommitteeRule> {
        check_committee(f, Committee { members, experts }).into_iter().map(|v| v.rule).collect()
    }

    #[test]
    fn a_tender_of_ten_million_needs_seven() {
        let below = CommitteeFacts { budget: Money::from_fen(999_999_999), ..facts(Family::Tender, 0, false) };
        let at = facts(Family::Tender, 10_000_000, false);
        assert_eq!(minimum_members(&below), 5, "¥9,999,999.99");
        assert_eq!(minimum_members(&at), 7, "¥10,000,000.00: 以上 includes the amount");
        assert_eq!(rules(&below, 5, 4), []);
        assert_eq!(rules(&at, 5, 4), [CommitteeRule::Size]);
        assert_eq!(rules(&at, 7, 5), []);
        assert_eq!(minimum_members(&facts(Family::Tender, 1_000_000, true)), 7, "technically complex");
    }

    #[test]
    fn odd_members_and_two_thirds_experts() {
        let f = facts(Family::Tender, 1_000_000, false);
        assert_eq!(rules(&f, 6, 6), [CommitteeRule::Odd]);
        // 5 members: 4 experts is 80 %, 3 is 60 % (< 2/3).
        assert_eq!(rules(&f, 5, 4), []);
        assert_eq!(rules(&f, 5, 3), [CommitteeRule::ExpertShare]);
        // 9 members: 6 experts is exactly 2/3.
        assert_eq!(rules(&f, 9, 6), []);
        assert_eq!(rules(&f, 9, 5), [CommitteeRule::ExpertShare]);
        assert_eq!(rules(&f, 5, 6), [CommitteeRule::ExpertShare], "more experts than members");
    }

    #[test]
    fn negotiation_needs_five_from_the_open_tender_threshold() {
        let below = CommitteeFacts { budget: Money::from_fen(399_999_999), ..facts(Family::Negotiation, 0, false) };
        let at = facts(Family::Negotiation, 4_000_000, false);
        assert_eq!(minimum_members(&below), 3);
        assert_eq!(minimum_members(&at), 5);
        assert_eq!(rules(&below, 3, 2), []);
        assert_eq!(rules(&at, 3, 2), [CommitteeRule::Size]);
        assert_eq!(minimum_members(&facts(Family::Consultation, 4_000_000, false)), 5);
        assert_eq!(minimum_members(&facts(Family::Consultation, 100_000, false)), 3);
    }

    #[test]
    fn each_rule_cites_its_source_for_the_family() {
        assert_eq!(CommitteeRule::Size.source(Family::Tender), "87号令第47条");
        let v = &check_committee(&facts(Family::Consultation, 1, false), Committee { members: 2, experts: 1 })[0];
        assert_eq!(v.msg().args.get("code").and_then(crate::Arg::text), Some("EVAL-COMMITTEE-ODD"));
        for family in [Family::Tender, Family::Negotiation, Family::Consultation] {
            for rule in CommitteeRule::ALL {
                for c in crate::legal::citations(rule.source(family)) {
                    for n in &c.articles {
                        assert!(crate::legal::article(c.instrument, *n).is_some(), "{} in the library", rule.source(family));
                    }
                }
            }
        }
    }
}
