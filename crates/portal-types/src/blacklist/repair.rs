//! Credit repair (信用修复): a listed enterprise applies online for early
//! removal from the list, and follows its application as a reporter
//! follows a hazard report — by a reference number and a query code.
//!
//! The rules (应急管理部令第11号, see `docs/blacklist-rules.md`): early
//! removal may be applied for once a listing is twelve months old
//! ([`super::rules::earliest_early_removal`]), by an enterprise that has
//! carried out the penalty, corrected the hazards and made a credit
//! commitment; the authority checks and decides within
//! [`DECISION_WORKING_DAYS`] working days of receiving it.

use chrono::{DateTime, Datelike, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::field_error::{self, FieldErrors, Problem};
use crate::reports::is_phone;
use crate::text::has_control_characters;

/// Working days the authority has to decide an application.
pub const DECISION_WORKING_DAYS: u32 = 20;
/// Documents one application may carry in all.
pub const MAX_DOCUMENTS: usize = 10;
/// Longest account of what was done, in characters.
pub const MAX_STATEMENT_CHARS: usize = 2_000;
/// Shortest account of what was done, in characters.
pub const MIN_STATEMENT_CHARS: usize = 20;
/// Longest staff note, in characters.
pub const MAX_NOTE_CHARS: usize = 1_000;
/// Longest contact name, in characters.
pub const MAX_CONTACT_CHARS: usize = 50;

/// `day` plus `count` working days (Monday to Friday). Public holidays are
/// not known to the portal, so on a holiday week the real date is later.
pub fn add_working_days(day: NaiveDate, count: u32) -> NaiveDate {
    let mut day = day;
    let mut left = count;
    while left > 0 {
        day = day.succ_opt().unwrap_or(NaiveDate::MAX);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    day
}

/// The day a decision on an application received on `received_on` is due.
pub fn decide_by(received_on: NaiveDate) -> NaiveDate {
    add_working_days(received_on, DECISION_WORKING_DAYS)
}

slug_enum! {
    /// Where an application stands.
    RepairStatus {
        /// Received; not yet looked at.
        Submitted = ("submitted", "已提交，待受理", "Submitted"),
        /// Accepted for checking.
        Accepted = ("accepted", "已受理，核实中", "Accepted, being checked"),
        /// The applicant is asked for more documents.
        MoreRequested = ("more-requested", "需补充材料", "More documents requested"),
        /// The applicant sent the documents asked for.
        Supplemented = ("supplemented", "已补充材料，待核实", "Documents added, to be checked"),
        /// Refused, with reasons.
        Refused = ("refused", "不予修复", "Refused"),
        /// Approved: the listing was removed that day.
        Approved = ("approved", "准予修复，已移出名单", "Approved: removed from the list"),
    }
}

impl RepairStatus {
    /// Whether the application is decided.
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Refused | Self::Approved)
    }
}

slug_enum! {
    /// A step staff take on an application.
    RepairAction {
        Accept = ("accept", "受理", "Accept"),
        AskForMore = ("ask-for-more", "要求补充材料", "Ask for more documents"),
        Refuse = ("refuse", "不予修复", "Refuse"),
        Approve = ("approve", "准予修复并移出名单", "Approve and remove from the list"),
    }
}

impl RepairAction {
    /// The status the step leads to.
    pub fn result(self) -> RepairStatus {
        match self {
            Self::Accept => RepairStatus::Accepted,
            Self::AskForMore => RepairStatus::MoreRequested,
            Self::Refuse => RepairStatus::Refused,
            Self::Approve => RepairStatus::Approved,
        }
    }

    /// Whether the step may be taken on an application in `status`: accept
    /// what was sent (or added), ask for more or refuse while it is open,
    /// approve only what was accepted and checked.
    pub fn allowed_from(self, status: RepairStatus) -> bool {
        use RepairStatus as S;
        match self {
            Self::Accept => matches!(status, S::Submitted | S::Supplemented),
            Self::AskForMore | Self::Refuse => !status.is_closed(),
            Self::Approve => status == S::Accepted,
        }
    }

    /// The steps open from `status`.
    pub fn open_from(status: RepairStatus) -> Vec<Self> {
        Self::ALL
            .iter()
            .copied()
            .filter(|a| a.allowed_from(status))
            .collect()
    }

    /// Whether the applicant must be told why (a note is required).
    pub fn needs_note(self) -> bool {
        !matches!(self, Self::Accept)
    }
}

/// An application as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewRepairApplication {
    /// The enterprise's unified social credit code.
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub credit_code: String,
    /// The penalty decided was carried out (fine paid, measures taken).
    pub penalty_fulfilled: bool,
    /// The hazards and violations were corrected.
    pub hazards_corrected: bool,
    /// The enterprise makes the credit commitment (信用承诺) the rules ask.
    pub commitment: bool,
    /// What was done, in the enterprise's words: 20 to 2,000 characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub statement: String,
    /// Who to contact about it.
    #[cfg_attr(feature = "openapi", schema(max_length = 50))]
    pub contact_name: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 20))]
    pub contact_phone: String,
    /// Tokens of documents uploaded first to
    /// `POST /api/blacklist/repair/documents` (1 to 10).
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 10))]
    pub documents: Vec<String>,
}

