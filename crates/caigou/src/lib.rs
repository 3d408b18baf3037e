//! The `caigou` binary's commands, as a library so the integration tests drive the same code.

pub mod bidder;
pub mod custodian;
pub mod demo;
pub mod demo_clock;
pub mod demo_opening;
pub mod demo_projects;
pub mod mailer;
pub mod server;

pub type AnyError = Box<dyn std::error::Error + Send + Sync>;
