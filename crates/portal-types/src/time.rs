//! Dates and instants as the API writes them, read by hand.
//!
//! On the wire a date is `2026-12-07` and an instant is RFC 3339
//! (`2026-12-07T07:30:00Z`, `2026-12-07T15:30:00.25+08:00`); chrono writes
//! both. Reading them through chrono's serde support would go through its
//! general format parser (`format::parse`), which is about 15 KB of every
//! browser bundle; the readers here take the two fixed shapes and nothing
//! else. Fields use them with `#[serde(with = "crate::time::date")]` and its
//! siblings; writing stays chrono's.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};

/// Reads `YYYY-MM-DD` (exactly four, two and two digits).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = digits(&bytes[0..4])?;
    let month = digits(&bytes[5..7])?;
    let day = digits(&bytes[8..10])?;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// Reads an RFC 3339 instant: `YYYY-MM-DDTHH:MM:SS`, an optional fraction
/// of a second (up to nanoseconds), and `Z` or an offset `±HH:MM`.
/// A lower-case `t` or `z` is accepted, as RFC 3339 allows.
pub fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    let bytes = text.as_bytes();
    if bytes.len() < 20 || !matches!(bytes[10], b'T' | b't') {
        return None;
    }
    let date = parse_date(text.get(..10)?)?;
    let time = &bytes[11..];
    if time[2] != b':' || time[5] != b':' {
        return None;
    }
    let (hour, minute, second) = (
        digits(&time[0..2])?,
        digits(&time[3..5])?,
        digits(&time[6..8])?,
    );
    let mut rest = &time[8..];
    let mut nanos = 0u32;
    if let Some((b'.', fraction)) = rest.split_first() {
        let len = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if len == 0 || len > 9 {
            return None;
        }
        nanos = digits(&fraction[..len])? * 10u32.pow(9 - len as u32);
        rest = &fraction[len..];
    }
    let offset_minutes: i64 = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let hours = i64::from(digits(&[*h1, *h2])?);
            let minutes = i64::from(digits(&[*m1, *m2])?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let total = hours * 60 + minutes;
            if *sign == b'-' { -total } else { total }
        }
        _ => return None,
    };
    let local = date.and_time(NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?);
    let utc = local.checked_sub_signed(TimeDelta::try_minutes(offset_minutes)?)?;
    Some(utc.and_utc())
}

/// Reads a local date and time to the minute, `YYYY-MM-DDTHH:MM`, as a
/// form's `datetime-local` field writes it (`:SS` after it is accepted and
/// dropped).
pub fn parse_local_minute(text: &str) -> Option<chrono::NaiveDateTime> {
    let bytes = text.as_bytes();
    if !matches!(bytes.len(), 16 | 19) || bytes[10] != b'T' || bytes[13] != b':' {
        return None;
    }
    if bytes.len() == 19 && (bytes[16] != b':' || digits(&bytes[17..19])? > 59) {
        return None;
    }
    let hour = digits(&bytes[11..13])?;
    let minute = digits(&bytes[14..16])?;
    parse_date(text.get(..10)?)?.and_hms_opt(hour, minute, 0)
}

