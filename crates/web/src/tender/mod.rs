//! 招标: projects and their lots, documents, 获取, questions, bids, deposits, the opening keys'
//! custodians and the opening — pages and JSON API side by side, over `caigou_app::tender`.

pub mod api;
pub mod pages;
