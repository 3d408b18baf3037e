//! What a use case answers when it does not succeed: refused by authorization, or by the store
//! (not found, a rule, a busy database). Both carry stable codes; the web maps them to statuses.

use caigou_domain::authz::Denied;
use caigou_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("denied: {0:?}")]
    Denied(Denied),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<Denied> for Error {
    fn from(d: Denied) -> Error {
        Error::Denied(d)
    }
}

pub type Result<T> = std::result::Result<T, Error>;
