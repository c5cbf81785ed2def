//! Credit repair applications: stored with their first step and their
//! documents in one transaction; each later step (staff's, or the
//! applicant's added documents) with its event and audit row in one; an
//! approval removes the listing in the same transaction.

use chrono::{DateTime, NaiveDate, Utc};
use portal_types::blacklist::RemovalBasis;
use portal_types::blacklist::repair::{
    NewRepairApplication, RepairAction, RepairCase, RepairDocument, RepairEvent, RepairStatus,
    RepairSummary, RepairView,
};
use portal_types::blacklist::rules::{earliest_early_removal, term_end};

use super::Store;
use super::StoreError;
use super::staff::{Actor, Audit, write_audit};
use crate::Dialect;

/// What the handler hands over of a new application.
#[derive(Debug)]
pub struct RepairRecord<'a> {
    pub application: &'a NewRepairApplication,
    /// The normalised credit code.
    pub code: &'a str,
    pub code_hash: [u8; 32],
    pub received_at: DateTime<Utc>,
    pub received_on: NaiveDate,
    pub decide_by: NaiveDate,
}

/// What became of an application or of a step on one.
#[derive(Debug, PartialEq, Eq)]
pub enum RepairOutcome {
    /// Stored, with this reference.
    Created { reference: String },
    /// The step was taken.
    Done,
    /// No enterprise of the directory has the code.
    UnknownEnterprise,
    /// The enterprise is not on the list now.
    NotListed,
    /// The listing is not 12 months old: it may apply from this day.
    TooEarly { from: NaiveDate },
    /// An application for this listing is open already.
    AlreadyOpen { reference: String },
    /// A document was not uploaded, is attached already, or expired.
    UnknownDocument,
    /// No such application.
    NotFound,
    /// The step is not open from the application's status.
    WrongStatus(RepairStatus),
    /// The listing was removed otherwise meanwhile.
    ListingGone,
}

/// An application as its applicant sees it, as stored.
#[derive(sqlx::FromRow)]
struct ViewRow {
    id: i64,
    #[sqlx(flatten)]
    summary: RepairSummary,
    decided_on: Option<NaiveDate>,
    listed_on: NaiveDate,
    expected_removal_on: NaiveDate,
    documents: i64,
}

/// What staff see of an application beside the applicant's view.
#[derive(sqlx::FromRow)]
struct CaseRow {
    id: i64,
    penalty_fulfilled: bool,
    hazards_corrected: bool,
    commitment: bool,
    statement: String,
    contact_name: String,
    contact_phone: String,
}

/// What applications' changes do inside their transaction.
trait RepairTx {
    /// Attaches uploaded documents to an application; false if one of them
    /// was not there to attach.
    async fn attach(&mut self, application_id: i64, tokens: &[String]) -> Result<bool, StoreError>;

    /// Records a step of an application.
    async fn add_event(
        &mut self,
        application_id: i64,
        status: RepairStatus,
        note: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;
}

impl_for_transactions!(RepairTx {
    async fn attach(&mut self, application_id: i64, tokens: &[String]) -> Result<bool, StoreError> {
        for token in tokens {
            let attached = sqlx::query(
                "UPDATE repair_documents SET application_id = $1 WHERE token = $2 AND application_id IS NULL",
            )
            .bind(application_id)
            .bind(token)
            .execute(&mut **self)
            .await?;
            if attached.rows_affected() != 1 {
                return Ok(false);
            }
        }
        Ok(true)
    }

    async fn add_event(
        &mut self,
        application_id: i64,
        status: RepairStatus,
        note: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO repair_events (application_id, status, note, at) VALUES ($1, $2, $3, $4)",
        )
        .bind(application_id)
        .bind(status)
        .bind(note)
        .bind(at)
        .execute(&mut **self)
        .await?;
        Ok(())
    }
});

