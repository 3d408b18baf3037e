//! Budget lines (预算指标): amount, what plans froze, what contracts consumed and what was paid.
//! Amounts only move through conditional updates, so concurrent plans can never overdraw a line.

use caigou_domain::Money;
use caigou_domain::Msg;
use caigou_domain::ids::{BudgetLineId, OrgId};
use serde::Serialize;

use crate::audit::{self, Actor, Change};
use crate::{Result, Store, StoreError, Tx, new_id};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct BudgetLine {
    #[sqlx(try_from = "String")]
    pub id: BudgetLineId,
    #[sqlx(try_from = "String")]
    pub org_id: OrgId,
    pub fiscal_year: i64,
    pub code: String,
    pub name: String,
    pub funding_source: String,
    pub amount: i64,
    pub frozen: i64,
    pub consumed: i64,
    pub paid: i64,
}

impl BudgetLine {
    /// 可用额度: amount less what plans froze and contracts consumed.
    pub fn available(&self) -> Money {
        Money::from_fen(self.amount - self.frozen - self.consumed)
    }
}

/// A line to add, already parsed.
#[derive(Debug, Clone)]
pub struct NewBudgetLine {
    pub fiscal_year: i64,
    pub code: String,
    pub name: String,
    pub funding_source: String,
    pub amount: Money,
}

const COLUMNS: &str = "id, org_id, fiscal_year, code, name, funding_source, amount, frozen, consumed, paid";

async fn region_path_of_org(tx: &mut Tx, org: OrgId) -> Result<String> {
    sqlx::query_scalar("SELECT r.path FROM organizations o JOIN regions r ON r.id = o.region_id WHERE o.id = $1")
        .bind(org.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound("organization"))
}

/// Adds lines to a unit in one transaction (all or nothing). A code already used in that year is
/// refused.
pub async fn add_lines(store: &Store, actor: &Actor, org: OrgId, lines: &[NewBudgetLine]) -> Result<Vec<String>> {
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    let path = region_path_of_org(&mut tx, org).await?;
    let mut ids = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM budget_lines WHERE org_id = $1 AND fiscal_year = $2 AND code = $3")
            .bind(org.to_string())
            .bind(l.fiscal_year)
            .bind(&l.code)
            .fetch_one(&mut *tx)
            .await?;
        if exists > 0 {
            return Err(StoreError::reject_with(
                "budget.duplicate_code",
                Msg::new("error.budget.duplicate_code").arg("i", i + 1).arg("fiscal_year", l.fiscal_year).arg("code", &l.code),
            ));
        }
        let id = new_id().to_string();
        sqlx::query("INSERT INTO budget_lines (id, org_id, fiscal_year, code, name, funding_source, amount, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(&id)
            .bind(org.to_string())
            .bind(l.fiscal_year)
            .bind(&l.code)
            .bind(&l.name)
            .bind(&l.funding_source)
            .bind(l.amount.fen())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let detail = serde_json::json!({"fiscal_year": l.fiscal_year, "code": l.code, "name": l.name, "funding_source": l.funding_source, "amount": l.amount});
        audit::append(
            &mut tx,
            now,
            actor,
            Change { action: "budget.line_added", object_type: "budget_line", object_id: &id, region_path: &path, detail: &detail },
        )
        .await?;
        ids.push(id);
    }
    tx.commit().await?;
    Ok(ids)
}

/// Rows written per staging transaction: each holds the write lock for a few milliseconds.
pub const STAGING_BATCH: usize = 500;

/// Imports many lines (a CSV file) all or nothing, without holding the write lock for the whole
/// file: the rows are staged in batches of [`STAGING_BATCH`], each its own short transaction,
/// invisible to everyone; then one transaction checks the codes and moves them into
/// `budget_lines` with a single `INSERT … SELECT` and one audit entry for the import (its row
/// count, total and the SHA-256 of its rows). A failure leaves nothing but staging rows, which
/// are removed. At most as many lines as [`add_lines`] takes go through it directly.
pub async fn import_lines(store: &Store, actor: &Actor, org: OrgId, lines: &[NewBudgetLine]) -> Result<Vec<String>> {
    if lines.len() <= STAGING_BATCH {
        return add_lines(store, actor, org, lines).await;
    }
    let import = new_id().to_string();
    let result = stage_and_commit(store, actor, org, &import, lines).await;
    if result.is_err() {
        let cleanup = sqlx::query("DELETE FROM budget_line_staging WHERE import_id = $1").bind(&import).execute(store.pool()).await;
        if let Err(e) = cleanup {
            tracing::warn!(error = %e, %import, "staged budget rows left behind; purged later");
        }
    }
    result
}

