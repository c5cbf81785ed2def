//! The staff workspace: accounts, roles, sessions and the audit log.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::field_error::Problem;

slug_enum! {
    /// What a staff account may do. Each role has its own work; none
    /// includes another's.
    Role {
        /// Creates and disables accounts; reads the audit log.
        Administrator = ("administrator", "系统管理员", "Administrator"),
        /// Publishes decisions, cases, listings, accident reports, articles
        /// and the blacklist.
        Editor = ("editor", "信息发布员", "Editor"),
        /// Handles hazard reports and rewards.
        CaseHandler = ("case-handler", "举报办理员", "Case handler"),
    }
}

/// Shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longest password accepted, in characters.
pub const MAX_PASSWORD_CHARS: usize = 128;
/// Longest user name accepted, in characters.
pub const MAX_USERNAME_CHARS: usize = 40;
/// Longest display name accepted, in characters.
pub const MAX_DISPLAY_NAME_CHARS: usize = 40;
/// The header that carries a session's CSRF token on every state-changing
/// staff request.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// What is wrong with a proposed password, if anything.
pub fn password_problem(password: &str, username: &str) -> Option<Problem> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Some(Problem::TooShort {
            min: MIN_PASSWORD_CHARS,
        });
    }
    if chars > MAX_PASSWORD_CHARS {
        return Some(Problem::TooLong {
            max: MAX_PASSWORD_CHARS,
        });
    }
    if password.chars().any(char::is_control) {
        return Some(Problem::ControlCharacters);
    }
    if !username.is_empty() && password.to_lowercase().contains(&username.to_lowercase()) {
        return Some(Problem::ContainsUsername);
    }
    let first = password.chars().next();
    if password.chars().all(|c| Some(c) == first) {
        return Some(Problem::OneCharacterRepeated);
    }
    None
}

/// What is wrong with a proposed user name, if anything: 3 to 40 lower-case
/// ASCII letters, digits, dots, hyphens and underscores, starting with a
/// letter.
pub fn username_problem(username: &str) -> Option<Problem> {
    let len = username.chars().count();
    if !(3..=MAX_USERNAME_CHARS).contains(&len) {
        return Some(Problem::Length {
            min: 3,
            max: MAX_USERNAME_CHARS,
        });
    }
    if !username.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Some(Problem::UsernameShape);
    }
    if !username
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
    {
        return Some(Problem::UsernameShape);
    }
    None
}

/// `POST /api/staff/session`: signing in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignIn {
    /// The account's user name.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 40))]
    pub username: String,
    /// The account's password.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 128))]
    pub password: String,
}

/// A staff account as staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    /// The account's number.
    pub id: i64,
    /// What the person signs in with.
    pub username: String,
    /// The person's name as colleagues know it.
    pub display_name: String,
    /// What the account may do.
    pub role: Role,
    /// When the account was created.
    #[serde(with = "crate::time::instant")]
    pub created_at: DateTime<Utc>,
    /// When it last signed in, if ever.
    #[serde(default, with = "crate::time::instant::option")]
    pub last_sign_in_at: Option<DateTime<Utc>>,
    /// Disabled accounts cannot sign in; their sessions have ended.
    pub disabled: bool,
    /// The password was set by someone else and must be changed before
    /// anything else is done.
    pub must_change_password: bool,
}

/// The signed-in session: who, until when, and the token that every
/// state-changing request must carry in the `X-CSRF-Token` header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    /// The account signed in.
    pub account: Account,
    /// The CSRF token of this session.
    pub csrf_token: String,
    /// When the session ends unless it is used before.
    #[serde(with = "crate::time::instant")]
    pub expires_at: DateTime<Utc>,
}

/// `PUT /api/staff/password`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    /// The password now.
    #[cfg_attr(feature = "openapi", schema(max_length = 128))]
    pub current: String,
    /// The new password: 12 to 128 characters, not containing the user name.
    #[cfg_attr(feature = "openapi", schema(max_length = 128))]
    pub new: String,
}

/// `POST /api/staff/accounts`: an administrator creates an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewAccount {
    /// 3 to 40 characters: a-z, 0-9, '.', '-', '_', starting with a letter.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 3, max_length = 40, pattern = "^[a-z][a-z0-9._-]*$")
    )]
    pub username: String,
    /// The person's name.
    #[cfg_attr(feature = "openapi", schema(max_length = 40, pattern = "\\S"))]
    pub display_name: String,
    /// What the account may do.
    pub role: Role,
}

