//! Translations: Simplified Chinese first, English second.
//!
//! Every piece of interface text is a field of [`Strings`]; [`zh::STRINGS`] and
//! [`en::STRINGS`] fill them all, so a text missing in either language is a
//! compile error, and switching costs a pointer swap. Text that takes values
//! is a function field.

mod en;
mod problems;
mod zh;

use leptos::prelude::*;

pub use portal_types::money::group_digits;
pub use problems::{fields_text, problem_text, problems_line};

use crate::prefs;

/// A language of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Simplified Chinese, the default.
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The other language, which the switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The text of the interface in this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Zh => &zh::STRINGS,
            Lang::En => &en::STRINGS,
        }
    }

    /// The language of a BCP 47 tag this portal writes.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "zh-CN" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// The current language, shared through the component tree.
#[derive(Clone, Copy, Debug)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

const STORAGE_KEY: &str = "portal.lang";
/// The cookie the server reads to render pages in the reader's language.
pub const COOKIE: &str = "portal.lang";

impl I18n {
    /// The current language (tracked).
    pub fn lang(self) -> Lang {
        self.lang.get()
    }

    /// The interface text in the current language (tracked).
    pub fn t(self) -> &'static Strings {
        self.lang.get().strings()
    }

    /// Switches the language and remembers the choice in this browser.
    pub fn set(self, lang: Lang) {
        self.lang.set(lang);
        prefs::store(STORAGE_KEY, lang.tag());
        prefs::store_cookie(COOKIE, lang.tag());
    }
}

/// Provides the language remembered in this browser (Chinese if none).
pub fn provide_i18n() -> I18n {
    #[cfg(target_arch = "wasm32")]
    let lang = prefs::load(STORAGE_KEY).and_then(|tag| Lang::from_tag(&tag));
    #[cfg(not(target_arch = "wasm32"))]
    let lang = crate::render::lang();
    let lang = lang.unwrap_or(Lang::Zh);
    // A choice made before the cookie existed reaches the server next time.
    prefs::store_cookie(COOKIE, lang.tag());
    let i18n = I18n {
        lang: RwSignal::new(lang),
    };
    provide_context(i18n);
    i18n
}

/// The language context provided by [`provide_i18n`].
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(provide_i18n)
}

/// Every text of the interface.
pub struct Strings {
    pub site_name: &'static str,
    pub site_owner: &'static str,
    pub skip_to_content: &'static str,
    pub main_navigation: &'static str,
    pub nav_home: &'static str,
    pub nav_enforcement: &'static str,
    pub nav_report: &'static str,
    pub nav_education: &'static str,
    pub nav_blacklist: &'static str,
    /// The switch's visible label: the name of the *other* language, in itself.
    pub language_switch: &'static str,
    /// What the switch does, for screen readers.
    pub language_switch_label: &'static str,
    pub large_text: &'static str,
    pub demo_banner: &'static str,

    pub footer_hotline: &'static str,
    pub footer_hotline_detail: &'static str,
    pub footer_api: &'static str,
    pub footer_owner: &'static str,
    pub footer_note: &'static str,
    /// The footer's link to the staff workspace.
    pub staff_link: &'static str,

    pub loading: &'static str,
    pub retry: &'static str,
    pub error_network: &'static str,
    pub error_server: &'static str,

    pub home_lead: &'static str,

    pub legal_basis_heading: &'static str,
    pub report_basis: &'static str,

    pub breadcrumbs: &'static str,
    pub print: &'static str,
    pub date: fn(chrono::NaiveDate) -> String,
    // The dates that field errors compare with ("must not be before …"),
    // named here rather than in their parts so that every bundle can say
    // them without carrying the parts' text.
    pub decided_on: &'static str,
    pub published_on: &'static str,
    pub hazard_listed_on: &'static str,
    pub occurred_on: &'static str,
    pub money: fn(i64) -> String,

    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub not_found_home: &'static str,
}

