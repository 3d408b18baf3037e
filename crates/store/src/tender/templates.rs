//! The library of procurement-document templates (采购文件范本): the platform's built-in ones
//! for each method, and agencies' own. A project's documents are filled from one of them.

use caigou_domain::authz::Subject;
use caigou_domain::authz::scope::TemplateScope;
use caigou_domain::ids::OrgId;
use caigou_domain::planning::Method;
use caigou_domain::tender::document::{TemplateSection, check_template};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Actor, Change};
use crate::{Result, Store, StoreError, new_id};

const BUILTIN: &str = include_str!("../../data/templates.json");

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Template {
    pub id: String,
    #[serde(default)]
    pub owner_org_id: Option<OrgId>,
    pub method: Method,
    pub object_type: Option<String>,
    pub name: String,
    pub sections: Vec<TemplateSection>,
    #[serde(default)]
    pub version: i64,
}

/// Loads the built-in templates, and refreshes those no admin has revised (`updated_at = 0`).
pub async fn seed_builtin(store: &Store) -> Result<()> {
    let templates: Vec<Template> = serde_json::from_str(BUILTIN).map_err(|e| StoreError::Internal(format!("built-in templates: {e}")))?;
    for t in templates {
        check_template(&t.sections).map_err(|e| StoreError::Internal(format!("built-in template {}: {e:?}", t.id)))?;
        sqlx::query(
            "INSERT INTO doc_templates (id, owner_org_id, method, object_type, name, sections, version, updated_at) VALUES ($1, NULL, $2, $3, $4, $5, 1, 0)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, sections = excluded.sections WHERE doc_templates.updated_at = 0",
        )
        .bind(&t.id)
        .bind(t.method.key())
        .bind(&t.object_type)
        .bind(&t.name)
        .bind(serde_json::to_string(&t.sections).map_err(|e| StoreError::Internal(e.to_string()))?)
        .execute(store.pool())
        .await?;
    }
    Ok(())
}

type Row = (String, Option<String>, String, Option<String>, String, String, i64);

fn from_row(r: Row) -> Result<Template> {
    Ok(Template {
        id: r.0,
        owner_org_id: crate::stored_opt("org id", r.1)?,
        method: Method::try_from(r.2).map_err(StoreError::Internal)?,
        object_type: r.3,
        name: r.4,
        sections: serde_json::from_str(&r.5).map_err(|e| StoreError::Internal(format!("template sections: {e}")))?,
        version: r.6,
    })
}

/// Templates an organization may fill its documents from: the platform's and its own;
/// optionally for one method.
pub async fn usable_by(store: &Store, org: OrgId, method: Option<&str>) -> Result<Vec<Template>> {
    query(store, 0, &org.to_string(), method).await
}

/// Templates in `scope` (those its subject may read); optionally for one method.
pub async fn list(store: &Store, scope: &TemplateScope, method: Option<&str>) -> Result<Vec<Template>> {
    query(store, crate::scope::flag(scope.all()), &scope.own().to_string(), method).await
}

async fn query(store: &Store, all: i64, org: &str, method: Option<&str>) -> Result<Vec<Template>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, owner_org_id, method, object_type, name, sections, version FROM doc_templates
         WHERE ($3 = 1 OR owner_org_id IS NULL OR owner_org_id = $1) AND ($2 = '' OR method = $2) ORDER BY owner_org_id, method, name",
    )
    .bind(org)
    .bind(method.unwrap_or(""))
    .bind(all)
    .fetch_all(store.pool())
    .await?;
    rows.into_iter().map(from_row).collect()
}

pub async fn get(store: &Store, id: &str) -> Result<Template> {
    let row: Option<Row> =
        sqlx::query_as("SELECT id, owner_org_id, method, object_type, name, sections, version FROM doc_templates WHERE id = $1")
            .bind(id)
            .fetch_optional(store.pool())
            .await?;
    from_row(row.ok_or(StoreError::NotFound("template"))?)
}

/// A template as entered.
#[derive(Debug, Clone, Deserialize)]
pub struct TemplateInput {
    pub method: String,
    pub object_type: Option<String>,
    pub name: String,
    pub sections: Vec<TemplateSection>,
}

/// Creates (`id = None`) or revises a template owned by `owner` (`None`: a platform template).
pub async fn save(store: &Store, subject: &Subject, id: Option<&str>, owner: Option<OrgId>, t: &TemplateInput) -> Result<String> {
    let owner = owner.map(|o| o.to_string());
    if caigou_domain::planning::Method::parse(&t.method).is_none() || t.name.trim().is_empty() || t.sections.is_empty() {
        return Err(StoreError::reject("template.invalid"));
    }
    check_template(&t.sections).map_err(|e| StoreError::rejected(&e))?;
    let now = store.clock().now_ms();
    let sections = serde_json::to_string(&t.sections).map_err(|e| StoreError::Internal(e.to_string()))?;
    let mut tx = store.begin().await?;
    let id = match id {
        Some(id) => {
            let n = sqlx::query(
                "UPDATE doc_templates SET method = $1, object_type = $2, name = $3, sections = $4, version = version + 1, updated_at = $5, updated_by = $6
                 WHERE id = $7",
            )
            .bind(&t.method)
            .bind(&t.object_type)
            .bind(t.name.trim())
            .bind(&sections)
            .bind(now)
            .bind(subject.user.to_string())
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 0 {
                return Err(StoreError::NotFound("template"));
            }
            id.to_string()
        }
        None => {
            let id = new_id().to_string();
            sqlx::query(
                "INSERT INTO doc_templates (id, owner_org_id, method, object_type, name, sections, version, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8)",
            )
            .bind(&id)
            .bind(&owner)
            .bind(&t.method)
            .bind(&t.object_type)
            .bind(t.name.trim())
            .bind(&sections)
            .bind(now)
            .bind(subject.user.to_string())
            .execute(&mut *tx)
            .await?;
            id
        }
    };
    let detail = serde_json::json!({"name": t.name.trim(), "method": t.method, "owner": owner});
    audit::append(
        &mut tx,
        now,
        &Actor::of(subject),
        Change { action: "template.saved", object_type: "template", object_id: &id, region_path: "", detail: &detail },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
