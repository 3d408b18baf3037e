//! 采购预算与计划: budget lines, 采购意向, 申购 and plans — pages and JSON API side by side,
//! over the use cases in `caigou_app::planning`.

pub mod api;
pub mod pages;
