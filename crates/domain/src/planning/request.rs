//! 申购 (purchase requests) and the unit's internal approval chain (e.g. 部门负责人 → 财务 →
//! 采购办), configurable per unit and by amount. The state machine is pure; who may act on a
//! step is decided by `authz` (岗位分离: the applicant never approves their own request).

use serde::{Deserialize, Serialize};

use crate::authz::Role;
use crate::{Localized, Money, Msg};

/// One step of a unit's chain: who acts, and from which amount the step applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainStep {
    pub name_zh: String,
    pub name_en: String,
    /// The role that acts on this step (a unit's 审核 or 审批 staff).
    pub role: Role,
    /// The step applies to requests of at least this amount (fen); zero: always.
    pub min_amount: Money,
}

impl ChainStep {
    /// A step acts on requests of at least its minimum; smaller ones pass it by (the page says
    /// so, naming the minimum).
    pub fn applies_to(&self, amount: Money) -> bool {
        amount >= self.min_amount
    }
}

/// A unit's approval chain. Steps apply in order; steps under their minimum are skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalChain {
    pub steps: Vec<ChainStep>,
}

impl Default for ApprovalChain {
    /// 部门负责人审核 always; 分管领导审批 from ¥50,000.
    fn default() -> Self {
        ApprovalChain {
            steps: vec![
                ChainStep {
                    name_zh: "部门负责人审核".into(),
                    name_en: "Head of department".into(),
                    role: Role::PurchaserReviewer,
                    min_amount: Money::ZERO,
                },
                ChainStep {
                    name_zh: "分管领导审批".into(),
                    name_en: "Deputy director".into(),
                    role: Role::PurchaserApprover,
                    min_amount: Money::from_yuan(50_000),
                },
            ],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    #[error("a chain needs 1 to 10 steps")]
    Length,
    #[error("step {0}: only reviewer or approver roles act on steps")]
    Role(usize),
    #[error("step {0}: a name in both languages is required")]
    Name(usize),
}

impl Localized for ChainError {
    fn code(&self) -> &'static str {
        "chain.invalid"
    }
    fn msg(&self) -> Msg {
        match self {
            ChainError::Length => Msg::new("error.chain.invalid"),
            ChainError::Role(i) => Msg::new("error.chain.invalid.role").arg("step", i),
            ChainError::Name(i) => Msg::new("error.chain.invalid.name").arg("step", i),
        }
    }
}

impl ApprovalChain {
    pub fn validate(&self) -> Result<(), ChainError> {
        if self.steps.is_empty() || self.steps.len() > 10 {
            return Err(ChainError::Length);
        }
        for (i, s) in self.steps.iter().enumerate() {
            if !matches!(s.role, Role::PurchaserReviewer | Role::PurchaserApprover) {
                return Err(ChainError::Role(i + 1));
            }
            if s.name_zh.trim().is_empty() || s.name_en.trim().is_empty() {
                return Err(ChainError::Name(i + 1));
            }
        }
        Ok(())
    }

    /// The first step at or after `from` that applies to `amount`.
    pub fn next_step(&self, from: usize, amount: Money) -> Option<usize> {
        (from..self.steps.len()).find(|&i| self.steps[i].applies_to(amount))
    }
}

/// Where a request stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum RequestState {
    Draft,
    /// Waiting at step `step` of the chain.
    InReview {
        step: usize,
    },
    /// Sent back to the applicant from `step`; they may modify and resubmit.
    Returned {
        step: usize,
    },
    Approved,
    Rejected,
}

crate::state::state_enum! {
    /// 申购状态 as stored: a [`RequestState`] without its step (the step is a column of its own).
    pub enum RequestStatus ("request") {
        /// 草稿
        Draft = "draft",
        /// 审核中
        InReview = "in_review",
        /// 已退回
        Returned = "returned",
        /// 已批准
        Approved = "approved",
        /// 已驳回
        Rejected = "rejected",
    }
}

impl RequestStatus {
    /// Only the applicant's draft or a returned request may be changed; a request in review or
    /// finished is locked.
    pub fn modifiable(self) -> bool {
        matches!(self, RequestStatus::Draft | RequestStatus::Returned)
    }
}

/// A stored request whose state needs a step and has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a request {0} has no step")]
pub struct MissingStep(pub RequestStatus);

