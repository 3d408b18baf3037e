//! List scopes: which objects of a kind a subject sees in a list.
//!
//! Each scope is derived from a [`Subject`] by the same rule [`decide`](super::decide) applies to
//! one object of that kind (the rule is named on each type), and says so in a form a store can
//! turn into one `WHERE` clause: everything, a region subtree, an organization. Its `contains`
//! is that clause in Rust; the tests below check, over every combination of roles, regions and
//! organizations, that an object is in the scope exactly when `decide` lets the subject see it.
//!
//! A scope can only be made from a subject (`of`): its fields are private, so no shell can widen
//! a list by building one by hand.

use crate::ids::{OrgId, RegionId, UserId, region_path_key};

use super::{Role, Subject};

/// A region and every region under it, named by the region's path (root first, the region
/// last).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subtree(Vec<RegionId>);

impl Subtree {
    /// The region whose subtree this is.
    pub fn region(&self) -> RegionId {
        *self.0.last().expect("a subtree has a region")
    }

    /// Whether an object whose region has this path (root first) lies in the subtree: the
    /// subtree's region is on the object's path.
    pub fn contains(&self, object_region_path: &[RegionId]) -> bool {
        object_region_path.contains(&self.region())
    }

    /// The stored path of the subtree's region (`/<root>/…/<region>/`): the stored path of every
    /// region in the subtree starts with it.
    pub fn key(&self) -> String {
        region_path_key(&self.0)
    }
}

/// The subtree a supervisor oversees: their organization's region (the `supervises` rule).
fn supervised(s: &Subject) -> Option<Subtree> {
    if s.has(Role::Supervisor) && s.region().is_some() { Some(Subtree(s.region_path.clone())) } else { None }
}

fn purchaser_staff(s: &Subject) -> Option<OrgId> {
    if s.roles.iter().any(|r| r.is_purchaser()) { Some(s.org) } else { None }
}

/// Projects the subject sees from the inside, drafts included ([`Action::ViewProject`]): all for
/// admins; the supervised subtree; projects its organization runs (agency staff, or a unit's 经办
/// when the unit procures on its own); projects serving its unit (any purchaser role).
///
/// [`Action::ViewProject`]: super::Action::ViewProject
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectScope {
    all: bool,
    supervised: Option<Subtree>,
    runner: Option<OrgId>,
    purchaser: Option<OrgId>,
}

impl ProjectScope {
    pub fn of(s: &Subject) -> ProjectScope {
        ProjectScope {
            all: s.has(Role::Admin),
            supervised: supervised(s),
            runner: if s.has(Role::Agency) || s.has(Role::PurchaserHandler) { Some(s.org) } else { None },
            purchaser: purchaser_staff(s),
        }
    }

    pub fn all(&self) -> bool {
        self.all
    }
    pub fn supervised(&self) -> Option<&Subtree> {
        self.supervised.as_ref()
    }
    /// Projects run by this organization.
    pub fn runner(&self) -> Option<OrgId> {
        self.runner
    }
    /// Projects made from this unit's plans.
    pub fn purchaser(&self) -> Option<OrgId> {
        self.purchaser
    }

    pub fn contains(&self, runner: OrgId, purchasers: &[OrgId], region_path: &[RegionId]) -> bool {
        self.all
            || self.supervised.as_ref().is_some_and(|t| t.contains(region_path))
            || self.runner == Some(runner)
            || self.purchaser.is_some_and(|u| purchasers.contains(&u))
    }
}

/// Purchasing units whose planning data (采购意向, 申购, plans, budget lines) the subject sees
/// ([`Action::ViewUnitPlanning`]): all for admins; the supervised subtree; its own unit (any
/// purchaser role).
///
/// [`Action::ViewUnitPlanning`]: super::Action::ViewUnitPlanning
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitScope {
    all: bool,
    supervised: Option<Subtree>,
    own: Option<OrgId>,
}

impl UnitScope {
    pub fn of(s: &Subject) -> UnitScope {
        UnitScope { all: s.has(Role::Admin), supervised: supervised(s), own: purchaser_staff(s) }
    }

