//! What every feature stands on: sign-in and accounts, the 工作台 and inbox, the public portal,
//! regions and their policy, the 品目 catalog, the calendar, the audit log, the sandbox clock and
//! operations — pages and JSON API side by side.

pub mod api;
pub mod help_guides;
pub mod pages;
