//! Case handling of hazard reports: the queue, a case, status changes with
//! public replies, the decision a report led to, rewards. Every change is
//! written with its audit entry and a status event in one transaction.

use chrono::{DateTime, NaiveDate, Utc};
use portal_types::reports::{ReportCategory, ReportStatus};
use portal_types::staff::cases::{
    CaseDetail, CaseSummary, DecidedBasis, Reporter, clock_runs, next_statuses,
};
use portal_types::{District, Problem};

use super::Store;
use super::StoreError;
use super::staff::{Audit, write_audit};
use crate::Dialect;

/// Filters of the queue.
#[derive(Clone, Debug, Default)]
pub struct QueueFilter {
    pub status: Option<ReportStatus>,
    pub category: Option<ReportCategory>,
    pub district: Option<District>,
    /// Only reports still open past their deadline.
    pub overdue: bool,
    /// Only reports received on or before this day.
    pub received_by: Option<NaiveDate>,
}

/// What became of a change to a case.
#[derive(Debug)]
pub enum Change<T> {
    /// Done.
    Done(T),
    /// No report has this reference.
    NotFound,
    /// The report's status does not allow it; the status it has.
    WrongStatus(ReportStatus),
    /// Something about the request itself (the field and its problem).
    Refused(&'static str, Problem),
}

/// A line of the queue, as stored.
#[derive(sqlx::FromRow)]
struct QueueRow {
    reference: String,
    category: ReportCategory,
    district: District,
    status: ReportStatus,
    received_at: DateTime<Utc>,
    due: NaiveDate,
    enterprise: Option<String>,
}

/// What a handler sees of a case beside its public view, as stored.
#[derive(sqlx::FromRow)]
struct CaseRow {
    id: i64,
    address: String,
    enterprise: Option<String>,
    seen_at: String,
    description: String,
    anonymous: bool,
    decision_id: Option<i64>,
    fine_fen: Option<i64>,
    reward_basis: Option<String>,
    reward_override_reason: Option<String>,
}

/// What case changes do inside their transaction.
trait CaseTx {
    /// Appends a status event with its public reply, and sets the status.
    async fn append_event(
        &mut self,
        report_id: i64,
        status: ReportStatus,
        reply: &str,
    ) -> Result<(), StoreError>;

    /// The id and status of a report.
    async fn locate(&mut self, reference: &str) -> Result<Option<(i64, ReportStatus)>, StoreError>;
}

impl_for_transactions!(CaseTx {
    async fn append_event(
        &mut self,
        report_id: i64,
        status: ReportStatus,
        reply: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO report_events (report_id, seq, status, at, reply)
             VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM report_events WHERE report_id = $1), $2, $3, $4)",
        )
        .bind(report_id)
        .bind(status)
        .bind(Utc::now())
        .bind((!reply.trim().is_empty()).then(|| reply.trim().to_owned()))
        .execute(&mut **self)
        .await?;
        sqlx::query("UPDATE reports SET status = $1 WHERE id = $2")
            .bind(status)
            .bind(report_id)
            .execute(&mut **self)
            .await?;
        Ok(())
    }

    async fn locate(&mut self, reference: &str) -> Result<Option<(i64, ReportStatus)>, StoreError> {
        sqlx::query_as("SELECT id, status FROM reports WHERE reference = $1")
            .bind(reference)
            .fetch_optional(&mut **self)
            .await
            .map_err(StoreError::from)
    }
});

/// The queue's filters, in the order its queries bind them.
const QUEUE_WHERE: &str = "($1 IS NULL OR r.status = $1) AND ($2 IS NULL OR r.category = $2)
     AND ($3 IS NULL OR r.district = $3)
     AND (NOT $4 OR (r.status IN ('received', 'accepted', 'investigating')
                     AND coalesce(r.extended_to, r.handle_by) < $5))
     AND ($6 IS NULL OR r.received_on <= $6)";

