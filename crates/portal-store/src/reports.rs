//! Hazard reports: storing one exactly once, attaching its photos, and
//! reading what the reporter may see. The reporter's identity is written
//! here and read by no public query.

use chrono::{DateTime, NaiveDate, Utc};
use portal_types::reports::{
    NewReport, ReportCategory, ReportStatus, ReportView, Reporter, StatusEvent,
};
use portal_types::{District, Problem};

use super::Store;
use super::StoreError;
use crate::Dialect;

/// The fixed facts of a report being stored.
pub struct ReportRecord<'a> {
    pub report: &'a NewReport,
    pub code_hash: [u8; 32],
    pub received_at: DateTime<Utc>,
    pub received_on: NaiveDate,
    pub handle_by: NaiveDate,
    /// `web` or `open311`.
    pub source: &'static str,
    /// A bot's (it filled the field people never see): only its receipt is
    /// kept, in `trapped_receipts`, answering like a new report's.
    pub trapped: bool,
}

/// An Idempotency-Key and the hash of the request it came with.
pub struct Idempotency<'a> {
    pub key: &'a str,
    pub request_hash: &'a str,
}

/// What storing a report did.
#[derive(Debug)]
pub enum Stored {
    /// A new report, and the answer recorded for its key.
    Created {
        /// `None` for a trapped report: nothing was stored but its receipt.
        id: Option<i64>,
        reference: String,
        body: String,
    },
    /// The key was used before with the same request: its recorded answer.
    Replayed { status: u16, body: String },
    /// The key was used before with a different request.
    KeyReused,
    /// Something the report refers to does not exist.
    Invalid {
        field: &'static str,
        problem: Problem,
    },
}

/// A bot's receipt, as stored.
#[derive(sqlx::FromRow)]
struct TrappedRow {
    reference: String,
    category: ReportCategory,
    district: District,
    received_at: DateTime<Utc>,
    handle_by: NaiveDate,
    #[sqlx(try_from = "i64")]
    photos: u32,
}

/// What the reporter may see of a report, as stored.
#[derive(sqlx::FromRow)]
struct ViewRow {
    id: i64,
    reference: String,
    category: ReportCategory,
    district: District,
    status: ReportStatus,
    received_at: DateTime<Utc>,
    handle_by: NaiveDate,
    extended_to: Option<NaiveDate>,
    feedback_by: Option<NaiveDate>,
    reward_yuan: Option<i64>,
    #[sqlx(try_from = "i64")]
    photos: u32,
}

