//! 审计日志: reading the audit trail. Which entries a reader sees is [`AuditScope`] (admins:
//! all; supervisors: entries about objects in their region subtree), the same rule as
//! [`Action::ViewAudit`] for one entry; what of each entry is [`caigou_domain::tender::secrecy`]
//! (applied by the store for every reader).

use caigou_domain::authz::scope::AuditScope;
use caigou_domain::authz::{self, Action, Principal, Subject};
use caigou_domain::ids::{RegionId, parse_region_path};
use caigou_store::audit::{self, AuditEntry, AuditFilter};
use caigou_store::{Store, regions};

use crate::Result;

/// Narrowing the trail (each within the reader's scope).
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Only entries about objects in this region's subtree (a region id): refused when the
    /// region lies outside the reader's scope.
    pub region: Option<RegionId>,
    /// Substring of the action.
    pub action: Option<String>,
    /// Only entries by this user id.
    pub actor: Option<String>,
    /// Only entries about this object.
    pub object_id: Option<String>,
    /// Entries before this sequence number (paging).
    pub before: Option<i64>,
    pub limit: i64,
}

/// The entries `subject` may read, newest first.
pub async fn list(store: &Store, subject: &Subject, q: &Query) -> Result<Vec<AuditEntry>> {
    let region_prefix = match q.region {
        Some(id) => {
            let path = regions::get(store, id).await?.path;
            // Narrowing to a region outside the scope is refused, not answered with nothing.
            authz::decide(&Principal::User(subject.clone()), Action::ViewAudit { object_region_path: &parse_region_path(&path) })?;
            Some(path)
        }
        None => None,
    };
    let filter = AuditFilter {
        region_prefix,
        action: q.action.clone().filter(|s| !s.is_empty()),
        actor_user: q.actor.clone().filter(|s| !s.is_empty()),
        before_seq: q.before,
        object_id: q.object_id.clone().filter(|s| !s.is_empty()),
        limit: q.limit,
        reader: Some(subject.user.to_string()),
    };
    Ok(audit::list(store, &AuditScope::of(subject), &filter).await?)
}

/// A 工作台's recent activity: the entries `subject` may read, or, for someone who reads no
/// part of the trail, their own actions.
pub async fn recent(store: &Store, subject: &Subject, limit: i64) -> Result<Vec<AuditEntry>> {
    let scope = AuditScope::of(subject);
    let filter = AuditFilter { limit, reader: Some(subject.user.to_string()), ..Default::default() };
    if scope.is_nothing() {
        Ok(audit::list_own(store, subject.user, &filter).await?)
    } else {
        Ok(audit::list(store, &scope, &filter).await?)
    }
}
