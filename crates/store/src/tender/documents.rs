//! Procurement documents (采购文件): the draft an agency prepares (template, evaluation
//! criteria, qualification requirements, edited sections, dates), the earliest lawful dates, and
//! publishing — which renders the documents to HTML and PDF, keeps both immutable with the PDF's
//! SHA-256, publishes the announcement and schedules the window and deadline transitions.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use caigou_domain::Lang;
use caigou_domain::Msg;
use caigou_domain::authz::Subject;
use caigou_domain::ids::RegionId;
use caigou_domain::tender::document::{FilledSection, Part, fill};
use caigou_domain::tender::{
    AnnouncementKind, Earliest, Evaluation, EvaluationMethod, Refused, Schedule, check_evaluation, check_schedule, earliest,
};
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
    let policy = regions::effective_policy(store, &view.project.region_id, issued_on).await?;
    earliest(view.method(), issued_on, &cal, &policy.tender_periods).map_err(|e| StoreError::rejected(&e))
}

/// Every rule the draft breaks if published today.
async fn violations(store: &Store, view: &ProjectView, d: &DocumentsDraft) -> Result<Vec<caigou_domain::tender::Violation>> {
    let today = store.clock().today();
    let cal = calendar::load(store).await?;
    let policy = regions::effective_policy(store, &view.project.region_id, today).await?;
    let mut v = check_evaluation(view.method(), view.object_type(), &d.evaluation, &policy.price_weights);
    let schedule = Schedule { documents_until: d.documents_until, deadline: d.deadline };
    v.extend(check_schedule(view.method(), today, &schedule, &cal, &policy.tender_periods).map_err(|e| StoreError::rejected(&e))?);
    Ok(v)
}

/// Saves the draft after checking it against the rules as of today.
pub async fn save_draft(store: &Store, subject: &Subject, id: &str, d: &DocumentsDraft) -> Result<()> {
    let view = projects::get(store, id).await?;
    if view.project.status != "draft" {
        return Err(StoreError::reject("documents.published"));
    }
    let t = templates::get(store, &d.template_id).await?;
    if t.method != view.project.method || t.owner_org_id.as_deref().is_some_and(|o| o != view.project.runner_org_id) {
        return Err(StoreError::reject("documents.template_mismatch"));
    }
    let v = violations(store, &view, d).await?;
    if !v.is_empty() {
        return Err(rejected(v));
    }
    let e = earliest_dates(store, &view, store.clock().today()).await?;
    fill(&t.sections, &d.sections, &variables(&view, d, e.announcement_until)).map_err(|e| StoreError::rejected(&e))?;
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    sqlx::query("UPDATE projects SET documents = $1 WHERE id = $2 AND status = 'draft'")
        .bind(serde_json::to_string(d).map_err(|e| StoreError::Internal(e.to_string()))?)
        .bind(id)
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
            object_id: id,
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

fn fmt_dt(dt: DateTime) -> String {
    dt.strftime("%Y年%m月%d日 %H:%M").to_string()
}

fn fmt_date(d: Date) -> String {
    d.strftime("%Y年%m月%d日").to_string()
}

/// The template variables of a project (DOMAIN: documents are generated from project data).
fn variables(view: &ProjectView, d: &DocumentsDraft, announcement_until: Date) -> BTreeMap<&'static str, String> {
    let issued = view.project.issued_on.clone().unwrap_or_else(|| "发布之日".into());
    let sme: Vec<String> = view.lots.iter().map(|l| format!("第{}包：{}", l.lot_no, l.sme.describe(Lang::Zh))).collect();
    let deposits: Vec<String> = view
        .lots
        .iter()
        .map(|l| match l.deposit {
            Some(d) => format!("第{}包：{}", l.lot_no, caigou_domain::Money::from_fen(d)),
            None => format!("第{}包：不收取", l.lot_no),
        })
        .collect();
    let deposit = if view.lots.iter().any(|l| l.deposit.is_some()) {
        format!(
            "{}。以银行转账、支票、汇票、本票或者金融机构、担保机构出具的保函等非现金形式缴纳，须在投标截止时间前到账并经采购代理机构登记，未登记的投标将被拒绝（政府采购法实施条例第33条）",
            deposits.join("；")
        )
    } else {
        "不收取".into()
    };
    BTreeMap::from([
        ("project.name", view.project.name.clone()),
        ("project.no", view.project.project_no.clone()),
        ("project.method", view.method().label(Lang::Zh).to_string()),
        ("project.budget", view.budget().to_string()),
        ("purchasers", view.purchaser_names()),
        ("runner", view.runner_name.clone()),
        ("region", view.region_name.clone()),
        ("documents.from", issued.parse::<Date>().map(fmt_date).unwrap_or(issued)),
        ("documents.until", format!("{} 24:00", fmt_date(d.documents_until))),
        ("deadline", fmt_dt(d.deadline)),
        ("announcement.until", fmt_date(announcement_until)),
        ("qualification", if d.qualification.trim().is_empty() { "无".into() } else { d.qualification.trim().to_string() }),
        ("evaluation.method", d.evaluation.method.label(Lang::Zh).to_string()),
        ("sme", sme.join("；")),
        ("deposit", deposit),
    ])
}

