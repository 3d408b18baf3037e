//! Browsing the audit trail (admins: everything; supervisors: their region subtree).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use caigou_domain::authz::Role;
use caigou_store::audit::{self, AuditEntry, Verification};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Chrome, render, when};
use crate::platform::api::audit::AuditQuery;

pub struct EntryRow {
    pub seq: i64,
    pub when: String,
    pub actor: String,
    pub action: String,
    pub object: String,
    pub hash: String,
    pub short_hash: String,
}

pub fn rows(entries: Vec<AuditEntry>, t: crate::i18n::Tr) -> Vec<EntryRow> {
    entries
        .into_iter()
        .map(|e| EntryRow {
            seq: e.seq,
            when: when(&e.at),
            actor: e.actor_role.clone().unwrap_or_default(),
            action: format!("{} ({})", t.audit_label("action", &e.action), e.action),
            object: format!("{} {}", t.audit_label("object", &e.object_type), e.object_id.chars().take(13).collect::<String>()),
            short_hash: e.hash.chars().take(12).collect(),
            hash: e.hash,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    chrome: Chrome,
    entries: Vec<EntryRow>,
    action: String,
    older: Option<i64>,
    chain_ok: Option<bool>,
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    crate::api::ApiQuery(q): crate::api::ApiQuery<AuditQuery>,
) -> Result<Response, AppError> {
    const PAGE: i64 = 50;
    let query = caigou_app::audit::Query { limit: PAGE, ..q.query(PAGE) };
    let entries = caigou_app::audit::list(&state.store, ctx.subject()?, &query).await?;
    let older = if entries.len() as i64 == PAGE { entries.last().map(|e| e.seq) } else { None };
    // Admins see the chain's state on the first page.
    let is_admin = ctx.principal.subject().is_some_and(|s| s.has(Role::Admin));
    let chain_ok =
        if is_admin && q.before.is_none() { Some(matches!(audit::verify(&state.store).await?, Verification::Intact { .. })) } else { None };
    let chrome = Chrome::load(&state, &ctx).await?;
    let t = chrome.t;
    Ok(render(&AuditPage { chrome, entries: rows(entries, t), action: q.action.unwrap_or_default(), older, chain_ok }))
}
