//! Accident investigation reports (事故调查报告): a page, one report at a
//! version, and the editors' audited writes. A report's versions only grow.

use chrono::{DateTime, NaiveDate, Utc};
use portal_types::enforcement::{
    AccidentGrade, AccidentInput, AccidentPage, AccidentReport, AccidentSummary, Assessment,
    AssessmentInput, PAGE_SIZE, ReportChange, Sections, assessment_due, paragraphs,
};
use portal_types::{District, Industry};
use sqlx::types::Json;

use super::{Write, json, offset};
use crate::Dialect;
use crate::Store;
use crate::StoreError;
use crate::staff::{Audit, write_audit};

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

/// The start of a day in Jinan.
fn published_at(day: NaiveDate) -> DateTime<Utc> {
    crate::clock::day_start(day)
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

/// What writes of accident reports do inside their transaction.
trait AccidentTx {
    /// Publishes the next version of a report: its text and the assessment
    /// in force (the history shows both as they were), dated `at`.
    async fn add_version(
        &mut self,
        id: i64,
        sections: &Sections,
        assessment: Option<&AssessmentInput>,
        note: &str,
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError>;

    /// The report's assessment as last published, if any.
    async fn current_assessment(&mut self, id: i64) -> Result<Option<AssessmentInput>, StoreError>;
}

impl_for_transactions!(AccidentTx {
    async fn add_version(
        &mut self,
        id: i64,
        sections: &Sections,
        assessment: Option<&AssessmentInput>,
        note: &str,
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let version: i64 = sqlx::query_scalar(
            "SELECT coalesce(max(version), 0) + 1 FROM accident_report_versions WHERE report_id = $1",
        )
        .bind(id)
        .fetch_one(&mut **self)
        .await?;
        let assessment = assessment.map(|a| AssessmentInput {
            assessed_on: a.assessed_on,
            authority: a.authority.trim().to_owned(),
            findings: a.findings.trim().to_owned(),
            conclusion: a.conclusion.trim().to_owned(),
        });
        sqlx::query(
            "INSERT INTO accident_report_versions (report_id, version, sections, assessment, note,
                 changed_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(version)
        .bind(Json(trimmed(sections)))
        .bind(assessment.map(Json))
        .bind(note)
        .bind(at)
        .execute(&mut **self)
        .await?;
        Ok(version)
    }

    async fn current_assessment(&mut self, id: i64) -> Result<Option<AssessmentInput>, StoreError> {
        sqlx::query_as(
            "SELECT assessed_on, authority, findings, conclusion FROM accident_assessments
             WHERE report_id = $1",
        )
        .bind(id)
        .fetch_optional(&mut **self)
        .await
        .map_err(StoreError::from)
    }
});

impl Store {
    pub async fn accident_page(
        &self,
        grade: Option<AccidentGrade>,
        page: u32,
    ) -> Result<AccidentPage, StoreError> {
        on_db!(self, |pool| {
            let total: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM accident_reports WHERE $1 IS NULL OR grade = $1",
            )
            .bind(grade)
            .fetch_one(pool)
            .await?;
            let rows: Vec<AccidentRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {ACCIDENT_COLUMNS} FROM accident_reports a WHERE $1 IS NULL OR a.grade = $1
             ORDER BY a.occurred_on DESC, a.id DESC LIMIT $2 OFFSET $3"
            )))
            .bind(grade)
            .bind(i64::from(PAGE_SIZE))
            .bind(offset(page))
            .fetch_all(pool)
            .await?;
            Ok(AccidentPage {
                total: u64::try_from(total).unwrap_or_default(),
                page,
                page_size: PAGE_SIZE,
                items: rows.iter().map(AccidentRow::summary).collect(),
            })
        })
    }

    /// A report at `version` (the latest when None). None when there is no
    /// such report or version.
    pub async fn accident_report(
        &self,
        id: i64,
        version: Option<i64>,
    ) -> Result<Option<AccidentReport>, StoreError> {
        on_db!(self, |pool| {
            let Some(row) = sqlx::query_as::<_, AccidentRow>(sqlx::AssertSqlSafe(format!(
                "SELECT {ACCIDENT_COLUMNS} FROM accident_reports a WHERE a.id = $1"
            )))
            .bind(id)
            .fetch_optional(pool)
            .await?
            else {
                return Ok(None);
            };
            let versions: Vec<VersionRow> = sqlx::query_as(
            "SELECT version, sections, assessment, note, changed_at FROM accident_report_versions
             WHERE report_id = $1 ORDER BY version",
        )
        .bind(id)
        .fetch_all(pool)
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
        })
    }

    /// Publishes a report (`id` None, version 1) or publishes a new version
    /// of one with its public change note, audited.
    pub async fn save_accident_report(
        &self,
        id: Option<i64>,
        input: &AccidentInput,
        audit: Audit<'_>,
    ) -> Result<Write<(i64, i64)>, StoreError> {
        on_db!(self, |pool| {
            let before = match id {
                Some(id) => match self.accident_report(id, None).await? {
                    Some(before) => Some(before),
                    None => return Ok(Write::NotFound),
                },
                None => None,
            };
            let mut tx = pool.begin_write().await?;
            let now = Utc::now();
            let (saved, note) = match id {
                None => {
                    let id: i64 = sqlx::query_scalar(
                    "INSERT INTO accident_reports (title, occurred_on, district, industry, grade,
                         deaths, injuries, direct_loss_fen, investigated_by, published_on,
                         created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
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
                .bind(now)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
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
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                    (id, input.change_note.trim().to_owned())
                }
            };
            // The first version is dated by its publication day when that is
            // past (a report entered late keeps its true date); later ones now.
            let at = match id {
                None => published_at(input.published_on).min(now),
                Some(_) => now,
            };
            // A corrected text keeps the assessment in force.
            let assessment = tx.current_assessment(saved).await?;
            let version = tx
                .add_version(saved, &input.sections, assessment.as_ref(), &note, at)
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
        })
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
        on_db!(self, |pool| {
            let Some(report) = self.accident_report(id, None).await? else {
                return Ok(Write::NotFound);
            };
            if let Err(errors) = input.validate(report.summary.published_on, today) {
                return Ok(Write::Refused(errors));
            }
            let mut tx = pool.begin_write().await?;
            let now = Utc::now();
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
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let note = if report.assessment.is_some() {
                "整改评估情况更正"
            } else {
                "公布一年内整改措施落实情况评估"
            };
            tx.add_version(id, &report.sections, Some(input), note, now)
                .await?;
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
        })
    }
}
