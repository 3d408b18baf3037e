//! 用例层: one function per action. Each takes the acting [`Subject`] and a typed command
//! (already parsed at the edge: typed ids, [`caigou_domain::Money`], enums), decides whether
//! the subject may act through [`caigou_domain::authz`], applies the domain rules and commits
//! through the store, and returns a typed result or a coded [`Error`]. The HTML pages and the
//! JSON API call the same function for the same action, so an action is authorized once and
//! cannot be authorized on one path and forgotten on the other.
//!
//! Features sit in folders that mirror the domain's (`tender/` here; `planning/`, `evaluation/`,
//! `contract/`, `emall/`, `supervision/` as they move in).
//!
//! Lists are use cases too: a `list` takes the [`Subject`], derives its scope through
//! [`caigou_domain::authz::scope`] (the same rule as the object's) and asks the store for what
//! lies in it, so a list never shows an object its page would refuse, nor hides one it shows.
//!
//! [`Subject`]: caigou_domain::authz::Subject

pub mod admin;
pub mod audit;
pub mod auth;
pub mod error;
pub mod evaluation;
pub mod files;
pub mod notifications;
pub mod planning;
pub mod suppliers;
pub mod tender;

pub use error::{Error, Result};
