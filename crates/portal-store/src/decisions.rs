//! Reading penalty decisions.

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::TryStreamExt;
use portal_types::decisions::{DecisionDetail, DecisionSummary, Revocation};
use portal_types::{District, Industry, PenaltyCategory};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::Store;
use super::StoreError;
use super::records::IndexedDecision;

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

fn date(id: i64, row: &SqliteRow, column: &str) -> Result<NaiveDate, StoreError> {
    let text: String = row.try_get(column)?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map_err(|_| corrupt(id, format!("{column} {text:?}")))
}

fn instant(id: i64, row: &SqliteRow, column: &str) -> Result<DateTime<Utc>, StoreError> {
    let text: String = row.try_get(column)?;
    DateTime::parse_from_rfc3339(&text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| corrupt(id, format!("{column} {text:?}")))
}

fn district(id: i64, row: &SqliteRow) -> Result<District, StoreError> {
    let slug: String = row.try_get("district")?;
    District::from_slug(&slug).ok_or_else(|| corrupt(id, format!("district {slug:?}")))
}

fn industry(id: i64, row: &SqliteRow) -> Result<Industry, StoreError> {
    let slug: String = row.try_get("industry")?;
    Industry::from_slug(&slug).ok_or_else(|| corrupt(id, format!("industry {slug:?}")))
}

fn categories(row: &SqliteRow) -> Result<u32, StoreError> {
    let mask: i64 = row.try_get("penalty_categories")?;
    Ok(u32::try_from(mask).unwrap_or_default())
}

const SUMMARY_COLUMNS: &str = "id, decision_no, party_name, credit_code, violation_type, \
     penalty_categories, fine_fen, decided_on, authority, district, industry, revoked_on";

fn summary(row: &SqliteRow) -> Result<DecisionSummary, StoreError> {
    let id: i64 = row.try_get("id")?;
    Ok(DecisionSummary {
        id,
        decision_no: row.try_get("decision_no")?,
        party_name: row.try_get("party_name")?,
        credit_code: row.try_get("credit_code")?,
        violation_type: row.try_get("violation_type")?,
        penalty_categories: PenaltyCategory::from_mask(categories(row)?),
        fine_fen: row.try_get("fine_fen")?,
        decided_on: date(id, row, "decided_on")?,
        authority: row.try_get("authority")?,
        district: district(id, row)?,
        industry: industry(id, row)?,
        revoked: row.try_get::<Option<String>, _>("revoked_on")?.is_some(),
    })
}

fn detail(row: &SqliteRow) -> Result<DecisionDetail, StoreError> {
    let id: i64 = row.try_get("id")?;
    let revocation = match row.try_get::<Option<String>, _>("revocation_reason")? {
        Some(reason) => Some(Revocation {
            revoked_on: date(id, row, "revoked_on")?,
            reason,
        }),
        None => None,
    };
    Ok(DecisionDetail {
        id,
        decision_no: row.try_get("decision_no")?,
        party_name: row.try_get("party_name")?,
        credit_code: row.try_get("credit_code")?,
        legal_representative: row.try_get("legal_representative")?,
        violation_type: row.try_get("violation_type")?,
        facts: row.try_get("facts")?,
        violated_provisions: row.try_get("violated_provisions")?,
        legal_basis: row.try_get("legal_basis")?,
        penalty_categories: PenaltyCategory::from_mask(categories(row)?),
        penalty_content: row.try_get("penalty_content")?,
        fine_fen: row.try_get("fine_fen")?,
        confiscated_fen: row.try_get("confiscated_fen")?,
        decided_on: date(id, row, "decided_on")?,
        authority: row.try_get("authority")?,
        disclosure_until: date(id, row, "disclosure_until")?,
        district: district(id, row)?,
        industry: industry(id, row)?,
        revocation,
        amendments: Vec::new(),
        version: u32::try_from(row.try_get::<i64, _>("version")?).unwrap_or(1),
        published_at: instant(id, row, "published_at")?,
        updated_at: instant(id, row, "updated_at")?,
    })
}

impl Store {
    /// Every decision, in id order, as the search index needs it.
    pub async fn for_each_decision_to_index(
        &self,
        mut visit: impl FnMut(IndexedDecision),
    ) -> Result<(), StoreError> {
        let mut rows = sqlx::query(
            "SELECT id, decision_no, party_name, credit_code, violation_type, facts,
                    decided_on, disclosure_until, fine_fen, district, industry,
                    penalty_categories, authority
             FROM penalty_decisions ORDER BY id",
        )
        .fetch(&self.pool);
        while let Some(row) = rows.try_next().await? {
            let id: i64 = row.try_get("id")?;
            visit(IndexedDecision {
                id,
                decision_no: row.try_get("decision_no")?,
                party_name: row.try_get("party_name")?,
                credit_code: row.try_get("credit_code")?,
                violation_type: row.try_get("violation_type")?,
                facts: row.try_get("facts")?,
                decided_on: date(id, &row, "decided_on")?,
                disclosure_until: date(id, &row, "disclosure_until")?,
                fine_fen: row.try_get("fine_fen")?,
                district: district(id, &row)?,
                industry: industry(id, &row)?,
                categories: categories(&row)?,
                authority: row.try_get("authority")?,
            });
        }
        Ok(())
    }

    /// Summaries of the decisions with these ids, in the order given.
    pub async fn decision_summaries(
        &self,
        ids: &[i64],
    ) -> Result<Vec<DecisionSummary>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = serde_json::to_string(ids).map_err(StoreError::encode)?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {SUMMARY_COLUMNS} FROM penalty_decisions
             WHERE id IN (SELECT value FROM json_each(?))"
        )))
        .bind(list)
        .fetch_all(&self.pool)
        .await?;
        let mut by_id = std::collections::HashMap::with_capacity(rows.len());
        for row in &rows {
            let s = summary(row)?;
            by_id.insert(s.id, s);
        }
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    /// Full decisions with these ids, in the order given (for exports).
    pub async fn decision_details(&self, ids: &[i64]) -> Result<Vec<DecisionDetail>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = serde_json::to_string(ids).map_err(StoreError::encode)?;
        let rows = sqlx::query(
            "SELECT * FROM penalty_decisions WHERE id IN (SELECT value FROM json_each(?))",
        )
        .bind(list)
        .fetch_all(&self.pool)
        .await?;
        let mut by_id = std::collections::HashMap::with_capacity(rows.len());
        for row in &rows {
            let d = detail(row)?;
            by_id.insert(d.id, d);
        }
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    /// One decision with its amendments, in one round trip.
    pub async fn decision(&self, id: i64) -> Result<Option<DecisionDetail>, StoreError> {
        let Some(row) = sqlx::query(
            "SELECT d.*,
                    (SELECT json_group_array(json_object(
                                'version', a.version, 'amended_at', a.amended_at,
                                'reason', a.reason, 'changes', json(a.changes)))
                     FROM (SELECT * FROM penalty_decision_amendments
                           WHERE decision_id = d.id ORDER BY version) AS a) AS amendments_json
             FROM penalty_decisions AS d WHERE d.id = ?",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let mut decision = detail(&row)?;
        let amendments: String = row.try_get("amendments_json")?;
        decision.amendments = serde_json::from_str(&amendments)
            .map_err(|e| corrupt(id, format!("amendments: {e}")))?;
        Ok(Some(decision))
    }
}
