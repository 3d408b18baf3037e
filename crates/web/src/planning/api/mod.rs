//! Planning JSON API.

pub mod findings;
pub mod plans;
pub mod requests;
