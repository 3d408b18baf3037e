//! The public portal's announcements: published once, never changed (a 更正公告 references the
//! one it corrects), listed with filters and searched by Chinese bigram terms.

use caigou_domain::ids::{AnnouncementId, ProjectId, RegionId};
use caigou_domain::planning::Method;
use caigou_domain::search::{index_terms, query_terms};
use caigou_domain::tender::{AnnouncementKind, ProjectStatus};
use serde::Serialize;

use crate::audit::{self, Actor, Change};
use crate::{Result, Store, Tx, new_id};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Announcement {
    #[sqlx(try_from = "String")]
    pub id: AnnouncementId,
    #[sqlx(try_from = "String")]
    pub region_id: RegionId,
    pub region_name: String,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub published_at: i64,
    #[sqlx(try_from = "crate::row::Nullable")]
    pub project_id: Option<ProjectId>,
    #[sqlx(try_from = "crate::row::Nullable")]
    pub method: Option<Method>,
    #[sqlx(try_from = "crate::row::Nullable")]
    pub references_id: Option<AnnouncementId>,
    /// The project's bid deadline (Unix ms) and state now, for the list (投标截止 · 进行中).
    pub project_deadline_at: Option<i64>,
    #[sqlx(try_from = "crate::row::Nullable")]
    pub project_status: Option<ProjectStatus>,
}

/// An announcement to publish.
pub struct NewAnnouncement<'a> {
    pub region: RegionId,
    pub kind: AnnouncementKind,
    pub title: &'a str,
    pub body: &'a str,
    pub project_id: Option<ProjectId>,
    pub method: Option<Method>,
    /// 品目 codes of the items concerned (their ancestors are indexed too).
    pub pinmu: &'a [String],
    /// The announcement this one corrects.
    pub references: Option<AnnouncementId>,
}

/// ` A02010105 A020101 A0201 A02 A `: each code and its ancestors, for prefix filters.
fn pinmu_key(codes: &[String]) -> String {
    let mut all: Vec<String> = Vec::new();
    for c in codes {
        let c = c.trim();
        // Levels: A, A02, A0201, A020101, A02010105.
        for len in [1usize, 3, 5, 7, 9] {
            if c.len() >= len && c.is_char_boundary(len) {
                all.push(c[..len].to_string());
            }
        }
    }
    all.sort();
    all.dedup();
    format!(" {} ", all.join(" "))
}

/// Publishes an announcement (immutable from then on). Audited.
pub async fn publish(tx: &mut Tx, now_ms: i64, actor: &Actor, a: NewAnnouncement<'_>) -> Result<AnnouncementId> {
    let announcement = AnnouncementId(new_id());
    let id = announcement.to_string();
    let path: String = sqlx::query_scalar("SELECT path FROM regions WHERE id = $1").bind(a.region.to_string()).fetch_one(&mut **tx).await?;
    sqlx::query(
        "INSERT INTO announcements (id, region_id, kind, title, body, published_at, project_id, method, pinmu, references_id, search_terms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&id)
    .bind(a.region.to_string())
    .bind(a.kind.key())
    .bind(a.title)
    .bind(a.body)
    .bind(now_ms)
    .bind(a.project_id.map(|p| p.to_string()))
    .bind(a.method.map(|m| m.key()))
    .bind(pinmu_key(a.pinmu))
    .bind(a.references.map(|r| r.to_string()))
    .bind(index_terms(&format!("{}\n{}", a.title, a.body)))
    .execute(&mut **tx)
    .await?;
    let detail = serde_json::json!({"kind": a.kind.key(), "title": a.title, "body_sha256": caigou_domain::audit::change_digest(a.body), "references": a.references});
    audit::append(
        tx,
        now_ms,
        actor,
        Change { action: "announcement.published", object_type: "announcement", object_id: &id, region_path: &path, detail: &detail },
    )
    .await?;
    Ok(announcement)
}

/// Computes search terms for announcements stored before terms existed.
pub async fn reindex_missing(store: &Store) -> Result<()> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT id, title, body FROM announcements WHERE search_terms = ' '").fetch_all(store.pool()).await?;
    for (id, title, body) in rows {
        sqlx::query("UPDATE announcements SET search_terms = $1 WHERE id = $2")
            .bind(index_terms(&format!("{title}\n{body}")))
            .bind(&id)
            .execute(store.pool())
            .await?;
    }
    Ok(())
}

