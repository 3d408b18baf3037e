//! 评审专家库: the pool, and its bulk import from the CSV an older system or Excel exports
//! (UTF-8 or GBK, quoted fields). Every bad row is reported with its line; a file with any bad
//! row, or a number already in the pool, imports nothing.

use caigou_domain::Msg;
use caigou_domain::authz::scope::ExpertScope;
use caigou_domain::evaluation::avoidance::{Tie, TieKind};
use caigou_domain::evaluation::expert::{IdCardNumber, Specialty, parse_specialties};
use caigou_domain::ids::{ExpertId, RegionId};
use caigou_domain::uscc::UnifiedSocialCreditCode;
use jiff::civil::Date;
use serde::Serialize;

use crate::audit::{self, Actor, Change};
use crate::{Result, Store, StoreError, new_id};

/// An expert to add to the pool, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewExpert {
    pub region_code: String,
    pub name: String,
    pub id_card: IdCardNumber,
    pub phone: String,
    pub employer: String,
    pub employer_uscc: Option<String>,
    pub employed_since: Date,
    pub title: String,
    pub specialties: Vec<Specialty>,
}

/// An expert as lists show it (never the identity card number itself).
#[derive(Debug, Clone, Serialize)]
pub struct Expert {
    pub id: ExpertId,
    pub region_id: RegionId,
    pub region_name: String,
    pub name: String,
    pub id_card_masked: String,
    pub phone: String,
    pub employer: String,
    pub title: String,
    pub specialties: Vec<Specialty>,
    pub status: String,
}

#[derive(sqlx::FromRow)]
struct ExpertRow {
    #[sqlx(try_from = "String")]
    pub id: ExpertId,
    #[sqlx(try_from = "String")]
    pub region_id: RegionId,
    pub region_name: String,
    pub name: String,
    pub id_card_masked: String,
    pub phone: String,
    pub employer: String,
    pub title: String,
    pub specialties: String,
    pub status: String,
}

/// The rows of a file that are wrong: each line with what is wrong with it.
pub type BadRows = Vec<(usize, Msg)>;

/// The columns of the import file, in order.
pub const HEADER: [&str; 9] =
    ["name", "id_card", "phone", "employer", "employer_uscc", "employed_since", "title", "specialties", "region_code"];

/// At most this many experts per file.
pub const MAX_IMPORT_ROWS: usize = 5_000;

