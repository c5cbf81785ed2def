//! Writing demo records, and knowing whether they are there.

use chrono::{NaiveDate, Utc};
use portal_types::{District, Industry, PenaltyCategory};

use super::Store;
use super::StoreError;
use super::records::{CaseCandidate, DemoDecision, DemoEnterprise, DemoListing};
use crate::Dialect;
use crate::changes::{LogChange, Subject};

/// What the database holds, as far as demo data is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoState {
    /// No records at all.
    Empty,
    /// A demo load started and did not finish.
    Interrupted,
    /// Demo records, fully loaded.
    Complete,
    /// Records that are not demo data.
    RealRecords,
}

const DEMO_KEY: &str = "demo_data";

impl Store {
    /// Whether demo data is loaded, half loaded, absent, or replaced by real records.
    pub async fn demo_state(&self) -> Result<DemoState, StoreError> {
        on_db!(self, |pool| {
            let flag: Option<String> =
                sqlx::query_scalar("SELECT value FROM site_meta WHERE key = $1")
                    .bind(DEMO_KEY)
                    .fetch_optional(pool)
                    .await?;
            match flag.as_deref() {
                Some("loading") => return Ok(DemoState::Interrupted),
                Some("complete") => return Ok(DemoState::Complete),
                _ => {}
            }
            let any: Option<i32> = sqlx::query_scalar(
                "SELECT 1 FROM enterprises UNION ALL SELECT 1 FROM penalty_decisions LIMIT 1",
            )
            .fetch_optional(pool)
            .await?;
            Ok(if any.is_some() {
                DemoState::RealRecords
            } else {
                DemoState::Empty
            })
        })
    }

    /// Whether the records are demo data.
    pub async fn is_demo(&self) -> Result<bool, StoreError> {
        Ok(self.demo_state().await? == DemoState::Complete)
    }