fn lots_table(view: &ProjectView) -> (Vec<String>, Vec<Vec<String>>) {
    let header = ["包号", "标项名称", "品目", "内容", "数量", "预算金额", "最高限价"].map(String::from).to_vec();
    let mut rows = Vec::new();
    for l in &view.lots {
        for (k, i) in l.items.iter().enumerate() {
            let first = k == 0;
            rows.push(vec![
                if first { l.lot_no.to_string() } else { String::new() },
                if first { l.name.clone() } else { String::new() },
                i.pinmu_code.clone(),
                if i.specs.is_empty() { i.description.clone() } else { format!("{}（{}）", i.description, i.specs) },
                format!("{}{}", i.quantity, i.unit),
                if first { caigou_domain::Money::from_fen(l.budget).to_string() } else { String::new() },
                if first {
                    l.max_price.map(|m| caigou_domain::Money::from_fen(m).to_string()).unwrap_or_else(|| "—".into())
                } else {
                    String::new()
                },
            ]);
        }
    }
    (header, rows)
}

fn criteria_table(e: &Evaluation) -> (Vec<String>, Vec<Vec<String>>) {
    if e.method == EvaluationMethod::LowestPrice {
        let rows = vec![vec![
            "价格".into(),
            "—".into(),
            "满足采购文件全部实质性要求的供应商，按评审价格由低到高排序（政府采购法实施条例第34条）".into(),
        ]];
        return (vec!["评审因素".into(), "分值".into(), "评审标准".into()], rows);
    }
    let rows = e
        .criteria
        .iter()
        .map(|c| {
            let pts = c.points_x100;
            let points = if pts.is_multiple_of(100) { format!("{}", pts / 100) } else { format!("{}.{:02}", pts / 100, pts % 100) };
            let guidance = if c.kind == caigou_domain::tender::CriterionKind::Price && c.guidance.trim().is_empty() {
                "价格分采用低价优先法：评标基准价为满足实质性要求且价格最低的评审价格，价格分 = 评标基准价 / 评审价格 × 价格分值"
                    .to_string()
            } else {
                c.guidance.clone()
            };
            vec![format!("{}（{}）", c.name, c.kind.label(Lang::Zh)), points, guidance]
        })
        .collect();
    (vec!["评审因素".into(), "分值".into(), "评分标准".into()], rows)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn html_table(header: &[String], rows: &[Vec<String>]) -> String {
    let mut h = String::from("<table class=\"doc-table\"><thead><tr>");
    for c in header {
        h.push_str(&format!("<th>{}</th>", esc(c)));
    }
    h.push_str("</tr></thead><tbody>");
    for r in rows {
        h.push_str("<tr>");
        for c in r {
            h.push_str(&format!("<td>{}</td>", esc(c)));
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
    h
}

/// The documents as a self-contained HTML file.
fn render_html(view: &ProjectView, d: &DocumentsDraft, sections: &[FilledSection]) -> String {
    let (lh, lr) = lots_table(view);
    let (ch, cr) = criteria_table(&d.evaluation);
    let mut body = String::new();
    for s in sections {
        body.push_str(&format!("<section id=\"{}\"><h2>{}</h2>", esc(&s.key), esc(&s.title)));
        for p in &s.parts {
            match p {
                Part::Text(t) => t.lines().for_each(|l| body.push_str(&format!("<p>{}</p>", esc(l)))),
                Part::LotsTable => body.push_str(&html_table(&lh, &lr)),
                Part::CriteriaTable => body.push_str(&html_table(&ch, &cr)),
            }
        }
        body.push_str("</section>");
    }
    format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>\
         <style>body{{font-family:'Noto Serif CJK SC',serif;max-width:48rem;margin:1rem auto;padding:0 1rem;line-height:1.7}}h1{{text-align:center}}\
         .doc-table{{border-collapse:collapse;width:100%;display:block;overflow-x:auto}}.doc-table td,.doc-table th{{border:1px solid #888;padding:.3rem}}</style></head>\
         <body><h1>{title}</h1><p style=\"text-align:center\">项目编号：{no}</p>{body}</body></html>",
        title = esc(&format!("{}采购文件", view.project.name)),
        no = esc(&view.project.project_no),
    )
}

static FONT: OnceLock<std::result::Result<caigou_pdf::Font, String>> = OnceLock::new();

fn font() -> Result<&'static caigou_pdf::Font> {
    FONT.get_or_init(|| caigou_pdf::Font::load_system().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| StoreError::reject_with("documents.no_font", Msg::new("error.documents.no_font").arg("e", e)))
}

fn render_pdf(view: &ProjectView, d: &DocumentsDraft, sections: &[FilledSection], now_ms: i64) -> Result<Vec<u8>> {
    use caigou_pdf::Block;
    let (lh, lr) = lots_table(view);
    let (ch, cr) = criteria_table(&d.evaluation);
    let mut blocks = Vec::new();
    for s in sections {
        blocks.push(Block::Heading(s.title.clone()));
        for p in &s.parts {
            match p {
                Part::Text(t) => blocks.push(Block::Paragraph(t.clone())),
                Part::LotsTable => blocks.push(Block::Table { header: lh.clone(), rows: lr.clone() }),
                Part::CriteriaTable => blocks.push(Block::Table { header: ch.clone(), rows: cr.clone() }),
            }
        }
    }
    let doc = caigou_pdf::Doc {
        title: format!("{}采购文件", view.project.name),
        subtitle: Some(format!("项目编号：{}", view.project.project_no)),
        blocks,
        footer: Some(format!("{} · {}", view.project.project_no, view.runner_name)),
    };
    let z = jiff::Timestamp::from_millisecond(now_ms).map_err(|e| StoreError::Internal(e.to_string()))?.to_zoned(china());
    let meta = caigou_pdf::Meta {
        creation_date: caigou_pdf::DateTime {
            year: z.year() as u16,
            month: z.month() as u8,
            day: z.day() as u8,
            hour: z.hour() as u8,
            minute: z.minute() as u8,
            second: z.second() as u8,
            utc_offset_minutes: 480,
        },
        producer: format!("Caigou {}", env!("CARGO_PKG_VERSION")),
    };
    caigou_pdf::render(&doc, font()?, &meta).map_err(|e| StoreError::Internal(format!("PDF: {e}")))
}

/// What publishing produced.
#[derive(Debug, Clone, Serialize)]
pub struct Published {
    pub announcement_id: String,
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
        sqlx::query_scalar("SELECT documents FROM projects WHERE id = $1").bind(&view.project.id).fetch_one(&mut **tx).await?;
    if documents != view.project.documents {
        return Ok(true);
    }
    let rows: Vec<LotTerms> =
        sqlx::query_as("SELECT id, budget, max_price, deposit, sme FROM lots WHERE project_id = $1 AND status = 'active' ORDER BY lot_no")
            .bind(&view.project.id)
            .fetch_all(&mut **tx)
            .await?;
    let then: Vec<_> = view.lots.iter().filter(|l| l.status == "active").collect();
    Ok(rows.len() != then.len()
        || rows.iter().zip(then).any(|((id, budget, max_price, deposit, sme), l)| {
            *id != l.id
                || *budget != l.budget
                || *max_price != l.max_price
                || *deposit != l.deposit
                || serde_json::from_str::<caigou_domain::tender::SmePolicy>(sme).unwrap_or(caigou_domain::tender::SmePolicy::None) != l.sme
        }))
}

pub async fn publish(store: &Store, subject: &Subject, id: &str) -> Result<Published> {
    let mut view = projects::get(store, id).await?;
    if view.project.status != "draft" {
        return Err(StoreError::reject_with("documents.published", Msg::new("error.documents.published.project_already_published")));
    }
    let Some(d) = draft_of(&view) else {
        return Err(StoreError::reject("documents.missing"));
    };
    let v = violations(store, &view, &d).await?;
    if !v.is_empty() {
        return Err(rejected(v));
    }
    if view.project.custodian_threshold.is_some() && view.project.opening_key_id.is_none() {
        return Err(StoreError::reject("custody.no_key"));
    }
    let today = store.clock().today();
    view.project.issued_on = Some(today.to_string());
    let t = templates::get(store, &d.template_id).await?;
    let e = earliest_dates(store, &view, today).await?;
    let sections = fill(&t.sections, &d.sections, &variables(&view, &d, e.announcement_until)).map_err(|e| StoreError::rejected(&e))?;
    let now = store.clock().now_ms();
    let html = render_html(&view, &d, &sections);
    let pdf = {
        let (view, d, sections) = (view.clone(), d.clone(), sections.clone());
        tokio::task::spawn_blocking(move || render_pdf(&view, &d, &sections, now))
            .await
            .map_err(|e| StoreError::Internal(e.to_string()))??
    };
    let who = subject.user.to_string();
    let name = format!("{}-采购文件", view.project.project_no);
    let html_file = files::put(store, &format!("{name}.html"), "text/html; charset=utf-8", html.into(), Some(&who)).await?;
    let pdf_file = files::put(store, &format!("{name}.pdf"), "application/pdf", pdf.into(), Some(&who)).await?;

    let deadline_at = china_ms(d.deadline)?;
    let close_at = china_ms(
        d.documents_until.tomorrow().map_err(|e| StoreError::Internal(e.to_string()))?.to_datetime(jiff::civil::Time::midnight()),
    )?;
    let kind = AnnouncementKind::opening(view.method());
    let notice = sections
        .iter()
        .find(|s| s.key == "notice")
        .map(|s| s.parts.iter().filter_map(|p| if let Part::Text(t) = p { Some(t.as_str()) } else { None }).collect::<Vec<_>>().join("\n"));
    let lots: Vec<String> =
        view.lots.iter().map(|l| format!("第{}包 {}：预算 {}", l.lot_no, l.name, caigou_domain::Money::from_fen(l.budget))).collect();
    let body = format!(
        "{}\n{}\n采购文件 SHA-256：{}\n采购文件：/projects/{id}/documents.pdf（已入驻供应商在线获取后下载）",
        notice.unwrap_or_default(),
        lots.join("\n"),
        pdf_file.sha256
    );
    let title = format!("{}{}", view.project.name, kind.label(Lang::Zh));
    let region: RegionId = view.project.region_id.parse().map_err(|_| StoreError::Internal("bad region".into()))?;
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
            project_id: Some(id),
            method: Some(&view.project.method),
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
    .bind(&announcement_id)
    .bind(&html_file.id)
    .bind(&pdf_file.id)
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
        .arg("kind_zh", kind.label(Lang::Zh))
        .arg("kind_en", kind.label(Lang::En))
        .arg("deadline", fmt_dt(d.deadline));
    let units: Vec<String> = view.purchasers().iter().map(|o| o.to_string()).collect();
    let mut users = Vec::new();
    for u in &units {
        users.extend(projects::staff_of(&mut tx, u).await?);
    }
    projects::tell(&mut tx, now, &users, &Message { kind: "project.published", text, link: Some(&link) }).await?;
    tx.commit().await?;
    Ok(Published { announcement_id, pdf_sha256: pdf_file.sha256, issued_on: today, documents_until: d.documents_until, deadline_at })
}
