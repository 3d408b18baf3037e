//! Tender pages.

pub mod confirmation;
pub mod custody;
pub mod deposits;
pub mod my_bids;
pub mod opening;
pub mod projects;
pub mod publishing;
pub mod template_text;
pub mod templates;
