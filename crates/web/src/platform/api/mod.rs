//! Platform JSON API.

pub mod audit;
pub mod auth;
pub mod calendar;
pub mod catalog;
pub mod notifications;
pub mod portal;
pub mod regions;
pub mod sandbox;
