//! Hazard reports (隐患举报): what a citizen sends, what they get back, and
//! what they can look up later — never who they are.

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::reference::District;
use crate::text::has_control_characters;

pub use crate::field_error::FieldErrors;
use crate::field_error::{self, Problem};

slug_enum! {
    /// What kind of hazard is reported.
    ReportCategory {
        HazardousChemicals = ("hazardous-chemicals", "危险化学品", "Hazardous chemicals"),
        Mining = ("mining", "矿山", "Mining"),
        Construction = ("construction", "建筑施工", "Construction"),
        Fireworks = ("fireworks", "烟花爆竹", "Fireworks"),
        RoadTransport = ("road-transport", "道路运输", "Road transport"),
        Metallurgy = ("metallurgy", "冶金", "Metallurgy"),
        CivilExplosives = ("civil-explosives", "民用爆炸物品", "Civil explosives"),
        Fire = ("fire", "消防", "Fire safety"),
        SpecialEquipment = ("special-equipment", "特种设备", "Special equipment (lifts, boilers, cranes)"),
        Other = ("other", "其他", "Something else"),
    }
}

slug_enum! {
    /// Where a report stands.
    ReportStatus {
        Received = ("received", "已收到", "Received"),
        Accepted = ("accepted", "已受理", "Accepted"),
        Investigating = ("investigating", "核查中", "Under investigation"),
        Substantiated = ("substantiated", "经核查属实", "Substantiated"),
        NotSubstantiated = ("not-substantiated", "经核查不属实", "Not substantiated"),
        RewardDecided = ("reward-decided", "已决定奖励", "Reward decided"),
        RewardPaid = ("reward-paid", "奖励已发放", "Reward paid"),
    }
}

/// Longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;
/// Shortest useful description, in characters.
pub const MIN_DESCRIPTION_CHARS: usize = 10;
/// Longest address, in characters.
pub const MAX_ADDRESS_CHARS: usize = 200;
/// Longest enterprise name typed freely, in characters.
pub const MAX_ENTERPRISE_CHARS: usize = 100;
/// Longest reporter name, in characters.
pub const MAX_NAME_CHARS: usize = 50;
/// At most this many photos per report.
pub const MAX_PHOTOS: usize = 6;
/// Largest photo accepted, in bytes.
pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;
/// How far back a hazard may have been seen, in days.
pub const MAX_SEEN_DAYS_AGO: u64 = 730;
/// Days within which a report must be handled (办结).
pub const HANDLING_DAYS: u64 = 60;
/// Days by which handling may be extended once.
pub const EXTENSION_DAYS: u64 = 30;
/// Days after verification within which the result is fed back.
pub const FEEDBACK_DAYS: u64 = 10;

/// Who is reporting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reporter {
    /// No name, no contact: the report can be followed with the receipt, but
    /// no reward can be paid.
    Anonymous,
    /// A real name and a phone number, seen only by the staff who handle the
    /// report; needed for a reward.
    Named {
        #[cfg_attr(feature = "openapi", schema(max_length = 50, pattern = "\\S"))]
        name: String,
        /// A mobile number (11 digits) or a landline with its area code.
        #[cfg_attr(
            feature = "openapi",
            schema(
                pattern = "^[\\s-]*(?:1[\\s-]*[3-9](?:[\\s-]*[0-9]){9}|0(?:[\\s-]*[0-9]){9,11})[\\s-]*$"
            )
        )]
        phone: String,
    },
}

/// A report as the form sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewReport {
    pub category: ReportCategory,
    pub district: District,
    /// Where, in words.
    #[cfg_attr(feature = "openapi", schema(max_length = 200, pattern = "\\S"))]
    pub address: String,
    /// Where, if the reporter chose to share their location (WGS 84; give
    /// both or neither).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = -90.0, maximum = 90.0))]
    pub latitude: Option<f64>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = -180.0, maximum = 180.0))]
    pub longitude: Option<f64>,
    /// The enterprise picked from the directory (`GET /api/enterprises`), if any.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub enterprise_id: Option<i64>,
    /// The enterprise as typed, when it is not in the directory.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub enterprise_name: Option<String>,
    /// When the hazard was seen (local time in Jinan), `YYYY-MM-DDTHH:MM`
    /// (seconds may be given too).
    #[serde(with = "minutes")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-11-20T09:30"))]
    pub seen_at: NaiveDateTime,
    /// What was seen: at least 10 characters, at most 2,000.
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 2000,
            pattern = "(?:[^\\s\\u0000-\\u001F\\u007F-\\u009F]\\s*){10}"
        )
    )]
    pub description: String,
    /// Tokens of photos uploaded first to `POST /api/reports/photos` (at most 6).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 6))]
    pub photos: Vec<String>,
    pub reporter: Reporter,
    /// Left empty by people; bots that fill every field are ignored.
    #[serde(default)]
    pub website: String,
}

