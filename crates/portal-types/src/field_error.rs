//! What is wrong with one field of a form, a query or an imported row, as
//! data: the app says it in the reader's language by its code, and other
//! API clients read the English `message` sent beside it.
//!
//! On the wire a field error is `{"code": "too_long", "params": {"max":
//! 200}, "message": "must be at most 200 characters"}` (`params` only where
//! the problem has any). A code this build does not know (a newer server)
//! is read as [`Problem::Unknown`], and its message is still shown.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Field errors by field: the name of the JSON field or query parameter
/// (`reporter.phone`), or for an imported file `rows.3` (a whole row) and
/// `rows.3.罚款金额（元）` (one cell, by its column's header).
pub type FieldErrors = BTreeMap<String, Vec<FieldError>>;

/// One problem with one field, and its English wording.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    #[serde(flatten)]
    pub problem: Problem,
    /// The problem in English, for clients that do not know the code.
    pub message: String,
}

/// Read by hand rather than derived: serde's derive for an adjacently
/// tagged enum of this size, flattened into its struct, was the largest
/// single item of every browser bundle (about 90 KB of Wasm before
/// optimisation). A code this build does not know, or parameters that do
/// not fit it, read as [`Problem::Unknown`] instead of failing the whole
/// error body.
impl<'de> Deserialize<'de> for FieldError {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default)]
            code: Option<String>,
            #[serde(default)]
            params: Option<Params>,
            message: String,
        }
        let wire = Wire::deserialize(d)?;
        let problem = wire
            .code
            .and_then(|code| Problem::from_wire(&code, &wire.params.unwrap_or_default()))
            .unwrap_or(Problem::Unknown);
        Ok(Self {
            problem,
            message: wire.message,
        })
    }
}

/// The `params` of a field error as sent: scalars by name. Anything else
/// (a list, an object, a fraction) is kept as [`Param::Other`], which fits
/// no problem's parameter.
#[derive(Debug, Default, Deserialize)]
struct Params(BTreeMap<String, Param>);

#[derive(Debug)]
enum Param {
    Null,
    Bool(bool),
    Int(i64),
    Text(String),
    Other,
}

impl Params {
    /// The parameter `name` as a `T`, if it is there and fits.
    fn take<T: FromParam>(&self, name: &str) -> Option<T> {
        T::from_param(self.0.get(name))
    }
}

trait FromParam: Sized {
    fn from_param(param: Option<&Param>) -> Option<Self>;
}

impl FromParam for String {
    fn from_param(param: Option<&Param>) -> Option<Self> {
        match param? {
            Param::Text(text) => Some(text.clone()),
            _ => None,
        }
    }
}

impl FromParam for Option<String> {
    fn from_param(param: Option<&Param>) -> Option<Self> {
        match param {
            None | Some(Param::Null) => Some(None),
            Some(Param::Text(text)) => Some(Some(text.clone())),
            Some(_) => None,
        }
    }
}

impl FromParam for bool {
    fn from_param(param: Option<&Param>) -> Option<Self> {
        match param? {
            Param::Bool(value) => Some(*value),
            _ => None,
        }
    }
}

macro_rules! integer_param {
    ($($ty:ty),+) => {$(
        impl FromParam for $ty {
            fn from_param(param: Option<&Param>) -> Option<Self> {
                match param? {
                    Param::Int(n) => <$ty>::try_from(*n).ok(),
                    _ => None,
                }
            }
        }
    )+};
}
integer_param!(usize, u32, i64);

