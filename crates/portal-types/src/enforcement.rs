//! Enforcement information beyond penalty decisions: typical cases exposed
//! to the public (典型案例曝光), major hazards under listed supervision
//! (重大隐患挂牌督办), accident investigation reports (事故调查报告) with
//! their rectification assessments, and the statistics of it all.
//!
//! Each record has a public read model and a staff input model; the inputs
//! check themselves ([`ExposedCaseInput::validate`] and its siblings) so that the
//! server refuses, field by field, what the app would also refuse.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::education::{Provision, provisions_in};
use crate::field_error::{self, FieldErrors, Problem};
use crate::text::has_control_characters;
use crate::{District, Industry};

/// Longest title of a case, listing or report, in characters.
pub const MAX_TITLE_CHARS: usize = 100;
/// Longest short text (a summary, an authority, a note), in characters.
pub const MAX_SHORT_CHARS: usize = 500;
/// Longest long text (a case's story, one section of a report), in characters.
pub const MAX_LONG_CHARS: usize = 20_000;
/// Most decisions one case can cite.
pub const MAX_CASE_DECISIONS: usize = 20;
/// Rows of a public list page.
pub const PAGE_SIZE: u32 = 20;

slug_enum! {
    /// Where a listed major hazard stands. It moves forward one step at a time.
    HazardStatus {
        Listed = ("listed", "挂牌督办", "Listed"),
        Rectifying = ("rectifying", "整改中", "Rectifying"),
        Accepted = ("accepted", "验收通过", "Accepted"),
        Delisted = ("delisted", "已摘牌", "Delisted"),
    }
}

impl HazardStatus {
    /// The step after this one, if any.
    pub fn next(self) -> Option<Self> {
        match self {
            HazardStatus::Listed => Some(HazardStatus::Rectifying),
            HazardStatus::Rectifying => Some(HazardStatus::Accepted),
            HazardStatus::Accepted => Some(HazardStatus::Delisted),
            HazardStatus::Delisted => None,
        }
    }

    /// Whether the hazard is still open (not yet accepted as rectified).
    pub fn is_open(self) -> bool {
        matches!(self, HazardStatus::Listed | HazardStatus::Rectifying)
    }
}

/// Whether a listing is overdue on `today`: still open after its deadline.
pub fn is_overdue(status: HazardStatus, deadline: NaiveDate, today: NaiveDate) -> bool {
    status.is_open() && today > deadline
}

slug_enum! {
    /// The grade of an accident (《生产安全事故报告和调查处理条例》第三条).
    AccidentGrade {
        General = ("general", "一般事故", "General accident"),
        Larger = ("larger", "较大事故", "Larger accident"),
        Major = ("major", "重大事故", "Major accident"),
        EspeciallyMajor = ("especially-major", "特别重大事故", "Especially major accident"),
    }
}

slug_enum! {
    /// A chapter of an accident investigation report, in the order reports use.
    Section {
        Accident = ("accident", "事故基本情况和经过", "The accident and how it happened"),
        Causes = ("causes", "事故原因", "Causes"),
        Technical = ("technical", "技术分析", "Technical analysis"),
        Management = ("management", "管理问题", "Management failings"),
        Responsibility = ("responsibility", "责任认定及处理建议", "Responsibility and proposed sanctions"),
        Measures = ("measures", "防范和整改措施", "Preventive and corrective measures"),
    }
}

// ---------------------------------------------------------------------------
// Typical cases (典型案例曝光)

/// A decision a case cites, as the public may see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CitedDecision {
    pub id: i64,
    pub decision_no: String,
    pub party_name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub decided_on: NaiveDate,
    /// The fine, in fen.
    pub fine_fen: i64,
    /// False when the decision has passed its disclosure deadline: the case
    /// still names it, but its page answers that it left public view.
    pub in_view: bool,
}

/// A case in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct ExposedCaseSummary {
    pub id: i64,
    pub title: String,
    pub industry: Industry,
    pub district: District,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub published_on: NaiveDate,
    pub summary: String,
}

