//! The Unified Social Credit Code (统一社会信用代码), GB 32100-2015.
//!
//! Eighteen characters from a 31-character alphabet (the digits and the
//! capital letters without I, O, S, V and Z). The last one is a check
//! character: with `value(c)` the character's index in the alphabet and
//! weights `3^(i-1) mod 31` for positions `i = 1..=17`, it equals
//! `(31 − Σ value·weight mod 31) mod 31`.
//!
//! [`CreditCode::parse`] accepts what people type — surrounding spaces,
//! lower case, full-width characters (`９１３７…`), spaces or hyphens inside —
//! and gives either a well-formed code or an error that says exactly what to
//! fix. A code whose only fault is its check character is still returned
//! inside [`CreditCodeError::CheckCharacterMismatch`], because some codes
//! issued early fail the check and must still be looked up, with a warning.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The 31 characters a code may contain, in value order.
pub const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The weight of each of the first 17 positions: `3^(i-1) mod 31`.
pub const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Letters that look like digits or each other and are never used.
const FORBIDDEN_LETTERS: &[char] = &['I', 'O', 'S', 'V', 'Z'];

/// The number of characters in a code.
pub const LENGTH: usize = 18;

/// A well-formed Unified Social Credit Code: 18 characters of the alphabet,
/// in canonical (half-width, upper-case) form.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, example = "91370102MA3C8RQ84A"))]
pub struct CreditCode(String);

/// Why some input is not a valid credit code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeError {
    /// Nothing but spaces was given.
    #[error("the credit code is empty")]
    Empty,
    /// The input does not have 18 characters.
    #[error("a credit code has 18 characters; this one has {found}")]
    WrongLength {
        /// How many characters were given, after removing spaces and hyphens.
        found: usize,
    },
    /// One of I, O, S, V, Z, which the standard never uses.
    #[error(
        "character {position} is the letter {letter}, which credit codes never use (I, O, S, V and Z are excluded)"
    )]
    ForbiddenLetter {
        /// 1-based position in the code.
        position: usize,
        /// The letter found.
        letter: char,
    },
    /// A character that is neither a digit nor a capital letter.
    #[error(
        "character {position} is '{character}'; a credit code has only digits and capital letters"
    )]
    InvalidCharacter {
        /// 1-based position in the code.
        position: usize,
        /// The character found.
        character: char,
    },
    /// Well formed, but the 18th character is not the one the first 17 give.
    #[error(
        "the check character is {found} but the first 17 characters give {expected}; the code may be mistyped (some early codes fail this check)"
    )]
    CheckCharacterMismatch {
        /// The well-formed code, so that it can still be looked up.
        code: CreditCode,
        /// The check character the first 17 characters give.
        expected: char,
        /// The check character given.
        found: char,
    },
}

impl CreditCode {
    /// Parses what a person typed into a well-formed code with a correct
    /// check character. See the module documentation for what is tolerated.
    pub fn parse(input: &str) -> Result<Self, CreditCodeError> {
        let chars = normalise(input);
        if chars.is_empty() {
            return Err(CreditCodeError::Empty);
        }
        if chars.len() != LENGTH {
            return Err(CreditCodeError::WrongLength { found: chars.len() });
        }
        let mut values = [0u32; LENGTH];
        for (index, &c) in chars.iter().enumerate() {
            values[index] = value_of(c).ok_or_else(|| {
                if FORBIDDEN_LETTERS.contains(&c) {
                    CreditCodeError::ForbiddenLetter {
                        position: index + 1,
                        letter: c,
                    }
                } else {
                    CreditCodeError::InvalidCharacter {
                        position: index + 1,
                        character: c,
                    }
                }
            })?;
        }
        let code = CreditCode(chars.iter().collect());
        let expected = check_value(&values);
        if values[LENGTH - 1] != expected {
            return Err(CreditCodeError::CheckCharacterMismatch {
                expected: char::from(ALPHABET[expected as usize]),
                found: chars[LENGTH - 1],
                code,
            });
        }
        Ok(code)
    }

    /// Builds a code from its first 17 characters by appending the check
    /// character. `None` when `body` is not 17 characters of the alphabet.
    pub fn from_body(body: &str) -> Option<Self> {
        let chars: Vec<char> = body.chars().collect();
        if chars.len() != LENGTH - 1 {
            return None;
        }
        let mut values = [0u32; LENGTH];
        for (index, &c) in chars.iter().enumerate() {
            values[index] = value_of(c)?;
        }
        let check = char::from(ALPHABET[check_value(&values) as usize]);
        Some(CreditCode(format!("{body}{check}")))
    }

