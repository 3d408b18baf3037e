//! While a project is out: suppliers obtain the documents of a lot (获取采购文件), ask questions,
//! and the agency answers with clarifications or modifications (澄清/修改) that extend the
//! deadline where the law requires, published as 更正公告 to everyone.

use caigou_domain::Msg;
use caigou_domain::authz::Subject;
use caigou_domain::authz::scope::ObtainedScope;
use caigou_domain::ids::{AnnouncementId, LotId, OrgId, ProjectId, RegionId};
use caigou_domain::tender::{AnnouncementKind, deadline_after_clarification};
use jiff::Timestamp;
use serde::Serialize;

use crate::audit::{self, Actor, Change};
use crate::clock::{china, display_ms};
use crate::notify::Message;
use crate::projects::DEADLINE;
use crate::projects::{self, ProjectView};
use crate::scheduled;
use crate::{Result, Store, StoreError, calendar, new_id, portal, regions, suppliers};

/// Whether the supplier obtained the documents of any lot of the project (or of `lot`).
pub async fn has_obtained(store: &Store, project: ProjectId, lot: Option<LotId>, supplier: OrgId) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM documents_obtained d JOIN lots l ON l.id = d.lot_id WHERE l.project_id = $1 AND ($2 = '' OR l.id = $2) AND d.supplier_org_id = $3",
    )
    .bind(project.to_string())
    .bind(lot.map(|l| l.to_string()).unwrap_or_default())
    .bind(supplier.to_string())
    .fetch_one(store.pool())
    .await?;
    Ok(n > 0)
}

/// The suppliers that obtained the documents of any lot of the project (or of `lot`).
pub async fn obtainers(store: &Store, project: ProjectId, lot: Option<LotId>) -> Result<Vec<OrgId>> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT d.supplier_org_id FROM documents_obtained d JOIN lots l ON l.id = d.lot_id WHERE l.project_id = $1 AND ($2 = '' OR l.id = $2)",
    )
    .bind(project.to_string())
    .bind(lot.map(|l| l.to_string()).unwrap_or_default())
    .fetch_all(store.pool())
    .await?;
    rows.iter().map(|r| r.parse().map_err(|_| StoreError::Internal(format!("bad organization id {r}")))).collect()
}

/// 获取采购文件: an approved supplier, inside the window, for an active lot. Logged with time,
/// user and address; obtaining twice is harmless (the first time counts).
pub async fn obtain(store: &Store, subject: &Subject, lot_id: LotId, address: &str) -> Result<i64> {
    let project_id: Option<String> =
        sqlx::query_scalar("SELECT project_id FROM lots WHERE id = $1").bind(lot_id.to_string()).fetch_optional(store.pool()).await?;
    let view = projects::get(store, crate::stored("project id", project_id.ok_or(StoreError::NotFound("lot"))?)?).await?;
    let lot = view.lots.iter().find(|l| l.id == lot_id).ok_or(StoreError::NotFound("lot"))?;
    let p = &view.project;
    if !suppliers::is_approved(store, subject.org).await? {
        return Err(StoreError::reject_with(
            "tender.supplier_not_approved",
            Msg::new("error.tender.supplier_not_approved.organization_s_admission"),
        ));
    }
    if !p.status.announced() {
        return Err(StoreError::NotFound("lot"));
    }
    if !lot.status.open_in(p.status) {
        return Err(StoreError::reject_with("tender.lot_terminated", Msg::new("error.tender.lot_terminated")));
    }
    let now = store.clock().now_ms();
    let close_at = p.documents_close_at.unwrap_or(0);
    if now >= close_at {
        return Err(StoreError::reject_with(
            "tender.window_closed",
            Msg::new("error.tender.window_closed").arg("closed_at", display_ms(close_at)).arg("server_time", display_ms(now)),
        ));
    }
    let mut tx = store.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO documents_obtained (lot_id, supplier_org_id, user_id, address, obtained_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (lot_id, supplier_org_id) DO NOTHING",
    )
    .bind(lot_id.to_string())
    .bind(subject.org.to_string())
    .bind(subject.user.to_string())
    .bind(address)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 1 {
        let detail = serde_json::json!({"lot": lot_id, "supplier": subject.org.to_string(), "address": address});
        audit::append(
            &mut tx,
            now,
            &Actor::of(subject),
            Change {
                action: "documents.obtained",
                object_type: "project",
                object_id: &p.id.to_string(),
                region_path: &view.region_path,
                detail: &detail,
            },
        )
        .await?;
    }
    tx.commit().await?;
    let at: i64 = sqlx::query_scalar("SELECT obtained_at FROM documents_obtained WHERE lot_id = $1 AND supplier_org_id = $2")
        .bind(lot_id.to_string())
        .bind(subject.org.to_string())
        .fetch_one(store.pool())
        .await?;
    Ok(at)
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Obtained {
    #[sqlx(try_from = "String")]
    pub lot_id: LotId,
    #[sqlx(try_from = "String")]
    pub supplier_org_id: OrgId,
    pub supplier_name: String,
    pub obtained_at: i64,
}

/// Who obtained the documents. 87号令 forbids disclosing who and how many obtained them before
/// the deadline, so callers show names only after it; the count is for the runner.
pub async fn obtained(store: &Store, project: ProjectId) -> Result<Vec<Obtained>> {
    Ok(sqlx::query_as::<_, Obtained>(
        "SELECT d.lot_id, d.supplier_org_id, o.name AS supplier_name, d.obtained_at FROM documents_obtained d JOIN lots l ON l.id = d.lot_id
         JOIN organizations o ON o.id = d.supplier_org_id WHERE l.project_id = $1 ORDER BY d.obtained_at",
    )
    .bind(project.to_string())
    .fetch_all(store.pool())
    .await?)
}

/// Lots whose documents were obtained in `scope` (a supplier's own: 我的项目): (project, lot,
/// obtained at), latest first.
pub async fn obtained_by(store: &Store, scope: &ObtainedScope) -> Result<Vec<(ProjectId, LotId, i64)>> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT l.project_id, d.lot_id, d.obtained_at FROM documents_obtained d JOIN lots l ON l.id = d.lot_id
         WHERE $1 <> '' AND d.supplier_org_id = $1 ORDER BY d.obtained_at DESC, d.lot_id",
    )
    .bind(crate::scope::org(scope.supplier()))
    .fetch_all(store.pool())
    .await?;
    rows.into_iter().map(|(p, l, at)| Ok((crate::stored("project id", p)?, crate::stored("lot id", l)?, at))).collect()
}