/// A page of cases, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExposedCasePage {
    pub total: u64,
    pub page: u32,
    pub page_size: u32,
    pub items: Vec<ExposedCaseSummary>,
}

/// A typical case in full.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExposedCase {
    pub id: i64,
    pub title: String,
    pub industry: Industry,
    pub district: District,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub published_on: NaiveDate,
    pub summary: String,
    /// What happened, paragraph by paragraph.
    pub body: Vec<String>,
    /// The lesson for others.
    pub lesson: String,
    /// The rules broken, as cited (`《安全生产法》第二十八条`).
    pub provisions_text: String,
    /// The same, parsed: each links to the education page on it.
    pub provisions: Vec<Provision>,
    pub decisions: Vec<CitedDecision>,
    #[serde(with = "crate::time::instant")]
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/staff/exposed-cases` and `PUT /api/staff/exposed-cases/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExposedCaseInput {
    #[cfg_attr(feature = "openapi", schema(max_length = 100, pattern = "\\S"))]
    pub title: String,
    pub industry: Industry,
    pub district: District,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub published_on: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = "\\S"))]
    pub summary: String,
    /// Paragraphs separated by blank lines.
    #[cfg_attr(feature = "openapi", schema(max_length = 20000, pattern = "\\S"))]
    pub body: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = "\\S"))]
    pub lesson: String,
    /// The rules broken, cited with the law's name in 《》 and the article.
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = "\\S"))]
    pub provisions: String,
    /// The ids of the penalty decisions behind the case (1 to 20).
    #[cfg_attr(feature = "openapi", schema(max_items = 20))]
    pub decision_ids: Vec<i64>,
}

impl ExposedCaseInput {
    /// Checks every field; `today` is the date in Jinan.
    pub fn validate(&self, today: NaiveDate) -> Result<(), FieldErrors> {
        let mut errors = Errors::default();
        errors.text("title", &self.title, MAX_TITLE_CHARS, false);
        errors.text("summary", &self.summary, MAX_SHORT_CHARS, false);
        errors.text("body", &self.body, MAX_LONG_CHARS, true);
        errors.text("lesson", &self.lesson, MAX_SHORT_CHARS, true);
        errors.text("provisions", &self.provisions, MAX_SHORT_CHARS, false);
        if !self.provisions.trim().is_empty() && provisions_in(&self.provisions).is_empty() {
            errors.fail("provisions", Problem::NoProvisionCited);
        }
        errors.not_future("published_on", self.published_on, today);
        if self.decision_ids.is_empty() {
            errors.fail("decision_ids", Problem::NoDecisionNamed);
        } else if self.decision_ids.len() > MAX_CASE_DECISIONS {
            errors.fail(
                "decision_ids",
                Problem::TooMany {
                    max: MAX_CASE_DECISIONS,
                },
            );
        } else if self.decision_ids.iter().any(|&id| id <= 0) {
            errors.fail("decision_ids", Problem::NotListed);
        }
        errors.finish()
    }
}

// ---------------------------------------------------------------------------
// Listed supervision of major hazards (重大隐患挂牌督办)

/// A step of a listing's life, with its date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct ListingStep {
    pub status: HazardStatus,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[cfg_attr(feature = "sqlx", sqlx(rename = "on_date"))]
    #[serde(with = "crate::time::date")]
    pub on: NaiveDate,
    /// What was done or found (public).
    pub note: String,
}

/// A listing in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HazardListingSummary {
    pub id: i64,
    pub enterprise_name: String,
    pub credit_code: String,
    /// The hazard, in a line.
    pub hazard: String,
    pub district: District,
    pub industry: Industry,
    pub authority: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub listed_on: NaiveDate,
    /// The rectification deadline.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub deadline: NaiveDate,
    pub status: HazardStatus,
    /// Still open after the deadline, as of today in Jinan.
    pub overdue: bool,
}

/// A page of listings, newest listing first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HazardListingPage {
    pub total: u64,
    pub page: u32,
    pub page_size: u32,
    /// How many of all listings (whatever the filter) are overdue now.
    pub overdue_total: u64,
    pub items: Vec<HazardListingSummary>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub as_of: NaiveDate,
}

