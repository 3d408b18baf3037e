//! 供应商入驻: a supplier's own profile, qualifications and submission for review, and the
//! review by the finance department of its region (or an admin).

use caigou_domain::authz::scope::SupplierScope;
use caigou_domain::authz::{self, Action, Principal, Subject};
use caigou_domain::ids::{FileId, OrgId, UserId, parse_region_path};
use caigou_domain::supplier::SupplierStatus;
use caigou_store::audit::Actor;
use caigou_store::files::StoredFile;
use caigou_store::suppliers::{self, Profile, Registration, SupplierRow, SupplierView};
use caigou_store::{Store, StoreError, files};

use crate::Result;

fn own_supplier(subject: &Subject) -> Result<()> {
    authz::decide(&Principal::User(subject.clone()), Action::ActForSupplier { supplier: subject.org })?;
    Ok(())
}

/// 注册: a new supplier organization with its first user and a draft profile (anyone; the
/// route is rate-limited per address).
pub async fn register(store: &Store, registration: &Registration) -> Result<(OrgId, UserId)> {
    caigou_store::regions::get(store, registration.region).await?;
    Ok(suppliers::register(store, registration).await?)
}

/// Changes the own profile while it is a draft or returned.
pub async fn update_profile(store: &Store, subject: &Subject, profile: &Profile) -> Result<SupplierView> {
    own_supplier(subject)?;
    suppliers::update(store, &Actor::of(subject), subject.org, profile).await?;
    Ok(suppliers::get(store, subject.org).await?)
}

/// 资质证照: a qualification with its validity, on a file the subject uploaded.
#[derive(Debug, Clone)]
pub struct AddQualification {
    pub name: String,
    pub number: String,
    pub file: FileId,
    pub valid_until: Option<jiff::civil::Date>,
}

/// Adds a qualification to the own profile. Someone else's file is a file that does not exist.
pub async fn add_qualification(store: &Store, subject: &Subject, q: AddQualification) -> Result<SupplierView> {
    own_supplier(subject)?;
    let file = files::meta(store, q.file).await?.ok_or(StoreError::NotFound("file"))?;
    if file.created_by != Some(subject.user) {
        return Err(StoreError::NotFound("file").into());
    }
    let org = subject.org.to_string();
    suppliers::add_qualification(store, &Actor::of(subject), &org, &q.name, &q.number, &file.id.to_string(), q.valid_until).await?;
    Ok(suppliers::get(store, subject.org).await?)
}

/// A qualification's file (资质证照 scan), if `subject` may read it
/// ([`Action::ViewQualification`]: the supplier's own staff and its reviewers).
pub async fn qualification_file(store: &Store, subject: &Subject, qualification: &str) -> Result<(StoredFile, bytes::Bytes)> {
    let (supplier, region_path, file) = suppliers::qualification_owner(store, qualification).await?;
    let path = parse_region_path(&region_path);
    authz::decide(&Principal::User(subject.clone()), Action::ViewQualification { supplier, supplier_region_path: &path })?;
    Ok(files::get(store, file).await?)
}

/// Sends the own profile for review.
pub async fn submit(store: &Store, subject: &Subject) -> Result<SupplierView> {
    own_supplier(subject)?;
    suppliers::submit(store, &Actor::of(subject), subject.org).await?;
    Ok(suppliers::get(store, subject.org).await?)
}

/// A supplier the subject may review (admins: any; supervisors: within their region subtree).
pub async fn reviewable(store: &Store, subject: &Subject, org: OrgId) -> Result<SupplierView> {
    let v = suppliers::get(store, org).await?;
    authz::decide(&Principal::User(subject.clone()), Action::ReviewSupplier { supplier_region_path: &parse_region_path(&v.region_path) })?;
    Ok(v)
}

/// 审核: approves a submitted supplier, or returns it with comments.
pub async fn review(store: &Store, subject: &Subject, org: OrgId, approve: bool, comment: &str) -> Result<SupplierView> {
    reviewable(store, subject, org).await?;
    suppliers::review(store, &Actor::of(subject), subject.user, org, approve, comment).await?;
    Ok(suppliers::get(store, org).await?)
}

/// The suppliers `subject` reviews ([`SupplierScope`]: those [`reviewable`] admits), optionally
/// in one status.
pub async fn list(store: &Store, subject: &Subject, status: Option<SupplierStatus>) -> Result<Vec<SupplierRow>> {
    Ok(suppliers::list(store, &SupplierScope::of(subject), status).await?)
}

/// Approved suppliers `subject` reviews with a qualification expired or expiring soon: (id,
/// name, earliest end of validity).
pub async fn expiring(store: &Store, subject: &Subject) -> Result<Vec<(String, String, String)>> {
    Ok(suppliers::with_expiring_qualifications(store, &SupplierScope::of(subject)).await?)
}
