//! The report being written, kept in this browser as it is typed.
//!
//! Everything lives in `localStorage`, so a reload, a lost connection or a
//! closed tab loses nothing. The Idempotency-Key lives here too: a submit
//! retried after a failure, even after a reload, reuses it, and the server
//! makes one report at most. Editing the report after an attempt makes a new
//! key, since it is then a different report.

use chrono::NaiveDateTime;
use portal_types::District;
use portal_types::Problem;
use portal_types::enterprises::EnterpriseSummary;
use portal_types::reports::{NewReport, Receipt, ReportCategory, Reporter};
use serde::{Deserialize, Serialize};

pub use crate::components::form::FormError;
use crate::i18n::ReportStrings;
use crate::prefs;

const DRAFT_KEY: &str = "portal.reportDraft";
const RECEIPT_KEY: &str = "portal.reportReceipt";

/// Which enterprise the report is about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Enterprise {
    /// Not answered yet, or not known.
    #[default]
    Unknown,
    /// Picked from the directory.
    Listed(EnterpriseSummary),
    /// Typed, not in the directory.
    Typed(String),
}

/// A photo already uploaded for this report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftPhoto {
    pub token: String,
    pub name: String,
    pub bytes: u64,
}

/// The report being written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub category: Option<ReportCategory>,
    pub district: Option<District>,
    pub address: String,
    pub location: Option<(f64, f64)>,
    pub enterprise: Enterprise,
    /// `YYYY-MM-DDTHH:MM`, as the form field writes it.
    pub seen_at: String,
    pub description: String,
    pub photos: Vec<DraftPhoto>,
    /// `None` until chosen.
    pub anonymous: Option<bool>,
    pub name: String,
    pub phone: String,
    /// Bots fill this hidden field; people never see it.
    #[serde(default)]
    pub website: String,
    pub idempotency_key: String,
    /// Whether a submit was attempted with this key.
    #[serde(default)]
    pub attempted: bool,
}

/// The steps of the form, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    What,
    Where,
    Enterprise,
    When,
    Description,
    Photos,
    Who,
    Check,
}

