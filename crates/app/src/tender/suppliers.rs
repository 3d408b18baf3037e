//! A supplier's actions on a tender before bidding: obtaining the documents, asking a question.

use caigou_domain::authz::scope::ObtainedScope;
use caigou_domain::authz::{self, Action, Principal, Subject};
use caigou_domain::ids::{LotId, ProjectId};
use caigou_store::files::{self, StoredFile};
use caigou_store::tendering::{Clarification, Question};
use caigou_store::{Store, StoreError, projects, tendering};

use crate::Result;

fn acts_for_own_supplier(subject: &Subject) -> Result<()> {
    authz::decide(&Principal::User(subject.clone()), Action::ActForSupplier { supplier: subject.org })?;
    Ok(())
}

/// What obtaining gave: when, and the project whose documents they are.
#[derive(Debug, Clone, Copy)]
pub struct Obtained {
    /// Unix ms of the first obtaining (obtaining again is not a new event).
    pub at: i64,
    pub project: ProjectId,
}

/// 获取采购文件: an approved supplier obtains a lot's documents inside the window; `address` is
/// kept for the collusion signals (87号令37).
pub async fn obtain(store: &Store, subject: &Subject, lot: LotId, address: &str) -> Result<Obtained> {
    acts_for_own_supplier(subject)?;
    let at = tendering::obtain(store, subject, lot, address).await?;
    let project = projects::project_of_lot(store, lot).await?;
    Ok(Obtained { at, project })
}

/// Asks a question on the documents (a supplier that obtained them; anonymous to everyone).
pub async fn ask(store: &Store, subject: &Subject, project: ProjectId, text: &str) -> Result<String> {
    acts_for_own_supplier(subject)?;
    Ok(tendering::ask(store, subject, project, text).await?)
}

/// A lot whose documents the supplier obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObtainedLot {
    pub project: ProjectId,
    pub lot: LotId,
    /// Unix ms.
    pub at: i64,
}

/// 我的项目: the lots whose documents `subject`'s organization obtained ([`ObtainedScope`]: a
/// supplier's own staff only), latest first.
pub async fn obtained(store: &Store, subject: &Subject) -> Result<Vec<ObtainedLot>> {
    let rows = tendering::obtained_by(store, &ObtainedScope::of(subject)).await?;
    Ok(rows.into_iter().map(|(project, lot, at)| ObtainedLot { project, lot, at }).collect())
}

/// The project, if `principal` may read its documents ([`Action::ReadTenderDocuments`]).
async fn readable(store: &Store, principal: &Principal, project: ProjectId) -> Result<projects::ProjectView> {
    let v = projects::get(store, project).await?;
    let obtainers = tendering::obtainers(store, project, None).await?;
    let (purchasers, region_path) = (v.purchasers(), v.region_ids());
    authz::decide(
        principal,
        Action::ReadTenderDocuments { runner: v.runner(), purchasers: &purchasers, region_path: &region_path, obtainers: &obtainers },
    )?;
    Ok(v)
}

/// The published documents (采购文件) as a file: the PDF, or the HTML rendering.
pub async fn documents(store: &Store, principal: &Principal, project: ProjectId, pdf: bool) -> Result<(StoredFile, bytes::Bytes)> {
    let v = readable(store, principal, project).await?;
    let file = if pdf { v.project.doc_pdf_file_id } else { v.project.doc_html_file_id };
    Ok(files::get(store, file.ok_or(StoreError::NotFound("documents"))?).await?)
}

/// The questions asked on the documents (never naming the asker) and the clarifications.
pub async fn questions(store: &Store, principal: &Principal, project: ProjectId) -> Result<(Vec<Question>, Vec<Clarification>)> {
    readable(store, principal, project).await?;
    Ok((tendering::questions(store, project).await?, tendering::clarifications(store, project).await?))
}

/// The project of `lot`, if `subject` may open the lot's bid page ([`Action::BidOnLot`]).
pub async fn biddable(store: &Store, subject: &Subject, lot: LotId) -> Result<projects::ProjectView> {
    let project = projects::project_of_lot(store, lot).await?;
    let obtainers = tendering::obtainers(store, project, Some(lot)).await?;
    authz::decide(&Principal::User(subject.clone()), Action::BidOnLot { obtainers: &obtainers })?;
    Ok(projects::get(store, project).await?)
}