/// The value of a run of ASCII digits (at most nine).
fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 9 {
        return None;
    }
    bytes.iter().try_fold(0u32, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

macro_rules! wire_format {
    ($(#[$doc:meta])* $name:ident, $ty:ty, $parse:path, $expected:literal) => {
        $(#[$doc])*
        pub mod $name {
            use serde::{Deserialize, Deserializer, Serialize, Serializer};

            /// Written as chrono writes it.
            pub fn serialize<S: Serializer>(value: &$ty, serializer: S) -> Result<S::Ok, S::Error> {
                value.serialize(serializer)
            }

            /// Read by hand (see the module's documentation).
            pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $parse(&text).ok_or_else(|| {
                    serde::de::Error::invalid_value(serde::de::Unexpected::Str(&text), &$expected)
                })
            }

            /// The same, for a field that may be missing or null (give it
            /// `#[serde(default)]` as well).
            pub mod option {
                use serde::{Deserialize, Deserializer, Serialize, Serializer};

                /// Written as chrono writes it, or null.
                pub fn serialize<S: Serializer>(
                    value: &Option<$ty>,
                    serializer: S,
                ) -> Result<S::Ok, S::Error> {
                    value.serialize(serializer)
                }

                /// Null, or read as the plain field is.
                pub fn deserialize<'de, D: Deserializer<'de>>(
                    deserializer: D,
                ) -> Result<Option<$ty>, D::Error> {
                    #[derive(Deserialize)]
                    struct Inner(#[serde(with = "super")] $ty);
                    Ok(Option::<Inner>::deserialize(deserializer)?.map(|Inner(v)| v))
                }
            }
        }
    };
}

wire_format! {
    /// A date field, `YYYY-MM-DD`.
    date, chrono::NaiveDate, super::parse_date, "a date as YYYY-MM-DD"
}

wire_format! {
    /// An instant field, RFC 3339.
    instant,
    chrono::DateTime<chrono::Utc>,
    super::parse_instant,
    "an RFC 3339 date and time, such as 2026-12-07T07:30:00Z"
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
    }

    #[test]
    fn a_date_is_four_two_and_two_digits() {
        assert_eq!(parse_date("2026-12-07"), Some(day(2026, 12, 7)));
        for text in [
            "2026-1-07",
            "2026-12-7",
            "26-12-07",
            "2026/12/07",
            "2026-12-07 ",
            "",
        ] {
            assert_eq!(parse_date(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_date_that_does_not_exist_is_refused() {
        assert_eq!(parse_date("2026-02-29"), None);
        assert_eq!(parse_date("2028-02-29"), Some(day(2028, 2, 29)));
        assert_eq!(parse_date("2026-13-01"), None);
    }

    #[test]
    fn an_instant_reads_as_chrono_writes_it() {
        for at in [
            day(2026, 12, 7).and_hms_opt(7, 30, 0),
            day(2026, 12, 7).and_hms_micro_opt(7, 30, 0, 250_001),
            day(2026, 12, 7).and_hms_nano_opt(23, 59, 59, 1),
        ] {
            let at = at.expect("a real time").and_utc();
            let written = serde_json::to_string(&at).expect("written");
            let text: String = serde_json::from_str(&written).expect("a string");
            assert_eq!(parse_instant(&text), Some(at), "{text}");
        }
    }

    #[test]
    fn an_instant_with_an_offset_is_read_as_utc() {
        let expected = day(2026, 12, 6).and_hms_opt(23, 30, 0).map(|t| t.and_utc());
        assert_eq!(parse_instant("2026-12-07T07:30:00+08:00"), expected);
        assert_eq!(parse_instant("2026-12-06t19:30:00-04:00"), expected);
        assert_eq!(parse_instant("2026-12-06T23:30:00z"), expected);
    }

    #[test]
    fn an_instant_without_a_zone_or_in_another_shape_is_refused() {
        for text in [
            "2026-12-07T07:30:00",
            "2026-12-07 07:30:00Z",
            "2026-12-07T07:30Z",
            "2026-12-07T07:30:00.Z",
            "2026-12-07T07:30:00.1234567890Z",
            "2026-12-07T07:30:00+0800",
            "2026-12-07T07:30:00+24:00",
            "2026-12-07T25:30:00Z",
        ] {
            assert_eq!(parse_instant(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_local_minute_is_what_a_datetime_local_field_writes() {
        let expected = day(2026, 12, 7).and_hms_opt(14, 30, 0);
        assert_eq!(parse_local_minute("2026-12-07T14:30"), expected);
        assert_eq!(parse_local_minute("2026-12-07T14:30:59"), expected);
        for text in [
            "2026-12-07 14:30",
            "2026-12-07T14:3",
            "2026-12-07T24:00",
            "2026-12-07T14:30:60",
        ] {
            assert_eq!(parse_local_minute(text), None, "{text:?}");
        }
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Dated {
        #[serde(with = "date")]
        on: NaiveDate,
        #[serde(default, with = "date::option")]
        until: Option<NaiveDate>,
        #[serde(with = "instant")]
        at: DateTime<Utc>,
    }

    #[test]
    fn fields_travel_as_chrono_writes_them() {
        let dated = Dated {
            on: day(2026, 12, 7),
            until: None,
            at: day(2026, 12, 7)
                .and_hms_opt(7, 30, 0)
                .expect("a time")
                .and_utc(),
        };
        let json = serde_json::to_value(&dated).expect("written");
        assert_eq!(
            json,
            serde_json::json!({"on": "2026-12-07", "until": null, "at": "2026-12-07T07:30:00Z"})
        );
        assert_eq!(serde_json::from_value::<Dated>(json).expect("read"), dated);
    }

    #[test]
    fn a_missing_optional_date_is_none_and_a_bad_one_says_what_is_expected() {
        let read: Dated =
            serde_json::from_str(r#"{"on": "2026-12-07", "at": "2026-12-07T07:30:00Z"}"#)
                .expect("read");
        assert_eq!(read.until, None);
        let error =
            serde_json::from_str::<Dated>(r#"{"on": "2026-12-7", "at": "2026-12-07T07:30:00Z"}"#)
                .expect_err("refused");
        assert!(
            error.to_string().contains("a date as YYYY-MM-DD"),
            "{error}"
        );
    }
}
