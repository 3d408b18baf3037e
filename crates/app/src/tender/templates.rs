//! 采购文件范本: the template library. Platform templates are the admins'; an agency keeps its
//! own. Saving an existing template makes a new version; published documents keep theirs.

use caigou_domain::authz::{self, Action, Principal, Role, Subject};
use caigou_domain::ids::OrgId;
use caigou_store::templates::{self, Template, TemplateInput};
use caigou_store::{Store, StoreError};

use crate::Result;

/// Creates a template: a platform one (admins) or the subject's agency's own; answers it.
pub async fn create(store: &Store, subject: &Subject, input: &TemplateInput) -> Result<Template> {
    let owner: Option<OrgId> = if subject.has(Role::Admin) { None } else { Some(subject.org) };
    authz::decide(&Principal::User(subject.clone()), Action::ManageTemplate { owner })?;
    let owner = owner.map(|o| o.to_string());
    let id = templates::save(store, subject, None, owner.as_deref(), input).await?;
    Ok(templates::get(store, &id).await?)
}

/// Revises a template the subject manages; answers the new version.
pub async fn revise(store: &Store, subject: &Subject, id: &str, input: &TemplateInput) -> Result<Template> {
    let current = templates::get(store, id).await?;
    let owner: Option<OrgId> = match &current.owner_org_id {
        Some(o) => Some(o.parse().map_err(|_| StoreError::Internal("template owner id".into()))?),
        None => None,
    };
    authz::decide(&Principal::User(subject.clone()), Action::ManageTemplate { owner })?;
    templates::save(store, subject, Some(id), current.owner_org_id.as_deref(), input).await?;
    Ok(templates::get(store, id).await?)
}