/// A new account (or a reset one) with its one-time password, shown once:
/// the person must change it at first sign-in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedPassword {
    /// The account.
    pub account: Account,
    /// The one-time password. It is not stored in clear and cannot be shown
    /// again.
    pub password: String,
}

/// `GET /api/staff/accounts`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountList {
    /// Every account, in the order they were created.
    pub items: Vec<Account>,
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// Its number (increasing).
    pub id: i64,
    /// When it happened.
    #[serde(with = "crate::time::instant")]
    pub at: DateTime<Utc>,
    /// Who did it: a user name, or `command line` for the server command.
    pub actor: String,
    /// What was done, as `account.create`.
    pub action: String,
    /// What it was done to, as `account:3`.
    pub target: String,
    /// The record before, as JSON, when there was one.
    pub before: Option<String>,
    /// The record after, as JSON, when there is one.
    pub after: Option<String>,
}

/// `GET /api/staff/audit`: a page of the log, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    /// The entries of this page.
    pub items: Vec<AuditEntry>,
    /// How many entries match in all.
    pub total: u64,
    /// The page (from 1).
    pub page: u32,
    /// Entries per page.
    pub per_page: u32,
}

/// Entries per page of the audit log.
pub const AUDIT_PAGE_SIZE: u32 = 50;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decided_reward_basis_reads_back_what_was_stored() {
        use cases::{DecidedBasis, RewardGround};
        for basis in [
            DecidedBasis {
                ground: RewardGround::Fine,
                overridden: false,
            },
            DecidedBasis {
                ground: RewardGround::Accident {
                    grade: crate::enforcement::AccidentGrade::Larger,
                    deaths: 3,
                },
                overridden: true,
            },
        ] {
            assert_eq!(DecidedBasis::from_text(&basis.to_text()), Some(basis));
        }
        assert_eq!(
            DecidedBasis::from_text("accident:larger:3:override").map(|b| b.to_text()),
            Some("accident:larger:3:override".to_owned())
        );
        assert_eq!(DecidedBasis::from_text("accident:huge:3"), None);
    }

    #[test]
    fn a_short_password_is_refused_with_the_minimum() {
        assert_eq!(
            password_problem("short", "editor"),
            Some(Problem::TooShort { min: 12 })
        );
    }

    #[test]
    fn a_password_holding_the_user_name_is_refused() {
        assert!(password_problem("my-Editor-2026-pass", "editor").is_some());
        assert!(password_problem("correct horse battery", "editor").is_none());
    }

    #[test]
    fn a_password_of_one_repeated_character_is_refused() {
        assert!(password_problem("aaaaaaaaaaaaaa", "x").is_some());
    }

    #[test]
    fn user_names_are_lower_case_ascii_starting_with_a_letter() {
        assert!(username_problem("li.ming").is_none());
        assert!(username_problem("Li").is_some());
        assert!(username_problem("9lives").is_some());
        assert!(username_problem("李明").is_some());
        assert!(username_problem("ab").is_some());
    }

    #[test]
    fn roles_travel_as_kebab_case() {
        assert_eq!(
            serde_json::to_string(&Role::CaseHandler).ok().as_deref(),
            Some("\"case-handler\"")
        );
    }
}

/// Hazard-report case handling: what case handlers see and send.
pub mod cases {
    use chrono::{DateTime, NaiveDate, Utc};
    use serde::{Deserialize, Serialize};

    use crate::District;
    use crate::enforcement::AccidentGrade;
    use crate::reports::{ReportCategory, ReportStatus, ReportView};

