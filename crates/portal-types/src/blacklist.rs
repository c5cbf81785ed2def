//! The work-safety blacklist (安全生产严重失信主体名单): checking an
//! enterprise by name or code, proving what a check said, checking many.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::credit_code::{CreditCode, CreditCodeError};
use crate::decisions::DecisionSummary;
use crate::enterprises::EnterpriseSummary;

pub mod repair;
pub mod rules;

pub use rules::{ListRegime, ListingGround, RemovalBasis};

/// Longest search text, in characters.
pub const MAX_QUERY_CHARS: usize = 100;
/// Most lines in one batch.
pub const MAX_BATCH_LINES: usize = 1_000;
/// Most enterprises answered for one name.
pub const MAX_MATCHES: usize = 20;

/// Where an enterprise stands, as of the time of the answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ListingStatus {
    /// On the list now.
    Listed,
    /// Was on the list; removed.
    Removed,
    /// Never on the list.
    NotListed,
}

impl ListingStatus {
    /// One letter, for verification codes.
    pub fn letter(self) -> char {
        match self {
            ListingStatus::Listed => 'L',
            ListingStatus::Removed => 'R',
            ListingStatus::NotListed => 'N',
        }
    }

    /// The status of a letter.
    pub fn from_letter(letter: char) -> Option<Self> {
        match letter {
            'L' => Some(ListingStatus::Listed),
            'R' => Some(ListingStatus::Removed),
            'N' => Some(ListingStatus::NotListed),
            _ => None,
        }
    }
}

/// One listing of an enterprise on the blacklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Listing {
    /// The ground it was listed on, from the closed list of the rules;
    /// `None` for an entry recorded before grounds were kept (its `reason`
    /// says why).
    #[serde(default)]
    pub ground: Option<ListingGround>,
    /// The list it was made on (by its listing date): the old 联合惩戒 list
    /// before 2023-10-01.
    #[serde(default)]
    pub regime: ListRegime,
    /// 纳入理由: the particulars, in the authority's words.
    pub reason: String,
    /// A summary of the breach.
    pub breach_summary: String,
    /// The authority that listed it.
    pub authority: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub listed_on: NaiveDate,
    /// When the listing ends by itself (three years after listing under the
    /// 2023 rules).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub expected_removal_on: NaiveDate,
    /// The joint punishment measures (联合惩戒措施).
    pub measures: Vec<String>,
    /// Set when removed, or when its term has ended.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    #[serde(default, with = "crate::time::date::option")]
    pub removed_on: Option<NaiveDate>,
    /// How it ended (`term_ended` when it ended by itself); `None` for an
    /// entry removed before the basis was kept (its reason says why).
    #[serde(default)]
    pub removal_basis: Option<RemovalBasis>,
    pub removal_reason: Option<String>,
}

/// An enterprise and where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnterpriseStanding {
    pub enterprise: EnterpriseSummary,
    /// Names it was registered under before.
    pub former_names: Vec<String>,
    pub status: ListingStatus,
    /// The listing in force, when listed.
    pub listing: Option<Listing>,
}

/// What a search text was taken for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    Name,
    CreditCode,
}

/// The answer to a check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckResult {
    /// The text as given.
    pub input: String,
    pub kind: InputKind,
    /// For a code: its canonical form.
    pub credit_code: Option<String>,
    /// For a code whose check character is wrong: the one it should be. The
    /// code is still looked up (some early codes fail the check).
    pub expected_check_character: Option<char>,
    /// When the answer was made: it is true as of this instant.
    #[serde(with = "crate::time::instant")]
    pub checked_at: DateTime<Utc>,
    /// The enterprises found, listed ones first.
    pub matches: Vec<EnterpriseStanding>,
    /// For a code: whether it is on the list now. `None` for a code that
    /// fails its check and that no enterprise has: no verdict is given on a
    /// code that is not valid as typed.
    pub status: Option<ListingStatus>,
    /// For a code: a code anyone can verify this answer with (never for a
    /// code without a verdict).
    pub verification: Option<String>,
    /// For a code without a verdict: the registered enterprises whose codes
    /// are one slip away (one character, or two neighbours swapped), listed
    /// ones first — which one was probably meant.
    #[serde(default)]
    pub suggestions: Vec<EnterpriseStanding>,
}

/// A page of the enterprises on the list now, newest listing first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListedPage {
    pub total: u64,
    pub page: u32,
    pub page_size: u32,
    pub items: Vec<EnterpriseStanding>,
    #[serde(with = "crate::time::instant")]
    pub as_of: DateTime<Utc>,
}