/// A listing in full.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HazardListing {
    #[serde(flatten)]
    pub summary: HazardListingSummary,
    /// The hazard as found.
    pub description: String,
    /// What the enterprise must do.
    pub requirements: String,
    /// Every step so far, oldest first (the first is the listing itself).
    pub steps: Vec<ListingStep>,
    #[serde(with = "crate::time::instant")]
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/staff/hazard-listings` and `PUT /api/staff/hazard-listings/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListingInput {
    /// The enterprise's credit code (it must be in the directory).
    #[cfg_attr(feature = "openapi", schema(max_length = 40, pattern = "\\S"))]
    pub credit_code: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 100, pattern = "\\S"))]
    pub hazard: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 20000, pattern = "\\S"))]
    pub description: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 20000, pattern = "\\S"))]
    pub requirements: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = "\\S"))]
    pub authority: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub listed_on: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub deadline: NaiveDate,
}

impl ListingInput {
    /// Checks every field but the credit code (the server looks it up).
    pub fn validate(&self, today: NaiveDate) -> Result<(), FieldErrors> {
        let mut errors = Errors::default();
        errors.text("hazard", &self.hazard, MAX_TITLE_CHARS, false);
        errors.text("description", &self.description, MAX_LONG_CHARS, true);
        errors.text("requirements", &self.requirements, MAX_LONG_CHARS, true);
        errors.text("authority", &self.authority, MAX_SHORT_CHARS, false);
        errors.not_future("listed_on", self.listed_on, today);
        if self.deadline <= self.listed_on {
            errors.fail("deadline", Problem::not_after("listed_on"));
        } else if self.listed_on.checked_add_days(Days::new(3 * 366)) < Some(self.deadline) {
            errors.fail("deadline", Problem::too_long_after("listed_on", 3));
        }
        errors.finish()
    }
}

/// `POST /api/staff/hazard-listings/{id}/steps`: moves a listing to its next
/// status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepInput {
    /// Must be the status after the current one.
    pub status: HazardStatus,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub on: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = "\\S"))]
    pub note: String,
}

impl StepInput {
    /// Checks the step against the listing's current status and last date.
    pub fn validate(
        &self,
        current: HazardStatus,
        last: NaiveDate,
        today: NaiveDate,
    ) -> Result<(), FieldErrors> {
        let mut errors = Errors::default();
        errors.text("note", &self.note, MAX_SHORT_CHARS, false);
        match current.next() {
            None => errors.fail("status", Problem::NotANextStep { next: None }),
            Some(next) if next != self.status => errors.fail(
                "status",
                Problem::NotANextStep {
                    next: Some(next.slug().to_owned()),
                },
            ),
            Some(_) => {}
        }
        errors.not_future("on", self.on, today);
        if self.on < last {
            errors.fail("on", Problem::BeforeLastStep);
        }
        errors.finish()
    }
}

// ---------------------------------------------------------------------------
// Accident investigation reports (事故调查报告)

/// The text of a report, chapter by chapter; paragraphs are separated by
/// blank lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sections {
    #[cfg_attr(feature = "openapi", schema(max_length = 20000, pattern = "\\S"))]
    pub accident: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 20000, pattern = "\\S"))]
    pub causes: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 20000, pattern = "\\S"))]
    pub technical: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 20000, pattern = "\\S"))]
    pub management: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 20000, pattern = "\\S"))]
    pub responsibility: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 20000, pattern = "\\S"))]
    pub measures: String,
}

impl Sections {
    /// Each chapter with its text, in report order.
    pub fn chapters(&self) -> [(Section, &str); 6] {
        [
            (Section::Accident, &self.accident),
            (Section::Causes, &self.causes),
            (Section::Technical, &self.technical),
            (Section::Management, &self.management),
            (Section::Responsibility, &self.responsibility),
            (Section::Measures, &self.measures),
        ]
    }
}

/// Splits text into its paragraphs (blank lines between them); a paragraph
/// keeps its single line breaks.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// A published change of a report: nothing is replaced without one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct ReportChange {
    pub version: i64,
    #[serde(with = "crate::time::instant")]
    pub changed_at: DateTime<Utc>,
    /// What changed and why (the first version says it was published).
    pub note: String,
}

