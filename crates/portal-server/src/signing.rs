//! Verification codes: a check's answer, signed by the server so that a
//! printed result can be proved genuine — or not — by anyone.
//!
//! A code is `{credit code}-{L|R|N}-{unix seconds, base 36}-{signature}`,
//! where the signature is the first 12 base-32 characters (60 bits) of
//! HMAC-SHA256 over the first three parts, with the key from configuration.

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use portal_types::blacklist::ListingStatus;
use sha2::Sha256;

const ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// Signs and verifies check results.
#[derive(Clone)]
pub struct Signer {
    key: Vec<u8>,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer(…)")
    }
}

/// What a genuine code says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signed {
    pub credit_code: String,
    pub status: ListingStatus,
    pub at: DateTime<Utc>,
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl Signer {
    /// A signer with this key (at least 16 bytes).
    pub fn new(key: &[u8]) -> Self {
        Self { key: key.to_vec() }
    }

    fn signature(&self, message: &str) -> String {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.key) else {
            return String::new();
        };
        mac.update(message.as_bytes());
        let digest = mac.finalize().into_bytes();
        // 60 bits, 5 at a time.
        let mut bits: u64 = 0;
        for byte in &digest[..8] {
            bits = (bits << 8) | u64::from(*byte);
        }
        (0..12)
            .map(|i| char::from(ALPHABET[((bits >> (59 - 5 * i - 4)) & 0x1F) as usize]))
            .collect()
    }

    /// The verification code of an answer.
    pub fn sign(&self, credit_code: &str, status: ListingStatus, at: DateTime<Utc>) -> String {
        let message = format!(
            "{credit_code}-{}-{}",
            status.letter(),
            base36(u64::try_from(at.timestamp()).unwrap_or(0))
        );
        let signature = self.signature(&message);
        format!("{message}-{signature}")
    }

    /// What a code says, if this server made it and nobody changed it.
    pub fn verify(&self, code: &str) -> Option<Signed> {
        let code: String = code
            .chars()
            .map(portal_types::credit_code::fold_width)
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let (message, signature) = code.rsplit_once('-')?;
        let expected = self.signature(message);
        if !constant_time_eq::constant_time_eq(expected.as_bytes(), signature.as_bytes()) {
            return None;
        }
        let mut parts = message.split('-');
        let credit_code = parts.next()?.to_owned();
        let status = ListingStatus::from_letter(parts.next()?.chars().next()?)?;
        let seconds = i64::from_str_radix(parts.next()?, 36).ok()?;
        let at = DateTime::from_timestamp(seconds, 0)?;
        Some(Signed {
            credit_code,
            status,
            at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signer() -> Signer {
        Signer::new(b"a test key that is long enough")
    }

    #[test]
    fn a_signed_answer_verifies_with_what_it_said() {
        let at = DateTime::from_timestamp(1_800_000_000, 0).expect("a time");
        let code = signer().sign("914403001922038216", ListingStatus::Listed, at);
        let signed = signer().verify(&code).expect("genuine");
        assert_eq!(signed.credit_code, "914403001922038216");
        assert_eq!(signed.status, ListingStatus::Listed);
        assert_eq!(signed.at, at);
        assert!(
            signer().verify(&code.to_lowercase()).is_some(),
            "case does not matter"
        );
    }

    #[test]
    fn a_changed_code_does_not_verify() {
        let at = DateTime::from_timestamp(1_800_000_000, 0).expect("a time");
        let code = signer().sign("914403001922038216", ListingStatus::Listed, at);
        let forged = code.replacen("-L-", "-N-", 1);
        assert!(signer().verify(&forged).is_none());
        assert!(
            Signer::new(b"another key entirely, also long")
                .verify(&code)
                .is_none()
        );
        assert!(signer().verify("nonsense").is_none());
        assert!(signer().verify("").is_none());
    }
}