macro_rules! part_strings {
    ($($(#[$doc:meta])* $method:ident: $ty:ident = $name:ident;)*) => {
        impl Strings {
            $(
                $(#[$doc])*
                pub fn $method(&self) -> &'static $ty {
                    if std::ptr::eq(self, &zh::STRINGS) { &zh::$name } else { &en::$name }
                }
            )*
        }
    };
}

// Each part's text is a static of its own, reached through `Strings`, so
// that a bundle carries only the text of the pages it draws (a static is
// kept or dropped whole).
part_strings! {
    /// The text of the penalty decision pages.
    decisions: DecisionStrings = DECISIONS;
    /// The text of the hazard report pages.
    report: ReportStrings = REPORT;
    /// The text of the blacklist pages.
    blacklist: BlacklistStrings = BLACKLIST;
    /// The text of the education pages.
    education: EducationStrings = EDUCATION;
    /// The text of the staff workspace.
    staff: StaffStrings = STAFF;
    /// The text of the other enforcement pages.
    enforcement: EnforcementStrings = ENFORCEMENT;
    /// The text of the home page and the parts' landing pages.
    overview: OverviewStrings = OVERVIEW;
    /// The text of the credit repair pages.
    repair: RepairStrings = REPAIR;
    /// The text of the administrative licence pages.
    licences: LicenceStrings = LICENCES;
}

/// The text of the administrative licence pages (行政许可): the search, a
/// licence, and the licences on an enterprise's page.
pub struct LicenceStrings {
    pub title: &'static str,
    pub intro: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub kind: &'static str,
    pub all_kinds: &'static str,
    pub status: &'static str,
    pub all_statuses: &'static str,
    pub district: &'static str,
    pub all_districts: &'static str,
    pub search: &'static str,
    pub count: fn(u64) -> String,
    pub none: &'static str,
    pub licence_no: &'static str,
    pub holder: &'static str,
    pub credit_code: &'static str,
    pub scope: &'static str,
    pub issued_on: &'static str,
    pub valid: &'static str,
    pub valid_range: fn(&str, &str) -> String,
    pub authority: &'static str,
    pub history: &'static str,
    pub by_decision: &'static str,
    pub expired_note: fn(&str) -> String,
    pub as_of: fn(&str) -> String,
    pub holder_page: &'static str,
    pub missing: &'static str,
    pub enterprise_heading: &'static str,
    pub enterprise_none: &'static str,
}

/// The text of the credit repair pages: the application, its status, and
/// the editors' queue.
pub struct RepairStrings {
    pub title: &'static str,
    pub lead: &'static str,
    pub rules_heading: &'static str,
    pub rules: &'static [&'static str],
    pub code_label: &'static str,
    pub code_hint: &'static str,
    pub code_missing: &'static str,
    pub code_invalid: &'static str,
    pub code_unknown: &'static str,
    pub not_listed: &'static str,
    pub too_early_problem: &'static str,
    pub looking_up: &'static str,
    pub listed_since: &'static str,
    pub term_ends: &'static str,
    pub may_apply_from: &'static str,
    pub may_apply_now: &'static str,
    pub too_early: fn(&str) -> String,
    pub conditions_legend: &'static str,
    pub penalty_fulfilled: &'static str,
    pub hazards_corrected: &'static str,
    pub commitment: &'static str,
    pub penalty_missing: &'static str,
    pub corrected_missing: &'static str,
    pub commitment_missing: &'static str,
    pub document_done: &'static str,
    pub statement_label: &'static str,
    pub statement_hint: &'static str,
    pub statement_short: &'static str,
    pub statement_long: &'static str,
    pub contact_name: &'static str,
    pub contact_name_missing: &'static str,
    pub contact_phone: &'static str,
    pub contact_phone_invalid: &'static str,
    pub contact_hint: &'static str,
    pub documents_label: &'static str,
    pub documents_hint: &'static str,
    pub documents_add: &'static str,
    pub documents_missing: &'static str,
    pub documents_too_many: &'static str,
    pub documents_expired: &'static str,
    pub document_uploading: fn(&str) -> String,
    pub document_failed: fn(&str) -> String,
    pub document_wrong_type: fn(&str) -> String,
    pub document_too_big: fn(&str) -> String,
    pub document_remove: &'static str,
    pub submit: &'static str,
    pub already_open: &'static str,
    pub receipt_heading: &'static str,
    pub receipt_text: &'static str,
    pub reference: &'static str,
    pub query_code: &'static str,
    pub decide_by: &'static str,
    pub follow: &'static str,
    pub status_title: &'static str,
    pub status_lead: &'static str,
    pub status_submit: &'static str,
    pub status_not_found: &'static str,
    pub reference_missing: &'static str,
    pub query_code_missing: &'static str,
    pub current: &'static str,
    pub dates: &'static str,
    pub received_on: &'static str,
    pub decided_on: &'static str,
    pub history: &'static str,
    pub documents_count: fn(u32) -> String,
    pub note: &'static str,
    pub supplement_heading: &'static str,
    pub supplement_note: &'static str,
    pub supplement_submit: &'static str,
    pub supplement_done: &'static str,
    pub apply_link: &'static str,
    pub status_link: &'static str,
    pub links_repair: &'static str,
    pub staff_heading: &'static str,
    pub staff_empty: &'static str,
    pub staff_open: &'static str,
    pub staff_enterprise: &'static str,
    pub staff_status: &'static str,
    pub staff_received: &'static str,
    pub staff_due: &'static str,
    pub staff_conditions: &'static str,
    pub staff_statement: &'static str,
    pub staff_contact: &'static str,
    pub staff_documents: &'static str,
    pub staff_document: fn(usize, &str, u64) -> String,
    pub staff_note_label: &'static str,
    pub staff_note_hint: &'static str,
    pub staff_note_missing: &'static str,
    pub staff_done: &'static str,
    pub staff_wrong_status: &'static str,
    pub staff_closed: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
}

/// The text of the home page and the parts' landing pages, which only the
/// server draws.
pub struct OverviewStrings {
    pub home_title: &'static str,
    pub home_parts_heading: &'static str,
    pub home_figures_heading: &'static str,
    pub figure_published_decisions: &'static str,
    pub figure_fines: &'static str,
    pub figure_blacklisted: &'static str,
    pub figure_enterprises: &'static str,
    pub figures_as_of: fn(&str) -> String,
    pub count_decisions: fn(u64) -> String,
    pub count_enterprises: fn(u64) -> String,
    pub amount_yuan: fn(u64) -> String,
    pub home_hotline_heading: &'static str,
    pub home_hotline_text: &'static str,
    pub enforcement_summary: &'static str,
    pub report_summary: &'static str,
    pub education_summary: &'static str,
    pub blacklist_summary: &'static str,
    pub enforcement_intro: &'static str,
    pub enforcement_sections: &'static [(&'static str, &'static str)],
    pub education_intro: &'static str,
    pub coming_soon: &'static str,
    pub enforcement_basis: &'static str,
    pub education_basis: &'static str,
    pub blacklist_basis: &'static str,
}

/// The text of the penalty decision pages.
pub struct DecisionStrings {
    pub title: &'static str,
    pub intro: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_button: &'static str,
    pub filters: &'static str,
    pub district: &'static str,
    pub industry: &'static str,
    pub category: &'static str,
    pub authority: &'static str,
    pub year: &'static str,
    pub year_value: fn(i32) -> String,
    pub fine_range: &'static str,
    pub minimum: &'static str,
    pub maximum: &'static str,
    pub date_range: &'static str,
    pub date_from: &'static str,
    pub date_to: &'static str,
    pub apply: &'static str,
    pub clear_all: &'static str,
    pub result_count: fn(u64) -> String,
    pub sort: &'static str,
    pub sort_newest: &'static str,
    pub sort_oldest: &'static str,
    pub sort_fine_desc: &'static str,
    pub sort_fine_asc: &'static str,
    pub export_csv: &'static str,
    pub export_xlsx: &'static str,
    /// Why a search of more decisions than a workbook holds has no Excel export.
    pub export_xlsx_over: fn(usize) -> String,
    pub export_json: &'static str,
    pub feed: &'static str,
    pub no_results: &'static str,
    pub no_results_hint: &'static str,
    pub invalid_link: &'static str,
    pub revoked: &'static str,
    pub amended: &'static str,
    pub pagination: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub page: fn(u32) -> String,
    pub decision_no: &'static str,
    pub party_name: &'static str,
    pub credit_code: &'static str,
    pub legal_representative: &'static str,
    pub violation_type: &'static str,
    pub facts: &'static str,
    pub violated_provisions: &'static str,
    pub legal_basis: &'static str,
    pub penalty_categories: &'static str,
    pub penalty_content: &'static str,
    pub fine: &'static str,
    pub confiscated: &'static str,
    pub disclosure_until: &'static str,
    pub status: &'static str,
    pub in_force: &'static str,
    pub version: &'static str,
    pub published_at: &'static str,
    pub revoked_notice: fn(&str) -> String,
    pub revocation_reason: &'static str,
    pub amended_notice: fn(&str, u32) -> String,
    pub amendment_reason: &'static str,
    pub before: &'static str,
    pub after: &'static str,
    pub permalink: &'static str,
    pub gone_title: &'static str,
    pub gone_text: &'static str,
    pub missing_title: &'static str,
    pub missing_text: &'static str,
    pub back_to_list: &'static str,
    pub none: &'static str,
}

/// The text of the hazard report pages.
pub struct ReportStrings {
    pub start_title: &'static str,
    pub start_lead: &'static str,
    pub start_points: &'static [&'static str],
    pub start_button: &'static str,
    pub resume_notice: &'static str,
    pub resume_button: &'static str,
    pub discard_button: &'static str,
    pub step_of: fn(usize, usize) -> String,
    pub continue_button: &'static str,
    pub back: &'static str,
    pub error_summary_title: &'static str,
    pub draft_saved: &'static str,

    pub what_title: &'static str,
    pub what_hint: &'static str,
    pub category_required: &'static str,

    pub where_title: &'static str,
    pub district_label: &'static str,
    pub district_required: &'static str,
    pub choose: &'static str,
    pub address_label: &'static str,
    pub address_hint: &'static str,
    pub address_required: &'static str,
    pub use_location: &'static str,
    pub locating: &'static str,
    pub location_added: fn(f64, f64) -> String,
    pub location_failed: &'static str,
    pub remove_location: &'static str,

    pub enterprise_title: &'static str,
    pub enterprise_hint: &'static str,
    pub enterprise_search_label: &'static str,
    pub enterprise_results: fn(usize) -> String,
    pub enterprise_none_found: &'static str,
    pub enterprise_not_listed: &'static str,
    pub enterprise_name_label: &'static str,
    pub enterprise_unknown: &'static str,
    pub enterprise_chosen: &'static str,
    pub enterprise_not_chosen: &'static str,
    pub change_enterprise: &'static str,
    pub recent_reports: fn(u64) -> String,

    pub when_title: &'static str,
    pub when_label: &'static str,
    pub when_hint: &'static str,
    pub when_required: &'static str,

    pub description_title: &'static str,
    pub description_label: &'static str,
    pub description_hint: &'static str,
    pub characters_left: fn(i64) -> String,
    pub characters_over: fn(i64) -> String,

    pub photos_title: &'static str,
    pub photos_hint: &'static str,
    pub photos_add: &'static str,
    pub photos_uploading: &'static str,
    pub photos_remove: fn(usize) -> String,
    pub photo_alt: fn(usize) -> String,
    pub photo_kept: &'static str,
    pub photo_too_big: fn(&str) -> String,
    pub photo_wrong_type: fn(&str) -> String,
    pub photo_too_many_pixels: fn(&str) -> String,
    pub photo_too_many: &'static str,
    pub photo_failed: fn(&str) -> String,
    pub photos_count: fn(usize) -> String,

    pub who_title: &'static str,
    pub anonymous: &'static str,
    pub anonymous_hint: &'static str,
    pub named: &'static str,
    pub named_hint: &'static str,
    pub name_label: &'static str,
    pub phone_label: &'static str,
    pub phone_hint: &'static str,
    pub who_sees_title: &'static str,
    pub who_sees: &'static [&'static str],

    pub check_title: &'static str,
    pub check_lead: &'static str,
    pub change: &'static str,
    pub change_label: fn(&str) -> String,
    pub not_given: &'static str,
    pub submit: &'static str,
    pub submitting: &'static str,
    pub submit_failed_network: &'static str,
    pub submit_retry: &'static str,
    pub submit_in_flight: &'static str,
    pub submit_key_reused: &'static str,
    pub submit_too_many: fn(u64) -> String,
    pub declaration: &'static str,

    pub receipt_title: &'static str,
    pub receipt_lead: &'static str,
    pub reference_label: &'static str,
    pub code_label: &'static str,
    pub code_warning: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub next_title: &'static str,
    pub next_steps: fn(&str, &str) -> Vec<String>,
    pub follow_link: &'static str,
    pub receipt_missing: &'static str,

    pub status_title: &'static str,
    pub status_lead: &'static str,
    pub status_reference_missing: &'static str,
    pub status_code_missing: &'static str,
    pub status_submit: &'static str,
    pub status_not_found: &'static str,
    pub status_too_many: fn(u64) -> String,
    pub status_current: &'static str,
    pub status_history: &'static str,
    pub status_reply: &'static str,
    pub status_dates: &'static str,
    pub received_on: &'static str,
    pub handle_by: &'static str,
    pub extended_to: &'static str,
    pub feedback_by: &'static str,
    pub reward: &'static str,
    pub photos_attached: &'static str,

    pub rewards_title: &'static str,
    pub rewards_lead: &'static str,
    pub rewards_rules: &'static [&'static str],
    pub estimator_title: &'static str,
    pub estimator_fine: &'static str,
    pub estimator_fine_label: &'static str,
    pub estimator_accident: &'static str,
    pub grade_label: &'static str,
    pub grades: [&'static str; 4],
    pub deaths_label: &'static str,
    pub estimate: fn(u64) -> String,
    pub estimate_note: &'static str,
    pub invalid_number: &'static str,

    pub address_too_long: &'static str,
    pub enterprise_too_long: &'static str,
    pub seen_in_future: &'static str,
    pub seen_too_long_ago: &'static str,
    pub description_too_short: &'static str,
    pub description_too_long: &'static str,
    pub who_required: &'static str,
    pub name_required: &'static str,
    pub phone_invalid: &'static str,

    pub category_label: &'static str,
    pub district_short: &'static str,
    pub address_short: &'static str,
    pub enterprise_short: &'static str,
    pub when_short: &'static str,
    pub description_short: &'static str,
    pub photos_short: &'static str,
    pub who_short: &'static str,
}

