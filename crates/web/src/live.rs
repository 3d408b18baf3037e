//! 现场直播: the live views (the opening hall of a lot, the big screen) read the database once
//! per server, not once per viewer. The first viewer of a view starts its poller; every viewer
//! after shares what that poller last read; the poller stops when the last viewer leaves. A
//! thousand bidders and observers watching one opening cost one query a second.
//!
//! Per server only, and derived from the database: every server polls for its own viewers.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;

/// The live views of one kind, by key (a lot id; the big screen has one key).
pub struct Hub<T> {
    feeds: Mutex<HashMap<String, watch::Receiver<Option<T>>>>,
    pollers: AtomicI64,
}

impl<T> Default for Hub<T> {
    fn default() -> Self {
        Hub { feeds: Mutex::new(HashMap::new()), pollers: AtomicI64::new(0) }
    }
}

impl<T: Clone + PartialEq + Send + Sync + 'static> Hub<T> {
    /// A viewer of `key`: a receiver of the view's latest state (`None` until first read).
    /// Starts the view's poller, reading with `fetch` every `every`, if none is running.
    pub fn subscribe<F, Fut>(self: &Arc<Self>, key: &str, every: Duration, fetch: F) -> watch::Receiver<Option<T>>
    where
        F: Fn() -> Fut + Send + 'static,
        Fut: Future<Output = T> + Send,
    {
        let mut feeds = self.feeds.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(rx) = feeds.get(key) {
            return rx.clone();
        }
        let (tx, rx) = watch::channel(None);
        feeds.insert(key.to_string(), rx.clone());
        drop(feeds);
        let hub = Arc::clone(self);
        let key = key.to_string();
        hub.pollers.fetch_add(1, Ordering::Relaxed);
        tokio::spawn(async move {
            loop {
                let now = fetch().await;
                tx.send_if_modified(|cur| {
                    if cur.as_ref() == Some(&now) {
                        false
                    } else {
                        *cur = Some(now);
                        true
                    }
                });
                tokio::time::sleep(every).await;
                // Decided under the lock a new viewer takes to find this feed, so a viewer
                // either shares this poller or starts the next one, never neither.
                let mut feeds = hub.feeds.lock().unwrap_or_else(|p| p.into_inner());
                // The map holds one receiver itself.
                if tx.receiver_count() <= 1 {
                    feeds.remove(&key);
                    break;
                }
            }
            hub.pollers.fetch_sub(1, Ordering::Relaxed);
        });
        rx
    }

    /// Pollers running now (one per view someone watches).
    pub fn pollers(&self) -> i64 {
        self.pollers.load(Ordering::Relaxed)
    }
}

/// The next state to show a viewer: the current one first (if read yet), then each change.
/// `None` when the poller has stopped.
pub async fn next<T: Clone>(rx: &mut watch::Receiver<Option<T>>, first: bool) -> Option<T> {
    if first && let Some(v) = rx.borrow_and_update().clone() {
        return Some(v);
    }
    loop {
        rx.changed().await.ok()?;
        if let Some(v) = rx.borrow_and_update().clone() {
            return Some(v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[tokio::test(start_paused = true)]
    async fn many_viewers_share_one_poller_which_stops_when_they_leave() {
        let hub: Arc<Hub<usize>> = Arc::new(Hub::default());
        let reads = Arc::new(AtomicUsize::new(0));
        let fetch = |reads: Arc<AtomicUsize>| {
            move || {
                let reads = reads.clone();
                async move { reads.fetch_add(1, Ordering::Relaxed) / 3 }
            }
        };
        let mut viewers: Vec<_> = (0..50).map(|_| hub.subscribe("lot", Duration::from_secs(1), fetch(reads.clone()))).collect();
        assert_eq!(hub.pollers(), 1);
        assert_eq!(next(&mut viewers[0], true).await, Some(0));
        assert_eq!(next(&mut viewers[49], true).await, Some(0), "a later viewer sees the same state");
        tokio::time::sleep(Duration::from_secs(10)).await;
        let after_ten = reads.load(Ordering::Relaxed);
        assert!((9..=12).contains(&after_ten), "one read a second for all 50 viewers, not 50: {after_ten}");
        // A change reaches a viewer; an unchanged read does not wake it.
        assert_eq!(next(&mut viewers[0], false).await.map(|v| v >= 1), Some(true));
        viewers.clear();
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert_eq!(hub.pollers(), 0, "the poller stops when the last viewer leaves");
        let _again = hub.subscribe("lot", Duration::from_secs(1), fetch(reads.clone()));
        assert_eq!(hub.pollers(), 1, "and a new viewer starts it again");
    }
}
