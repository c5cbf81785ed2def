//! Staff publishing of penalty decisions: import (all or nothing) and
//! revocation, each with its audit entry in the same transaction.

use chrono::{NaiveDate, Utc};
use portal_types::PenaltyCategory;

use super::Store;
use super::StoreError;
use super::records::NewDecision;
use super::staff::{Audit, write_audit};
use crate::Dialect;
use crate::changes::{LogChange, Subject};

/// What became of a revocation.
#[derive(Debug, PartialEq, Eq)]
pub enum Revocation {
    /// Revoked: the new version.
    Done(i64),
    /// No decision has this id.
    NotFound,
    /// It was revoked before.
    AlreadyRevoked,
}

impl Store {
    /// Which of these decision numbers are already published.
    pub async fn published_numbers(&self, numbers: &[&str]) -> Result<Vec<String>, StoreError> {
        on_db!(self, |pool| {
            let mut taken = Vec::new();
            for chunk in numbers.chunks(500) {
                let json = serde_json::to_string(chunk).unwrap_or_default();
                let found: Vec<String> = sqlx::query_scalar(pool.pick(
                "SELECT decision_no FROM penalty_decisions WHERE decision_no IN (SELECT value FROM json_each($1))",
                "SELECT decision_no FROM penalty_decisions
                 WHERE decision_no IN (SELECT value FROM json_array_elements_text($1::json))",
            ))
            .bind(json)
            .fetch_all(pool)
            .await?;
                taken.extend(found);
            }
            Ok(taken)
        })
    }

    /// Stores every decision, or none: one transaction, one audit entry per
    /// decision. Returns their ids.
    pub async fn import_decisions(
        &self,
        decisions: &[NewDecision],
        audit: Audit<'_>,
    ) -> Result<Vec<i64>, StoreError> {
        on_db!(self, |pool| {
            let now = Utc::now();
            let mut tx = pool.begin_write().await?;
            let mut ids = Vec::with_capacity(decisions.len());
            for d in decisions {
                let id: i64 = sqlx::query_scalar(
                "INSERT INTO penalty_decisions (decision_no, enterprise_id, party_name,
                     credit_code, legal_representative, violation_type, facts,
                     violated_provisions, legal_basis, penalty_categories, penalty_content,
                     fine_fen, confiscated_fen, decided_on, authority, disclosure_until,
                     district, industry, published_at, updated_at)
                 VALUES ($1, (SELECT id FROM enterprises WHERE credit_code = $2), $3, $4, $5, $6, $7,
                     $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
                 RETURNING id",
            )
            .bind(&d.decision_no)
            .bind(&d.credit_code)
            .bind(&d.party_name)
            .bind(&d.credit_code)
            .bind(&d.legal_representative)
            .bind(&d.violation_type)
            .bind(&d.facts)
            .bind(&d.violated_provisions)
            .bind(&d.legal_basis)
            .bind(i64::from(PenaltyCategory::mask_of(&d.penalty_categories)))
            .bind(&d.penalty_content)
            .bind(d.fine_fen)
            .bind(d.confiscated_fen)
            .bind(d.decided_on)
            .bind(&d.authority)
            .bind(d.disclosure_until)
            .bind(d.district)
            .bind(d.industry)
            .bind(now)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
                ids.push(id);
                write_audit(
                    &mut tx,
                    &Audit {
                        target: format!("decision:{id}"),
                        before: None,
                        after: Some(
                            serde_json::json!({
                                "decision_no": d.decision_no,
                                "party_name": d.party_name,
                                "fine_fen": d.fine_fen,
                                "decided_on": d.decided_on.to_string(),
                            })
                            .to_string(),
                        ),
                        ..audit.clone()
                    },
                )
                .await?;
            }
            tx.log_change(Subject::Decisions).await?;
            tx.commit().await?;
            Ok(ids)
        })
    }

