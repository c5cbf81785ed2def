//! The blacklist and the enterprises it concerns.

use std::collections::HashMap;

use chrono::NaiveDate;
use futures_util::TryStreamExt;
use portal_types::blacklist::{
    EnterpriseStanding, ListRegime, Listing, ListingGround, ListingStatus, RemovalBasis,
};
use portal_types::decisions::DecisionSummary;
use portal_types::enterprises::EnterpriseSummary;

use super::Store;
use super::StoreError;
use super::records::IndexedName;
use crate::Dialect;

fn json_ids(ids: &[i64]) -> Result<String, StoreError> {
    serde_json::to_string(ids).map_err(StoreError::encode)
}

impl Store {
    /// Every name of every enterprise, current and former.
    pub async fn for_each_enterprise_name(
        &self,
        mut visit: impl FnMut(IndexedName),
    ) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            let mut rows = sqlx::query_as::<_, IndexedName>(
                "SELECT id AS enterprise_id, name FROM enterprises
             UNION ALL SELECT enterprise_id, name FROM enterprise_former_names",
            )
            .fetch(pool);
            while let Some(name) = rows.try_next().await? {
                visit(name);
            }
            Ok(())
        })
    }

    /// The id of the enterprise with this credit code.
    pub async fn enterprise_id_by_code(&self, code: &str) -> Result<Option<i64>, StoreError> {
        on_db!(self, |pool| {
            sqlx::query_scalar("SELECT id FROM enterprises WHERE credit_code = $1")
                .bind(code)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from)
        })
    }

    /// The ids of the enterprises with these credit codes, by code.
    pub async fn enterprise_ids_by_codes(
        &self,
        codes: &[String],
    ) -> Result<HashMap<String, i64>, StoreError> {
        on_db!(self, |pool| {
            if codes.is_empty() {
                return Ok(HashMap::new());
            }
            let list = serde_json::to_string(codes).map_err(StoreError::encode)?;
            let rows: Vec<(String, i64)> = sqlx::query_as(
            pool.pick(
                "SELECT credit_code, id FROM enterprises WHERE credit_code IN (SELECT value FROM json_each($1))",
                "SELECT credit_code, id FROM enterprises
                 WHERE credit_code IN (SELECT value FROM json_array_elements_text($1::json))",
            ),
        )
        .bind(list)
        .fetch_all(pool)
        .await?;
            Ok(rows.into_iter().collect())
        })
    }

    /// Every listing of these enterprises as of `today`, newest first, by
    /// enterprise.
    pub async fn listings_of(
        &self,
        ids: &[i64],
        today: NaiveDate,
    ) -> Result<HashMap<i64, Vec<Listing>>, StoreError> {
        on_db!(self, |pool| {
            let mut out: HashMap<i64, Vec<Listing>> = HashMap::new();
            if ids.is_empty() {
                return Ok(out);
            }
            let rows: Vec<OwnedListingRow> = sqlx::query_as(pool.pick(
                "SELECT enterprise_id, ground, reason, breach_summary, authority, listed_on,
                    expected_removal_on, measures, removed_on, removal_basis, removal_reason
             FROM blacklist_entries WHERE enterprise_id IN (SELECT value FROM json_each($1))
             ORDER BY listed_on DESC, id DESC",
                "SELECT enterprise_id, ground, reason, breach_summary, authority, listed_on,
                    expected_removal_on, measures, removed_on, removal_basis, removal_reason
             FROM blacklist_entries
             WHERE enterprise_id IN (SELECT value::bigint FROM json_array_elements_text($1::json))
             ORDER BY listed_on DESC, id DESC",
            ))
            .bind(json_ids(ids)?)
            .fetch_all(pool)
            .await?;
            for row in rows {
                out.entry(row.enterprise_id)
                    .or_default()
                    .push(row.listing.into_listing(today));
            }
            Ok(out)
        })
    }

    /// Where each of these enterprises stands on `today`, in the order given
    /// — in one round trip to the database.
    pub async fn standings(
        &self,
        ids: &[i64],
        today: NaiveDate,
    ) -> Result<Vec<EnterpriseStanding>, StoreError> {
        on_db!(self, |pool| {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let rows: Vec<StandingRow> =
                sqlx::query_as(pool.pick(STANDING_BY_IDS.0, STANDING_BY_IDS.1))
                    .bind(json_ids(ids)?)
                    .fetch_all(pool)
                    .await?;
            let mut found = HashMap::with_capacity(rows.len());
            for row in rows {
                let standing = row.standing(today)?;
                found.insert(standing.enterprise.id, standing);
            }
            Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
        })
    }

    /// Where the enterprise with this credit code stands on `today`, in one
    /// round trip; `None` when the directory has no such code.
    pub async fn standing_by_code(
        &self,
        code: &str,
        today: NaiveDate,
    ) -> Result<Option<EnterpriseStanding>, StoreError> {
        on_db!(self, |pool| {
            sqlx::query_as::<_, StandingRow>(pool.pick(STANDING_BY_CODE.0, STANDING_BY_CODE.1))
                .bind(code)
                .fetch_optional(pool)
                .await?
                .map(|row| row.standing(today))
                .transpose()
        })
    }

    /// The enterprises listed on `today`, newest listing first: a page of
    /// their ids, and how many there are.
    pub async fn listed_enterprises(
        &self,
        today: NaiveDate,
        offset: u32,
        limit: u32,
    ) -> Result<(Vec<i64>, u64), StoreError> {
        on_db!(self, |pool| {
            let total: i64 = sqlx::query_scalar(
                "SELECT count(DISTINCT enterprise_id) FROM blacklist_entries
             WHERE removed_on IS NULL AND listed_on <= $1 AND expected_removal_on > $1",
            )
            .bind(today)
            .fetch_one(pool)
            .await?;
            let ids: Vec<i64> = sqlx::query_scalar(
                "SELECT enterprise_id FROM blacklist_entries
             WHERE removed_on IS NULL AND listed_on <= $1 AND expected_removal_on > $1
             GROUP BY enterprise_id ORDER BY max(listed_on) DESC, enterprise_id LIMIT $2 OFFSET $3",
            )
            .bind(today)
            .bind(i64::from(limit))
            .bind(i64::from(offset))
            .fetch_all(pool)
            .await?;
            Ok((ids, u64::try_from(total).unwrap_or(0)))
        })
    }

    /// An enterprise's penalty decisions in public view on `today`, newest first.
    pub async fn public_decisions_of(
        &self,
        enterprise_id: i64,
        today: NaiveDate,
    ) -> Result<Vec<DecisionSummary>, StoreError> {
        on_db!(self, |pool| {
            let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM penalty_decisions WHERE enterprise_id = $1 AND disclosure_until >= $2
             ORDER BY decided_on DESC, id DESC LIMIT 100",
        )
        .bind(enterprise_id)
        .bind(today)
        .fetch_all(pool)
        .await?;
            self.decision_summaries(&ids).await
        })
    }
}

