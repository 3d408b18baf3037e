//! 站内通知: a user's own notifications.

use caigou_domain::authz::{self, Action, Principal, Subject};
use caigou_store::{Store, notify};

use crate::Result;

/// Marks one of the subject's notifications read (someone else's is refused).
pub async fn mark_read(store: &Store, subject: &Subject, id: &str) -> Result<()> {
    let n = notify::get(store, id).await?;
    let recipient = n.user_id;
    authz::decide(&Principal::User(subject.clone()), Action::ReadNotification { recipient })?;
    Ok(notify::mark_read(store, id).await?)
}
