//! The states of a plan (采购计划) and of its approval by the supervisor (审批), with the rules on
//! them that the shells used to spell as string comparisons.

use crate::planning::Decision;
use crate::state::state_enum;

state_enum! {
    /// 计划状态: where a procurement plan stands.
    pub enum PlanStatus ("plan") {
        /// 已备案: filed (自动备案, or approved by the supervisor); it may be entrusted and procured.
        Filed = "filed",
        /// 待审批: waiting for the supervisor's approval.
        AwaitingApproval = "awaiting_approval",
        /// 公示中: waiting for approval while its 单一来源 公示 runs.
        Publicity = "publicity",
        /// 不予备案: refused by the filing rules at submission.
        Refused = "refused",
        /// 审批未通过: rejected by the supervisor.
        Rejected = "rejected",
        /// 已变更: replaced by a changed version (计划变更).
        Amended = "amended",
        /// 已撤销: cancelled by the unit.
        Cancelled = "cancelled",
        /// 采购失败: its procurement failed (废标); it may be re-procured.
        Failed = "failed",
    }
}

impl PlanStatus {
    /// The state a submission leaves a plan in, by the filing decision.
    pub fn after_filing(decision: Decision) -> PlanStatus {
        match decision {
            Decision::Filed => PlanStatus::Filed,
            Decision::NeedsApproval { publicity: false } => PlanStatus::AwaitingApproval,
            Decision::NeedsApproval { publicity: true } => PlanStatus::Publicity,
            Decision::Refused => PlanStatus::Refused,
        }
    }

    /// The state the supervisor's decision leaves a plan in.
    pub fn after_approval(approve: bool) -> PlanStatus {
        if approve { PlanStatus::Filed } else { PlanStatus::Rejected }
    }

    /// An open plan holds frozen budget and may still be cancelled or changed (计划变更).
    pub fn is_open(self) -> bool {
        matches!(self, PlanStatus::Filed | PlanStatus::AwaitingApproval | PlanStatus::Publicity)
    }

    /// Whether the plan is decided at once, at submission (filed or refused, no approval to wait for).
    pub fn decided_at_submission(self) -> bool {
        matches!(self, PlanStatus::Filed | PlanStatus::Refused)
    }

    /// Only a filed plan is procured: entrusted (委托), made into a project, or failed (废标).
    pub fn procurable(self) -> bool {
        self == PlanStatus::Filed
    }

    /// Only a failed plan is re-procured (重新采购).
    pub fn can_reprocure(self) -> bool {
        self == PlanStatus::Failed
    }
}

state_enum! {
    /// 审批状态: the supervisor's approval of one plan.
    pub enum ApprovalStatus ("approval") {
        /// 待审批: waiting for a supervisor.
        Waiting = "waiting",
        /// 已批准
        Approved = "approved",
        /// 未批准
        Rejected = "rejected",
        /// 已撤回: the plan was cancelled or changed before a decision.
        Withdrawn = "withdrawn",
    }
}

impl ApprovalStatus {
    /// The state a supervisor's decision leaves the approval in.
    pub fn decided(approve: bool) -> ApprovalStatus {
        if approve { ApprovalStatus::Approved } else { ApprovalStatus::Rejected }
    }

    /// Only a waiting approval may be decided (or withdrawn).
    pub fn can_decide(self) -> bool {
        self == ApprovalStatus::Waiting
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::tests::assert_state_strings;

    #[test]
    fn states_keep_their_stored_strings() {
        assert_state_strings!(
            PlanStatus,
            ["filed", "awaiting_approval", "publicity", "refused", "rejected", "amended", "cancelled", "failed"]
        );
        assert_state_strings!(ApprovalStatus, ["waiting", "approved", "rejected", "withdrawn"]);
    }

    #[test]
    fn a_submission_files_waits_or_refuses_by_the_decision() {
        assert_eq!(PlanStatus::after_filing(Decision::Filed), PlanStatus::Filed);
        assert_eq!(PlanStatus::after_filing(Decision::NeedsApproval { publicity: false }), PlanStatus::AwaitingApproval);
        assert_eq!(PlanStatus::after_filing(Decision::NeedsApproval { publicity: true }), PlanStatus::Publicity);
        assert_eq!(PlanStatus::after_filing(Decision::Refused), PlanStatus::Refused);
        let decided: Vec<_> = PlanStatus::ALL.iter().filter(|s| s.decided_at_submission()).collect();
        assert_eq!(decided, [&PlanStatus::Filed, &PlanStatus::Refused]);
    }

    #[test]
    fn only_plans_waiting_or_filed_are_open() {
        use PlanStatus::*;
        let open: Vec<_> = PlanStatus::ALL.iter().filter(|s| s.is_open()).collect();
        assert_eq!(open, [&Filed, &AwaitingApproval, &Publicity]);
        for closed in [Refused, Rejected, Amended, Cancelled, Failed] {
            assert!(!closed.is_open(), "{closed}");
        }
    }

    #[test]
    fn only_filed_plans_are_procured_and_only_failed_ones_reprocured() {
        let procurable: Vec<_> = PlanStatus::ALL.iter().filter(|s| s.procurable()).collect();
        assert_eq!(procurable, [&PlanStatus::Filed]);
        let again: Vec<_> = PlanStatus::ALL.iter().filter(|s| s.can_reprocure()).collect();
        assert_eq!(again, [&PlanStatus::Failed]);
    }

    #[test]
    fn approval_decides_plan_and_approval_alike() {
        assert_eq!((PlanStatus::after_approval(true), ApprovalStatus::decided(true)), (PlanStatus::Filed, ApprovalStatus::Approved));
        assert_eq!((PlanStatus::after_approval(false), ApprovalStatus::decided(false)), (PlanStatus::Rejected, ApprovalStatus::Rejected));
        let decidable: Vec<_> = ApprovalStatus::ALL.iter().filter(|s| s.can_decide()).collect();
        assert_eq!(decidable, [&ApprovalStatus::Waiting]);
    }
}
