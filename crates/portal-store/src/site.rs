//! Figures about the site as a whole.

use chrono::{NaiveDate, Utc};
use portal_types::site::SiteFigures;

use super::Store;
use super::StoreError;

impl Store {
    /// The home page's headline figures, as of `today` (a date in China).
    pub async fn site_figures(&self, today: NaiveDate) -> Result<SiteFigures, StoreError> {
        on_db!(self, |pool| {
            // The same decisions as the public list (a revoked one stays in view,
            // marked so); its fine was never due, so it is not summed.
            let (published, fines): (i64, i64) = sqlx::query_as(
                "SELECT count(*),
                    CAST(coalesce(sum(CASE WHEN revoked_on IS NULL THEN fine_fen END), 0) / 100
                         AS BIGINT)
             FROM penalty_decisions WHERE disclosure_until >= $1",
            )
            .bind(today)
            .fetch_one(pool)
            .await?;
            let blacklisted: i64 = sqlx::query_scalar(
                "SELECT count(DISTINCT enterprise_id) FROM blacklist_entries
             WHERE removed_on IS NULL AND listed_on <= $1 AND expected_removal_on > $1",
            )
            .bind(today)
            .fetch_one(pool)
            .await?;
            let enterprises: i64 = sqlx::query_scalar("SELECT count(*) FROM enterprises")
                .fetch_one(pool)
                .await?;
            Ok(SiteFigures {
                published_decisions: u64::try_from(published).unwrap_or_default(),
                published_fines_yuan: u64::try_from(fines).unwrap_or_default(),
                blacklisted_enterprises: u64::try_from(blacklisted).unwrap_or_default(),
                enterprises: u64::try_from(enterprises).unwrap_or_default(),
                demo_data: self.is_demo().await?,
                as_of: Utc::now(),
            })
        })
    }
}

impl Store {
    /// The key that signs check results, made (random) and kept on first use.
    pub async fn signing_key(&self) -> Result<Vec<u8>, StoreError> {
        on_db!(self, |pool| {
            let existing: Option<String> =
                sqlx::query_scalar("SELECT value FROM site_meta WHERE key = 'signing_key'")
                    .fetch_optional(pool)
                    .await?;
            if let Some(key) = existing {
                return Ok(key.into_bytes());
            }
            let key: String = (0..32)
                .map(|_| format!("{:02x}", rand::random::<u8>()))
                .collect();
            sqlx::query(
            "INSERT INTO site_meta (key, value) VALUES ('signing_key', $1) ON CONFLICT DO NOTHING",
        )
        .bind(&key)
        .execute(pool)
        .await?;
            let kept: String =
                sqlx::query_scalar("SELECT value FROM site_meta WHERE key = 'signing_key'")
                    .fetch_one(pool)
                    .await?;
            Ok(kept.into_bytes())
        })
    }
}
