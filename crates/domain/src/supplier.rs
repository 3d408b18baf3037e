//! Supplier admission (供应商入驻): the profile's review state machine, enterprise size for the
//! SME policy, and qualification validity.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::{Localized, Msg};

/// 企业规模 (工信部联企业〔2011〕300号 categories), declared by the supplier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnterpriseSize {
    Large,
    Medium,
    Small,
    Micro,
}

impl EnterpriseSize {
    pub const ALL: [EnterpriseSize; 4] = [EnterpriseSize::Large, EnterpriseSize::Medium, EnterpriseSize::Small, EnterpriseSize::Micro];

    pub fn key(self) -> &'static str {
        match self {
            EnterpriseSize::Large => "large",
            EnterpriseSize::Medium => "medium",
            EnterpriseSize::Small => "small",
            EnterpriseSize::Micro => "micro",
        }
    }

    pub fn parse(s: &str) -> Option<EnterpriseSize> {
        EnterpriseSize::ALL.into_iter().find(|k| k.key() == s)
    }

    /// 中小企业 (for reserved lots).
    pub fn is_sme(self) -> bool {
        self != EnterpriseSize::Large
    }

    /// 小微企业 (for the price deduction). 残疾人福利性单位 and 监狱企业 count as 小微 too (19号, check).
    pub fn is_small_or_micro(self) -> bool {
        matches!(self, EnterpriseSize::Small | EnterpriseSize::Micro)
    }
}

/// Its name is in the catalogs under `label.enterprise_size.<key>`.
impl crate::Labelled for EnterpriseSize {
    fn label_key(&self) -> String {
        format!("label.enterprise_size.{}", self.key())
    }
}

/// Where a supplier's admission stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupplierStatus {
    /// Registered, not yet sent for review.
    Draft,
    /// Waiting for a reviewer.
    Submitted,
    /// Sent back with comments; the supplier edits and resubmits.
    Returned,
    /// May obtain documents and bid anywhere on the platform.
    Approved,
}

impl SupplierStatus {
    pub const ALL: [SupplierStatus; 4] =
        [SupplierStatus::Draft, SupplierStatus::Submitted, SupplierStatus::Returned, SupplierStatus::Approved];

    pub fn key(self) -> &'static str {
        match self {
            SupplierStatus::Draft => "draft",
            SupplierStatus::Submitted => "submitted",
            SupplierStatus::Returned => "returned",
            SupplierStatus::Approved => "approved",
        }
    }

    pub fn parse(s: &str) -> Option<SupplierStatus> {
        [SupplierStatus::Draft, SupplierStatus::Submitted, SupplierStatus::Returned, SupplierStatus::Approved]
            .into_iter()
            .find(|k| k.key() == s)
    }

    /// Whether the supplier may change its profile now (an approved one keeps name and code).
    pub fn editable(self) -> bool {
        matches!(self, SupplierStatus::Draft | SupplierStatus::Returned)
    }
}

/// Its name is in the catalogs under `label.supplier_status.<key>`.
impl crate::Labelled for SupplierStatus {
    fn label_key(&self) -> String {
        format!("label.supplier_status.{}", self.key())
    }
}

impl std::fmt::Display for SupplierStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// The database edge: an unknown stored status is an error.
impl std::str::FromStr for SupplierStatus {
    type Err = crate::state::UnknownState;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SupplierStatus::parse(s).ok_or_else(|| crate::state::UnknownState { machine: "supplier", value: s.to_string() })
    }
}

impl TryFrom<String> for SupplierStatus {
    type Error = crate::state::UnknownState;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupplierEvent {
    Submit,
    Approve,
    Return,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadTransition {
    pub from: SupplierStatus,
    pub event: SupplierEvent,
}

impl Localized for BadTransition {
    fn code(&self) -> &'static str {
        "supplier.bad_state"
    }
    fn msg(&self) -> Msg {
        Msg::new("error.supplier.bad_state").arg_label("state", &self.from)
    }
}

pub fn transition(from: SupplierStatus, event: SupplierEvent) -> Result<SupplierStatus, BadTransition> {
    use SupplierEvent as E;
    use SupplierStatus as S;
    match (from, event) {
        (S::Draft | S::Returned, E::Submit) => Ok(S::Submitted),
        (S::Submitted, E::Approve) => Ok(S::Approved),
        (S::Submitted, E::Return) => Ok(S::Returned),
        _ => Err(BadTransition { from, event }),
    }
}

/// A step of 入驻 (admission), as a new supplier walks it: its profile, its qualifications,
/// submitting them, and the review by the region's finance department.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AdmissionStep {
    Profile,
    Qualifications,
    Submit,
    Review,
}

