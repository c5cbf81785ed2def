//! Administrative licences (行政许可), the other half of 双公示: the
//! safety licences the city issues or supervises, their holders, validity
//! and status with its history, as the public reads them and editors
//! import them.
//!
//! A licence's status is stored as what an authority did to it (valid,
//! suspended, revoked, cancelled); *expired* is not stored but read from
//! the day: a licence that is valid or suspended after its last valid day
//! is expired from the next day on, with nobody having to record it
//! ([`LicenceStatus::on`]).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::District;
use crate::decisions::FacetCount;
use crate::field_error::{self, FieldErrors, Problem};
use crate::text::has_control_characters;

/// Rows of a public list page.
pub const PAGE_SIZE: u32 = 20;
/// Longest search text, in characters.
pub const MAX_QUERY_CHARS: usize = 100;

slug_enum! {
    /// The kinds of safety licence a city regulator sees.
    LicenceKind {
        NonCoalMine = ("non-coal-mine", "安全生产许可证（非煤矿山）", "Work safety licence (non-coal mine)"),
        ChemicalProduction = ("chemical-production", "安全生产许可证（危险化学品生产）", "Work safety licence (hazardous chemical production)"),
        FireworksProduction = ("fireworks-production", "安全生产许可证（烟花爆竹生产）", "Work safety licence (fireworks production)"),
        ChemicalTrading = ("chemical-trading", "危险化学品经营许可证", "Hazardous chemicals trading licence"),
        FireworksWholesale = ("fireworks-wholesale", "烟花爆竹经营（批发）许可证", "Fireworks trading licence (wholesale)"),
        FireworksRetail = ("fireworks-retail", "烟花爆竹经营（零售）许可证", "Fireworks trading licence (retail)"),
    }
}

slug_enum! {
    /// Where a licence stands on a day.
    LicenceStatus {
        Valid = ("valid", "有效", "Valid"),
        Suspended = ("suspended", "暂扣", "Suspended"),
        Revoked = ("revoked", "吊销", "Revoked"),
        Expired = ("expired", "过期", "Expired"),
        Cancelled = ("cancelled", "注销", "Cancelled"),
    }
}

impl LicenceStatus {
    /// The status on `today` of a licence whose recorded status is `self`
    /// and whose last valid day is `valid_until`: valid and suspended
    /// licences expire by themselves the day after it.
    pub fn on(self, valid_until: NaiveDate, today: NaiveDate) -> Self {
        match self {
            LicenceStatus::Valid | LicenceStatus::Suspended if today > valid_until => {
                LicenceStatus::Expired
            }
            status => status,
        }
    }

    /// Whether an authority can record this status (expiry comes by itself).
    pub fn is_recorded(self) -> bool {
        self != LicenceStatus::Expired
    }

    /// Whether the holder may work under the licence.
    pub fn is_in_force(self) -> bool {
        self == LicenceStatus::Valid
    }
}

/// A licence in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LicenceSummary {
    pub id: i64,
    /// 许可证编号, as issued.
    pub licence_no: String,
    pub kind: LicenceKind,
    pub holder_name: String,
    /// The holder's Unified Social Credit Code.
    pub credit_code: String,
    #[serde(with = "crate::time::date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub valid_from: NaiveDate,
    /// The last day the licence is valid.
    #[serde(with = "crate::time::date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub valid_until: NaiveDate,
    pub authority: String,
    pub district: District,
    /// The status today (see [`LicenceStatus::on`]).
    pub status: LicenceStatus,
}

/// One step of a licence's history: issued, suspended, revoked, restored,
/// cancelled — by whom is the issuing authority unless the note says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LicenceEvent {
    #[serde(with = "crate::time::date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub on: NaiveDate,
    pub status: LicenceStatus,
    pub note: String,
    /// The penalty decision that suspended or revoked it, if one did.
    pub decision_id: Option<i64>,
    pub decision_no: Option<String>,
}

