//! The tender stage's use cases.

pub mod deposits;
pub mod projects;
