//! Major hazards under listed supervision (重大事故隐患挂牌督办): the public
//! lists, one listing with its steps, and the editors' audited writes. A
//! listing's steps only grow.

use chrono::{DateTime, NaiveDate, Utc};
use portal_types::Problem;
use portal_types::enforcement::{
    HazardListing, HazardListingPage, HazardListingSummary, HazardStatus, ListingInput,
    ListingStep, PAGE_SIZE, StepInput, is_overdue,
};
use portal_types::{District, Industry};

use super::{ListingFilter, Write, json, offset, refused};
use crate::Dialect;
use crate::Store;
use crate::StoreError;
use crate::staff::{Audit, write_audit};

const LISTING_COLUMNS: &str = "l.id, e.name, e.credit_code, l.hazard, e.district, e.industry,
     l.authority, l.listed_on, l.deadline, l.status";

/// A listing's summary, as stored.
#[derive(sqlx::FromRow)]
struct ListingRow {
    id: i64,
    name: String,
    credit_code: String,
    hazard: String,
    district: District,
    industry: Industry,
    authority: String,
    listed_on: NaiveDate,
    deadline: NaiveDate,
    status: HazardStatus,
}

impl ListingRow {
    fn summary(self, today: NaiveDate) -> HazardListingSummary {
        HazardListingSummary {
            overdue: is_overdue(self.status, self.deadline, today),
            id: self.id,
            enterprise_name: self.name,
            credit_code: self.credit_code,
            hazard: self.hazard,
            district: self.district,
            industry: self.industry,
            authority: self.authority,
            listed_on: self.listed_on,
            deadline: self.deadline,
            status: self.status,
        }
    }
}

/// A listing in full, as stored.
#[derive(sqlx::FromRow)]
struct FullListingRow {
    #[sqlx(flatten)]
    listing: ListingRow,
    description: String,
    requirements: String,
    updated_at: DateTime<Utc>,
}

/// A listing's details before a correction, as the audit log keeps them.
#[derive(sqlx::FromRow, serde::Serialize)]
struct ListingDetails {
    hazard: String,
    description: String,
    requirements: String,
    authority: String,
    listed_on: NaiveDate,
    deadline: NaiveDate,
}

const LISTING_WHERE: &str = "($1 IS NULL OR l.status = $1)
     AND (NOT $2 OR (l.status IN ('listed', 'rectifying') AND l.deadline < $3))
     AND ($4 IS NULL OR e.district = $4) AND ($5 IS NULL OR e.industry = $5)";

/// Binds the list's filters to a query of [`LISTING_WHERE`].
macro_rules! bind_listing_filter {
    ($query:expr, $filter:expr, $today:expr) => {
        $query
            .bind($filter.status)
            .bind($filter.overdue)
            .bind($today)
            .bind($filter.district)
            .bind($filter.industry)
    };
}

/// Finding an enterprise inside the caller's transaction.
trait ListingTx {
    async fn enterprise_by_code(&mut self, code: &str) -> Result<Option<i64>, StoreError>;
}

impl_for_transactions!(ListingTx {
    async fn enterprise_by_code(&mut self, code: &str) -> Result<Option<i64>, StoreError> {
        sqlx::query_scalar("SELECT id FROM enterprises WHERE credit_code = $1")
            .bind(code)
            .fetch_optional(&mut **self)
            .await
            .map_err(StoreError::from)
    }
});

