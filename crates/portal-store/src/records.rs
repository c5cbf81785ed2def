//! The records the store reads and writes for the layers above it: the
//! store owns them, so that it depends on nothing above itself (search,
//! education, publishing and the demo loader use these types; the store
//! never uses theirs).

use chrono::{DateTime, NaiveDate, Utc};
use portal_types::blacklist::ListingGround;
use portal_types::education::{ArticleSummary, TocEntry};
use portal_types::{CreditCode, District, Industry, PenaltyCategory};

/// What the index needs to know of one decision.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct IndexedDecision {
    pub id: i64,
    pub decision_no: String,
    pub party_name: String,
    pub credit_code: Option<String>,
    pub violation_type: String,
    pub facts: String,
    pub decided_on: NaiveDate,
    pub disclosure_until: NaiveDate,
    pub fine_fen: i64,
    pub district: District,
    pub industry: Industry,
    #[sqlx(try_from = "i64")]
    pub categories: u32,
    pub authority: String,
}

/// One name of one enterprise, for building the index.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct IndexedName {
    pub enterprise_id: i64,
    pub name: String,
}

/// An article as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleRecord {
    /// What lists show.
    pub summary: ArticleSummary,
    /// The source.
    pub markdown: String,
    /// The sanitised rendering of the source.
    pub html: String,
    /// The sections of the body.
    pub toc: Vec<TocEntry>,
    /// The body without markup.
    pub plain_text: String,
}

/// A decision read from a row, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDecision {
    pub decision_no: String,
    pub party_name: String,
    pub credit_code: Option<String>,
    pub legal_representative: Option<String>,
    pub violation_type: String,
    pub facts: String,
    pub violated_provisions: String,
    pub legal_basis: String,
    pub penalty_categories: Vec<PenaltyCategory>,
    pub penalty_content: String,
    pub fine_fen: i64,
    pub confiscated_fen: i64,
    pub decided_on: NaiveDate,
    pub disclosure_until: NaiveDate,
    pub authority: String,
    pub district: District,
    pub industry: Industry,
}

/// An enterprise of the directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoEnterprise {
    pub credit_code: CreditCode,
    pub name: String,
    pub legal_representative: String,
    pub district: District,
    pub industry: Industry,
    pub address: String,
    pub registered_on: NaiveDate,
    pub former_name: Option<(String, NaiveDate)>,
}

/// A penalty decision with the public-disclosure field set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoDecision {
    pub decision_no: String,
    pub credit_code: CreditCode,
    pub party_name: String,
    pub legal_representative: String,
    pub violation_type: String,
    pub facts: String,
    pub violated_provisions: String,
    pub legal_basis: String,
    pub penalty_categories: Vec<PenaltyCategory>,
    pub penalty_content: String,
    pub fine_fen: i64,
    pub confiscated_fen: i64,
    pub decided_on: NaiveDate,
    pub authority: String,
    pub disclosure_until: NaiveDate,
    pub district: District,
    pub industry: Industry,
    pub revocation: Option<(NaiveDate, String)>,
    pub published_at: DateTime<Utc>,
    /// A correction made after publication.
    pub amendment: Option<DemoAmendment>,
}

/// A correction of a published decision: why, when, and the fields changed
/// (name, value before, value after). The decision holds the values after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoAmendment {
    pub amended_at: DateTime<Utc>,
    pub reason: String,
    pub changes: Vec<(String, String, String)>,
}

/// An entry of the work-safety blacklist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoListing {
    pub credit_code: CreditCode,
    pub ground: ListingGround,
    pub reason: String,
    pub breach_summary: String,
    pub authority: String,
    pub listed_on: NaiveDate,
    pub expected_removal_on: NaiveDate,
    pub measures: Vec<String>,
    /// Early removal by credit repair: the day and the particulars (the
    /// end of a term needs no record: it ends by itself).
    pub removal: Option<(NaiveDate, String)>,
}

/// A decision a demo case is written from.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CaseCandidate {
    pub id: i64,
    pub decision_no: String,
    pub party_name: String,
    pub industry: Industry,
    pub district: District,
    pub violation_type: String,
    pub facts: String,
    pub violated_provisions: String,
    pub decided_on: NaiveDate,
    pub fine_fen: i64,
    pub authority: String,
}