/// A local date and time as a form's `datetime-local` field writes it.
mod minutes {
    use chrono::{Datelike, NaiveDateTime, Timelike};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &NaiveDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            at.year(),
            at.month(),
            at.day(),
            at.hour(),
            at.minute()
        ))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<NaiveDateTime, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        crate::time::parse_local_minute(&text).ok_or_else(|| {
            serde::de::Error::custom("seen_at must be a local date and time as YYYY-MM-DDTHH:MM")
        })
    }
}

/// The receipt of a report: keep both numbers to follow it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Receipt {
    /// The public reference number.
    pub reference: String,
    /// The secret query code; shown once, stored only as a hash.
    pub query_code: String,
    #[serde(with = "crate::time::instant")]
    pub received_at: DateTime<Utc>,
    /// The report must be handled by this date (60 days)…
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub handle_by: NaiveDate,
    /// …or by this one, if handling is extended once (30 more days).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub handle_by_if_extended: NaiveDate,
}

/// Asking for a report's status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusQuery {
    pub reference: String,
    pub query_code: String,
}

/// One step in a report's history, with the public reply given then.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct StatusEvent {
    pub status: ReportStatus,
    #[serde(with = "crate::time::instant")]
    pub at: DateTime<Utc>,
    pub reply: Option<String>,
}

/// What the reporter sees of their report. Never who they are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportView {
    pub reference: String,
    pub category: ReportCategory,
    pub district: District,
    pub status: ReportStatus,
    #[serde(with = "crate::time::instant")]
    pub received_at: DateTime<Utc>,
    /// Oldest first.
    pub history: Vec<StatusEvent>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub handle_by: NaiveDate,
    /// Set when handling was extended.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    #[serde(default, with = "crate::time::date::option")]
    pub extended_to: Option<NaiveDate>,
    /// Set once the report is verified: the result is fed back by this date.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    #[serde(default, with = "crate::time::date::option")]
    pub feedback_by: Option<NaiveDate>,
    /// The reward decided, in yuan, once decided.
    pub reward_yuan: Option<u64>,
    pub photos: u32,
}

/// A photo stored for a report that is being written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UploadedPhoto {
    /// Put this in `NewReport::photos`.
    pub token: String,
    pub width: u32,
    pub height: u32,
    /// Size after re-encoding (all metadata removed).
    pub bytes: u64,
}

/// How many reports named an enterprise in the 30 days before yesterday;
/// 0 when fewer than 3 (see the server's `GET /api/reports/recent`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecentReports {
    pub enterprise_id: i64,
    pub count: u64,
}

/// The dates the rules set for a report received on `received`.
pub fn handle_by(received: NaiveDate) -> (NaiveDate, NaiveDate) {
    let due = received + Days::new(HANDLING_DAYS);
    (due, due + Days::new(EXTENSION_DAYS))
}

/// Whether `s` is a Chinese mobile number (11 digits) or a landline with
/// its area code; spaces and hyphens are allowed.
pub fn is_phone(s: &str) -> bool {
    let digits: String = s.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let mobile = digits.len() == 11
        && digits.starts_with('1')
        && digits
            .chars()
            .nth(1)
            .is_some_and(|c| ('3'..='9').contains(&c))
        && digits.chars().all(|c| c.is_ascii_digit());
    // A landline with its area code: 0531 is Jinan's.
    let landline = (10..=12).contains(&digits.len())
        && digits.starts_with('0')
        && digits.chars().all(|c| c.is_ascii_digit());
    mobile || landline
}

/// `text` without control characters (keeping line breaks and tabs when
/// `multiline`), trimmed: pasted text often carries invisible ones.
fn clean_text(text: &str, multiline: bool) -> String {
    text.chars()
        .filter(|&c| !c.is_control() || (multiline && matches!(c, '\n' | '\t')))
        .collect::<String>()
        .trim()
        .to_owned()
}

impl NewReport {
    /// Removes control characters and surrounding spaces from the text
    /// fields. Call before [`NewReport::validate`].
    pub fn clean(&mut self) {
        self.address = clean_text(&self.address, false);
        self.description = clean_text(&self.description.replace("\r\n", "\n"), true);
        if let Some(name) = &self.enterprise_name {
            let name = clean_text(name, false);
            self.enterprise_name = (!name.is_empty()).then_some(name);
        }
        if let Reporter::Named { name, phone } = &mut self.reporter {
            *name = clean_text(name, false);
            *phone = clean_text(phone, false);
        }
    }

