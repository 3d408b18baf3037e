//! The job runner for transitions due at a time (a project's documents window closes, its bid
//! deadline passes, a lot's decryption window ends); the features register what each kind does. Jobs live in the database; any number of servers run [`run_due`] and each job
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

/// A kind of job, named by the feature that schedules it (`project.deadline`). The scheduler
/// knows no feature: each feature declares its kinds and registers what they do
/// ([`Handlers`]), so features depend on the scheduler and never the other way round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct JobKind(pub &'static str);

impl JobKind {
    pub fn key(self) -> &'static str {
        self.0
    }
}

/// The future a handler returns; it borrows the job's transaction.
pub type JobFuture<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<()>> + Send + 'a>>;

/// What a due job of one kind does, inside the transaction that marks the job done:
/// `(store, transaction, now in ms, the job's object id)`.
pub type Handler = for<'a> fn(&'a Store, &'a mut Tx, i64, &'a str) -> JobFuture<'a>;

/// The handler of every job kind, as the features registered them (`crate::job_handlers`).
#[derive(Default, Clone)]
pub struct Handlers {
    by_kind: Vec<(JobKind, Handler)>,
}

impl Handlers {
    /// Registers what jobs of `kind` do; a kind registered twice is a programming error.
    pub fn on(mut self, kind: JobKind, handler: Handler) -> Handlers {
        assert!(self.get(kind.0).is_none(), "job kind {} registered twice", kind.0);
        self.by_kind.push((kind, handler));
        self
    }

    fn get(&self, key: &str) -> Option<Handler> {
        self.by_kind.iter().find(|(k, _)| k.0 == key).map(|(_, h)| *h)
    }

    /// The kinds registered, for operators and tests.
    pub fn kinds(&self) -> Vec<&'static str> {
        self.by_kind.iter().map(|(k, _)| k.0).collect()
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

/// Runs every due job once with the registered handlers. Returns how many took effect here.
pub async fn run_due(store: &Store, handlers: &Handlers) -> Result<usize> {
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
        match run_one(store, handlers, &job).await {
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

async fn run_one(store: &Store, handlers: &Handlers, job: &Claimed) -> Result<bool> {
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
    match handlers.get(&job.kind) {
        Some(handler) => handler(store, &mut tx, now, &job.object_id).await?,
        None => return Err(crate::StoreError::Internal(format!("no handler registered for job kind {}", job.kind))),
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

#[cfg(test)]
mod tests {
    #[test]
    fn every_kind_a_feature_schedules_has_one_handler() {
        let kinds = crate::job_handlers().kinds();
        for kind in
            [crate::projects::DOCUMENTS_CLOSE, crate::projects::DEADLINE, crate::opening::DECRYPTION_END, crate::opening::REMEDY_END]
        {
            assert_eq!(kinds.iter().filter(|k| **k == kind.key()).count(), 1, "{}", kind.key());
        }
    }

    #[test]
    #[should_panic(expected = "registered twice")]
    fn a_kind_cannot_be_registered_twice() {
        crate::projects::register(crate::job_handlers());
    }
}
