//! Authorization: who may do what on which object. Deny by default.
//!
//! There are two gates, both decided here and nowhere else:
//! - [`Access`]: the coarse rule every route declares (public, any signed-in user, or roles);
//! - [`decide`]: the object rule a handler asks before it acts on a particular object
//!   (organization, region subtree, owner, state).
//!
//! A list is the third use of the same rules: [`scope`] derives, per kind of list, which objects
//! a subject sees, so a list never shows what [`decide`] denies nor hides what it allows.

use serde::{Deserialize, Serialize};

use crate::Localized;
use crate::ids::{OrgId, RegionId, UserId};

pub mod scope;

/// A role a user holds in an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    /// 平台管理员
    #[serde(rename = "admin")]
    Admin,
    /// 财政部门采购监管
    #[serde(rename = "supervisor")]
    Supervisor,
    /// 采购人经办
    #[serde(rename = "purchaser.handler")]
    PurchaserHandler,
    /// 采购人审核
    #[serde(rename = "purchaser.reviewer")]
    PurchaserReviewer,
    /// 采购人审批
    #[serde(rename = "purchaser.approver")]
    PurchaserApprover,
    /// 采购代理机构 / 集中采购机构 staff
    #[serde(rename = "agency")]
    Agency,
    /// 供应商
    #[serde(rename = "supplier")]
    Supplier,
    /// 评审专家
    #[serde(rename = "expert")]
    Expert,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Admin,
        Role::Supervisor,
        Role::PurchaserHandler,
        Role::PurchaserReviewer,
        Role::PurchaserApprover,
        Role::Agency,
        Role::Supplier,
        Role::Expert,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Supervisor => "supervisor",
            Role::PurchaserHandler => "purchaser.handler",
            Role::PurchaserReviewer => "purchaser.reviewer",
            Role::PurchaserApprover => "purchaser.approver",
            Role::Agency => "agency",
            Role::Supplier => "supplier",
            Role::Expert => "expert",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == s)
    }

    pub fn is_purchaser(self) -> bool {
        matches!(self, Role::PurchaserHandler | Role::PurchaserReviewer | Role::PurchaserApprover)
    }
}

/// Its name is in the catalogs under `label.role.<key>`.
impl crate::Labelled for Role {
    fn label_key(&self) -> String {
        format!("label.role.{}", self.key())
    }
}

/// What an organization is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrgKind {
    /// 平台运营方
    Platform,
    /// 采购人 (预算单位)
    PurchasingUnit,
    /// 集中采购机构
    CentralAgency,
    /// 采购代理机构
    Agency,
    /// 供应商
    Supplier,
    /// 专家所在单位 (data only)
    ExpertEmployer,
    /// 财政部门
    FinanceDepartment,
}

impl OrgKind {
    pub const ALL: [OrgKind; 7] = [
        OrgKind::Platform,
        OrgKind::PurchasingUnit,
        OrgKind::CentralAgency,
        OrgKind::Agency,
        OrgKind::Supplier,
        OrgKind::ExpertEmployer,
        OrgKind::FinanceDepartment,
    ];

    pub fn key(self) -> &'static str {
        match self {
            OrgKind::Platform => "platform",
            OrgKind::PurchasingUnit => "purchasing_unit",
            OrgKind::CentralAgency => "central_agency",
            OrgKind::Agency => "agency",
            OrgKind::Supplier => "supplier",
            OrgKind::ExpertEmployer => "expert_employer",
            OrgKind::FinanceDepartment => "finance_department",
        }
    }

    pub fn parse(s: &str) -> Option<OrgKind> {
        OrgKind::ALL.into_iter().find(|k| k.key() == s)
    }
}

/// Its name is in the catalogs under `label.org_kind.<key>`.
impl crate::Labelled for OrgKind {
    fn label_key(&self) -> String {
        format!("label.org_kind.{}", self.key())
    }
}

/// A signed-in user as authorization sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub user: UserId,
    pub org: OrgId,
    pub org_kind: OrgKind,
    /// The region of the user's organization, with its ancestors: root first, own region last.
    pub region_path: Vec<RegionId>,
    pub roles: Vec<Role>,
}

impl Subject {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn region(&self) -> Option<RegionId> {
        self.region_path.last().copied()
    }
}

