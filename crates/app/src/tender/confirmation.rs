//! 采购人确认: a purchasing unit that asks for it confirms (or returns, with its reason) a
//! project's draft documents before the runner may publish them; an edit after a decision
//! needs a new one. The rule is caigou_domain::tender::confirmation; the unit's setting is
//! changed by its 审批 staff, like its approval chain.

use caigou_domain::Msg;
use caigou_domain::authz::{self, Action, Principal, Subject};
use caigou_domain::ids::{OrgId, ProjectId};
use caigou_domain::tender::confirmation::{self, Decision, Standing};
use caigou_store::projects::confirmations::{self, DecisionRow};
use caigou_store::projects::{self, ProjectView};
use caigou_store::{Store, StoreError};

use super::projects::Preview;
use crate::Result;

/// Whether the subject's unit confirms documents before publishing.
pub async fn unit_requires(store: &Store, subject: &Subject) -> Result<bool> {
    Ok(confirmations::requires(store, subject.org).await?)
}

/// Turns the unit's setting on or off: its 审批 staff, or admins ([`Action::ConfigureChain`]).
pub async fn set_unit_requires(store: &Store, subject: &Subject, on: bool) -> Result<()> {
    authz::decide(&Principal::User(subject.clone()), Action::ConfigureChain { unit: subject.org })?;
    Ok(confirmations::set_requires(store, subject, subject.org, on).await?)
}

/// One unit that must confirm, and where it stands on the current documents.
pub struct UnitStanding {
    pub unit: OrgId,
    pub name: String,
    pub standing: Standing,
    /// Its latest decision, on these documents or an earlier version.
    pub last: Option<DecisionRow>,
}

/// The project's units that confirm, with where each stands (empty: none asks for it).
pub async fn standing(store: &Store, view: &ProjectView) -> Result<Vec<UnitStanding>> {
    let required = confirmations::required_units(store, view).await?;
    if required.is_empty() {
        return Ok(Vec::new());
    }
    let rows = confirmations::decisions(store, view.project.id).await?;
    let given: Vec<_> = rows.iter().map(DecisionRow::given).collect();
    let current = confirmations::digest(view).unwrap_or_default();
    Ok(confirmation::standing(&required, &given, &current)
        .into_iter()
        .map(|(unit, standing)| UnitStanding {
            unit,
            name: view.plans.iter().find(|p| p.unit_id == unit).map(|p| p.unit_name.clone()).unwrap_or_default(),
            standing,
            last: rows.iter().find(|r| r.unit == unit).cloned(),
        })
        .collect())
}

/// Refuses publishing while a unit that asks for it has not confirmed the current documents.
pub async fn check_confirmed(store: &Store, view: &ProjectView) -> Result<()> {
    let waiting: Vec<String> =
        standing(store, view).await?.into_iter().filter(|u| u.standing != Standing::Confirmed).map(|u| u.name).collect();
    if waiting.is_empty() {
        return Ok(());
    }
    Err(StoreError::reject_with("documents.awaiting_purchaser", Msg::new("error.documents.awaiting_purchaser").arg_list("units", &waiting))
        .into())
}

/// The project, if the subject's unit is one it serves and asks for confirmation.
async fn confirmable(store: &Store, subject: &Subject, project: ProjectId) -> Result<ProjectView> {
    let v = projects::get(store, project).await?;
    authz::decide(&Principal::User(subject.clone()), Action::ConfirmDocuments { unit: subject.org, purchasers: &v.purchasers() })?;
    if !v.project.status.editable() {
        return Err(StoreError::reject_with("documents.published", Msg::new("error.documents.published.project_already_published")).into());
    }
    if !confirmations::requires(store, subject.org).await? {
        return Err(StoreError::reject("confirmation.not_required").into());
    }
    Ok(v)
}

/// The documents and announcement as they would go out, shown to the unit that confirms them.
pub async fn review(store: &Store, subject: &Subject, project: ProjectId) -> Result<Preview> {
    confirmable(store, subject, project).await?;
    super::projects::preview_unchecked(store, project).await
}

/// 确认 or 退回修改 (with its reason) of the documents as they stand now.
pub async fn decide(store: &Store, subject: &Subject, project: ProjectId, decision: Decision, comment: &str) -> Result<()> {
    let v = confirmable(store, subject, project).await?;
    Ok(confirmations::decide(store, subject, &v, subject.org, decision, comment).await?)
}

/// Asks the units that confirm, after the runner saved the documents.
pub async fn ask(store: &Store, view: &ProjectView) -> Result<()> {
    let required = confirmations::required_units(store, view).await?;
    if !required.is_empty() {
        confirmations::ask(store, view, &required).await?;
    }
    Ok(())
}
