//! Typical cases (典型案例): a page, one case with the decisions it cites, the
//! input it was saved from, and the editors' audited writes.

use chrono::{DateTime, NaiveDate, Utc};
use portal_types::Problem;
use portal_types::education::provisions_in;
use portal_types::enforcement::{
    CitedDecision, ExposedCase, ExposedCaseInput, ExposedCasePage, ExposedCaseSummary, PAGE_SIZE,
    paragraphs,
};
use portal_types::{District, Industry};

use super::{Write, json, offset, refused};
use crate::Dialect;
use crate::Store;
use crate::StoreError;
use crate::staff::{Audit, write_audit};

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

/// What writes of typical cases do inside their transaction.
trait TypicalCaseTx {
    /// The ids among `ids` that name no decision.
    async fn unknown_decisions(&mut self, ids: &[i64]) -> Result<Vec<i64>, StoreError>;

    /// Writes a new case (`id` None) or a case's new text, with the
    /// decisions it cites.
    async fn write_case(
        &mut self,
        id: Option<i64>,
        input: &ExposedCaseInput,
    ) -> Result<Write<i64>, StoreError>;
}

impl_for_transactions!(TypicalCaseTx {
async fn unknown_decisions(&mut self, ids: &[i64]) -> Result<Vec<i64>, StoreError> {
    let mut unknown = Vec::new();
    for &id in ids {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT id FROM penalty_decisions WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut **self)
                .await?;
        if found.is_none() {
            unknown.push(id);
        }
    }
    Ok(unknown)
}

async fn write_case(
    &mut self,
    id: Option<i64>,
    input: &ExposedCaseInput,
) -> Result<Write<i64>, StoreError> {
    let mut ids = input.decision_ids.clone();
    ids.dedup();
    let unknown = self.unknown_decisions(&ids).await?;
    if !unknown.is_empty() {
        let list: Vec<String> = unknown.iter().map(ToString::to_string).collect();
        return Ok(Write::Refused(refused(
            "decision_ids",
            Problem::UnknownDecisions {
                numbers: list.join(", "),
            },
        )));
    }
    let now = Utc::now();
    let id = match id {
        None => {
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO exposed_cases (title, industry, district, published_on, summary, body,
                 lesson, provisions, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            )
            .bind(input.title.trim())
            .bind(input.industry)
            .bind(input.district)
            .bind(input.published_on)
            .bind(input.summary.trim())
            .bind(input.body.trim())
            .bind(input.lesson.trim())
            .bind(input.provisions.trim())
            .bind(now)
            .bind(now)
            .fetch_one(&mut **self)
            .await?
        }
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
            .bind(now)
            .bind(id)
            .execute(&mut **self)
            .await?;
            sqlx::query("DELETE FROM exposed_case_decisions WHERE case_id = $1")
                .bind(id)
                .execute(&mut **self)
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
        .execute(&mut **self)
        .await?;
    }
    Ok(Write::Done(id))
}
});

impl Store {
    /// A page of cases, newest first, optionally of one industry and year.
    pub async fn typical_case_page(
        &self,
        industry: Option<Industry>,
        year: Option<i32>,
        page: u32,
    ) -> Result<ExposedCasePage, StoreError> {
        on_db!(self, |pool| {
            const WHERE: &str = "($1 IS NULL OR industry = $1)
             AND ($2 IS NULL OR (published_on >= $2 AND published_on < $3))";
            let (from, to) = (
                year.and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)),
                year.and_then(|y| NaiveDate::from_ymd_opt(y + 1, 1, 1)),
            );
            let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT count(*) FROM exposed_cases WHERE {WHERE}"
            )))
            .bind(industry)
            .bind(from)
            .bind(to)
            .fetch_one(pool)
            .await?;
            let items: Vec<ExposedCaseSummary> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {CASE_COLUMNS} FROM exposed_cases WHERE {WHERE}
             ORDER BY published_on DESC, id DESC LIMIT $4 OFFSET $5"
            )))
            .bind(industry)
            .bind(from)
            .bind(to)
            .bind(i64::from(PAGE_SIZE))
            .bind(offset(page))
            .fetch_all(pool)
            .await?;
            Ok(ExposedCasePage {
                total: u64::try_from(total).unwrap_or_default(),
                page,
                page_size: PAGE_SIZE,
                items,
            })
        })
    }

    /// A case in full; `today` decides which cited decisions are in view.
    pub async fn typical_case(
        &self,
        id: i64,
        today: NaiveDate,
    ) -> Result<Option<ExposedCase>, StoreError> {
        on_db!(self, |pool| {
            let Some(row) = sqlx::query_as::<_, CaseRow>(sqlx::AssertSqlSafe(format!(
                "SELECT {CASE_COLUMNS}, body, lesson, provisions, updated_at
             FROM exposed_cases WHERE id = $1"
            )))
            .bind(id)
            .fetch_optional(pool)
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
        .fetch_all(pool)
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
        })
    }

    /// The input a case was last saved from, for editing.
    pub async fn typical_case_input(
        &self,
        id: i64,
    ) -> Result<Option<ExposedCaseInput>, StoreError> {
        on_db!(self, |pool| {
            let Some(row) = sqlx::query_as::<_, CaseInputRow>(
                "SELECT title, industry, district, published_on, summary, body, lesson, provisions
             FROM exposed_cases WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await?
            else {
                return Ok(None);
            };
            let decision_ids: Vec<i64> = sqlx::query_scalar(
            "SELECT decision_id FROM exposed_case_decisions WHERE case_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(pool)
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
        })
    }

    /// Publishes a case (`id` None) or rewrites one, audited.
    pub async fn save_typical_case(
        &self,
        id: Option<i64>,
        input: &ExposedCaseInput,
        audit: Audit<'_>,
    ) -> Result<Write<i64>, StoreError> {
        on_db!(self, |pool| {
            let before = match id {
                Some(id) => match self.typical_case_input(id).await? {
                    Some(before) => Some(before),
                    None => return Ok(Write::NotFound),
                },
                None => None,
            };
            let mut tx = pool.begin_write().await?;
            let outcome = tx.write_case(id, input).await?;
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
        })
    }
}
