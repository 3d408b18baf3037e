//! A project's lifecycle after publishing: the transitions the scheduler fires (documents
//! window closed, deadline passed → opening) and termination with its 终止公告.

use caigou_domain::Msg;
use caigou_domain::authz::Subject;
use caigou_domain::ids::{AnnouncementId, LotId, ProjectId, RegionId};
use caigou_domain::tender::{AnnouncementKind, LotStatus};

use super::{audit_project, get, obtainers, stakeholders, tell};
use crate::audit::Actor;
use crate::notify::Message;
use crate::scheduled::{self, Handlers, JobFuture, JobKind};
use crate::{Result, Store, StoreError, Tx, portal};
/// Job: the documents window has ended.
/// 获取采购文件期限届满: the documents window of a project closes.
pub const DOCUMENTS_CLOSE: JobKind = JobKind("project.documents_close");
/// 投标截止: the bid or response deadline of a project passes.
pub const DEADLINE: JobKind = JobKind("project.deadline");

/// Registers what the project's timed transitions do.
pub fn register(handlers: Handlers) -> Handlers {
    fn on_documents_close<'a>(_: &'a Store, tx: &'a mut Tx, now: i64, id: &'a str) -> JobFuture<'a> {
        Box::pin(async move { documents_closed(tx, now, crate::stored("project id", id)?).await })
    }
    fn on_deadline<'a>(store: &'a Store, tx: &'a mut Tx, now: i64, id: &'a str) -> JobFuture<'a> {
        Box::pin(async move { deadline_passed(store, tx, now, crate::stored("project id", id)?).await })
    }
    handlers.on(DOCUMENTS_CLOSE, on_documents_close).on(DEADLINE, on_deadline)
}

pub(crate) async fn documents_closed(tx: &mut Tx, now: i64, id: ProjectId) -> Result<()> {
    let n = sqlx::query("UPDATE projects SET documents_closed_at = $1 WHERE id = $2 AND status = 'published' AND documents_closed_at IS NULL AND documents_close_at <= $1")
        .bind(now)
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?
        .rows_affected();
    if n == 1 {
        audit_project(tx, now, &Actor::system("scheduler"), id, "project.documents_closed", serde_json::json!({})).await?;
    }
    Ok(())
}

/// Job: the bid deadline has passed; the project waits for opening.
pub(crate) async fn deadline_passed(store: &Store, tx: &mut Tx, now: i64, id: ProjectId) -> Result<()> {
    let n = sqlx::query("UPDATE projects SET status = 'bidding_closed' WHERE id = $1 AND status = 'published' AND deadline_at <= $2")
        .bind(id.to_string())
        .bind(now)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    if n == 1 {
        audit_project(tx, now, &Actor::system("scheduler"), id, "project.bidding_closed", serde_json::json!({})).await?;
        let (no, name): (String, String) =
            sqlx::query_as("SELECT project_no, name FROM projects WHERE id = $1").bind(id.to_string()).fetch_one(&mut **tx).await?;
        let link = format!("/projects/{id}");
        crate::opening::start(store, tx, now, id).await?;
        let mut users = stakeholders(tx, id).await?;
        users.extend(obtainers(tx, id, None).await?);
        tell(
            tx,
            now,
            &users,
            &Message {
                kind: "project.bidding_closed",
                text: Msg::new("notice.project.bidding_closed").arg("no", &no).arg("name", &name),
                link: Some(&link),
            },
        )
        .await?;
    }
    Ok(())
}

