//! 附件: files users upload (申购 attachments, qualification scans), kept in the object store
//! with their uploader, so only the uploader can attach them.

use caigou_domain::authz::Subject;
use caigou_store::files::{self, StoredFile};
use caigou_store::{Store, StoreError};

use crate::Result;

/// Stores an uploaded file (its name already made safe at the edge); an empty file is refused.
pub async fn upload(store: &Store, subject: &Subject, name: &str, content_type: &str, bytes: bytes::Bytes) -> Result<StoredFile> {
    if bytes.is_empty() {
        return Err(StoreError::reject("file.empty").into());
    }
    Ok(files::put(store, name, content_type, bytes, Some(subject.user)).await?)
}
