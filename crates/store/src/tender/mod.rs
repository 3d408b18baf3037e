//! Storage of the tender stage (mirrors `caigou_domain::tender`): projects and their lots, the
//! procurement documents and templates, obtaining and questions (`tendering`), deposits, sealed
//! bids, the opening key's custodians, and the opening itself.

pub mod bids;
pub mod custodians;
pub mod deposits;
pub mod docmeta;
pub mod documents;
pub mod opening;
pub mod projects;
pub mod templates;
pub mod tendering;