/// A licence in full: `GET /api/licences/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Licence {
    #[serde(flatten)]
    pub summary: LicenceSummary,
    /// 许可内容: what the holder may do, where.
    pub scope: String,
    #[serde(with = "crate::time::date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub issued_on: NaiveDate,
    /// Oldest first; the last recorded step gives the status (unless expired).
    pub history: Vec<LicenceEvent>,
    #[serde(with = "crate::time::instant")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: DateTime<Utc>,
}

/// The facets of a search: counts by kind, status and district among the
/// licences the words match (each facet ignoring its own filter).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LicenceFacets {
    pub kind: Vec<FacetCount<LicenceKind>>,
    pub status: Vec<FacetCount<LicenceStatus>>,
    pub district: Vec<FacetCount<District>>,
}

/// A page of a licence search: `GET /api/licences`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LicencePage {
    pub total: u64,
    pub page: u32,
    pub page_size: u32,
    pub items: Vec<LicenceSummary>,
    pub facets: LicenceFacets,
    /// The day the statuses are read on.
    #[serde(with = "crate::time::date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub as_of: NaiveDate,
}

/// A search of licences. Within a facet, several values are alternatives;
/// across facets, conditions all apply.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LicenceQuery {
    /// Text found in the holder's name, its credit code or the licence
    /// number; every word (separated by spaces) must be found.
    pub q: Option<String>,
    pub kind: Vec<LicenceKind>,
    pub status: Vec<LicenceStatus>,
    pub district: Vec<District>,
    /// 1-based.
    pub page: u32,
}

impl LicenceQuery {
    /// Parses query-string pairs (`q`, `kind`, `status`, `district`, `page`;
    /// facets may repeat). Every problem is reported, under its parameter.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, FieldErrors> {
        let mut query = LicenceQuery {
            page: 1,
            ..LicenceQuery::default()
        };
        let mut errors = FieldErrors::new();
        let mut seen = Vec::new();
        for (key, raw) in pairs {
            let value = raw.trim();
            if matches!(key, "q" | "page") {
                if seen.contains(&key) {
                    field_error::add(&mut errors, key, Problem::Repeated);
                    continue;
                }
                seen.push(key);
            }
            match key {
                "q" => {
                    if has_control_characters(value) {
                        field_error::add(&mut errors, key, Problem::ControlCharacters);
                    } else if value.chars().count() > MAX_QUERY_CHARS {
                        field_error::add(
                            &mut errors,
                            key,
                            Problem::TooLong {
                                max: MAX_QUERY_CHARS,
                            },
                        );
                    } else if !value.is_empty() {
                        query.q = Some(value.to_owned());
                    }
                }
                "kind" => match LicenceKind::from_slug(value) {
                    Some(k) if !query.kind.contains(&k) => query.kind.push(k),
                    Some(_) => {}
                    None => field_error::add(&mut errors, key, Problem::NotListed),
                },
                "status" => match LicenceStatus::from_slug(value) {
                    Some(s) if !query.status.contains(&s) => query.status.push(s),
                    Some(_) => {}
                    None => field_error::add(&mut errors, key, Problem::NotListed),
                },
                "district" => match District::from_slug(value) {
                    Some(d) if !query.district.contains(&d) => query.district.push(d),
                    Some(_) => {}
                    None => field_error::add(&mut errors, key, Problem::NotListed),
                },
                "page" => match value.parse::<u32>() {
                    Ok(page) if (1..=10_000).contains(&page) => query.page = page,
                    _ => field_error::add(
                        &mut errors,
                        key,
                        Problem::OutOfRange {
                            min: 1,
                            max: 10_000,
                        },
                    ),
                },
                _ => {}
            }
        }
        if errors.is_empty() {
            Ok(query)
        } else {
            Err(errors)
        }
    }
}

/// The columns of a licence file, in order: what an import reads (the
/// first [`IMPORT_COLUMNS`]) and what an export writes.
pub const CSV_HEADERS: [&str; 12] = [
    "许可证编号",
    "许可证类别",
    "行政相对人名称",
    "统一社会信用代码",
    "许可内容",
    "发证日期",
    "有效期自",
    "有效期至",
    "发证机关",
    "区县",
    "状态",
    "标识",
];

/// How many columns an import needs: up to 区县.
pub const IMPORT_COLUMNS: usize = 10;