/// An enterprise with its former names and its listings as JSON arrays
/// (text), for the enterprises that `$filter` picks: SQLite's text, then
/// PostgreSQL's.
macro_rules! standing_query {
    ($sqlite_filter:literal, $postgres_filter:literal) => {
        (
            concat!(
                "SELECT e.id, e.name, e.credit_code, e.district,
                    (SELECT json_group_array(f.name) FROM
                        (SELECT name FROM enterprise_former_names WHERE enterprise_id = e.id
                         ORDER BY used_until DESC) AS f) AS former_names,
                    (SELECT json_group_array(json_object(
                        'ground', b.ground, 'removal_basis', b.removal_basis,
                        'reason', b.reason, 'breach_summary', b.breach_summary,
                        'authority', b.authority, 'listed_on', b.listed_on,
                        'expected_removal_on', b.expected_removal_on, 'measures', b.measures,
                        'removed_on', b.removed_on, 'removal_reason', b.removal_reason))
                     FROM (SELECT * FROM blacklist_entries WHERE enterprise_id = e.id
                           ORDER BY listed_on DESC, id DESC) AS b) AS listings
                 FROM enterprises AS e WHERE ",
                $sqlite_filter
            ),
            concat!(
                "SELECT e.id, e.name, e.credit_code, e.district,
                    (SELECT coalesce(json_agg(f.name ORDER BY f.used_until DESC), '[]')::text
                     FROM enterprise_former_names f WHERE f.enterprise_id = e.id) AS former_names,
                    (SELECT coalesce(json_agg(json_build_object(
                        'ground', b.ground, 'removal_basis', b.removal_basis,
                        'reason', b.reason, 'breach_summary', b.breach_summary,
                        'authority', b.authority, 'listed_on', b.listed_on,
                        'expected_removal_on', b.expected_removal_on, 'measures', b.measures,
                        'removed_on', b.removed_on, 'removal_reason', b.removal_reason)
                        ORDER BY b.listed_on DESC, b.id DESC), '[]')::text
                     FROM blacklist_entries b WHERE b.enterprise_id = e.id) AS listings
                 FROM enterprises AS e WHERE ",
                $postgres_filter
            ),
        )
    };
}

