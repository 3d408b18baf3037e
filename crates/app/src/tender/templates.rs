//! 采购文件范本: the template library. Platform templates are the admins'; an agency keeps its
//! own. Saving an existing template makes a new version; published documents keep theirs.

use caigou_domain::authz::scope::TemplateScope;
use caigou_domain::authz::{self, Action, Principal, Role, Subject};
use caigou_domain::ids::OrgId;
use caigou_store::templates::{self, Template, TemplateInput};
use caigou_store::{Store, StoreError};

use crate::Result;

/// Creates a template: a platform one (admins) or the subject's agency's own; answers it.
pub async fn create(store: &Store, subject: &Subject, input: &TemplateInput) -> Result<Template> {
    let owner: Option<OrgId> = if subject.has(Role::Admin) { None } else { Some(subject.org) };
    authz::decide(&Principal::User(subject.clone()), Action::ManageTemplate { owner })?;
    let id = templates::save(store, subject, None, owner, input).await?;
    Ok(templates::get(store, &id).await?)
}

/// Revises a template the subject manages; answers the new version.
pub async fn revise(store: &Store, subject: &Subject, id: &str, input: &TemplateInput) -> Result<Template> {
    let current = templates::get(store, id).await?;
    authz::decide(&Principal::User(subject.clone()), Action::ManageTemplate { owner: owner(&current)? })?;
    templates::save(store, subject, Some(id), current.owner_org_id, input).await?;
    Ok(templates::get(store, id).await?)
}

fn owner(t: &Template) -> Result<Option<OrgId>> {
    Ok(t.owner_org_id)
}

/// The templates `subject` may read ([`TemplateScope`]), optionally for one method.
pub async fn list(store: &Store, subject: &Subject, method: Option<&str>) -> Result<Vec<Template>> {
    Ok(templates::list(store, &TemplateScope::of(subject), method).await?)
}

/// A template `subject` may read ([`Action::ViewTemplate`]); another organization's is not
/// found, as if it did not exist.
pub async fn visible(store: &Store, subject: &Subject, id: &str) -> Result<Template> {
    let t = templates::get(store, id).await?;
    if authz::decide(&Principal::User(subject.clone()), Action::ViewTemplate { owner: owner(&t)? }).is_err() {
        return Err(StoreError::NotFound("template").into());
    }
    Ok(t)
}
