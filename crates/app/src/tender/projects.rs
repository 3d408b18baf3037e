//! The project runner's actions (the agency entrusted with the project, or the unit's 经办
//! procuring on its own): lot settings, documents, publishing, clarifying, terminating. Each
//! starts with [`runnable`].

use caigou_domain::Money;
use caigou_domain::authz::scope::ProjectScope;
use caigou_domain::authz::{self, Action, Principal, Subject};
use caigou_domain::ids::{AnnouncementId, LotId, ProjectId, RegionId};
use caigou_domain::tender::document::fill;
use caigou_domain::tender::secrecy::{self, Secrecy, Shown};
use caigou_domain::tender::{SmeChoice, SmePolicy};
use caigou_store::StoreError;
use caigou_store::documents::{self, DocumentsDraft, Published, Rendered};
use caigou_store::projects::{self, LotSettings, ProjectRow, ProjectView};
use caigou_store::tendering::{self, Clarification};
use caigou_store::{Store, regions};

use sha2::Digest;

use super::render;
use crate::Result;

/// The project, if `subject` may see it and runs it (the agency entrusted with it, or the unit's
/// 经办 procuring on its own). Seeing comes first, so an outsider learns nothing of its state.
pub async fn runnable(store: &Store, subject: &Subject, project: ProjectId) -> Result<ProjectView> {
    let v = projects::get(store, project).await?;
    let principal = Principal::User(subject.clone());
    authz::decide(&principal, Action::ViewProject { runner: v.runner(), purchasers: &v.purchasers(), region_path: &v.region_ids() })?;
    authz::decide(&principal, Action::RunProject { runner: v.runner() })?;
    Ok(v)
}

/// The project of `lot`, if `subject` runs it ([`runnable`]).
pub async fn runnable_lot(store: &Store, subject: &Subject, lot: LotId) -> Result<ProjectView> {
    let project = projects::project_of_lot(store, lot).await?;
    let project: ProjectId = project;
    runnable(store, subject, project).await
}

/// 标项设置 while the project is a draft: the ceiling (最高限价), the SME policy and the deposit.
#[derive(Debug, Clone, Copy)]
pub struct UpdateLot {
    pub project: ProjectId,
    pub lot: LotId,
    pub max_price: Option<Money>,
    pub sme: SmeChoice,
    pub deposit: Option<Money>,
}

/// The SME policy a choice means in the project's region today (the deduction rate is the
/// region's policy).
pub async fn sme_policy(store: &Store, region_id: RegionId, choice: SmeChoice) -> Result<SmePolicy> {
    Ok(match choice {
        SmeChoice::PriceDeduction => {
            let policy = regions::effective_policy(store, region_id, store.clock().today()).await?;
            choice.with_rate(policy.sme_deduction.small_micro_bp)
        }
        other => other.with_rate(0),
    })
}

/// Sets a draft lot's ceiling, SME policy and deposit (the project's runner).
pub async fn update_lot(store: &Store, subject: &Subject, cmd: UpdateLot) -> Result<()> {
    let v = runnable(store, subject, cmd.project).await?;
    let sme = sme_policy(store, v.project.region_id, cmd.sme).await?;
    let settings = LotSettings { max_price: cmd.max_price, sme, deposit: cmd.deposit };
    projects::update_lot(store, subject, cmd.project, cmd.lot, settings).await?;
    Ok(())
}

/// Saves the draft documents (the project's runner), once they would fill the template.
pub async fn save_documents(store: &Store, subject: &Subject, project: ProjectId, draft: &DocumentsDraft) -> Result<()> {
    let view = runnable(store, subject, project).await?;
    let e = documents::earliest_dates(store, &view, store.clock().today()).await?;
    let vars = render::variables(&view, draft, e.announcement_until);
    documents::save_draft(store, subject, project, draft, &vars).await?;
    // 采购人确认: the units that ask for it are asked again for the documents as saved now.
    super::confirmation::ask(store, &projects::get(store, project).await?).await?;
    Ok(())
}

/// The draft of a project the subject runs, checked as publishing would check it today, and
/// its sections filled from the template.
async fn filled(
    store: &Store,
    subject: &Subject,
    project: ProjectId,
) -> Result<(documents::Ready, Vec<caigou_domain::tender::document::FilledSection>)> {
    runnable(store, subject, project).await?;
    filled_unchecked(store, project).await
}

/// [`filled`] without asking who wants it (the caller has decided that).
async fn filled_unchecked(
    store: &Store,
    project: ProjectId,
) -> Result<(documents::Ready, Vec<caigou_domain::tender::document::FilledSection>)> {
    let ready = documents::ready(store, project).await?;
    let vars = render::variables(&ready.view, &ready.draft, ready.earliest.announcement_until);
    let sections = fill(&ready.template, &ready.draft.sections, &vars).map_err(|e| StoreError::rejected(&e))?;
    Ok((ready, sections))
}

/// The announcement of `ready`'s documents, in the national format, with the same dates in the
/// same words as the documents.
fn announcement(ready: &documents::Ready, pdf_sha256: &str) -> (String, String) {
    let vars = render::variables(&ready.view, &ready.draft, ready.earliest.announcement_until);
    super::notice::announcement(&ready.view, ready.kind, &ready.draft, &vars, pdf_sha256)
}

