//! Browsing and verifying the audit trail.

use axum::Json;
use axum::extract::State;
use caigou_store::audit::{self, AuditEntry, Verification};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::ApiQuery;
use crate::ctx::Ctx;
use crate::error::ApiResult;

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Substring of the action, e.g. `policy`.
    pub action: Option<String>,
    /// Only entries by this user id.
    pub actor: Option<String>,
    /// Only entries about objects in this region's subtree.
    pub region: Option<String>,
    /// Entries before this sequence number (paging).
    pub before: Option<i64>,
    /// Only entries about this object (a project, plan, supplier… id).
    pub object_id: Option<String>,
    pub limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct AuditEntryOut {
    pub seq: i64,
    pub at: i64,
    pub actor_user: Option<String>,
    pub actor_org: Option<String>,
    pub actor_role: Option<String>,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub region_path: String,
    pub change: String,
    pub change_digest: String,
    pub prev_hash: String,
    pub hash: String,
}

impl From<AuditEntry> for AuditEntryOut {
    fn from(e: AuditEntry) -> Self {
        AuditEntryOut {
            seq: e.seq,
            at: e.at,
            actor_user: e.actor_user,
            actor_org: e.actor_org,
            actor_role: e.actor_role,
            action: e.action,
            object_type: e.object_type,
            object_id: e.object_id,
            region_path: e.region_path,
            change: e.change,
            change_digest: e.change_digest,
            prev_hash: e.prev_hash,
            hash: e.hash,
        }
    }
}

impl AuditQuery {
    /// The use case's query, at most `limit` entries unless the query asks for fewer or more.
    pub fn query(&self, limit: i64) -> ApiResult<caigou_app::audit::Query> {
        Ok(caigou_app::audit::Query {
            region: self.region.as_deref().filter(|r| !r.is_empty()).map(|r| crate::input::path_id(r, "region")).transpose()?,
            action: self.action.clone(),
            actor: self.actor.clone(),
            object_id: self.object_id.clone(),
            before: self.before,
            limit: self.limit.unwrap_or(limit),
        })
    }
}

/// Audit entries, newest first (admins: all; supervisors: their region subtree).
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", security(("bearer" = [])), params(AuditQuery),
    responses((status = 200, body = Vec<AuditEntryOut>), (status = 403, body = crate::api::ErrorBody)))]
pub async fn list(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<AuditQuery>) -> ApiResult<Json<Vec<AuditEntryOut>>> {
    Ok(Json(caigou_app::audit::list(&state.store, ctx.subject()?, &q.query(50)?).await?.into_iter().map(Into::into).collect()))
}

#[derive(Serialize, ToSchema)]
pub struct VerifyOut {
    pub intact: bool,
    pub entries: Option<i64>,
    /// The first bad entry's sequence number, when broken.
    pub first_bad_seq: Option<i64>,
    pub problem: Option<String>,
}

/// Verifies the whole hash chain (admins).
#[utoipa::path(get, path = "/api/v1/audit/verify", tag = "audit", security(("bearer" = [])), responses((status = 200, body = VerifyOut)))]
pub async fn verify(State(state): State<AppState>) -> ApiResult<Json<VerifyOut>> {
    Ok(Json(match audit::verify(&state.store).await? {
        Verification::Intact { entries } => VerifyOut { intact: true, entries: Some(entries), first_bad_seq: None, problem: None },
        Verification::Broken(b) => VerifyOut { intact: false, entries: None, first_bad_seq: b.seq(), problem: Some(b.to_string()) },
    }))
}