/// The rectification assessment (整改评估), due within a year of publication.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Assessment {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub assessed_on: NaiveDate,
    pub authority: String,
    /// What the assessment found, paragraph by paragraph.
    pub findings: Vec<String>,
    /// Its conclusion.
    pub conclusion: String,
}

/// A report in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccidentSummary {
    pub id: i64,
    pub title: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub occurred_on: NaiveDate,
    pub district: District,
    pub industry: Industry,
    pub grade: AccidentGrade,
    pub deaths: u32,
    pub injuries: u32,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub published_on: NaiveDate,
    /// Whether the rectification assessment is published.
    pub assessed: bool,
    /// The day by which the assessment is due (a year after publication).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub assessment_due: NaiveDate,
}

/// A page of reports, newest accident first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccidentPage {
    pub total: u64,
    pub page: u32,
    pub page_size: u32,
    pub items: Vec<AccidentSummary>,
}

/// A report in full, at one version (the latest unless asked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccidentReport {
    #[serde(flatten)]
    pub summary: AccidentSummary,
    /// The direct economic loss, in fen.
    pub direct_loss_fen: i64,
    /// Who investigated (the investigation group).
    pub investigated_by: String,
    /// The version shown.
    pub version: i64,
    /// The latest version.
    pub latest_version: i64,
    pub sections: Sections,
    /// Every version, oldest first.
    pub history: Vec<ReportChange>,
    pub assessment: Option<Assessment>,
}

/// `POST /api/staff/accident-reports` and `PUT /api/staff/accident-reports/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccidentInput {
    #[cfg_attr(feature = "openapi", schema(max_length = 100, pattern = "\\S"))]
    pub title: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub occurred_on: NaiveDate,
    pub district: District,
    pub industry: Industry,
    pub grade: AccidentGrade,
    #[cfg_attr(feature = "openapi", schema(maximum = 10000))]
    pub deaths: u32,
    #[cfg_attr(feature = "openapi", schema(maximum = 100000))]
    pub injuries: u32,
    /// In yuan.
    #[cfg_attr(feature = "openapi", schema(maximum = 100000000000_u64))]
    pub direct_loss_yuan: u64,
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = "\\S"))]
    pub investigated_by: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub published_on: NaiveDate,
    pub sections: Sections,
    /// For a change: what changed and why, shown in the public history.
    /// Not needed (and not shown) when the report is first published.
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    #[serde(default)]
    pub change_note: String,
}

impl AccidentInput {
    /// Checks every field; `change` says whether this changes a published report.
    pub fn validate(&self, today: NaiveDate, change: bool) -> Result<(), FieldErrors> {
        let mut errors = Errors::default();
        errors.text("title", &self.title, MAX_TITLE_CHARS, false);
        errors.text(
            "investigated_by",
            &self.investigated_by,
            MAX_SHORT_CHARS,
            false,
        );
        errors.not_future("occurred_on", self.occurred_on, today);
        errors.not_future("published_on", self.published_on, today);
        if self.published_on < self.occurred_on {
            errors.fail("published_on", Problem::before("occurred_on"));
        }
        if self.deaths > 10_000 {
            errors.fail(
                "deaths",
                Problem::OutOfRange {
                    min: 0,
                    max: 10_000,
                },
            );
        }
        if self.injuries > 100_000 {
            errors.fail(
                "injuries",
                Problem::OutOfRange {
                    min: 0,
                    max: 100_000,
                },
            );
        }
        if self.direct_loss_yuan > 100_000_000_000 {
            errors.fail(
                "direct_loss_yuan",
                Problem::OutOfRange {
                    min: 0,
                    max: 100_000_000_000,
                },
            );
        }
        for (section, text) in self.sections.chapters() {
            errors.text(
                &format!("sections.{}", section.slug()),
                text,
                MAX_LONG_CHARS,
                true,
            );
        }
        // Only a change needs a note; a first publication may send one, and
        // it is held to the same rules, though nothing shows it.
        if change || !self.change_note.trim().is_empty() {
            errors.text("change_note", &self.change_note, MAX_SHORT_CHARS, false);
        }
        errors.finish()
    }
}