    pub fn all(&self) -> bool {
        self.all
    }
    pub fn supervised(&self) -> Option<&Subtree> {
        self.supervised.as_ref()
    }
    /// The subject's own unit.
    pub fn own(&self) -> Option<OrgId> {
        self.own
    }

    pub fn contains(&self, unit: OrgId, unit_region_path: &[RegionId]) -> bool {
        self.all || self.supervised.as_ref().is_some_and(|t| t.contains(unit_region_path)) || self.own == Some(unit)
    }
}

/// Everything, a region subtree, or nothing: the shape of the region-only rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegionScope {
    All,
    Subtree(Subtree),
    Nothing,
}

impl RegionScope {
    fn admin_or_supervised(s: &Subject) -> RegionScope {
        if s.has(Role::Admin) { RegionScope::All } else { supervised(s).map(RegionScope::Subtree).unwrap_or(RegionScope::Nothing) }
    }

    pub fn contains(&self, object_region_path: &[RegionId]) -> bool {
        match self {
            RegionScope::All => true,
            RegionScope::Subtree(t) => t.contains(object_region_path),
            RegionScope::Nothing => false,
        }
    }
}

/// The part of the expert pool (评审专家库) the subject manages: all for admins, the supervised
/// subtree for a region's finance department (a city's sub-library inside the province's pool).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpertScope(RegionScope);

impl ExpertScope {
    pub fn of(s: &Subject) -> ExpertScope {
        ExpertScope(RegionScope::admin_or_supervised(s))
    }
    pub fn region(&self) -> &RegionScope {
        &self.0
    }
    pub fn contains(&self, expert_region_path: &[RegionId]) -> bool {
        self.0.contains(expert_region_path)
    }
}

/// Suppliers whose admission the subject reviews ([`Action::ReviewSupplier`]): all for admins,
/// the supervised subtree (the region's designated office).
///
/// [`Action::ReviewSupplier`]: super::Action::ReviewSupplier
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplierScope(RegionScope);

impl SupplierScope {
    pub fn of(s: &Subject) -> SupplierScope {
        SupplierScope(RegionScope::admin_or_supervised(s))
    }
    pub fn region(&self) -> &RegionScope {
        &self.0
    }
    pub fn contains(&self, supplier_region_path: &[RegionId]) -> bool {
        self.0.contains(supplier_region_path)
    }
}

/// Audit entries the subject reads ([`Action::ViewAudit`]): all for admins, entries about
/// objects in the supervised subtree. (What a reader may see *of* an entry is
/// [`crate::tender::secrecy`].)
///
/// [`Action::ViewAudit`]: super::Action::ViewAudit
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditScope(RegionScope);

impl AuditScope {
    pub fn of(s: &Subject) -> AuditScope {
        AuditScope(RegionScope::admin_or_supervised(s))
    }
    pub fn region(&self) -> &RegionScope {
        &self.0
    }
    pub fn contains(&self, object_region_path: &[RegionId]) -> bool {
        self.0.contains(object_region_path)
    }
    /// Whether the subject reads no audit entry at all.
    pub fn is_nothing(&self) -> bool {
        self.0 == RegionScope::Nothing
    }
}

/// Document templates the subject reads ([`Action::ViewTemplate`]): the platform's, its own
/// organization's, and for admins every organization's.
///
/// [`Action::ViewTemplate`]: super::Action::ViewTemplate
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateScope {
    all: bool,
    own: OrgId,
}

impl TemplateScope {
    pub fn of(s: &Subject) -> TemplateScope {
        TemplateScope { all: s.has(Role::Admin), own: s.org }
    }
    pub fn all(&self) -> bool {
        self.all
    }
    pub fn own(&self) -> OrgId {
        self.own
    }
    pub fn contains(&self, owner: Option<OrgId>) -> bool {
        match owner {
            None => true,
            Some(o) => self.all || o == self.own,
        }
    }
}

/// Plans waiting for approval that the subject decides ([`Action::DecidePlan`]): those of units
/// in the supervised subtree, less the ones the subject submitted (岗位分离). Admins decide none:
/// approving is the finance department's.
///
/// [`Action::DecidePlan`]: super::Action::DecidePlan
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovalScope {
    supervised: Option<Subtree>,
    not_submitted_by: UserId,
}