const STANDING_BY_IDS: (&str, &str) = standing_query!(
    "e.id IN (SELECT value FROM json_each($1))",
    "e.id IN (SELECT value::bigint FROM json_array_elements_text($1::json))"
);
const STANDING_BY_CODE: (&str, &str) = standing_query!("e.credit_code = $1", "e.credit_code = $1");

/// A listing as stored (and as the standing queries give it in JSON),
/// measures on separate lines.
#[derive(serde::Deserialize, sqlx::FromRow)]
struct ListingRow {
    ground: Option<ListingGround>,
    reason: String,
    breach_summary: String,
    authority: String,
    listed_on: NaiveDate,
    expected_removal_on: NaiveDate,
    measures: String,
    removed_on: Option<NaiveDate>,
    removal_basis: Option<RemovalBasis>,
    removal_reason: Option<String>,
}

/// A listing with the enterprise it belongs to.
#[derive(sqlx::FromRow)]
struct OwnedListingRow {
    enterprise_id: i64,
    #[sqlx(flatten)]
    listing: ListingRow,
}

impl ListingRow {
    /// The listing as it stands on `today`: one whose term has ended is
    /// removed on its last day, by itself.
    fn into_listing(self, today: NaiveDate) -> Listing {
        let (mut removed_on, mut removal_basis) = (self.removed_on, self.removal_basis);
        if removed_on.is_none() && self.expected_removal_on <= today {
            removed_on = Some(self.expected_removal_on);
            removal_basis = Some(RemovalBasis::TermEnded);
        }
        Listing {
            ground: self.ground,
            regime: ListRegime::of(self.listed_on),
            reason: self.reason,
            breach_summary: self.breach_summary,
            authority: self.authority,
            listed_on: self.listed_on,
            expected_removal_on: self.expected_removal_on,
            measures: self.measures.lines().map(str::to_owned).collect(),
            removed_on,
            removal_basis,
            removal_reason: self.removal_reason,
        }
    }
}

/// An enterprise with its former names and its listings, as JSON arrays.
#[derive(sqlx::FromRow)]
struct StandingRow {
    #[sqlx(flatten)]
    enterprise: EnterpriseSummary,
    former_names: String,
    listings: String,
}

impl StandingRow {
    fn standing(self, today: NaiveDate) -> Result<EnterpriseStanding, StoreError> {
        let former_names: Vec<String> =
            serde_json::from_str(&self.former_names).map_err(StoreError::corrupt)?;
        let rows: Vec<ListingRow> =
            serde_json::from_str(&self.listings).map_err(StoreError::corrupt)?;
        let history: Vec<Listing> = rows.into_iter().map(|l| l.into_listing(today)).collect();
        let (status, listing) = standing(&history, today);
        Ok(EnterpriseStanding {
            enterprise: self.enterprise,
            former_names,
            status,
            listing,
        })
    }
}

/// The status a history gives on `today`: listed when a listing that has
/// begun is not removed; removed when every listing is; else not listed.
pub fn standing(history: &[Listing], today: NaiveDate) -> (ListingStatus, Option<Listing>) {
    if let Some(current) = history
        .iter()
        .find(|l| l.removed_on.is_none() && l.listed_on <= today)
    {
        return (ListingStatus::Listed, Some(current.clone()));
    }
    if history.iter().any(|l| l.listed_on <= today) {
        (ListingStatus::Removed, None)
    } else {
        (ListingStatus::NotListed, None)
    }
}