/// `PUT /api/staff/accident-reports/{id}/assessment`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct AssessmentInput {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub assessed_on: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = "\\S"))]
    pub authority: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 20000, pattern = "\\S"))]
    pub findings: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = "\\S"))]
    pub conclusion: String,
}

/// The day by which a report published on `published_on` must be assessed.
pub fn assessment_due(published_on: NaiveDate) -> NaiveDate {
    published_on
        .checked_add_months(chrono::Months::new(12))
        .unwrap_or(published_on)
}

impl AssessmentInput {
    /// Checks every field against the report's publication date.
    pub fn validate(&self, published_on: NaiveDate, today: NaiveDate) -> Result<(), FieldErrors> {
        let mut errors = Errors::default();
        errors.text("authority", &self.authority, MAX_SHORT_CHARS, false);
        errors.text("findings", &self.findings, MAX_LONG_CHARS, true);
        errors.text("conclusion", &self.conclusion, MAX_SHORT_CHARS, false);
        errors.not_future("assessed_on", self.assessed_on, today);
        if self.assessed_on < published_on {
            errors.fail("assessed_on", Problem::before("published_on"));
        } else if self.assessed_on > assessment_due(published_on) {
            errors.fail("assessed_on", Problem::too_long_after("published_on", 1));
        }
        errors.finish()
    }
}

// ---------------------------------------------------------------------------
// Statistics

slug_enum! {
    /// A chart of the statistics page, and the CSV behind it.
    Chart {
        DecisionsByMonth = ("decisions-by-month", "每月处罚决定和罚款", "Decisions and fines by month"),
        DecisionsByDistrict = ("decisions-by-district", "各区县处罚决定和罚款", "Decisions and fines by district"),
        DecisionsByIndustry = ("decisions-by-industry", "各行业处罚决定和罚款", "Decisions and fines by industry"),
        ReportsByMonth = ("reports-by-month", "每月举报受理和查实", "Reports received and substantiated by month"),
        ListingsByDistrict = ("listings-by-district", "各区县挂牌督办隐患", "Listed major hazards by district"),
    }
}

/// One row of a chart: a label (a month `2026-03` or a slug) and its values,
/// in the order of the chart's series.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Row {
    pub label: String,
    pub values: Vec<i64>,
}

/// The figures of one chart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChartData {
    pub chart: Chart,
    /// The series' slugs, as the values are ordered: `decisions`, `fines_fen`,
    /// `received`, `substantiated`, `open`, `overdue`.
    pub series: Vec<String>,
    pub rows: Vec<Row>,
}

/// `GET /api/statistics`: every chart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Statistics {
    /// The day the figures are for, in Jinan.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub as_of: NaiveDate,
    pub charts: Vec<ChartData>,
}

/// A record an editor wrote: its id (and for a report, the version now public).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Saved {
    pub id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
}

// ---------------------------------------------------------------------------

/// Collects field errors.
#[derive(Default)]
struct Errors(FieldErrors);

impl Errors {
    fn fail(&mut self, field: &str, problem: Problem) {
        field_error::add(&mut self.0, field, problem);
    }

    /// A required text of at most `max` characters; `multiline` allows line breaks.
    fn text(&mut self, field: &str, value: &str, max: usize, multiline: bool) {
        let value = value.trim();
        if value.is_empty() {
            self.fail(field, Problem::Required);
        } else if value.chars().count() > max {
            self.fail(field, Problem::TooLong { max });
        } else if if multiline {
            value
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        } else {
            has_control_characters(value)
        } {
            self.fail(field, Problem::ControlCharacters);
        }
    }

    fn not_future(&mut self, field: &str, date: NaiveDate, today: NaiveDate) {
        if date > today {
            self.fail(field, Problem::InFuture);
        }
    }

