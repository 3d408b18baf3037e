//! 预算指标: loading a unit's budget lines (admins, and the finance department of the unit's
//! region). Many lines are staged in short batches so the load never makes a bid wait.

use caigou_domain::authz::{self, Action, Principal, Subject};
use caigou_domain::ids::{OrgId, parse_region_path};
use caigou_store::audit::Actor;
use caigou_store::budget::{self, NewBudgetLine};
use caigou_store::{Store, StoreError, users};

use crate::Result;

/// Adds lines to a purchasing unit, all or nothing; answers their ids.
pub async fn add_lines(store: &Store, subject: &Subject, unit: OrgId, lines: &[NewBudgetLine]) -> Result<Vec<String>> {
    let (kind, path) = users::org_kind_and_path(store, &unit.to_string()).await?.ok_or(StoreError::NotFound("organization"))?;
    authz::decide(
        &Principal::User(subject.clone()),
        Action::ManageBudget { unit_kind: kind, unit_region_path: &parse_region_path(&path) },
    )?;
    Ok(budget::import_lines(store, &Actor::of(subject), unit, lines).await?)
}