impl Step {
    pub const ALL: [Step; 8] = [
        Step::What,
        Step::Where,
        Step::Enterprise,
        Step::When,
        Step::Description,
        Step::Photos,
        Step::Who,
        Step::Check,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Step::What => "what",
            Step::Where => "where",
            Step::Enterprise => "enterprise",
            Step::When => "when",
            Step::Description => "description",
            Step::Photos => "photos",
            Step::Who => "who",
            Step::Check => "check",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// 1-based position.
    pub fn number(self) -> usize {
        Step::ALL.iter().position(|&s| s == self).unwrap_or(0) + 1
    }

    pub fn next(self) -> Step {
        Step::ALL.get(self.number()).copied().unwrap_or(Step::Check)
    }

    pub fn previous(self) -> Option<Step> {
        self.number()
            .checked_sub(2)
            .and_then(|i| Step::ALL.get(i).copied())
    }

    /// The address of this step (and where "continue" should return to).
    pub fn href(self, returning_to_check: bool) -> String {
        if returning_to_check && self != Step::Check {
            format!("/report/new?step={}&return=check", self.slug())
        } else {
            format!("/report/new?step={}", self.slug())
        }
    }
}

/// A new random key, from the browser's cryptographic generator.
fn new_key() -> String {
    #[cfg_attr(not(target_arch = "wasm32"), allow(unused_mut))]
    let mut bytes = [0u8; 16];
    // On the server the form is only drawn, never sent: no key is needed.
    #[cfg(target_arch = "wasm32")]
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Now, in Jinan (the browser's own zone does not matter).
pub fn now_in_china() -> NaiveDateTime {
    #[cfg(target_arch = "wasm32")]
    let millis = js_sys::Date::now() as i64;
    #[cfg(not(target_arch = "wasm32"))]
    let millis = chrono::Utc::now().timestamp_millis();
    chrono::DateTime::from_timestamp_millis(millis)
        .unwrap_or_default()
        .naive_utc()
        + chrono::Duration::hours(8)
}

impl Draft {
    /// An empty report, seen now.
    pub fn new() -> Self {
        Self {
            category: None,
            district: None,
            address: String::new(),
            location: None,
            enterprise: Enterprise::Unknown,
            seen_at: crate::i18n::minute_text(now_in_china(), 'T'),
            description: String::new(),
            photos: Vec::new(),
            anonymous: None,
            name: String::new(),
            phone: String::new(),
            website: String::new(),
            idempotency_key: new_key(),
            attempted: false,
        }
    }

    /// The draft kept in this browser, if any.
    pub fn load() -> Option<Self> {
        prefs::load(DRAFT_KEY).and_then(|json| serde_json::from_str(&json).ok())
    }

    /// Keeps the draft in this browser.
    pub fn save(&self) {
        if let Ok(json) = serde_json::to_string(self) {
            prefs::store(DRAFT_KEY, &json);
        }
    }

    /// Forgets the draft (after a successful submit, or when discarded).
    pub fn discard() {
        prefs::remove(DRAFT_KEY);
    }

    /// Whether anything has been entered.
    pub fn is_started(&self) -> bool {
        self.category.is_some()
            || self.district.is_some()
            || !self.address.is_empty()
            || !self.description.is_empty()
            || !self.photos.is_empty()
    }

    /// Call after any change: a change after a submit attempt makes it a new
    /// report, with a new key.
    pub fn touched(&mut self) {
        if self.attempted {
            self.idempotency_key = new_key();
            self.attempted = false;
        }
    }

    fn seen_at(&self) -> Option<NaiveDateTime> {
        crate::i18n::parse_minute(&self.seen_at)
    }

    /// The problems of one step, in the order of its fields. What the draft
    /// has not answered yet (a choice not made, a time not readable) it
    /// says itself; everything else is the shared
    /// [`NewReport::validate`], the server's own check, said in the words
    /// of the step.
    pub fn problems(&self, step: Step, t: &ReportStrings) -> Vec<FormError> {
        let mut out = Vec::new();
        let mut fail = |field, message: &'static str| out.push(FormError::new(field, message));
        let check = |s: Step| step == s || step == Step::Check;
        let shared = self
            .probe()
            .validate(now_in_china())
            .err()
            .unwrap_or_default();
        let faulted = |field: &str| shared.get(field).and_then(|errors| errors.first());
        if check(Step::What) && self.category.is_none() {
            fail("category", t.category_required);
        }
        if check(Step::Where) {
            if self.district.is_none() {
                fail("district", t.district_required);
            }
            if let Some(error) = faulted("address") {
                fail(
                    "address",
                    match error.problem {
                        Problem::Required => t.address_required,
                        _ => t.address_too_long,
                    },
                );
            }
        }
        if check(Step::Enterprise) && faulted("enterprise_name").is_some() {
            fail("enterprise-name", t.enterprise_too_long);
        }
        if check(Step::When) {
            if self.seen_at().is_none() {
                fail("seen-at", t.when_required);
            } else if let Some(error) = faulted("seen_at") {
                fail(
                    "seen-at",
                    match error.problem {
                        Problem::InFuture => t.seen_in_future,
                        _ => t.seen_too_long_ago,
                    },
                );
            }
        }
        if check(Step::Description)
            && let Some(error) = faulted("description")
        {
            fail(
                "description",
                match error.problem {
                    Problem::TooShort { .. } => t.description_too_short,
                    _ => t.description_too_long,
                },
            );
        }
        if check(Step::Who) {
            match self.anonymous {
                None => fail("who-anonymous", t.who_required),
                Some(true) => {}
                Some(false) => {
                    if faulted("reporter.name").is_some() {
                        fail("reporter-name", t.name_required);
                    }
                    if faulted("reporter.phone").is_some() {
                        fail("reporter-phone", t.phone_invalid);
                    }
                }
            }
        }
        out
    }

    /// The report as it would be sent, with stand-ins for what is not
    /// answered yet (those the draft checks itself), for the shared checks.
    fn probe(&self) -> NewReport {
        let mut report = self.assemble(
            self.category.unwrap_or(ReportCategory::Other),
            self.district.unwrap_or(District::ALL[0]),
            self.seen_at().unwrap_or_else(now_in_china),
            self.anonymous.unwrap_or(true),
        );
        report.clean();
        report
    }

    /// The report to send, once every step is right.
    pub fn to_report(&self) -> Option<NewReport> {
        Some(self.assemble(
            self.category?,
            self.district?,
            self.seen_at()?,
            self.anonymous?,
        ))
    }

    /// The report this draft makes, given the answers that may be missing.
    fn assemble(
        &self,
        category: ReportCategory,
        district: District,
        seen_at: NaiveDateTime,
        anonymous: bool,
    ) -> NewReport {
        let (enterprise_id, enterprise_name) = match &self.enterprise {
            Enterprise::Unknown => (None, None),
            Enterprise::Listed(e) => (Some(e.id), None),
            Enterprise::Typed(name) => {
                (None, Some(name.trim().to_owned()).filter(|n| !n.is_empty()))
            }
        };
        NewReport {
            category,
            district,
            address: self.address.trim().to_owned(),
            latitude: self.location.map(|l| l.0),
            longitude: self.location.map(|l| l.1),
            enterprise_id,
            enterprise_name,
            seen_at,
            description: self.description.trim().to_owned(),
            photos: self.photos.iter().map(|p| p.token.clone()).collect(),
            reporter: if anonymous {
                Reporter::Anonymous
            } else {
                Reporter::Named {
                    name: self.name.trim().to_owned(),
                    phone: self.phone.trim().to_owned(),
                }
            },
            website: self.website.clone(),
        }
    }
}

impl Default for Draft {
    fn default() -> Self {
        Self::new()
    }
}

/// Keeps the receipt for this tab, so that a reload still shows it.
pub fn keep_receipt(receipt: &Receipt) {
    if let Ok(json) = serde_json::to_string(receipt) {
        prefs::store_for_session(RECEIPT_KEY, &json);
    }
}

/// The receipt kept for this tab.
pub fn kept_receipt() -> Option<Receipt> {
    prefs::load_for_session(RECEIPT_KEY).and_then(|json| serde_json::from_str(&json).ok())
}