    fn finish(self) -> Result<(), FieldErrors> {
        field_error::finish(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("a test date")
    }

    #[test]
    fn a_listing_moves_one_step_at_a_time_and_ends_delisted() {
        assert_eq!(HazardStatus::Listed.next(), Some(HazardStatus::Rectifying));
        assert_eq!(HazardStatus::Accepted.next(), Some(HazardStatus::Delisted));
        assert_eq!(HazardStatus::Delisted.next(), None);
    }

    #[test]
    fn only_an_open_listing_past_its_deadline_is_overdue() {
        let deadline = day("2026-06-30");
        assert!(!is_overdue(HazardStatus::Listed, deadline, deadline));
        assert!(is_overdue(
            HazardStatus::Rectifying,
            deadline,
            day("2026-07-01")
        ));
        assert!(!is_overdue(
            HazardStatus::Accepted,
            deadline,
            day("2026-07-01")
        ));
    }

    #[test]
    fn a_step_that_skips_ahead_is_refused_with_the_step_due() {
        let step = StepInput {
            status: HazardStatus::Accepted,
            on: day("2026-05-01"),
            note: "验收".into(),
        };
        let errors = step
            .validate(HazardStatus::Listed, day("2026-04-01"), day("2026-11-28"))
            .expect_err("refused");
        assert_eq!(
            errors["status"][0].problem,
            Problem::NotANextStep {
                next: Some("rectifying".to_owned())
            }
        );
    }

    #[test]
    fn an_assessment_later_than_a_year_after_publication_is_refused() {
        let input = AssessmentInput {
            assessed_on: day("2026-03-02"),
            authority: "济南市应急管理局".into(),
            findings: "已整改".into(),
            conclusion: "整改措施已落实".into(),
        };
        let errors = input
            .validate(day("2025-03-01"), day("2026-11-28"))
            .expect_err("refused");
        assert!(errors.contains_key("assessed_on"));
        assert!(input.validate(day("2025-03-02"), day("2026-11-28")).is_ok());
    }

    fn accident(change_note: &str) -> AccidentInput {
        let chapter = || "内容".to_owned();
        AccidentInput {
            title: "某公司“3·15”中毒事故调查报告".into(),
            occurred_on: day("2026-03-15"),
            district: District::Licheng,
            industry: Industry::Metallurgy,
            grade: AccidentGrade::General,
            deaths: 1,
            injuries: 0,
            direct_loss_yuan: 1_000_000,
            investigated_by: "事故调查组".into(),
            published_on: day("2026-09-01"),
            sections: Sections {
                accident: chapter(),
                causes: chapter(),
                technical: chapter(),
                management: chapter(),
                responsibility: chapter(),
                measures: chapter(),
            },
            change_note: change_note.into(),
        }
    }

    #[test]
    fn a_first_publication_needs_no_change_note_but_one_sent_keeps_the_rules() {
        let today = day("2026-11-28");
        assert!(accident("").validate(today, false).is_ok());
        let errors = accident(&"改".repeat(MAX_SHORT_CHARS + 1))
            .validate(today, false)
            .expect_err("refused");
        assert!(errors.contains_key("change_note"));
        let errors = accident("").validate(today, true).expect_err("refused");
        assert!(errors.contains_key("change_note"));
    }

    #[test]
    fn a_case_must_cite_a_law_by_name_and_at_least_one_decision() {
        let input = ExposedCaseInput {
            title: "某公司有限空间作业未审批".into(),
            industry: Industry::Metallurgy,
            district: District::Licheng,
            published_on: day("2026-10-01"),
            summary: "未执行作业审批".into(),
            body: "事实".into(),
            lesson: "教训".into(),
            provisions: "第二十八条".into(),
            decision_ids: vec![],
        };
        let errors = input.validate(day("2026-11-28")).expect_err("refused");
        assert!(errors.contains_key("provisions"));
        assert!(errors.contains_key("decision_ids"));
    }

    #[test]
    fn paragraphs_are_split_on_blank_lines() {
        assert_eq!(
            paragraphs("第一段\n续行\r\n\r\n\n第二段\n\n"),
            vec!["第一段\n续行".to_owned(), "第二段".to_owned()]
        );
    }
}
