//! Random codes people read and type: reports' reference numbers and query
//! codes. Their characters have no look-alikes (no 0/O, 1/I/L), so that a
//! code read over the phone or copied by hand is typed right. A query code
//! is kept only as a hash ([`code_hash`]) and checked in constant time
//! ([`code_matches`]), however it is typed (width, case, separators).

use rand::Rng as _;
use sha2::{Digest, Sha256};

/// The characters codes are made of.
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// `count` random characters of the alphabet.
fn random(count: usize) -> String {
    let mut rng = rand::rng();
    (0..count)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// A fresh query code: 8 characters, as `XXXX-XXXX`.
pub fn query_code() -> String {
    let chars = random(8);
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// A fresh reference number for a report received on `day`:
/// `JB20261201-7KQ4MP`. The part after the day is random (31⁶ ≈ 890
/// million a day), so that references cannot be walked and a number is
/// never given twice, even after a report was lost; the caller makes sure
/// it is not taken.
pub fn reference(day: chrono::NaiveDate) -> String {
    format!("JB{}-{}", day.format("%Y%m%d"), random(6))
}

/// A fresh reference number for a credit repair application received on
/// `day`: `XF20261202-7KQ4MP` (信用修复), random as a report's.
pub fn repair_reference(day: chrono::NaiveDate) -> String {
    format!("XF{}-{}", day.format("%Y%m%d"), random(6))
}

/// The code as typed, without separators, in capitals.
fn normalise_code(code: &str) -> String {
    code.chars()
        .map(portal_types::credit_code::fold_width)
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

pub fn code_hash(code: &str) -> [u8; 32] {
    Sha256::digest(normalise_code(code).as_bytes()).into()
}

/// A reference number as typed: half-width, no spaces, capitals, at most 40
/// characters.
pub fn clean_reference(reference: &str) -> String {
    reference
        .chars()
        .map(portal_types::credit_code::fold_width)
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .take(40)
        .collect()
}

/// Whether `code` is the query code whose hash is `stored`, compared in
/// constant time. An unknown reference (`None`) is compared with a hash
/// too, so that it takes as long, and answers the same, as a wrong code.
pub fn code_matches(stored: Option<Vec<u8>>, code: &str) -> bool {
    let stored = stored.unwrap_or_else(|| Sha256::digest(b"no such record").to_vec());
    constant_time_eq::constant_time_eq(&stored, &code_hash(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_codes_have_no_look_alike_characters() {
        for _ in 0..200 {
            let code = query_code();
            assert_eq!(code.len(), 9);
            assert_eq!(&code[4..5], "-");
            assert!(!code.contains(['0', 'O', '1', 'I', 'L']), "{code}");
        }
    }

    #[test]
    fn a_reference_is_the_day_and_six_random_characters() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a day");
        let reference = reference(day);
        assert_eq!(&reference[..11], "JB20261201-");
        assert_eq!(reference.len(), 17);
        assert!(
            reference[11..].bytes().all(|b| ALPHABET.contains(&b)),
            "{reference}"
        );
    }

    #[test]
    fn references_of_one_day_differ() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a day");
        let many: std::collections::HashSet<String> = (0..1000).map(|_| reference(day)).collect();
        assert_eq!(many.len(), 1000);
    }

    #[test]
    fn a_code_matches_however_it_is_typed() {
        assert_eq!(code_hash("AB3K-7XQP"), code_hash(" ab3k7xqp "));
        assert_eq!(code_hash("AB3K-7XQP"), code_hash("ＡＢ３Ｋ－７ＸＱＰ"));
        assert_ne!(code_hash("AB3K-7XQP"), code_hash("AB3K-7XQR"));
    }
}
