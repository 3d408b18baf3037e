//! 评审专家库: importing experts in bulk and listing the pool, for admins and each region's
//! finance department within its subtree.

use caigou_domain::Msg;
use caigou_domain::authz::scope::{ExpertScope, RegionScope};
use caigou_domain::authz::{Denied, Subject};
use caigou_domain::ids::ExpertId;
use caigou_store::Store;
use caigou_store::audit::Actor;
use caigou_store::evaluation::experts::{self, Expert, ImportError};

use crate::{Error, Result};

/// The outcome of an import that wrote nothing: every bad row with its line.
pub enum Imported {
    Added(Vec<ExpertId>),
    Refused(Vec<(usize, Msg)>),
}

fn scope(subject: &Subject) -> Result<ExpertScope> {
    let scope = ExpertScope::of(subject);
    if matches!(scope.region(), RegionScope::Nothing) {
        return Err(Error::Denied(Denied::Forbidden));
    }
    Ok(scope)
}

/// 批量导入 an uploaded CSV (UTF-8 or GBK) into the subject's part of the pool, all or nothing.
pub async fn import_csv(store: &Store, subject: &Subject, bytes: &[u8]) -> Result<Imported> {
    let scope = scope(subject)?;
    let rows = match experts::parse_csv(bytes) {
        Ok(rows) => rows,
        Err(bad) => return Ok(Imported::Refused(bad)),
    };
    match experts::import(store, &Actor::of(subject), &scope, &rows).await {
        Ok(ids) => Ok(Imported::Added(ids)),
        Err(ImportError::Rows(bad)) => Ok(Imported::Refused(bad)),
        Err(ImportError::Store(e)) => Err(e.into()),
    }
}

/// The experts of the subject's part of the pool.
pub async fn list(store: &Store, subject: &Subject) -> Result<Vec<Expert>> {
    Ok(experts::list(store, &scope(subject)?).await?)
}
