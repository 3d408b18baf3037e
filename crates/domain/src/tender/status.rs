//! The states of the tender stage: a project (采购项目), its lots (标项), a lot's opening (开标)
//! and the bids (投标文件) on it, with the rules on them that the shells used to spell as string
//! comparisons.

use crate::state::state_enum;

state_enum! {
    /// 项目状态: where a procurement project stands.
    pub enum ProjectStatus ("project") {
        /// 草稿: being prepared by its runner; documents, lots and custodians may change.
        Draft = "draft",
        /// 已发布: documents published; suppliers obtain them and bid until the deadline.
        Published = "published",
        /// 投标截止: the deadline has passed; the lots are being opened.
        BiddingClosed = "bidding_closed",
        /// 已终止: every lot has ended (终止公告 published, or a draft withdrawn).
        Terminated = "terminated",
    }
}

impl ProjectStatus {
    /// Only a draft's documents, lot settings and custodians may change; publishing is final
    /// (a change after it is a clarification, 更正公告).
    pub fn editable(self) -> bool {
        self == ProjectStatus::Draft
    }

    /// Whether the project is published and before its deadline in state (the caller still
    /// compares the deadline with the clock): documents, questions, deposits and bids are
    /// accepted only then.
    pub fn tendering(self) -> bool {
        self == ProjectStatus::Published
    }

    /// Whether the project has been announced, so outsiders may see it and obtain documents.
    pub fn announced(self) -> bool {
        self != ProjectStatus::Draft
    }

    /// 终止 applies to a project that is neither terminated already nor past the stages this
    /// platform runs (a draft is simply withdrawn).
    pub fn can_terminate(self) -> bool {
        matches!(self, ProjectStatus::Draft | ProjectStatus::Published | ProjectStatus::BiddingClosed)
    }
}

state_enum! {
    /// 标项状态: where one lot of a project stands.
    pub enum LotStatus ("lot") {
        /// 进行中: the lot is being procured.
        Active = "active",
        /// 废标: fewer than three valid bids at the deadline (政府采购法第36条).
        Failed = "failed",
        /// 已终止: ended by its runner with a 终止公告.
        Terminated = "terminated",
    }
}

impl LotStatus {
    /// Whether documents may be obtained and bids made on the lot: it is active and its project
    /// has not been terminated.
    pub fn open_in(self, project: ProjectStatus) -> bool {
        self == LotStatus::Active && project != ProjectStatus::Terminated
    }

    /// Whether the lot may still be ended with an announcement: an active lot by 终止, a failed
    /// one (流标) by its 废标公告 until that is published (政府采购法第36条: the reason goes to
    /// every bidder; then the purchaser procures again). `announced`: its notice is out.
    pub fn endable(self, announced: bool) -> bool {
        match self {
            LotStatus::Active => true,
            LotStatus::Failed => !announced,
            LotStatus::Terminated => false,
        }
    }

    /// A failed lot whose 废标公告 is still due: its runner's to-do.
    pub fn failure_notice_due(self, announced: bool) -> bool {
        self == LotStatus::Failed && !announced
    }
}

/// At least this many valid bids for an opening (政府采购法第36条: fewer than three → 废标).
pub const MIN_BIDS: i64 = 3;

state_enum! {
    /// 开标状态: a lot's online opening (电子招标投标办法 Art. 29–31).
    pub enum OpeningStatus ("opening") {
        /// 流标: fewer than three valid bids at the deadline; nothing is decrypted.
        Failed = "failed",
        /// 解密中: the decryption window, bidders release their content keys.
        Decrypting = "decrypting",
        /// 补救解密: the custodians' window for the bids nobody decrypted.
        Remedy = "remedy",
        /// 开标结束: the opening record is signed into the log.
        Closed = "closed",
    }
}

impl OpeningStatus {
    /// How a lot's opening starts at the deadline, by its number of valid bids.
    pub fn at_start(valid_bids: i64) -> OpeningStatus {
        if valid_bids < MIN_BIDS { OpeningStatus::Failed } else { OpeningStatus::Decrypting }
    }

    /// Whether bidders may release their keys (the caller compares the window's end with the clock).
    pub fn accepts_keys(self) -> bool {
        self == OpeningStatus::Decrypting
    }

    /// The openings that still end by closing and recording (a failed lot has no record to sign).
    pub fn can_close(self) -> bool {
        matches!(self, OpeningStatus::Decrypting | OpeningStatus::Remedy)
    }
}

