//! Reminders for what is due, sent point to point once each (the key is recorded in the same
//! transaction), however many servers run the job:
//! - a 单一来源 公示 ends today → the supervisors who will decide;
//! - a 公示 has ended and the plan still waits → the supervisors (it may now be approved);
//! - an approved 申购 at or above the 采购限额 has no plan yet → its applicant, to publish the
//!   采购意向 at least 30 days before procurement (10号);
//! - the published working-day calendar runs out within 60 days → every admin, to load the
//!   next year before periods reach it (the platform refuses to compute into a year without data).

use caigou_domain::Money;
use caigou_domain::Msg;
use caigou_domain::ids::UserId;
use sqlx::Row;

use crate::notify::{self, Message};
use crate::{Result, Store, Tx, regions};

/// Records `key`; false if it was sent before (by this or another server).
async fn first_time(tx: &mut Tx, key: &str, now: i64) -> Result<bool> {
    let done = sqlx::query("INSERT INTO reminders_sent (key, at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
        .bind(key)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Sends every reminder that is due and not sent yet; returns how many went out.
pub async fn run_due(store: &Store) -> Result<usize> {
    let today = store.clock().today();
    let now = store.clock().now_ms();
    let mut sent = 0;

    let waiting = sqlx::query(
        "SELECT a.plan_id, a.region_path, a.publicity_ends_on, p.plan_no, p.name FROM plan_approvals a JOIN plans p ON p.id = a.plan_id
         WHERE a.status = 'waiting' AND a.publicity_ends_on IS NOT NULL",
    )
    .fetch_all(store.pool())
    .await?;
    for row in waiting {
        let plan_id: String = row.try_get("plan_id")?;
        let path: String = row.try_get("region_path")?;
        let ends: String = row.try_get("publicity_ends_on")?;
        let plan_no: String = row.try_get("plan_no")?;
        let name: String = row.try_get("name")?;
        let Ok(ends_on) = ends.parse::<jiff::civil::Date>() else { continue };
        let (key, text) = if ends_on == today {
            (format!("publicity-ends:{plan_id}"), "notice.reminder.publicity_ends")
        } else if ends_on < today {
            (format!("publicity-ended:{plan_id}"), "notice.reminder.publicity_ended")
        } else {
            continue;
        };
        let text = Msg::new(text).arg("plan_no", &plan_no).arg("name", &name).arg("ends", &ends);
        let link = format!("/plans/{plan_id}");
        let mut tx = store.begin().await?;
        if first_time(&mut tx, &key, now).await? {
            for s in crate::plans::supervisors_of(store, &path).await? {
                notify::notify(&mut tx, now, s, &Message { kind: "reminder.publicity", text: text.clone(), link: Some(&link) }).await?;
                sent += 1;
            }
        }
        tx.commit().await?;
    }

    let unplanned = sqlx::query(
        "SELECT r.id, r.request_no, r.title, r.amount, r.applicant, r.pinmu_code, o.region_id FROM purchase_requests r JOIN organizations o ON o.id = r.org_id
         WHERE r.state = 'approved' AND r.id NOT IN (SELECT request_id FROM plan_requests)",
    )
    .fetch_all(store.pool())
    .await?;
    for row in unplanned {
        let id: String = row.try_get("id")?;
        let amount = Money::from_fen(row.try_get("amount")?);
        let region: String = row.try_get("region_id")?;
        let code: String = row.try_get("pinmu_code")?;
        let Ok(code) = code.parse::<caigou_domain::catalog::PinmuCode>() else { continue };
        let Ok(policy) = regions::effective_policy(store, crate::stored("region id", &region)?, today).await else { continue };
        if amount < policy.decentralized_limit.get(code.object_type()) && !policy.is_centralized(&code) {
            continue;
        }
        let no: String = row.try_get("request_no")?;
        let title: String = row.try_get("title")?;
        let applicant: String = row.try_get("applicant")?;
        let Ok(applicant) = applicant.parse::<UserId>() else { continue };
        let mut tx = store.begin().await?;
        if first_time(&mut tx, &format!("intention-due:{id}"), now).await? {
            notify::notify(
                &mut tx,
                now,
                applicant,
                &Message {
                    kind: "reminder.intention",
                    text: Msg::new("notice.reminder.intention").arg("no", &no).arg("title", &title).arg("amount", amount),
                    link: Some("/intentions"),
                },
            )
            .await?;
            sent += 1;
        }
        tx.commit().await?;
    }
    sent += calendar_running_out(store, today, now).await?;
    Ok(sent)
}

/// Warns the admins once per missing year when the calendar runs out within
/// [`CALENDAR_WARN_DAYS`](caigou_domain::calendar::CALENDAR_WARN_DAYS).
async fn calendar_running_out(store: &Store, today: jiff::civil::Date, now: i64) -> Result<usize> {
    let cal = crate::calendar::load(store).await?;
    let Some(out) = cal.runs_out_within(today, caigou_domain::calendar::CALENDAR_WARN_DAYS) else { return Ok(0) };
    let year = out.missing_year;
    let text = match out.last_day {
        Some(last) => Msg::new("notice.reminder.calendar_ends").arg("last", last).arg("year", year),
        None => Msg::new("notice.reminder.calendar_missing").arg("year", year),
    };
    let mut sent = 0;
    let mut tx = store.begin().await?;
    if first_time(&mut tx, &format!("calendar-runs-out:{year}"), now).await? {
        for admin in crate::users::users_with_role(store, caigou_domain::authz::Role::Admin).await? {
            let message = Message { kind: "reminder.calendar", text: text.clone(), link: Some("/calendar") };
            notify::notify(&mut tx, now, admin, &message).await?;
            sent += 1;
        }
    }
    tx.commit().await?;
    Ok(sent)
}
