//! Rule findings and request warnings as the API shows them. The domain gives each a catalog
//! message; the JSON edge renders it, like an error body: `message` in the request's language
//! and `messages` in every language the platform speaks.

use std::collections::BTreeMap;

use caigou_domain::Lang;
use caigou_domain::planning::filing::{Decision, Finding, Outcome, Verdict};
use caigou_domain::planning::request::Warning;
use caigou_store::plans::{PlanDetail, Submitted};
use caigou_store::requests::RequestDetail;
use serde::Serialize;

use crate::i18n::Tr;

/// One rule's result: `{rule, code, source, verdict, message, messages, related}`.
#[derive(Serialize)]
pub struct FindingOut {
    pub rule: caigou_domain::planning::rules::RuleId,
    pub code: String,
    pub source: String,
    pub verdict: Verdict,
    pub message: String,
    pub messages: BTreeMap<&'static str, String>,
    pub related: Vec<String>,
}

impl FindingOut {
    pub fn new(f: &Finding, lang: Lang) -> FindingOut {
        FindingOut {
            rule: f.rule,
            code: f.code.clone(),
            source: f.source.clone(),
            verdict: f.verdict,
            message: Tr::new(lang).msg(&f.text),
            messages: Tr::every(&f.text),
            related: f.related.clone(),
        }
    }
}

/// The decision with every finding.
#[derive(Serialize)]
pub struct OutcomeOut {
    pub decision: Decision,
    pub findings: Vec<FindingOut>,
}

impl OutcomeOut {
    pub fn new(o: &Outcome, lang: Lang) -> OutcomeOut {
        OutcomeOut { decision: o.decision, findings: o.findings.iter().map(|f| FindingOut::new(f, lang)).collect() }
    }
}

/// A submitted plan: `{id, plan_no, status, outcome, publicity_ends_on}`.
#[derive(Serialize)]
pub struct SubmittedOut {
    pub id: String,
    pub plan_no: String,
    pub status: String,
    pub outcome: OutcomeOut,
    pub publicity_ends_on: Option<String>,
}

impl SubmittedOut {
    pub fn new(s: Submitted, lang: Lang) -> SubmittedOut {
        SubmittedOut {
            outcome: OutcomeOut::new(&s.outcome, lang),
            id: s.id.to_string(),
            plan_no: s.plan_no,
            status: s.status.to_string(),
            publicity_ends_on: s.publicity_ends_on,
        }
    }
}

/// A plan's detail with its findings read out (the plan row keeps them as stored).
#[derive(Serialize)]
pub struct PlanOut {
    #[serde(flatten)]
    pub detail: PlanDetail,
    pub findings: Vec<FindingOut>,
}

impl PlanOut {
    pub fn new(detail: PlanDetail, lang: Lang) -> PlanOut {
        let stored: Vec<Finding> = serde_json::from_str(&detail.plan.findings).unwrap_or_default();
        PlanOut { findings: stored.iter().map(|f| FindingOut::new(f, lang)).collect(), detail }
    }
}

/// A risk flagged on a 申购: `{code, message, messages}`.
#[derive(Serialize)]
pub struct WarningOut {
    pub code: String,
    pub message: String,
    pub messages: BTreeMap<&'static str, String>,
}

/// A 申购 with its chain, warnings (read out) and history.
#[derive(Serialize)]
pub struct RequestOut {
    pub request: caigou_store::requests::PurchaseRequest,
    pub chain: caigou_domain::planning::request::ApprovalChain,
    pub warnings: Vec<WarningOut>,
    pub events: Vec<caigou_store::requests::RequestEventRow>,
    pub unit_region_path: String,
}

impl RequestOut {
    pub fn new(d: RequestDetail, lang: Lang) -> RequestOut {
        let warning = |w: &Warning| WarningOut { code: w.code.clone(), message: Tr::new(lang).msg(&w.text), messages: Tr::every(&w.text) };
        RequestOut {
            warnings: d.warnings.iter().map(warning).collect(),
            request: d.request,
            chain: d.chain,
            events: d.events,
            unit_region_path: d.unit_region_path,
        }
    }
}
