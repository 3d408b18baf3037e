//! 评审: the evaluation stage's rules, pure. Who may sit on a committee (`committee`), who may
//! not be drawn and why (`avoidance`), the
//! verifiable random order experts are drawn in (`draw`), and the price arithmetic every
//! comprehensive-scoring evaluation rests on (`price`): policy deductions, the price score and
//! the ranking with its ties; and the experts' scores summed into each bid's total (`scoring`).
//! The shells keep the pool, the sessions and the report.

pub mod avoidance;
pub mod committee;
pub mod draw;
pub mod expert;
pub mod price;
pub mod scoring;

pub use committee::{Committee, CommitteeFacts, CommitteeRule, check_committee, minimum_members};
pub use price::{EvaluatedPrice, PriceError, Ranked, price_score, rank};
