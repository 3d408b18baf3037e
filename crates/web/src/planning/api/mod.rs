//! Planning JSON API.

pub mod plans;
pub mod requests;
