//! Storage of 采购计划 and what precedes it (mirrors `caigou_domain::planning`): budget lines
//! (预算指标), 申购 through its chain, procurement intentions (采购意向), plans with their
//! filing, and the supervisors' approvals with single-source publicity.

pub mod approvals;
pub mod budget;
pub mod intentions;
pub mod plans;
pub mod requests;
