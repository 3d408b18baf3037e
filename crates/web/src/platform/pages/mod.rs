//! Platform pages.

pub mod account;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod catalog;
pub mod help;
pub mod inbox;
pub mod ops;
pub mod policies;
pub mod portal;
pub mod regions;
pub mod sandbox;
pub mod workbench;