/// One enterprise's page: standing, history and penalties.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnterpriseProfile {
    pub standing: EnterpriseStanding,
    /// Every listing, newest first.
    pub history: Vec<Listing>,
    /// Its penalty decisions in public view, newest first.
    pub decisions: Vec<DecisionSummary>,
    /// Its major hazards under listed supervision (重大隐患挂牌督办), newest first.
    pub hazard_listings: Vec<crate::enforcement::HazardListingSummary>,
    /// Its administrative licences (行政许可), newest first, each with its
    /// status today.
    #[serde(default)]
    pub licences: Vec<crate::licences::LicenceSummary>,
    #[serde(with = "crate::time::instant")]
    pub checked_at: DateTime<Utc>,
    pub verification: String,
}

/// What a verification code proves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Verification {
    /// Whether the code was made by this portal, unaltered.
    pub genuine: bool,
    pub credit_code: Option<String>,
    /// The enterprise's name, when it is in the directory.
    pub enterprise_name: Option<String>,
    pub status: Option<ListingStatus>,
    #[serde(default, with = "crate::time::instant::option")]
    pub checked_at: Option<DateTime<Utc>>,
}

/// A batch of names or codes, one per line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchRequest {
    /// At most 1,000 lines; empty lines are skipped.
    #[cfg_attr(feature = "openapi", schema(max_items = 1000))]
    pub lines: Vec<String>,
}

/// Why one line of a batch could not be answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LineProblem {
    TooLong,
    ControlCharacters,
    /// A code of the wrong length.
    WrongLength {
        found: usize,
    },
    /// A code with one of I, O, S, V, Z.
    ForbiddenLetter {
        position: usize,
        letter: char,
    },
    /// A code with a character that is not a digit or capital letter.
    InvalidCharacter {
        position: usize,
        character: char,
    },
    /// No enterprise of the directory has this name.
    NameNotFound,
    /// Several enterprises have this name, in part: give the code.
    Ambiguous {
        candidates: usize,
    },
    /// Several enterprises have exactly this name (as folded): the line's
    /// suggestions list them with their codes.
    SameName {
        candidates: usize,
    },
    /// A code that fails its check and that no enterprise has: not valid as
    /// typed. The line's suggestions say which codes it may have meant.
    InvalidCode {
        /// The check character the first 17 characters give.
        expected: char,
    },
}

impl LineProblem {
    /// The problem of an input that does not parse.
    pub fn from_input(error: &InputError) -> Self {
        match error {
            InputError::Empty | InputError::TooLong => LineProblem::TooLong,
            InputError::ControlCharacters => LineProblem::ControlCharacters,
            InputError::Code(CreditCodeError::WrongLength { found }) => {
                LineProblem::WrongLength { found: *found }
            }
            InputError::Code(CreditCodeError::ForbiddenLetter { position, letter }) => {
                LineProblem::ForbiddenLetter {
                    position: *position,
                    letter: *letter,
                }
            }
            InputError::Code(CreditCodeError::InvalidCharacter {
                position,
                character,
            }) => LineProblem::InvalidCharacter {
                position: *position,
                character: *character,
            },
            InputError::Code(_) => LineProblem::WrongLength { found: 0 },
        }
    }

    /// In Chinese.
    pub fn zh(&self) -> String {
        match self {
            LineProblem::TooLong => "超过 100 个字".to_owned(),
            LineProblem::ControlCharacters => "含有控制字符".to_owned(),
            LineProblem::WrongLength { found } => {
                format!("统一社会信用代码应为 18 位，此处为 {found} 位")
            }
            LineProblem::ForbiddenLetter { position, letter } => {
                format!("第 {position} 位是字母 {letter}，统一社会信用代码不使用 I、O、S、V、Z")
            }
            LineProblem::InvalidCharacter {
                position,
                character,
            } => {
                format!("第 {position} 位“{character}”不是数字或大写字母")
            }
            LineProblem::NameNotFound => {
                "企业名录中没有此名称的企业，请核对名称或改用统一社会信用代码".to_owned()
            }
            LineProblem::Ambiguous { candidates } => {
                format!("有 {candidates} 家企业的名称含有此文字，请改用全称或统一社会信用代码")
            }
            LineProblem::InvalidCode { expected } => {
                format!("代码无效：校验位应为 {expected}，请核对代码，无法判断是否列入")
            }
            LineProblem::SameName { candidates } => {
                format!("有 {candidates} 家企业名称相同，请改用统一社会信用代码")
            }
        }
    }

