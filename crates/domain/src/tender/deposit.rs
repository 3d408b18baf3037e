//! 投标保证金 (bid deposits): how much a lot may require and in what form it may be paid.
//!
//! 政府采购法实施条例第33条: a deposit may be required of bidders; it may not exceed 2 % of the
//! procurement budget and is paid in a non-cash form — cheque, draft, promissory note, or a
//! guarantee issued by a financial institution or guarantee agency (87号令第38条 repeats both).
//! Bank transfer from the bidder's basic account is the usual electronic form.

use serde::{Deserialize, Serialize};

use super::rules::{TenderRule, Violation};
use crate::Money;

/// The non-cash forms a deposit may take (条例33). Cash is not one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DepositForm {
    /// 银行转账（基本账户）
    Transfer,
    /// 支票
    Cheque,
    /// 汇票
    Draft,
    /// 本票
    PromissoryNote,
    /// 保函（金融机构、担保机构出具）
    Guarantee,
}

impl DepositForm {
    pub const ALL: [DepositForm; 5] =
        [DepositForm::Transfer, DepositForm::Cheque, DepositForm::Draft, DepositForm::PromissoryNote, DepositForm::Guarantee];

    pub fn as_str(self) -> &'static str {
        match self {
            DepositForm::Transfer => "transfer",
            DepositForm::Cheque => "cheque",
            DepositForm::Draft => "draft",
            DepositForm::PromissoryNote => "promissory_note",
            DepositForm::Guarantee => "guarantee",
        }
    }

    /// Parses a form; cash (or anything else) is not one (see [`non_cash_required`]).
    pub fn parse(s: &str) -> Option<DepositForm> {
        DepositForm::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// Parses a form as the edge does: anything else is refused under 条例33.
    pub fn parse_or_refuse(s: &str) -> Result<DepositForm, super::Refused> {
        DepositForm::parse(s).ok_or_else(|| super::Refused(vec![non_cash_required()]))
    }
}

/// The refusal of a form that is not one of the non-cash forms.
pub fn non_cash_required() -> Violation {
    Violation::new(TenderRule::Deposit, "form", super::rules::says("deposit_non_cash"))
}

/// The most a lot may require: `cap_bp` basis points of its budget (the statutory cap, 2 % =
/// 200 under 条例33, kept as data in [`crate::statutory::StatutoryLimits`]), rounded down to the fen.
pub fn max_deposit(budget: Money, cap_bp: u32) -> Money {
    Money::from_fen(i64::try_from(i128::from(budget.fen()) * i128::from(cap_bp) / 10_000).unwrap_or(i64::MAX))
}

/// Checks a lot's deposit requirement against its budget and the cap.
pub fn check_deposit(field: &str, deposit: Money, budget: Money, cap_bp: u32) -> Option<Violation> {
    let max = max_deposit(budget, cap_bp);
    let share = format!("{}%", f64::from(cap_bp) / 100.0);
    (deposit.fen() <= 0 || deposit > max)
        .then(|| Violation::new(TenderRule::Deposit, field, super::rules::says("deposit_cap").arg("share", share).arg("max", max)))
}

/// Checks a recorded payment against the lot's requirement.
pub fn check_payment(required: Money, paid: Money) -> Option<Violation> {
    (paid < required).then(|| {
        Violation::new(TenderRule::Deposit, "amount", super::rules::says("deposit_short").arg("paid", paid).arg("required", required))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_most_two_percent_of_the_budget() {
        let budget = Money::from_yuan(500_000);
        assert_eq!(max_deposit(budget, 200), Money::from_yuan(10_000));
        assert!(check_deposit("deposit", Money::from_yuan(10_000), budget, 200).is_none(), "exactly 2 % is allowed");
        let v = check_deposit("deposit", Money::from_fen(1_000_001), budget, 200).expect("one fen above 2 %");
        assert_eq!((v.code.as_str(), v.field.as_str()), ("TEND-DEPOSIT", "deposit"));
        assert!(v.source.contains("条例第33条") && v.text.args["share"].text() == Some("2%"), "{v:?}");
        assert!(check_deposit("deposit", Money::ZERO, budget, 200).is_some());
        // An odd budget rounds the ceiling down.
        assert_eq!(max_deposit(Money::from_fen(149), 200), Money::from_fen(2));
        // The cap is data: a corrected 1.5 % applies at once.
        assert!(check_deposit("deposit", Money::from_yuan(10_000), budget, 150).is_some());
        assert!(check_deposit("deposit", Money::from_yuan(7_500), budget, 150).is_none());
    }

    #[test]
    fn non_cash_forms_only_and_enough_paid() {
        for f in DepositForm::ALL {
            assert_eq!(DepositForm::parse(f.as_str()), Some(f));
        }
        assert_eq!(DepositForm::parse("cash"), None);
        assert_eq!(non_cash_required().code, "TEND-DEPOSIT");
        let required = Money::from_yuan(10_000);
        assert!(check_payment(required, required).is_none());
        assert!(check_payment(required, Money::from_fen(required.fen() - 1)).is_some());
    }
}