    /// The valid codes one slip away from this one — one character typed
    /// wrong, or two neighbouring characters swapped — which is where a code
    /// that fails its check most likely came from. At most one code per
    /// position and one per swap (35 in all), in position order.
    pub fn neighbours(&self) -> Vec<CreditCode> {
        let Some(values) = self.values() else {
            return Vec::new();
        };
        let mut found: Vec<[u32; LENGTH]> = Vec::new();
        let mut keep = |candidate: [u32; LENGTH]| {
            if candidate != values
                && check_value(&candidate) == candidate[LENGTH - 1]
                && !found.contains(&candidate)
            {
                found.push(candidate);
            }
        };
        for position in 0..LENGTH {
            for value in 0..31 {
                let mut candidate = values;
                candidate[position] = value;
                keep(candidate);
            }
        }
        for position in 0..LENGTH - 1 {
            let mut candidate = values;
            candidate.swap(position, position + 1);
            keep(candidate);
        }
        found
            .iter()
            .map(|values| {
                CreditCode(
                    values
                        .iter()
                        .map(|&v| char::from(ALPHABET[v as usize]))
                        .collect(),
                )
            })
            .collect()
    }

    fn values(&self) -> Option<[u32; LENGTH]> {
        let mut values = [0u32; LENGTH];
        for (index, c) in self.0.chars().enumerate() {
            *values.get_mut(index)? = value_of(c)?;
        }
        Some(values)
    }

    /// The code as 18 ASCII characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The administrative division code (characters 3 to 8) of the
    /// registering authority, for example `370102` for 历下区.
    pub fn division_code(&self) -> &str {
        &self.0[2..8]
    }
}

/// Removes spaces and hyphens, folds full-width forms to ASCII and
/// upper-cases letters.
fn normalise(input: &str) -> Vec<char> {
    input
        .chars()
        .map(fold_width)
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Maps a full-width ASCII form (U+FF01..=U+FF5E) and the ideographic space
/// to its half-width counterpart; leaves every other character alone.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

fn value_of(c: char) -> Option<u32> {
    let byte = u8::try_from(c).ok()?;
    ALPHABET
        .iter()
        .position(|&a| a == byte)
        .and_then(|p| u32::try_from(p).ok())
}

/// The value of the check character for the first 17 values.
fn check_value(values: &[u32; LENGTH]) -> u32 {
    let sum: u32 = values.iter().zip(WEIGHTS.iter()).map(|(v, w)| v * w).sum();
    (31 - sum % 31) % 31
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CreditCode({})", self.0)
    }
}

impl AsRef<str> for CreditCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for CreditCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for CreditCode {
    /// Accepts only a code with a correct check character: data crossing the
    /// API was checked where it was made.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        CreditCode::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Codes of well-known enterprises, as printed on their business licences.
    const HUAWEI: &str = "914403001922038216";
    const TENCENT_SHENZHEN: &str = "9144030071526726XG";

    #[test]
    fn weights_are_powers_of_three_modulo_31() {
        let mut w = 1u32;
        for weight in WEIGHTS {
            assert_eq!(weight, w);
            w = w * 3 % 31;
        }
    }

    #[test]
    fn accepts_codes_with_a_correct_check_character() {
        for code in [HUAWEI, TENCENT_SHENZHEN] {
            let parsed = CreditCode::parse(code).expect(code);
            assert_eq!(parsed.as_str(), code);
        }
    }

    #[test]
    fn accepts_a_check_character_that_is_a_letter() {
        assert!(CreditCode::parse(TENCENT_SHENZHEN).is_ok());
    }

    #[test]
    fn folds_full_width_lower_case_and_spaced_input() {
        let typed = " ９１４４０３００７１５２６７２６ｘｇ ";
        let parsed = CreditCode::parse(typed).expect("full-width code");
        assert_eq!(parsed.as_str(), TENCENT_SHENZHEN);
        let spaced = "9144 0300 7152 6726-xg";
        assert_eq!(
            CreditCode::parse(spaced).expect("spaced code").as_str(),
            TENCENT_SHENZHEN
        );
    }

    #[test]
    fn reports_a_wrong_check_character_and_keeps_the_code() {
        let mistyped = "914403001922038217";
        match CreditCode::parse(mistyped) {
            Err(CreditCodeError::CheckCharacterMismatch {
                code,
                expected,
                found,
            }) => {
                assert_eq!(code.as_str(), mistyped);
                assert_eq!(expected, '6');
                assert_eq!(found, '7');
            }
            other => panic!("expected a check mismatch, got {other:?}"),
        }
    }

    #[test]
    fn a_swapped_pair_of_characters_fails_the_check() {
        // 91440300 19 22038216 -> 91440300 91 22038216
        let swapped = "914403009122038216";
        assert!(matches!(
            CreditCode::parse(swapped),
            Err(CreditCodeError::CheckCharacterMismatch { .. })
        ));
    }

