//! The names an audit page shows instead of ids: who acted (the person and the organization)
//! and what was acted on (a project by its number and name, a plan by its number, …), with the
//! page each object lives on. Read for one page of entries at a time.

use std::collections::HashMap;

use crate::audit::AuditEntry;
use crate::{Result, Store};

/// An object as a reader knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectName {
    pub name: String,
    /// Where it is shown, if it has a page.
    pub href: Option<String>,
}

/// Names for the people, organizations and objects of some entries.
#[derive(Debug, Default)]
pub struct Names {
    pub users: HashMap<String, String>,
    pub orgs: HashMap<String, String>,
    pub objects: HashMap<(String, String), ObjectName>,
}

/// For each object type with names: the query (ids bound as `$1…`), and its page.
fn source(object_type: &str) -> Option<(&'static str, Option<&'static str>)> {
    Some(match object_type {
        "project" => ("SELECT id, project_no || ' ' || name FROM projects WHERE id IN ({})", Some("/projects/")),
        "plan" => ("SELECT id, plan_no || ' ' || name FROM plans WHERE id IN ({})", Some("/plans/")),
        "purchase_request" => ("SELECT id, request_no || ' ' || title FROM purchase_requests WHERE id IN ({})", Some("/requests/")),
        "supplier" => ("SELECT id, name FROM organizations WHERE id IN ({})", Some("/suppliers/")),
        "organization" => ("SELECT id, name FROM organizations WHERE id IN ({})", None),
        "user" => ("SELECT id, display_name FROM users WHERE id IN ({})", None),
        "announcement" => ("SELECT id, title FROM announcements WHERE id IN ({})", Some("/announcements/")),
        "intention" => ("SELECT id, project_name FROM intentions WHERE id IN ({})", None),
        "budget_line" => ("SELECT id, code || ' ' || name FROM budget_lines WHERE id IN ({})", None),
        "region" => ("SELECT id, name_zh FROM regions WHERE id IN ({})", Some("/regions/")),
        "template" => ("SELECT id, name FROM doc_templates WHERE id IN ({})", None),
        _ => return None,
    })
}

async fn lookup(store: &Store, sql: &str, ids: &[String]) -> Result<Vec<(String, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = sql.replace("{}", &marks.join(", "));
    let mut q = sqlx::query_as::<_, (String, String)>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        q = q.bind(id);
    }
    Ok(q.fetch_all(store.pool()).await?)
}

/// The names `entries` mention. Ids that name nothing (a deleted row) are left out; the page
/// shows the object's type alone for them.
pub async fn names(store: &Store, entries: &[AuditEntry]) -> Result<Names> {
    let mut names = Names::default();
    let mut users: Vec<String> = entries.iter().filter_map(|e| e.actor_user.clone()).collect();
    let mut orgs: Vec<String> = entries.iter().filter_map(|e| e.actor_org.clone()).collect();
    users.sort();
    users.dedup();
    orgs.sort();
    orgs.dedup();
    names.users = lookup(store, "SELECT id, display_name FROM users WHERE id IN ({})", &users).await?.into_iter().collect();
    names.orgs = lookup(store, "SELECT id, name FROM organizations WHERE id IN ({})", &orgs).await?.into_iter().collect();
    let mut by_type: HashMap<&str, Vec<String>> = HashMap::new();
    for e in entries {
        if source(&e.object_type).is_some() {
            by_type.entry(e.object_type.as_str()).or_default().push(e.object_id.clone());
        }
    }
    for (object_type, mut ids) in by_type {
        ids.sort();
        ids.dedup();
        let Some((sql, page)) = source(object_type) else { continue };
        for (id, name) in lookup(store, sql, &ids).await? {
            let href = page.map(|p| format!("{p}{id}"));
            names.objects.insert((object_type.to_string(), id), ObjectName { name, href });
        }
    }
    Ok(names)
}