    /// In English.
    pub fn en(&self) -> String {
        match self {
            LineProblem::TooLong => "longer than 100 characters".to_owned(),
            LineProblem::ControlCharacters => "contains control characters".to_owned(),
            LineProblem::WrongLength { found } => {
                format!("a credit code has 18 characters; this one has {found}")
            }
            LineProblem::ForbiddenLetter { position, letter } => {
                format!("character {position} is the letter {letter}, which credit codes never use")
            }
            LineProblem::InvalidCharacter {
                position,
                character,
            } => {
                format!("character {position} ('{character}') is not a digit or capital letter")
            }
            LineProblem::NameNotFound => {
                "no enterprise of the directory has this name; check it or give the credit code"
                    .to_owned()
            }
            LineProblem::Ambiguous { candidates } => format!(
                "{candidates} enterprises have this text in their names; give the full name or the credit code"
            ),
            LineProblem::InvalidCode { expected } => format!(
                "code invalid: its check character should be {expected}; check the code (no verdict)"
            ),
            LineProblem::SameName { candidates } => {
                format!("{candidates} enterprises have this very name; give the credit code")
            }
        }
    }
}

/// The answer for one line of a batch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchLine {
    /// 1-based line number in the request.
    pub line: usize,
    pub input: String,
    /// Set when the line could not be answered.
    pub problem: Option<LineProblem>,
    /// For a code whose check character is wrong (the line is still answered).
    pub expected_check_character: Option<char>,
    /// The enterprise the line names.
    pub enterprise: Option<EnterpriseSummary>,
    /// Where it stands (a valid code not in the directory: not listed).
    pub status: Option<ListingStatus>,
    /// For an invalid code: the registered enterprises one slip away,
    /// listed ones first.
    #[serde(default)]
    pub suggestions: Vec<EnterpriseStanding>,
    /// The name given beside a code on the same line (the code decides).
    #[serde(default)]
    pub name: Option<String>,
    /// For a line with a name and a code: `false` when the name is not the
    /// name (current or former) of the enterprise the code belongs to, or
    /// when it is another enterprise's name; its suggestions then list the
    /// enterprises the name belongs to. `None` when the line has no name
    /// beside its code or nothing is known to compare it with.
    #[serde(default)]
    pub name_agrees: Option<bool>,
}

/// The answer to a batch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchResult {
    #[serde(with = "crate::time::instant")]
    pub checked_at: DateTime<Utc>,
    pub lines: Vec<BatchLine>,
    /// Lines naming a listed enterprise.
    pub listed: usize,
    /// Lines that could not be answered.
    pub problems: usize,
    /// Lines whose name disagrees with their code.
    #[serde(default)]
    pub name_mismatches: usize,
    /// The first line, when it was a header row (such as 企业名称,统一社会信用代码)
    /// and so was not checked.
    #[serde(default)]
    pub header: Option<String>,
}

/// How a search text is to be taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParsedInput {
    /// A name (or part of one), folded for matching.
    Name(String),
    /// A well-formed code with a correct check character.
    Code(CreditCode),
    /// A well-formed code whose check character is wrong: look it up, warn.
    CodeWithWrongCheck { code: CreditCode, expected: char },
}

/// Why a search text cannot be checked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("enter an enterprise name or an 18-character Unified Social Credit Code")]
    Empty,
    #[error("at most 100 characters")]
    TooLong,
    #[error("the text contains control characters")]
    ControlCharacters,
    #[error("{0}")]
    Code(CreditCodeError),
}

/// Takes a search text as a code when it is made of letters and digits
/// only and is about as long as a code (15 to 20 characters, spaces and
/// hyphens aside); as a name otherwise.
pub fn parse_input(text: &str) -> Result<ParsedInput, InputError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(InputError::Empty);
    }
    if trimmed.chars().count() > MAX_QUERY_CHARS {
        return Err(InputError::TooLong);
    }
    if trimmed.chars().any(char::is_control) {
        return Err(InputError::ControlCharacters);
    }
    if looks_like_code(trimmed) {
        let compact = compact_code(trimmed);
        return match CreditCode::parse(&compact) {
            Ok(code) => Ok(ParsedInput::Code(code)),
            Err(CreditCodeError::CheckCharacterMismatch { code, expected, .. }) => {
                Ok(ParsedInput::CodeWithWrongCheck { code, expected })
            }
            Err(error) => Err(InputError::Code(error)),
        };
    }
    Ok(ParsedInput::Name(name_core(trimmed)))
}

