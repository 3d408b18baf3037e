//! Tender pages.

pub mod custody;
pub mod deposits;
pub mod opening;
pub mod projects;
