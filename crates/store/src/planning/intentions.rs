//! 采购意向公开: intentions published to the portal, and the date procurement may start from.

use caigou_domain::Money;
use caigou_domain::authz::Subject;
use caigou_domain::authz::scope::UnitScope;
use caigou_domain::ids::{AnnouncementId, IntentionId, OrgId, RegionId, UserId};
use jiff::civil::Date;
use serde::Serialize;

use crate::audit::{self, Actor, Change};
use crate::plans::unit;
use crate::{Result, Store, StoreError, new_id, portal, regions};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Intention {
    #[sqlx(try_from = "String")]
    pub id: IntentionId,
    #[sqlx(try_from = "String")]
    pub org_id: OrgId,
    pub project_name: String,
    pub summary: String,
    pub budget: i64,
    pub expected_month: String,
    pub published_on: String,
    pub published_at: i64,
    #[sqlx(try_from = "String")]
    pub announcement_id: AnnouncementId,
    #[sqlx(try_from = "String")]
    pub created_by: UserId,
}

/// 采购意向公开: publishes to the portal and records the date procurement may start from.
pub async fn publish_intention(
    store: &Store,
    subject: &Subject,
    project_name: &str,
    summary: &str,
    budget: Money,
    expected_month: &str,
) -> Result<Intention> {
    publish_intention_on(store, subject, project_name, summary, budget, expected_month, store.clock().today()).await
}

/// [`publish_intention`] recorded as published on `today` (the demo seeds history with it).
pub async fn publish_intention_on(
    store: &Store,
    subject: &Subject,
    project_name: &str,
    summary: &str,
    budget: Money,
    expected_month: &str,
    today: Date,
) -> Result<Intention> {
    let u = unit(store, subject.org).await?;
    let valid_month = expected_month.len() == 7 && format!("{expected_month}-01").parse::<Date>().is_ok();
    if project_name.trim().is_empty() || summary.trim().is_empty() || !valid_month || budget.fen() <= 0 {
        return Err(StoreError::reject("intention.invalid"));
    }
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    let actor = Actor::of(subject);
    let body = format!(
        "采购单位：{}\n采购需求概况：{summary}\n预算金额：{budget}\n预计采购时间：{expected_month}\n（依据财库〔2020〕10号，采购意向公开时间应尽量提前，原则上不得晚于采购活动开始前30日。）",
        u.name
    );
    let region: RegionId = crate::stored("region id", &u.region_id)?;
    let title = format!("{}{project_name}采购意向", u.name);
    let announcement = portal::publish(
        &mut tx,
        now,
        &actor,
        portal::NewAnnouncement {
            region,
            kind: caigou_domain::tender::AnnouncementKind::Intention,
            title: &title,
            body: &body,
            project_id: None,
            method: None,
            pinmu: &[],
            references: None,
        },
    )
    .await?;
    let i = Intention {
        id: IntentionId(new_id()),
        org_id: subject.org,
        project_name: project_name.trim().to_string(),
        summary: summary.trim().to_string(),
        budget: budget.fen(),
        expected_month: expected_month.to_string(),
        published_on: today.to_string(),
        published_at: now,
        announcement_id: announcement,
        created_by: subject.user,
    };
    sqlx::query("INSERT INTO intentions (id, org_id, project_name, summary, budget, expected_month, published_on, published_at, announcement_id, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
        .bind(i.id.to_string())
        .bind(i.org_id.to_string())
        .bind(&i.project_name)
        .bind(&i.summary)
        .bind(i.budget)
        .bind(&i.expected_month)
        .bind(&i.published_on)
        .bind(i.published_at)
        .bind(i.announcement_id.to_string())
        .bind(i.created_by.to_string())
        .execute(&mut *tx)
        .await?;
    let detail = serde_json::json!({"project_name": i.project_name, "budget": budget, "expected_month": expected_month, "announcement": i.announcement_id});
    audit::append(
        &mut tx,
        now,
        &actor,
        Change {
            action: "intention.published",
            object_type: "intention",
            object_id: &i.id.to_string(),
            region_path: &u.region_path,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(i)
}

/// The unit's 采购意向 lead time today (region policy; 10号: 30 days).
pub async fn intention_lead_days(store: &Store, org: OrgId) -> Result<u32> {
    let region: Option<String> =
        sqlx::query_scalar("SELECT region_id FROM organizations WHERE id = $1").bind(org.to_string()).fetch_optional(store.pool()).await?;
    let region = region.ok_or(StoreError::NotFound("organization"))?;
    Ok(regions::effective_policy(store, crate::stored("region id", &region)?, store.clock().today()).await?.intention_lead_days)
}

/// The date procurement may start after an intention, with the unit's lead time.
pub fn earliest_start(i: &Intention, lead_days: u32) -> String {
    i.published_on
        .parse::<Date>()
        .map(|d| caigou_domain::planning::filing::earliest_start_after_intention(d, lead_days).to_string())
        .unwrap_or_default()
}

/// The intentions of the units in `scope`, newest first.
pub async fn list(store: &Store, scope: &UnitScope) -> Result<Vec<Intention>> {
    Ok(sqlx::query_as::<_, Intention>(
        "SELECT id, org_id, project_name, summary, budget, expected_month, published_on, published_at, announcement_id, created_by FROM intentions
         WHERE org_id IN (SELECT o.id FROM organizations o JOIN regions r ON r.id = o.region_id
                          WHERE $1 = 1 OR ($2 <> '' AND r.path LIKE $2) OR o.id = $3)
         ORDER BY published_at DESC",
    )
    .bind(crate::scope::flag(scope.all()))
    .bind(crate::scope::subtree(scope.supervised()))
    .bind(crate::scope::org(scope.own()))
    .fetch_all(store.pool())
    .await?)
}

/// One unit's intentions, newest first: those a plan of the unit may follow.
pub async fn list_for_org(store: &Store, org: OrgId) -> Result<Vec<Intention>> {
    let org = org.to_string();
    let org = org.as_str();
    Ok(sqlx::query_as::<_, Intention>(
        "SELECT id, org_id, project_name, summary, budget, expected_month, published_on, published_at, announcement_id, created_by FROM intentions WHERE org_id = $1 ORDER BY published_at DESC",
    )
    .bind(org)
    .fetch_all(store.pool())
    .await?)
}

pub async fn get(store: &Store, id: IntentionId) -> Result<Intention> {
    sqlx::query_as::<_, Intention>("SELECT id, org_id, project_name, summary, budget, expected_month, published_on, published_at, announcement_id, created_by FROM intentions WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(store.pool())
        .await?
        .ok_or(StoreError::NotFound("intention"))
}