state_enum! {
    /// 投标状态: one submission of a supplier on a lot.
    pub enum BidStatus ("bid") {
        /// 有效: the supplier's latest submission, counted at the opening.
        Valid = "valid",
        /// 已替换: replaced by a later submission (the last valid one counts).
        Superseded = "superseded",
        /// 已撤回: withdrawn by the supplier before the deadline.
        Withdrawn = "withdrawn",
    }
}

state_enum! {
    /// 开标结果: what the opening made of a valid bid (电子招标投标办法 Art. 31).
    pub enum BidOutcome ("bid outcome") {
        /// 已解密: opened, its price read out.
        Opened = "opened",
        /// 视为撤销: not decrypted through the bidder's own failure.
        Revoked = "revoked",
        /// 视为撤回: could not be opened through no fault of the bidder (the platform or the custodians).
        WithdrawnFailure = "withdrawn_failure",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::tests::assert_state_strings;

    #[test]
    fn states_keep_their_stored_strings() {
        assert_state_strings!(ProjectStatus, ["draft", "published", "bidding_closed", "terminated"]);
        assert_state_strings!(LotStatus, ["active", "failed", "terminated"]);
        assert_state_strings!(OpeningStatus, ["failed", "decrypting", "remedy", "closed"]);
        assert_state_strings!(BidStatus, ["valid", "superseded", "withdrawn"]);
        assert_state_strings!(BidOutcome, ["opened", "revoked", "withdrawn_failure"]);
    }

    #[test]
    fn only_a_draft_is_edited_and_only_a_published_project_takes_bids() {
        use ProjectStatus::*;
        let editable: Vec<_> = ProjectStatus::ALL.iter().filter(|s| s.editable()).collect();
        assert_eq!(editable, [&Draft]);
        let tendering: Vec<_> = ProjectStatus::ALL.iter().filter(|s| s.tendering()).collect();
        assert_eq!(tendering, [&Published]);
        let announced: Vec<_> = ProjectStatus::ALL.iter().filter(|s| s.announced()).collect();
        assert_eq!(announced, [&Published, &BiddingClosed, &Terminated]);
    }

    #[test]
    fn a_terminated_project_cannot_be_terminated_again() {
        use ProjectStatus::*;
        assert!(Draft.can_terminate() && Published.can_terminate() && BiddingClosed.can_terminate());
        assert!(!Terminated.can_terminate());
    }

    #[test]
    fn a_lot_is_open_only_while_active_in_a_live_project() {
        assert!(LotStatus::Active.open_in(ProjectStatus::Published));
        assert!(LotStatus::Active.open_in(ProjectStatus::Draft));
        assert!(!LotStatus::Active.open_in(ProjectStatus::Terminated));
        assert!(!LotStatus::Terminated.open_in(ProjectStatus::Published));
        assert!(!LotStatus::Failed.open_in(ProjectStatus::BiddingClosed));
        assert!(LotStatus::Active.endable(false) && LotStatus::Failed.endable(false));
        assert!(!LotStatus::Failed.endable(true), "a 废标公告 is published once");
        assert!(!LotStatus::Terminated.endable(false) && !LotStatus::Terminated.endable(true));
        assert!(LotStatus::Failed.failure_notice_due(false) && !LotStatus::Failed.failure_notice_due(true));
        assert!(!LotStatus::Active.failure_notice_due(false));
    }

    #[test]
    fn fewer_than_three_valid_bids_fail_the_opening() {
        assert_eq!(OpeningStatus::at_start(0), OpeningStatus::Failed);
        assert_eq!(OpeningStatus::at_start(MIN_BIDS - 1), OpeningStatus::Failed);
        assert_eq!(OpeningStatus::at_start(MIN_BIDS), OpeningStatus::Decrypting);
    }

    #[test]
    fn keys_are_taken_while_decrypting_and_only_running_openings_close() {
        use OpeningStatus::*;
        let keys: Vec<_> = OpeningStatus::ALL.iter().filter(|s| s.accepts_keys()).collect();
        assert_eq!(keys, [&Decrypting]);
        let closing: Vec<_> = OpeningStatus::ALL.iter().filter(|s| s.can_close()).collect();
        assert_eq!(closing, [&Decrypting, &Remedy]);
    }
}