impl AdmissionStep {
    pub fn key(self) -> &'static str {
        match self {
            AdmissionStep::Profile => "profile",
            AdmissionStep::Qualifications => "qualifications",
            AdmissionStep::Submit => "submit",
            AdmissionStep::Review => "review",
        }
    }
}

/// Where a step stands: done, the one to take now, or after that.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    Done,
    Now,
    Later,
}

impl StepState {
    pub fn key(self) -> &'static str {
        match self {
            StepState::Done => "done",
            StepState::Now => "now",
            StepState::Later => "later",
        }
    }
}

/// The admission steps for a supplier in `status` whose profile is (or is not) complete and
/// that has (or has not) uploaded a qualification. The first step not done is the one to take
/// now; a returned application is taken up again at the first step its facts leave open, else
/// at submitting (the review's comment says what to change).
pub fn admission_steps(status: SupplierStatus, profile_complete: bool, has_qualification: bool) -> [(AdmissionStep, StepState); 4] {
    use AdmissionStep as A;
    let done = match status {
        SupplierStatus::Approved => [true; 4],
        SupplierStatus::Submitted => [true, true, true, false],
        SupplierStatus::Draft | SupplierStatus::Returned => [profile_complete, has_qualification, false, false],
    };
    let steps = [A::Profile, A::Qualifications, A::Submit, A::Review];
    let now = done.iter().position(|d| !d);
    let mut out = [(A::Profile, StepState::Later); 4];
    for (i, step) in steps.into_iter().enumerate() {
        let state = if done[i] {
            StepState::Done
        } else if Some(i) == now {
            StepState::Now
        } else {
            StepState::Later
        };
        out[i] = (step, state);
    }
    out
}

/// Days before expiry from which a qualification is flagged as expiring.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Validity {
    Valid,
    /// Expires within [`EXPIRY_WARNING_DAYS`].
    Expiring,
    Expired,
}

/// A qualification valid until the end of `valid_until` (no date: open-ended).
pub fn validity(valid_until: Option<Date>, today: Date) -> Validity {
    match valid_until {
        None => Validity::Valid,
        Some(d) if d < today => Validity::Expired,
        Some(d) if (d - today).get_days() <= EXPIRY_WARNING_DAYS as i32 => Validity::Expiring,
        Some(_) => Validity::Valid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn review_cycle() {
        use SupplierEvent as E;
        use SupplierStatus as S;
        assert_eq!(transition(S::Draft, E::Submit), Ok(S::Submitted));
        assert_eq!(transition(S::Submitted, E::Return), Ok(S::Returned));
        assert_eq!(transition(S::Returned, E::Submit), Ok(S::Submitted));
        assert_eq!(transition(S::Submitted, E::Approve), Ok(S::Approved));
        assert!(transition(S::Draft, E::Approve).is_err(), "nothing is approved unseen");
        assert!(transition(S::Approved, E::Submit).is_err());
    }

    #[test]
    fn admission_steps_point_at_the_next_thing_to_do() {
        use AdmissionStep as A;
        use StepState::{Done, Later, Now};
        let states = |s, p, q| admission_steps(s, p, q).map(|(_, st)| st);
        assert_eq!(
            admission_steps(SupplierStatus::Draft, false, false).map(|(a, _)| a),
            [A::Profile, A::Qualifications, A::Submit, A::Review]
        );
        assert_eq!(states(SupplierStatus::Draft, false, false), [Now, Later, Later, Later], "a new supplier starts with its profile");
        assert_eq!(states(SupplierStatus::Draft, true, false), [Done, Now, Later, Later], "then uploads a qualification");
        assert_eq!(states(SupplierStatus::Draft, false, true), [Now, Done, Later, Later], "an incomplete profile comes first");
        assert_eq!(states(SupplierStatus::Draft, true, true), [Done, Done, Now, Later], "then submits");
        assert_eq!(states(SupplierStatus::Submitted, true, true), [Done, Done, Done, Now], "then waits for the review");
        assert_eq!(states(SupplierStatus::Returned, true, true), [Done, Done, Now, Later], "a returned one resubmits");
        assert_eq!(states(SupplierStatus::Approved, false, false), [Done; 4], "an approved one is done");
    }

    #[test]
    fn qualification_validity_on_both_sides_of_the_dates() {
        let today = date(2026, 11, 23);
        assert_eq!(validity(Some(date(2026, 11, 22)), today), Validity::Expired);
        assert_eq!(validity(Some(date(2026, 11, 23)), today), Validity::Expiring, "valid through its last day");
        assert_eq!(validity(Some(date(2026, 12, 23)), today), Validity::Expiring);
        assert_eq!(validity(Some(date(2026, 12, 24)), today), Validity::Valid);
        assert_eq!(validity(None, today), Validity::Valid);
    }
}