/// Who is asking: nobody in particular, or a signed-in subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    Anonymous,
    User(Subject),
}

impl Principal {
    pub fn subject(&self) -> Option<&Subject> {
        match self {
            Principal::Anonymous => None,
            Principal::User(s) => Some(s),
        }
    }
}

/// The coarse rule a route declares. Every route must declare one; there is no default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not (the public portal, login, health).
    Public,
    /// Any signed-in user.
    SignedIn,
    /// Signed-in users holding at least one of these roles.
    Roles(&'static [Role]),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// Not signed in (HTTP 401).
    NotSignedIn,
    /// Signed in, but not allowed (HTTP 403).
    Forbidden,
}

impl Localized for Denied {
    fn code(&self) -> &'static str {
        match self {
            Denied::NotSignedIn => "auth.required",
            Denied::Forbidden => "auth.forbidden",
        }
    }
}

impl Access {
    pub fn check(self, principal: &Principal) -> Result<(), Denied> {
        let subject = match (self, principal) {
            (Access::Public, _) => return Ok(()),
            (_, Principal::Anonymous) => return Err(Denied::NotSignedIn),
            (_, Principal::User(s)) => s,
        };
        match self {
            Access::Public | Access::SignedIn => Ok(()),
            Access::Roles(roles) if roles.iter().any(|r| subject.has(*r)) => Ok(()),
            Access::Roles(_) => Err(Denied::Forbidden),
        }
    }
}