impl RequestState {
    pub fn key(&self) -> &'static str {
        self.status().as_str()
    }

    pub fn status(&self) -> RequestStatus {
        match self {
            RequestState::Draft => RequestStatus::Draft,
            RequestState::InReview { .. } => RequestStatus::InReview,
            RequestState::Returned { .. } => RequestStatus::Returned,
            RequestState::Approved => RequestStatus::Approved,
            RequestState::Rejected => RequestStatus::Rejected,
        }
    }

    /// The state of a stored request from its two columns; a request in review or returned
    /// must have its step.
    pub fn from_stored(status: RequestStatus, step: Option<usize>) -> Result<RequestState, MissingStep> {
        Ok(match status {
            RequestStatus::Draft => RequestState::Draft,
            RequestStatus::InReview => RequestState::InReview { step: step.ok_or(MissingStep(status))? },
            RequestStatus::Returned => RequestState::Returned { step: step.ok_or(MissingStep(status))? },
            RequestStatus::Approved => RequestState::Approved,
            RequestStatus::Rejected => RequestState::Rejected,
        })
    }

    pub fn step(&self) -> Option<usize> {
        match self {
            RequestState::InReview { step } | RequestState::Returned { step } => Some(*step),
            _ => None,
        }
    }
}

/// What someone does to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestEvent {
    Submit,
    Approve,
    Return,
    Reject,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot {event:?} a request that is {state}")]
pub struct TransitionError {
    pub event: RequestEvent,
    pub state: &'static str,
}

impl Localized for TransitionError {
    fn code(&self) -> &'static str {
        "request.bad_transition"
    }
    fn msg(&self) -> Msg {
        Msg::new("error.request.bad_transition").arg("state", self.state)
    }
}

