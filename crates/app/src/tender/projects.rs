//! Who may act on a project: the rule every project-runner action starts with.

use caigou_domain::authz::{self, Action, Principal, Subject};
use caigou_domain::ids::{LotId, ProjectId};
use caigou_store::Store;
use caigou_store::projects::{self, ProjectView};

use crate::Result;

/// The project, if `subject` may see it and runs it (the agency entrusted with it, or the unit's
/// 经办 procuring on its own). Seeing comes first, so an outsider learns nothing of its state.
pub async fn runnable(store: &Store, subject: &Subject, project: ProjectId) -> Result<ProjectView> {
    let v = projects::get(store, &project.to_string()).await?;
    let principal = Principal::User(subject.clone());
    authz::decide(&principal, Action::ViewProject { runner: v.runner(), purchasers: &v.purchasers(), region_path: &v.region_ids() })?;
    authz::decide(&principal, Action::RunProject { runner: v.runner() })?;
    Ok(v)
}

/// The project of `lot`, if `subject` runs it ([`runnable`]).
pub async fn runnable_lot(store: &Store, subject: &Subject, lot: LotId) -> Result<ProjectView> {
    let project = projects::project_of_lot(store, &lot.to_string()).await?;
    let project: ProjectId = project.parse().map_err(|_| caigou_store::StoreError::NotFound("project"))?;
    runnable(store, subject, project).await
}
