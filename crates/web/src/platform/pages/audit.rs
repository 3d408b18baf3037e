//! Browsing the audit trail (admins: everything; supervisors: their region subtree).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use caigou_domain::authz::Role;
use caigou_store::audit::{self, AuditEntry, Verification};
use caigou_store::audit_names::{self, Names};

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
    /// The action's code, for the title (the page shows the words).
    pub action_code: String,
    pub object: String,
    pub object_href: Option<String>,
    pub hash: String,
    pub short_hash: String,
}

/// The entries in words: who acted (the person and the organization, or the system), what they
/// did, and the object by its name and number, linked to its page where it has one.
pub fn rows(entries: Vec<AuditEntry>, names: &Names, t: crate::i18n::Tr) -> Vec<EntryRow> {
    entries
        .into_iter()
        .map(|e| {
            let person = e.actor_user.as_ref().and_then(|u| names.users.get(u));
            let org = e.actor_org.as_ref().and_then(|o| names.orgs.get(o));
            let actor = match (person, org) {
                (Some(p), Some(o)) => format!("{p} · {o}"),
                (Some(p), None) => p.clone(),
                (None, Some(o)) => o.clone(),
                (None, None) => t.s("audit.system").to_string(),
            };
            let kind = t.audit_label("object", &e.object_type);
            let named = names.objects.get(&(e.object_type.clone(), e.object_id.clone()));
            EntryRow {
                seq: e.seq,
                when: when(&e.at),
                actor,
                action: t.audit_label("action", &e.action),
                action_code: e.action.clone(),
                object: named.map(|n| format!("{kind} {}", n.name)).unwrap_or(kind),
                object_href: named.and_then(|n| n.href.clone()),
                short_hash: e.hash.chars().take(12).collect(),
                hash: e.hash,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    chrome: Chrome,
    entries: Vec<EntryRow>,
    action: String,
    /// Every action the trail records, by code, with its name in the reader's language.
    actions: Vec<(String, String)>,
    older: Option<i64>,
    chain_ok: Option<bool>,
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    crate::api::ApiQuery(q): crate::api::ApiQuery<AuditQuery>,
) -> Result<Response, AppError> {
    const PAGE: i64 = 50;
    let query = caigou_app::audit::Query { limit: PAGE, ..q.query(PAGE)? };
    let entries = caigou_app::audit::list(&state.store, ctx.subject()?, &query).await?;
    let older = if entries.len() as i64 == PAGE { entries.last().map(|e| e.seq) } else { None };
    // Admins see the chain's state on the first page.
    let is_admin = ctx.principal.subject().is_some_and(|s| s.has(Role::Admin));
    let chain_ok =
        if is_admin && q.before.is_none() { Some(matches!(audit::verify(&state.store).await?, Verification::Intact { .. })) } else { None };
    let chrome = Chrome::load(&state, &ctx).await?;
    let t = chrome.t;
    let names = audit_names::names(&state.store, &entries).await?;
    let mut actions: Vec<(String, String)> = caigou_i18n::catalog()
        .ids(ctx.lang)
        .iter()
        .filter_map(|id| id.strip_prefix("audit-action-").map(|code| code.replace('-', ".")))
        .map(|code| {
            let label = t.audit_label("action", &code);
            (code, label)
        })
        .collect();
    actions.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(render(&AuditPage { chrome, entries: rows(entries, &names, t), action: q.action.unwrap_or_default(), actions, older, chain_ok }))
}