/// A supplier's question (询问/疑问) on the documents. Only suppliers who obtained them may ask,
/// and only before the deadline.
pub async fn ask(store: &Store, subject: &Subject, project: ProjectId, text: &str) -> Result<String> {
    let view = projects::get(store, project).await?;
    if !has_obtained(store, project, None, subject.org).await? {
        return Err(StoreError::reject_with("tender.not_obtained", Msg::new("error.tender.not_obtained.suppliers_who_obtained2")));
    }
    if text.trim().chars().count() < 4 {
        return Err(StoreError::reject_with("tender.invalid", Msg::new("error.tender.invalid")));
    }
    let now = store.clock().now_ms();
    if !view.project.status.tendering() || view.project.deadline_at.is_some_and(|d| now >= d) {
        return Err(StoreError::reject_with("tender.closed", Msg::new("error.tender.closed")));
    }
    let id = new_id().to_string();
    let mut tx = store.begin().await?;
    sqlx::query("INSERT INTO questions (id, project_id, supplier_org_id, asked_by, text, asked_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(&id)
        .bind(project.to_string())
        .bind(subject.org.to_string())
        .bind(subject.user.to_string())
        .bind(text.trim())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        now,
        &Actor::of(subject),
        Change {
            action: "question.asked",
            object_type: "project",
            object_id: &project.to_string(),
            region_path: &view.region_path,
            detail: &serde_json::json!({"question": id}),
        },
    )
    .await?;
    let link = format!("/projects/{project}");
    let staff = projects::staff_of(&mut tx, view.project.runner_org_id).await?;
    projects::tell(
        &mut tx,
        now,
        &staff,
        &Message {
            kind: "question.asked",
            text: Msg::new("notice.question.asked").arg("no", &view.project.project_no).arg("name", &view.project.name),
            link: Some(&link),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A question as everyone sees it: never who asked.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub asked_at: i64,
    pub clarification_id: Option<String>,
}

pub async fn questions(store: &Store, project: ProjectId) -> Result<Vec<Question>> {
    Ok(sqlx::query_as::<_, Question>("SELECT id, text, asked_at, clarification_id FROM questions WHERE project_id = $1 ORDER BY asked_at")
        .bind(project.to_string())
        .fetch_all(store.pool())
        .await?)
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Clarification {
    pub id: String,
    pub text: String,
    pub affects_bids: i64,
    pub published_at: i64,
    #[sqlx(try_from = "String")]
    pub announcement_id: AnnouncementId,
    pub old_deadline_at: i64,
    pub new_deadline_at: Option<i64>,
}

pub async fn clarifications(store: &Store, project: ProjectId) -> Result<Vec<Clarification>> {
    Ok(sqlx::query_as::<_, Clarification>(
        "SELECT id, text, affects_bids, published_at, announcement_id, old_deadline_at, new_deadline_at FROM clarifications WHERE project_id = $1 ORDER BY published_at",
    )
    .bind(project.to_string())
    .fetch_all(store.pool())
    .await?)
}

/// 澄清或者修改: published as a 更正公告 referencing the original announcement. If it may affect
/// bid preparation and comes too late (条例31), the deadline moves to the earliest lawful day
/// and the job is rescheduled. Everyone who obtained the documents is notified.
pub async fn clarify(
    store: &Store,
    subject: &Subject,
    project: ProjectId,
    text: &str,
    affects_bids: bool,
    answers: &[String],
) -> Result<Clarification> {
    let view: ProjectView = projects::get(store, project).await?;
    let p = &view.project;
    let now = store.clock().now_ms();
    let deadline_at = p.deadline_at.unwrap_or(0);
    if !p.status.tendering() || now >= deadline_at {
        return Err(StoreError::reject_with("tender.closed", Msg::new("error.tender.closed.published_projects_before")));
    }
    if text.trim().chars().count() < 4 {
        return Err(StoreError::reject_with("tender.invalid", Msg::new("error.tender.invalid.write_clarification")));
    }
    let today = store.clock().today();
    let cal = calendar::load(store).await?;
    let policy = regions::effective_policy(store, p.region_id, today).await?;
    let deadline = Timestamp::from_millisecond(deadline_at).map_err(|e| StoreError::Internal(e.to_string()))?.to_zoned(china()).datetime();
    let moved = deadline_after_clarification(view.method(), today, deadline, affects_bids, &cal, &policy.tender_periods)
        .map_err(|e| StoreError::rejected(&e))?;
    let new_deadline_at = match moved {
        Some(dt) => Some(crate::documents::china_ms(dt)?),
        None => None,
    };
    let mut body = format!(
        "项目名称：{}\n项目编号：{}\n原公告：/announcements/{}\n澄清或修改内容：\n{}\n",
        p.name,
        p.project_no,
        p.announcement_id.map(|a| a.to_string()).unwrap_or_default(),
        text.trim()
    );
    for q in questions(store, project).await?.iter().filter(|q| answers.contains(&q.id)) {
        body.push_str(&format!("供应商提问：{}\n", q.text));
    }
    match new_deadline_at {
        Some(ms) => body.push_str(&format!(
            "本次澄清或修改可能影响投标（响应）文件编制，且距原截止时间不足法定期限，截止时间及开启时间由 {} 顺延至 {}（政府采购法实施条例第31条）。\n",
            display_ms(deadline_at),
            display_ms(ms)
        )),
        None => body.push_str(&format!("截止时间及开启时间不变：{}。\n", display_ms(deadline_at))),
    }
    let id = new_id().to_string();
    let region: RegionId = p.region_id;
    let codes = view.pinmu_codes();
    let title = format!("{}更正公告（澄清或修改）", p.name);
    let actor = Actor::of(subject);
    let mut tx = store.begin().await?;
    let announcement_id = portal::publish(
        &mut tx,
        now,
        &actor,
        portal::NewAnnouncement {
            region,
            kind: AnnouncementKind::Correction,
            title: &title,
            body: &body,
            project_id: Some(project),
            method: Some(p.method),
            pinmu: &codes,
            references: p.announcement_id,
        },
    )
    .await?;
    sqlx::query(
        "INSERT INTO clarifications (id, project_id, text, affects_bids, published_at, announcement_id, old_deadline_at, new_deadline_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(project.to_string())
    .bind(text.trim())
    .bind(i64::from(affects_bids))
    .bind(now)
    .bind(announcement_id.to_string())
    .bind(deadline_at)
    .bind(new_deadline_at)
    .execute(&mut *tx)
    .await?;
    for q in answers {
        sqlx::query("UPDATE questions SET clarification_id = $1 WHERE id = $2 AND project_id = $3")
            .bind(&id)
            .bind(q)
            .bind(project.to_string())
            .execute(&mut *tx)
            .await?;
    }
    if let Some(ms) = new_deadline_at {
        sqlx::query("UPDATE projects SET deadline_at = $1 WHERE id = $2").bind(ms).bind(project.to_string()).execute(&mut *tx).await?;
        scheduled::schedule(&mut tx, DEADLINE, &project.to_string(), ms).await?;
    }
    let detail = serde_json::json!({"clarification": id, "announcement": announcement_id, "affects_bids": affects_bids, "old_deadline": deadline_at, "new_deadline": new_deadline_at});
    audit::append(
        &mut tx,
        now,
        &actor,
        Change {
            action: "project.clarified",
            object_type: "project",
            object_id: &project.to_string(),
            region_path: &view.region_path,
            detail: &detail,
        },
    )
    .await?;
    let link = format!("/announcements/{announcement_id}");
    let users = projects::obtainers(&mut tx, project, None).await?;
    projects::tell(
        &mut tx,
        now,
        &users,
        &Message {
            kind: "project.clarified",
            text: Msg::new("notice.project.clarified")
                .arg("no", &p.project_no)
                .arg("name", &p.name)
                .arg("deadline", new_deadline_at.map(display_ms).unwrap_or_else(|| "none".to_string())),
            link: Some(&link),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Clarification {
        id,
        text: text.trim().to_string(),
        affects_bids: i64::from(affects_bids),
        published_at: now,
        announcement_id,
        old_deadline_at: deadline_at,
        new_deadline_at,
    })
}
