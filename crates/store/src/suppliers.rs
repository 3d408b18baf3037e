//! Supplier admission (供应商入驻): registration with a checked 统一社会信用代码, the profile and
//! its qualifications, review by an admin or the region's office, and expiring qualifications.

use caigou_domain::Msg;
use caigou_domain::authz::scope::SupplierScope;
use caigou_domain::authz::{OrgKind, Role};
use caigou_domain::ids::{FileId, OrgId, RegionId, UserId};
use caigou_domain::supplier::{EnterpriseSize, SupplierEvent, SupplierStatus, Validity, transition, validity};
use caigou_domain::uscc::UnifiedSocialCreditCode;
use jiff::civil::Date;
use serde::Serialize;

use crate::audit::{self, Actor, Change};
use crate::notify::{self, Message};
use crate::users::{self, NewOrg, NewUser};
use crate::{Result, Store, StoreError, Tx, new_id};

/// The profile fields a supplier fills in, parsed at the edge.
#[derive(Debug, Clone)]
pub struct Profile {
    pub legal_representative: String,
    pub address: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub contact_email: String,
    pub size: EnterpriseSize,
    pub disabled_welfare: bool,
    pub prison_enterprise: bool,
    pub business_scope: String,
}

/// A registration: the organization, its first user, and the profile.
#[derive(Debug, Clone)]
pub struct Registration {
    pub name: String,
    pub uscc: UnifiedSocialCreditCode,
    pub region: RegionId,
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub profile: Profile,
}

fn check_profile(p: &Profile) -> Result<()> {
    let required = [&p.legal_representative, &p.address, &p.contact_name, &p.contact_phone, &p.contact_email];
    if required.iter().any(|f| f.trim().is_empty()) {
        return Err(StoreError::reject_with("supplier.invalid", Msg::new("error.supplier.invalid.give_legal_representative")));
    }
    if !p.contact_email.contains('@') {
        return Err(StoreError::reject_with("supplier.invalid", Msg::new("error.supplier.invalid.email_address_valid")));
    }
    Ok(())
}

/// Registers a supplier: organization, user (role 供应商) and a draft profile, in one transaction.
pub async fn register(store: &Store, r: &Registration) -> Result<(OrgId, UserId)> {
    check_profile(&r.profile)?;
    if r.name.trim().is_empty() {
        return Err(StoreError::reject_with("supplier.invalid", Msg::new("error.supplier.invalid.give_supplier_s")));
    }
    // Refused before the password is hashed; create_org/create_user hold the same rules.
    caigou_domain::identity::DisplayName::parse(&r.name).map_err(|e| StoreError::rejected(&e))?;
    caigou_domain::identity::Username::parse(&r.username).map_err(|e| StoreError::rejected(&e))?;
    users::check_new_password(&r.password)?;
    let exists: Option<String> =
        sqlx::query_scalar("SELECT id FROM organizations WHERE uscc = $1").bind(r.uscc.as_str()).fetch_optional(store.pool()).await?;
    if exists.is_some() {
        return Err(StoreError::reject("supplier.uscc_taken"));
    }
    let hash = users::hash_password(r.password.clone()).await?;
    let now = store.clock().now_ms();
    let actor = Actor::system("supplier-registration");
    let mut tx = store.begin().await?;
    let org = users::create_org(
        &mut tx,
        now,
        &actor,
        NewOrg {
            kind: OrgKind::Supplier,
            name: r.name.trim(),
            region: r.region,
            uscc: Some(r.uscc.as_str()),
            attributes: serde_json::json!({"size": r.profile.size.key(), "disabled_welfare": r.profile.disabled_welfare, "prison_enterprise": r.profile.prison_enterprise}),
        },
    )
    .await?;
    let user = users::create_user(
        &mut tx,
        now,
        &actor,
        NewUser {
            username: r.username.trim(),
            display_name: r.display_name.trim(),
            email: Some(r.profile.contact_email.trim()),
            org,
            roles: &[Role::Supplier],
            password_hash: &hash,
            attributes: serde_json::json!({}),
        },
    )
    .await?;
    insert_profile(&mut tx, now, org, &r.profile, SupplierStatus::Draft).await?;
    tx.commit().await?;
    Ok((org, user))
}