fn compact_code(text: &str) -> String {
    text.chars()
        .map(crate::credit_code::fold_width)
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

/// Whether a text is to be taken for a code rather than a name: letters and
/// digits only, with a digit, and about as long as a code (15 to 20
/// characters once spaces and hyphens are left out), so that a code with a
/// character too many or too few is told it is, rather than looked up as a
/// name.
pub fn looks_like_code(text: &str) -> bool {
    let compact = compact_code(text.trim());
    compact.chars().all(|c| c.is_ascii_alphanumeric())
        && (15..=20).contains(&compact.len())
        && compact.chars().any(|c| c.is_ascii_digit())
}

/// Company forms that one enterprise's name is written with or without.
pub const COMPANY_FORMS: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "股份公司",
    "责任公司",
    "公司",
];

/// The part of a name that tells enterprises apart: folded (full-/half-
/// width, case), without spaces and punctuation, and without its company
/// form, so that 有限公司 and 有限责任公司 spellings match each other.
pub fn name_core(name: &str) -> String {
    let folded: String = crate::text::fold(name)
        .chars()
        .filter(|&c| crate::text::is_word_char(c))
        .collect();
    for form in COMPANY_FORMS {
        if let Some(core) = folded.strip_suffix(form)
            && !core.is_empty()
        {
            return core.to_owned();
        }
    }
    folded
}

/// Which of [`COMPANY_FORMS`] a name ends with (its index), once folded as
/// [`name_core`] folds it: with the core, it tells 济南航益建设工程有限公司
/// from 济南航益建设工程有限责任公司, two enterprises with one core.
pub fn company_form(name: &str) -> Option<usize> {
    let folded: String = crate::text::fold(name)
        .chars()
        .filter(|&c| crate::text::is_word_char(c))
        .collect();
    COMPANY_FORMS
        .iter()
        .position(|form| folded.len() > form.len() && folded.ends_with(form))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_forms_and_punctuation_do_not_matter() {
        assert_eq!(name_core("济南鑫泰化工有限公司"), "济南鑫泰化工");
        assert_eq!(name_core("济南鑫泰化工有限责任公司"), "济南鑫泰化工");
        assert_eq!(name_core("济南鑫泰化工股份有限公司"), "济南鑫泰化工");
        assert_eq!(name_core(" 济南 鑫泰·化工（有限公司） "), "济南鑫泰化工");
        assert_eq!(name_core("ＡＢＣ化工有限公司"), "abc化工");
    }

    #[test]
    fn the_company_form_of_a_name_is_told_apart() {
        let form = |name| company_form(name).map(|i| COMPANY_FORMS[i]);
        assert_eq!(form("济南航益建设工程有限公司"), Some("有限公司"));
        assert_eq!(form("济南航益建设工程有限责任公司"), Some("有限责任公司"));
        assert_eq!(form("济南 航益建设工程（有限公司）"), Some("有限公司"));
        assert_eq!(form("济南航益建设工程"), None);
        assert_eq!(
            form("有限公司"),
            Some("公司"),
            "as name_core reads it: 有限 + 公司"
        );
    }

    #[test]
    fn a_name_is_taken_as_a_name() {
        assert_eq!(
            parse_input("鑫泰化工"),
            Ok(ParsedInput::Name("鑫泰化工".to_owned()))
        );
        assert_eq!(parse_input("abc"), Ok(ParsedInput::Name("abc".to_owned())));
    }

    #[test]
    fn a_valid_code_is_taken_as_a_code() {
        match parse_input(" 914403001922038216 ") {
            Ok(ParsedInput::Code(code)) => assert_eq!(code.as_str(), "914403001922038216"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_code_with_a_wrong_check_character_is_still_looked_up() {
        match parse_input("914403001922038217") {
            Ok(ParsedInput::CodeWithWrongCheck { code, expected }) => {
                assert_eq!(code.as_str(), "914403001922038217");
                assert_eq!(expected, '6');
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_code_of_the_wrong_length_or_with_a_forbidden_letter_says_which() {
        assert_eq!(
            parse_input("91440300192203821"),
            Err(InputError::Code(CreditCodeError::WrongLength { found: 17 }))
        );
        assert!(matches!(
            parse_input("9144030019220382O6"),
            Err(InputError::Code(CreditCodeError::ForbiddenLetter {
                position: 17,
                ..
            }))
        ));
    }

    #[test]
    fn empty_long_and_control_input_is_refused() {
        assert_eq!(parse_input("   "), Err(InputError::Empty));
        assert_eq!(parse_input(&"企".repeat(101)), Err(InputError::TooLong));
        assert_eq!(parse_input("济南\u{0}"), Err(InputError::ControlCharacters));
    }

    #[test]
    fn statuses_round_trip_through_their_letters() {
        for s in [
            ListingStatus::Listed,
            ListingStatus::Removed,
            ListingStatus::NotListed,
        ] {
            assert_eq!(ListingStatus::from_letter(s.letter()), Some(s));
        }
    }
}
