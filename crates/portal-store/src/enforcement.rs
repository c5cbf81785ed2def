//! Typical cases, listed major hazards and accident reports: public reads
//! and the editors' audited writes. Nothing is deleted: a listing's steps
//! and a report's versions only grow.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use portal_types::education::provisions_in;
use portal_types::enforcement::{
    AccidentGrade, AccidentInput, AccidentPage, AccidentReport, AccidentSummary, Assessment,
    AssessmentInput, CitedDecision, ExposedCase, ExposedCaseInput, ExposedCasePage,
    ExposedCaseSummary, HazardListing, HazardListingPage, HazardListingSummary, HazardStatus,
    ListingInput, ListingStep, PAGE_SIZE, ReportChange, Sections, StepInput, assessment_due,
    is_overdue, paragraphs,
};
use portal_types::{District, Industry};
use portal_types::{FieldErrors, Problem};
use sqlx::types::Json;
use sqlx::{Sqlite, Transaction};

use super::Store;
use super::StoreError;
use super::staff::{Audit, write_audit};

/// What became of a write.
#[derive(Debug, PartialEq, Eq)]
pub enum Write<T> {
    /// Done.
    Done(T),
    /// No record with this id.
    NotFound,
    /// The input does not fit the stored records (unknown decisions, an
    /// unknown enterprise, a step out of order), field by field.
    Refused(FieldErrors),
}

/// Which listings a public list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListingFilter {
    pub status: Option<HazardStatus>,
    pub overdue: bool,
    pub district: Option<District>,
    pub industry: Option<Industry>,
}

fn offset(page: u32) -> i64 {
    i64::from(page.saturating_sub(1)) * i64::from(PAGE_SIZE)
}

fn refused(field: &str, problem: Problem) -> FieldErrors {
    let mut errors = FieldErrors::new();
    portal_types::field_error::add(&mut errors, field, problem);
    errors
}

fn json<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}

// ---------------------------------------------------------------------------
// Typical cases

const CASE_COLUMNS: &str = "id, title, industry, district, published_on, summary";

/// A case in full, as stored.
#[derive(sqlx::FromRow)]
struct CaseRow {
    #[sqlx(flatten)]
    summary: ExposedCaseSummary,
    body: String,
    lesson: String,
    provisions: String,
    updated_at: DateTime<Utc>,
}

/// A decision a case cites, as stored.
#[derive(sqlx::FromRow)]
struct CitedRow {
    id: i64,
    decision_no: String,
    party_name: String,
    decided_on: NaiveDate,
    fine_fen: i64,
    disclosure_until: NaiveDate,
}

/// What an editor saved a case from, as stored.
#[derive(sqlx::FromRow)]
struct CaseInputRow {
    title: String,
    industry: Industry,
    district: District,
    published_on: NaiveDate,
    summary: String,
    body: String,
    lesson: String,
    provisions: String,
}

/// The ids among `ids` that name no decision.
async fn unknown_decisions(
    tx: &mut Transaction<'_, Sqlite>,
    ids: &[i64],
) -> Result<Vec<i64>, StoreError> {
    let mut unknown = Vec::new();
    for &id in ids {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT id FROM penalty_decisions WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut **tx)
                .await?;
        if found.is_none() {
            unknown.push(id);
        }
    }
    Ok(unknown)
}

