//! 平台管理: what admins keep — the working-day calendar, the 品目 catalog, regions' policy
//! versions, the 法定底线, and on a sandbox platform its clock.

use caigou_domain::authz::{self, Action, Principal, Subject};
use caigou_domain::policy::PolicyOverride;
use caigou_domain::statutory::StatutoryLimits;
use caigou_store::audit::Actor;
use caigou_store::{Store, calendar, catalog, clock, regions, scheduled, statutory};

use crate::Result;

fn may(subject: &Subject, action: Action<'_>) -> Result<()> {
    authz::decide(&Principal::User(subject.clone()), action)?;
    Ok(())
}

/// Loads or replaces a calendar year from a holiday-cn file (admins); answers the year.
pub async fn load_calendar_year(store: &Store, subject: &Subject, json: &str) -> Result<i16> {
    may(subject, Action::Administer)?;
    Ok(calendar::load_year(store, &Actor::of(subject), json).await?)
}

/// Replaces the 品目 catalog from a CSV file (admins); answers the number of entries.
pub async fn import_catalog(store: &Store, subject: &Subject, csv: &[u8]) -> Result<usize> {
    may(subject, Action::Administer)?;
    Ok(catalog::import_csv(store, &Actor::of(subject), csv).await?)
}

/// Adds a policy version to a region (platform admins), checked against the 法定底线.
pub async fn add_policy_version(
    store: &Store,
    subject: &Subject,
    region: &str,
    effective_from: jiff::civil::Date,
    overrides: &PolicyOverride,
    note: &str,
) -> Result<String> {
    may(subject, Action::EditRegionPolicy)?;
    Ok(regions::add_version(store, &Actor::of(subject), region, effective_from, overrides, note.trim()).await?)
}

/// Corrects the 法定底线 (admins), with a note naming the source.
pub async fn correct_statutory_limits(store: &Store, subject: &Subject, limits: &StatutoryLimits, note: &str) -> Result<()> {
    may(subject, Action::EditRegionPolicy)?;
    Ok(statutory::set(store, &Actor::of(subject), limits, note).await?)
}

/// Moves a sandbox platform's clock forward to `target_ms` (admins) and fires what became due;
/// answers the new time and how many scheduled transitions ran.
pub async fn move_sandbox_clock(store: &Store, subject: &Subject, target_ms: i64) -> Result<(i64, usize)> {
    may(subject, Action::Administer)?;
    let now = clock::sandbox_move(store, &Actor::of(subject), target_ms).await?;
    let transitions = scheduled::run_due(store, &caigou_store::job_handlers()).await?;
    Ok((now, transitions))
}