/// The text of the blacklist pages.
pub struct BlacklistStrings {
    pub title: &'static str,
    pub lead: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_button: &'static str,
    pub listed: &'static str,
    pub removed: &'static str,
    pub not_listed: &'static str,
    pub code_listed: &'static str,
    pub code_removed: &'static str,
    pub code_not_listed: &'static str,
    pub as_of: fn(&str) -> String,
    pub check_warning: fn(char) -> String,
    pub code_invalid: &'static str,
    pub code_invalid_detail: fn(char) -> String,
    pub did_you_mean: &'static str,
    pub other_names: &'static str,
    pub no_close_codes: &'static str,
    pub not_in_directory: &'static str,
    pub found: fn(usize) -> String,
    pub none_found: fn(&str) -> String,
    pub reason: &'static str,
    pub breach: &'static str,
    pub authority: &'static str,
    pub listed_on: &'static str,
    pub expected_removal: &'static str,
    pub removed_on: &'static str,
    pub removal_reason: &'static str,
    /// The list an entry was made on.
    pub list_name: &'static str,
    /// The ground of a listing (列入情形).
    pub ground: &'static str,
    pub ground_unrecorded: &'static str,
    pub removal_basis: &'static str,
    /// From which day early removal may be applied for.
    pub repair_from: fn(String) -> String,
    pub measures: &'static str,
    pub repair_title: &'static str,
    pub repair_text: &'static str,
    pub former_names: &'static str,
    pub open_enterprise: &'static str,
    pub verification_title: &'static str,
    pub verification_code: &'static str,
    pub verification_hint: fn(&str) -> String,
    pub print_result: &'static str,
    pub history: &'static str,
    pub no_history: &'static str,
    pub decisions: &'static str,
    pub no_decisions: &'static str,
    pub enterprise_missing: &'static str,
    pub verify_title: &'static str,
    pub verify_lead: &'static str,
    pub verify_button: &'static str,
    pub genuine: &'static str,
    pub not_genuine: &'static str,
    pub verified_said: fn(&str, &str, &str) -> String,
    pub batch_title: &'static str,
    pub batch_lead: &'static str,
    pub batch_label: &'static str,
    pub batch_hint: &'static str,
    pub batch_file: &'static str,
    pub batch_file_unreadable: &'static str,
    pub batch_button: &'static str,
    pub batch_too_many: &'static str,
    pub batch_summary: fn(usize, usize, usize) -> String,
    pub batch_download: &'static str,
    pub batch_download_xlsx: &'static str,
    pub line: &'static str,
    pub input: &'static str,
    pub enterprise: &'static str,
    pub status: &'static str,
    pub note: &'static str,
    pub cannot_tell: &'static str,
    /// The name beside a code is not the name of the code's enterprise.
    pub name_disagrees: fn(&str, Option<&str>) -> String,
    /// Whose the name beside a code is.
    pub name_belongs_to: &'static str,
    pub batch_mismatches: fn(usize) -> String,
    pub header_skipped: fn(&str) -> String,
    pub links_batch: &'static str,
    pub links_verify: &'static str,
    pub list_title: &'static str,
    pub list_lead: fn(u64) -> String,
    pub links_list: &'static str,
}