/// 发布: fixes the documents and publishes the announcement (the project's runner). The
/// documents are rendered here, from the draft as it stands, and kept by the store with the
/// announcement in one transaction that first checks the draft did not change meanwhile.
pub async fn publish(store: &Store, subject: &Subject, project: ProjectId) -> Result<Published> {
    let (ready, sections) = filled(store, subject, project).await?;
    // The store's write checks the draft did not change since, so a confirmation checked here
    // is of the documents that go out.
    super::confirmation::check_confirmed(store, &ready.view).await?;
    let html = render::render_html(&ready.view, &ready.draft, &sections);
    let pdf = {
        let (view, draft, sections, now) = (ready.view.clone(), ready.draft.clone(), sections.clone(), store.clock().now_ms());
        // Laying out a long PDF takes a while: off the async workers.
        tokio::task::spawn_blocking(move || render::render_pdf(&view, &draft, &sections, now))
            .await
            .map_err(|e| StoreError::Internal(e.to_string()))??
    };
    let (title, body) = announcement(&ready, &hex::encode(sha2::Sha256::digest(&pdf)));
    Ok(documents::publish(store, subject, ready, Rendered { html, pdf, title, body }).await?)
}

/// What publishing would make public, without publishing: the announcement and the documents
/// as they would go out today (the PDF and its SHA-256 are made when publishing).
pub struct Preview {
    pub title: String,
    pub body: String,
    /// The documents' sections as HTML, every text escaped.
    pub documents_html: String,
    pub kind: caigou_domain::tender::AnnouncementKind,
    pub documents_until: jiff::civil::Date,
    pub deadline: jiff::civil::DateTime,
}

/// 发布前预览 (the project's runner): refused for the same reasons publishing would be.
pub async fn preview(store: &Store, subject: &Subject, project: ProjectId) -> Result<Preview> {
    runnable(store, subject, project).await?;
    preview_unchecked(store, project).await
}

/// [`preview`] for a caller that has decided who may see it (the runner, or the unit confirming).
pub(crate) async fn preview_unchecked(store: &Store, project: ProjectId) -> Result<Preview> {
    let (ready, sections) = filled_unchecked(store, project).await?;
    let documents_html = render::sections_html(&ready.view, &ready.draft, &sections);
    let (title, body) = announcement(&ready, "（发布时生成）");
    Ok(Preview {
        title,
        body,
        documents_html,
        kind: ready.kind,
        documents_until: ready.draft.documents_until,
        deadline: ready.draft.deadline,
    })
}

/// 终止: one lot, or the whole project, with the reason; the 终止公告 when it was published.
pub async fn terminate(
    store: &Store,
    subject: &Subject,
    project: ProjectId,
    lot: Option<LotId>,
    reason: &str,
) -> Result<Option<AnnouncementId>> {
    runnable(store, subject, project).await?;
    Ok(projects::terminate(store, subject, project, lot, reason).await?)
}

/// 澄清或者修改 (the project's runner): a 更正公告, and a later deadline where the law requires.
pub async fn clarify(
    store: &Store,
    subject: &Subject,
    project: ProjectId,
    text: &str,
    affects_bids: bool,
    answers: &[String],
) -> Result<Clarification> {
    runnable(store, subject, project).await?;
    Ok(tendering::clarify(store, subject, project, text, affects_bids, answers).await?)
}

/// Whether `principal` sees the project's internals (drafts, who obtained, questions): its
/// runner, its purchasing units' staff, the region's finance department, admins.
pub fn insider(principal: &Principal, v: &ProjectView) -> bool {
    authz::decide(principal, Action::ViewProject { runner: v.runner(), purchasers: &v.purchasers(), region_path: &v.region_ids() }).is_ok()
}

/// A project as `principal` may see it: a published one for anyone, a draft for insiders only.
pub async fn visible(store: &Store, principal: &Principal, project: ProjectId) -> Result<ProjectView> {
    let v = projects::get(store, project).await?;
    if !v.project.status.announced() || v.project.published_at.is_none() {
        authz::decide(principal, Action::ViewProject { runner: v.runner(), purchasers: &v.purchasers(), region_path: &v.region_ids() })?;
    }
    Ok(v)
}

/// Who obtained a project's documents, for those it concerns ([`Action::ViewProject`]): how
/// many, and who once the bid deadline has passed (投标保密, `tender::secrecy`: not before).
pub async fn obtainers(store: &Store, principal: &Principal, project: ProjectId) -> Result<(usize, Option<Vec<tendering::Obtained>>)> {
    let v = projects::get(store, project).await?;
    authz::decide(principal, Action::ViewProject { runner: v.runner(), purchasers: &v.purchasers(), region_path: &v.region_ids() })?;
    let list = tendering::obtained(store, project).await?;
    let names = secrecy::shown(Secrecy::UntilDeadline, v.project.deadline_at, store.clock().now_ms()) == Shown::Whole;
    Ok((list.len(), names.then_some(list)))
}

/// 立项: a draft project from plans entrusted to the subject's organization; answers its id.
pub async fn create(store: &Store, subject: &Subject, input: &projects::NewProject) -> Result<ProjectId> {
    authz::decide(&Principal::User(subject.clone()), Action::RunProject { runner: subject.org })?;
    Ok(projects::create(store, subject, input).await?)
}

/// The projects `subject` sees from the inside ([`ProjectScope`]: those [`insider`] admits),
/// newest first.
pub async fn list(store: &Store, subject: &Subject) -> Result<Vec<ProjectRow>> {
    Ok(projects::list(store, &ProjectScope::of(subject)).await?)
}
