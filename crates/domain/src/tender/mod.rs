//! The tender stage (采购实施): projects and lots made from filed plans, procurement documents
//! with structured evaluation criteria, announcements, and the legal periods that govern them.

pub mod announcement;
pub mod collusion;
pub mod confirmation;
pub mod deposit;
pub mod document;
pub mod evaluation;
pub mod lot;
pub mod periods;
pub mod progress;
pub mod rules;
pub mod secrecy;
pub mod status;

pub use announcement::AnnouncementKind;
pub use deposit::DepositForm;
pub use evaluation::{Criterion, CriterionKind, Evaluation, EvaluationMethod, PriceWeights, Refused, check_evaluation};
pub use lot::{LotFacts, SmeChoice, SmePolicy, check_lots, project_number};
pub use periods::{Earliest, Family, Schedule, TenderPeriods, check_schedule, deadline_after_clarification, earliest};
pub use rules::{TenderRule, Violation};
pub use status::{BidOutcome, BidStatus, LotStatus, OpeningStatus, ProjectStatus};
