//! Administrative penalty decisions (行政处罚决定): the public-disclosure
//! (双公示) field set, and the search over them.
//!
//! [`DecisionQuery`] is both the API's query string and the app's URL: the
//! same pairs parse into the same query on both sides, so a search can be
//! shared by copying its address.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::field_error::{self, Problem};
use crate::reference::{District, Industry, PenaltyCategory};
use crate::text::has_control_characters;

/// Longest accepted search text, in characters.
pub const MAX_QUERY_CHARS: usize = 100;
/// Largest page.
pub const MAX_PAGE_SIZE: u32 = 100;
/// Default page size.
pub const DEFAULT_PAGE_SIZE: u32 = 20;
/// The last page that can be asked for; export for more.
pub const MAX_PAGE: u32 = 500;
/// Longest accepted authority name, in characters.
pub const MAX_AUTHORITY_CHARS: usize = 64;
/// Largest fine bound accepted, in yuan.
pub const MAX_FINE_YUAN: u64 = 10_000_000_000;

/// How results are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DecisionSort {
    /// Newest decision date first.
    #[default]
    Newest,
    /// Oldest decision date first.
    Oldest,
    /// Largest fine first.
    FineDesc,
    /// Smallest fine first.
    FineAsc,
}

impl DecisionSort {
    /// Every order.
    pub const ALL: &'static [DecisionSort] = &[
        DecisionSort::Newest,
        DecisionSort::Oldest,
        DecisionSort::FineDesc,
        DecisionSort::FineAsc,
    ];

    /// The value in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionSort::Newest => "newest",
            DecisionSort::Oldest => "oldest",
            DecisionSort::FineDesc => "fine_desc",
            DecisionSort::FineAsc => "fine_asc",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == s)
    }
}

/// A search of penalty decisions. Within a facet, several values are
/// alternatives (OR); across facets and ranges, conditions all apply (AND).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct DecisionQuery {
    /// Words to find in the party, the decision number, the credit code and
    /// the facts; every word must match.
    pub q: Option<String>,
    pub district: Vec<District>,
    pub industry: Vec<Industry>,
    pub category: Vec<PenaltyCategory>,
    pub authority: Vec<String>,
    pub year: Vec<i32>,
    /// Smallest fine, in yuan.
    pub fine_min: Option<u64>,
    /// Largest fine, in yuan.
    pub fine_max: Option<u64>,
    /// Earliest decision date.
    pub from: Option<NaiveDate>,
    /// Latest decision date.
    pub to: Option<NaiveDate>,
    pub sort: DecisionSort,
    /// 1-based page number.
    pub page: u32,
    pub page_size: u32,
}

pub use crate::field_error::FieldErrors;

impl DecisionQuery {
    /// The first page of everything, newest first.
    pub fn new() -> Self {
        Self {
            page: 1,
            page_size: DEFAULT_PAGE_SIZE,
            ..Self::default()
        }
    }