/// The staff workspace.
#[derive(Debug)]
pub struct StaffStrings {
    pub workspace: &'static str,
    pub sign_in_title: &'static str,
    pub sign_in_lead: &'static str,
    pub username: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
    pub signing_in: &'static str,
    pub sign_out: &'static str,
    pub wrong_credentials: &'static str,
    pub locked: fn(u64) -> String,
    pub too_many: &'static str,
    pub enter_username: &'static str,
    pub enter_password: &'static str,
    pub problem_title: &'static str,
    pub not_signed_in: &'static str,
    pub session_ended: &'static str,
    pub wrong_role: &'static str,
    pub signed_in_as: fn(&str, &str) -> String,
    pub home_lead: &'static str,
    pub your_work: &'static str,
    pub accounts: &'static str,
    pub accounts_lead: &'static str,
    pub audit: &'static str,
    pub audit_lead: &'static str,
    pub change_password: &'static str,
    pub must_change: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub new_password_hint: &'static str,
    pub confirm_password: &'static str,
    pub password_changed: &'static str,
    pub current_wrong: &'static str,
    pub new_too_short: &'static str,
    pub new_has_username: &'static str,
    pub new_repeated: &'static str,
    pub new_same: &'static str,
    pub confirm_differs: &'static str,
    pub save: &'static str,
    pub work_in_progress: &'static str,
    pub new_account: &'static str,
    pub display_name: &'static str,
    pub role: &'static str,
    pub create: &'static str,
    pub username_hint: &'static str,
    pub enter_display_name: &'static str,
    pub username_invalid: &'static str,
    pub username_taken: &'static str,
    pub issued_title: &'static str,
    pub issued_text: fn(&str) -> String,
    pub issued_note: &'static str,
    pub status: &'static str,
    pub active: &'static str,
    pub disabled: &'static str,
    pub pending_change: &'static str,
    pub last_sign_in: &'static str,
    pub never: &'static str,
    pub actions: &'static str,
    pub disable: &'static str,
    pub enable: &'static str,
    pub reset_password: &'static str,
    pub actor: &'static str,
    pub action: &'static str,
    pub target: &'static str,
    pub time: &'static str,
    pub before: &'static str,
    pub after: &'static str,
    pub filter: &'static str,
    pub all_actions: &'static str,
    pub entries: fn(u64) -> String,
    pub no_entries: &'static str,
    pub you: &'static str,
    pub articles: &'static str,
    pub articles_lead: &'static str,
    pub article_title: &'static str,
    pub article_title_en: &'static str,
    pub article_summary: &'static str,
    pub article_summary_en: &'static str,
    pub article_markdown: &'static str,
    pub reviewed_on: &'static str,
    pub preview: &'static str,
    pub preview_heading: &'static str,
    pub save_article: &'static str,
    pub article_saved: &'static str,
    pub article_invalid: &'static str,
    pub edit: &'static str,
    pub extend: &'static str,
    pub extend_hint: &'static str,
    pub extend_reason: &'static str,
    pub extended_to: fn(&str) -> String,
    pub edit_heading: &'static str,
    pub edit_hint: &'static str,
    pub open_edit: &'static str,
    pub edit_title: fn(&str) -> String,
    pub edit_reason: &'static str,
    pub fine_yuan: &'static str,
    pub confiscated_yuan: &'static str,
    pub date_format: &'static str,
    pub save_correction: &'static str,
    pub edit_done: fn(u64) -> String,
    pub edit_invalid: &'static str,
    pub blacklist: &'static str,
    pub blacklist_lead: &'static str,
    pub add_listing: &'static str,
    pub credit_code: &'static str,
    pub listing_reason: &'static str,
    pub breach_summary: &'static str,
    pub listing_authority: &'static str,
    pub listed_on: &'static str,
    pub expected_removal: &'static str,
    pub listing_ground: &'static str,
    pub choose: &'static str,
    /// The day a listing under the 2023 rules ends by itself.
    pub term_ends: fn(String) -> String,
    pub removal_basis: &'static str,
    pub measures: &'static str,
    pub listed_done: fn(&str) -> String,
    pub remove_listing: &'static str,
    pub removal_reason: &'static str,
    pub removed_done: fn(&str) -> String,
    pub fill_all: &'static str,
    pub already_listed: &'static str,
    pub not_listed: &'static str,
    pub decisions: &'static str,
    pub decisions_lead: &'static str,
    pub import_heading: &'static str,
    pub import_hint: &'static str,
    pub csv_file: &'static str,
    pub import: &'static str,
    pub importing: &'static str,
    pub imported: fn(u64) -> String,
    /// After the first 50 decisions an import published are listed.
    pub imported_more: fn(u64) -> String,
    pub import_failed: &'static str,
    pub choose_file: &'static str,
    pub file_unreadable: &'static str,
    pub revoke_heading: &'static str,
    pub revoke_hint: &'static str,
    /// The question before a revocation is sent.
    pub revoke_confirm: &'static str,
    pub revoke_final: &'static str,
    pub confirm_revoke: &'static str,
    pub cancel: &'static str,
    pub decision_id: &'static str,
    pub revoke_reason: &'static str,
    pub revoke: &'static str,
    pub revoked: &'static str,
    pub enter_reason: &'static str,
    pub already_revoked: &'static str,
    pub no_decision: &'static str,
    pub view_public: &'static str,
    pub cases: &'static str,
    pub cases_lead: &'static str,
    pub reference: &'static str,
    pub category: &'static str,
    pub district: &'static str,
    pub received: &'static str,
    pub due: &'static str,
    pub overdue: &'static str,
    pub overdue_only: &'static str,
    pub older_than: &'static str,
    pub any: &'static str,
    pub cases_count: fn(u64) -> String,
    pub no_cases: &'static str,
    pub case_title: fn(&str) -> String,
    pub address: &'static str,
    pub enterprise: &'static str,
    pub seen_at: &'static str,
    pub description: &'static str,
    pub photos: &'static str,
    pub photo_alt: fn(u64) -> String,
    pub anonymous_report: &'static str,
    pub named_report: &'static str,
    pub show_reporter: &'static str,
    pub reporter_logged: &'static str,
    pub reporter_name: &'static str,
    pub reporter_phone: &'static str,
    pub history: &'static str,
    pub public_reply: &'static str,
    pub move_to: &'static str,
    pub record_step: &'static str,
    pub link_decision: &'static str,
    pub decision_number: &'static str,
    pub link: &'static str,
    pub linked_decision: &'static str,
    pub fine_of: fn(u64) -> String,
    pub reward: &'static str,
    pub reward_basis: &'static str,
    pub basis_fine: &'static str,
    pub basis_accident: &'static str,
    pub grade: &'static str,
    pub deaths: &'static str,
    pub amount_override: &'static str,
    pub override_reason: &'static str,
    pub decide_reward: &'static str,
    pub reward_decided: fn(u64) -> String,
    pub mark_paid: &'static str,
    pub enter_number: &'static str,
    pub need_reason: &'static str,
    pub step_done: &'static str,
    pub status_conflict: &'static str,
}