async fn write_case(
    tx: &mut Transaction<'_, Sqlite>,
    id: Option<i64>,
    input: &ExposedCaseInput,
) -> Result<Write<i64>, StoreError> {
    let mut ids = input.decision_ids.clone();
    ids.dedup();
    let unknown = unknown_decisions(tx, &ids).await?;
    if !unknown.is_empty() {
        let list: Vec<String> = unknown.iter().map(ToString::to_string).collect();
        return Ok(Write::Refused(refused(
            "decision_ids",
            Problem::UnknownDecisions {
                numbers: list.join(", "),
            },
        )));
    }
    let now = Utc::now().to_rfc3339();
    let id = match id {
        None => sqlx::query(
            "INSERT INTO exposed_cases (title, industry, district, published_on, summary, body,
                 lesson, provisions, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(input.title.trim())
        .bind(input.industry)
        .bind(input.district)
        .bind(input.published_on)
        .bind(input.summary.trim())
        .bind(input.body.trim())
        .bind(input.lesson.trim())
        .bind(input.provisions.trim())
        .bind(&now)
        .bind(&now)
        .execute(&mut **tx)
        .await?
        .last_insert_rowid(),
        Some(id) => {
            sqlx::query(
                "UPDATE exposed_cases SET title = $1, industry = $2, district = $3, published_on = $4,
                     summary = $5, body = $6, lesson = $7, provisions = $8, updated_at = $9
                 WHERE id = $10",
            )
            .bind(input.title.trim())
            .bind(input.industry)
            .bind(input.district)
            .bind(input.published_on)
            .bind(input.summary.trim())
            .bind(input.body.trim())
            .bind(input.lesson.trim())
            .bind(input.provisions.trim())
            .bind(&now)
            .bind(id)
            .execute(&mut **tx)
            .await?;
            sqlx::query("DELETE FROM exposed_case_decisions WHERE case_id = $1")
                .bind(id)
                .execute(&mut **tx)
                .await?;
            id
        }
    };
    for (position, decision) in (0i64..).zip(&ids) {
        sqlx::query(
            "INSERT INTO exposed_case_decisions (case_id, position, decision_id) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(position)
        .bind(decision)
        .execute(&mut **tx)
        .await?;
    }
    Ok(Write::Done(id))
}

// ---------------------------------------------------------------------------
// Listings

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
     AND ($2 = 0 OR (l.status IN ('listed', 'rectifying') AND l.deadline < $3))
     AND ($4 IS NULL OR e.district = $4) AND ($5 IS NULL OR e.industry = $5)";

async fn enterprise_by_code(
    tx: &mut Transaction<'_, Sqlite>,
    code: &str,
) -> Result<Option<i64>, StoreError> {
    sqlx::query_scalar("SELECT id FROM enterprises WHERE credit_code = $1")
        .bind(code)
        .fetch_optional(&mut **tx)
        .await
        .map_err(StoreError::from)
}

// ---------------------------------------------------------------------------
// Accident reports

const ACCIDENT_COLUMNS: &str = "a.id, a.title, a.occurred_on, a.district, a.industry, a.grade,
     a.deaths, a.injuries, a.published_on, a.direct_loss_fen, a.investigated_by,
     (SELECT count(*) FROM accident_assessments s WHERE s.report_id = a.id) AS assessed";

/// An accident report's summary, as stored.
#[derive(sqlx::FromRow)]
struct AccidentRow {
    id: i64,
    title: String,
    occurred_on: NaiveDate,
    district: District,
    industry: Industry,
    grade: AccidentGrade,
    deaths: i64,
    injuries: i64,
    published_on: NaiveDate,
    direct_loss_fen: i64,
    investigated_by: String,
    assessed: i64,
}

impl AccidentRow {
    fn summary(&self) -> AccidentSummary {
        AccidentSummary {
            id: self.id,
            title: self.title.clone(),
            occurred_on: self.occurred_on,
            district: self.district,
            industry: self.industry,
            grade: self.grade,
            deaths: u32::try_from(self.deaths).unwrap_or_default(),
            injuries: u32::try_from(self.injuries).unwrap_or_default(),
            published_on: self.published_on,
            assessed: self.assessed > 0,
            assessment_due: assessment_due(self.published_on),
        }
    }
}

/// One published version of an accident report, as stored.
#[derive(sqlx::FromRow)]
struct VersionRow {
    #[sqlx(flatten)]
    change: ReportChange,
    sections: Json<Sections>,
    assessment: Option<Json<AssessmentInput>>,
}

/// The start of a day in Jinan, as RFC 3339 in UTC (sorts with `now`).
fn published_at(day: NaiveDate) -> String {
    crate::clock::day_start(day).to_rfc3339()
}

fn loss_fen(input: &AccidentInput) -> i64 {
    i64::try_from(input.direct_loss_yuan.saturating_mul(100)).unwrap_or(i64::MAX)
}

fn trimmed(sections: &Sections) -> Sections {
    Sections {
        accident: sections.accident.trim().to_owned(),
        causes: sections.causes.trim().to_owned(),
        technical: sections.technical.trim().to_owned(),
        management: sections.management.trim().to_owned(),
        responsibility: sections.responsibility.trim().to_owned(),
        measures: sections.measures.trim().to_owned(),
    }
}

/// Adds the next version of a report's text, published at `at` (RFC 3339).
/// Publishes the next version of a report: its text and the assessment in
/// force (the history shows both as they were).
async fn add_version(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    sections: &Sections,
    assessment: Option<&AssessmentInput>,
    note: &str,
    at: &str,
) -> Result<i64, StoreError> {
    let version: i64 = sqlx::query_scalar(
        "SELECT coalesce(max(version), 0) + 1 FROM accident_report_versions WHERE report_id = $1",
    )
    .bind(id)
    .fetch_one(&mut **tx)
    .await?;
    let text = serde_json::to_string(&trimmed(sections)).map_err(StoreError::encode)?;
    let assessment = assessment
        .map(|a| {
            serde_json::to_string(&AssessmentInput {
                assessed_on: a.assessed_on,
                authority: a.authority.trim().to_owned(),
                findings: a.findings.trim().to_owned(),
                conclusion: a.conclusion.trim().to_owned(),
            })
        })
        .transpose()
        .map_err(StoreError::encode)?;
    sqlx::query(
        "INSERT INTO accident_report_versions (report_id, version, sections, assessment, note,
             changed_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(version)
    .bind(text)
    .bind(assessment)
    .bind(note)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(version)
}

/// The report's assessment as last published, if any.
async fn current_assessment(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
) -> Result<Option<AssessmentInput>, StoreError> {
    sqlx::query_as(
        "SELECT assessed_on, authority, findings, conclusion FROM accident_assessments
         WHERE report_id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await
    .map_err(StoreError::from)
}

impl Store {
    // --- typical cases ---------------------------------------------------

    /// A page of cases, newest first, optionally of one industry and year.
    pub async fn case_page(
        &self,
        industry: Option<Industry>,
        year: Option<i32>,
        page: u32,
    ) -> Result<ExposedCasePage, StoreError> {
        const WHERE: &str =
            "($1 IS NULL OR industry = $1) AND ($2 IS NULL OR substr(published_on, 1, 4) = $2)";
        let year = year.map(|y| format!("{y:04}"));
        let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT count(*) FROM exposed_cases WHERE {WHERE}"
        )))
        .bind(industry)
        .bind(&year)
        .fetch_one(&self.pool)
        .await?;
        let items: Vec<ExposedCaseSummary> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {CASE_COLUMNS} FROM exposed_cases WHERE {WHERE}
             ORDER BY published_on DESC, id DESC LIMIT $3 OFFSET $4"
        )))
        .bind(industry)
        .bind(&year)
        .bind(i64::from(PAGE_SIZE))
        .bind(offset(page))
        .fetch_all(&self.pool)
        .await?;
        Ok(ExposedCasePage {
            total: u64::try_from(total).unwrap_or_default(),
            page,
            page_size: PAGE_SIZE,
            items,
        })
    }

    /// A case in full; `today` decides which cited decisions are in view.
    pub async fn exposed_case(
        &self,
        id: i64,
        today: NaiveDate,
    ) -> Result<Option<ExposedCase>, StoreError> {
        let Some(row) = sqlx::query_as::<_, CaseRow>(sqlx::AssertSqlSafe(format!(
            "SELECT {CASE_COLUMNS}, body, lesson, provisions, updated_at
             FROM exposed_cases WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let cited: Vec<CitedRow> = sqlx::query_as(
            "SELECT d.id, d.decision_no, d.party_name, d.decided_on, d.fine_fen, d.disclosure_until
             FROM exposed_case_decisions c JOIN penalty_decisions d ON d.id = c.decision_id
             WHERE c.case_id = $1 ORDER BY c.position",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let decisions = cited
            .into_iter()
            .map(|d| CitedDecision {
                id: d.id,
                decision_no: d.decision_no,
                party_name: d.party_name,
                decided_on: d.decided_on,
                fine_fen: d.fine_fen,
                in_view: d.disclosure_until >= today,
            })
            .collect();
        let summary = row.summary;
        Ok(Some(ExposedCase {
            id: summary.id,
            title: summary.title,
            industry: summary.industry,
            district: summary.district,
            published_on: summary.published_on,
            summary: summary.summary,
            body: paragraphs(&row.body),
            lesson: row.lesson,
            provisions: provisions_in(&row.provisions),
            provisions_text: row.provisions,
            decisions,
            updated_at: row.updated_at,
        }))
    }

    /// The input a case was last saved from, for editing.
    pub async fn case_input(&self, id: i64) -> Result<Option<ExposedCaseInput>, StoreError> {
        let Some(row) = sqlx::query_as::<_, CaseInputRow>(
            "SELECT title, industry, district, published_on, summary, body, lesson, provisions
             FROM exposed_cases WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let decision_ids: Vec<i64> = sqlx::query_scalar(
            "SELECT decision_id FROM exposed_case_decisions WHERE case_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(Some(ExposedCaseInput {
            title: row.title,
            industry: row.industry,
            district: row.district,
            published_on: row.published_on,
            summary: row.summary,
            body: row.body,
            lesson: row.lesson,
            provisions: row.provisions,
            decision_ids,
        }))
    }

    /// Publishes a case (`id` None) or rewrites one, audited.
    pub async fn save_case(
        &self,
        id: Option<i64>,
        input: &ExposedCaseInput,
        audit: Audit<'_>,
    ) -> Result<Write<i64>, StoreError> {
        let before = match id {
            Some(id) => match self.case_input(id).await? {
                Some(before) => Some(before),
                None => return Ok(Write::NotFound),
            },
            None => None,
        };
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let outcome = write_case(&mut tx, id, input).await?;
        let Write::Done(saved) = outcome else {
            return Ok(outcome);
        };
        write_audit(
            &mut tx,
            &Audit {
                target: format!("exposed-case:{saved}"),
                before: before.as_ref().and_then(json),
                after: json(input),
                ..audit
            },
        )
        .await?;
        tx.commit().await?;
        Ok(Write::Done(saved))
    }

    // --- listed major hazards -------------------------------------------

    /// A page of listings, newest first.
    pub async fn hazard_listing_page(
        &self,
        filter: &ListingFilter,
        page: u32,
        today: NaiveDate,
    ) -> Result<HazardListingPage, StoreError> {
        let ListingFilter {
            status,
            district,
            industry,
            ..
        } = *filter;
        let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT count(*) FROM hazard_listings l JOIN enterprises e ON e.id = l.enterprise_id
             WHERE {LISTING_WHERE}"
        )))
        .bind(status)
        .bind(i64::from(filter.overdue))
        .bind(today)
        .bind(district)
        .bind(industry)
        .fetch_one(&self.pool)
        .await?;
        let overdue_total: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM hazard_listings
             WHERE status IN ('listed', 'rectifying') AND deadline < $1",
        )
        .bind(today)
        .fetch_one(&self.pool)
        .await?;
        let rows: Vec<ListingRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {LISTING_COLUMNS}
             FROM hazard_listings l JOIN enterprises e ON e.id = l.enterprise_id
             WHERE {LISTING_WHERE} ORDER BY l.listed_on DESC, l.id DESC LIMIT $6 OFFSET $7"
        )))
        .bind(status)
        .bind(i64::from(filter.overdue))
        .bind(today)
        .bind(district)
        .bind(industry)
        .bind(i64::from(PAGE_SIZE))
        .bind(offset(page))
        .fetch_all(&self.pool)
        .await?;
        Ok(HazardListingPage {
            total: u64::try_from(total).unwrap_or_default(),
            page,
            page_size: PAGE_SIZE,
            overdue_total: u64::try_from(overdue_total).unwrap_or_default(),
            items: rows.into_iter().map(|row| row.summary(today)).collect(),
            as_of: today,
        })
    }

    /// The listings of one enterprise (by normalised credit code), newest first.
    pub async fn hazard_listings_of(
        &self,
        code: &str,
        today: NaiveDate,
    ) -> Result<Vec<HazardListingSummary>, StoreError> {
        let rows: Vec<ListingRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {LISTING_COLUMNS}
             FROM hazard_listings l JOIN enterprises e ON e.id = l.enterprise_id
             WHERE e.credit_code = $1 ORDER BY l.listed_on DESC, l.id DESC"
        )))
        .bind(code)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|row| row.summary(today)).collect())
    }

    /// A listing in full.
    pub async fn hazard_listing(
        &self,
        id: i64,
        today: NaiveDate,
    ) -> Result<Option<HazardListing>, StoreError> {
        let Some(row) = sqlx::query_as::<_, FullListingRow>(sqlx::AssertSqlSafe(format!(
            "SELECT {LISTING_COLUMNS}, l.description, l.requirements, l.updated_at
             FROM hazard_listings l JOIN enterprises e ON e.id = l.enterprise_id
             WHERE l.id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let steps: Vec<ListingStep> = sqlx::query_as(
            "SELECT status, on_date, note FROM hazard_listing_steps WHERE listing_id = $1
             ORDER BY seq",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(Some(HazardListing {
            summary: row.listing.summary(today),
            description: row.description,
            requirements: row.requirements,
            steps,
            updated_at: row.updated_at,
        }))
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
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let Some(enterprise) = enterprise_by_code(&mut tx, code).await? else {
            return Ok(Write::Refused(refused(
                "credit_code",
                Problem::UnknownEnterprise,
            )));
        };
        let now = Utc::now().to_rfc3339();
        let (saved, before) = match id {
            None => {
                let id = sqlx::query(
                    "INSERT INTO hazard_listings (enterprise_id, hazard, description, requirements,
                         authority, listed_on, deadline, status, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, 'listed', $8, $9)",
                )
                .bind(enterprise)
                .bind(input.hazard.trim())
                .bind(input.description.trim())
                .bind(input.requirements.trim())
                .bind(input.authority.trim())
                .bind(input.listed_on)
                .bind(input.deadline)
                .bind(&now)
                .bind(&now)
                .execute(&mut *tx)
                .await?
                .last_insert_rowid();
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
                .bind(&now)
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
    }

    /// Moves a listing to its next status, audited.
    pub async fn add_listing_step(
        &self,
        id: i64,
        step: &StepInput,
        today: NaiveDate,
        audit: Audit<'_>,
    ) -> Result<Write<HazardStatus>, StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
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
            .bind(Utc::now().to_rfc3339())
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
    }

    /// Open and overdue listings by district, as of `today`.
    pub async fn listings_by_district(
        &self,
        today: NaiveDate,
    ) -> Result<Vec<(District, i64, i64)>, StoreError> {
        sqlx::query_as(
            "SELECT e.district,
                    sum(l.status IN ('listed', 'rectifying')) AS open,
                    sum(l.status IN ('listed', 'rectifying') AND l.deadline < $1) AS overdue
             FROM hazard_listings l JOIN enterprises e ON e.id = l.enterprise_id
             GROUP BY e.district",
        )
        .bind(today)
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::from)
    }

    /// Reports received, and reports found substantiated, by month in
    /// Jinan (`2026-03`), from `since` on. A report counts as substantiated
    /// in the month of that step (its instant is UTC, shifted to UTC+8).
    pub async fn reports_by_month(
        &self,
        since: NaiveDate,
    ) -> Result<Vec<(String, i64, i64)>, StoreError> {
        let since = format!("{:04}-{:02}-01", since.year(), since.month());
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT month, sum(received), sum(substantiated) FROM (
                 SELECT substr(received_on, 1, 7) AS month, 1 AS received, 0 AS substantiated
                 FROM reports WHERE received_on >= $1
                 UNION ALL
                 SELECT substr(datetime(at, '+8 hours'), 1, 7), 0, 1 FROM report_events
                 WHERE status = 'substantiated' AND datetime(at, '+8 hours') >= $1
             ) GROUP BY month ORDER BY month",
        )
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows)
    }

    // --- accident reports -----------------------------------------------

    /// A page of reports, newest accident first.
    pub async fn accident_page(
        &self,
        grade: Option<AccidentGrade>,
        page: u32,
    ) -> Result<AccidentPage, StoreError> {
        let total: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM accident_reports WHERE $1 IS NULL OR grade = $1",
        )
        .bind(grade)
        .fetch_one(&self.pool)
        .await?;
        let rows: Vec<AccidentRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {ACCIDENT_COLUMNS} FROM accident_reports a WHERE $1 IS NULL OR a.grade = $1
             ORDER BY a.occurred_on DESC, a.id DESC LIMIT $2 OFFSET $3"
        )))
        .bind(grade)
        .bind(i64::from(PAGE_SIZE))
        .bind(offset(page))
        .fetch_all(&self.pool)
        .await?;
        Ok(AccidentPage {
            total: u64::try_from(total).unwrap_or_default(),
            page,
            page_size: PAGE_SIZE,
            items: rows.iter().map(AccidentRow::summary).collect(),
        })
    }

    /// A report at `version` (the latest when None). None when there is no
    /// such report or version.
    pub async fn accident_report(
        &self,
        id: i64,
        version: Option<i64>,
    ) -> Result<Option<AccidentReport>, StoreError> {
        let Some(row) = sqlx::query_as::<_, AccidentRow>(sqlx::AssertSqlSafe(format!(
            "SELECT {ACCIDENT_COLUMNS} FROM accident_reports a WHERE a.id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let versions: Vec<VersionRow> = sqlx::query_as(
            "SELECT version, sections, assessment, note, changed_at FROM accident_report_versions
             WHERE report_id = $1 ORDER BY version",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let Some(latest_version) = versions.last().map(|v| v.change.version) else {
            return Ok(None);
        };
        let wanted = version.unwrap_or(latest_version);
        let mut sections = None;
        let mut assessment = None;
        let mut history = Vec::with_capacity(versions.len());
        for v in versions {
            if v.change.version == wanted {
                sections = Some(v.sections.0);
                assessment = v.assessment.map(|Json(a)| Assessment {
                    assessed_on: a.assessed_on,
                    authority: a.authority,
                    findings: paragraphs(&a.findings),
                    conclusion: a.conclusion,
                });
            }
            history.push(v.change);
        }
        let Some(sections) = sections else {
            return Ok(None);
        };
        Ok(Some(AccidentReport {
            summary: row.summary(),
            direct_loss_fen: row.direct_loss_fen,
            investigated_by: row.investigated_by,
            version: wanted,
            latest_version,
            sections,
            history,
            assessment,
        }))
    }

    /// Publishes a report (`id` None, version 1) or publishes a new version
    /// of one with its public change note, audited.
    pub async fn save_accident_report(
        &self,
        id: Option<i64>,
        input: &AccidentInput,
        audit: Audit<'_>,
    ) -> Result<Write<(i64, i64)>, StoreError> {
        let before = match id {
            Some(id) => match self.accident_report(id, None).await? {
                Some(before) => Some(before),
                None => return Ok(Write::NotFound),
            },
            None => None,
        };
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let now = Utc::now().to_rfc3339();
        let (saved, note) = match id {
            None => {
                let id = sqlx::query(
                    "INSERT INTO accident_reports (title, occurred_on, district, industry, grade,
                         deaths, injuries, direct_loss_fen, investigated_by, published_on,
                         created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                )
                .bind(input.title.trim())
                .bind(input.occurred_on)
                .bind(input.district)
                .bind(input.industry)
                .bind(input.grade)
                .bind(i64::from(input.deaths))
                .bind(i64::from(input.injuries))
                .bind(loss_fen(input))
                .bind(input.investigated_by.trim())
                .bind(input.published_on)
                .bind(&now)
                .bind(&now)
                .execute(&mut *tx)
                .await?
                .last_insert_rowid();
                (id, "调查报告全文公布".to_owned())
            }
            Some(id) => {
                sqlx::query(
                    "UPDATE accident_reports SET title = $1, occurred_on = $2, district = $3,
                         industry = $4, grade = $5, deaths = $6, injuries = $7, direct_loss_fen = $8,
                         investigated_by = $9, published_on = $10, updated_at = $11
                     WHERE id = $12",
                )
                .bind(input.title.trim())
                .bind(input.occurred_on)
                .bind(input.district)
                .bind(input.industry)
                .bind(input.grade)
                .bind(i64::from(input.deaths))
                .bind(i64::from(input.injuries))
                .bind(loss_fen(input))
                .bind(input.investigated_by.trim())
                .bind(input.published_on)
                .bind(&now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                (id, input.change_note.trim().to_owned())
            }
        };
        // The first version is dated by its publication day when that is
        // past (a report entered late keeps its true date); later ones now.
        let at = match id {
            None => published_at(input.published_on).min(now.clone()),
            Some(_) => now.clone(),
        };
        // A corrected text keeps the assessment in force.
        let assessment = current_assessment(&mut tx, saved).await?;
        let version = add_version(
            &mut tx,
            saved,
            &input.sections,
            assessment.as_ref(),
            &note,
            &at,
        )
        .await?;
        write_audit(
            &mut tx,
            &Audit {
                target: format!("accident-report:{saved}"),
                before: before.as_ref().and_then(json),
                after: json(input),
                ..audit
            },
        )
        .await?;
        tx.commit().await?;
        Ok(Write::Done((saved, version)))
    }

    /// Publishes or corrects a report's rectification assessment, audited;
    /// the report's public history records it.
    pub async fn save_assessment(
        &self,
        id: i64,
        input: &AssessmentInput,
        today: NaiveDate,
        audit: Audit<'_>,
    ) -> Result<Write<()>, StoreError> {
        let Some(report) = self.accident_report(id, None).await? else {
            return Ok(Write::NotFound);
        };
        if let Err(errors) = input.validate(report.summary.published_on, today) {
            return Ok(Write::Refused(errors));
        }
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let now = Utc::now().to_rfc3339();
        sqlx::query(
            "INSERT INTO accident_assessments (report_id, assessed_on, authority, findings,
                 conclusion, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (report_id) DO UPDATE SET assessed_on = excluded.assessed_on,
                 authority = excluded.authority, findings = excluded.findings,
                 conclusion = excluded.conclusion, updated_at = excluded.updated_at",
        )
        .bind(id)
        .bind(input.assessed_on)
        .bind(input.authority.trim())
        .bind(input.findings.trim())
        .bind(input.conclusion.trim())
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        let note = if report.assessment.is_some() {
            "整改评估情况更正"
        } else {
            "公布一年内整改措施落实情况评估"
        };
        add_version(&mut tx, id, &report.sections, Some(input), note, &now).await?;
        write_audit(
            &mut tx,
            &Audit {
                target: format!("accident-report:{id}"),
                before: report.assessment.as_ref().and_then(json),
                after: json(input),
                ..audit
            },
        )
        .await?;
        tx.commit().await?;
        Ok(Write::Done(()))
    }
}
