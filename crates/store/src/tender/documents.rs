//! Procurement documents (采购文件): the draft an agency prepares (template, evaluation
//! criteria, qualification requirements, edited sections, dates), the earliest lawful dates, and
//! publishing — which keeps the rendered HTML and PDF immutable with the PDF's SHA-256,
//! publishes the announcement and schedules the window and deadline transitions. Rendering is
//! not storage's: the use case (`caigou_app::tender::render`) fills the template and renders
//! the files, and hands them here to be kept.

use std::collections::BTreeMap;

use caigou_domain::Msg;
use caigou_domain::authz::Subject;
use caigou_domain::ids::{AnnouncementId, ProjectId, RegionId};
use caigou_domain::tender::document::{TemplateSection, fill};
use caigou_domain::tender::{AnnouncementKind, Earliest, Evaluation, Refused, Schedule, check_evaluation, check_schedule, earliest};
use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Actor, Change};
use crate::clock::china;
use crate::notify::Message;
use crate::projects::{self, ProjectView};
use crate::projects::{DEADLINE, DOCUMENTS_CLOSE};
use crate::scheduled;
use crate::{Result, Store, StoreError, calendar, files, portal, regions, templates};

/// The documents as an agency prepares them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentsDraft {
    pub template_id: String,
    pub evaluation: Evaluation,
    /// 特定资格要求 (e.g. licences the law requires for the object).
    #[serde(default)]
    pub qualification: String,
    /// Rewritten bodies of editable sections, by section key.
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    /// The documents are available until the end of this day.
    pub documents_until: Date,
    /// Bid/response deadline and opening, China time.
    pub deadline: DateTime,
    /// 项目联系人 and 电话, as the announcement's 联系方式 names them.
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub contact_phone: String,
}

fn rejected(violations: Vec<caigou_domain::tender::Violation>) -> StoreError {
    StoreError::rejected(&Refused(violations))
}

/// Unix ms of a China civil time.
pub fn china_ms(dt: DateTime) -> Result<i64> {
    Ok(dt.to_zoned(china()).map_err(|e| StoreError::Internal(e.to_string()))?.timestamp().as_millisecond())
}

/// The earliest lawful dates if the documents were issued on `issued_on` (today when publishing).
pub async fn earliest_dates(store: &Store, view: &ProjectView, issued_on: Date) -> Result<Earliest> {
    let cal = calendar::load(store).await?;
    let policy = regions::effective_policy(store, view.project.region_id, issued_on).await?;
    earliest(view.method(), issued_on, &cal, &policy.tender_periods).map_err(|e| StoreError::rejected(&e))
}

/// Every rule the draft breaks if published today.
async fn violations(store: &Store, view: &ProjectView, d: &DocumentsDraft) -> Result<Vec<caigou_domain::tender::Violation>> {
    let today = store.clock().today();
    let cal = calendar::load(store).await?;
    let policy = regions::effective_policy(store, view.project.region_id, today).await?;
    let mut v = check_evaluation(view.method(), view.object_type(), &d.evaluation, &policy.price_weights);
    let schedule = Schedule { documents_until: d.documents_until, deadline: d.deadline };
    v.extend(check_schedule(view.method(), today, &schedule, &cal, &policy.tender_periods).map_err(|e| StoreError::rejected(&e))?);
    Ok(v)
}

