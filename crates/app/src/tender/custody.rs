//! 开标密钥保管: the opening custodians' keys, naming them (the project's runner), the key
//! ceremony's upload, and releasing shares after the decryption window. Whether a user holds a
//! share of a project is decided by the store against the named custodians, before anything of
//! the project is said.

use caigou_domain::authz::{Denied, Principal, Subject};
use caigou_domain::ids::ProjectId;
use caigou_seal::SealedFor;
use caigou_store::Store;
use caigou_store::custodians::{self, Custody, ShareIn};

use super::projects::{insider, runnable, visible};
use crate::Result;

/// Registers the subject's custodian key; answers its id.
pub async fn register_key(store: &Store, subject: &Subject, public_key: &str) -> Result<String> {
    Ok(custodians::register_key(store, subject, public_key).await?)
}

/// Names a draft project's custodians and threshold (the project's runner).
pub async fn name(store: &Store, subject: &Subject, project: ProjectId, users: &[String], threshold: i64) -> Result<()> {
    runnable(store, subject, project).await?;
    Ok(custodians::name(store, subject, project, users, threshold).await?)
}

/// The custodians, threshold and opening public key (the project's insiders).
pub async fn custody(store: &Store, principal: &Principal, project: ProjectId) -> Result<Custody> {
    let v = visible(store, principal, project).await?;
    if !insider(principal, &v) {
        return Err(Denied::Forbidden.into());
    }
    Ok(custodians::custody(store, project).await?)
}

/// The key ceremony's result: the opening public key and one sealed share per custodian,
/// uploaded once by one of the custodians, for the threshold it was split for.
pub async fn ceremony(
    store: &Store,
    subject: &Subject,
    project: ProjectId,
    public_key: &str,
    shares: &[ShareIn],
    threshold: i64,
) -> Result<String> {
    Ok(custodians::set_opening_key(store, subject, project, public_key, shares, threshold).await?)
}

/// The subject's sealed share (a custodian of the project).
pub async fn own_share(store: &Store, subject: &Subject, project: ProjectId) -> Result<SealedFor> {
    Ok(custodians::own_share(store, subject, project).await?)
}

/// Releases the subject's opened share after the decryption window; answers how many bids the
/// rebuilt opening key opened (0 until enough consistent shares are in).
pub async fn release_share(store: &Store, subject: &Subject, project: ProjectId, share: &str) -> Result<usize> {
    Ok(custodians::release_share(store, subject, project, share).await?)
}