/// An action on a particular object, with the facts about the object the rule needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action<'a> {
    /// Change a region's policy set or calendar data: platform admins only.
    EditRegionPolicy,
    /// Read audit entries about objects in a region (its path, root first). Admins see all;
    /// supervisors see their region's subtree.
    ViewAudit { object_region_path: &'a [RegionId] },
    /// Read or mark a notification: its recipient only.
    ReadNotification { recipient: UserId },
    /// Manage users, organizations, the catalog and the calendar.
    Administer,
    /// Load or add a unit's budget lines (预算指标): admins, and the finance department
    /// (supervisors) of the unit's region subtree — and only for a purchasing unit (a supplier
    /// or an agency has no budget lines).
    ManageBudget { unit_kind: OrgKind, unit_region_path: &'a [RegionId] },
    /// Read a unit's planning data: its own staff, supervisors of its subtree, admins.
    ViewUnitPlanning { unit: OrgId, unit_region_path: &'a [RegionId] },
    /// Publish intentions and submit, cancel or re-file plans for a unit: its 经办 staff.
    PlanForUnit { unit: OrgId },
    /// Approve or reject a plan sent for approval: supervisors of the unit's subtree, and
    /// never the person who submitted it (岗位分离).
    DecidePlan { unit_region_path: &'a [RegionId], submitted_by: UserId },
    /// Act on the current step of a unit's 申购: staff of that unit holding the step's role,
    /// never the applicant (岗位分离).
    ActOnRequestStep { unit: OrgId, step_role: Role, applicant: UserId },
    /// Submit (or resubmit) a 申购 into its chain: its applicant only.
    SubmitOwnRequest { applicant: UserId },
    /// Change a unit's approval chain: the unit's 审批 staff, or admins.
    ConfigureChain { unit: OrgId },
    /// Review a supplier's admission (入驻审核): admins, and supervisors of the supplier's region
    /// subtree (the region's designated office).
    ReviewSupplier { supplier_region_path: &'a [RegionId] },
    /// Edit a supplier's own profile and qualifications, obtain documents, ask questions: the
    /// supplier's own staff.
    ActForSupplier { supplier: OrgId },
    /// Run a project (documents, publishing, clarifications, termination): staff of the
    /// organization it is entrusted to (an agency, the 集中采购机构, or the unit itself when it
    /// procures on its own).
    RunProject { runner: OrgId },
    /// Read a project that is not yet public, and its questions: the runner's staff, staff of the
    /// purchasing units it serves, supervisors of its region subtree, admins.
    ViewProject { runner: OrgId, purchasers: &'a [OrgId], region_path: &'a [RegionId] },
    /// Change a document template: admins for platform templates, an agency's staff for its own.
    ManageTemplate { owner: Option<OrgId> },
    /// Read a document template: a platform template (`owner: None`) is the library everyone who
    /// uses it reads (the route's gate says who); an organization's own only its staff, and
    /// admins.
    ViewTemplate { owner: Option<OrgId> },
    /// Watch a lot's opening (开标): the hall, its live stream and the opening record (开标记录).
    /// 87号令第40条: 开标由采购人或者采购代理机构主持，邀请投标人参加 — so those the project
    /// concerns ([`Action::ViewProject`]: its runner, the purchasing units it serves, the finance
    /// department supervising its region, admins) and the lot's bidders (`bidders`: organizations
    /// with a bid on the lot), nobody else. The same article bars the evaluation committee, so
    /// holding the 评审专家 role opens nothing here. The big screen (大屏) names no bidder and
    /// shows no price: it is public by its route.
    WatchOpening { runner: OrgId, purchasers: &'a [OrgId], region_path: &'a [RegionId], bidders: &'a [OrgId] },
    /// Read a supplier's qualification file (资质证照 scans): the supplier's own staff, and who
    /// reviews its admission ([`Action::ReviewSupplier`]: admins, the finance department of its
    /// region subtree). Other suppliers and the project side never: the files carry licence
    /// numbers and personal data, and a reviewer is who judges them.
    ViewQualification { supplier: OrgId, supplier_region_path: &'a [RegionId] },
    /// Read a published project's documents (采购文件) and its questions and clarifications:
    /// those the project concerns, and staff of a supplier that obtained the documents
    /// (获取采购文件; 条例31, 87号令第27条: documents and clarifications go to those who obtained
    /// them). The announcement itself is public; the documents are not.
    ReadTenderDocuments { runner: OrgId, purchasers: &'a [OrgId], region_path: &'a [RegionId], obtainers: &'a [OrgId] },
    /// Open a lot's bid page (电子投标): staff of a supplier that obtained that lot's documents.
    /// Nobody on the project side bids, whatever else they may see.
    BidOnLot { obtainers: &'a [OrgId] },
    /// 采购人确认: confirm or return a project's draft documents for one purchasing unit it
    /// serves (`unit`, one of `purchasers`): that unit's 经办 or 审批 staff. The runner never
    /// confirms its own documents, unless it is the unit itself procuring on its own.
    ConfirmDocuments { unit: OrgId, purchasers: &'a [OrgId] },
}

/// Whether the subject is a supervisor whose region is the object's region or an ancestor.
fn supervises(s: &Subject, object_region_path: &[RegionId]) -> bool {
    s.has(Role::Supervisor) && s.region().is_some_and(|r| object_region_path.contains(&r))
}

/// Whether the subject works for the organization running a project: agency staff, or a unit's
/// 经办 staff when the unit procures on its own.
fn runs(s: &Subject, runner: OrgId) -> bool {
    s.org == runner && (s.has(Role::Agency) || s.has(Role::PurchaserHandler))
}

/// Whether the subject sees a project from the inside ([`Action::ViewProject`]).
fn concerned(s: &Subject, runner: OrgId, purchasers: &[OrgId], region_path: &[RegionId]) -> bool {
    s.has(Role::Admin)
        || supervises(s, region_path)
        || runs(s, runner)
        || (purchasers.contains(&s.org) && s.roles.iter().any(|r| r.is_purchaser()))
}

/// Whether the subject works for this supplier.
fn supplier_staff(s: &Subject, supplier: OrgId) -> bool {
    s.org == supplier && s.has(Role::Supplier)
}

/// Whether the subject reviews a supplier's admission ([`Action::ReviewSupplier`]).
fn reviews_supplier(s: &Subject, supplier_region_path: &[RegionId]) -> bool {
    s.has(Role::Admin) || supervises(s, supplier_region_path)
}

/// Decides an object-level action. Deny by default.
pub fn decide(principal: &Principal, action: Action<'_>) -> Result<(), Denied> {
    let Some(s) = principal.subject() else {
        return Err(Denied::NotSignedIn);
    };
    let allowed = match action {
        Action::EditRegionPolicy | Action::Administer => s.has(Role::Admin),
        Action::ViewAudit { object_region_path } => {
            s.has(Role::Admin) || (s.has(Role::Supervisor) && s.region().is_some_and(|r| object_region_path.contains(&r)))
        }
        Action::ReadNotification { recipient } => s.user == recipient,
        Action::ManageBudget { unit_kind, unit_region_path } => {
            unit_kind == OrgKind::PurchasingUnit && (s.has(Role::Admin) || supervises(s, unit_region_path))
        }
        Action::ViewUnitPlanning { unit, unit_region_path } => {
            s.has(Role::Admin) || supervises(s, unit_region_path) || (s.org == unit && s.roles.iter().any(|r| r.is_purchaser()))
        }
        Action::PlanForUnit { unit } => s.org == unit && s.has(Role::PurchaserHandler),
        Action::DecidePlan { unit_region_path, submitted_by } => supervises(s, unit_region_path) && s.user != submitted_by,
        Action::ActOnRequestStep { unit, step_role, applicant } => s.org == unit && s.has(step_role) && s.user != applicant,
        Action::SubmitOwnRequest { applicant } => s.user == applicant,
        Action::ConfigureChain { unit } => s.has(Role::Admin) || (s.org == unit && s.has(Role::PurchaserApprover)),
        Action::ReviewSupplier { supplier_region_path } => reviews_supplier(s, supplier_region_path),
        Action::ActForSupplier { supplier } => supplier_staff(s, supplier),
        Action::RunProject { runner } => runs(s, runner),
        Action::ViewProject { runner, purchasers, region_path } => concerned(s, runner, purchasers, region_path),
        Action::ManageTemplate { owner: None } => s.has(Role::Admin),
        Action::ManageTemplate { owner: Some(owner) } => s.has(Role::Admin) || (s.org == owner && s.has(Role::Agency)),
        Action::ViewTemplate { owner: None } => true,
        Action::ViewTemplate { owner: Some(owner) } => s.has(Role::Admin) || s.org == owner,
        Action::WatchOpening { runner, purchasers, region_path, bidders } => {
            concerned(s, runner, purchasers, region_path) || bidders.iter().any(|b| supplier_staff(s, *b))
        }
        Action::ViewQualification { supplier, supplier_region_path } => {
            supplier_staff(s, supplier) || reviews_supplier(s, supplier_region_path)
        }
        Action::ConfirmDocuments { unit, purchasers } => {
            purchasers.contains(&unit) && s.org == unit && (s.has(Role::PurchaserHandler) || s.has(Role::PurchaserApprover))
        }
        Action::ReadTenderDocuments { runner, purchasers, region_path, obtainers } => {
            concerned(s, runner, purchasers, region_path) || obtainers.iter().any(|o| supplier_staff(s, *o))
        }
        Action::BidOnLot { obtainers } => obtainers.iter().any(|o| supplier_staff(s, *o)),
    };
    if allowed { Ok(()) } else { Err(Denied::Forbidden) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn subject(roles: &[Role], region_path: &[u128]) -> Principal {
        Principal::User(Subject {
            user: UserId(id(100)),
            org: OrgId(id(200)),
            org_kind: OrgKind::FinanceDepartment,
            region_path: region_path.iter().map(|n| RegionId(id(*n))).collect(),
            roles: roles.to_vec(),
        })
    }

    #[test]
    fn route_access_is_deny_by_default() {
        let anon = Principal::Anonymous;
        assert_eq!(Access::Public.check(&anon), Ok(()));
        assert_eq!(Access::SignedIn.check(&anon), Err(Denied::NotSignedIn));
        let supplier = subject(&[Role::Supplier], &[1]);
        assert_eq!(Access::Roles(&[Role::Admin]).check(&supplier), Err(Denied::Forbidden));
        assert_eq!(Access::Roles(&[Role::Admin, Role::Supplier]).check(&supplier), Ok(()));
        assert_eq!(Access::Roles(&[]).check(&supplier), Err(Denied::Forbidden));
    }

    #[test]
    fn supervisors_see_audit_of_their_subtree_only() {
        let city_supervisor = subject(&[Role::Supervisor], &[1, 10]);
        let county_object = [RegionId(id(1)), RegionId(id(10)), RegionId(id(11))];
        let other_city_object = [RegionId(id(1)), RegionId(id(20))];
        let root_object = [RegionId(id(1))];
        assert_eq!(decide(&city_supervisor, Action::ViewAudit { object_region_path: &county_object }), Ok(()));
        assert_eq!(decide(&city_supervisor, Action::ViewAudit { object_region_path: &other_city_object }), Err(Denied::Forbidden));
        assert_eq!(decide(&city_supervisor, Action::ViewAudit { object_region_path: &root_object }), Err(Denied::Forbidden));
        let admin = subject(&[Role::Admin], &[1]);
        assert_eq!(decide(&admin, Action::ViewAudit { object_region_path: &other_city_object }), Ok(()));
    }

    #[test]
    fn planning_rules_follow_unit_subtree_and_separation_of_duties() {
        let unit = OrgId(id(200));
        let path = [RegionId(id(1)), RegionId(id(10))];
        let handler = subject(&[Role::PurchaserHandler], &[1, 10]);
        assert_eq!(decide(&handler, Action::PlanForUnit { unit }), Ok(()));
        assert_eq!(decide(&handler, Action::PlanForUnit { unit: OrgId(id(201)) }), Err(Denied::Forbidden));
        let reviewer = subject(&[Role::PurchaserReviewer], &[1, 10]);
        assert_eq!(decide(&reviewer, Action::PlanForUnit { unit }), Err(Denied::Forbidden));
        assert_eq!(decide(&reviewer, Action::ViewUnitPlanning { unit, unit_region_path: &path }), Ok(()));
        let supervisor = subject(&[Role::Supervisor], &[1, 10]);
        assert_eq!(decide(&supervisor, Action::DecidePlan { unit_region_path: &path, submitted_by: UserId(id(999)) }), Ok(()));
        assert_eq!(
            decide(&supervisor, Action::DecidePlan { unit_region_path: &path, submitted_by: UserId(id(100)) }),
            Err(Denied::Forbidden),
            "nobody approves their own submission"
        );
        let other_county = subject(&[Role::Supervisor], &[1, 20]);
        assert_eq!(
            decide(&other_county, Action::DecidePlan { unit_region_path: &path, submitted_by: UserId(id(999)) }),
            Err(Denied::Forbidden)
        );
        let unit = OrgKind::PurchasingUnit;
        assert_eq!(decide(&other_county, Action::ManageBudget { unit_kind: unit, unit_region_path: &path }), Err(Denied::Forbidden));
        assert_eq!(decide(&supervisor, Action::ManageBudget { unit_kind: unit, unit_region_path: &path }), Ok(()));
        assert_eq!(
            decide(&supervisor, Action::ManageBudget { unit_kind: OrgKind::Supplier, unit_region_path: &path }),
            Err(Denied::Forbidden),
            "a supplier has no budget lines"
        );
    }

    #[test]
    fn the_applicant_never_approves_their_own_request() {
        let unit = OrgId(id(200));
        let both = subject(&[Role::PurchaserHandler, Role::PurchaserReviewer], &[1]);
        let act = |applicant| Action::ActOnRequestStep { unit, step_role: Role::PurchaserReviewer, applicant };
        assert_eq!(decide(&both, act(UserId(id(100)))), Err(Denied::Forbidden), "own request");
        assert_eq!(decide(&both, act(UserId(id(101)))), Ok(()), "a colleague's request");
        let approver = subject(&[Role::PurchaserApprover], &[1]);
        assert_eq!(decide(&approver, act(UserId(id(101)))), Err(Denied::Forbidden), "not this step's role");
        // Only the applicant submits: the colleague who reviews it may not.
        assert_eq!(decide(&both, Action::SubmitOwnRequest { applicant: UserId(id(100)) }), Ok(()));
        assert_eq!(decide(&both, Action::SubmitOwnRequest { applicant: UserId(id(101)) }), Err(Denied::Forbidden));
    }

    #[test]
    fn a_units_own_staff_confirm_its_documents() {
        let unit = OrgId(id(200));
        let units = [unit, OrgId(id(201))];
        let confirm = |unit| Action::ConfirmDocuments { unit, purchasers: &units };
        assert_eq!(decide(&subject(&[Role::PurchaserHandler], &[1]), confirm(unit)), Ok(()));
        assert_eq!(decide(&subject(&[Role::PurchaserApprover], &[1]), confirm(unit)), Ok(()));
        assert_eq!(decide(&subject(&[Role::PurchaserReviewer], &[1]), confirm(unit)), Err(Denied::Forbidden));
        assert_eq!(decide(&subject(&[Role::PurchaserHandler], &[1]), confirm(OrgId(id(201)))), Err(Denied::Forbidden), "another unit's");
        let not_served = [OrgId(id(201))];
        let outside = Action::ConfirmDocuments { unit, purchasers: &not_served };
        assert_eq!(decide(&subject(&[Role::PurchaserHandler], &[1]), outside), Err(Denied::Forbidden), "a unit the project does not serve");
        assert_eq!(decide(&subject(&[Role::Agency, Role::Admin], &[1]), confirm(OrgId(id(201)))), Err(Denied::Forbidden));
    }

    #[test]
    fn agencies_see_only_projects_entrusted_to_them() {
        let agency_org = OrgId(id(200));
        let other_agency = OrgId(id(300));
        let unit = OrgId(id(400));
        let path = [RegionId(id(1)), RegionId(id(10))];
        let agency = subject(&[Role::Agency], &[1, 10]);
        let units = [unit];
        let view = |runner| Action::ViewProject { runner, purchasers: &units, region_path: &path };
        assert_eq!(decide(&agency, view(agency_org)), Ok(()));
        assert_eq!(decide(&agency, view(other_agency)), Err(Denied::Forbidden));
        assert_eq!(decide(&agency, Action::RunProject { runner: agency_org }), Ok(()));
        assert_eq!(decide(&agency, Action::RunProject { runner: other_agency }), Err(Denied::Forbidden));
        let supplier = subject(&[Role::Supplier], &[1, 10]);
        assert_eq!(decide(&supplier, view(agency_org)), Err(Denied::Forbidden), "same org id, wrong role");
        assert_eq!(decide(&subject(&[Role::Supervisor], &[1]), view(other_agency)), Ok(()));
        assert_eq!(decide(&subject(&[Role::Supervisor], &[1, 20]), view(other_agency)), Err(Denied::Forbidden));
    }

    #[test]
    fn supplier_review_by_region_and_own_profile_only() {
        let path = [RegionId(id(1)), RegionId(id(10))];
        assert_eq!(decide(&subject(&[Role::Supervisor], &[1, 10]), Action::ReviewSupplier { supplier_region_path: &path }), Ok(()));
        assert_eq!(
            decide(&subject(&[Role::Supervisor], &[1, 20]), Action::ReviewSupplier { supplier_region_path: &path }),
            Err(Denied::Forbidden)
        );
        let supplier = subject(&[Role::Supplier], &[1]);
        assert_eq!(decide(&supplier, Action::ActForSupplier { supplier: OrgId(id(200)) }), Ok(()));
        assert_eq!(decide(&supplier, Action::ActForSupplier { supplier: OrgId(id(201)) }), Err(Denied::Forbidden));
        assert_eq!(decide(&supplier, Action::ManageTemplate { owner: None }), Err(Denied::Forbidden));
        assert_eq!(decide(&subject(&[Role::Agency], &[1]), Action::ManageTemplate { owner: Some(OrgId(id(200))) }), Ok(()));
    }

    #[test]
    fn the_opening_is_watched_by_those_the_project_concerns_and_the_lots_bidders() {
        let (runner, unit, bidder, other) = (OrgId(id(300)), OrgId(id(400)), OrgId(id(200)), OrgId(id(201)));
        let path = [RegionId(id(1)), RegionId(id(10))];
        let units = [unit];
        let (just_bidder, just_other, nobody) = ([bidder], [other], []);
        let watch = |bidders| Action::WatchOpening { runner, purchasers: &units, region_path: &path, bidders };
        let supplier = subject(&[Role::Supplier], &[1]);
        assert_eq!(decide(&supplier, watch(&just_bidder)), Ok(()), "a bidder on the lot");
        assert_eq!(decide(&supplier, watch(&just_other)), Err(Denied::Forbidden), "a supplier that did not bid");
        assert_eq!(decide(&supplier, watch(&nobody)), Err(Denied::Forbidden));
        assert_eq!(decide(&subject(&[Role::Expert], &[1, 10]), watch(&just_bidder)), Err(Denied::Forbidden), "no expert (87号令第40条)");
        assert_eq!(decide(&subject(&[Role::Agency], &[1]), watch(&just_bidder)), Err(Denied::Forbidden), "same org id, not a supplier");
        assert_eq!(decide(&subject(&[Role::Supervisor], &[1, 10]), watch(&nobody)), Ok(()), "the region's finance department");
        assert_eq!(decide(&subject(&[Role::Supervisor], &[1, 20]), watch(&nobody)), Err(Denied::Forbidden), "another region's");
        assert_eq!(decide(&Principal::Anonymous, watch(&just_bidder)), Err(Denied::NotSignedIn));
    }

    #[test]
    fn documents_are_read_by_the_project_side_and_who_obtained_them() {
        let (runner, unit, obtainer, other) = (OrgId(id(300)), OrgId(id(301)), OrgId(id(200)), OrgId(id(302)));
        let path = [RegionId(id(1)), RegionId(id(10))];
        let units = [unit];
        let (obtained, not_obtained, nobody) = ([obtainer], [other], []);
        let read = |obtainers| Action::ReadTenderDocuments { runner, purchasers: &units, region_path: &path, obtainers };
        let supplier = subject(&[Role::Supplier], &[1]);
        assert_eq!(decide(&supplier, read(&obtained)), Ok(()), "a supplier that obtained them");
        assert_eq!(decide(&supplier, read(&not_obtained)), Err(Denied::Forbidden), "a supplier that did not");
        assert_eq!(decide(&subject(&[Role::Agency], &[1]), read(&obtained)), Err(Denied::Forbidden), "same org, not a supplier");
        assert_eq!(decide(&subject(&[Role::Supervisor], &[1, 10]), read(&nobody)), Ok(()), "the region's finance department");
        assert_eq!(decide(&subject(&[Role::Supervisor], &[1, 20]), read(&nobody)), Err(Denied::Forbidden), "another region's");
        assert_eq!(decide(&Principal::Anonymous, read(&obtained)), Err(Denied::NotSignedIn));
        let bid = |obtainers| Action::BidOnLot { obtainers };
        assert_eq!(decide(&supplier, bid(&obtained)), Ok(()), "a supplier that obtained the lot bids");
        assert_eq!(decide(&supplier, bid(&not_obtained)), Err(Denied::Forbidden), "one that did not, does not");
        assert_eq!(
            decide(&subject(&[Role::Admin, Role::Supervisor], &[1, 10]), bid(&obtained)),
            Err(Denied::Forbidden),
            "nobody else bids"
        );
    }

    #[test]
    fn a_qualification_file_is_read_by_its_supplier_and_its_reviewers() {
        let path = [RegionId(id(1)), RegionId(id(10))];
        let read = |supplier| Action::ViewQualification { supplier, supplier_region_path: &path };
        let supplier = subject(&[Role::Supplier], &[1, 10]);
        assert_eq!(decide(&supplier, read(OrgId(id(200)))), Ok(()), "its own");
        assert_eq!(decide(&supplier, read(OrgId(id(201)))), Err(Denied::Forbidden), "a competitor's");
        assert_eq!(decide(&subject(&[Role::Supervisor], &[1, 10]), read(OrgId(id(201)))), Ok(()), "its reviewer");
        assert_eq!(decide(&subject(&[Role::Supervisor], &[1, 20]), read(OrgId(id(201)))), Err(Denied::Forbidden));
        assert_eq!(decide(&subject(&[Role::Admin], &[1]), read(OrgId(id(201)))), Ok(()));
        assert_eq!(decide(&subject(&[Role::Agency], &[1, 10]), read(OrgId(id(201)))), Err(Denied::Forbidden), "the project side");
    }

    #[test]
    fn only_admins_edit_policies_and_only_recipients_read_notifications() {
        let supervisor = subject(&[Role::Supervisor], &[1]);
        assert_eq!(decide(&supervisor, Action::EditRegionPolicy), Err(Denied::Forbidden));
        assert_eq!(decide(&subject(&[Role::Admin], &[1]), Action::EditRegionPolicy), Ok(()));
        assert_eq!(decide(&supervisor, Action::ReadNotification { recipient: UserId(id(100)) }), Ok(()));
        assert_eq!(decide(&supervisor, Action::ReadNotification { recipient: UserId(id(101)) }), Err(Denied::Forbidden));
        assert_eq!(decide(&Principal::Anonymous, Action::Administer), Err(Denied::NotSignedIn));
    }
}
