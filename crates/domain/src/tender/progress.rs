//! 项目进度: the stages of a project as its users follow it (立项 → 文件 → 公告 → 开标 → 评审 →
//! 结果 → 合同), where it stands, and the next step: who acts, by when, under which rule.

use serde::Serialize;

use super::ProjectStatus;
use crate::supplier::StepState;

/// A stage of project procurement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 立项: the project made from filed plans.
    Initiated,
    /// 采购文件: documents being prepared.
    Documents,
    /// 公告: published; suppliers obtain the documents and bid.
    Announced,
    /// 开标: the deadline passed; bids are decrypted and opened.
    Opening,
    /// 评审: the committee evaluates.
    Evaluation,
    /// 结果: award and result announcement.
    Result,
    /// 合同: the contract signed and published.
    Contract,
}

impl Stage {
    pub const ALL: [Stage; 7] =
        [Stage::Initiated, Stage::Documents, Stage::Announced, Stage::Opening, Stage::Evaluation, Stage::Result, Stage::Contract];

    pub fn key(self) -> &'static str {
        match self {
            Stage::Initiated => "initiated",
            Stage::Documents => "documents",
            Stage::Announced => "announced",
            Stage::Opening => "opening",
            Stage::Evaluation => "evaluation",
            Stage::Result => "result",
            Stage::Contract => "contract",
        }
    }
}

/// Who takes the next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The project's runner (the agency, or the unit itself).
    Runner,
    /// The suppliers that obtained the documents.
    Suppliers,
    /// The platform, at a time already fixed.
    Platform,
}

/// The next step of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Next {
    /// Save the documents and publish them (the earliest lawful dates are on the page).
    PublishDocuments,
    /// Obtain the documents (until the window closes) and bid until the deadline.
    Bid,
    /// Bidders decrypt their bids; the opening record follows.
    Open,
    /// The evaluation (评审), the next stage of the platform.
    Evaluate,
    /// Nothing: the project has ended.
    None,
}

impl Next {
    pub fn key(self) -> &'static str {
        match self {
            Next::PublishDocuments => "publish_documents",
            Next::Bid => "bid",
            Next::Open => "open",
            Next::Evaluate => "evaluate",
            Next::None => "none",
        }
    }

    /// Who acts.
    pub fn actor(self) -> Option<Actor> {
        match self {
            Next::PublishDocuments | Next::Evaluate => Some(Actor::Runner),
            Next::Bid => Some(Actor::Suppliers),
            Next::Open => Some(Actor::Platform),
            Next::None => None,
        }
    }

    /// The rule the step follows, as cited to users.
    pub fn source(self) -> Option<&'static str> {
        match self {
            // 招标文件提供期限不少于5个工作日；自文件发出之日起至投标截止不少于20日.
            Next::PublishDocuments | Next::Bid => Some("政府采购法第35条；政府采购货物和服务招标投标管理办法（87号令）第16条"),
            // 开标在投标截止时间的同一时间进行.
            Next::Open => Some("87号令第39条"),
            Next::Evaluate => Some("政府采购法实施条例第39条至第43条"),
            Next::None => None,
        }
    }
}

/// Where a project stands: each stage done, now or later, and the next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub stages: [(Stage, StepState); 7],
    pub next: Next,
    /// The project ended (终止) before its last stage.
    pub ended: bool,
}

/// The progress of a project in `status` whose deadline has (or has not) passed.
pub fn progress(status: ProjectStatus, deadline_passed: bool) -> Progress {
    let (current, next, ended) = match status {
        ProjectStatus::Draft => (Stage::Documents, Next::PublishDocuments, false),
        ProjectStatus::Published if !deadline_passed => (Stage::Announced, Next::Bid, false),
        ProjectStatus::Published => (Stage::Opening, Next::Open, false),
        ProjectStatus::BiddingClosed => (Stage::Opening, Next::Evaluate, false),
        ProjectStatus::Terminated => (Stage::Announced, Next::None, true),
    };
    let at = Stage::ALL.iter().position(|s| *s == current).unwrap_or(0);
    let mut stages = [(Stage::Initiated, StepState::Later); 7];
    for (i, s) in Stage::ALL.into_iter().enumerate() {
        let state = if i < at || (ended && i == at) {
            StepState::Done
        } else if i == at && !ended {
            StepState::Now
        } else {
            StepState::Later
        };
        stages[i] = (s, state);
    }
    Progress { stages, next, ended }
}

#[cfg(test)]
mod tests {
    use super::*;
    use StepState::{Done, Later, Now};

    fn states(p: &Progress) -> Vec<StepState> {
        p.stages.iter().map(|(_, s)| *s).collect()
    }

    #[test]
    fn a_draft_is_at_its_documents_and_waits_for_its_runner() {
        let p = progress(ProjectStatus::Draft, false);
        assert_eq!(states(&p), [Done, Now, Later, Later, Later, Later, Later]);
        assert_eq!((p.next, p.next.actor()), (Next::PublishDocuments, Some(Actor::Runner)));
        assert!(p.next.source().unwrap().contains("第35条"));
    }

    #[test]
    fn a_published_project_waits_for_bids_until_its_deadline_then_for_the_opening() {
        let before = progress(ProjectStatus::Published, false);
        assert_eq!(states(&before), [Done, Done, Now, Later, Later, Later, Later]);
        assert_eq!(before.next.actor(), Some(Actor::Suppliers));
        let after = progress(ProjectStatus::Published, true);
        assert_eq!(states(&after), [Done, Done, Done, Now, Later, Later, Later], "the deadline passed: the opening is now");
        assert_eq!(after.next, Next::Open);
        assert_eq!(progress(ProjectStatus::BiddingClosed, true).next, Next::Evaluate);
    }

    #[test]
    fn a_terminated_project_has_no_next_step() {
        let p = progress(ProjectStatus::Terminated, false);
        assert!(p.ended);
        assert_eq!(p.next, Next::None);
        assert_eq!(p.next.actor(), None);
        assert!(!states(&p).contains(&Now), "nothing is under way");
    }
}