/// Saves the draft after checking it against the rules as of today; `vars` are the template
/// variables the documents would be filled with (every placeholder must have one).
pub async fn save_draft(store: &Store, subject: &Subject, id: ProjectId, d: &DocumentsDraft, vars: &BTreeMap<&str, String>) -> Result<()> {
    let view = projects::get(store, id).await?;
    if !view.project.status.editable() {
        return Err(StoreError::reject("documents.published"));
    }
    let t = templates::get(store, &d.template_id).await?;
    if t.method != view.project.method || t.owner_org_id.is_some_and(|o| o != view.project.runner_org_id) {
        return Err(StoreError::reject("documents.template_mismatch"));
    }
    let v = violations(store, &view, d).await?;
    if !v.is_empty() {
        return Err(rejected(v));
    }
    fill(&t.sections, &d.sections, vars).map_err(|e| StoreError::rejected(&e))?;
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    sqlx::query("UPDATE projects SET documents = $1 WHERE id = $2 AND status = 'draft'")
        .bind(serde_json::to_string(d).map_err(|e| StoreError::Internal(e.to_string()))?)
        .bind(id.to_string())
        .execute(&mut *tx)
        .await?;
    let detail =
        serde_json::json!({"template": d.template_id, "evaluation": d.evaluation.method.key(), "deadline": d.deadline.to_string()});
    audit::append(
        &mut tx,
        now,
        &Actor::of(subject),
        Change {
            action: "project.documents_saved",
            object_type: "project",
            object_id: &id.to_string(),
            region_path: &view.region_path,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub fn draft_of(view: &ProjectView) -> Option<DocumentsDraft> {
    view.project.documents.as_deref().and_then(|d| serde_json::from_str(d).ok())
}

/// A time as the documents and notices state it (China time).
pub fn fmt_dt(dt: DateTime) -> String {
    dt.strftime("%Y年%m月%d日 %H:%M").to_string()
}

/// What publishing produced.
#[derive(Debug, Clone, Serialize)]
pub struct Published {
    pub announcement_id: AnnouncementId,
    pub pdf_sha256: String,
    pub issued_on: Date,
    pub documents_until: Date,
    pub deadline_at: i64,
}

/// 发布: fixes the documents and publishes the announcement, if every rule holds today.
/// (id, budget, max price, deposit, SME policy JSON) of a lot, as the documents state them.
type LotTerms = (String, i64, Option<i64>, Option<i64>, String);

/// Whether the lots or the documents draft differ, inside `tx`, from `view` (read before it).
async fn rendered_from_changed(tx: &mut crate::Tx, view: &ProjectView) -> Result<bool> {
    let documents: Option<String> =
        sqlx::query_scalar("SELECT documents FROM projects WHERE id = $1").bind(view.project.id.to_string()).fetch_one(&mut **tx).await?;
    if documents != view.project.documents {
        return Ok(true);
    }
    let rows: Vec<LotTerms> =
        sqlx::query_as("SELECT id, budget, max_price, deposit, sme FROM lots WHERE project_id = $1 AND status = 'active' ORDER BY lot_no")
            .bind(view.project.id.to_string())
            .fetch_all(&mut **tx)
            .await?;
    let then: Vec<_> = view.lots.iter().filter(|l| l.status == caigou_domain::tender::LotStatus::Active).collect();
    Ok(rows.len() != then.len()
        || rows.iter().zip(then).any(|((id, budget, max_price, deposit, sme), l)| {
            *id != l.id.to_string()
                || *budget != l.budget
                || *max_price != l.max_price
                || *deposit != l.deposit
                || serde_json::from_str::<caigou_domain::tender::SmePolicy>(sme).unwrap_or(caigou_domain::tender::SmePolicy::None) != l.sme
        }))
}

/// A draft ready to publish today: every rule holds, the opening key is set where custody is
/// required. The use case renders from it and hands the files to [`publish`].
#[derive(Debug, Clone)]
pub struct Ready {
    /// The project as it will be published (issued today).
    pub view: ProjectView,
    pub draft: DocumentsDraft,
    pub template: Vec<TemplateSection>,
    pub earliest: Earliest,
    pub kind: AnnouncementKind,
}

/// Checks that `id`'s draft may be published today, and gathers what rendering needs.
pub async fn ready(store: &Store, id: ProjectId) -> Result<Ready> {
    let mut view = projects::get(store, id).await?;
    if !view.project.status.editable() {
        return Err(StoreError::reject_with("documents.published", Msg::new("error.documents.published.project_already_published")));
    }
    let Some(draft) = draft_of(&view) else {
        return Err(StoreError::reject("documents.missing"));
    };
    let v = violations(store, &view, &draft).await?;
    if !v.is_empty() {
        return Err(rejected(v));
    }
    if view.project.custodian_threshold.is_some() && view.project.opening_key_id.is_none() {
        return Err(StoreError::reject("custody.no_key"));
    }
    let today = store.clock().today();
    view.project.issued_on = Some(today.to_string());
    let template = templates::get(store, &draft.template_id).await?.sections;
    let earliest = earliest_dates(store, &view, today).await?;
    let kind = AnnouncementKind::opening(view.method());
    Ok(Ready { view, draft, template, earliest, kind })
}

/// The rendered documents and their announcement, as the use case made them from [`Ready`].
pub struct Rendered {
    pub html: String,
    pub pdf: Vec<u8>,
    pub title: String,
    pub body: String,
}

/// 发布: keeps the rendered files and publishes the announcement, if the project is still the
/// draft they were rendered from.
pub async fn publish(store: &Store, subject: &Subject, ready: Ready, rendered: Rendered) -> Result<Published> {
    let Ready { view, draft: d, kind, .. } = ready;
    let id = view.project.id.to_string();
    let id = id.as_str();
    // The day the documents were rendered as issued on, even if midnight passed since.
    let today: Date = view.project.issued_on.as_deref().and_then(|d| d.parse().ok()).unwrap_or_else(|| store.clock().today());
    let now = store.clock().now_ms();
    let Rendered { html, pdf, title, body } = rendered;
    let name = format!("{}-采购文件", view.project.project_no);
    let html_file = files::put(store, &format!("{name}.html"), "text/html; charset=utf-8", html.into(), Some(subject.user)).await?;
    let pdf_file = files::put(store, &format!("{name}.pdf"), "application/pdf", pdf.into(), Some(subject.user)).await?;

    let deadline_at = china_ms(d.deadline)?;
    let close_at = china_ms(
        d.documents_until.tomorrow().map_err(|e| StoreError::Internal(e.to_string()))?.to_datetime(jiff::civil::Time::midnight()),
    )?;
    let region: RegionId = view.project.region_id;
    let codes = view.pinmu_codes();
    let actor = Actor::of(subject);
    let mut tx = store.begin().await?;
    let announcement_id = portal::publish(
        &mut tx,
        now,
        &actor,
        portal::NewAnnouncement {
            region,
            kind,
            title: &title,
            body: &body,
            project_id: Some(view.project.id),
            method: Some(view.project.method),
            pinmu: &codes,
            references: None,
        },
    )
    .await?;
    let n = sqlx::query(
        "UPDATE projects SET status = 'published', published_at = $1, issued_on = $2, documents_until = $3, documents_close_at = $4, deadline_at = $5,
             announcement_id = $6, doc_html_file_id = $7, doc_pdf_file_id = $8, doc_sha256 = $9 WHERE id = $10 AND status = 'draft'",
    )
    .bind(now)
    .bind(today.to_string())
    .bind(d.documents_until.to_string())
    .bind(close_at)
    .bind(deadline_at)
    .bind(announcement_id.to_string())
    .bind(html_file.id.to_string())
    .bind(pdf_file.id.to_string())
    .bind(&pdf_file.sha256)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(StoreError::reject_with("documents.published", Msg::new("error.documents.published.project_already_published")));
    }
    // The project row is now ours: the lots and the documents draft the files were rendered
    // from must still be what the database holds, or the published documents would state a
    // ceiling or deposit it no longer has (a lot edited while this rendered).
    if rendered_from_changed(&mut tx, &view).await? {
        return Err(StoreError::reject("documents.changed"));
    }
    scheduled::schedule(&mut tx, DOCUMENTS_CLOSE, id, close_at).await?;
    scheduled::schedule(&mut tx, DEADLINE, id, deadline_at).await?;
    let detail = serde_json::json!({"announcement": announcement_id, "pdf_sha256": pdf_file.sha256, "html_sha256": html_file.sha256, "deadline": d.deadline.to_string(), "documents_until": d.documents_until});
    audit::append(
        &mut tx,
        now,
        &actor,
        Change { action: "project.published", object_type: "project", object_id: id, region_path: &view.region_path, detail: &detail },
    )
    .await?;
    let link = format!("/projects/{id}");
    let text = Msg::new("notice.project.published")
        .arg("no", &view.project.project_no)
        .arg("name", &view.project.name)
        .arg_label("kind", &kind)
        .arg("deadline", fmt_dt(d.deadline));
    let mut users = Vec::new();
    for u in view.purchasers() {
        users.extend(projects::staff_of(&mut tx, u).await?);
    }
    projects::tell(&mut tx, now, &users, &Message { kind: "project.published", text, link: Some(&link) }).await?;
    tx.commit().await?;
    Ok(Published { announcement_id, pdf_sha256: pdf_file.sha256, issued_on: today, documents_until: d.documents_until, deadline_at })
}
