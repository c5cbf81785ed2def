//! What every request handler can reach. Extractors that need only a part
//! of it (the client's address, the staff session) ask for that part
//! through `FromRef`, so that they do not depend on the whole.

use std::sync::Arc;

use portal_store::Store;

use crate::{changes, client, education, pages, search, services, staff};

/// What every request handler can reach.
#[derive(Clone, axum::extract::FromRef)]
pub struct AppState {
    /// The storage of all records.
    pub store: Store,
    /// The search index of penalty decisions.
    pub decisions: Arc<search::DecisionSearch>,
    /// Permits for exports streaming at once: an export holds a database
    /// connection for its whole length, so only a few run together and the
    /// others wait their turn, leaving connections for everyone else.
    pub exports: Arc<tokio::sync::Semaphore>,
    /// The reporting channel: rate limits and submissions in flight.
    pub reporting: Arc<services::Reporting>,
    /// The blacklist check: the enterprise name index and the signer.
    pub blacklist: Arc<services::Blacklist>,
    /// Safety education: articles and quizzes.
    pub education: Arc<education::Shelf>,
    /// Staff sign-in settings.
    pub staff: Arc<staff::StaffSettings>,
    /// The reverse proxies believed about the client's address.
    pub proxies: Arc<client::TrustedProxies>,
    /// The portal's public address, for links in feeds and sitemaps.
    pub public: Arc<pages::PublicAddress>,
    /// How far this instance has followed the change log.
    pub follow: Arc<changes::FollowState>,
}

/// How many exports stream at once.
pub const CONCURRENT_EXPORTS: usize = 2;