/// The text of the safety-education pages.
pub struct EducationStrings {
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_button: &'static str,
    pub topics_heading: &'static str,
    pub group_laws: &'static str,
    pub group_industries: &'static str,
    pub group_emergencies: &'static str,
    pub group_people: &'static str,
    pub article_count: fn(u32) -> String,
    pub quizzes_heading: &'static str,
    pub quizzes_lead: &'static str,
    pub question_count: fn(u32) -> String,
    pub recent_heading: &'static str,
    pub search_title: &'static str,
    pub results_for: fn(&str, usize) -> String,
    pub no_results: fn(&str) -> String,
    pub search_prompt: &'static str,
    pub search_too_long: &'static str,
    pub reading_minutes: fn(u32) -> String,
    pub reviewed_on: fn(&str) -> String,
    pub contents: &'static str,
    pub print_article: &'static str,
    pub provisions_heading: &'static str,
    pub related_heading: &'static str,
    pub written_in_chinese: &'static str,
    pub article_missing: &'static str,
    pub quiz_missing: &'static str,
    pub topic_missing: &'static str,
    pub topic_articles: &'static str,
    pub topic_quizzes: &'static str,
    pub topic_empty: &'static str,
    pub quiz_intro: fn(u32) -> String,
    pub question_legend: fn(usize, usize) -> String,
    pub single_hint: &'static str,
    pub multiple_hint: &'static str,
    pub submit_quiz: &'static str,
    pub unanswered: fn(usize) -> String,
    pub question_number: fn(usize) -> String,
    pub score: fn(usize, usize) -> String,
    pub score_all: &'static str,
    pub score_most: &'static str,
    pub score_some: &'static str,
    pub correct: &'static str,
    pub incorrect: &'static str,
    pub right_answer: &'static str,
    pub your_answer: &'static str,
    /// Marks, after submitting, an option chosen that is not an answer.
    pub wrong_choice: &'static str,
    /// Beside a question left unanswered at submit.
    pub answer_this: &'static str,
    pub not_answered: &'static str,
    pub explanation: &'static str,
    pub source: &'static str,
    pub retry_quiz: &'static str,
    pub provision_lead: &'static str,
    pub provision_none: &'static str,
    pub learn_provision: fn(&str) -> String,
    pub learn_heading: &'static str,
}