/// The state machine: the next state, or why the event does not apply.
pub fn transition(
    state: &RequestState,
    event: RequestEvent,
    chain: &ApprovalChain,
    amount: Money,
) -> Result<RequestState, TransitionError> {
    let err = TransitionError { event, state: state.key() };
    match (state, event) {
        (RequestState::Draft | RequestState::Returned { .. }, RequestEvent::Submit) => Ok(match chain.next_step(0, amount) {
            Some(step) => RequestState::InReview { step },
            None => RequestState::Approved,
        }),
        (RequestState::InReview { step }, RequestEvent::Approve) => Ok(match chain.next_step(step + 1, amount) {
            Some(next) => RequestState::InReview { step: next },
            None => RequestState::Approved,
        }),
        (RequestState::InReview { step }, RequestEvent::Return) => Ok(RequestState::Returned { step: *step }),
        (RequestState::InReview { .. }, RequestEvent::Reject) => Ok(RequestState::Rejected),
        _ => Err(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_requests_skip_the_steps_above_their_amount() {
        let chain = ApprovalChain::default();
        let small = Money::from_yuan(49_999);
        let s = transition(&RequestState::Draft, RequestEvent::Submit, &chain, small).unwrap();
        assert_eq!(s, RequestState::InReview { step: 0 });
        assert_eq!(transition(&s, RequestEvent::Approve, &chain, small).unwrap(), RequestState::Approved);
        let big = Money::from_yuan(50_000);
        let s = transition(&s, RequestEvent::Approve, &chain, big).unwrap();
        assert_eq!(s, RequestState::InReview { step: 1 }, "at the step's minimum the step applies");
        assert_eq!(transition(&s, RequestEvent::Approve, &chain, big).unwrap(), RequestState::Approved);
    }

    #[test]
    fn returned_requests_are_resubmitted_from_the_start_and_finished_ones_are_final() {
        let chain = ApprovalChain::default();
        let m = Money::from_yuan(80_000);
        let returned = transition(&RequestState::InReview { step: 1 }, RequestEvent::Return, &chain, m).unwrap();
        assert_eq!(returned, RequestState::Returned { step: 1 });
        assert_eq!(transition(&returned, RequestEvent::Submit, &chain, m).unwrap(), RequestState::InReview { step: 0 });
        assert!(transition(&RequestState::Approved, RequestEvent::Reject, &chain, m).is_err());
        assert!(transition(&RequestState::Rejected, RequestEvent::Submit, &chain, m).is_err());
        assert!(transition(&RequestState::Draft, RequestEvent::Approve, &chain, m).is_err());
    }

    #[test]
    fn stored_states_keep_their_strings_and_steps() {
        crate::state::tests::assert_state_strings!(RequestStatus, ["draft", "in_review", "returned", "approved", "rejected"]);
        for state in [
            RequestState::Draft,
            RequestState::InReview { step: 2 },
            RequestState::Returned { step: 1 },
            RequestState::Approved,
            RequestState::Rejected,
        ] {
            assert_eq!(state.key(), state.status().as_str());
            assert_eq!(RequestState::from_stored(state.status(), state.step()), Ok(state.clone()));
        }
        assert_eq!(RequestState::from_stored(RequestStatus::InReview, None), Err(MissingStep(RequestStatus::InReview)));
        assert_eq!(RequestState::from_stored(RequestStatus::Returned, None), Err(MissingStep(RequestStatus::Returned)));
    }

    #[test]
    fn only_drafts_and_returned_requests_are_modifiable() {
        let modifiable: Vec<_> = RequestStatus::ALL.iter().filter(|s| s.modifiable()).collect();
        assert_eq!(modifiable, [&RequestStatus::Draft, &RequestStatus::Returned]);
    }

    #[test]
    fn chains_are_validated() {
        assert!(ApprovalChain::default().validate().is_ok());
        assert_eq!(ApprovalChain { steps: vec![] }.validate(), Err(ChainError::Length));
        let mut c = ApprovalChain::default();
        c.steps[0].role = Role::Supplier;
        assert_eq!(c.validate(), Err(ChainError::Role(1)));
    }
}

/// A risk the platform flags on a request automatically (seed 000: 风险申购自动识别); its text
/// is the catalog's `warning.request.<code>` with the figures as arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "StoredWarning")]
pub struct Warning {
    pub code: String,
    pub text: Msg,
}

/// A warning as stored with its request; requests saved before warnings kept keys stored the
/// Chinese and English texts, which read back as they were.
#[derive(Deserialize)]
struct StoredWarning {
    code: String,
    #[serde(default)]
    text: Option<Msg>,
    #[serde(default)]
    zh: String,
    #[serde(default)]
    en: String,
}

impl From<StoredWarning> for Warning {
    fn from(w: StoredWarning) -> Warning {
        let text = w.text.unwrap_or_else(|| Msg::given([(crate::Lang::Zh, w.zh), (crate::Lang::En, w.en)]));
        Warning { code: w.code, text }
    }
}

impl Warning {
    fn new(code: &str, text: Msg) -> Warning {
        Warning { code: code.to_string(), text }
    }
}

/// What the warnings look at, gathered by the shell.
#[derive(Debug, Clone)]
pub struct RequestFacts {
    pub amount: Money,
    pub open_tender_threshold: Money,
    pub budget_available: Money,
    /// Other requests of the same unit and 品目 category in the last 30 days.
    pub recent_same_category: Money,
}

/// Flags requests just under the open-tender threshold, possible splitting across requests,
/// and requests larger than the budget line's available amount. Warnings never block.
pub fn request_warnings(f: &RequestFacts) -> Vec<Warning> {
    let mut out = Vec::new();
    let ninety = f.open_tender_threshold.mul_ratio(9, 10).unwrap_or(f.open_tender_threshold);
    if f.amount >= ninety && f.amount < f.open_tender_threshold {
        out.push(Warning::new(
            "REQ-NEAR-THRESHOLD",
            Msg::new("warning.request.near_threshold").arg("amount", f.amount).arg("threshold", f.open_tender_threshold),
        ));
    }
    if f.recent_same_category.fen() > 0 {
        let sum = f.recent_same_category.checked_add(f.amount).unwrap_or(f.amount);
        if sum >= f.open_tender_threshold && f.amount < f.open_tender_threshold {
            out.push(Warning::new("REQ-SPLITTING", Msg::new("warning.request.splitting").arg("sum", sum)));
        }
    }
    if f.amount > f.budget_available {
        out.push(Warning::new(
            "REQ-OVER-BUDGET",
            Msg::new("warning.request.over_budget").arg("amount", f.amount).arg("available", f.budget_available),
        ));
    }
    out
}

#[cfg(test)]
mod warning_tests {
    use super::*;

    fn facts(amount: i64) -> RequestFacts {
        RequestFacts {
            amount: Money::from_fen(amount),
            open_tender_threshold: Money::from_fen(1_000),
            budget_available: Money::from_fen(10_000),
            recent_same_category: Money::ZERO,
        }
    }

    #[test]
    fn near_threshold_from_ninety_percent_up_to_one_fen_under() {
        assert!(request_warnings(&facts(899)).is_empty());
        assert_eq!(request_warnings(&facts(900))[0].code, "REQ-NEAR-THRESHOLD");
        assert_eq!(request_warnings(&facts(999))[0].code, "REQ-NEAR-THRESHOLD");
        assert!(request_warnings(&facts(1_000)).is_empty(), "at the threshold the plan rules take over");
    }

    #[test]
    fn splitting_and_over_budget() {
        let mut f = facts(300);
        f.recent_same_category = Money::from_fen(699);
        assert!(request_warnings(&f).is_empty());
        f.recent_same_category = Money::from_fen(700);
        assert_eq!(request_warnings(&f)[0].code, "REQ-SPLITTING");
        let mut f = facts(500);
        f.budget_available = Money::from_fen(499);
        assert_eq!(request_warnings(&f)[0].code, "REQ-OVER-BUDGET");
    }
}
