//! The pure core of Caigou.
//!
//! Everything here is a type, a state machine or a pure function: no I/O, no async, no SQL or
//! HTTP types. Legal rules live here as data plus functions that cite their source; the shells
//! (storage, web, CLI) parse input into these types at the edge and never re-check them.

pub mod audit;
pub mod authz;
pub mod calendar;
pub mod catalog;
pub mod evaluation;
pub mod i18n;
pub mod identity;
pub mod ids;
pub mod legal;
pub mod limits;
pub mod money;
pub mod planning;
pub mod policy;
pub mod search;
pub mod state;
pub mod statutory;
pub mod supplier;
pub mod tender;
pub mod translog;
pub mod uscc;

pub use i18n::{Arg, Labelled, Lang, Localized, Msg};
pub use money::Money;