    fn mistyped(input: &str) -> CreditCode {
        match CreditCode::parse(input) {
            Err(CreditCodeError::CheckCharacterMismatch { code, .. }) => code,
            other => panic!("{input} should fail only its check: {other:?}"),
        }
    }

    #[test]
    fn the_neighbours_of_a_mistyped_check_character_include_the_right_code() {
        let neighbours = mistyped("91370116MAF6WTWG8D").neighbours();
        assert!(
            neighbours
                .iter()
                .any(|c| c.as_str() == "91370116MAF6WTWG8C")
        );
    }

    #[test]
    fn the_neighbours_of_a_swapped_pair_include_the_right_code() {
        let neighbours = mistyped("91370116MAF6WTGW8C").neighbours();
        assert!(
            neighbours
                .iter()
                .any(|c| c.as_str() == "91370116MAF6WTWG8C")
        );
    }

    #[test]
    fn neighbours_are_valid_distinct_and_one_slip_away() {
        let typed = mistyped("91370116MAF6WTWG8D");
        let neighbours = typed.neighbours();
        assert!(!neighbours.is_empty() && neighbours.len() <= 35);
        for (i, code) in neighbours.iter().enumerate() {
            assert!(CreditCode::parse(code.as_str()).is_ok(), "{code} is valid");
            assert!(!neighbours[..i].contains(code), "{code} once");
            let differing = code
                .as_str()
                .chars()
                .zip(typed.as_str().chars())
                .filter(|(a, b)| a != b)
                .count();
            assert!((1..=2).contains(&differing), "{code} is one slip away");
        }
    }

    #[test]
    fn names_the_position_of_a_forbidden_letter() {
        assert_eq!(
            CreditCode::parse("9144030071526726OG"),
            Err(CreditCodeError::ForbiddenLetter {
                position: 17,
                letter: 'O'
            })
        );
        for letter in ['I', 'O', 'S', 'V', 'Z'] {
            let code = format!("91{letter}403001922038216");
            assert!(matches!(
                CreditCode::parse(&code),
                Err(CreditCodeError::ForbiddenLetter { position: 3, .. })
            ));
        }
    }

    #[test]
    fn names_the_position_of_a_character_that_is_not_alphanumeric() {
        assert_eq!(
            CreditCode::parse("91440300192203821*"),
            Err(CreditCodeError::InvalidCharacter {
                position: 18,
                character: '*'
            })
        );
        assert!(matches!(
            CreditCode::parse("9144030019220382中6"),
            Err(CreditCodeError::InvalidCharacter { position: 17, .. })
        ));
    }

    #[test]
    fn reports_the_length_of_a_code_too_short_or_too_long() {
        assert_eq!(
            CreditCode::parse("91440300192203821"),
            Err(CreditCodeError::WrongLength { found: 17 })
        );
        assert_eq!(
            CreditCode::parse("9144030019220382166"),
            Err(CreditCodeError::WrongLength { found: 19 })
        );
        // An old 15-digit business registration number is not a credit code.
        assert_eq!(
            CreditCode::parse("370102000012345"),
            Err(CreditCodeError::WrongLength { found: 15 })
        );
    }

    #[test]
    fn refuses_empty_input() {
        assert_eq!(CreditCode::parse("   "), Err(CreditCodeError::Empty));
    }

    #[test]
    fn builds_a_valid_code_from_its_first_17_characters() {
        let code = CreditCode::from_body("91440300192203821").expect("valid body");
        assert_eq!(code.as_str(), HUAWEI);
        assert!(CreditCode::from_body("9144030019220382").is_none());
        assert!(CreditCode::from_body("9144030019220382O").is_none());
    }

    #[test]
    fn every_body_gets_a_check_character_that_parses() {
        // A sweep over bodies differing in each position and value.
        for position in 0..17 {
            for &c in ALPHABET.iter() {
                let mut body: Vec<u8> = b"91370102MA3C8RQ84".to_vec();
                body[position] = c;
                let body = String::from_utf8(body).expect("ascii");
                let code = CreditCode::from_body(&body).expect("alphabet body");
                assert_eq!(CreditCode::parse(code.as_str()), Ok(code.clone()));
            }
        }
    }

    #[test]
    fn exposes_the_division_code() {
        let code = CreditCode::from_body("91370102MA3C8RQ84").expect("valid body");
        assert_eq!(code.division_code(), "370102");
    }

    #[test]
    fn deserialising_refuses_a_bad_code() {
        let ok: Result<CreditCode, _> = serde_json::from_str(&format!("\"{HUAWEI}\""));
        assert!(ok.is_ok());
        let bad: Result<CreditCode, _> = serde_json::from_str("\"914403001922038217\"");
        assert!(bad.is_err());
    }
}
