//! Keeping this instance's in-memory indexes current when records change
//! through another instance sharing the database.
//!
//! Every write that changes what an index is built from records the change
//! in the store's change log, in its own transaction. Each instance reads
//! the log every [`FOLLOW_EVERY`] and rebuilds each index whose last change
//! is newer than the one it was built at. Reading the log, not a
//! notification, decides: a missed wake-up cannot leave an instance stale,
//! and an instance that was down catches up on its first read. The
//! instance that made a change has rebuilt already (the handler reloads
//! before it answers) and finds nothing to do.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use portal_store::Store;
use portal_store::changes::Subject;

use crate::education::Shelf;
use crate::search::DecisionSearch;
use crate::services::Blacklist;

/// How often the change log is read: a change made through another
/// instance is visible here within this much (plus the rebuild).
pub const FOLLOW_EVERY: Duration = Duration::from_secs(1);

/// What this instance holds in memory, and how far it has followed the log.
#[derive(Clone)]
pub struct Follower {
    pub store: Store,
    pub decisions: Arc<DecisionSearch>,
    pub blacklist: Arc<Blacklist>,
    pub education: Arc<Shelf>,
    /// The last change read, shared with the health check.
    pub state: Arc<FollowState>,
}

/// How the following stands, for the readiness check and the metrics.
#[derive(Debug, Default)]
pub struct FollowState {
    /// The last change number read from the log.
    pub seen: AtomicI64,
    /// Seconds since the Unix epoch of the last successful read (0: none).
    pub last_read: AtomicI64,
}

impl FollowState {
    /// Seconds since the log was last read successfully (None: never).
    pub fn since_last_read(&self) -> Option<i64> {
        let last = self.last_read.load(Ordering::SeqCst);
        (last > 0).then(|| chrono::Utc::now().timestamp() - last)
    }
}

impl Follower {
    /// Reads the log once and rebuilds what changed. Returns the subjects
    /// rebuilt.
    pub async fn follow_once(&self) -> anyhow::Result<Vec<Subject>> {
        let seen = self.state.seen.load(Ordering::SeqCst);
        let changes = self.store.changes_after(seen).await?;
        let mut rebuilt = Vec::new();
        let mut newest = seen;
        for (subject, last) in changes {
            newest = newest.max(last);
            let did = match subject {
                Subject::Decisions => self.decisions.reload_if_behind(&self.store, last).await?,
                Subject::Enterprises => self.blacklist.reload_if_behind(&self.store, last).await?,
                Subject::Education => self.education.reload_if_behind(&self.store, last).await?,
            };
            if did {
                tracing::info!(
                    subject = subject.slug(),
                    change = last,
                    "rebuilt after a change through another instance"
                );
                rebuilt.push(subject);
            }
        }
        self.state.seen.store(newest, Ordering::SeqCst);
        self.state
            .last_read
            .store(chrono::Utc::now().timestamp(), Ordering::SeqCst);
        Ok(rebuilt)
    }

    /// Follows the log for as long as the server runs.
    pub fn spawn(self) {
        tokio::spawn(async move {
            let mut every = tokio::time::interval(FOLLOW_EVERY);
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                every.tick().await;
                if let Err(error) = self.follow_once().await {
                    tracing::warn!(%error, "cannot read the change log; will try again");
                }
            }
        });
    }
}
