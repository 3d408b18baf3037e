//! Tender JSON API.

pub mod bids;
pub mod confirmation;
pub mod custody;
pub mod deposits;
pub mod opening;
pub mod projects;
pub mod templates;