    /// Parses query-string pairs (repeated keys allowed for facets).
    /// Every problem is reported, under the name of its parameter.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, FieldErrors> {
        let mut query = Self::new();
        let mut errors = FieldErrors::new();
        let mut fail =
            |field: &str, problem: Problem| field_error::add(&mut errors, field, problem);
        let mut seen_single: Vec<&str> = Vec::new();
        for (key, raw) in pairs {
            let value = raw.trim();
            let single = matches!(
                key,
                "q" | "fine_min" | "fine_max" | "from" | "to" | "sort" | "page" | "page_size"
            );
            if single {
                if seen_single.contains(&key) {
                    fail(key, Problem::Repeated);
                    continue;
                }
                seen_single.push(key);
            }
            match key {
                "q" => {
                    if has_control_characters(value) {
                        fail(key, Problem::ControlCharacters);
                    } else if value.chars().count() > MAX_QUERY_CHARS {
                        fail(
                            key,
                            Problem::TooLong {
                                max: MAX_QUERY_CHARS,
                            },
                        );
                    } else if !value.is_empty() {
                        query.q = Some(value.to_owned());
                    }
                }
                "district" => match District::from_slug(value) {
                    Some(d) if !query.district.contains(&d) => query.district.push(d),
                    Some(_) => {}
                    None => fail(key, Problem::NotListed),
                },
                "industry" => match Industry::from_slug(value) {
                    Some(i) if !query.industry.contains(&i) => query.industry.push(i),
                    Some(_) => {}
                    None => fail(key, Problem::NotListed),
                },
                "category" => match PenaltyCategory::from_slug(value) {
                    Some(c) if !query.category.contains(&c) => query.category.push(c),
                    Some(_) => {}
                    None => fail(key, Problem::NotListed),
                },
                "authority" => {
                    if value.is_empty()
                        || value.chars().count() > MAX_AUTHORITY_CHARS
                        || has_control_characters(value)
                    {
                        fail(key, Problem::NotListed);
                    } else if !query.authority.iter().any(|a| a == value) {
                        query.authority.push(value.to_owned());
                    }
                }
                "year" => match value.parse::<i32>() {
                    Ok(y) if (2000..=2100).contains(&y) => {
                        if !query.year.contains(&y) {
                            query.year.push(y);
                        }
                    }
                    _ => fail(
                        key,
                        Problem::OutOfRange {
                            min: 2000,
                            max: 2100,
                        },
                    ),
                },
                "fine_min" | "fine_max" => match value.parse::<u64>() {
                    Ok(n) if n <= MAX_FINE_YUAN => {
                        if key == "fine_min" {
                            query.fine_min = Some(n);
                        } else {
                            query.fine_max = Some(n);
                        }
                    }
                    _ => fail(
                        key,
                        Problem::OutOfRange {
                            min: 0,
                            max: i64::try_from(MAX_FINE_YUAN).unwrap_or(i64::MAX),
                        },
                    ),
                },
                "from" | "to" => match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
                    Ok(date) if value.len() == 10 => {
                        if key == "from" {
                            query.from = Some(date);
                        } else {
                            query.to = Some(date);
                        }
                    }
                    _ => fail(key, Problem::NotADate),
                },
                "sort" => match DecisionSort::parse(value) {
                    Some(sort) => query.sort = sort,
                    None => fail(key, Problem::NotListed),
                },
                "page" => match value.parse::<u32>() {
                    Ok(n) if (1..=MAX_PAGE).contains(&n) => query.page = n,
                    _ => fail(
                        key,
                        Problem::OutOfRange {
                            min: 1,
                            max: i64::from(MAX_PAGE),
                        },
                    ),
                },
                "page_size" => match value.parse::<u32>() {
                    Ok(n) if (1..=MAX_PAGE_SIZE).contains(&n) => query.page_size = n,
                    _ => fail(
                        key,
                        Problem::OutOfRange {
                            min: 1,
                            max: i64::from(MAX_PAGE_SIZE),
                        },
                    ),
                },
                other => fail(other, Problem::NotAParameter),
            }
        }
        // Bounds given the wrong way round mean the same range.
        if let (Some(min), Some(max)) = (query.fine_min, query.fine_max)
            && min > max
        {
            std::mem::swap(&mut query.fine_min, &mut query.fine_max);
        }
        if let (Some(from), Some(to)) = (query.from, query.to)
            && from > to
        {
            std::mem::swap(&mut query.from, &mut query.to);
        }
        if errors.is_empty() {
            Ok(query)
        } else {
            Err(errors)
        }
    }

    /// The query as pairs, in a stable order, leaving out defaults. Page 1
    /// and the default page size are left out, so equal searches have equal
    /// addresses.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(q) = &self.q {
            pairs.push(("q", q.clone()));
        }
        pairs.extend(
            self.district
                .iter()
                .map(|d| ("district", d.slug().to_owned())),
        );
        pairs.extend(
            self.industry
                .iter()
                .map(|i| ("industry", i.slug().to_owned())),
        );
        pairs.extend(
            self.category
                .iter()
                .map(|c| ("category", c.slug().to_owned())),
        );
        pairs.extend(self.authority.iter().map(|a| ("authority", a.clone())));
        pairs.extend(self.year.iter().map(|y| ("year", y.to_string())));
        if let Some(n) = self.fine_min {
            pairs.push(("fine_min", n.to_string()));
        }
        if let Some(n) = self.fine_max {
            pairs.push(("fine_max", n.to_string()));
        }
        if let Some(d) = self.from {
            pairs.push(("from", d.to_string()));
        }
        if let Some(d) = self.to {
            pairs.push(("to", d.to_string()));
        }
        if self.sort != DecisionSort::Newest {
            pairs.push(("sort", self.sort.as_str().to_owned()));
        }
        if self.page != 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if self.page_size != DEFAULT_PAGE_SIZE {
            pairs.push(("page_size", self.page_size.to_string()));
        }
        pairs
    }

    /// Whether any filter (not the text, sort or page) is set.
    pub fn has_filters(&self) -> bool {
        !self.district.is_empty()
            || !self.industry.is_empty()
            || !self.category.is_empty()
            || !self.authority.is_empty()
            || !self.year.is_empty()
            || self.fine_min.is_some()
            || self.fine_max.is_some()
            || self.from.is_some()
            || self.to.is_some()
    }
}

