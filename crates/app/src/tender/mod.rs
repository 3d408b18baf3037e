//! The tender stage's use cases.

pub mod bids;
pub mod confirmation;
pub mod custody;
pub mod deposits;
pub mod notice;
pub mod opening;
pub mod projects;
pub mod render;
pub mod suppliers;
pub mod templates;