/// The text of typical cases, listed major hazards, accident reports,
/// statistics, and the editors' forms for them.
pub struct EnforcementStrings {
    pub cases_title: &'static str,
    pub cases_intro: &'static str,
    pub industry: &'static str,
    pub all_industries: &'static str,
    pub district: &'static str,
    pub all_districts: &'static str,
    pub year: &'static str,
    pub all_years: &'static str,
    pub filter: &'static str,
    pub filters: &'static str,
    pub cases_count: fn(u64) -> String,
    pub no_cases: &'static str,
    pub case_story: &'static str,
    pub case_lesson: &'static str,
    pub case_rules: &'static str,
    pub case_decisions: &'static str,
    pub out_of_view: &'static str,
    pub fine: &'static str,
    pub case_missing: &'static str,

    pub listings_title: &'static str,
    pub listings_intro: &'static str,
    pub status: &'static str,
    pub all_statuses: &'static str,
    pub overdue_only: &'static str,
    pub overdue: &'static str,
    pub listings_count: fn(u64) -> String,
    pub overdue_count: fn(u64) -> String,
    pub no_listings: &'static str,
    pub enterprise: &'static str,
    pub hazard: &'static str,
    pub authority: &'static str,
    pub deadline: &'static str,
    pub hazard_description: &'static str,
    pub requirements: &'static str,
    pub steps: &'static str,
    pub listing_missing: &'static str,
    pub enterprise_listings: &'static str,
    pub no_enterprise_listings: &'static str,