impl Store {
    /// Stores a photo uploaded for a report being written.
    pub async fn insert_photo(
        &self,
        token: &str,
        width: u32,
        height: u32,
        jpeg: &[u8],
    ) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            sqlx::query(
                "INSERT INTO report_photos (token, content_type, width, height, bytes, uploaded_at)
             VALUES ($1, 'image/jpeg', $2, $3, $4, $5)",
            )
            .bind(token)
            .bind(i64::from(width))
            .bind(i64::from(height))
            .bind(jpeg)
            .bind(Utc::now())
            .execute(pool)
            .await?;
            Ok(())
        })
    }

    /// Removes a photo not yet attached to a report; false if there is none.
    pub async fn delete_unattached_photo(&self, token: &str) -> Result<bool, StoreError> {
        on_db!(self, |pool| {
            let done =
                sqlx::query("DELETE FROM report_photos WHERE token = $1 AND report_id IS NULL")
                    .bind(token)
                    .execute(pool)
                    .await?;
            Ok(done.rows_affected() > 0)
        })
    }

    /// Deletes photos never attached, and idempotency records, older than
    /// `before`, and bots' receipts a month older than that.
    pub async fn purge_stale_report_data(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        on_db!(self, |pool| {
            // A bot's receipt answers for a month; no bot checks longer.
            let month_before = before - chrono::Duration::days(30);
            let photos = sqlx::query(
                "DELETE FROM report_photos WHERE report_id IS NULL AND uploaded_at < $1",
            )
            .bind(before)
            .execute(pool)
            .await?;
            let keys = sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
                .bind(before)
                .execute(pool)
                .await?;
            let trapped = sqlx::query("DELETE FROM trapped_receipts WHERE received_at < $1")
                .bind(month_before)
                .execute(pool)
                .await?;
            Ok(photos.rows_affected() + keys.rows_affected() + trapped.rows_affected())
        })
    }

    /// Stores a report, its reporter apart, its first status and its photos,
    /// and the answer to its Idempotency-Key — all in one transaction, so
    /// that an acknowledged report is committed exactly once. `answer` makes
    /// the answer from the reference number given to the report.
    pub async fn create_report(
        &self,
        record: &ReportRecord<'_>,
        idempotency: Option<&Idempotency<'_>>,
        answer: impl FnOnce(&str) -> String,
    ) -> Result<Stored, StoreError> {
        on_db!(self, |pool| {
            // IMMEDIATE: take the write lock first, so that two submissions with
            // one key cannot both find it unused.
            let mut tx = pool.begin_write().await?;
            if let Some(key) = idempotency {
                let earlier: Option<(String, i64, String)> = sqlx::query_as(
                    "SELECT request_hash, status, body FROM idempotency_keys WHERE key = $1",
                )
                .bind(key.key)
                .fetch_optional(&mut *tx)
                .await?;
                if let Some((hash, status, body)) = earlier {
                    if hash != key.request_hash {
                        return Ok(Stored::KeyReused);
                    }
                    return Ok(Stored::Replayed {
                        status: u16::try_from(status).unwrap_or(201),
                        body,
                    });
                }
            }
            let report = record.report;
            if let Some(id) = report.enterprise_id {
                let exists: Option<i64> =
                    sqlx::query_scalar("SELECT id FROM enterprises WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await?;
                if exists.is_none() {
                    return Ok(Stored::Invalid {
                        field: "enterprise_id",
                        problem: Problem::UnknownEnterprise,
                    });
                }
            }
            for token in &report.photos {
                let free: Option<i32> = sqlx::query_scalar(
                    "SELECT 1 FROM report_photos WHERE token = $1 AND report_id IS NULL",
                )
                .bind(token)
                .fetch_optional(&mut *tx)
                .await?;
                if free.is_none() {
                    return Ok(Stored::Invalid {
                        field: "photos",
                        problem: Problem::NotUploaded,
                    });
                }
            }
            // Random, and checked free inside the write transaction.
            let reference = loop {
                let candidate = crate::codes::reference(record.received_on);
                let taken: Option<i32> = sqlx::query_scalar(
                    "SELECT 1 FROM reports WHERE reference = $1
                 UNION ALL SELECT 1 FROM trapped_receipts WHERE reference = $1",
                )
                .bind(&candidate)
                .fetch_optional(&mut *tx)
                .await?;
                if taken.is_none() {
                    break candidate;
                }
            };
            let received_at = record.received_at;
            let id = if record.trapped {
                sqlx::query(
                    "INSERT INTO trapped_receipts (reference, code_hash, category, district,
                     received_at, handle_by, photos) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&reference)
                .bind(record.code_hash.as_slice())
                .bind(report.category)
                .bind(report.district)
                .bind(received_at)
                .bind(record.handle_by)
                .bind(i64::try_from(report.photos.len()).unwrap_or(i64::MAX))
                .execute(&mut *tx)
                .await?;
                // Used up, as a real report's photos are.
                for token in &report.photos {
                    sqlx::query("DELETE FROM report_photos WHERE token = $1")
                        .bind(token)
                        .execute(&mut *tx)
                        .await?;
                }
                None
            } else {
                let id: i64 = sqlx::query_scalar(
                "INSERT INTO reports (reference, code_hash, category, district, address, latitude,
                     longitude, enterprise_id, enterprise_name, seen_at, description, anonymous,
                     status, received_at, received_on, handle_by, source)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'received', $13, $14, $15, $16)
                 RETURNING id",
            )
            .bind(&reference)
            .bind(record.code_hash.as_slice())
            .bind(report.category)
            .bind(report.district)
            .bind(report.address.trim())
            .bind(report.latitude)
            .bind(report.longitude)
            .bind(report.enterprise_id)
            .bind(
                report
                    .enterprise_name
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty()),
            )
            // To the minute, as the reporter gave it ("2026-05-01T14:30").
            .bind(report.seen_at.format("%Y-%m-%dT%H:%M").to_string())
            .bind(report.description.trim())
            .bind(matches!(report.reporter, Reporter::Anonymous))
            .bind(received_at)
            .bind(record.received_on)
            .bind(record.handle_by)
            .bind(record.source)
            .fetch_one(&mut *tx)
            .await?;
                if let Reporter::Named { name, phone } = &report.reporter {
                    sqlx::query(
                        "INSERT INTO report_reporters (report_id, name, phone) VALUES ($1, $2, $3)",
                    )
                    .bind(id)
                    .bind(name.trim())
                    .bind(phone.trim())
                    .execute(&mut *tx)
                    .await?;
                }
                sqlx::query(
                "INSERT INTO report_events (report_id, seq, status, at, reply) VALUES ($1, 1, 'received', $2, NULL)",
            )
            .bind(id)
            .bind(received_at)
            .execute(&mut *tx)
            .await?;
                for (position, token) in (0i64..).zip(&report.photos) {
                    sqlx::query(
                        "UPDATE report_photos SET report_id = $1, position = $2 WHERE token = $3",
                    )
                    .bind(id)
                    .bind(position)
                    .bind(token)
                    .execute(&mut *tx)
                    .await?;
                }
                Some(id)
            };
            let body = answer(&reference);
            if let Some(key) = idempotency {
                tx.record_answer(key, &body, received_at).await?;
            }
            tx.commit().await?;
            Ok(Stored::Created {
                id,
                reference,
                body,
            })
        })
    }

    /// The hash of a report's query code, by reference (for the caller to
    /// compare); a trapped receipt's too.
    pub async fn report_code_hash(&self, reference: &str) -> Result<Option<Vec<u8>>, StoreError> {
        on_db!(self, |pool| {
            sqlx::query_scalar(
                "SELECT code_hash FROM reports WHERE reference = $1
             UNION ALL SELECT code_hash FROM trapped_receipts WHERE reference = $1",
            )
            .bind(reference)
            .fetch_optional(pool)
            .await
            .map_err(StoreError::from)
        })
    }

    /// A trapped receipt, as the view of a report just received.
    async fn trapped_view(&self, reference: &str) -> Result<Option<ReportView>, StoreError> {
        on_db!(self, |pool| {
            let Some(row) = sqlx::query_as::<_, TrappedRow>(
                "SELECT reference, category, district, received_at, handle_by, photos
             FROM trapped_receipts WHERE reference = $1",
            )
            .bind(reference)
            .fetch_optional(pool)
            .await?
            else {
                return Ok(None);
            };
            Ok(Some(ReportView {
                reference: row.reference,
                category: row.category,
                district: row.district,
                status: ReportStatus::Received,
                received_at: row.received_at,
                history: vec![StatusEvent {
                    status: ReportStatus::Received,
                    at: row.received_at,
                    reply: None,
                }],
                handle_by: row.handle_by,
                extended_to: None,
                feedback_by: None,
                reward_yuan: None,
                photos: row.photos,
            }))
        })
    }

    /// What the reporter may see of a report. No identity.
    pub async fn report_view(&self, reference: &str) -> Result<Option<ReportView>, StoreError> {
        on_db!(self, |pool| {
            let Some(row) = sqlx::query_as::<_, ViewRow>(
                "SELECT r.id, r.reference, r.category, r.district, r.status, r.received_at,
                    r.handle_by, r.extended_to, r.feedback_by, r.reward_yuan,
                    (SELECT count(*) FROM report_photos p WHERE p.report_id = r.id) AS photos
             FROM reports r WHERE r.reference = $1",
            )
            .bind(reference)
            .fetch_optional(pool)
            .await?
            else {
                return self.trapped_view(reference).await;
            };
            let history: Vec<StatusEvent> = sqlx::query_as(
                "SELECT status, at, reply FROM report_events WHERE report_id = $1 ORDER BY seq",
            )
            .bind(row.id)
            .fetch_all(pool)
            .await?;
            Ok(Some(ReportView {
                reference: row.reference,
                category: row.category,
                district: row.district,
                status: row.status,
                received_at: row.received_at,
                history,
                handle_by: row.handle_by,
                extended_to: row.extended_to,
                feedback_by: row.feedback_by,
                reward_yuan: row.reward_yuan.and_then(|y| u64::try_from(y).ok()),
                photos: row.photos,
            }))
        })
    }

    /// How many reports named this enterprise, received from `since` up to
    /// the day before `before`.
    pub async fn reports_naming(
        &self,
        enterprise_id: i64,
        since: NaiveDate,
        before: NaiveDate,
    ) -> Result<u64, StoreError> {
        on_db!(self, |pool| {
            let count: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM reports WHERE enterprise_id = $1 AND received_on >= $2 AND received_on < $3",
        )
        .bind(enterprise_id)
        .bind(since)
        .bind(before)
        .fetch_one(pool)
        .await?;
            Ok(u64::try_from(count).unwrap_or(0))
        })
    }

    /// How many reports there are with this reference (for tests of durability).
    pub async fn count_reports_with_reference(&self, reference: &str) -> Result<u64, StoreError> {
        on_db!(self, |pool| {
            let count: i64 =
                sqlx::query_scalar("SELECT count(*) FROM reports WHERE reference = $1")
                    .bind(reference)
                    .fetch_one(pool)
                    .await?;
            Ok(u64::try_from(count).unwrap_or(0))
        })
    }
}

/// Recording the answer given to an Idempotency-Key, in the transaction
/// that stored what it answers.
trait AnswerTx {
    async fn record_answer(
        &mut self,
        key: &Idempotency<'_>,
        body: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;
}

impl_for_transactions!(AnswerTx {
    async fn record_answer(
        &mut self,
        key: &Idempotency<'_>,
        body: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO idempotency_keys (key, request_hash, status, body, created_at)
             VALUES ($1, $2, 201, $3, $4)",
        )
        .bind(key.key)
        .bind(key.request_hash)
        .bind(body)
        .bind(at)
        .execute(&mut **self)
        .await?;
        Ok(())
    }
});