    /// Revokes a decision on `today` with a public reason; the record keeps
    /// a new version and an amendment saying what changed.
    pub async fn revoke_decision(
        &self,
        id: i64,
        reason: &str,
        today: NaiveDate,
        audit: Audit<'_>,
    ) -> Result<Revocation, StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let row: Option<(i64, Option<NaiveDate>)> =
                sqlx::query_as("SELECT version, revoked_on FROM penalty_decisions WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some((version, revoked)) = row else {
                return Ok(Revocation::NotFound);
            };
            if revoked.is_some() {
                return Ok(Revocation::AlreadyRevoked);
            }
            let version = version + 1;
            let now = Utc::now();
            sqlx::query(
            "UPDATE penalty_decisions SET revoked_on = $1, revocation_reason = $2, version = $3, updated_at = $4
             WHERE id = $5",
        )
        .bind(today)
        .bind(reason)
        .bind(version)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
            let changes = serde_json::json!([
                { "field": "revocation", "before": "", "after": reason },
            ]);
            sqlx::query(
            "INSERT INTO penalty_decision_amendments (decision_id, version, amended_at, reason, changes)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(version)
        .bind(now)
        .bind(reason)
        .bind(changes.to_string())
        .execute(&mut *tx)
        .await?;
            write_audit(
            &mut tx,
            &Audit {
                before: Some("{\"revoked\":false}".to_owned()),
                after: Some(
                    serde_json::json!({ "revoked": true, "reason": reason, "version": version })
                        .to_string(),
                ),
                ..audit
            },
        )
        .await?;
            tx.log_change(Subject::Decisions).await?;
            tx.commit().await?;
            Ok(Revocation::Done(version))
        })
    }
}

impl Store {
    /// Writes a corrected decision as a new version with its amendment
    /// (`changes`: field, before, after) and audit entry. `None` when the
    /// decision is gone or revoked meanwhile.
    pub async fn amend_decision(
        &self,
        id: i64,
        edit: &portal_types::staff::decisions::DecisionEdit,
        changes: &[(String, String, String)],
        audit: Audit<'_>,
    ) -> Result<Option<i64>, StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let row: Option<(i64, Option<NaiveDate>)> =
                sqlx::query_as("SELECT version, revoked_on FROM penalty_decisions WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some((version, None)) = row else {
                return Ok(None);
            };
            let version = version + 1;
            let now = Utc::now();
            sqlx::query(
            "UPDATE penalty_decisions SET party_name = $1, credit_code = $2,
                 enterprise_id = (SELECT id FROM enterprises WHERE credit_code = $3),
                 legal_representative = $4, violation_type = $5, facts = $6, violated_provisions = $7,
                 legal_basis = $8, penalty_categories = $9, penalty_content = $10, fine_fen = $11,
                 confiscated_fen = $12, decided_on = $13, disclosure_until = $14, authority = $15,
                 district = $16, industry = $17, version = $18, updated_at = $19
             WHERE id = $20",
        )
        .bind(edit.party_name.trim())
        .bind(&edit.credit_code)
        .bind(&edit.credit_code)
        .bind(&edit.legal_representative)
        .bind(edit.violation_type.trim())
        .bind(edit.facts.trim())
        .bind(edit.violated_provisions.trim())
        .bind(edit.legal_basis.trim())
        .bind(i64::from(PenaltyCategory::mask_of(
            &edit.penalty_categories,
        )))
        .bind(edit.penalty_content.trim())
        .bind(edit.fine_fen)
        .bind(edit.confiscated_fen)
        .bind(edit.decided_on)
        .bind(edit.disclosure_until)
        .bind(edit.authority.trim())
        .bind(edit.district)
        .bind(edit.industry)
        .bind(version)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
            let changes_json: Vec<serde_json::Value> = changes
            .iter()
            .map(|(field, before, after)| {
                serde_json::json!({ "field": field, "before": before, "after": after })
            })
            .collect();
            let changes_text = serde_json::Value::Array(changes_json).to_string();
            sqlx::query(
            "INSERT INTO penalty_decision_amendments (decision_id, version, amended_at, reason, changes)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(version)
        .bind(now)
        .bind(edit.reason.trim())
        .bind(&changes_text)
        .execute(&mut *tx)
        .await?;
            write_audit(
            &mut tx,
            &Audit {
                before: None,
                after: Some(
                    serde_json::json!({ "version": version, "reason": edit.reason.trim(), "changes": serde_json::from_str::<serde_json::Value>(&changes_text).unwrap_or_default() })
                        .to_string(),
                ),
                ..audit
            },
        )
        .await?;
            tx.log_change(Subject::Decisions).await?;
            tx.commit().await?;
            Ok(Some(version))
        })
    }
}
