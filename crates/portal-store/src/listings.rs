//! Editors' blacklist changes: listing an enterprise and removing it (the
//! entry stays, with the removal date and reason), each audited.

use chrono::{NaiveDate, Utc};
use portal_types::blacklist::RemovalBasis;
use portal_types::blacklist::rules::earliest_early_removal;
use portal_types::staff::listings::{ListingChanged, NewListing};

use super::Store;
use super::StoreError;
use super::staff::{Audit, write_audit};
use crate::Dialect;

/// What became of a listing change.
#[derive(Debug, PartialEq, Eq)]
pub enum ListingChange {
    /// Done.
    Done(ListingChanged),
    /// No enterprise in the directory has this code.
    UnknownEnterprise,
    /// Listing: it is listed already. Removal: it is not listed now.
    Conflict,
    /// Removal by credit repair before the listing is 12 months old: it may
    /// be applied for from this day.
    TooEarly { from: NaiveDate },
}

impl Store {
    /// Lists an enterprise (by its normalised credit code) until
    /// `ends_on`, when it leaves the list by itself.
    pub async fn add_listing(
        &self,
        code: &str,
        listing: &NewListing,
        ends_on: NaiveDate,
        today: NaiveDate,
        audit: Audit<'_>,
    ) -> Result<ListingChange, StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let enterprise: Option<(i64, String)> =
                sqlx::query_as("SELECT id, name FROM enterprises WHERE credit_code = $1")
                    .bind(code)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some((enterprise_id, name)) = enterprise else {
                return Ok(ListingChange::UnknownEnterprise);
            };
            let current: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM blacklist_entries WHERE enterprise_id = $1 AND removed_on IS NULL
             AND listed_on <= $2 AND expected_removal_on > $2",
            )
            .bind(enterprise_id)
            .bind(today)
            .fetch_optional(&mut *tx)
            .await?;
            if current.is_some() {
                return Ok(ListingChange::Conflict);
            }
            let now = Utc::now();
            let id: i64 = sqlx::query_scalar(
            "INSERT INTO blacklist_entries (enterprise_id, ground, reason, breach_summary, authority,
                 listed_on, expected_removal_on, measures, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(enterprise_id)
        .bind(listing.ground)
        .bind(listing.reason.trim())
        .bind(listing.breach_summary.trim())
        .bind(listing.authority.trim())
        .bind(listing.listed_on)
        .bind(ends_on)
        .bind(listing.measures.trim())
        .bind(now)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
            write_audit(
                &mut tx,
                &Audit {
                    target: format!("listing:{id}"),
                    before: None,
                    after: Some(serde_json::to_string(listing).unwrap_or_default()),
                    ..audit
                },
            )
            .await?;
            tx.commit().await?;
            Ok(ListingChange::Done(ListingChanged {
                id,
                enterprise_name: name,
            }))
        })
    }

    /// Removes an enterprise's current listing on `today`, keeping it as
    /// history; by credit repair only once the listing is 12 months old.
    pub async fn remove_listing(
        &self,
        code: &str,
        basis: RemovalBasis,
        reason: &str,
        today: NaiveDate,
        audit: Audit<'_>,
    ) -> Result<ListingChange, StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let enterprise: Option<(i64, String)> =
                sqlx::query_as("SELECT id, name FROM enterprises WHERE credit_code = $1")
                    .bind(code)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some((enterprise_id, name)) = enterprise else {
                return Ok(ListingChange::UnknownEnterprise);
            };
            let current: Option<(i64, NaiveDate)> = sqlx::query_as(
                "SELECT id, listed_on FROM blacklist_entries WHERE enterprise_id = $1
             AND removed_on IS NULL AND listed_on <= $2 AND expected_removal_on > $2
             ORDER BY listed_on DESC LIMIT 1",
            )
            .bind(enterprise_id)
            .bind(today)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((id, listed_on)) = current else {
                return Ok(ListingChange::Conflict);
            };
            let from = earliest_early_removal(listed_on);
            if basis == RemovalBasis::CreditRepair && today < from {
                return Ok(ListingChange::TooEarly { from });
            }
            sqlx::query(
            "UPDATE blacklist_entries SET removed_on = $1, removal_basis = $2, removal_reason = $3,
                 updated_at = $4 WHERE id = $5",
        )
        .bind(today)
        .bind(basis)
        .bind(reason)
        .bind(Utc::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
            write_audit(
                &mut tx,
                &Audit {
                    target: format!("listing:{id}"),
                    before: Some("{\"removed\":false}".to_owned()),
                    after: Some(
                        serde_json::json!({
                            "removed_on": today.to_string(),
                            "basis": basis.slug(),
                            "reason": reason,
                        })
                        .to_string(),
                    ),
                    ..audit
                },
            )
            .await?;
            tx.commit().await?;
            Ok(ListingChange::Done(ListingChanged {
                id,
                enterprise_name: name,
            }))
        })
    }
}
