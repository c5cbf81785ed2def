//! Read models of the site as a whole.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The answer of `GET /api/health`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// `ok` when the server can answer requests, `degraded` when its
    /// database cannot or its indexes have stopped following the records.
    pub status: HealthStatus,
    /// Whether the database answered a trivial query.
    pub database: HealthStatus,
    /// Whether the in-memory indexes follow the records: the change log
    /// was read in the last few seconds.
    pub indexes: HealthStatus,
    /// The server's version.
    pub version: String,
}

/// Whether a part of the system is working.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    /// Working.
    Ok,
    /// Not working.
    Degraded,
}

/// Headline figures of the portal, shown on its home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteFigures {
    /// Penalty decisions in public view now (not revoked, not past their disclosure deadline).
    pub published_decisions: u64,
    /// Total of the fines in those decisions, in yuan.
    pub published_fines_yuan: u64,
    /// Enterprises on the work-safety blacklist now.
    pub blacklisted_enterprises: u64,
    /// Enterprises in the directory.
    pub enterprises: u64,
    /// Whether the records are generated demonstration data, not real ones.
    pub demo_data: bool,
    /// When these figures were computed (ISO 8601, UTC).
    #[serde(with = "crate::time::instant")]
    pub as_of: DateTime<Utc>,
}

/// The answer of `GET /api/site`: facts about this deployment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteInfo {
    /// Whether the records are generated demonstration data, not real ones.
    pub demo_data: bool,
    /// The server's version.
    pub version: String,
}