impl ApprovalScope {
    pub fn of(s: &Subject) -> ApprovalScope {
        ApprovalScope { supervised: supervised(s), not_submitted_by: s.user }
    }
    pub fn supervised(&self) -> Option<&Subtree> {
        self.supervised.as_ref()
    }
    /// Plans this user submitted are never theirs to decide.
    pub fn not_submitted_by(&self) -> UserId {
        self.not_submitted_by
    }
    /// Whether the subject sees no plan to decide at all.
    pub fn is_nothing(&self) -> bool {
        self.supervised.is_none()
    }
    pub fn contains(&self, unit_region_path: &[RegionId], submitted_by: UserId) -> bool {
        self.supervised.as_ref().is_some_and(|t| t.contains(unit_region_path)) && submitted_by != self.not_submitted_by
    }
}

/// Lots whose documents a supplier obtained (获取采购文件), its 我的项目: a supplier's record is
/// its own staff's ([`Action::ActForSupplier`]). Nobody else lists them: who obtained is not
/// disclosed before the deadline (87号令), and after it the project's insiders read the
/// obtainers per project, not per supplier.
///
/// [`Action::ActForSupplier`]: super::Action::ActForSupplier
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObtainedScope {
    supplier: Option<OrgId>,
}

impl ObtainedScope {
    pub fn of(s: &Subject) -> ObtainedScope {
        ObtainedScope { supplier: if s.has(Role::Supplier) { Some(s.org) } else { None } }
    }
    /// The supplier whose obtained lots these are.
    pub fn supplier(&self) -> Option<OrgId> {
        self.supplier
    }
    pub fn contains(&self, obtained_by: OrgId) -> bool {
        self.supplier == Some(obtained_by)
    }
}

#[cfg(test)]
mod tests {
    //! List and object visibility agree: for every subject in a small universe (every set of
    //! roles, three organizations, every region of a three-level tree and none) and every object
    //! of each kind, the object is in the subject's list scope exactly when `decide` allows it.

    use super::*;
    use crate::authz::{Action, OrgKind, Principal, decide};
    use crate::ids::UserId;
    use uuid::Uuid;

    fn region(n: u128) -> RegionId {
        RegionId(Uuid::from_u128(n))
    }
    fn org(n: u128) -> OrgId {
        OrgId(Uuid::from_u128(n))
    }

    /// The root, a city under it, a county under the city, another city; and no region.
    fn paths() -> Vec<Vec<RegionId>> {
        vec![vec![region(1)], vec![region(1), region(10)], vec![region(1), region(10), region(11)], vec![region(1), region(20)], vec![]]
    }
    fn orgs() -> [OrgId; 3] {
        [org(100), org(200), org(300)]
    }

