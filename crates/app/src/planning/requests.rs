//! 申购: a unit's purchase requests through its own approval chain (岗位分离: the applicant
//! submits, staff holding each step's role decide, never the applicant), and the chain itself.

use caigou_domain::Msg;
use caigou_domain::authz::scope::UnitScope;
use caigou_domain::authz::{self, Action, Principal, Subject};
use caigou_domain::ids::{OrgId, RequestId, UserId, parse_region_path};
use caigou_domain::planning::request::{ApprovalChain, RequestEvent};
use caigou_store::requests::{self, PurchaseRequest, RequestDetail, RequestInput};
use caigou_store::{Store, StoreError};

use crate::Result;

fn principal(subject: &Subject) -> Principal {
    Principal::User(subject.clone())
}

/// Files a request (the unit's 经办), submitted into the chain unless `submit` is false.
pub async fn create(store: &Store, subject: &Subject, input: &RequestInput, submit: bool) -> Result<RequestDetail> {
    authz::decide(&principal(subject), Action::PlanForUnit { unit: subject.org })?;
    Ok(requests::create(store, subject, input, submit).await?)
}

/// A request the subject may see (its unit's staff, the region's finance department, admins).
pub async fn visible(store: &Store, subject: &Subject, id: RequestId) -> Result<RequestDetail> {
    let d = requests::get(store, id).await?;
    let unit: OrgId = d.request.org_id;
    let path = parse_region_path(&d.unit_region_path);
    authz::decide(&principal(subject), Action::ViewUnitPlanning { unit, unit_region_path: &path })?;
    Ok(d)
}

/// Changes a draft or returned request (its applicant: the store refuses anyone else with
/// `request.not_applicant`), and submits it again if `submit`.
pub async fn modify(store: &Store, subject: &Subject, id: RequestId, input: &RequestInput, submit: bool) -> Result<RequestDetail> {
    visible(store, subject, id).await?;
    let d = requests::modify(store, subject, id, input).await?;
    if submit {
        return act(store, subject, id, RequestEvent::Submit, "").await;
    }
    Ok(d)
}

fn applicant(d: &RequestDetail) -> Result<UserId> {
    Ok(d.request.applicant)
}

/// Acts on a request: `Submit` (its applicant) or `Approve`, `Return`, `Reject` (staff of the
/// unit holding the current step's role; never the applicant).
pub async fn act(store: &Store, subject: &Subject, id: RequestId, event: RequestEvent, comment: &str) -> Result<RequestDetail> {
    let d = visible(store, subject, id).await?;
    let applicant = applicant(&d)?;
    let action = match event {
        RequestEvent::Submit => Action::SubmitOwnRequest { applicant },
        _ => {
            let step_role = requests::current_step_role(&d)
                .ok_or_else(|| StoreError::reject_with("request.bad_transition", Msg::new("error.request.bad_transition.not_in_review")))?;
            let unit: OrgId = d.request.org_id;
            Action::ActOnRequestStep { unit, step_role, applicant }
        }
    };
    authz::decide(&principal(subject), action)?;
    Ok(requests::act(store, subject, id, event, comment).await?)
}

/// Sets a unit's approval chain (the unit's 审批 staff, or admins).
pub async fn set_chain(store: &Store, subject: &Subject, unit: OrgId, chain: &ApprovalChain) -> Result<()> {
    authz::decide(&principal(subject), Action::ConfigureChain { unit })?;
    Ok(requests::set_chain(store, subject, unit, chain).await?)
}

/// The requests `subject` may see ([`UnitScope`]: of the units [`visible`] admits), newest first.
pub async fn list(store: &Store, subject: &Subject) -> Result<Vec<PurchaseRequest>> {
    Ok(requests::list(store, &UnitScope::of(subject)).await?)
}

/// Requests waiting at a step `subject` acts on (its own unit's, holding the step's role, not
/// its own: [`Action::ActOnRequestStep`]).
pub async fn waiting(store: &Store, subject: &Subject) -> Result<Vec<PurchaseRequest>> {
    Ok(requests::waiting_for(store, subject).await?)
}