    /// Checks every field and says what to fix, field by field. `now` is the
    /// local time in Jinan.
    pub fn validate(&self, now: NaiveDateTime) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut fail =
            |field: &str, problem: Problem| field_error::add(&mut errors, field, problem);
        let address = self.address.trim();
        if address.is_empty() {
            fail("address", Problem::Required);
        } else if address.chars().count() > MAX_ADDRESS_CHARS {
            fail(
                "address",
                Problem::TooLong {
                    max: MAX_ADDRESS_CHARS,
                },
            );
        } else if has_control_characters(address) {
            fail("address", Problem::ControlCharacters);
        }
        match (self.latitude, self.longitude) {
            (None, None) => {}
            (Some(lat), Some(lon))
                if lat.is_finite()
                    && lon.is_finite()
                    && (-90.0..=90.0).contains(&lat)
                    && (-180.0..=180.0).contains(&lon) => {}
            _ => fail("latitude", Problem::IncompleteCoordinates),
        }
        if let Some(name) = &self.enterprise_name {
            let name = name.trim();
            if name.chars().count() > MAX_ENTERPRISE_CHARS {
                fail(
                    "enterprise_name",
                    Problem::TooLong {
                        max: MAX_ENTERPRISE_CHARS,
                    },
                );
            } else if has_control_characters(name) {
                fail("enterprise_name", Problem::ControlCharacters);
            }
        }
        if self.enterprise_id.is_some_and(|id| id <= 0) {
            fail("enterprise_id", Problem::UnknownEnterprise);
        }
        if self.seen_at > now + chrono::Duration::minutes(10) {
            fail("seen_at", Problem::InFuture);
        } else if self.seen_at.date() + Days::new(MAX_SEEN_DAYS_AGO) < now.date() {
            fail("seen_at", Problem::TooLongAgo { years: 2 });
        }
        let description = self.description.trim();
        let length = description.chars().count();
        if length < MIN_DESCRIPTION_CHARS {
            fail(
                "description",
                Problem::TooShort {
                    min: MIN_DESCRIPTION_CHARS,
                },
            );
        } else if length > MAX_DESCRIPTION_CHARS {
            fail(
                "description",
                Problem::TooLong {
                    max: MAX_DESCRIPTION_CHARS,
                },
            );
        } else if description
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            fail("description", Problem::ControlCharacters);
        }
        if self.photos.len() > MAX_PHOTOS {
            fail("photos", Problem::TooMany { max: MAX_PHOTOS });
        }
        let mut seen = std::collections::HashSet::new();
        if !self.photos.iter().all(|t| seen.insert(t)) {
            fail("photos", Problem::Duplicate);
        }
        if let Reporter::Named { name, phone } = &self.reporter {
            let name = name.trim();
            if name.is_empty() {
                fail("reporter.name", Problem::Required);
            } else if name.chars().count() > MAX_NAME_CHARS {
                fail(
                    "reporter.name",
                    Problem::TooLong {
                        max: MAX_NAME_CHARS,
                    },
                );
            } else if has_control_characters(name) {
                fail("reporter.name", Problem::ControlCharacters);
            }
            if !is_phone(phone.trim()) {
                fail("reporter.phone", Problem::NotAPhone);
            }
        }
        field_error::finish(errors)
    }
}

/// The 2018 national reward rules (《安全生产领域举报奖励办法》, 安监总财〔2018〕19号).
pub mod reward {
    /// The least and the most a report earns, in yuan.
    pub const MINIMUM: u64 = 3_000;
    pub const MAXIMUM: u64 = 300_000;

    /// The grade of a concealed accident (瞒报事故): the same grades as
    /// accident investigation reports.
    pub use crate::enforcement::AccidentGrade;

    /// The reward per concealed death, in yuan.
    pub fn per_death(grade: AccidentGrade) -> u64 {
        match grade {
            AccidentGrade::General => 30_000,
            AccidentGrade::Larger => 40_000,
            AccidentGrade::Major => 50_000,
            AccidentGrade::EspeciallyMajor => 60_000,
        }
    }

    /// For a verified major hazard or violation: 15 % of the fine, at least
    /// 3,000 and at most 300,000 yuan.
    pub fn for_fine(fine_yuan: u64) -> u64 {
        (fine_yuan.saturating_mul(15) / 100).clamp(MINIMUM, MAXIMUM)
    }

    /// For a concealed accident: so much per concealed death by grade, at
    /// most 300,000 yuan.
    pub fn for_concealed_accident(grade: AccidentGrade, deaths: u32) -> u64 {
        per_death(grade)
            .saturating_mul(u64::from(deaths))
            .min(MAXIMUM)
    }
}