    pub accidents_title: &'static str,
    pub accidents_intro: &'static str,
    pub grade: &'static str,
    pub all_grades: &'static str,
    pub casualties_label: &'static str,
    pub casualties: fn(u32, u32) -> String,
    pub direct_loss: &'static str,
    pub investigated_by: &'static str,
    pub no_accidents: &'static str,
    pub contents: &'static str,
    pub old_version: fn(i64, i64) -> String,
    pub read_latest: &'static str,
    pub history: &'static str,
    pub version: fn(i64) -> String,
    pub current_version: &'static str,
    pub assessment: &'static str,
    pub assessed: &'static str,
    pub assessment_due: fn(&str) -> String,
    pub assessed_on: &'static str,
    pub assessment_by: &'static str,
    pub conclusion: &'static str,
    pub accident_missing: &'static str,

    pub statistics_title: &'static str,
    pub statistics_intro: &'static str,
    pub statistics_as_of: fn(&str) -> String,
    pub show_table: &'static str,
    pub show_chart: &'static str,
    pub download_csv: &'static str,
    pub download_xlsx: &'static str,
    pub month: &'static str,
    pub series: fn(&str) -> &'static str,
    pub chart_summary: fn(&str, &str) -> String,
    pub no_data: &'static str,

    pub staff_title: &'static str,
    pub staff_intro: &'static str,
    pub new_case: &'static str,
    pub new_listing: &'static str,
    pub new_accident: &'static str,
    pub edit: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub view_public: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub body_hint: &'static str,
    pub provisions: &'static str,
    pub provisions_hint: &'static str,
    pub decision_ids: &'static str,
    pub decision_ids_hint: &'static str,
    pub credit_code: &'static str,
    pub next_step: &'static str,
    pub step_recorded: &'static str,
    pub step_on: &'static str,
    pub step_note: &'static str,
    pub add_step: &'static str,
    pub listing_closed: &'static str,
    pub deaths: &'static str,
    pub injuries: &'static str,
    pub loss_yuan: &'static str,
    pub change_note: &'static str,
    pub change_note_hint: &'static str,
    pub save_assessment: &'static str,
    pub findings: &'static str,
    pub date_needed: &'static str,
    pub not_a_decision_id: fn(&str) -> String,
    pub number_needed: &'static str,
}

