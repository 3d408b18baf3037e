//! Planning pages.

pub mod budget;
pub mod intentions;
pub mod plans;
pub mod requests;