/// 终止: ends a lot (or the whole project, `lot = None`) with reasons, publishes the 终止公告
/// and tells everyone who obtained the documents. A draft is simply withdrawn.
pub async fn terminate(
    store: &Store,
    subject: &Subject,
    id: ProjectId,
    lot: Option<LotId>,
    reason: &str,
) -> Result<Option<AnnouncementId>> {
    if reason.trim().chars().count() < 4 {
        return Err(StoreError::reject_with("project.invalid", Msg::new("error.project.invalid.termination_reason")));
    }
    let view = get(store, id).await?;
    let p = &view.project;
    if !p.status.can_terminate() {
        return Err(StoreError::reject("project.bad_state"));
    }
    let target = match lot {
        Some(l) => Some(view.lots.iter().find(|x| x.id == l).ok_or(StoreError::NotFound("lot"))?),
        None => None,
    };
    if target.is_some_and(|l| !l.status.endable(l.termination_reason.is_some())) {
        return Err(StoreError::reject_with("project.bad_state", Msg::new("error.project.bad_state.lot_already_terminated")));
    }
    // 废标 (a failed lot) rather than 终止: the notice says the lot failed and why (法36).
    let failed = target.is_some_and(|l| l.status == LotStatus::Failed);
    let now = store.clock().now_ms();
    let actor = Actor::of(subject);
    let mut tx = store.begin().await?;
    match target {
        Some(l) => {
            // The state the lot was read in is in the write: a concurrent end changes no row.
            let changed = sqlx::query(
                "UPDATE lots SET status = CASE WHEN status = 'failed' THEN 'failed' ELSE 'terminated' END, terminated_at = $1, termination_reason = $2
                 WHERE id = $3 AND status = $4 AND termination_reason IS NULL",
            )
            .bind(now)
            .bind(reason.trim())
            .bind(l.id.to_string())
            .bind(l.status.as_str())
            .execute(&mut *tx)
            .await?;
            if changed.rows_affected() != 1 {
                return Err(StoreError::reject_with("project.bad_state", Msg::new("error.project.bad_state.lot_already_terminated")));
            }
        }
        None => {
            sqlx::query("UPDATE lots SET status = 'terminated', terminated_at = $1, termination_reason = $2 WHERE project_id = $3 AND status = 'active'")
                .bind(now)
                .bind(reason.trim())
                .bind(id.to_string())
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE lots SET terminated_at = $1, termination_reason = $2 WHERE project_id = $3 AND status = 'failed' AND termination_reason IS NULL",
            )
            .bind(now)
            .bind(reason.trim())
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
        }
    }
    let active: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM lots WHERE project_id = $1 AND status = 'active'")
        .bind(id.to_string())
        .fetch_one(&mut *tx)
        .await?;
    if active == 0 {
        sqlx::query("UPDATE projects SET status = 'terminated', terminated_at = $1, termination_reason = $2 WHERE id = $3")
            .bind(now)
            .bind(reason.trim())
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
        scheduled::cancel(&mut tx, DOCUMENTS_CLOSE, &id.to_string(), now).await?;
        scheduled::cancel(&mut tx, DEADLINE, &id.to_string(), now).await?;
    }
    let mut announcement = None;
    if p.status.announced() {
        let scope = match target {
            Some(l) => format!("第{}包（{}）", l.lot_no, l.name),
            None => "全部标项".to_string(),
        };
        let (kind_name, scope_name, reason_name) =
            if failed { ("废标公告", "废标范围", "废标原因") } else { ("终止公告", "终止范围", "终止原因") };
        let title = format!("{}{}{kind_name}", view.project.name, target.map(|l| format!("第{}包", l.lot_no)).unwrap_or_default());
        let valid = match target {
            Some(l) if failed => {
                sqlx::query_scalar::<_, i64>("SELECT valid_bids FROM openings WHERE lot_id = $1")
                    .bind(l.id.to_string())
                    .fetch_optional(&mut *tx)
                    .await?
            }
            _ => None,
        };
        let lawful = valid
            .map(|n| format!("投标截止时有效投标{n}家，不足{}家（政府采购法第36条）；", caigou_domain::tender::status::MIN_BIDS))
            .unwrap_or_default();
        let body = format!(
            "项目名称：{}\n项目编号：{}\n采购人：{}\n采购代理机构：{}\n{scope_name}：{scope}\n{reason_name}：{lawful}{}\n原公告：/announcements/{}\n",
            p.name,
            p.project_no,
            view.purchaser_names(),
            view.runner_name,
            reason.trim(),
            p.announcement_id.map(|a| a.to_string()).unwrap_or_default()
        );
        let region: RegionId = p.region_id;
        let codes = view.pinmu_codes();
        announcement = Some(
            portal::publish(
                &mut tx,
                now,
                &actor,
                portal::NewAnnouncement {
                    region,
                    kind: AnnouncementKind::Termination,
                    title: &title,
                    body: &body,
                    project_id: Some(id),
                    method: Some(p.method),
                    pinmu: &codes,
                    references: p.announcement_id,
                },
            )
            .await?,
        );
        let link = format!("/announcements/{}", announcement.map(|a| a.to_string()).unwrap_or_default());
        let mut users = obtainers(&mut tx, id, lot).await?;
        users.extend(stakeholders(&mut tx, id).await?);
        tell(
            &mut tx,
            now,
            &users,
            &Message {
                kind: "project.terminated",
                text: Msg::new("notice.project.terminated")
                    .arg("no", &p.project_no)
                    .arg("name", &p.name)
                    .arg("scope", if lot.is_some() { "lot" } else { "all" })
                    .arg("reason", reason.trim()),
                link: Some(&link),
            },
        )
        .await?;
    }
    audit_project(
        &mut tx,
        now,
        &actor,
        id,
        "project.terminated",
        serde_json::json!({"lot": lot, "reason": reason.trim(), "announcement": announcement}),
    )
    .await?;
    tx.commit().await?;
    Ok(announcement)
}

/// A failed lot (流标) whose 废标公告 its runner still owes.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FailureDue {
    #[sqlx(try_from = "String")]
    pub project: ProjectId,
    pub project_no: String,
    pub name: String,
    pub lot_no: i64,
    pub lot_name: String,
}

/// The runner's failed lots without their 废标公告 yet, oldest project first.
pub async fn failures_due(store: &Store, runner: caigou_domain::ids::OrgId) -> Result<Vec<FailureDue>> {
    Ok(sqlx::query_as::<_, FailureDue>(
        "SELECT p.id AS project, p.project_no, p.name, l.lot_no, l.name AS lot_name FROM lots l JOIN projects p ON p.id = l.project_id
         WHERE p.runner_org_id = $1 AND l.status = 'failed' AND l.termination_reason IS NULL ORDER BY p.created_at, l.lot_no",
    )
    .bind(runner.to_string())
    .fetch_all(store.pool())
    .await?)
}