    fn subjects() -> Vec<Subject> {
        let mut out = Vec::new();
        for mask in 0u32..(1 << Role::ALL.len()) {
            let roles: Vec<Role> = Role::ALL.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, r)| *r).collect();
            for o in &orgs()[..2] {
                for path in paths() {
                    out.push(Subject {
                        user: UserId(Uuid::from_u128(7)),
                        org: *o,
                        org_kind: OrgKind::PurchasingUnit,
                        region_path: path,
                        roles: roles.clone(),
                    });
                }
            }
        }
        out
    }

    fn allowed(s: &Subject, action: Action<'_>) -> bool {
        decide(&Principal::User(s.clone()), action).is_ok()
    }

    #[test]
    fn the_universe_covers_every_role_combination() {
        let subjects = subjects();
        assert_eq!(subjects.len(), 256 * 2 * 5);
        assert!(subjects.iter().any(|s| s.roles.len() == Role::ALL.len()));
    }

    #[test]
    fn project_lists_show_exactly_the_projects_a_subject_may_view() {
        let purchaser_sets: [&[OrgId]; 4] = [&[], &[org(100)], &[org(200), org(300)], &[org(100), org(200)]];
        let mut shown = 0;
        for s in subjects() {
            let scope = ProjectScope::of(&s);
            for runner in orgs() {
                for purchasers in purchaser_sets {
                    for path in paths().iter().filter(|p| !p.is_empty()) {
                        let object = allowed(&s, Action::ViewProject { runner, purchasers, region_path: path });
                        let listed = scope.contains(runner, purchasers, path);
                        assert_eq!(listed, object, "{s:?} runner {runner} purchasers {purchasers:?} region {path:?}");
                        shown += usize::from(listed);
                    }
                }
            }
        }
        assert!(shown > 0);
    }

    #[test]
    fn unit_lists_show_exactly_the_units_whose_planning_a_subject_may_view() {
        for s in subjects() {
            let scope = UnitScope::of(&s);
            for unit in orgs() {
                for path in paths().iter().filter(|p| !p.is_empty()) {
                    let object = allowed(&s, Action::ViewUnitPlanning { unit, unit_region_path: path });
                    assert_eq!(scope.contains(unit, path), object, "{s:?} unit {unit} region {path:?}");
                }
            }
        }
    }

    #[test]
    fn supplier_lists_show_exactly_the_suppliers_a_subject_may_review() {
        for s in subjects() {
            let scope = SupplierScope::of(&s);
            for path in paths() {
                let object = allowed(&s, Action::ReviewSupplier { supplier_region_path: &path });
                assert_eq!(scope.contains(&path), object, "{s:?} region {path:?}");
            }
        }
    }

    #[test]
    fn audit_lists_show_exactly_the_entries_a_subject_may_read() {
        for s in subjects() {
            let scope = AuditScope::of(&s);
            // An entry with no region path (platform-wide) is for admins only.
            for path in paths() {
                let object = allowed(&s, Action::ViewAudit { object_region_path: &path });
                assert_eq!(scope.contains(&path), object, "{s:?} region {path:?}");
            }
            assert_eq!(scope.is_nothing(), !paths().iter().any(|p| allowed(&s, Action::ViewAudit { object_region_path: p })));
        }
    }

    #[test]
    fn template_lists_show_exactly_the_templates_a_subject_may_read() {
        for s in subjects() {
            let scope = TemplateScope::of(&s);
            for owner in [None, Some(org(100)), Some(org(200)), Some(org(300))] {
                assert_eq!(scope.contains(owner), allowed(&s, Action::ViewTemplate { owner }), "{s:?} owner {owner:?}");
            }
        }
    }

    #[test]
    fn approval_lists_show_exactly_the_plans_a_subject_may_decide() {
        let submitters = [UserId(Uuid::from_u128(7)), UserId(Uuid::from_u128(8))];
        let mut shown = 0;
        for s in subjects() {
            let scope = ApprovalScope::of(&s);
            for path in paths().iter().filter(|p| !p.is_empty()) {
                for submitted_by in submitters {
                    let object = allowed(&s, Action::DecidePlan { unit_region_path: path, submitted_by });
                    let listed = scope.contains(path, submitted_by);
                    assert_eq!(listed, object, "{s:?} region {path:?} submitted by {submitted_by}");
                    shown += usize::from(listed);
                }
            }
            let any = paths()
                .iter()
                .any(|p| submitters.iter().any(|u| allowed(&s, Action::DecidePlan { unit_region_path: p, submitted_by: *u })));
            assert_eq!(scope.is_nothing(), !any, "{s:?}");
        }
        assert!(shown > 0);
    }

    #[test]
    fn obtained_lists_show_exactly_the_suppliers_records_a_subject_acts_for() {
        for s in subjects() {
            let scope = ObtainedScope::of(&s);
            for supplier in orgs() {
                assert_eq!(scope.contains(supplier), allowed(&s, Action::ActForSupplier { supplier }), "{s:?} supplier {supplier}");
            }
        }
    }

    #[test]
    fn a_subtree_is_a_prefix_of_the_stored_paths_beneath_it() {
        let city = Subtree(vec![region(1), region(10)]);
        let county = region_path_key(&[region(1), region(10), region(11)]);
        let other = region_path_key(&[region(1), region(20)]);
        assert!(county.starts_with(&city.key()) && city.contains(&[region(1), region(10), region(11)]));
        assert!(!other.starts_with(&city.key()) && !city.contains(&[region(1), region(20)]));
        assert!(!region_path_key(&[region(1)]).starts_with(&city.key()), "not the parent");
    }
}