    /// The statuses a report may move to from `status` by a plain status
    /// change (rewards have their own steps).
    pub fn next_statuses(status: ReportStatus) -> &'static [ReportStatus] {
        match status {
            ReportStatus::Received => &[ReportStatus::Accepted, ReportStatus::NotSubstantiated],
            ReportStatus::Accepted => &[ReportStatus::Investigating],
            ReportStatus::Investigating => {
                &[ReportStatus::Substantiated, ReportStatus::NotSubstantiated]
            }
            _ => &[],
        }
    }

    /// Whether the 60-day handling clock still runs in this status.
    pub fn clock_runs(status: ReportStatus) -> bool {
        matches!(
            status,
            ReportStatus::Received | ReportStatus::Accepted | ReportStatus::Investigating
        )
    }

    /// Longest public reply, in characters.
    pub const MAX_REPLY_CHARS: usize = 1_000;
    /// Longest reason for overriding a computed reward, in characters.
    pub const MAX_REASON_CHARS: usize = 500;
    /// Cases per page of the queue.
    pub const QUEUE_PAGE_SIZE: u32 = 50;

    /// One report in the queue.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct CaseSummary {
        pub reference: String,
        pub category: ReportCategory,
        pub district: District,
        pub status: ReportStatus,
        #[serde(with = "crate::time::instant")]
        pub received_at: DateTime<Utc>,
        /// The handling deadline (extended, when it was).
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
        #[serde(with = "crate::time::date")]
        pub due: NaiveDate,
        /// Still open past its deadline.
        pub overdue: bool,
        /// The enterprise named, if any.
        pub enterprise_name: Option<String>,
    }

    /// `GET /api/staff/reports`: a page of the queue, oldest first.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct CaseQueue {
        pub items: Vec<CaseSummary>,
        pub total: u64,
        pub page: u32,
        pub per_page: u32,
    }

    /// One report as its handler sees it: everything but who reported it.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct CaseDetail {
        /// What the reporter sees, including the history with replies.
        pub public: ReportView,
        pub address: String,
        pub enterprise_name: Option<String>,
        pub seen_at: String,
        pub description: String,
        /// Reported anonymously: no reward can be paid.
        pub anonymous: bool,
        /// The penalty decision the report led to.
        pub decision_id: Option<i64>,
        /// That decision's fine, in yuan.
        pub decision_fine_yuan: Option<u64>,
        /// How the reward was set, once it is decided.
        pub reward_basis: Option<DecidedBasis>,
        /// Why a computed reward was overridden.
        pub reward_override_reason: Option<String>,
        /// Statuses a plain status change may set now.
        pub next: Vec<ReportStatus>,
        /// Numbers of the photos (`/api/staff/reports/{reference}/photos/{n}`).
        pub photos: Vec<u32>,
    }

    /// `POST /api/staff/reports/{reference}/status`.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct StatusChange {
        pub status: ReportStatus,
        /// The reply the reporter reads on the status page.
        #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
        pub reply: String,
    }

    /// `POST /api/staff/reports/{reference}/decision`.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct DecisionLink {
        pub decision_id: i64,
    }

    slug_enum! {
        /// What a reward is computed from (《山东省安全生产举报奖励办法》).
        RewardBasis {
            /// 15 % of the linked penalty decision's fine.
            Fine = ("fine", "按罚款金额", "From the fine"),
            /// So much per concealed death, by the accident's grade.
            Accident = ("accident", "按瞒报事故死亡人数", "By concealed deaths"),
        }
    }

    /// What a decided reward was computed from, on the wire as
    /// `{"basis": "fine"}` or `{"basis": "accident", "grade": "larger",
    /// "deaths": 3}`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[serde(tag = "basis", rename_all = "snake_case")]
    pub enum RewardGround {
        /// 15 % of the linked decision's fine.
        Fine,
        /// So much per concealed death, by the accident's grade.
        Accident { grade: AccidentGrade, deaths: u32 },
    }

    /// How a decided reward was reached: its ground, and whether a handler
    /// replaced the computed amount (the reason is beside it).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct DecidedBasis {
        #[serde(flatten)]
        pub ground: RewardGround,
        pub overridden: bool,
    }

    impl DecidedBasis {
        /// The stored form: `fine` or `accident:<grade>:<deaths>`, with
        /// `:override` when the amount was set by hand.
        pub fn to_text(self) -> String {
            let mut text = match self.ground {
                RewardGround::Fine => "fine".to_owned(),
                RewardGround::Accident { grade, deaths } => {
                    format!("accident:{}:{deaths}", grade.slug())
                }
            };
            if self.overridden {
                text.push_str(":override");
            }
            text
        }

        /// Reads [`DecidedBasis::to_text`]'s form back.
        pub fn from_text(text: &str) -> Option<Self> {
            let (rest, overridden) = match text.strip_suffix(":override") {
                Some(rest) => (rest, true),
                None => (text, false),
            };
            let mut parts = rest.split(':');
            let ground = match (parts.next()?, parts.next(), parts.next(), parts.next()) {
                ("fine", None, None, None) => RewardGround::Fine,
                ("accident", Some(grade), Some(deaths), None) => RewardGround::Accident {
                    grade: AccidentGrade::from_slug(grade)?,
                    deaths: deaths.parse().ok()?,
                },
                _ => return None,
            };
            Some(Self { ground, overridden })
        }
    }

    /// The most concealed deaths a reward is computed for.
    pub const MAX_CONCEALED_DEATHS: u32 = 1_000;

    /// `POST /api/staff/reports/{reference}/reward`: decide the reward.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct RewardDecision {
        pub basis: RewardBasis,
        /// For `accident`: the accident's grade.
        pub grade: Option<AccidentGrade>,
        /// For `accident`: concealed deaths.
        #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1000))]
        pub deaths: Option<u32>,
        /// An amount that replaces the computed one (needs a reason).
        #[cfg_attr(feature = "openapi", schema(maximum = 300000))]
        pub amount_yuan: Option<u64>,
        /// Why the computed amount is replaced.
        #[cfg_attr(feature = "openapi", schema(max_length = 500))]
        pub override_reason: Option<String>,
        /// The reply the reporter reads.
        #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
        pub reply: String,
    }

    /// `POST /api/staff/reports/{reference}/paid`.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct RewardPaid {
        #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
        pub reply: String,
    }

    /// `POST /api/staff/reports/{reference}/extend`: more time, once.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct Extension {
        /// Why handling takes longer, as the reporter reads it.
        #[cfg_attr(feature = "openapi", schema(max_length = 1000, pattern = "\\S"))]
        pub reply: String,
    }

    /// Who reported, for the handler who deliberately asked (logged).
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct Reporter {
        pub name: String,
        pub phone: String,
    }
}