#[cfg(test)]
mod tests {
    use super::reward::*;
    use super::*;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 28)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .expect("a time")
    }

    fn report() -> NewReport {
        NewReport {
            category: ReportCategory::Fire,
            district: District::Lixia,
            address: "经十路100号".to_owned(),
            latitude: None,
            longitude: None,
            enterprise_id: None,
            enterprise_name: Some("某某商贸有限公司".to_owned()),
            seen_at: now() - chrono::Duration::hours(3),
            description: "商场三楼安全出口被上锁，疏散通道堆满货物。".to_owned(),
            photos: vec![],
            reporter: Reporter::Anonymous,
            website: String::new(),
        }
    }

    #[test]
    fn the_time_seen_reads_as_a_form_writes_it() {
        let json = serde_json::to_value(report()).expect("json");
        let text = json["seen_at"].as_str().expect("a string").to_owned();
        assert_eq!(text.len(), 16, "{text}");
        let back: NewReport = serde_json::from_value(json).expect("reads back");
        assert_eq!(back.seen_at.format("%H:%M").to_string(), text[11..]);
        let mut with_seconds = serde_json::to_value(report()).expect("json");
        with_seconds["seen_at"] = serde_json::json!("2026-11-28T09:30:15");
        assert!(serde_json::from_value::<NewReport>(with_seconds).is_ok());
    }

    #[test]
    fn a_complete_report_is_valid() {
        assert_eq!(report().validate(now()), Ok(()));
    }

    #[test]
    fn a_short_description_is_refused_with_what_to_do() {
        let mut r = report();
        r.description = "有隐患".to_owned();
        let errors = r.validate(now()).expect_err("too short");
        assert_eq!(
            errors["description"][0].problem,
            Problem::TooShort { min: 10 }
        );
    }

    #[test]
    fn a_hazard_seen_in_the_future_is_refused() {
        let mut r = report();
        r.seen_at = now() + chrono::Duration::days(1);
        assert!(
            r.validate(now())
                .expect_err("future")
                .contains_key("seen_at")
        );
    }

    #[test]
    fn a_named_reporter_needs_a_phone_number_that_can_be_called() {
        let mut r = report();
        r.reporter = Reporter::Named {
            name: "张三".to_owned(),
            phone: "12345".to_owned(),
        };
        assert!(
            r.validate(now())
                .expect_err("bad phone")
                .contains_key("reporter.phone")
        );
        for phone in ["13912345678", "139 1234 5678", "0531-88889999"] {
            r.reporter = Reporter::Named {
                name: "张三".to_owned(),
                phone: phone.to_owned(),
            };
            assert_eq!(r.validate(now()), Ok(()), "{phone}");
        }
    }

    #[test]
    fn a_location_needs_both_coordinates_in_range() {
        let mut r = report();
        r.latitude = Some(36.65);
        assert!(r.validate(now()).is_err());
        r.longitude = Some(117.12);
        assert_eq!(r.validate(now()), Ok(()));
        r.latitude = Some(f64::NAN);
        assert!(r.validate(now()).is_err());
    }

    #[test]
    fn at_most_six_distinct_photos() {
        let mut r = report();
        r.photos = (0..7).map(|i| format!("t{i}")).collect();
        assert!(r.validate(now()).expect_err("seven").contains_key("photos"));
        r.photos = vec!["a".to_owned(), "a".to_owned()];
        assert!(r.validate(now()).expect_err("twice").contains_key("photos"));
    }

    #[test]
    fn the_rules_set_60_days_and_30_more() {
        let received = NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
        let (due, extended) = handle_by(received);
        assert_eq!(due, NaiveDate::from_ymd_opt(2027, 1, 27).expect("date"));
        assert_eq!(
            extended,
            NaiveDate::from_ymd_opt(2027, 2, 26).expect("date")
        );
    }

    #[test]
    fn a_reward_is_15_percent_of_the_fine_between_3000_and_300000() {
        assert_eq!(for_fine(100_000), 15_000);
        assert_eq!(for_fine(10_000), 3_000, "at least 3,000");
        assert_eq!(for_fine(0), 3_000);
        assert_eq!(for_fine(5_000_000), 300_000, "at most 300,000");
        assert_eq!(for_fine(2_000_000), 300_000);
        assert_eq!(for_fine(1_000_000), 150_000);
    }

    #[test]
    fn a_concealed_accident_earns_per_death_by_grade_up_to_300000() {
        assert_eq!(for_concealed_accident(AccidentGrade::General, 1), 30_000);
        assert_eq!(for_concealed_accident(AccidentGrade::Larger, 3), 120_000);
        assert_eq!(for_concealed_accident(AccidentGrade::Major, 4), 200_000);
        assert_eq!(
            for_concealed_accident(AccidentGrade::EspeciallyMajor, 10),
            300_000
        );
    }

    #[test]
    fn categories_and_statuses_round_trip_through_their_slugs() {
        for &c in ReportCategory::ALL {
            assert_eq!(ReportCategory::from_slug(c.slug()), Some(c));
        }
        for &s in ReportStatus::ALL {
            let json = serde_json::to_string(&s).expect("json");
            assert_eq!(json, format!("\"{}\"", s.slug()));
        }
    }
}