fn clean_line(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_owned()
}

impl NewRepairApplication {
    /// Removes control characters and surrounding spaces. Call before
    /// [`NewRepairApplication::validate`].
    pub fn clean(&mut self) {
        self.credit_code = clean_line(&self.credit_code);
        self.statement = self
            .statement
            .replace("\r\n", "\n")
            .chars()
            .filter(|&c| !c.is_control() || matches!(c, '\n' | '\t'))
            .collect::<String>()
            .trim()
            .to_owned();
        self.contact_name = clean_line(&self.contact_name);
        self.contact_phone = clean_line(&self.contact_phone);
    }

    /// Checks every field and says what to fix, field by field. Whether the
    /// code names a listed enterprise, and whether it may apply yet, only
    /// the server can say.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut fail =
            |field: &str, problem: Problem| field_error::add(&mut errors, field, problem);
        if self.credit_code.is_empty() {
            fail("credit_code", Problem::Required);
        } else if let Err(error) = crate::credit_code::CreditCode::parse(&self.credit_code) {
            // A code whose only fault is its check character may still be
            // one of the directory's (some early codes fail the check): the
            // server looks it up.
            if !matches!(
                error,
                crate::credit_code::CreditCodeError::CheckCharacterMismatch { .. }
            ) {
                fail("credit_code", Problem::from(&error));
            }
        }
        if !self.penalty_fulfilled {
            fail("penalty_fulfilled", Problem::NotConfirmed);
        }
        if !self.hazards_corrected {
            fail("hazards_corrected", Problem::NotConfirmed);
        }
        if !self.commitment {
            fail("commitment", Problem::NotConfirmed);
        }
        let length = self.statement.chars().count();
        if length < MIN_STATEMENT_CHARS {
            fail(
                "statement",
                Problem::TooShort {
                    min: MIN_STATEMENT_CHARS,
                },
            );
        } else if length > MAX_STATEMENT_CHARS {
            fail(
                "statement",
                Problem::TooLong {
                    max: MAX_STATEMENT_CHARS,
                },
            );
        }
        if self.contact_name.is_empty() {
            fail("contact_name", Problem::Required);
        } else if self.contact_name.chars().count() > MAX_CONTACT_CHARS {
            fail(
                "contact_name",
                Problem::TooLong {
                    max: MAX_CONTACT_CHARS,
                },
            );
        } else if has_control_characters(&self.contact_name) {
            fail("contact_name", Problem::ControlCharacters);
        }
        if !is_phone(&self.contact_phone) {
            fail("contact_phone", Problem::NotAPhone);
        }
        check_documents(&self.documents, 1, &mut fail);
        field_error::finish(errors)
    }
}

fn check_documents(documents: &[String], least: usize, fail: &mut impl FnMut(&str, Problem)) {
    if documents.len() < least {
        fail("documents", Problem::TooFew { min: least });
    } else if documents.len() > MAX_DOCUMENTS {
        fail("documents", Problem::TooMany { max: MAX_DOCUMENTS });
    }
    let mut seen = std::collections::HashSet::new();
    if !documents.iter().all(|t| seen.insert(t)) {
        fail("documents", Problem::Duplicate);
    }
}

/// What an applicant receives: keep both to follow the application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepairReceipt {
    /// The public reference number (`XF20261202-7KQ4MP`).
    pub reference: String,
    /// The secret query code; shown once, stored only as a hash.
    pub query_code: String,
    #[serde(with = "crate::time::instant")]
    pub received_at: DateTime<Utc>,
    /// The authority decides by this day (working days; holidays not counted
    /// by the portal).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub decide_by: NaiveDate,
}

/// Asking for an application's status, or adding documents to it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepairQuery {
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub reference: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 20))]
    pub query_code: String,
}

/// Documents sent after the authority asked for more.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepairSupplement {
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub reference: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 20))]
    pub query_code: String,
    /// Tokens of newly uploaded documents (1 to 10).
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 10))]
    pub documents: Vec<String>,
    /// What they show, if anything needs saying (at most 1,000 characters).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub note: String,
}

impl RepairSupplement {
    /// Checks the documents and the note.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut fail =
            |field: &str, problem: Problem| field_error::add(&mut errors, field, problem);
        check_documents(&self.documents, 1, &mut fail);
        if self.note.chars().count() > MAX_NOTE_CHARS {
            fail(
                "note",
                Problem::TooLong {
                    max: MAX_NOTE_CHARS,
                },
            );
        } else if has_control_characters(&self.note) {
            fail("note", Problem::ControlCharacters);
        }
        field_error::finish(errors)
    }
}