/// Blacklist listings that editors add and remove.
pub mod listings {
    use chrono::NaiveDate;
    use serde::{Deserialize, Serialize};

    /// Longest text field of a listing, in characters.
    pub const MAX_TEXT_CHARS: usize = 2_000;

    /// `POST /api/staff/blacklist`: lists an enterprise.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct NewListing {
        /// The enterprise's Unified Social Credit Code (it must be in the directory).
        #[cfg_attr(feature = "openapi", schema(max_length = 40, pattern = "\\S"))]
        pub credit_code: String,
        /// The ground it is listed on, from the closed list of the rules in
        /// force on `listed_on` (the 2017 ground only before 2023-10-01).
        pub ground: crate::blacklist::ListingGround,
        /// 纳入理由: the particulars, in the authority's words.
        #[cfg_attr(feature = "openapi", schema(max_length = 2000, pattern = "\\S"))]
        pub reason: String,
        /// A summary of the breach.
        #[cfg_attr(feature = "openapi", schema(max_length = 2000, pattern = "\\S"))]
        pub breach_summary: String,
        /// The listing authority.
        #[cfg_attr(feature = "openapi", schema(max_length = 2000, pattern = "\\S"))]
        pub authority: String,
        /// The day it is listed.
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
        #[serde(with = "crate::time::date")]
        pub listed_on: NaiveDate,
        /// The day it leaves the list by itself. Under the 2023 rules it is
        /// three years after `listed_on`, and is worked out when left out;
        /// an entry of the old list (before 2023-10-01) must give it.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
        #[serde(with = "crate::time::date::option")]
        pub expected_removal_on: Option<NaiveDate>,
        /// The joint punishment measures.
        #[cfg_attr(feature = "openapi", schema(max_length = 2000, pattern = "\\S"))]
        pub measures: String,
    }

    /// `POST /api/staff/blacklist/remove`: takes an enterprise off the list
    /// (its history stays).
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct Removal {
        /// The enterprise's credit code.
        #[cfg_attr(feature = "openapi", schema(max_length = 40, pattern = "\\S"))]
        pub credit_code: String,
        /// On what basis: credit repair (only once the listing is 12 months
        /// old), the decision revoked, or listed in error. A listing's term
        /// ends by itself: `term_ended` is refused.
        pub basis: crate::blacklist::RemovalBasis,
        /// The particulars, shown publicly in the enterprise's history.
        #[cfg_attr(feature = "openapi", schema(max_length = 2000, pattern = "\\S"))]
        pub reason: String,
    }

    /// The listing written or changed.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct ListingChanged {
        /// The listing's number.
        pub id: i64,
        /// The enterprise's name.
        pub enterprise_name: String,
    }
}

/// Corrections of published penalty decisions by editors.
pub mod decisions {
    use chrono::NaiveDate;
    use serde::{Deserialize, Serialize};

    use crate::{District, Industry, PenaltyCategory};