/// `2026-11-28 14:30`, or `2026-11-28T14:30` with `separator` `'T'` (as
/// `<input type="datetime-local">` reads and writes it). Written by hand:
/// chrono's format strings would bring their parser into the bundle.
pub fn minute_text(at: chrono::NaiveDateTime, separator: char) -> String {
    use chrono::{Datelike, Timelike};
    format!(
        "{:04}-{:02}-{:02}{separator}{:02}:{:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute()
    )
}

/// `2026-11-28 14:30:05`.
pub fn second_text(at: chrono::NaiveDateTime) -> String {
    use chrono::Timelike;
    format!("{}:{:02}", minute_text(at, ' '), at.second())
}

/// Reads `2026-11-28` (what `<input type="date">` gives).
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    chrono::NaiveDate::from_ymd_opt(year, month, day)
}

/// Reads `2026-11-28T14:30` (what `<input type="datetime-local">` gives).
pub fn parse_minute(text: &str) -> Option<chrono::NaiveDateTime> {
    let (date, time) = text.trim().split_once('T')?;
    let (hour, minute) = time.split_once(':')?;
    let minute = minute.get(..2).unwrap_or(minute);
    parse_date(date)?.and_hms_opt(hour.parse().ok()?, minute.parse().ok()?, 0)
}

/// Degrees with five decimals (`36.65182`), written with integers: float
/// formatting would add its tables to the bundle.
pub fn degrees(value: f64) -> String {
    let hundred_thousandths = (value.abs() * 100_000.0).round() as u64;
    format!(
        "{}{}.{:05}",
        if value < 0.0 { "-" } else { "" },
        hundred_thousandths / 100_000,
        hundred_thousandths % 100_000
    )
}
