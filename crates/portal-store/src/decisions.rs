//! Reading penalty decisions.

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::TryStreamExt;
use portal_types::decisions::{DecisionDetail, DecisionSummary, Revocation};
use portal_types::{District, Industry, PenaltyCategory};

use super::Store;
use super::StoreError;
use super::records::IndexedDecision;
use crate::Dialect;

/// A row that breaks the schema's promises (an unknown district slug, a bad date).
#[derive(Debug, thiserror::Error)]
#[error("corrupt penalty decision {id}: {what}")]
pub struct CorruptRow {
    pub id: i64,
    pub what: String,
}

fn corrupt(id: i64, what: impl Into<String>) -> StoreError {
    StoreError::corrupt(CorruptRow {
        id,
        what: what.into(),
    })
}

/// The columns of a decision's summary, as stored.
#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    decision_no: String,
    party_name: String,
    credit_code: Option<String>,
    violation_type: String,
    #[sqlx(try_from = "i64")]
    penalty_categories: u32,
    fine_fen: i64,
    decided_on: NaiveDate,
    authority: String,
    district: District,
    industry: Industry,
    revoked_on: Option<NaiveDate>,
}

const SUMMARY_COLUMNS: &str = "id, decision_no, party_name, credit_code, violation_type, \
     penalty_categories, fine_fen, decided_on, authority, district, industry, revoked_on";

impl From<SummaryRow> for DecisionSummary {
    fn from(row: SummaryRow) -> Self {
        Self {
            id: row.id,
            decision_no: row.decision_no,
            party_name: row.party_name,
            credit_code: row.credit_code,
            violation_type: row.violation_type,
            penalty_categories: PenaltyCategory::from_mask(row.penalty_categories),
            fine_fen: row.fine_fen,
            decided_on: row.decided_on,
            authority: row.authority,
            district: row.district,
            industry: row.industry,
            revoked: row.revoked_on.is_some(),
        }
    }
}

/// Every column of a decision, as stored.
#[derive(sqlx::FromRow)]
struct DetailRow {
    id: i64,
    decision_no: String,
    party_name: String,
    credit_code: Option<String>,
    legal_representative: Option<String>,
    violation_type: String,
    facts: String,
    violated_provisions: String,
    legal_basis: String,
    #[sqlx(try_from = "i64")]
    penalty_categories: u32,
    penalty_content: String,
    fine_fen: i64,
    confiscated_fen: i64,
    decided_on: NaiveDate,
    authority: String,
    disclosure_until: NaiveDate,
    district: District,
    industry: Industry,
    revoked_on: Option<NaiveDate>,
    revocation_reason: Option<String>,
    #[sqlx(try_from = "i64")]
    version: u32,
    published_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// A decision with its amendments, as one query reads them.
#[derive(sqlx::FromRow)]
struct AmendedRow {
    #[sqlx(flatten)]
    decision: DetailRow,
    amendments_json: String,
}

impl TryFrom<DetailRow> for DecisionDetail {
    type Error = StoreError;