/// A stored document, as its token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UploadedDocument {
    /// Put this in `documents`.
    pub token: String,
    /// `application/pdf` or `image/jpeg` (images are re-encoded, without
    /// metadata).
    pub media_type: String,
    pub bytes: u64,
}

/// One step of an application, with what the applicant was told.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct RepairEvent {
    pub status: RepairStatus,
    #[serde(with = "crate::time::instant")]
    pub at: DateTime<Utc>,
    pub note: Option<String>,
}

/// What the applicant sees of an application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepairView {
    pub reference: String,
    pub enterprise_name: String,
    pub credit_code: String,
    pub status: RepairStatus,
    #[serde(with = "crate::time::instant")]
    pub received_at: DateTime<Utc>,
    /// The authority decides by this day, while the application is open.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub decide_by: NaiveDate,
    /// The day it was decided, once decided.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    #[serde(default, with = "crate::time::date::option")]
    pub decided_on: Option<NaiveDate>,
    /// The listing's own clocks: listed on, and the day it ends by itself.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub listed_on: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub term_ends_on: NaiveDate,
    /// Oldest first.
    pub history: Vec<RepairEvent>,
    /// How many documents are attached.
    pub documents: u32,
}

/// An open application in the staff queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct RepairSummary {
    pub reference: String,
    pub enterprise_name: String,
    pub credit_code: String,
    pub status: RepairStatus,
    #[serde(with = "crate::time::instant")]
    pub received_at: DateTime<Utc>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub decide_by: NaiveDate,
}

/// A document as staff see it in an application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct RepairDocument {
    pub id: i64,
    pub media_type: String,
    #[cfg_attr(feature = "sqlx", sqlx(try_from = "i64"))]
    pub bytes: u64,
    #[serde(with = "crate::time::instant")]
    pub uploaded_at: DateTime<Utc>,
}

/// An application in full, for staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepairCase {
    #[serde(flatten)]
    pub view: RepairView,
    pub penalty_fulfilled: bool,
    pub hazards_corrected: bool,
    pub commitment: bool,
    pub statement: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub document_list: Vec<RepairDocument>,
    /// The steps staff may take now.
    pub actions: Vec<RepairAction>,
}

/// A staff step on an application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepairDecision {
    pub action: RepairAction,
    /// What the applicant reads (required but for accepting; at most 1,000
    /// characters). On approval it is the public reason of the removal.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub note: String,
}

impl RepairDecision {
    /// Checks the note against the step.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        let note = self.note.trim();
        let problem = if self.action.needs_note() && note.is_empty() {
            Some(Problem::Required)
        } else if note.chars().count() > MAX_NOTE_CHARS {
            Some(Problem::TooLong {
                max: MAX_NOTE_CHARS,
            })
        } else if note
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            Some(Problem::ControlCharacters)
        } else {
            None
        };
        if let Some(problem) = problem {
            field_error::add(&mut errors, "note", problem);
        }
        field_error::finish(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a day")
    }

    #[test]
    fn working_days_skip_weekends() {
        // Wednesday 2026-12-02 + 3 working days = Monday 2026-12-07.
        assert_eq!(add_working_days(day(2026, 12, 2), 3), day(2026, 12, 7));
        // 20 working days are four weeks.
        assert_eq!(decide_by(day(2026, 12, 2)), day(2026, 12, 30));
    }

    #[test]
    fn approval_needs_an_accepted_application() {
        assert!(!RepairAction::Approve.allowed_from(RepairStatus::Submitted));
        assert!(RepairAction::Approve.allowed_from(RepairStatus::Accepted));
        assert!(!RepairAction::Approve.allowed_from(RepairStatus::MoreRequested));
    }

    #[test]
    fn a_decided_application_takes_no_more_steps() {
        for status in [RepairStatus::Refused, RepairStatus::Approved] {
            assert!(RepairAction::open_from(status).is_empty(), "{status:?}");
        }
    }

    #[test]
    fn added_documents_are_accepted_again() {
        assert!(RepairAction::Accept.allowed_from(RepairStatus::Supplemented));
        assert!(!RepairAction::Accept.allowed_from(RepairStatus::Accepted));
    }

    #[test]
    fn an_application_names_every_missing_part() {
        let errors = NewRepairApplication::default()
            .validate()
            .expect_err("empty");
        for field in [
            "credit_code",
            "penalty_fulfilled",
            "hazards_corrected",
            "commitment",
            "statement",
            "contact_name",
            "contact_phone",
            "documents",
        ] {
            assert!(errors.contains_key(field), "{field}: {errors:?}");
        }
    }

    #[test]
    fn a_refusal_must_say_why() {
        let refusal = RepairDecision {
            action: RepairAction::Refuse,
            note: " ".to_owned(),
        };
        assert!(refusal.validate().is_err());
        let acceptance = RepairDecision {
            action: RepairAction::Accept,
            note: String::new(),
        };
        assert!(acceptance.validate().is_ok());
    }
}
