//! List scopes ([`caigou_domain::authz::scope`]) as query parameters. A scope's parts become
//! parameters a list query tests side by side, `($n = 1 OR ($m <> '' AND r.path LIKE $m) OR …)`:
//! a part the subject lacks binds as `0` or `''` and matches nothing (stored ids and region paths
//! are never empty).

use caigou_domain::authz::scope::{RegionScope, Subtree};
use caigou_domain::ids::OrgId;

/// `1` when the scope is everything.
pub(crate) fn flag(all: bool) -> i64 {
    i64::from(all)
}

/// The `LIKE` pattern of a subtree's stored paths, or `''`.
pub(crate) fn subtree(t: Option<&Subtree>) -> String {
    t.map(|t| format!("{}%", t.key())).unwrap_or_default()
}

/// An organization id, or `''`.
pub(crate) fn org(o: Option<OrgId>) -> String {
    o.map(|o| o.to_string()).unwrap_or_default()
}

/// A region-only scope as (everything, subtree pattern); nothing is `(0, '')`.
pub(crate) fn region(r: &RegionScope) -> (i64, String) {
    match r {
        RegionScope::All => (1, String::new()),
        RegionScope::Subtree(t) => (0, subtree(Some(t))),
        RegionScope::Nothing => (0, String::new()),
    }
}