impl Store {
    pub async fn hazard_listing_page(
        &self,
        filter: &ListingFilter,
        page: u32,
        today: NaiveDate,
    ) -> Result<HazardListingPage, StoreError> {
        on_db!(self, |pool| {
            let (total,): (i64,) = bind_listing_filter!(
                sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT count(*) FROM hazard_listings l JOIN enterprises e ON e.id = l.enterprise_id
                 WHERE {LISTING_WHERE}"
            ))),
                filter,
                today
            )
            .fetch_one(pool)
            .await?;
            let overdue_total: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM hazard_listings
             WHERE status IN ('listed', 'rectifying') AND deadline < $1",
            )
            .bind(today)
            .fetch_one(pool)
            .await?;
            let rows: Vec<ListingRow> = bind_listing_filter!(
                sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {LISTING_COLUMNS}
                 FROM hazard_listings l JOIN enterprises e ON e.id = l.enterprise_id
                 WHERE {LISTING_WHERE} ORDER BY l.listed_on DESC, l.id DESC LIMIT $6 OFFSET $7"
                ))),
                filter,
                today
            )
            .bind(i64::from(PAGE_SIZE))
            .bind(offset(page))
            .fetch_all(pool)
            .await?;
            Ok(HazardListingPage {
                total: u64::try_from(total).unwrap_or_default(),
                page,
                page_size: PAGE_SIZE,
                overdue_total: u64::try_from(overdue_total).unwrap_or_default(),
                items: rows.into_iter().map(|row| row.summary(today)).collect(),
                as_of: today,
            })
        })
    }

    /// The listings of one enterprise (by normalised credit code), newest first.
    pub async fn hazard_listings_of(
        &self,
        code: &str,
        today: NaiveDate,
    ) -> Result<Vec<HazardListingSummary>, StoreError> {
        on_db!(self, |pool| {
            let rows: Vec<ListingRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {LISTING_COLUMNS}
             FROM hazard_listings l JOIN enterprises e ON e.id = l.enterprise_id
             WHERE e.credit_code = $1 ORDER BY l.listed_on DESC, l.id DESC"
            )))
            .bind(code)
            .fetch_all(pool)
            .await?;
            Ok(rows.into_iter().map(|row| row.summary(today)).collect())
        })
    }

    /// A listing in full.
    pub async fn hazard_listing(
        &self,
        id: i64,
        today: NaiveDate,
    ) -> Result<Option<HazardListing>, StoreError> {
        on_db!(self, |pool| {
            let Some(row) = sqlx::query_as::<_, FullListingRow>(sqlx::AssertSqlSafe(format!(
                "SELECT {LISTING_COLUMNS}, l.description, l.requirements, l.updated_at
             FROM hazard_listings l JOIN enterprises e ON e.id = l.enterprise_id
             WHERE l.id = $1"
            )))
            .bind(id)
            .fetch_optional(pool)
            .await?
            else {
                return Ok(None);
            };
            let steps: Vec<ListingStep> = sqlx::query_as(
                "SELECT status, on_date, note FROM hazard_listing_steps WHERE listing_id = $1
             ORDER BY seq",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            Ok(Some(HazardListing {
                summary: row.listing.summary(today),
                description: row.description,
                requirements: row.requirements,
                steps,
                updated_at: row.updated_at,
            }))
        })
    }

    /// Lists a major hazard (`id` None) or corrects a listing's details,
    /// audited. The enterprise is named by its normalised credit code.
    pub async fn save_hazard_listing(
        &self,
        id: Option<i64>,
        code: &str,
        input: &ListingInput,
        audit: Audit<'_>,
    ) -> Result<Write<i64>, StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let Some(enterprise) = tx.enterprise_by_code(code).await? else {
                return Ok(Write::Refused(refused(
                    "credit_code",
                    Problem::UnknownEnterprise,
                )));
            };
            let now = Utc::now();
            let (saved, before) = match id {
                None => {
                    let id: i64 = sqlx::query_scalar(
                    "INSERT INTO hazard_listings (enterprise_id, hazard, description, requirements,
                         authority, listed_on, deadline, status, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, 'listed', $8, $9) RETURNING id",
                )
                .bind(enterprise)
                .bind(input.hazard.trim())
                .bind(input.description.trim())
                .bind(input.requirements.trim())
                .bind(input.authority.trim())
                .bind(input.listed_on)
                .bind(input.deadline)
                .bind(now)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                    sqlx::query(
                        "INSERT INTO hazard_listing_steps (listing_id, seq, status, on_date, note)
                     VALUES ($1, 1, 'listed', $2, $3)",
                    )
                    .bind(id)
                    .bind(input.listed_on)
                    .bind(format!("{}挂牌督办", input.authority.trim()))
                    .execute(&mut *tx)
                    .await?;
                    (id, None)
                }
                Some(id) => {
                    let before: Option<ListingDetails> = sqlx::query_as(
                        "SELECT hazard, description, requirements, authority, listed_on, deadline
                     FROM hazard_listings WHERE id = $1",
                    )
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some(before) = before else {
                        return Ok(Write::NotFound);
                    };
                    let before = serde_json::to_value(&before).map_err(StoreError::encode)?;
                    sqlx::query(
                    "UPDATE hazard_listings SET enterprise_id = $1, hazard = $2, description = $3,
                         requirements = $4, authority = $5, listed_on = $6, deadline = $7,
                         updated_at = $8
                     WHERE id = $9",
                )
                .bind(enterprise)
                .bind(input.hazard.trim())
                .bind(input.description.trim())
                .bind(input.requirements.trim())
                .bind(input.authority.trim())
                .bind(input.listed_on)
                .bind(input.deadline)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                    sqlx::query(
                    "UPDATE hazard_listing_steps SET on_date = $1 WHERE listing_id = $2 AND seq = 1",
                )
                .bind(input.listed_on)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                    (id, Some(before.to_string()))
                }
            };
            write_audit(
                &mut tx,
                &Audit {
                    target: format!("hazard-listing:{saved}"),
                    before,
                    after: json(input),
                    ..audit
                },
            )
            .await?;
            tx.commit().await?;
            Ok(Write::Done(saved))
        })
    }

    /// Moves a listing to its next status, audited.
    pub async fn add_hazard_listing_step(
        &self,
        id: i64,
        step: &StepInput,
        today: NaiveDate,
        audit: Audit<'_>,
    ) -> Result<Write<HazardStatus>, StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let last: Option<(i64, HazardStatus, NaiveDate)> = sqlx::query_as(
                "SELECT seq, status, on_date FROM hazard_listing_steps WHERE listing_id = $1
             ORDER BY seq DESC LIMIT 1",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((seq, current, last_on)) = last else {
                return Ok(Write::NotFound);
            };
            if let Err(errors) = step.validate(current, last_on, today) {
                return Ok(Write::Refused(errors));
            }
            sqlx::query(
                "INSERT INTO hazard_listing_steps (listing_id, seq, status, on_date, note)
             VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(seq + 1)
            .bind(step.status)
            .bind(step.on)
            .bind(step.note.trim())
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE hazard_listings SET status = $1, updated_at = $2 WHERE id = $3")
                .bind(step.status)
                .bind(Utc::now())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            write_audit(
                &mut tx,
                &Audit {
                    target: format!("hazard-listing:{id}"),
                    before: Some(serde_json::json!({ "status": current.slug() }).to_string()),
                    after: json(step),
                    ..audit
                },
            )
            .await?;
            tx.commit().await?;
            Ok(Write::Done(step.status))
        })
    }
}