/// A recorded change of a licence's status: `POST
/// /api/staff/licences/{id}/status`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LicenceStatusChange {
    /// Suspended, revoked, cancelled, or valid again (a suspension ended).
    pub status: LicenceStatus,
    #[serde(with = "crate::time::date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub on: NaiveDate,
    /// Why, in a sentence.
    pub note: String,
    /// The penalty decision that suspends or revokes it (its id).
    #[serde(default)]
    pub decision_id: Option<i64>,
}

/// Longest note of a status change, in characters.
pub const MAX_NOTE_CHARS: usize = 500;

impl LicenceStatusChange {
    /// Checks the change against the licence's recorded status and the
    /// day of its last step; every problem, by field.
    pub fn validate(
        &self,
        current: LicenceStatus,
        last_on: NaiveDate,
        today: NaiveDate,
    ) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        let allowed = match current {
            LicenceStatus::Valid => matches!(
                self.status,
                LicenceStatus::Suspended | LicenceStatus::Revoked | LicenceStatus::Cancelled
            ),
            LicenceStatus::Suspended => matches!(
                self.status,
                LicenceStatus::Valid | LicenceStatus::Revoked | LicenceStatus::Cancelled
            ),
            LicenceStatus::Revoked | LicenceStatus::Cancelled | LicenceStatus::Expired => false,
        };
        if !allowed {
            field_error::add(&mut errors, "status", Problem::NotListed);
        }
        if self.on > today {
            field_error::add(&mut errors, "on", Problem::InFuture);
        } else if self.on < last_on {
            field_error::add(&mut errors, "on", Problem::before("last_step"));
        }
        let note = self.note.trim();
        if note.is_empty() {
            field_error::add(&mut errors, "note", Problem::Required);
        } else if note.chars().count() > MAX_NOTE_CHARS {
            field_error::add(
                &mut errors,
                "note",
                Problem::TooLong {
                    max: MAX_NOTE_CHARS,
                },
            );
        } else if has_control_characters(note) {
            field_error::add(&mut errors, "note", Problem::ControlCharacters);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    #[test]
    fn a_valid_licence_expires_by_itself_the_day_after_its_last_valid_day() {
        let until = day("2026-12-07");
        assert_eq!(
            LicenceStatus::Valid.on(until, day("2026-12-07")),
            LicenceStatus::Valid
        );
        assert_eq!(
            LicenceStatus::Valid.on(until, day("2026-12-08")),
            LicenceStatus::Expired
        );
        assert_eq!(
            LicenceStatus::Suspended.on(until, day("2026-12-08")),
            LicenceStatus::Expired
        );
    }

    #[test]
    fn a_revoked_or_cancelled_licence_stays_so_after_its_end() {
        let until = day("2026-01-01");
        assert_eq!(
            LicenceStatus::Revoked.on(until, day("2026-12-08")),
            LicenceStatus::Revoked
        );
        assert_eq!(
            LicenceStatus::Cancelled.on(until, day("2026-12-08")),
            LicenceStatus::Cancelled
        );
    }

    #[test]
    fn a_query_reads_its_facets_and_says_what_it_cannot() {
        let query = LicenceQuery::from_pairs([
            ("q", " 烟花 "),
            ("kind", "fireworks-retail"),
            ("status", "valid"),
            ("district", "lixia"),
        ])
        .expect("a query");
        assert_eq!(query.q.as_deref(), Some("烟花"));
        assert_eq!(query.kind, vec![LicenceKind::FireworksRetail]);
        let errors =
            LicenceQuery::from_pairs([("kind", "coal"), ("page", "0")]).expect_err("refused");
        assert!(errors.contains_key("kind") && errors.contains_key("page"));
    }

    #[test]
    fn a_revoked_licence_cannot_change_again() {
        let change = LicenceStatusChange {
            status: LicenceStatus::Valid,
            on: day("2026-12-01"),
            note: "恢复".to_owned(),
            decision_id: None,
        };
        let errors = change
            .validate(LicenceStatus::Revoked, day("2026-11-01"), day("2026-12-07"))
            .expect_err("refused");
        assert!(errors.contains_key("status"));
    }
}
