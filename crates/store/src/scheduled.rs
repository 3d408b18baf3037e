//! The job runner for transitions due at a time: a project's documents window closes, its bid
//! deadline passes. Jobs live in the database; any number of servers run [`run_due`] and each job
//! takes effect once: a server claims due jobs (PostgreSQL skips rows another server holds), then
//! applies each job's effect in the same transaction that marks it done, and only if it was not
//! done already — a second runner finds it done and rolls back.

use serde::Serialize;
use sqlx::Row;

use crate::{DbKind, Result, Store, Tx, new_id};

/// How long a claim keeps other servers off a job.
const CLAIM_MS: i64 = 60_000;
/// Attempts before a failing job is left for an operator.
const MAX_ATTEMPTS: i64 = 10;

/// What a job does when due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum JobKind {
    /// The documents window of a project ends (获取采购文件期限届满).
    DocumentsClose,
    /// The bid/response deadline of a project passes (投标截止).
    Deadline,
    /// A lot's opening decryption window ends (解密时间届满).
    DecryptionEnd,
    /// The custodians' window after it ends.
    RemedyEnd,
}

impl JobKind {
    pub fn key(self) -> &'static str {
        match self {
            JobKind::DocumentsClose => "project.documents_close",
            JobKind::Deadline => "project.deadline",
            JobKind::DecryptionEnd => "lot.decryption_end",
            JobKind::RemedyEnd => "lot.remedy_end",
        }
    }

    fn parse(s: &str) -> Option<JobKind> {
        [JobKind::DocumentsClose, JobKind::Deadline, JobKind::DecryptionEnd, JobKind::RemedyEnd].into_iter().find(|k| k.key() == s)
    }
}

/// Schedules (or moves) the one job of `kind` for `object_id`.
pub async fn schedule(tx: &mut Tx, kind: JobKind, object_id: &str, run_at: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO scheduled_jobs (id, kind, object_id, run_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (kind, object_id) DO UPDATE SET run_at = excluded.run_at, done_at = NULL, claimed_until = 0, attempts = 0, last_error = NULL",
    )
    .bind(new_id().to_string())
    .bind(kind.key())
    .bind(object_id)
    .bind(run_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Cancels the pending job of `kind` for `object_id` (e.g. the project was terminated).
pub async fn cancel(tx: &mut Tx, kind: JobKind, object_id: &str, now_ms: i64) -> Result<()> {
    sqlx::query("UPDATE scheduled_jobs SET done_at = $1, last_error = 'cancelled' WHERE kind = $2 AND object_id = $3 AND done_at IS NULL")
        .bind(now_ms)
        .bind(kind.key())
        .bind(object_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

struct Claimed {
    id: String,
    kind: String,
    object_id: String,
    run_at: i64,
}

const CLAIM_PG: &str = "UPDATE scheduled_jobs SET claimed_until = $1, attempts = attempts + 1
    WHERE id IN (SELECT id FROM scheduled_jobs WHERE done_at IS NULL AND run_at <= $2 AND claimed_until < $2 AND attempts < $3
                 ORDER BY run_at LIMIT 50 FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, object_id, run_at";
const CLAIM_SQLITE: &str = "UPDATE scheduled_jobs SET claimed_until = $1, attempts = attempts + 1
    WHERE id IN (SELECT id FROM scheduled_jobs WHERE done_at IS NULL AND run_at <= $2 AND claimed_until < $2 AND attempts < $3
                 ORDER BY run_at LIMIT 50)
    RETURNING id, kind, object_id, run_at";

/// Runs every due job once. Returns how many took effect here.
pub async fn run_due(store: &Store) -> Result<usize> {
    let now = store.clock().now_ms();
    let sql = match store.kind() {
        DbKind::Postgres => CLAIM_PG,
        DbKind::Sqlite => CLAIM_SQLITE,
    };
    let mut tx = store.begin().await?;
    let rows = sqlx::query(sql).bind(now + CLAIM_MS).bind(now).bind(MAX_ATTEMPTS).fetch_all(&mut *tx).await?;
    tx.commit().await?;
    let claimed: Vec<Claimed> = rows
        .into_iter()
        .map(|r| {
            Ok(Claimed { id: r.try_get("id")?, kind: r.try_get("kind")?, object_id: r.try_get("object_id")?, run_at: r.try_get("run_at")? })
        })
        .collect::<Result<_>>()?;
    let mut done = 0;
    for job in claimed {
        match run_one(store, &job).await {
            Ok(true) => done += 1,
            Ok(false) => {}
            Err(e) => {
                tracing::error!(job = %job.id, kind = %job.kind, error = %e, "scheduled job failed");
                sqlx::query("UPDATE scheduled_jobs SET last_error = $1, claimed_until = 0 WHERE id = $2")
                    .bind(e.to_string())
                    .bind(&job.id)
                    .execute(store.pool())
                    .await?;
            }
        }
    }
    Ok(done)
}

async fn run_one(store: &Store, job: &Claimed) -> Result<bool> {
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    let marked = sqlx::query("UPDATE scheduled_jobs SET done_at = $1, claimed_until = 0 WHERE id = $2 AND done_at IS NULL AND run_at = $3")
        .bind(now)
        .bind(&job.id)
        .bind(job.run_at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if marked == 0 {
        // Done by another server, or rescheduled since it was claimed.
        tx.rollback().await?;
        return Ok(false);
    }
    match JobKind::parse(&job.kind) {
        Some(JobKind::DocumentsClose) => crate::projects::documents_closed(&mut tx, now, &job.object_id).await?,
        Some(JobKind::Deadline) => crate::projects::deadline_passed(store, &mut tx, now, &job.object_id).await?,
        Some(JobKind::DecryptionEnd) => crate::opening::decryption_ended(&mut tx, now, &job.object_id).await?,
        Some(JobKind::RemedyEnd) => crate::opening::remedy_ended(&mut tx, now, &job.object_id).await?,
        None => return Err(crate::StoreError::Internal(format!("unknown job kind {}", job.kind))),
    }
    tx.commit().await?;
    Ok(true)
}

/// Pending jobs (for the operators' view and tests): (kind, object, run_at).
pub async fn pending(store: &Store) -> Result<Vec<(String, String, i64)>> {
    Ok(sqlx::query_as("SELECT kind, object_id, run_at FROM scheduled_jobs WHERE done_at IS NULL ORDER BY run_at")
        .fetch_all(store.pool())
        .await?)
}