/// Inserts a profile (registration, and the demo's already approved suppliers).
pub async fn insert_profile(tx: &mut Tx, now_ms: i64, org: OrgId, p: &Profile, status: SupplierStatus) -> Result<()> {
    let approved_at = (status == SupplierStatus::Approved).then_some(now_ms);
    sqlx::query(
        "INSERT INTO supplier_profiles (org_id, status, legal_representative, address, contact_name, contact_phone, contact_email, size,
             disabled_welfare, prison_enterprise, business_scope, approved_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(org.to_string())
    .bind(status.key())
    .bind(p.legal_representative.trim())
    .bind(p.address.trim())
    .bind(p.contact_name.trim())
    .bind(p.contact_phone.trim())
    .bind(p.contact_email.trim())
    .bind(p.size.key())
    .bind(i64::from(p.disabled_welfare))
    .bind(i64::from(p.prison_enterprise))
    .bind(p.business_scope.trim())
    .bind(approved_at)
    .bind(now_ms)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
pub struct Qualification {
    pub id: String,
    pub name: String,
    pub number: String,
    pub file_id: String,
    pub valid_until: Option<String>,
    pub validity: Validity,
}

#[derive(Debug, Clone, Serialize)]
pub struct SupplierView {
    pub org_id: OrgId,
    pub name: String,
    pub uscc: String,
    pub region_id: RegionId,
    pub region_name: String,
    pub region_path: String,
    pub status: SupplierStatus,
    pub legal_representative: String,
    pub address: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub contact_email: String,
    pub size: EnterpriseSize,
    pub disabled_welfare: bool,
    pub prison_enterprise: bool,
    pub business_scope: String,
    pub review_comment: Option<String>,
    pub submitted_at: Option<i64>,
    pub approved_at: Option<i64>,
    pub qualifications: Vec<Qualification>,
}

impl SupplierView {
    /// Whether the profile has what the reviewers need before qualifications: the legal
    /// representative, the address and a contact reachable by phone.
    pub fn profile_complete(&self) -> bool {
        [&self.legal_representative, &self.address, &self.contact_name, &self.contact_phone].iter().all(|f| !f.trim().is_empty())
    }

    /// Qualifications expired or expiring (flagged on the 工作台).
    pub fn flagged(&self) -> Vec<&Qualification> {
        self.qualifications.iter().filter(|q| q.validity != Validity::Valid).collect()
    }
}

type ProfileRow = (String, String, String, String, String, String, String, String, String, String, String, String, i64, i64, String);

pub async fn get(store: &Store, org: OrgId) -> Result<SupplierView> {
    let org = org.to_string();
    let org = org.as_str();
    let row: Option<ProfileRow> = sqlx::query_as(
        "SELECT o.id, o.name, COALESCE(o.uscc, ''), r.id, r.name_zh, r.path, p.status, p.legal_representative, p.address, p.contact_name,
                p.contact_phone, p.contact_email, p.disabled_welfare, p.prison_enterprise, p.size
         FROM supplier_profiles p JOIN organizations o ON o.id = p.org_id JOIN regions r ON r.id = o.region_id WHERE p.org_id = $1",
    )
    .bind(org)
    .fetch_optional(store.pool())
    .await?;
    let Some((org_id, name, uscc, region_id, region_name, region_path, status, legal, address, cname, phone, email, dw, pe, size)) = row
    else {
        return Err(StoreError::NotFound("supplier"));
    };
    let (scope, comment, submitted_at, approved_at): (String, Option<String>, Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT business_scope, review_comment, submitted_at, approved_at FROM supplier_profiles WHERE org_id = $1")
            .bind(org)
            .fetch_one(store.pool())
            .await?;
    let today = store.clock().today();
    let quals: Vec<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, name, number, file_id, valid_until FROM supplier_qualifications WHERE org_id = $1 ORDER BY created_at, id",
    )
    .bind(org)
    .fetch_all(store.pool())
    .await?;
    let qualifications = quals
        .into_iter()
        .map(|(id, name, number, file_id, valid_until)| {
            let until = valid_until.as_deref().and_then(|d| d.parse::<Date>().ok());
            Qualification { id, name, number, file_id, validity: validity(until, today), valid_until }
        })
        .collect();
    Ok(SupplierView {
        org_id: crate::stored("org id", org_id)?,
        name,
        uscc,
        region_id: crate::stored("region id", region_id)?,
        region_name,
        region_path,
        status: SupplierStatus::parse(&status).ok_or_else(|| StoreError::Internal(format!("bad supplier status {status}")))?,
        legal_representative: legal,
        address,
        contact_name: cname,
        contact_phone: phone,
        contact_email: email,
        size: EnterpriseSize::parse(&size).ok_or_else(|| StoreError::Internal(format!("bad stored enterprise size {size:?}")))?,
        disabled_welfare: dw != 0,
        prison_enterprise: pe != 0,
        business_scope: scope,
        review_comment: comment,
        submitted_at,
        approved_at,
        qualifications,
    })
}

/// Whether a supplier may obtain documents and bid (入驻审核通过).
pub async fn is_approved(store: &Store, org: OrgId) -> Result<bool> {
    let org = org.to_string();
    let org = org.as_str();
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM supplier_profiles WHERE org_id = $1").bind(org).fetch_optional(store.pool()).await?;
    Ok(crate::stored_opt::<SupplierStatus>("supplier status", status)? == Some(SupplierStatus::Approved))
}

async fn audit_change(tx: &mut Tx, now: i64, actor: &Actor, org: &str, action: &str, detail: serde_json::Value) -> Result<()> {
    let path: String = sqlx::query_scalar("SELECT r.path FROM organizations o JOIN regions r ON r.id = o.region_id WHERE o.id = $1")
        .bind(org)
        .fetch_one(&mut **tx)
        .await?;
    audit::append(tx, now, actor, Change { action, object_type: "supplier", object_id: org, region_path: &path, detail: &detail }).await?;
    Ok(())
}

/// Updates the profile while it is a draft or returned.
pub async fn update(store: &Store, actor: &Actor, org: OrgId, p: &Profile) -> Result<()> {
    check_profile(p)?;
    let current = get(store, org).await?;
    let org = org.to_string();
    let org = org.as_str();
    if !current.status.editable() {
        return Err(StoreError::reject_with("supplier.locked", Msg::new("error.supplier.locked").arg_label("state", &current.status)));
    }
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    sqlx::query(
        "UPDATE supplier_profiles SET legal_representative = $1, address = $2, contact_name = $3, contact_phone = $4, contact_email = $5,
             size = $6, disabled_welfare = $7, prison_enterprise = $8, business_scope = $9, updated_at = $10 WHERE org_id = $11",
    )
    .bind(p.legal_representative.trim())
    .bind(p.address.trim())
    .bind(p.contact_name.trim())
    .bind(p.contact_phone.trim())
    .bind(p.contact_email.trim())
    .bind(p.size.key())
    .bind(i64::from(p.disabled_welfare))
    .bind(i64::from(p.prison_enterprise))
    .bind(p.business_scope.trim())
    .bind(now)
    .bind(org)
    .execute(&mut *tx)
    .await?;
    audit_change(&mut tx, now, actor, org, "supplier.updated", serde_json::json!({"size": p.size.key()})).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a qualification (资质/证照) whose file is already stored.
pub async fn add_qualification(
    store: &Store,
    actor: &Actor,
    org: &str,
    name: &str,
    number: &str,
    file_id: &str,
    valid_until: Option<Date>,
) -> Result<String> {
    if name.trim().is_empty() {
        return Err(StoreError::reject_with("supplier.invalid", Msg::new("error.supplier.invalid.give_qualification_s")));
    }
    let today = store.clock().today();
    if valid_until.is_some_and(|d| d < today) {
        return Err(StoreError::reject("supplier.qualification_expired"));
    }
    let now = store.clock().now_ms();
    let id = new_id().to_string();
    let mut tx = store.begin().await?;
    sqlx::query("INSERT INTO supplier_qualifications (id, org_id, name, number, file_id, valid_until, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(&id)
        .bind(org)
        .bind(name.trim())
        .bind(number.trim())
        .bind(file_id)
        .bind(valid_until.map(|d| d.to_string()))
        .bind(now)
        .execute(&mut *tx)
        .await?;
    audit_change(&mut tx, now, actor, org, "supplier.qualification_added", serde_json::json!({"name": name, "valid_until": valid_until}))
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Sends the profile for review; reviewers of the region are notified.
pub async fn submit(store: &Store, actor: &Actor, org: OrgId) -> Result<()> {
    let current = get(store, org).await?;
    let org = org.to_string();
    let org = org.as_str();
    let next = transition(current.status, SupplierEvent::Submit).map_err(|e| StoreError::rejected(&e))?;
    if current.qualifications.is_empty() {
        return Err(StoreError::reject("supplier.no_qualification"));
    }
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    sqlx::query("UPDATE supplier_profiles SET status = $1, submitted_at = $2, updated_at = $2 WHERE org_id = $3")
        .bind(next.key())
        .bind(now)
        .bind(org)
        .execute(&mut *tx)
        .await?;
    audit_change(&mut tx, now, actor, org, "supplier.submitted", serde_json::json!({})).await?;
    let link = format!("/suppliers/{org}");
    for reviewer in reviewers_of(store, &current.region_path).await? {
        notify::notify(
            &mut tx,
            now,
            reviewer,
            &Message {
                kind: "supplier.submitted",
                text: Msg::new("notice.supplier.submitted").arg("name", &current.name),
                link: Some(&link),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Admins, and supervisors whose region is the supplier's region or an ancestor.
async fn reviewers_of(store: &Store, region_path: &str) -> Result<Vec<UserId>> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT u.id, ur.role, r.path FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN organizations o ON o.id = u.org_id
         JOIN regions r ON r.id = o.region_id WHERE ur.role IN ('admin', 'supervisor') AND u.disabled = 0",
    )
    .fetch_all(store.pool())
    .await?;
    let mut out: Vec<UserId> = rows
        .into_iter()
        .filter(|(_, role, path)| role == "admin" || region_path.starts_with(path.as_str()))
        .filter_map(|(id, _, _)| id.parse().ok())
        .collect();
    out.sort();
    out.dedup();
    Ok(out)
}

/// Approves or returns a submitted profile; the supplier's users are notified.
pub async fn review(store: &Store, actor: &Actor, reviewer: UserId, org: OrgId, approve: bool, comment: &str) -> Result<SupplierStatus> {
    let current = get(store, org).await?;
    let org = org.to_string();
    let org = org.as_str();
    let event = if approve { SupplierEvent::Approve } else { SupplierEvent::Return };
    let next = transition(current.status, event).map_err(|e| StoreError::rejected(&e))?;
    if !approve && comment.trim().is_empty() {
        return Err(StoreError::reject_with("supplier.invalid", Msg::new("error.supplier.invalid.say_what_needs")));
    }
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    sqlx::query(
        "UPDATE supplier_profiles SET status = $1, review_comment = $2, reviewed_at = $3, reviewed_by = $4,
             approved_at = CASE WHEN $5 = 'approved' THEN $3 ELSE approved_at END, updated_at = $3 WHERE org_id = $6",
    )
    .bind(next.key())
    .bind(comment.trim())
    .bind(now)
    .bind(reviewer.to_string())
    .bind(next.key())
    .bind(org)
    .execute(&mut *tx)
    .await?;
    let action = if approve { "supplier.approved" } else { "supplier.returned" };
    audit_change(&mut tx, now, actor, org, action, serde_json::json!({"comment": comment.trim()})).await?;
    let users: Vec<String> =
        sqlx::query_scalar("SELECT id FROM users WHERE org_id = $1 AND disabled = 0").bind(org).fetch_all(&mut *tx).await?;
    let text =
        if approve { Msg::new("notice.supplier.approved") } else { Msg::new("notice.supplier.returned").arg("comment", comment.trim()) };
    for u in users {
        if let Ok(uid) = u.parse::<UserId>() {
            notify::notify(&mut tx, now, uid, &Message { kind: action, text: text.clone(), link: Some("/supplier") }).await?;
        }
    }
    tx.commit().await?;
    Ok(next)
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct SupplierRow {
    #[sqlx(try_from = "String")]
    pub org_id: OrgId,
    pub name: String,
    pub uscc: String,
    pub region_name: String,
    #[sqlx(try_from = "String")]
    pub status: SupplierStatus,
    pub size: String,
    pub submitted_at: Option<i64>,
}

/// Suppliers in `scope` (those its subject reviews), optionally by status, newest submissions
/// first.
pub async fn list(store: &Store, scope: &SupplierScope, status: Option<SupplierStatus>) -> Result<Vec<SupplierRow>> {
    let (all, subtree) = crate::scope::region(scope.region());
    Ok(sqlx::query_as::<_, SupplierRow>(
        "SELECT o.id AS org_id, o.name, COALESCE(o.uscc, '') AS uscc, r.name_zh AS region_name, p.status, p.size, p.submitted_at
         FROM supplier_profiles p JOIN organizations o ON o.id = p.org_id JOIN regions r ON r.id = o.region_id
         WHERE ($1 = 1 OR ($2 <> '' AND r.path LIKE $2)) AND ($3 = '' OR p.status = $3)
         ORDER BY CASE WHEN p.status = 'submitted' THEN 0 ELSE 1 END, p.submitted_at DESC, o.name LIMIT 500",
    )
    .bind(all)
    .bind(subtree)
    .bind(status.map(|s| s.key()).unwrap_or(""))
    .fetch_all(store.pool())
    .await?)
}

/// Suppliers in `scope` with a qualification expired or expiring (for reviewers).
pub async fn with_expiring_qualifications(store: &Store, scope: &SupplierScope) -> Result<Vec<(String, String, String)>> {
    let (all, subtree) = crate::scope::region(scope.region());
    let horizon = store
        .clock()
        .today()
        .checked_add(jiff::Span::new().days(caigou_domain::supplier::EXPIRY_WARNING_DAYS))
        .unwrap_or(store.clock().today());
    Ok(sqlx::query_as(
        "SELECT o.id, o.name, MIN(q.valid_until) FROM supplier_qualifications q JOIN organizations o ON o.id = q.org_id
         JOIN regions r ON r.id = o.region_id JOIN supplier_profiles p ON p.org_id = o.id
         WHERE ($1 = 1 OR ($2 <> '' AND r.path LIKE $2)) AND q.valid_until IS NOT NULL AND q.valid_until <= $3 AND p.status = 'approved'
         GROUP BY o.id, o.name ORDER BY MIN(q.valid_until)",
    )
    .bind(all)
    .bind(subtree)
    .bind(horizon.to_string())
    .fetch_all(store.pool())
    .await?)
}

/// Whose a qualification's file is: (supplier, the supplier's region path, file).
/// Whose qualification `id` is: (supplier, its region path, the scanned file).
pub async fn qualification_owner(store: &Store, id: &str) -> Result<(OrgId, String, FileId)> {
    let r: Option<(String, String, String)> = sqlx::query_as(
        "SELECT q.org_id, r.path, q.file_id FROM supplier_qualifications q JOIN organizations o ON o.id = q.org_id
         JOIN regions r ON r.id = o.region_id WHERE q.id = $1",
    )
    .bind(id)
    .fetch_optional(store.pool())
    .await?;
    let (org, path, file) = r.ok_or(StoreError::NotFound("qualification"))?;
    Ok((crate::stored("org id", org)?, path, crate::stored("file id", file)?))
}

/// Supplier organizations without a profile yet (id, name, attributes JSON), oldest first.
pub async fn without_profile(store: &Store) -> Result<Vec<(String, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT o.id, o.name, o.attributes FROM organizations o WHERE o.kind = 'supplier'
         AND NOT EXISTS (SELECT 1 FROM supplier_profiles p WHERE p.org_id = o.id) ORDER BY o.created_at, o.id",
    )
    .fetch_all(store.pool())
    .await?)
}

/// Seeds a profile already in `status` with one qualification (installations migrating their
/// existing suppliers, and the demo).
pub async fn seed(
    store: &Store,
    org: OrgId,
    p: &Profile,
    status: SupplierStatus,
    qualification: (&str, &str, &str, Option<Date>),
) -> Result<()> {
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    insert_profile(&mut tx, now, org, p, status).await?;
    let (name, number, file_id, valid_until) = qualification;
    sqlx::query("INSERT INTO supplier_qualifications (id, org_id, name, number, file_id, valid_until, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(new_id().to_string())
        .bind(org.to_string())
        .bind(name)
        .bind(number)
        .bind(file_id)
        .bind(valid_until.map(|d| d.to_string()))
        .bind(now)
        .execute(&mut *tx)
        .await?;
    if status != SupplierStatus::Draft {
        sqlx::query("UPDATE supplier_profiles SET submitted_at = $1 WHERE org_id = $2")
            .bind(now)
            .bind(org.to_string())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}