/// Binds the queue's filters to a query of [`QUEUE_WHERE`].
macro_rules! bind_queue_filter {
    ($query:expr, $filter:expr, $today:expr) => {
        $query
            .bind($filter.status)
            .bind($filter.category)
            .bind($filter.district)
            .bind($filter.overdue)
            .bind($today)
            .bind($filter.received_by)
    };
}

impl Store {
    /// A page of the queue, oldest first, and how many match in all.
    pub async fn case_queue(
        &self,
        filter: &QueueFilter,
        today: NaiveDate,
        page: u32,
        per_page: u32,
    ) -> Result<(Vec<CaseSummary>, u64), StoreError> {
        on_db!(self, |pool| {
            let (total,): (i64,) = bind_queue_filter!(
                sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT count(*) FROM reports r WHERE {QUEUE_WHERE}"
                ))),
                filter,
                today
            )
            .fetch_one(pool)
            .await?;
            let rows: Vec<QueueRow> = bind_queue_filter!(
                sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT r.reference, r.category, r.district, r.status, r.received_at,
                        coalesce(r.extended_to, r.handle_by) AS due,
                        coalesce(e.name, r.enterprise_name) AS enterprise
                 FROM reports r LEFT JOIN enterprises e ON e.id = r.enterprise_id
                 WHERE {QUEUE_WHERE} ORDER BY r.received_at, r.id LIMIT $7 OFFSET $8"
                ))),
                filter,
                today
            )
            .bind(i64::from(per_page))
            .bind(i64::from(page.saturating_sub(1)) * i64::from(per_page))
            .fetch_all(pool)
            .await?;
            let items = rows
                .into_iter()
                .map(|row| CaseSummary {
                    overdue: clock_runs(row.status) && row.due < today,
                    reference: row.reference,
                    category: row.category,
                    district: row.district,
                    status: row.status,
                    received_at: row.received_at,
                    due: row.due,
                    enterprise_name: row.enterprise,
                })
                .collect();
            Ok((items, u64::try_from(total).unwrap_or_default()))
        })
    }

    /// A case as its handler sees it (never who reported it).
    pub async fn case_detail(&self, reference: &str) -> Result<Option<CaseDetail>, StoreError> {
        on_db!(self, |pool| {
            let Some(public) = self.report_view(reference).await? else {
                return Ok(None);
            };
            let row: CaseRow = sqlx::query_as(
            "SELECT r.id, r.address, coalesce(e.name, r.enterprise_name) AS enterprise, r.seen_at,
                    r.description, r.anonymous, r.decision_id, d.fine_fen,
                    r.reward_basis, r.reward_override_reason
             FROM reports r
             LEFT JOIN enterprises e ON e.id = r.enterprise_id
             LEFT JOIN penalty_decisions d ON d.id = r.decision_id
             WHERE r.reference = $1",
        )
        .bind(reference)
        .fetch_one(pool)
        .await?;
            let photos: Vec<i64> = sqlx::query_scalar(
                "SELECT position FROM report_photos WHERE report_id = $1 ORDER BY position",
            )
            .bind(row.id)
            .fetch_all(pool)
            .await?;
            let status = public.status;
            Ok(Some(CaseDetail {
                address: row.address,
                enterprise_name: row.enterprise,
                seen_at: row.seen_at,
                description: row.description,
                anonymous: row.anonymous,
                decision_id: row.decision_id,
                decision_fine_yuan: row.fine_fen.and_then(|fen| u64::try_from(fen / 100).ok()),
                reward_basis: row
                    .reward_basis
                    .map(|text| {
                        DecidedBasis::from_text(&text)
                            .ok_or_else(|| StoreError::Corrupt(format!("reward basis {text:?}")))
                    })
                    .transpose()?,
                reward_override_reason: row.reward_override_reason,
                next: next_statuses(status).to_vec(),
                photos: photos
                    .into_iter()
                    .filter_map(|p| u32::try_from(p).ok())
                    .collect(),
                public,
            }))
        })
    }

    /// The JPEG of a case's photo at `position`.
    pub async fn case_photo(
        &self,
        reference: &str,
        position: u32,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        on_db!(self, |pool| {
            sqlx::query_scalar(
                "SELECT p.bytes FROM report_photos p JOIN reports r ON r.id = p.report_id
             WHERE r.reference = $1 AND p.position = $2",
            )
            .bind(reference)
            .bind(i64::from(position))
            .fetch_optional(pool)
            .await
            .map_err(StoreError::from)
        })
    }

    /// Moves a case to `status` with a public reply. Substantiating it sets
    /// the date by which the result must be fed back.
    pub async fn change_case_status(
        &self,
        reference: &str,
        status: ReportStatus,
        reply: &str,
        feedback_by: NaiveDate,
        audit: Audit<'_>,
    ) -> Result<Change<()>, StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let Some((id, current)) = tx.locate(reference).await? else {
                return Ok(Change::NotFound);
            };
            if !next_statuses(current).contains(&status) {
                return Ok(Change::WrongStatus(current));
            }
            tx.append_event(id, status, reply).await?;
            if status == ReportStatus::Substantiated {
                sqlx::query("UPDATE reports SET feedback_by = $1 WHERE id = $2")
                    .bind(feedback_by)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            write_audit(
                &mut tx,
                &Audit {
                    before: Some(format!("{{\"status\":\"{}\"}}", current.slug())),
                    after: Some(format!("{{\"status\":\"{}\"}}", status.slug())),
                    ..audit
                },
            )
            .await?;
            tx.commit().await?;
            Ok(Change::Done(()))
        })
    }

    /// Links a case to the penalty decision it led to.
    pub async fn link_case_decision(
        &self,
        reference: &str,
        decision_id: i64,
        audit: Audit<'_>,
    ) -> Result<Change<()>, StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let Some((id, _)) = tx.locate(reference).await? else {
                return Ok(Change::NotFound);
            };
            let exists: Option<i64> =
                sqlx::query_scalar("SELECT id FROM penalty_decisions WHERE id = $1")
                    .bind(decision_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            if exists.is_none() {
                return Ok(Change::Refused(
                    "decision_id",
                    Problem::UnknownDecisions {
                        numbers: decision_id.to_string(),
                    },
                ));
            }
            let before: Option<i64> =
                sqlx::query_scalar("SELECT decision_id FROM reports WHERE id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            sqlx::query("UPDATE reports SET decision_id = $1 WHERE id = $2")
                .bind(decision_id)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            write_audit(
                &mut tx,
                &Audit {
                    before: Some(format!(
                        "{{\"decision_id\":{}}}",
                        before.map_or("null".to_owned(), |d| d.to_string())
                    )),
                    after: Some(format!("{{\"decision_id\":{decision_id}}}")),
                    ..audit
                },
            )
            .await?;
            tx.commit().await?;
            Ok(Change::Done(()))
        })
    }

    /// The linked decision's fine in yuan, if a decision is linked.
    pub async fn case_decision_fine(&self, reference: &str) -> Result<Option<u64>, StoreError> {
        on_db!(self, |pool| {
            let fen: Option<Option<i64>> = sqlx::query_scalar(
            "SELECT d.fine_fen FROM reports r LEFT JOIN penalty_decisions d ON d.id = r.decision_id
             WHERE r.reference = $1",
        )
        .bind(reference)
        .fetch_optional(pool)
        .await?;
            Ok(fen.flatten().and_then(|f| u64::try_from(f / 100).ok()))
        })
    }

    /// Records the reward decided for a substantiated, named report.
    pub async fn decide_case_reward(
        &self,
        reference: &str,
        amount_yuan: u64,
        basis: DecidedBasis,
        override_reason: Option<&str>,
        reply: &str,
        audit: Audit<'_>,
    ) -> Result<Change<()>, StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let Some((id, current)) = tx.locate(reference).await? else {
                return Ok(Change::NotFound);
            };
            if current != ReportStatus::Substantiated {
                return Ok(Change::WrongStatus(current));
            }
            let anonymous: bool = sqlx::query_scalar("SELECT anonymous FROM reports WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
            if anonymous {
                return Ok(Change::Refused("basis", Problem::AnonymousNoReward));
            }
            sqlx::query(
            "UPDATE reports SET reward_yuan = $1, reward_basis = $2, reward_override_reason = $3 WHERE id = $4",
        )
        .bind(i64::try_from(amount_yuan).unwrap_or(i64::MAX))
        .bind(basis.to_text())
        .bind(override_reason)
        .bind(id)
        .execute(&mut *tx)
        .await?;
            tx.append_event(id, ReportStatus::RewardDecided, reply)
                .await?;
            write_audit(
                &mut tx,
                &Audit {
                    before: Some("{\"status\":\"substantiated\"}".to_owned()),
                    after: Some(
                        serde_json::json!({
                            "status": "reward-decided",
                            "reward_yuan": amount_yuan,
                            "basis": basis.to_text(),
                            "override_reason": override_reason,
                        })
                        .to_string(),
                    ),
                    ..audit
                },
            )
            .await?;
            tx.commit().await?;
            Ok(Change::Done(()))
        })
    }

    /// Marks a decided reward paid.
    pub async fn mark_case_reward_paid(
        &self,
        reference: &str,
        reply: &str,
        audit: Audit<'_>,
    ) -> Result<Change<()>, StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let Some((id, current)) = tx.locate(reference).await? else {
                return Ok(Change::NotFound);
            };
            if current != ReportStatus::RewardDecided {
                return Ok(Change::WrongStatus(current));
            }
            tx.append_event(id, ReportStatus::RewardPaid, reply).await?;
            write_audit(
                &mut tx,
                &Audit {
                    before: Some("{\"status\":\"reward-decided\"}".to_owned()),
                    after: Some("{\"status\":\"reward-paid\"}".to_owned()),
                    ..audit
                },
            )
            .await?;
            tx.commit().await?;
            Ok(Change::Done(()))
        })
    }

    /// Who reported a case — read only on purpose, and the read is logged.
    /// `Done(None)` for an anonymous report.
    pub async fn case_reporter(
        &self,
        reference: &str,
        audit: Audit<'_>,
    ) -> Result<Change<Option<Reporter>>, StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let Some((id, _)) = tx.locate(reference).await? else {
                return Ok(Change::NotFound);
            };
            let reporter: Option<(String, String)> =
                sqlx::query_as("SELECT name, phone FROM report_reporters WHERE report_id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            write_audit(&mut tx, &audit).await?;
            tx.commit().await?;
            Ok(Change::Done(
                reporter.map(|(name, phone)| Reporter { name, phone }),
            ))
        })
    }
}

