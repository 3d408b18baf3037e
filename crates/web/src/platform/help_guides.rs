//! 办事指南: the help centre's guides and common questions, as data. Each guide is one journey
//! of one role, in numbered steps; a step may show a screenshot of this platform, made by
//! `tests/browser/help-shots.mjs` (re-run it when the pages change). The words are in
//! `crates/i18n/locales/*/help.ftl` under `help.<guide>.title`, `.intro`, `.step<N>`; the
//! questions under `help.faq.<role>.<N>.q` and `.a`. Every page links to the guide of its
//! journey ([`for_path`]), so help is where the user is stuck.

/// Who a guide is for, in the order the help centre lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Supplier,
    Purchaser,
    Agency,
    Supervisor,
    Admin,
}

impl Audience {
    pub const ALL: [Audience; 5] = [Audience::Supplier, Audience::Purchaser, Audience::Agency, Audience::Supervisor, Audience::Admin];

    pub fn key(self) -> &'static str {
        match self {
            Audience::Supplier => "supplier",
            Audience::Purchaser => "purchaser",
            Audience::Agency => "agency",
            Audience::Supervisor => "supervisor",
            Audience::Admin => "admin",
        }
    }

    /// How many common questions the role has (`help.faq.<role>.1` …).
    pub fn questions(self) -> usize {
        match self {
            Audience::Supplier => 5,
            Audience::Purchaser => 4,
            Audience::Agency => 4,
            Audience::Supervisor => 3,
            Audience::Admin => 2,
        }
    }
}

pub struct Guide {
    /// Its anchor on the help page and the prefix of its texts: `supplier_bid`.
    pub id: &'static str,
    pub audience: Audience,
    pub steps: usize,
    /// Screenshots by step number (1-based), files under `/static/`.
    pub shots: &'static [(usize, &'static str)],
    /// The pages of its journey: a path equal to one, or under one ending in `/`.
    pub pages: &'static [&'static str],
}

pub const GUIDES: &[Guide] = &[
    Guide {
        id: "supplier_register",
        audience: Audience::Supplier,
        steps: 3,
        shots: &[(2, "help-supplier_register-2.png")],
        pages: &["/suppliers/register", "/supplier", "/login"],
    },
    Guide {
        id: "supplier_obtain",
        audience: Audience::Supplier,
        steps: 3,
        shots: &[(1, "help-supplier_obtain-1.png"), (3, "help-supplier_obtain-3.png")],
        pages: &["/", "/announcements/"],
    },
    Guide {
        id: "supplier_bid",
        audience: Audience::Supplier,
        steps: 4,
        shots: &[(3, "help-supplier_bid-3.png"), (4, "help-supplier_bid-4.png")],
        pages: &["/lots/"],
    },
    Guide {
        id: "supplier_receipts",
        audience: Audience::Supplier,
        steps: 3,
        shots: &[(2, "help-supplier_receipts-2.png")],
        pages: &["/supplier/bids", "/transparency"],
    },
    Guide {
        id: "supplier_opening",
        audience: Audience::Supplier,
        steps: 4,
        shots: &[(2, "help-supplier_opening-2.png"), (4, "help-supplier_opening-4.png")],
        pages: &[],
    },
    Guide {
        id: "purchaser_request",
        audience: Audience::Purchaser,
        steps: 3,
        shots: &[(3, "help-purchaser_request-3.png")],
        pages: &["/requests", "/requests/", "/approval-chain"],
    },
    Guide {
        id: "purchaser_plan",
        audience: Audience::Purchaser,
        steps: 4,
        shots: &[(3, "help-purchaser_plan-3.png")],
        pages: &["/plans", "/plans/", "/budget", "/budget/"],
    },
    Guide {
        id: "purchaser_intention",
        audience: Audience::Purchaser,
        steps: 3,
        shots: &[(3, "help-purchaser_intention-3.png")],
        pages: &["/intentions", "/intentions/"],
    },
    Guide { id: "purchaser_confirm", audience: Audience::Purchaser, steps: 3, shots: &[], pages: &[] },
    Guide {
        id: "agency_project",
        audience: Audience::Agency,
        steps: 3,
        shots: &[(2, "help-agency_project-2.png")],
        pages: &["/projects", "/projects/new"],
    },
    Guide {
        id: "agency_documents",
        audience: Audience::Agency,
        steps: 5,
        shots: &[(2, "help-agency_documents-2.png"), (4, "help-agency_documents-4.png")],
        pages: &["/projects/", "/templates", "/templates/"],
    },
    Guide { id: "agency_opening", audience: Audience::Agency, steps: 4, shots: &[(4, "help-agency_opening-4.png")], pages: &[] },
    Guide {
        id: "supervisor_suppliers",
        audience: Audience::Supervisor,
        steps: 3,
        shots: &[(2, "help-supervisor_suppliers-2.png")],
        pages: &["/suppliers", "/suppliers/"],
    },
    Guide {
        id: "supervisor_approvals",
        audience: Audience::Supervisor,
        steps: 3,
        shots: &[(3, "help-supervisor_approvals-3.png")],
        pages: &["/approvals", "/approvals/"],
    },
    Guide {
        id: "supervisor_audit",
        audience: Audience::Supervisor,
        steps: 3,
        shots: &[(1, "help-supervisor_audit-1.png")],
        pages: &["/audit", "/audit/"],
    },
    Guide {
        id: "admin_regions",
        audience: Audience::Admin,
        steps: 3,
        shots: &[(2, "help-admin_regions-2.png")],
        pages: &["/regions", "/regions/", "/calendar", "/catalog"],
    },
    Guide { id: "admin_sandbox", audience: Audience::Admin, steps: 3, shots: &[(2, "help-admin_sandbox-2.png")], pages: &["/sandbox"] },
];