impl<'de> Deserialize<'de> for Param {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Param;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a parameter of a field error")
            }
            fn visit_unit<E>(self) -> Result<Param, E> {
                Ok(Param::Null)
            }
            fn visit_none<E>(self) -> Result<Param, E> {
                Ok(Param::Null)
            }
            fn visit_bool<E>(self, value: bool) -> Result<Param, E> {
                Ok(Param::Bool(value))
            }
            fn visit_i64<E>(self, value: i64) -> Result<Param, E> {
                Ok(Param::Int(value))
            }
            fn visit_u64<E>(self, value: u64) -> Result<Param, E> {
                Ok(i64::try_from(value).map_or(Param::Other, Param::Int))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Param, E> {
                Ok(Param::Other)
            }
            fn visit_str<E>(self, value: &str) -> Result<Param, E> {
                Ok(Param::Text(value.to_owned()))
            }
            fn visit_string<E>(self, value: String) -> Result<Param, E> {
                Ok(Param::Text(value))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Param, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Param::Other)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Param, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Param::Other)
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl From<Problem> for FieldError {
    fn from(problem: Problem) -> Self {
        Self {
            message: problem.to_string(),
            problem,
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Adds `problem` to the errors of `field`.
pub fn add(errors: &mut FieldErrors, field: impl Into<String>, problem: Problem) {
    errors
        .entry(field.into())
        .or_default()
        .push(FieldError::from(problem));
}

/// `Ok` when nothing was found wrong.
pub fn finish(errors: FieldErrors) -> Result<(), FieldErrors> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

macro_rules! problems {
    (
        $(#[$enum_meta:meta])*
        pub enum Problem {
            $(
                $(#[$meta:meta])*
                $variant:ident $({ $($field:ident : $ty:ty),+ $(,)? })? = $code:literal,
            )+
        }
    ) => {
        $(#[$enum_meta])*
        pub enum Problem {
            $(
                $(#[$meta])*
                $variant $({ $($field: $ty),+ })?,
            )+
        }

        impl Problem {
            /// The problem of this code with these parameters; `None` when
            /// the code is not one of this build's or a parameter is
            /// missing or does not fit.
            fn from_wire(code: &str, params: &Params) -> Option<Self> {
                match code {
                    $($code => Some(Self::$variant $({ $($field: params.take(stringify!($field))?),+ })?),)+
                    _ => None,
                }
            }

            /// One problem of every kind, parameters at their defaults.
            #[cfg(test)]
            fn one_of_each() -> Vec<Self> {
                vec![$(Self::$variant $({ $($field: <$ty>::default()),+ })?,)+]
            }
        }
    };
}

problems! {
/// What is wrong. Fields named in a problem (`field`) are API field names,
/// which a form shows by their labels. On the wire the code is the
/// variant's name in snake case (serde's `rename_all`, which the OpenAPI
/// document follows too); the string beside each variant is the same name,
/// for the reader, and `every_problem_reads_back_as_itself` fails if the
/// two differ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum Problem {
    /// Left empty.
    Required = "required",
    /// Longer than `max` characters.
    TooLong { max: usize } = "too_long",
    /// Shorter than `min` characters.
    TooShort { min: usize } = "too_short",
    /// Holds control characters.
    ControlCharacters = "control_characters",
    /// Not a date as YYYY-MM-DD.
    NotADate = "not_a_date",
    /// A date or time after today (now).
    InFuture = "in_future",
    /// A date earlier than the date in `field`.
    Before { field: String } = "before",
    /// A date not after the date in `field`.
    NotAfter { field: String } = "not_after",
    /// A date more than `years` years after the date in `field`.
    TooLongAfter { field: String, years: u32 } = "too_long_after",
    /// A date more than `years` years ago.
    TooLongAgo { years: u32 } = "too_long_ago",
    /// A latitude without a longitude (or the other way round), or either
    /// outside its range.
    IncompleteCoordinates = "incomplete_coordinates",
    /// A date before the last step's.
    BeforeLastStep = "before_last_step",
    /// Not a whole number.
    NotANumber = "not_a_number",
    /// Not an amount of yuan with at most two decimals.
    NotAnAmount = "not_an_amount",
    /// A number outside `min..=max`.
    OutOfRange { min: i64, max: i64 } = "out_of_range",
    /// More than `max` items (photos, documents, decisions named).
    TooMany { max: usize } = "too_many",
    /// Not one of the values the field accepts (a district, an industry …).
    NotListed = "not_listed",
    /// The same item given twice.
    Duplicate = "duplicate",
    /// A query parameter given more than once.
    Repeated = "repeated",
    /// A query parameter the endpoint does not take.
    NotAParameter = "not_a_parameter",
    /// A unique name already in use.
    Taken = "taken",
    /// A decision number already published.
    AlreadyPublished = "already_published",
    /// A file whose header row is not the expected one.
    WrongHeader { expected: String } = "wrong_header",
    /// A file or row that cannot be read; `reason` is the reader's.
    Unreadable { reason: String } = "unreadable",
    /// A file without a single record.
    NoRows = "no_rows",
    /// A credit code without 18 characters.
    CreditCodeLength { found: usize } = "credit_code_length",
    /// A credit code with a character it cannot have at `position` (1-based).
    CreditCodeCharacter { position: usize } = "credit_code_character",
    /// A well-formed credit code whose check character is wrong.
    CreditCodeCheck = "credit_code_check",
    /// A box that must be ticked.
    NotConfirmed = "not_confirmed",
    /// Fewer than `min` items.
    TooFew { min: usize } = "too_few",
    /// No enterprise of the directory has this credit code.
    UnknownEnterprise = "unknown_enterprise",
    /// Not a penalty decision's number (the digits at the end of its page's
    /// address).
    NotADecisionNumber { value: String } = "not_a_decision_number",
    /// No published penalty decision has these numbers.
    UnknownDecisions { numbers: String } = "unknown_decisions",
    /// A penalty's legal basis that cites no article of a law in 《》.
    NoProvisionCited = "no_provision_cited",
    /// A typical case that names no penalty decision behind it.
    NoDecisionNamed = "no_decision_named",
    /// A step a listed hazard cannot take from where it is; `next` is the
    /// slug of the step it can take, if any.
    NotANextStep { next: Option<String> } = "not_a_next_step",
    /// An enterprise that is not on the blacklist now.
    NotOnTheList = "not_on_the_list",
    /// Too early: allowed from the day `from` (YYYY-MM-DD).
    TooEarly { from: String } = "too_early",
    /// An image the server cannot read as the type it says it is.
    ImageUnreadable = "image_unreadable",
    /// An image with too many pixels to process.
    ImageTooLarge = "image_too_large",
    /// A reward for a report whose reporter is anonymous: nobody can be paid.
    AnonymousNoReward = "anonymous_no_reward",
    /// A handling deadline that was extended before (it can be once).
    ExtendedAlready = "extended_already",
    /// A record sent back without any change.
    Unchanged = "unchanged",
    /// A file that is neither UTF-8 nor GB18030 (GBK) text.
    NotUtf8 = "not_utf8",
    /// A file sent as an `.xlsx` workbook that is not one (or is damaged).
    NotAWorkbook = "not_a_workbook",
    /// Text of `min` to `max` characters without control characters.
    Length { min: usize, max: usize } = "length",
    /// A password that holds the account's user name.
    ContainsUsername = "contains_username",
    /// A password of one character repeated.
    OneCharacterRepeated = "one_character_repeated",
    /// A user name that does not start with a lower-case letter or holds
    /// other characters than a-z, 0-9, '.', '-' and '_'.
    UsernameShape = "username_shape",
    /// A blacklist ground that does not fit the listing date: entries listed
    /// before 2023-10-01 were made on the 2017 joint-punishment list
    /// (`use_2017`), later ones under the 2023 rules.
    WrongListGround { use_2017: bool } = "wrong_list_ground",
    /// A removal date given for a listing whose three-year term fixes it.
    FixedTerm { ends_on: String } = "fixed_term",
    /// An entry of the 2017 list without the day its term ends.
    TermEndNeeded = "term_end_needed",
    /// A listing removed by hand for the end of its term, which ends it by itself.
    EndsByItself = "ends_by_itself",
    /// A review date before the article's last review.
    BeforeLastReview = "before_last_review",
    /// Not the account's current password.
    WrongPassword = "wrong_password",
    /// A new password the same as the current one.
    SameAsCurrent = "same_as_current",
    /// An administrator disabling their own account.
    OwnAccount = "own_account",
    /// An administrator resetting their own password (they change it instead).
    OwnPassword = "own_password",
    /// A file sent as PDF that is not one.
    NotAPdf = "not_a_pdf",
    /// A reward on the fine before the penalty decision is linked.
    DecisionNotLinked = "decision_not_linked",
    /// A phone number that is neither a mobile nor a landline with area code.
    NotAPhone = "not_a_phone",
    /// A photo or document token that was not uploaded or has expired.
    NotUploaded = "not_uploaded",
    /// A parameter this endpoint refuses on purpose (Open311's `media_url`:
    /// photos go through the portal, which strips their metadata).
    NotAccepted = "not_accepted",
    /// Not a number of degrees (a latitude or longitude).
    NotDegrees = "not_degrees",
    /// Neither an address nor both coordinates.
    NoPlace = "no_place",
    /// Not a provision in the form `安全生产法:28`.
    NotAProvision = "not_a_provision",
    /// A problem without a code of its own (a query string the parser could
    /// not read): `message` says it.
    Other { message: String } = "other",
    /// A code this build does not know; the field error's message says it.
    Unknown = "unknown",
}
}

impl Problem {
    /// A problem said only in words (no code of its own yet).
    pub fn other(message: impl Into<String>) -> Self {
        Self::Other {
            message: message.into(),
        }
    }

    /// Must not be before the date in `field`.
    pub fn before(field: &str) -> Self {
        Self::Before {
            field: field.to_owned(),
        }
    }

    /// Must be after the date in `field`.
    pub fn not_after(field: &str) -> Self {
        Self::NotAfter {
            field: field.to_owned(),
        }
    }

    /// Must be within `years` years of the date in `field`.
    pub fn too_long_after(field: &str, years: u32) -> Self {
        Self::TooLongAfter {
            field: field.to_owned(),
            years,
        }
    }
}

impl From<&crate::CreditCodeError> for Problem {
    fn from(error: &crate::CreditCodeError) -> Self {
        use crate::CreditCodeError as E;
        match error {
            E::Empty => Self::Required,
            E::WrongLength { found } => Self::CreditCodeLength { found: *found },
            E::ForbiddenLetter { position, .. } | E::InvalidCharacter { position, .. } => {
                Self::CreditCodeCharacter {
                    position: *position,
                }
            }
            E::CheckCharacterMismatch { .. } => Self::CreditCodeCheck,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Required => f.write_str("must not be empty"),
            Self::TooLong { max } => write!(f, "must be at most {max} characters"),
            Self::TooShort { min } => write!(f, "must be at least {min} characters"),
            Self::ControlCharacters => f.write_str("must not contain control characters"),
            Self::NotADate => f.write_str("must be a date as YYYY-MM-DD"),
            Self::InFuture => f.write_str("must not be in the future"),
            Self::Before { field } => write!(f, "must not be before {field}"),
            Self::NotAfter { field } => write!(f, "must be after {field}"),
            Self::TooLongAfter { field, years } => {
                write!(f, "must be within {years} years of {field}")
            }
            Self::TooLongAgo { years } => write!(f, "must be within the last {years} years"),
            Self::IncompleteCoordinates => {
                f.write_str("give both latitude and longitude, as WGS 84 degrees, or neither")
            }
            Self::BeforeLastStep => f.write_str("must not be before the previous step"),
            Self::NotANumber => f.write_str("must be a whole number"),
            Self::NotAnAmount => f.write_str("is not an amount in yuan"),
            Self::OutOfRange { min, max } => write!(f, "must be from {min} to {max}"),
            Self::TooMany { max } => write!(f, "at most {max}"),
            Self::NotListed => f.write_str("is not one of the accepted values"),
            Self::Duplicate => f.write_str("is given twice"),
            Self::Repeated => f.write_str("must be given at most once"),
            Self::NotAParameter => f.write_str("is not a parameter of this search"),
            Self::AlreadyPublished => f.write_str("is already published"),
            Self::WrongHeader { expected } => {
                write!(f, "the header must start with the columns {expected}")
            }
            Self::Unreadable { reason } => write!(f, "cannot be read: {reason}"),
            Self::NoRows => f.write_str("the file has no records"),
            Self::Taken => f.write_str("is taken"),
            Self::CreditCodeLength { found } => {
                write!(f, "a credit code has 18 characters; this one has {found}")
            }
            Self::CreditCodeCharacter { position } => write!(
                f,
                "character {position} cannot be in a credit code (digits and capital letters other than I, O, S, V and Z)"
            ),
            Self::CreditCodeCheck => f.write_str(
                "the check character does not match the first 17 characters; the code may be mistyped",
            ),
            Self::NotConfirmed => f.write_str("must be confirmed"),
            Self::TooFew { min } => write!(f, "at least {min}"),
            Self::UnknownEnterprise => {
                f.write_str("no enterprise of the directory has this credit code")
            }
            Self::NotADecisionNumber { value } => write!(
                f,
                "“{value}” is not a decision number: give the digits at the end of the decision page's address"
            ),
            Self::UnknownDecisions { numbers } => {
                write!(f, "no published decision has the number {numbers}")
            }
            Self::NoProvisionCited => f.write_str(
                "cite at least one article with the law's name in 《》, as 《安全生产法》第二十八条",
            ),
            Self::NoDecisionNamed => f.write_str("name at least one penalty decision behind the case"),
            Self::NotANextStep { next: Some(next) } => write!(f, "the next step is {next}"),
            Self::NotANextStep { next: None } => {
                f.write_str("the listing is delisted: its life is over")
            }
            Self::NotOnTheList => f.write_str("this enterprise is not on the list now"),
            Self::TooEarly { from } => write!(f, "is allowed from {from}"),
            Self::ImageUnreadable => f.write_str("the file is not an image the server can read"),
            Self::ImageTooLarge => f.write_str("the image is too large to process"),
            Self::AnonymousNoReward => {
                f.write_str("an anonymous report earns no reward: nobody can be paid")
            }
            Self::ExtendedAlready => {
                f.write_str("the deadline was extended before; it can be extended once")
            }
            Self::Unchanged => f.write_str("nothing differs from the published record"),
            Self::NotUtf8 => {
                f.write_str("must be UTF-8 or GB18030 (GBK) text (save the CSV as UTF-8)")
            }
            Self::NotAWorkbook => f.write_str("is not an .xlsx workbook, or it is damaged"),
            Self::Length { min, max } => write!(
                f,
                "must have {min} to {max} characters without control characters"
            ),
            Self::ContainsUsername => f.write_str("must not contain the user name"),
            Self::OneCharacterRepeated => f.write_str("must not be one character repeated"),
            Self::UsernameShape => f.write_str(
                "must start with a lower-case letter and hold only a-z, 0-9, '.', '-' and '_'",
            ),
            Self::WrongListGround { use_2017: false } => f.write_str(
                "the 2017 joint-punishment ground applies only to entries listed before 2023-10-01",
            ),
            Self::WrongListGround { use_2017: true } => f.write_str(
                "an entry listed before 2023-10-01 was made on the 2017 joint-punishment list: use joint_punishment_2017",
            ),
            Self::FixedTerm { ends_on } => write!(
                f,
                "a listing lasts three years (应急管理部令第11号): it ends on {ends_on}; leave this out"
            ),
            Self::TermEndNeeded => f.write_str(
                "an entry of the 2017 list must give the day its term ends, after the listing date",
            ),
            Self::EndsByItself => f.write_str(
                "a listing leaves the list by itself when its term ends; it is not removed by hand",
            ),
            Self::BeforeLastReview => f.write_str("must not be earlier than the last review"),
            Self::WrongPassword => f.write_str("is not this account's password"),
            Self::SameAsCurrent => f.write_str("must differ from the current password"),
            Self::OwnAccount => f.write_str("you cannot disable your own account"),
            Self::OwnPassword => f.write_str("change your own password instead of resetting it"),
            Self::NotAPdf => f.write_str(
                "the file is not a PDF the server can read (it must start with %PDF- and end with %%EOF)",
            ),
            Self::DecisionNotLinked => {
                f.write_str("link the penalty decision first: the reward is 15% of its fine")
            }
            Self::NotAPhone => f.write_str(
                "enter a mobile number of 11 digits, or a landline with its area code",
            ),
            Self::NotUploaded => f.write_str(
                "was not uploaded, is attached already, or has expired; add it again",
            ),
            Self::NotAccepted => f.write_str(
                "is not accepted; photos are sent through the portal, where their metadata is removed",
            ),
            Self::NotDegrees => f.write_str("must be a number of degrees"),
            Self::NoPlace => f.write_str("give address_string, or lat and long"),
            Self::NotAProvision => f.write_str(
                "must be a law's short name (1 to 40 characters), a colon and an article number from 1 to 9999, as 安全生产法:28",
            ),
            Self::Other { message } => f.write_str(message),
            Self::Unknown => f.write_str("is not valid"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_error_travels_as_code_params_and_message() {
        let error = FieldError::from(Problem::TooLong { max: 200 });
        let json = serde_json::to_value(&error).expect("serialises");
        assert_eq!(
            json,
            serde_json::json!({
                "code": "too_long",
                "params": {"max": 200},
                "message": "must be at most 200 characters"
            })
        );
        let back: FieldError = serde_json::from_value(json).expect("parses");
        assert_eq!(back, error);
    }

    #[test]
    fn a_problem_without_parameters_sends_only_its_code() {
        let json = serde_json::to_value(FieldError::from(Problem::Required)).expect("serialises");
        assert_eq!(
            json,
            serde_json::json!({"code": "required", "message": "must not be empty"})
        );
    }

    #[test]
    fn every_problem_reads_back_as_itself() {
        for problem in Problem::one_of_each() {
            let error = FieldError::from(problem);
            let json = serde_json::to_string(&error).expect("serialises");
            let back: FieldError = serde_json::from_str(&json).expect("parses");
            assert_eq!(back, error, "{json}");
        }
    }

    #[cfg(feature = "openapi")]
    #[test]
    fn the_openapi_document_names_codes_as_they_are_sent() {
        use utoipa::PartialSchema as _;
        let schema = serde_json::to_string(&Problem::schema()).expect("serialises");
        assert!(schema.contains(r#""too_long""#), "{schema}");
        assert!(!schema.contains(r#""TooLong""#), "{schema}");
    }

    #[test]
    fn parameters_that_do_not_fit_read_as_unknown() {
        let back: FieldError = serde_json::from_str(
            r#"{"code":"too_long","params":{"max":"two hundred"},"message":"is long"}"#,
        )
        .expect("parses");
        assert_eq!(back.problem, Problem::Unknown);
        assert_eq!(back.message, "is long");
    }

    #[test]
    fn an_unknown_code_keeps_its_message() {
        let back: FieldError = serde_json::from_str(
            r#"{"code":"from_the_future","params":{"x":1},"message":"is odd"}"#,
        )
        .expect("parses");
        assert_eq!(back.problem, Problem::Unknown);
        assert_eq!(back.message, "is odd");
    }
}
