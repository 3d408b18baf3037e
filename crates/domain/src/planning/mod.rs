//! Planning (采购计划): budget lines, 采购意向公开, the procurement method, and the automatic
//! filing (自动备案) checks. Every check is a pure function over facts the shell gathers, and
//! every finding names its rule id and legal source.

pub mod filing;
pub mod method;
pub mod request;
pub mod rules;
pub mod status;

pub use filing::{Decision, Finding, PlanFacts, Verdict, check_plan};
pub use method::Method;
pub use request::{RequestState, RequestStatus};
pub use rules::RuleId;
pub use status::{ApprovalStatus, PlanStatus};
