//! Typical cases, listed major hazards and accident reports: public reads
//! and the editors' audited writes. Nothing is deleted: a listing's steps
//! and a report's versions only grow.

mod accidents;
mod hazard_listings;
mod statistics;
mod typical_cases;

use portal_types::enforcement::{HazardStatus, PAGE_SIZE};
use portal_types::{District, Industry};
use portal_types::{FieldErrors, Problem};

/// What became of a write.
#[derive(Debug, PartialEq, Eq)]
pub enum Write<T> {
    /// Done.
    Done(T),
    /// No record with this id.
    NotFound,
    /// The input does not fit the stored records (unknown decisions, an
    /// unknown enterprise, a step out of order), field by field.
    Refused(FieldErrors),
}

/// Which listings a public list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListingFilter {
    pub status: Option<HazardStatus>,
    pub overdue: bool,
    pub district: Option<District>,
    pub industry: Option<Industry>,
}

fn offset(page: u32) -> i64 {
    i64::from(page.saturating_sub(1)) * i64::from(PAGE_SIZE)
}

fn refused(field: &str, problem: Problem) -> FieldErrors {
    let mut errors = FieldErrors::new();
    portal_types::field_error::add(&mut errors, field, problem);
    errors
}

fn json<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}