    /// Removes every record left by an interrupted demo load.
    pub async fn clear_demo_data(&self) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            for statement in [
                "DELETE FROM blacklist_entries",
                "DELETE FROM penalty_decision_amendments",
                "DELETE FROM penalty_decisions",
                "DELETE FROM enterprise_former_names",
                "DELETE FROM enterprises",
            ] {
                sqlx::query(statement).execute(&mut *tx).await?;
            }
            sqlx::query("DELETE FROM site_meta WHERE key LIKE 'demo%'")
                .execute(&mut *tx)
                .await?;
            tx.log_change(Subject::Decisions).await?;
            tx.log_change(Subject::Enterprises).await?;
            tx.commit().await.map_err(StoreError::from)
        })
    }

    /// Marks the start of a demo load.
    pub async fn begin_demo_load(&self, seed: u64, today: NaiveDate) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            for (key, value) in [
                (DEMO_KEY, "loading".to_owned()),
                ("demo_seed", seed.to_string()),
                ("demo_generated_on", today.to_string()),
            ] {
                sqlx::query(
                    "INSERT INTO site_meta (key, value) VALUES ($1, $2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )
                .bind(key)
                .bind(value)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await.map_err(StoreError::from)
        })
    }

    /// Marks the end of a demo load.
    pub async fn finish_demo_load(&self) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            sqlx::query("UPDATE site_meta SET value = 'complete' WHERE key = $1")
                .bind(DEMO_KEY)
                .execute(pool)
                .await?;
            sqlx::query(pool.pick("PRAGMA optimize", "ANALYZE"))
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// Inserts enterprises and their former names, in one transaction.
    pub async fn insert_demo_enterprises(
        &self,
        batch: &[DemoEnterprise],
    ) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            let now = Utc::now();
            let mut tx = pool.begin_write().await?;
            for e in batch {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO enterprises (credit_code, name, legal_representative, district,
                     industry, address, registered_on, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                )
                .bind(e.credit_code.as_str())
                .bind(&e.name)
                .bind(&e.legal_representative)
                .bind(e.district)
                .bind(e.industry)
                .bind(&e.address)
                .bind(e.registered_on)
                .bind(now)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                if let Some((former, until)) = &e.former_name {
                    sqlx::query(
                        "INSERT INTO enterprise_former_names (enterprise_id, name, used_until)
                     VALUES ($1, $2, $3)",
                    )
                    .bind(id)
                    .bind(former)
                    .bind(until)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            tx.log_change(Subject::Enterprises).await?;
            tx.commit().await.map_err(StoreError::from)
        })
    }

    /// Inserts penalty decisions, in one transaction.
    pub async fn insert_demo_decisions(&self, batch: &[DemoDecision]) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            for d in batch {
                let published_at = d.published_at;
                let id: i64 = sqlx::query_scalar(
                "INSERT INTO penalty_decisions (decision_no, enterprise_id, party_name,
                     credit_code, legal_representative, violation_type, facts,
                     violated_provisions, legal_basis, penalty_categories, penalty_content,
                     fine_fen, confiscated_fen, decided_on, authority, disclosure_until,
                     district, industry, revoked_on, revocation_reason, published_at, updated_at)
                 VALUES ($1, (SELECT id FROM enterprises WHERE credit_code = $2), $3, $4, $5, $6, $7,
                     $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
                 RETURNING id",
            )
            .bind(&d.decision_no)
            .bind(d.credit_code.as_str())
            .bind(&d.party_name)
            .bind(d.credit_code.as_str())
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
            .bind(d.revocation.as_ref().map(|(on, _)| *on))
            .bind(d.revocation.as_ref().map(|(_, reason)| reason.as_str()))
            .bind(published_at)
            .bind(
                d.amendment
                    .as_ref()
                    .map_or(published_at, |a| a.amended_at),
            )
            .fetch_one(&mut *tx)
            .await?;
                if let Some(amendment) = &d.amendment {
                    let changes: Vec<serde_json::Value> = amendment
                    .changes
                    .iter()
                    .map(|(field, before, after)| {
                        serde_json::json!({ "field": field, "before": before, "after": after })
                    })
                    .collect();
                    sqlx::query("UPDATE penalty_decisions SET version = 2 WHERE id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query(
                        "INSERT INTO penalty_decision_amendments
                         (decision_id, version, amended_at, reason, changes)
                     VALUES ($1, 2, $2, $3, $4)",
                    )
                    .bind(id)
                    .bind(amendment.amended_at)
                    .bind(&amendment.reason)
                    .bind(serde_json::Value::Array(changes).to_string())
                    .execute(&mut *tx)
                    .await?;
                }
            }
            tx.log_change(Subject::Decisions).await?;
            tx.commit().await.map_err(StoreError::from)
        })
    }

    /// Inserts blacklist entries, in one transaction.
    pub async fn insert_demo_listings(&self, batch: &[DemoListing]) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            let now = Utc::now();
            let mut tx = pool.begin_write().await?;
            for l in batch {
                sqlx::query(
                    "INSERT INTO blacklist_entries (enterprise_id, ground, reason, breach_summary,
                     authority, listed_on, expected_removal_on, measures, removed_on,
                     removal_basis, removal_reason, created_at, updated_at)
                 VALUES ((SELECT id FROM enterprises WHERE credit_code = $1),
                     $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                )
                .bind(l.credit_code.as_str())
                .bind(l.ground)
                .bind(&l.reason)
                .bind(&l.breach_summary)
                .bind(&l.authority)
                .bind(l.listed_on)
                .bind(l.expected_removal_on)
                .bind(l.measures.join("\n"))
                .bind(l.removal.as_ref().map(|(on, _)| *on))
                .bind(
                    l.removal
                        .as_ref()
                        .map(|_| portal_types::blacklist::RemovalBasis::CreditRepair.slug()),
                )
                .bind(l.removal.as_ref().map(|(_, reason)| reason.as_str()))
                .bind(now)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await.map_err(StoreError::from)
        })
    }

    /// Whether the demo enforcement records (cases, listings, accident
    /// reports) are still to be written: demo data is loaded and they are not.
    pub async fn demo_enforcement_missing(&self) -> Result<bool, StoreError> {
        on_db!(self, |pool| {
            if !self.is_demo().await? {
                return Ok(false);
            }
            let flag: Option<String> =
                sqlx::query_scalar("SELECT value FROM site_meta WHERE key = $1")
                    .bind(ENFORCEMENT_KEY)
                    .fetch_optional(pool)
                    .await?;
            if flag.is_some() {
                return Ok(false);
            }
            // A load cut short leaves some records and no flag: it is not redone
            // (published accident report versions cannot be deleted).
            let any: Option<i32> = sqlx::query_scalar(
                "SELECT 1 FROM exposed_cases UNION ALL SELECT 1 FROM hazard_listings
             UNION ALL SELECT 1 FROM accident_reports LIMIT 1",
            )
            .fetch_optional(pool)
            .await?;
            Ok(any.is_none())
        })
    }

    /// Marks the demo enforcement records as written.
    pub async fn mark_demo_enforcement_loaded(&self) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            sqlx::query(
                "INSERT INTO site_meta (key, value) VALUES ($1, 'complete')
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .bind(ENFORCEMENT_KEY)
            .execute(pool)
            .await?;
            Ok(())
        })
    }

    /// For each industry, its decision in view with the largest fine among
    /// the kinds of violation not chosen for another industry: the demo
    /// typical cases are written from them.
    pub async fn demo_case_candidates(
        &self,
        today: NaiveDate,
    ) -> Result<Vec<CaseCandidate>, StoreError> {
        on_db!(self, |pool| {
            let rows: Vec<CaseCandidate> = sqlx::query_as(
                "SELECT id, decision_no, party_name, industry, district, violation_type, facts,
                    violated_provisions, decided_on, fine_fen, authority
             FROM (SELECT *, row_number() OVER (PARTITION BY industry, violation_type
                                                ORDER BY fine_fen DESC, id) AS rank
                   FROM penalty_decisions
                   WHERE disclosure_until >= $1 AND revoked_on IS NULL AND fine_fen > 0) AS ranked
             WHERE rank = 1 ORDER BY industry, fine_fen DESC, id",
            )
            .bind(today)
            .fetch_all(pool)
            .await?;
            let mut candidates: Vec<CaseCandidate> = Vec::with_capacity(rows.len());
            for row in rows {
                if !candidates
                    .iter()
                    .any(|c| c.industry == row.industry || c.violation_type == row.violation_type)
                {
                    candidates.push(row);
                }
            }
            candidates.sort_by_key(|c| (c.decided_on, c.id));
            Ok(candidates)
        })
    }

    /// Up to `n` enterprises of the industries where major hazards are
    /// listed, spread over the directory: (credit code, industry, district).
    pub async fn demo_listing_candidates(
        &self,
        n: u32,
    ) -> Result<Vec<(String, Industry, District)>, StoreError> {
        on_db!(self, |pool| {
            sqlx::query_as(
                "SELECT credit_code, industry, district FROM enterprises
             WHERE industry IN ('hazardous-chemicals', 'non-coal-mining', 'metallurgy',
                                'industry-and-trade', 'construction', 'city-operations',
                                'crowded-places')
             ORDER BY (id * 7919) % 10007, id LIMIT $1",
            )
            .bind(i64::from(n))
            .fetch_all(pool)
            .await
            .map_err(StoreError::from)
        })
    }
}

