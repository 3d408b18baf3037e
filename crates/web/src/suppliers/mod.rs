//! 供应商入驻: registration, profile, qualifications and review — pages and JSON API side by
//! side, over `caigou_app::suppliers`.

pub mod api;
pub mod pages;