/// One decision in a list of results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionSummary {
    /// The permanent identifier; the decision's address is `/enforcement/decisions/{id}`.
    pub id: i64,
    /// 行政处罚决定书文号.
    pub decision_no: String,
    /// 行政相对人名称.
    pub party_name: String,
    /// The party's Unified Social Credit Code, if it has one.
    pub credit_code: Option<String>,
    /// 违法行为类型.
    pub violation_type: String,
    /// 处罚类别.
    pub penalty_categories: Vec<PenaltyCategory>,
    /// Fine, in fen (1/100 yuan).
    pub fine_fen: i64,
    /// 处罚决定日期.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub decided_on: NaiveDate,
    /// 处罚机关.
    pub authority: String,
    pub district: District,
    pub industry: Industry,
    /// Whether the decision has been revoked (it stays public, marked as revoked).
    pub revoked: bool,
}

/// A page of search results, with facet counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionPage {
    /// How many decisions match.
    pub total: u64,
    /// This page's number, from 1.
    pub page: u32,
    pub page_size: u32,
    pub items: Vec<DecisionSummary>,
    pub facets: DecisionFacets,
    /// Set when the search text is exactly a decision number or a credit
    /// code: the record it names, so that a client can go straight to it.
    pub exact: Option<ExactMatch>,
    /// When the answer was computed.
    #[serde(with = "crate::time::instant")]
    pub as_of: DateTime<Utc>,
}

/// The record a search text names exactly.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExactMatch {
    /// What the text was recognised as.
    pub kind: ExactKind,
    /// The decision to open: the one with that number, or the only one of
    /// that party; `None` when a party has several (the list shows them).
    pub id: Option<i64>,
}

/// What a search text was recognised as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExactKind {
    DecisionNo,
    CreditCode,
}

/// How many of the matching decisions have each value of each facet. The
/// counts of a facet ignore that facet's own selection, so that every
/// alternative shows what choosing it would give.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionFacets {
    pub district: Vec<FacetCount<District>>,
    pub industry: Vec<FacetCount<Industry>>,
    pub category: Vec<FacetCount<PenaltyCategory>>,
    pub authority: Vec<FacetCount<String>>,
    pub year: Vec<FacetCount<i32>>,
}

/// A facet value and how many decisions have it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacetCount<T> {
    pub value: T,
    pub count: u64,
}