const ENFORCEMENT_KEY: &str = "demo_enforcement";
impl Store {
    /// Whether the demo licences are still to be written: demo data is
    /// loaded, they are not, and no licence has been published at all.
    pub async fn demo_licences_missing(&self) -> Result<bool, StoreError> {
        on_db!(self, |pool| {
            if !self.is_demo().await? {
                return Ok(false);
            }
            let flag: Option<String> =
                sqlx::query_scalar("SELECT value FROM site_meta WHERE key = $1")
                    .bind(LICENCES_KEY)
                    .fetch_optional(pool)
                    .await?;
            if flag.is_some() {
                return Ok(false);
            }
            let any: Option<i32> = sqlx::query_scalar("SELECT 1 FROM licences LIMIT 1")
                .fetch_optional(pool)
                .await?;
            Ok(any.is_none())
        })
    }

    /// Marks the demo licences as written.
    pub async fn mark_demo_licences_loaded(&self) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            sqlx::query(
                "INSERT INTO site_meta (key, value) VALUES ($1, 'complete')
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .bind(LICENCES_KEY)
            .execute(pool)
            .await?;
            Ok(())
        })
    }

    /// The enterprises of the licensed industries (hazardous chemicals,
    /// non-coal mining, fireworks), up to `n`, spread over the directory:
    /// (credit code, name, industry, district).
    pub async fn demo_licence_candidates(
        &self,
        n: u32,
    ) -> Result<Vec<(String, String, Industry, District)>, StoreError> {
        on_db!(self, |pool| {
            sqlx::query_as(
                "SELECT credit_code, name, industry, district FROM enterprises
             WHERE industry IN ('hazardous-chemicals', 'non-coal-mining', 'fireworks')
             ORDER BY (id * 7919) % 10007, id LIMIT $1",
            )
            .bind(i64::from(n))
            .fetch_all(pool)
            .await
            .map_err(StoreError::from)
        })
    }
}

const LICENCES_KEY: &str = "demo_licences";