/// What the portal list filters on. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Words in the title or text (Chinese split into bigrams; all must match).
    pub q: String,
    /// A region and its subtree.
    pub region_id: Option<RegionId>,
    pub kind: Option<AnnouncementKind>,
    pub method: Option<Method>,
    /// A 品目 code or an ancestor (`A02`, `A0201`…).
    pub pinmu: Option<String>,
    /// Published on or after (Unix ms).
    pub from_ms: Option<i64>,
    /// Published before (Unix ms).
    pub until_ms: Option<i64>,
    pub project_id: Option<ProjectId>,
    pub limit: i64,
}

const COLUMNS: &str =
    "a.id, a.region_id, r.name_zh AS region_name, a.kind, a.title, a.body, a.published_at, a.project_id, a.method, a.references_id,
    p.deadline_at AS project_deadline_at, p.status AS project_status";
/// Announcements with their region and, for a project's, the project as it stands now.
const FROM: &str = "announcements a JOIN regions r ON r.id = a.region_id LEFT JOIN projects p ON p.id = a.project_id";

/// Newest first; title matches before text-only matches when searching.
pub async fn list(store: &Store, f: &Filter) -> Result<Vec<Announcement>> {
    let mut sql = format!("SELECT {COLUMNS} FROM {FROM} WHERE 1 = 1");
    let mut binds: Vec<String> = Vec::new();
    let mut bind = |sql: &mut String, clause: &str, value: String| {
        binds.push(value);
        sql.push_str(&clause.replace("?", &format!("${}", binds.len())));
    };
    let terms = query_terms(&f.q);
    for t in &terms {
        bind(&mut sql, " AND a.search_terms LIKE ?", format!("% {t} %"));
    }
    if let Some(region) = &f.region_id {
        bind(&mut sql, " AND r.path LIKE ?", format!("%/{region}/%"));
    }
    if let Some(kind) = f.kind {
        bind(&mut sql, " AND a.kind = ?", kind.key().to_string());
    }
    if let Some(method) = &f.method {
        bind(&mut sql, " AND a.method = ?", method.key().to_string());
    }
    if let Some(code) = &f.pinmu {
        bind(&mut sql, " AND a.pinmu LIKE ?", format!("% {} %", code.trim()));
    }
    if let Some(project) = &f.project_id {
        bind(&mut sql, " AND a.project_id = ?", project.to_string());
    }
    let mut nums: Vec<i64> = Vec::new();
    if let Some(from) = f.from_ms {
        nums.push(from);
        sql.push_str(&format!(" AND a.published_at >= ${}", binds.len() + nums.len()));
    }
    if let Some(until) = f.until_ms {
        nums.push(until);
        sql.push_str(&format!(" AND a.published_at < ${}", binds.len() + nums.len()));
    }
    if terms.is_empty() {
        sql.push_str(" ORDER BY a.published_at DESC, a.id DESC");
    } else {
        binds.push(format!("%{}%", f.q.trim()));
        sql.push_str(&format!(
            " ORDER BY CASE WHEN a.title LIKE ${} THEN 0 ELSE 1 END, a.published_at DESC, a.id DESC",
            binds.len() + nums.len()
        ));
    }
    sql.push_str(&format!(" LIMIT {}", f.limit.clamp(1, 200)));
    // Bind in placeholder order: the text binds were numbered first, then the numbers, then the
    // ranking pattern (numbered after both).
    let rank = if terms.is_empty() { None } else { binds.pop() };
    let mut q = sqlx::query_as::<_, Announcement>(sqlx::AssertSqlSafe(sql));
    for b in binds {
        q = q.bind(b);
    }
    for n in nums {
        q = q.bind(n);
    }
    if let Some(r) = rank {
        q = q.bind(r);
    }
    Ok(q.fetch_all(store.pool()).await?)
}

pub async fn get(store: &Store, id: AnnouncementId) -> Result<Option<Announcement>> {
    Ok(sqlx::query_as::<_, Announcement>(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM {FROM} WHERE a.id = $1")))
        .bind(id.to_string())
        .fetch_optional(store.pool())
        .await?)
}

/// Corrections referencing an announcement, oldest first.
pub async fn corrections_of(store: &Store, id: AnnouncementId) -> Result<Vec<Announcement>> {
    Ok(sqlx::query_as::<_, Announcement>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE a.references_id = $1 ORDER BY a.published_at"
    )))
    .bind(id.to_string())
    .fetch_all(store.pool())
    .await?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn pinmu_key_holds_every_level() {
        assert_eq!(super::pinmu_key(&["A02010105".into(), "C1601".into()]), " A A02 A0201 A020101 A02010105 C C16 C1601 ");
    }
}