impl Store {
    /// Extends the handling deadline of an open case by `days` (once), with
    /// a public reply; the history shows the step.
    pub async fn extend_case(
        &self,
        reference: &str,
        days: u64,
        reply: &str,
        audit: Audit<'_>,
    ) -> Result<Change<NaiveDate>, StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let Some((id, current)) = tx.locate(reference).await? else {
                return Ok(Change::NotFound);
            };
            if !clock_runs(current) {
                return Ok(Change::WrongStatus(current));
            }
            let (handle_by, extended): (NaiveDate, Option<NaiveDate>) =
                sqlx::query_as("SELECT handle_by, extended_to FROM reports WHERE id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            if extended.is_some() {
                return Ok(Change::Refused("reply", Problem::ExtendedAlready));
            }
            let until = handle_by + chrono::Duration::days(i64::try_from(days).unwrap_or(30));
            sqlx::query("UPDATE reports SET extended_to = $1 WHERE id = $2")
                .bind(until)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            tx.append_event(id, current, reply).await?;
            write_audit(
                &mut tx,
                &Audit {
                    before: Some(format!("{{\"handle_by\":\"{handle_by}\"}}")),
                    after: Some(format!("{{\"extended_to\":\"{until}\"}}")),
                    ..audit
                },
            )
            .await?;
            tx.commit().await?;
            Ok(Change::Done(until))
        })
    }
}