impl Store {
    /// Stores an uploaded document, not attached yet.
    pub async fn insert_repair_document(
        &self,
        token: &str,
        media_type: &str,
        bytes: &[u8],
    ) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            sqlx::query(
            "INSERT INTO repair_documents (token, media_type, bytes, uploaded_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token)
        .bind(media_type)
        .bind(bytes)
        .bind(Utc::now())
        .execute(pool)
        .await?;
            Ok(())
        })
    }

    /// Deletes documents never attached that were uploaded before `before`.
    pub async fn purge_stale_repair_documents(
        &self,
        before: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        on_db!(self, |pool| {
            let done = sqlx::query(
                "DELETE FROM repair_documents WHERE application_id IS NULL AND uploaded_at < $1",
            )
            .bind(before)
            .execute(pool)
            .await?;
            Ok(done.rows_affected())
        })
    }

    /// Stores an application for the enterprise's current listing, if it
    /// may apply today, with its documents and its first step.
    pub async fn create_repair_application(
        &self,
        record: &RepairRecord<'_>,
    ) -> Result<RepairOutcome, StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let enterprise: Option<i64> =
                sqlx::query_scalar("SELECT id FROM enterprises WHERE credit_code = $1")
                    .bind(record.code)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some(enterprise_id) = enterprise else {
                return Ok(RepairOutcome::UnknownEnterprise);
            };
            let today = record.received_on;
            let listing: Option<(i64, NaiveDate)> = sqlx::query_as(
                "SELECT id, listed_on FROM blacklist_entries WHERE enterprise_id = $1
             AND removed_on IS NULL AND listed_on <= $2 AND expected_removal_on > $2
             ORDER BY listed_on DESC LIMIT 1",
            )
            .bind(enterprise_id)
            .bind(today)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((listing_id, listed_on)) = listing else {
                return Ok(RepairOutcome::NotListed);
            };
            let from = earliest_early_removal(listed_on);
            if record.received_on < from {
                return Ok(RepairOutcome::TooEarly { from });
            }
            let open: Option<String> = sqlx::query_scalar(
                "SELECT reference FROM repair_applications WHERE listing_id = $1
             AND status NOT IN ('refused', 'approved')",
            )
            .bind(listing_id)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(reference) = open {
                return Ok(RepairOutcome::AlreadyOpen { reference });
            }
            let reference = loop {
                let candidate = crate::codes::repair_reference(record.received_on);
                let taken: Option<i32> =
                    sqlx::query_scalar("SELECT 1 FROM repair_applications WHERE reference = $1")
                        .bind(&candidate)
                        .fetch_optional(&mut *tx)
                        .await?;
                if taken.is_none() {
                    break candidate;
                }
            };
            let at = record.received_at;
            let application = record.application;
            let id: i64 = sqlx::query_scalar(
            "INSERT INTO repair_applications (reference, code_hash, enterprise_id, listing_id,
                 status, penalty_fulfilled, hazards_corrected, commitment, statement,
                 contact_name, contact_phone, received_at, received_on, decide_by)
             VALUES ($1, $2, $3, $4, 'submitted', $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(&reference)
        .bind(record.code_hash.as_slice())
        .bind(enterprise_id)
        .bind(listing_id)
        .bind(application.penalty_fulfilled)
        .bind(application.hazards_corrected)
        .bind(application.commitment)
        .bind(&application.statement)
        .bind(&application.contact_name)
        .bind(&application.contact_phone)
        .bind(at)
        .bind(today)
        .bind(record.decide_by)
        .fetch_one(&mut *tx)
        .await?;
            if !tx.attach(id, &application.documents).await? {
                return Ok(RepairOutcome::UnknownDocument);
            }
            tx.add_event(id, RepairStatus::Submitted, None, at).await?;
            write_audit(
                &mut tx,
                &Audit {
                    actor: &Actor(format!("applicant:{reference}")),
                    action: "repair.apply",
                    target: format!("repair:{reference}"),
                    before: None,
                    after: Some(
                        serde_json::json!({
                            "listing": listing_id,
                            "documents": application.documents.len(),
                        })
                        .to_string(),
                    ),
                },
            )
            .await?;
            tx.commit().await?;
            Ok(RepairOutcome::Created { reference })
        })
    }

    /// The hash of an application's query code, by reference.
    pub async fn repair_code_hash(&self, reference: &str) -> Result<Option<Vec<u8>>, StoreError> {
        on_db!(self, |pool| {
            sqlx::query_scalar("SELECT code_hash FROM repair_applications WHERE reference = $1")
                .bind(reference)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from)
        })
    }

    /// Documents added by the applicant after more were asked for.
    pub async fn supplement_repair(
        &self,
        reference: &str,
        tokens: &[String],
        note: &str,
    ) -> Result<RepairOutcome, StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let row: Option<(i64, RepairStatus)> =
                sqlx::query_as("SELECT id, status FROM repair_applications WHERE reference = $1")
                    .bind(reference)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some((id, current)) = row else {
                return Ok(RepairOutcome::NotFound);
            };
            if current != RepairStatus::MoreRequested {
                return Ok(RepairOutcome::WrongStatus(current));
            }
            let attached: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM repair_documents WHERE application_id = $1",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            let room = portal_types::blacklist::repair::MAX_DOCUMENTS as i64 - attached;
            if i64::try_from(tokens.len()).unwrap_or(i64::MAX) > room {
                return Ok(RepairOutcome::UnknownDocument);
            }
            if !tx.attach(id, tokens).await? {
                return Ok(RepairOutcome::UnknownDocument);
            }
            let at = Utc::now();
            let note = Some(note.trim()).filter(|n| !n.is_empty());
            tx.add_event(id, RepairStatus::Supplemented, note, at)
                .await?;
            sqlx::query("UPDATE repair_applications SET status = 'supplemented' WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            write_audit(
                &mut tx,
                &Audit {
                    actor: &Actor(format!("applicant:{reference}")),
                    action: "repair.supplement",
                    target: format!("repair:{reference}"),
                    before: Some(serde_json::json!({ "status": current.slug() }).to_string()),
                    after: Some(
                        serde_json::json!({ "status": "supplemented", "documents": tokens.len() })
                            .to_string(),
                    ),
                },
            )
            .await?;
            tx.commit().await?;
            Ok(RepairOutcome::Done)
        })
    }

    /// An application as its applicant sees it.
    pub async fn repair_view(&self, reference: &str) -> Result<Option<RepairView>, StoreError> {
        on_db!(self, |pool| {
            let Some(row) = sqlx::query_as::<_, ViewRow>(
            "SELECT a.id, a.reference, e.name AS enterprise_name, e.credit_code, a.status,
                    a.received_at, a.decide_by, a.decided_on, b.listed_on, b.expected_removal_on,
                    (SELECT count(*) FROM repair_documents d WHERE d.application_id = a.id) AS documents
             FROM repair_applications a
             JOIN enterprises e ON e.id = a.enterprise_id
             JOIN blacklist_entries b ON b.id = a.listing_id
             WHERE a.reference = $1",
        )
        .bind(reference)
        .fetch_optional(pool)
        .await?
        else {
            return Ok(None);
        };
            let history: Vec<RepairEvent> = sqlx::query_as(
                "SELECT status, note, at FROM repair_events WHERE application_id = $1 ORDER BY id",
            )
            .bind(row.id)
            .fetch_all(pool)
            .await?;
            let summary = row.summary;
            Ok(Some(RepairView {
                reference: summary.reference,
                enterprise_name: summary.enterprise_name,
                credit_code: summary.credit_code,
                status: summary.status,
                received_at: summary.received_at,
                decide_by: summary.decide_by,
                decided_on: row.decided_on,
                listed_on: row.listed_on,
                term_ends_on: row.expected_removal_on.min(term_end(row.listed_on)),
                history,
                documents: u32::try_from(row.documents).unwrap_or(u32::MAX),
            }))
        })
    }

    /// Open applications, the oldest first.
    pub async fn open_repairs(&self) -> Result<Vec<RepairSummary>, StoreError> {
        on_db!(self, |pool| {
            sqlx::query_as(
                "SELECT a.reference, e.name AS enterprise_name, e.credit_code, a.status,
                    a.received_at, a.decide_by
             FROM repair_applications a JOIN enterprises e ON e.id = a.enterprise_id
             WHERE a.status NOT IN ('refused', 'approved') ORDER BY a.received_at, a.id",
            )
            .fetch_all(pool)
            .await
            .map_err(StoreError::from)
        })
    }

    /// An application in full, for staff.
    pub async fn repair_case(&self, reference: &str) -> Result<Option<RepairCase>, StoreError> {
        on_db!(self, |pool| {
            let Some(view) = self.repair_view(reference).await? else {
                return Ok(None);
            };
            let row: CaseRow = sqlx::query_as(
                "SELECT id, penalty_fulfilled, hazards_corrected, commitment, statement,
                    contact_name, contact_phone
             FROM repair_applications WHERE reference = $1",
            )
            .bind(reference)
            .fetch_one(pool)
            .await?;
            let documents: Vec<RepairDocument> = sqlx::query_as(
            "SELECT id, media_type, CAST(length(bytes) AS BIGINT) AS bytes, uploaded_at FROM repair_documents
             WHERE application_id = $1 ORDER BY id",
        )
        .bind(row.id)
        .fetch_all(pool)
        .await?;
            let actions = RepairAction::open_from(view.status);
            Ok(Some(RepairCase {
                view,
                penalty_fulfilled: row.penalty_fulfilled,
                hazards_corrected: row.hazards_corrected,
                commitment: row.commitment,
                statement: row.statement,
                contact_name: row.contact_name,
                contact_phone: row.contact_phone,
                document_list: documents,
                actions,
            }))
        })
    }

    /// One document of an application: its media type and bytes.
    pub async fn repair_document(
        &self,
        reference: &str,
        document: i64,
    ) -> Result<Option<(String, Vec<u8>)>, StoreError> {
        on_db!(self, |pool| {
            sqlx::query_as(
                "SELECT d.media_type, d.bytes FROM repair_documents d
             JOIN repair_applications a ON a.id = d.application_id
             WHERE a.reference = $1 AND d.id = $2",
            )
            .bind(reference)
            .bind(document)
            .fetch_optional(pool)
            .await
            .map_err(StoreError::from)
        })
    }

    /// Takes a staff step on an application. An approval removes the
    /// listing by credit repair on `today`, with `note` as its public reason.
    pub async fn decide_repair(
        &self,
        reference: &str,
        action: RepairAction,
        note: &str,
        today: NaiveDate,
        actor: &Actor,
    ) -> Result<RepairOutcome, StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let row: Option<(i64, RepairStatus, i64)> = sqlx::query_as(
                "SELECT id, status, listing_id FROM repair_applications WHERE reference = $1",
            )
            .bind(reference)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((id, current, listing_id)) = row else {
                return Ok(RepairOutcome::NotFound);
            };
            if !action.allowed_from(current) {
                return Ok(RepairOutcome::WrongStatus(current));
            }
            let next = action.result();
            let note = note.trim();
            if action == RepairAction::Approve {
                let removed = sqlx::query(
                    "UPDATE blacklist_entries SET removed_on = $1, removal_basis = $2,
                     removal_reason = $3, updated_at = $4
                 WHERE id = $5 AND removed_on IS NULL AND expected_removal_on > $1",
                )
                .bind(today)
                .bind(RemovalBasis::CreditRepair)
                .bind(note)
                .bind(Utc::now())
                .bind(listing_id)
                .execute(&mut *tx)
                .await?;
                if removed.rows_affected() != 1 {
                    return Ok(RepairOutcome::ListingGone);
                }
                write_audit(
                    &mut tx,
                    &Audit {
                        actor,
                        action: "listing.remove",
                        target: format!("listing:{listing_id}"),
                        before: Some("{\"removed\":false}".to_owned()),
                        after: Some(
                            serde_json::json!({
                                "removed_on": today.to_string(),
                                "basis": RemovalBasis::CreditRepair.slug(),
                                "reason": note,
                                "repair": reference,
                            })
                            .to_string(),
                        ),
                    },
                )
                .await?;
            }
            let at = Utc::now();
            tx.add_event(id, next, Some(note).filter(|n| !n.is_empty()), at)
                .await?;
            sqlx::query(
                "UPDATE repair_applications SET status = $1, decided_on = $2 WHERE id = $3",
            )
            .bind(next)
            .bind(next.is_closed().then_some(today))
            .bind(id)
            .execute(&mut *tx)
            .await?;
            write_audit(
                &mut tx,
                &Audit {
                    actor,
                    action: "repair.decide",
                    target: format!("repair:{reference}"),
                    before: Some(serde_json::json!({ "status": current.slug() }).to_string()),
                    after: Some(
                        serde_json::json!({ "status": next.slug(), "note": note }).to_string(),
                    ),
                },
            )
            .await?;
            tx.commit().await?;
            Ok(RepairOutcome::Done)
        })
    }
}