    /// What `POST /api/staff/decisions/import` published.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct Imported {
        /// How many decisions were published.
        pub imported: usize,
        /// Their ids, in the order of the file.
        pub ids: Vec<i64>,
        /// Each one's id, number and party, in the order of the file (for
        /// the editor to open what was published).
        pub published: Vec<ImportedDecision>,
    }

    /// One decision an import published.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct ImportedDecision {
        pub id: i64,
        pub decision_no: String,
        pub party_name: String,
    }

    /// `PUT /api/staff/decisions/{id}`: every disclosure field but the
    /// decision number (its identity), as it should read now, and why it
    /// changes. Fields that differ from the record become the amendment.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct DecisionEdit {
        /// Why the record is corrected (shown publicly).
        #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = "\\S"))]
        pub reason: String,
        #[cfg_attr(feature = "openapi", schema(max_length = 200, pattern = "\\S"))]
        pub party_name: String,
        #[cfg_attr(feature = "openapi", schema(max_length = 40))]
        pub credit_code: Option<String>,
        #[cfg_attr(feature = "openapi", schema(max_length = 100))]
        pub legal_representative: Option<String>,
        #[cfg_attr(feature = "openapi", schema(max_length = 200, pattern = "\\S"))]
        pub violation_type: String,
        #[cfg_attr(feature = "openapi", schema(max_length = 5000, pattern = "\\S"))]
        pub facts: String,
        #[cfg_attr(feature = "openapi", schema(max_length = 1000, pattern = "\\S"))]
        pub violated_provisions: String,
        #[cfg_attr(feature = "openapi", schema(max_length = 1000, pattern = "\\S"))]
        pub legal_basis: String,
        #[cfg_attr(feature = "openapi", schema(min_items = 1))]
        pub penalty_categories: Vec<PenaltyCategory>,
        #[cfg_attr(feature = "openapi", schema(max_length = 2000, pattern = "\\S"))]
        pub penalty_content: String,
        /// In fen.
        #[cfg_attr(
            feature = "openapi",
            schema(minimum = 0, maximum = 1_000_000_000_000_i64)
        )]
        pub fine_fen: i64,
        /// In fen.
        #[cfg_attr(
            feature = "openapi",
            schema(minimum = 0, maximum = 1_000_000_000_000_i64)
        )]
        pub confiscated_fen: i64,
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
        #[serde(with = "crate::time::date")]
        pub decided_on: NaiveDate,
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
        #[serde(with = "crate::time::date")]
        pub disclosure_until: NaiveDate,
        #[cfg_attr(feature = "openapi", schema(max_length = 100, pattern = "\\S"))]
        pub authority: String,
        pub district: District,
        pub industry: Industry,
    }
}

/// Education articles as editors change them.
pub mod articles {
    use chrono::NaiveDate;
    use serde::{Deserialize, Serialize};

    use crate::education::TocEntry;

    /// Longest article text, in characters.
    pub const MAX_MARKDOWN_CHARS: usize = 50_000;

    /// An article's editable source (`GET`) or its new version (`PUT`).
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
    pub struct ArticleSource {
        #[cfg_attr(feature = "openapi", schema(max_length = 200))]
        pub title: String,
        #[cfg_attr(feature = "openapi", schema(max_length = 200))]
        pub title_en: String,
        #[cfg_attr(feature = "openapi", schema(max_length = 500))]
        pub summary: String,
        #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
        pub summary_en: String,
        /// The text in Markdown (headings from `##`).
        #[cfg_attr(feature = "openapi", schema(max_length = 50000))]
        pub markdown: String,
        /// The day the text was last checked against the law.
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
        #[serde(with = "crate::time::date")]
        pub reviewed_on: NaiveDate,
    }

    /// `POST /api/staff/articles/preview`.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct PreviewRequest {
        #[cfg_attr(feature = "openapi", schema(max_length = 50000))]
        pub markdown: String,
    }

    /// The sanitised rendering, exactly as the public page will show it.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct Preview {
        pub html: String,
        pub toc: Vec<TocEntry>,
        pub reading_minutes: u32,
    }
}

/// Editors' writes of administrative licences.
pub mod licences {
    use serde::{Deserialize, Serialize};

    /// What `POST /api/staff/licences/import` published.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct ImportedLicences {
        /// How many licences were published.
        pub imported: usize,
        /// Each one's id, number and holder, in the order of the file.
        pub published: Vec<ImportedLicence>,
    }

    /// One licence an import published.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct ImportedLicence {
        pub id: i64,
        pub licence_no: String,
        pub holder_name: String,
    }
}