async fn stage_and_commit(store: &Store, actor: &Actor, org: OrgId, import: &str, lines: &[NewBudgetLine]) -> Result<Vec<String>> {
    use sha2::{Digest, Sha256};
    let now = store.clock().now_ms();
    let mut ids = Vec::with_capacity(lines.len());
    let mut digest = Sha256::new();
    for (b, batch) in lines.chunks(STAGING_BATCH).enumerate() {
        let mut tx = store.begin().await?;
        for (i, l) in batch.iter().enumerate() {
            let seq = (b * STAGING_BATCH + i + 1) as i64;
            let id = new_id().to_string();
            digest.update(format!("{}\t{}\t{}\t{}\t{}\n", l.fiscal_year, l.code, l.name, l.funding_source, l.amount.fen()).as_bytes());
            sqlx::query(
                "INSERT INTO budget_line_staging (import_id, seq, id, fiscal_year, code, name, funding_source, amount, staged_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(import)
            .bind(seq)
            .bind(&id)
            .bind(l.fiscal_year)
            .bind(&l.code)
            .bind(&l.name)
            .bind(&l.funding_source)
            .bind(l.amount.fen())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            ids.push(id);
        }
        tx.commit().await?;
    }
    let mut tx = store.begin().await?;
    let path = region_path_of_org(&mut tx, org).await?;
    let twice: Option<(i64, String)> = sqlx::query_as(
        "SELECT fiscal_year, code FROM budget_line_staging WHERE import_id = $1 GROUP BY fiscal_year, code HAVING COUNT(*) > 1 LIMIT 1",
    )
    .bind(import)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((year, code)) = twice {
        return Err(StoreError::reject_with(
            "budget.duplicate_code",
            Msg::new("error.budget.duplicate_code.file_year_s").arg("year", year).arg("code", code),
        ));
    }
    let taken: Option<(i64, i64, String)> = sqlx::query_as(
        "SELECT s.seq, s.fiscal_year, s.code FROM budget_line_staging s
         JOIN budget_lines b ON b.org_id = $2 AND b.fiscal_year = s.fiscal_year AND b.code = s.code
         WHERE s.import_id = $1 ORDER BY s.seq LIMIT 1",
    )
    .bind(import)
    .bind(org.to_string())
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((seq, year, code)) = taken {
        return Err(StoreError::reject_with(
            "budget.duplicate_code",
            Msg::new("error.budget.duplicate_code.line_seq_year").arg("seq", seq).arg("year", year).arg("code", code),
        ));
    }
    sqlx::query(
        "INSERT INTO budget_lines (id, org_id, fiscal_year, code, name, funding_source, amount, created_at)
         SELECT id, $2, fiscal_year, code, name, funding_source, amount, $3 FROM budget_line_staging WHERE import_id = $1",
    )
    .bind(import)
    .bind(org.to_string())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM budget_line_staging WHERE import_id = $1").bind(import).execute(&mut *tx).await?;
    let total: i64 = lines.iter().map(|l| l.amount.fen()).sum();
    let detail = serde_json::json!({
        "import": import, "lines": lines.len(), "total": total, "rows_sha256": hex::encode(digest.finalize()),
        "first_code": lines.first().map(|l| l.code.as_str()), "last_code": lines.last().map(|l| l.code.as_str()),
    });
    audit::append(
        &mut tx,
        now,
        actor,
        Change {
            action: "budget.lines_imported",
            object_type: "organization",
            object_id: &org.to_string(),
            region_path: &path,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(ids)
}

/// Removes staging rows of imports that never finished (a server stopped mid-import).
pub async fn purge_staging(store: &Store, before_ms: i64) -> Result<u64> {
    Ok(sqlx::query("DELETE FROM budget_line_staging WHERE staged_at < $1").bind(before_ms).execute(store.pool()).await?.rows_affected())
}

/// At most this many budget lines per file (a larger file is refused before anything is written).
pub const MAX_IMPORT_ROWS: usize = 10_000;

/// Parses an uploaded CSV of lines (`fiscal_year,code,name,funding_source,amount`, amounts in
/// yuan), UTF-8 or GBK, quoted fields allowed ([`crate::csvfile`]). Every bad row is reported,
/// with its line number; a file with any bad row imports nothing.
pub fn parse_csv(bytes: &[u8]) -> std::result::Result<Vec<NewBudgetLine>, Vec<(usize, Msg)>> {
    let as_rows = |e: StoreError| match e {
        StoreError::Rejected { text, .. } => vec![(1, text)],
        other => vec![(1, Msg::same(other.to_string()))],
    };
    let text = crate::csvfile::decode(bytes, "budget.bad_file").map_err(as_rows)?;
    let (header, rows) = crate::csvfile::records(&text, MAX_IMPORT_ROWS, "budget.bad_file").map_err(as_rows)?;
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    if header != ["fiscal_year", "code", "name", "funding_source", "amount"] {
        return Err(vec![(1, Msg::new("error.budget.bad_file.header"))]);
    }
    for row in rows {
        let n = row.line;
        let cols = &row.fields;
        if cols.len() != 5 {
            errors.push((n, Msg::new("error.budget.bad_file.columns").arg("n", n).arg("got", cols.len())));
            continue;
        }
        let year = match cols[0].parse::<i64>() {
            Ok(y) if (2000..=2100).contains(&y) => y,
            _ => {
                errors.push((n, Msg::new("error.budget.bad_file.year").arg("n", n).arg("value", &cols[0])));
                continue;
            }
        };
        if cols[1].is_empty() || cols[2].is_empty() || cols[3].is_empty() {
            errors.push((n, Msg::new("error.budget.bad_file.required").arg("n", n)));
            continue;
        }
        match cols[4].replace(',', "").parse::<Money>() {
            Ok(m) if m.fen() > 0 => lines.push(NewBudgetLine {
                fiscal_year: year,
                code: cols[1].clone(),
                name: cols[2].clone(),
                funding_source: cols[3].clone(),
                amount: m,
            }),
            _ => errors.push((n, Msg::new("error.budget.bad_file.amount").arg("n", n).arg("value", &cols[4]))),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if lines.is_empty() {
        return Err(vec![(2, Msg::new("error.budget.bad_file.empty"))]);
    }
    Ok(lines)
}

pub async fn list(store: &Store, org: OrgId, fiscal_year: Option<i64>) -> Result<Vec<BudgetLine>> {
    Ok(match fiscal_year {
        Some(y) => {
            let sql = format!("SELECT {COLUMNS} FROM budget_lines WHERE org_id = $1 AND fiscal_year = $2 ORDER BY code");
            sqlx::query_as::<_, BudgetLine>(sqlx::AssertSqlSafe(sql)).bind(org.to_string()).bind(y).fetch_all(store.pool()).await?
        }
        None => {
            let sql = format!("SELECT {COLUMNS} FROM budget_lines WHERE org_id = $1 ORDER BY fiscal_year DESC, code");
            sqlx::query_as::<_, BudgetLine>(sqlx::AssertSqlSafe(sql)).bind(org.to_string()).fetch_all(store.pool()).await?
        }
    })
}

pub async fn get(store: &Store, id: BudgetLineId) -> Result<BudgetLine> {
    let sql = format!("SELECT {COLUMNS} FROM budget_lines WHERE id = $1");
    sqlx::query_as::<_, BudgetLine>(sqlx::AssertSqlSafe(sql))
        .bind(id.to_string())
        .fetch_optional(store.pool())
        .await?
        .ok_or(StoreError::NotFound("budget line"))
}

pub async fn get_in(tx: &mut Tx, id: BudgetLineId) -> Result<BudgetLine> {
    let sql = format!("SELECT {COLUMNS} FROM budget_lines WHERE id = $1");
    sqlx::query_as::<_, BudgetLine>(sqlx::AssertSqlSafe(sql))
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound("budget line"))
}

/// Freezes `amount` if, and only if, that much is still available. Atomic on both databases:
/// of two plans racing for the last available amount exactly one succeeds.
pub async fn try_freeze(tx: &mut Tx, line: BudgetLineId, amount: Money) -> Result<bool> {
    let done = sqlx::query("UPDATE budget_lines SET frozen = frozen + $1 WHERE id = $2 AND amount - frozen - consumed >= $3")
        .bind(amount.fen())
        .bind(line.to_string())
        .bind(amount.fen())
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Releases what a plan froze.
pub async fn release(tx: &mut Tx, line: BudgetLineId, amount: Money) -> Result<()> {
    sqlx::query("UPDATE budget_lines SET frozen = frozen - $1 WHERE id = $2")
        .bind(amount.fen())
        .bind(line.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}