    fn try_from(row: DetailRow) -> Result<Self, StoreError> {
        let revocation = match row.revocation_reason {
            Some(reason) => Some(Revocation {
                revoked_on: row
                    .revoked_on
                    .ok_or_else(|| corrupt(row.id, "revoked without a date"))?,
                reason,
            }),
            None => None,
        };
        Ok(Self {
            id: row.id,
            decision_no: row.decision_no,
            party_name: row.party_name,
            credit_code: row.credit_code,
            legal_representative: row.legal_representative,
            violation_type: row.violation_type,
            facts: row.facts,
            violated_provisions: row.violated_provisions,
            legal_basis: row.legal_basis,
            penalty_categories: PenaltyCategory::from_mask(row.penalty_categories),
            penalty_content: row.penalty_content,
            fine_fen: row.fine_fen,
            confiscated_fen: row.confiscated_fen,
            decided_on: row.decided_on,
            authority: row.authority,
            disclosure_until: row.disclosure_until,
            district: row.district,
            industry: row.industry,
            revocation,
            amendments: Vec::new(),
            version: row.version,
            published_at: row.published_at,
            updated_at: row.updated_at,
        })
    }
}

impl Store {
    /// Every decision, in id order, as the search index needs it.
    pub async fn for_each_decision_to_index(
        &self,
        mut visit: impl FnMut(IndexedDecision),
    ) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            let mut rows = sqlx::query_as::<_, IndexedDecision>(
                "SELECT id, decision_no, party_name, credit_code, violation_type, facts,
                    decided_on, disclosure_until, fine_fen, district, industry,
                    penalty_categories AS categories, authority
             FROM penalty_decisions ORDER BY id",
            )
            .fetch(pool);
            while let Some(decision) = rows.try_next().await? {
                visit(decision);
            }
            Ok(())
        })
    }

    /// Summaries of the decisions with these ids, in the order given.
    pub async fn decision_summaries(
        &self,
        ids: &[i64],
    ) -> Result<Vec<DecisionSummary>, StoreError> {
        on_db!(self, |pool| {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let list = serde_json::to_string(ids).map_err(StoreError::encode)?;
            let ids_in = pool.pick(
                "SELECT value FROM json_each($1)",
                "SELECT value::bigint FROM json_array_elements_text($1::json)",
            );
            let rows: Vec<SummaryRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {SUMMARY_COLUMNS} FROM penalty_decisions WHERE id IN ({ids_in})"
            )))
            .bind(list)
            .fetch_all(pool)
            .await?;
            let mut by_id: std::collections::HashMap<i64, DecisionSummary> = rows
                .into_iter()
                .map(|row| (row.id, DecisionSummary::from(row)))
                .collect();
            Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
        })
    }

    /// Full decisions with these ids, in the order given (for exports).
    pub async fn decision_details(&self, ids: &[i64]) -> Result<Vec<DecisionDetail>, StoreError> {
        on_db!(self, |pool| {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let list = serde_json::to_string(ids).map_err(StoreError::encode)?;
            let rows: Vec<DetailRow> = sqlx::query_as(pool.pick(
                "SELECT * FROM penalty_decisions WHERE id IN (SELECT value FROM json_each($1))",
                "SELECT * FROM penalty_decisions
             WHERE id IN (SELECT value::bigint FROM json_array_elements_text($1::json))",
            ))
            .bind(list)
            .fetch_all(pool)
            .await?;
            let mut by_id = std::collections::HashMap::with_capacity(rows.len());
            for row in rows {
                by_id.insert(row.id, DecisionDetail::try_from(row)?);
            }
            Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
        })
    }

    /// One decision with its amendments, in one round trip.
    pub async fn decision(&self, id: i64) -> Result<Option<DecisionDetail>, StoreError> {
        on_db!(self, |pool| {
            let Some(row) = sqlx::query_as::<_, AmendedRow>(pool.pick(
                "SELECT d.*,
                    (SELECT json_group_array(json_object(
                                'version', a.version, 'amended_at', a.amended_at,
                                'reason', a.reason, 'changes', json(a.changes)))
                     FROM (SELECT * FROM penalty_decision_amendments
                           WHERE decision_id = d.id ORDER BY version) AS a) AS amendments_json
             FROM penalty_decisions AS d WHERE d.id = $1",
                "SELECT d.*,
                    (SELECT coalesce(json_agg(json_build_object(
                                'version', a.version, 'amended_at', a.amended_at,
                                'reason', a.reason, 'changes', a.changes::json)
                                ORDER BY a.version), '[]')::text
                     FROM penalty_decision_amendments a WHERE a.decision_id = d.id)
                    AS amendments_json
             FROM penalty_decisions AS d WHERE d.id = $1",
            ))
            .bind(id)
            .fetch_optional(pool)
            .await?
            else {
                return Ok(None);
            };
            let mut decision = DecisionDetail::try_from(row.decision)?;
            decision.amendments = serde_json::from_str(&row.amendments_json)
                .map_err(|e| corrupt(id, format!("amendments: {e}")))?;
            Ok(Some(decision))
        })
    }
}