/// A penalty decision with every disclosure field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionDetail {
    pub id: i64,
    /// 行政处罚决定书文号.
    pub decision_no: String,
    /// 行政相对人名称.
    pub party_name: String,
    /// 统一社会信用代码.
    pub credit_code: Option<String>,
    /// 法定代表人.
    pub legal_representative: Option<String>,
    /// 违法行为类型.
    pub violation_type: String,
    /// 违法事实.
    pub facts: String,
    /// The provisions broken (违反条款).
    pub violated_provisions: String,
    /// 处罚依据.
    pub legal_basis: String,
    /// 处罚类别.
    pub penalty_categories: Vec<PenaltyCategory>,
    /// 处罚内容.
    pub penalty_content: String,
    /// 罚款金额, in fen.
    pub fine_fen: i64,
    /// 没收违法所得、没收非法财物的金额, in fen.
    pub confiscated_fen: i64,
    /// 处罚决定日期.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub decided_on: NaiveDate,
    /// 处罚机关.
    pub authority: String,
    /// 公示截止期: after this date the decision leaves public view.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub disclosure_until: NaiveDate,
    pub district: District,
    pub industry: Industry,
    /// Set when the decision has been revoked.
    pub revocation: Option<Revocation>,
    /// Corrections made after publication, oldest first.
    pub amendments: Vec<Amendment>,
    /// 1 for the decision as published; one more for each amendment.
    pub version: u32,
    /// When it was first published.
    #[serde(with = "crate::time::instant")]
    pub published_at: DateTime<Utc>,
    /// When it last changed.
    #[serde(with = "crate::time::instant")]
    pub updated_at: DateTime<Utc>,
}

/// The revocation of a decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Revocation {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub revoked_on: NaiveDate,
    pub reason: String,
}

/// A correction made to a published decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Amendment {
    /// The version this correction produced (2 for the first).
    pub version: u32,
    #[serde(with = "crate::time::instant")]
    pub amended_at: DateTime<Utc>,
    /// Why, in a sentence.
    pub reason: String,
    /// What changed.
    pub changes: Vec<FieldChange>,
}

/// One field's value before and after a correction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    /// The field's name, as in [`DecisionDetail`].
    pub field: String,
    pub before: String,
    pub after: String,
}

/// Most decisions one `.xlsx` export holds (a CSV export streams any
/// number): a larger search is asked to narrow down or take the CSV.
pub const MAX_XLSX_ROWS: usize = 50_000;

