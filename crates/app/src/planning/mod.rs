//! The planning stage's use cases: 采购意向, 采购计划 (filing, changing, closing, re-procuring),
//! the supervisor's decision and the 单一来源 公示 objections, entrusting a filed plan.

use caigou_domain::Money;
use caigou_domain::authz::scope::{ApprovalScope, UnitScope};
use caigou_domain::authz::{self, Action, Principal, Subject};
use caigou_domain::ids::{OrgId, PlanId, parse_region_path};
use caigou_domain::planning::filing::Outcome;
use caigou_domain::planning::{Method, PlanStatus};
use caigou_store::intentions::{self, Intention};
use caigou_store::plans::{self, Approval, Plan, PlanDetail, PlanInput, Submitted};
use caigou_store::{Store, approvals, projects};

use crate::Result;

pub mod budget;
pub mod requests;

fn principal(subject: &Subject) -> Principal {
    Principal::User(subject.clone())
}

/// The subject acts for its own unit's planning (its 经办).
fn for_own_unit(subject: &Subject) -> Result<()> {
    authz::decide(&principal(subject), Action::PlanForUnit { unit: subject.org })?;
    Ok(())
}

/// 采购意向公开: publishes an intention to the portal.
pub async fn publish_intention(
    store: &Store,
    subject: &Subject,
    project_name: &str,
    summary: &str,
    budget: Money,
    expected_month: &str,
) -> Result<Intention> {
    for_own_unit(subject)?;
    Ok(intentions::publish_intention(store, subject, project_name, summary, budget, expected_month).await?)
}

/// The 采购意向 `subject` sees ([`UnitScope`]: of the units whose planning it reads), newest
/// first, each with the first day procurement may start after it (the lead time of its unit's
/// region: 10号, 30 days).
pub async fn intentions(store: &Store, subject: &Subject) -> Result<Vec<(Intention, String)>> {
    let mut lead = std::collections::BTreeMap::new();
    let mut out = Vec::new();
    for i in intentions::list(store, &UnitScope::of(subject)).await? {
        let days = match lead.get(&i.org_id) {
            Some(d) => *d,
            None => {
                let d = intentions::intention_lead_days(store, i.org_id).await?;
                lead.insert(i.org_id, d);
                d
            }
        };
        let earliest = intentions::earliest_start(&i, days);
        out.push((i, earliest));
    }
    Ok(out)
}

/// The own unit's intentions a new plan may follow (its 经办).
pub async fn own_intentions(store: &Store, subject: &Subject) -> Result<Vec<Intention>> {
    for_own_unit(subject)?;
    Ok(intentions::list_for_org(store, subject.org).await?)
}

/// Runs every filing rule on a draft plan without saving it; with the methods this plan could
/// be filed with at once.
pub async fn check_plan(store: &Store, subject: &Subject, input: &PlanInput) -> Result<(Outcome, Vec<Method>)> {
    for_own_unit(subject)?;
    Ok(plans::check(store, subject.org, input).await?)
}

/// Submits a plan: filed at once (自动备案), sent for approval, or refused, with every finding.
pub async fn submit_plan(store: &Store, subject: &Subject, input: &PlanInput) -> Result<Submitted> {
    for_own_unit(subject)?;
    Ok(plans::submit(store, subject, input).await?)
}

/// A unit's plans, newest first, if `subject` may read its planning
/// ([`Action::ViewUnitPlanning`], as for each of them in [`visible_plan`]).
pub async fn plans(store: &Store, subject: &Subject, unit: OrgId) -> Result<Vec<Plan>> {
    budget::may_view_unit(store, subject, unit).await?;
    Ok(plans::list_for_org(store, unit).await?)
}

/// A plan the subject may see (its unit, the region's finance department, admins).
pub async fn visible_plan(store: &Store, subject: &Subject, plan: PlanId) -> Result<PlanDetail> {
    let d = plans::get(store, plan).await?;
    let unit: OrgId = d.plan.org_id;
    let path = parse_region_path(&d.unit_region_path);
    authz::decide(&principal(subject), Action::ViewUnitPlanning { unit, unit_region_path: &path })?;
    Ok(d)
}

/// A plan the subject's unit acts on (its 经办).
pub async fn own_plan(store: &Store, subject: &Subject, plan: PlanId) -> Result<PlanDetail> {
    let d = plans::get(store, plan).await?;
    let unit: OrgId = d.plan.org_id;
    authz::decide(&principal(subject), Action::PlanForUnit { unit })?;
    Ok(d)
}

/// Cancels a plan (`failed`: records that its procurement failed, 废标) and releases its budget.
pub async fn close_plan(store: &Store, subject: &Subject, plan: PlanId, failed: bool, reason: &str) -> Result<()> {
    own_plan(store, subject, plan).await?;
    Ok(plans::close(store, subject, plan, failed, reason).await?)
}

/// 重新采购: re-files a failed plan, with another method or start date if given.
pub async fn reprocure(
    store: &Store,
    subject: &Subject,
    plan: PlanId,
    method: Option<Method>,
    start: Option<jiff::civil::Date>,
) -> Result<Submitted> {
    own_plan(store, subject, plan).await?;
    Ok(plans::reprocure(store, subject, plan, method, start).await?)
}

/// 计划变更: replaces an open plan with a changed version, filed by the same rules.
pub async fn amend(store: &Store, subject: &Subject, plan: PlanId, input: PlanInput) -> Result<Submitted> {
    own_plan(store, subject, plan).await?;
    Ok(plans::amend(store, subject, plan, input).await?)
}

/// 审批: a supervisor of the unit's region subtree (never the submitter) approves or rejects.
pub async fn decide(store: &Store, subject: &Subject, plan: PlanId, approve: bool, comment: &str) -> Result<PlanStatus> {
    let d = plans::get(store, plan).await?;
    let path = parse_region_path(&d.unit_region_path);
    let submitted_by = d.plan.created_by;
    authz::decide(&principal(subject), Action::DecidePlan { unit_region_path: &path, submitted_by })?;
    Ok(approvals::decide(store, subject, plan, approve, comment).await?)
}

/// Plans waiting for `subject`'s decision ([`ApprovalScope`]: those [`decide`] lets it decide),
/// oldest first.
pub async fn approvals(store: &Store, subject: &Subject) -> Result<Vec<(Plan, Approval)>> {
    Ok(approvals::waiting_approvals(store, &ApprovalScope::of(subject)).await?)
}

/// 公示异议: anyone objects to a 单一来源 公示 while it runs (rate-limited per address).
pub async fn object(store: &Store, plan: PlanId, from_name: &str, text: &str) -> Result<()> {
    Ok(approvals::object(store, plan, from_name, text).await?)
}

/// 委托: a unit's 经办 entrusts a filed plan to an agency (or to its own procurement).
pub async fn entrust(store: &Store, subject: &Subject, plan: PlanId, runner: OrgId) -> Result<()> {
    for_own_unit(subject)?;
    projects::entrust(store, subject, plan, runner).await?;
    Ok(())
}
