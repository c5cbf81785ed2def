//! What the sitemaps list: every public record's address key and when it
//! last changed.

use chrono::{DateTime, Utc};

use super::Store;
use super::StoreError;

/// A kind of public record the sitemaps list from the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listed {
    /// Administrative licences, by id.
    Licences,
    /// Typical cases, by id.
    Cases,
    /// Major hazards under listed supervision, by id.
    HazardListings,
    /// Accident investigation reports, by id.
    AccidentReports,
    /// Enterprises, by credit code (their public standing).
    Enterprises,
}

impl Listed {
    fn query(self) -> (&'static str, &'static str) {
        match self {
            Listed::Licences => (
                "SELECT count(*) FROM licences",
                "SELECT CAST(id AS TEXT) AS key, updated_at FROM licences ORDER BY id LIMIT $1 OFFSET $2",
            ),
            Listed::Cases => (
                "SELECT count(*) FROM exposed_cases",
                "SELECT CAST(id AS TEXT) AS key, updated_at FROM exposed_cases ORDER BY id LIMIT $1 OFFSET $2",
            ),
            Listed::HazardListings => (
                "SELECT count(*) FROM hazard_listings",
                "SELECT CAST(id AS TEXT) AS key, updated_at FROM hazard_listings ORDER BY id LIMIT $1 OFFSET $2",
            ),
            Listed::AccidentReports => (
                "SELECT count(*) FROM accident_reports",
                "SELECT CAST(id AS TEXT) AS key, updated_at FROM accident_reports ORDER BY id LIMIT $1 OFFSET $2",
            ),
            Listed::Enterprises => (
                "SELECT count(*) FROM enterprises",
                "SELECT credit_code AS key, updated_at FROM enterprises ORDER BY id LIMIT $1 OFFSET $2",
            ),
        }
    }
}

impl Store {
    /// How many records of `kind` there are.
    pub async fn listed_count(&self, kind: Listed) -> Result<u64, StoreError> {
        on_db!(self, |pool| {
            let count: i64 = sqlx::query_scalar(kind.query().0).fetch_one(pool).await?;
            Ok(u64::try_from(count).unwrap_or_default())
        })
    }

    /// Records of `kind` in order, `limit` from `offset`: each one's key
    /// (id or credit code) and when it last changed.
    pub async fn listed_records(
        &self,
        kind: Listed,
        offset: u64,
        limit: u64,
    ) -> Result<Vec<(String, DateTime<Utc>)>, StoreError> {
        on_db!(self, |pool| {
            sqlx::query_as(kind.query().1)
                .bind(i64::try_from(limit).unwrap_or(i64::MAX))
                .bind(i64::try_from(offset).unwrap_or(i64::MAX))
                .fetch_all(pool)
                .await
                .map_err(StoreError::from)
        })
    }

    /// When each decision with an id from `first` to `last` last changed.
    pub async fn decision_updates(
        &self,
        first: i64,
        last: i64,
    ) -> Result<Vec<(i64, DateTime<Utc>)>, StoreError> {
        on_db!(self, |pool| {
            sqlx::query_as(
            "SELECT id, updated_at FROM penalty_decisions WHERE id BETWEEN $1 AND $2 ORDER BY id",
        )
        .bind(first)
        .bind(last)
        .fetch_all(pool)
        .await
        .map_err(StoreError::from)
        })
    }
}