/// Parses an uploaded CSV of experts. Errors: every bad row, with its line and what is wrong.
pub fn parse_csv(bytes: &[u8]) -> std::result::Result<Vec<(usize, NewExpert)>, BadRows> {
    let as_rows = |e: StoreError| match e {
        StoreError::Rejected { text, .. } => vec![(1, text)],
        other => vec![(1, Msg::same(other.to_string()))],
    };
    let text = crate::csvfile::decode(bytes, "experts.bad_file").map_err(as_rows)?;
    let (header, rows) = crate::csvfile::records(&text, MAX_IMPORT_ROWS, "experts.bad_file").map_err(as_rows)?;
    if header != HEADER {
        return Err(vec![(1, Msg::new("error.experts.bad_file.header").arg("header", HEADER.join(",")))]);
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::BTreeMap::new();
    for row in rows {
        let n = row.line;
        let c = &row.fields;
        let bad = |what: &str, value: &str| (n, Msg::new(format!("error.experts.bad_file.{what}")).arg("n", n).arg("value", value));
        if c.len() != HEADER.len() {
            errors.push((n, Msg::new("error.experts.bad_file.columns").arg("n", n).arg("got", c.len()).arg("want", HEADER.len())));
            continue;
        }
        if [0, 2, 3, 6, 8].iter().any(|i| c[*i].is_empty()) {
            errors.push((n, Msg::new("error.experts.bad_file.required").arg("n", n)));
            continue;
        }
        let id_card = match c[1].parse::<IdCardNumber>() {
            Ok(id) => id,
            Err(_) => {
                errors.push(bad("id_card", &c[1]));
                continue;
            }
        };
        if let Some(first) = seen.insert(id_card.key(), n) {
            errors.push((n, Msg::new("error.experts.bad_file.twice").arg("n", n).arg("first", first)));
            continue;
        }
        let employer_uscc = match c[4].as_str() {
            "" => None,
            u => match u.parse::<UnifiedSocialCreditCode>() {
                Ok(u) => Some(u.to_string()),
                Err(_) => {
                    errors.push(bad("uscc", u));
                    continue;
                }
            },
        };
        let Ok(employed_since) = c[5].parse::<Date>() else {
            errors.push(bad("date", &c[5]));
            continue;
        };
        let specialties = match parse_specialties(&c[7]) {
            Ok(s) => s,
            Err(part) => {
                errors.push(bad("specialty", &part));
                continue;
            }
        };
        out.push((
            n,
            NewExpert {
                region_code: c[8].clone(),
                name: c[0].clone(),
                id_card,
                phone: c[2].clone(),
                employer: c[3].clone(),
                employer_uscc,
                employed_since,
                title: c[6].clone(),
                specialties,
            },
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if out.is_empty() {
        return Err(vec![(2, Msg::new("error.experts.bad_file.empty"))]);
    }
    Ok(out)
}

/// Adds `experts` to the pool in one transaction, each in the region its row names, which must
/// be inside `scope` (the importer's part of the pool). Any row refused (an unknown or outside
/// region, a number already in the pool) refuses the whole file.
pub async fn import(
    store: &Store,
    actor: &Actor,
    scope: &ExpertScope,
    experts: &[(usize, NewExpert)],
) -> std::result::Result<Vec<ExpertId>, ImportError> {
    let (all, subtree) = crate::scope::region(scope.region());
    let prefix = subtree.trim_end_matches('%').to_string();
    let inside = |path: &str| all == 1 || (!prefix.is_empty() && path.starts_with(&prefix));
    let now = store.clock().now_ms();
    let mut tx = store.begin().await?;
    let mut ids = Vec::with_capacity(experts.len());
    let mut rows = Vec::new();
    for (n, e) in experts {
        let region: Option<(String, String)> =
            sqlx::query_as("SELECT id, path FROM regions WHERE code = $1").bind(&e.region_code).fetch_optional(&mut *tx).await?;
        let Some((region_id, _)) = region.filter(|(_, path)| inside(path)) else {
            rows.push((*n, Msg::new("error.experts.bad_file.region").arg("n", n).arg("value", &e.region_code)));
            continue;
        };
        let taken: Option<String> =
            sqlx::query_scalar("SELECT id FROM experts WHERE id_card_key = $1").bind(e.id_card.key()).fetch_optional(&mut *tx).await?;
        if taken.is_some() {
            rows.push((*n, Msg::new("error.experts.bad_file.in_pool").arg("n", n).arg("value", e.id_card.masked())));
            continue;
        }
        let ties = vec![Tie {
            org: e.employer_uscc.clone().unwrap_or_else(|| e.employer.clone()),
            kind: TieKind::Employed,
            from: e.employed_since,
            until: None,
        }];
        let id = ExpertId(new_id());
        sqlx::query(
            "INSERT INTO experts (id, region_id, name, id_card_key, id_card_masked, phone, employer, employer_uscc, title, specialties, ties, status, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active', $12)",
        )
        .bind(id.to_string())
        .bind(&region_id)
        .bind(&e.name)
        .bind(e.id_card.key())
        .bind(e.id_card.masked())
        .bind(&e.phone)
        .bind(&e.employer)
        .bind(&e.employer_uscc)
        .bind(&e.title)
        .bind(serde_json::to_string(&e.specialties).map_err(|x| StoreError::Internal(x.to_string()))?)
        .bind(serde_json::to_string(&ties).map_err(|x| StoreError::Internal(x.to_string()))?)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        ids.push(id);
    }
    if !rows.is_empty() {
        return Err(ImportError::Rows(rows));
    }
    let detail = serde_json::json!({"count": ids.len()});
    audit::append(
        &mut tx,
        now,
        actor,
        Change { action: "experts.imported", object_type: "expert_pool", object_id: "pool", region_path: &prefix, detail: &detail },
    )
    .await?;
    tx.commit().await?;
    Ok(ids)
}

/// Why an import wrote nothing.
#[derive(Debug)]
pub enum ImportError {
    Rows(BadRows),
    Store(StoreError),
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        ImportError::Store(e)
    }
}

impl From<sqlx::Error> for ImportError {
    fn from(e: sqlx::Error) -> Self {
        ImportError::Store(e.into())
    }
}

/// The experts of the pool in `scope`, by region and name.
pub async fn list(store: &Store, scope: &ExpertScope) -> Result<Vec<Expert>> {
    let (all, subtree) = crate::scope::region(scope.region());
    let rows = sqlx::query_as::<_, ExpertRow>(
        "SELECT e.id, e.region_id, r.name_zh AS region_name, e.name, e.id_card_masked, e.phone, e.employer, e.title, e.specialties, e.status
         FROM experts e JOIN regions r ON r.id = e.region_id
         WHERE $1 = 1 OR ($2 <> '' AND r.path LIKE $2)
         ORDER BY r.path, e.name",
    )
    .bind(all)
    .bind(subtree)
    .fetch_all(store.pool())
    .await?;
    rows.into_iter()
        .map(|r| {
            let specialties = serde_json::from_str(&r.specialties).map_err(|e| StoreError::Internal(format!("expert {}: {e}", r.id)))?;
            Ok(Expert {
                id: r.id,
                region_id: r.region_id,
                region_name: r.region_name,
                name: r.name,
                id_card_masked: r.id_card_masked,
                phone: r.phone,
                employer: r.employer,
                title: r.title,
                specialties,
                status: r.status,
            })
        })
        .collect()
}
