//! 预算指标: loading a unit's budget lines (admins, and the finance department of the unit's
//! region). Many lines are staged in short batches so the load never makes a bid wait.

use caigou_domain::authz::scope::UnitScope;
use caigou_domain::authz::{self, Action, Principal, Subject};
use caigou_domain::ids::{OrgId, parse_region_path};
use caigou_store::audit::Actor;
use caigou_store::budget::{self, BudgetLine, NewBudgetLine};
use caigou_store::{Store, StoreError, users};

use crate::Result;

/// Adds lines to a purchasing unit, all or nothing; answers their ids.
pub async fn add_lines(store: &Store, subject: &Subject, unit: OrgId, lines: &[NewBudgetLine]) -> Result<Vec<String>> {
    let (kind, path) = users::org_kind_and_path(store, unit).await?.ok_or(StoreError::NotFound("organization"))?;
    authz::decide(
        &Principal::User(subject.clone()),
        Action::ManageBudget { unit_kind: kind, unit_region_path: &parse_region_path(&path) },
    )?;
    Ok(budget::import_lines(store, &Actor::of(subject), unit, lines).await?)
}

/// The purchasing units whose planning data `subject` sees ([`UnitScope`]), as (id, name) by
/// name.
pub async fn units(store: &Store, subject: &Subject) -> Result<Vec<(String, String)>> {
    Ok(users::units(store, &UnitScope::of(subject)).await?)
}

/// Refuses unless `subject` may read `unit`'s planning data ([`Action::ViewUnitPlanning`]).
pub async fn may_view_unit(store: &Store, subject: &Subject, unit: OrgId) -> Result<()> {
    let path = users::org_region_path(store, unit).await?.ok_or(StoreError::NotFound("organization"))?;
    authz::decide(&Principal::User(subject.clone()), Action::ViewUnitPlanning { unit, unit_region_path: &parse_region_path(&path) })?;
    Ok(())
}

/// A unit's budget lines (optionally of one fiscal year), if `subject` may read its planning.
pub async fn lines(store: &Store, subject: &Subject, unit: OrgId, fiscal_year: Option<i64>) -> Result<Vec<BudgetLine>> {
    may_view_unit(store, subject, unit).await?;
    Ok(budget::list(store, unit, fiscal_year).await?)
}