/// The guide of the journey `path` belongs to: an exact page first, then the longest prefix;
/// a page that is in more than one journey (a lot's bid page and its opening hall) names the
/// one its path says (`/opening` → the opening guide of `supplier` or `agency`).
pub fn for_path(path: &str, agency_like: bool) -> Option<&'static Guide> {
    if path.starts_with("/lots/") && path.ends_with("/opening") {
        return GUIDES.iter().find(|g| g.id == if agency_like { "agency_opening" } else { "supplier_opening" });
    }
    if path.starts_with("/projects/") && path.ends_with("/review") {
        return GUIDES.iter().find(|g| g.id == "purchaser_confirm");
    }
    if let Some(g) = GUIDES.iter().find(|g| g.pages.contains(&path)) {
        return Some(g);
    }
    GUIDES
        .iter()
        .flat_map(|g| g.pages.iter().filter(|p| p.ends_with('/') && p.len() > 1 && path.starts_with(**p)).map(move |p| (g, p.len())))
        .max_by_key(|(_, len)| *len)
        .map(|(g, _)| g)
}

/// Every catalog key the help centre reads, so the catalog tests know them.
#[cfg(test)]
pub fn keys() -> Vec<String> {
    let mut keys = Vec::new();
    for g in GUIDES {
        keys.push(format!("help.{}.title", g.id));
        keys.push(format!("help.{}.intro", g.id));
        keys.extend((1..=g.steps).map(|n| format!("help.{}.step{n}", g.id)));
    }
    for a in Audience::ALL {
        keys.push(format!("help.role.{}", a.key()));
        for n in 1..=a.questions() {
            keys.push(format!("help.faq.{}.{n}.q", a.key()));
            keys.push(format!("help.faq.{}.{n}.a", a.key()));
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_every_language() {
        for key in keys() {
            for lang in caigou_domain::Lang::ALL {
                assert!(caigou_i18n::catalog().text(lang, &key).is_some(), "{key} in {}", lang.tag());
            }
        }
    }

    #[test]
    fn shots_are_files_and_steps_of_their_guide() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static");
        for g in GUIDES {
            for (step, file) in g.shots {
                assert!((1..=g.steps).contains(step), "{}: screenshot for step {step} of {}", g.id, g.steps);
                assert!(dir.join(file).is_file(), "{file} is in crates/web/static (run tests/browser/help-shots.mjs)");
                assert!(crate::platform::pages::ops::has_asset(file), "{file} is served (HELP_SHOTS in ops.rs)");
            }
        }
    }

    #[test]
    fn pages_lead_to_the_guide_of_their_journey() {
        let id = |p: &str, agency: bool| for_path(p, agency).map(|g| g.id);
        assert_eq!(id("/requests/new", false), Some("purchaser_request"));
        assert_eq!(id("/plans/0190-x", false), Some("purchaser_plan"));
        assert_eq!(id("/lots/x/bid", false), Some("supplier_bid"));
        assert_eq!(id("/lots/x/opening", false), Some("supplier_opening"));
        assert_eq!(id("/lots/x/opening", true), Some("agency_opening"));
        assert_eq!(id("/projects/new", true), Some("agency_project"));
        assert_eq!(id("/projects/x", true), Some("agency_documents"));
        assert_eq!(id("/supplier/bids", false), Some("supplier_receipts"));
        assert_eq!(id("/projects/x/review", false), Some("purchaser_confirm"));
        assert_eq!(id("/", false), Some("supplier_obtain"));
        assert_eq!(id("/account", false), None);
    }
}