/// The columns of the decision CSV, in the order of the public-disclosure
/// (双公示) layout: the export writes them all, and an editors' import
/// reads the first 17.
pub const CSV_HEADERS: [&str; 21] = [
    "行政处罚决定书文号",
    "行政相对人名称",
    "统一社会信用代码",
    "法定代表人",
    "违法行为类型",
    "违法事实",
    "违反条款",
    "处罚依据",
    "处罚类别",
    "处罚内容",
    "罚款金额（元）",
    "没收违法所得、没收非法财物的金额（元）",
    "处罚决定日期",
    "公示截止期",
    "处罚机关",
    "区县",
    "行业",
    "状态",
    "撤销原因",
    "版本",
    "标识",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> Result<DecisionQuery, FieldErrors> {
        DecisionQuery::from_pairs(pairs.iter().copied())
    }

    #[test]
    fn no_parameters_mean_the_first_page_of_everything_newest_first() {
        assert_eq!(parse(&[]), Ok(DecisionQuery::new()));
    }

    #[test]
    fn repeated_facet_values_are_alternatives_and_duplicates_collapse() {
        let q = parse(&[
            ("district", "lixia"),
            ("district", "shizhong"),
            ("district", "lixia"),
        ])
        .expect("valid");
        assert_eq!(q.district, vec![District::Lixia, District::Shizhong]);
    }

    #[test]
    fn an_unknown_facet_value_is_named_under_its_parameter() {
        let errors =
            parse(&[("district", "atlantis"), ("industry", "nuclear")]).expect_err("invalid");
        assert_eq!(errors["district"][0].problem, Problem::NotListed);
        assert_eq!(errors["industry"][0].problem, Problem::NotListed);
    }

    #[test]
    fn page_size_must_lie_between_1_and_100() {
        for bad in ["0", "101", "-1", "ten"] {
            let errors = parse(&[("page_size", bad)]).expect_err(bad);
            assert!(errors.contains_key("page_size"), "{bad}");
        }
        assert_eq!(parse(&[("page_size", "100")]).map(|q| q.page_size), Ok(100));
    }

    #[test]
    fn paging_past_the_last_page_is_refused() {
        let errors = parse(&[("page", "501")]).expect_err("too deep");
        assert!(errors.contains_key("page"));
        assert!(parse(&[("page", "0")]).is_err());
        assert!(parse(&[("page", "500"), ("page_size", "100")]).is_ok());
    }

    #[test]
    fn dates_must_be_iso() {
        assert_eq!(
            parse(&[("from", "2025/01/01")]).expect_err("bad")["from"][0].problem,
            Problem::NotADate
        );
        assert!(parse(&[("from", "2025-02-30")]).is_err());
        assert!(parse(&[("to", "2025-1-5")]).is_err());
    }

    #[test]
    fn a_date_range_given_backwards_is_the_same_range() {
        let q = parse(&[("from", "2025-03-01"), ("to", "2025-01-01")]).expect("valid");
        assert_eq!(q.from, NaiveDate::from_ymd_opt(2025, 1, 1));
        assert_eq!(q.to, NaiveDate::from_ymd_opt(2025, 3, 1));
    }

    #[test]
    fn fine_bounds_must_be_whole_yuan() {
        assert!(parse(&[("fine_min", "1.5")]).is_err());
        assert!(parse(&[("fine_min", "-3")]).is_err());
    }

    #[test]
    fn a_fine_range_given_backwards_is_the_same_range() {
        let q = parse(&[("fine_min", "5000"), ("fine_max", "100")]).expect("valid");
        assert_eq!((q.fine_min, q.fine_max), (Some(100), Some(5000)));
    }

    #[test]
    fn an_over_long_query_is_refused() {
        let long = "安".repeat(MAX_QUERY_CHARS + 1);
        assert!(parse(&[("q", &long)]).expect_err("long").contains_key("q"));
        let ok = "安".repeat(MAX_QUERY_CHARS);
        assert!(parse(&[("q", &ok)]).is_ok());
    }

    #[test]
    fn control_characters_in_the_query_are_refused() {
        assert!(parse(&[("q", "粉尘\u{0}")]).is_err());
        assert!(parse(&[("q", "a\u{1b}[31m")]).is_err());
    }

    #[test]
    fn an_unknown_parameter_is_named() {
        let errors = parse(&[("colour", "red")]).expect_err("unknown");
        assert!(errors.contains_key("colour"));
    }

    #[test]
    fn a_single_valued_parameter_given_twice_is_refused() {
        assert!(parse(&[("sort", "newest"), ("sort", "oldest")]).is_err());
    }

    #[test]
    fn pairs_round_trip_through_the_parser() {
        let query = DecisionQuery {
            q: Some("粉尘 爆炸".to_owned()),
            district: vec![District::Lixia, District::HighTech],
            industry: vec![Industry::Metallurgy],
            category: vec![PenaltyCategory::Fine],
            authority: vec!["济南市应急管理局".to_owned()],
            year: vec![2025, 2026],
            fine_min: Some(1000),
            fine_max: Some(50_000),
            from: NaiveDate::from_ymd_opt(2025, 1, 1),
            to: NaiveDate::from_ymd_opt(2026, 6, 30),
            sort: DecisionSort::FineDesc,
            page: 3,
            page_size: 50,
        };
        let pairs = query.to_pairs();
        let parsed = DecisionQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(parsed, Ok(query));
    }

    #[test]
    fn defaults_are_left_out_of_the_pairs() {
        assert!(DecisionQuery::new().to_pairs().is_empty());
    }
}
