//! The rules the list is kept by: 《安全生产严重失信主体名单管理办法》
//! (应急管理部令第11号, issued 2023-08-08, in force 2023-10-01) and, for
//! Jinan, Shandong's rules made under it (鲁应急发〔2024〕10号, in force
//! 2024-08-01). `docs/blacklist-rules.md` gives the provisions relied on.
//!
//! - An enterprise is listed on one of a closed set of grounds
//!   ([`ListingGround`]): an editor picks one, never free text.
//! - A listing lasts [`TERM_MONTHS`] (three years) from the day it is
//!   published; then it leaves the list by itself ([`term_end`]).
//! - Early removal by credit repair may be applied for only once the
//!   listing is [`EARLY_REMOVAL_AFTER_MONTHS`] (twelve months) old
//!   ([`earliest_early_removal`]).
//! - Before 2023-10-01 the list was the 联合惩戒 "黑名单" of
//!   安监总办〔2017〕49号; entries from then keep that name ([`ListRegime`]).

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// How long a listing lasts.
pub const TERM_MONTHS: u32 = 36;
/// How old a listing must be before early removal may be applied for.
pub const EARLY_REMOVAL_AFTER_MONTHS: u32 = 12;

/// The day 应急管理部令第11号 came into force.
pub fn in_force_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 10, 1).unwrap_or_default()
}

/// The day a listing published on `listed_on` leaves the list by itself.
pub fn term_end(listed_on: NaiveDate) -> NaiveDate {
    listed_on
        .checked_add_months(Months::new(TERM_MONTHS))
        .unwrap_or(NaiveDate::MAX)
}

/// The first day early removal may be applied for.
pub fn earliest_early_removal(listed_on: NaiveDate) -> NaiveDate {
    listed_on
        .checked_add_months(Months::new(EARLY_REMOVAL_AFTER_MONTHS))
        .unwrap_or(NaiveDate::MAX)
}

/// The list an entry was made on, by the day it was listed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ListRegime {
    /// Before 2023-10-01: 安全生产失信联合惩戒对象 (安监总办〔2017〕49号).
    #[serde(rename = "joint_punishment_2017")]
    JointPunishment2017,
    /// From 2023-10-01: 安全生产严重失信主体名单 (应急管理部令第11号).
    #[default]
    #[serde(rename = "serious_dishonesty_2023")]
    SeriousDishonesty2023,
}

impl ListRegime {
    /// The regime of an entry listed on `listed_on`.
    pub fn of(listed_on: NaiveDate) -> Self {
        if listed_on < in_force_from() {
            Self::JointPunishment2017
        } else {
            Self::SeriousDishonesty2023
        }
    }

    /// The list's name, in Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            Self::JointPunishment2017 => "安全生产失信联合惩戒对象（安监总办〔2017〕49号）",
            Self::SeriousDishonesty2023 => "安全生产严重失信主体名单（应急管理部令第11号）",
        }
    }

    /// The list's name, in English.
    pub fn en(self) -> &'static str {
        match self {
            Self::JointPunishment2017 => {
                "Work-safety joint punishment list (安监总办〔2017〕49号, before 1 October 2023)"
            }
            Self::SeriousDishonesty2023 => {
                "List of seriously untrustworthy work-safety entities (MEM Order No. 11)"
            }
        }
    }
}

/// The ground an enterprise is listed on (列入情形): the closed list of
/// 应急管理部令第11号, and the old list's entries as one ground of their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ListingGround {
    /// An especially major or major accident.
    MajorAccident,
    /// Two or more larger (较大) accidents within twelve months.
    RepeatedLargerAccidents,
    /// An accident so grave that the fine was two to five times the
    /// ordinary one (安全生产法 Article 114, paragraph 2).
    Article114Fine,
    /// Concealing or misreporting an accident.
    ConcealedAccident,
    /// The principal did not organise rescue at once, left their post
    /// during the investigation, or fled.
    AbandonedRescue,
    /// Operating without a required safety licence, or while it was
    /// suspended or revoked.
    Unlicensed,
    /// An evaluation, certification, testing or inspection body renting out
    /// its qualification, letting others trade under it, or issuing false
    /// reports or certificates.
    FalseReports,
    /// Able to, but refusing to carry out a penalty decision, gravely.
    DefiedPenalty,
    /// Listed before 2023-10-01 under 安监总办〔2017〕49号.
    #[serde(rename = "joint_punishment_2017")]
    JointPunishment2017,
}

slug_sqlx!(ListingGround);

impl ListingGround {
    /// The grounds an editor may list on today.
    pub const CURRENT: [Self; 8] = [
        Self::MajorAccident,
        Self::RepeatedLargerAccidents,
        Self::Article114Fine,
        Self::ConcealedAccident,
        Self::AbandonedRescue,
        Self::Unlicensed,
        Self::FalseReports,
        Self::DefiedPenalty,
    ];

    /// The slug the database and the API use.
    pub fn slug(self) -> &'static str {
        match self {
            Self::MajorAccident => "major_accident",
            Self::RepeatedLargerAccidents => "repeated_larger_accidents",
            Self::Article114Fine => "article114_fine",
            Self::ConcealedAccident => "concealed_accident",
            Self::AbandonedRescue => "abandoned_rescue",
            Self::Unlicensed => "unlicensed",
            Self::FalseReports => "false_reports",
            Self::DefiedPenalty => "defied_penalty",
            Self::JointPunishment2017 => "joint_punishment_2017",
        }
    }

    /// The ground of a slug.
    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::CURRENT
            .into_iter()
            .chain([Self::JointPunishment2017])
            .find(|g| g.slug() == slug)
    }

    /// Whether an entry listed on `listed_on` may have this ground: the
    /// 2023 grounds from 2023-10-01, the old list's before.
    pub fn applies_on(self, listed_on: NaiveDate) -> bool {
        (self == Self::JointPunishment2017)
            == (ListRegime::of(listed_on) == ListRegime::JointPunishment2017)
    }

    /// The rules it rests on. (Which article of 应急管理部令第11号 lists
    /// each ground is not given: it has not been checked against the
    /// official text; see `docs/blacklist-rules.md`.)
    pub fn provision(self) -> &'static str {
        match self {
            Self::JointPunishment2017 => "安监总办〔2017〕49号",
            _ => "应急管理部令第11号",
        }
    }

    /// In Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            Self::MajorAccident => "发生特别重大、重大生产安全事故",
            Self::RepeatedLargerAccidents => "12个月内累计发生2起以上较大生产安全事故",
            Self::Article114Fine => {
                "发生生产安全事故，情节特别严重、影响特别恶劣，依照《安全生产法》第一百一十四条第二款被处以2倍以上5倍以下罚款"
            }
            Self::ConcealedAccident => "瞒报、谎报生产安全事故",
            Self::AbandonedRescue => {
                "发生生产安全事故后，主要负责人不立即组织抢救，或者在事故调查处理期间擅离职守、逃匿"
            }
            Self::Unlicensed => {
                "未依法取得安全生产相关许可，或者许可被暂扣、吊销期间从事相关生产经营活动"
            }
            Self::FalseReports => {
                "承担安全评价、认证、检测、检验职责的机构租借资质、挂靠、出具虚假报告或者证书"
            }
            Self::DefiedPenalty => "有执行能力拒不执行安全生产行政处罚决定，情节严重",
            Self::JointPunishment2017 => "依照安监总办〔2017〕49号纳入安全生产失信联合惩戒对象",
        }
    }

    /// In English.
    pub fn en(self) -> &'static str {
        match self {
            Self::MajorAccident => "An especially major or major accident",
            Self::RepeatedLargerAccidents => "Two or more larger accidents within 12 months",
            Self::Article114Fine => {
                "An especially grave accident, fined two to five times under Article 114(2) of the Work Safety Law"
            }
            Self::ConcealedAccident => "Concealing or misreporting an accident",
            Self::AbandonedRescue => {
                "After an accident, the principal did not organise rescue, left their post or fled"
            }
            Self::Unlicensed => {
                "Operating without a required safety licence, or while it was suspended or revoked"
            }
            Self::FalseReports => {
                "A safety evaluation or testing body renting out its qualification or issuing false reports"
            }
            Self::DefiedPenalty => "Able to, but refusing to carry out a penalty decision, gravely",
            Self::JointPunishment2017 => {
                "Listed for joint punishment under the 2017 rules (安监总办〔2017〕49号)"
            }
        }
    }
}

/// How a listing ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum RemovalBasis {
    /// By itself, at the end of its three-year term.
    TermEnded,
    /// Early, by credit repair (only once the listing is 12 months old).
    CreditRepair,
    /// The decision it rested on was revoked or annulled (any time).
    DecisionRevoked,
    /// It was made in error (any time).
    ListedInError,
}

slug_sqlx!(RemovalBasis);

impl RemovalBasis {
    /// The slug the database and the API use.
    pub fn slug(self) -> &'static str {
        match self {
            Self::TermEnded => "term_ended",
            Self::CreditRepair => "credit_repair",
            Self::DecisionRevoked => "decision_revoked",
            Self::ListedInError => "listed_in_error",
        }
    }

    /// The basis of a slug.
    pub fn from_slug(slug: &str) -> Option<Self> {
        [
            Self::TermEnded,
            Self::CreditRepair,
            Self::DecisionRevoked,
            Self::ListedInError,
        ]
        .into_iter()
        .find(|b| b.slug() == slug)
    }

    /// In Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            Self::TermEnded => "管理期满，自动移出",
            Self::CreditRepair => "信用修复，提前移出",
            Self::DecisionRevoked => "所依据的处罚决定被撤销",
            Self::ListedInError => "列入有误，予以更正",
        }
    }

    /// In English.
    pub fn en(self) -> &'static str {
        match self {
            Self::TermEnded => "Term ended; removed by itself",
            Self::CreditRepair => "Removed early by credit repair",
            Self::DecisionRevoked => "The decision it rested on was revoked",
            Self::ListedInError => "Listed in error; corrected",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn a_listing_lasts_three_years_and_may_end_early_after_twelve_months() {
        assert_eq!(term_end(day(2024, 3, 15)), day(2027, 3, 15));
        assert_eq!(earliest_early_removal(day(2024, 3, 15)), day(2025, 3, 15));
        assert_eq!(
            term_end(day(2024, 2, 29)),
            day(2027, 2, 28),
            "a leap day ends on the last day of February"
        );
    }

    #[test]
    fn entries_before_1_october_2023_are_of_the_old_list() {
        assert_eq!(
            ListRegime::of(day(2023, 9, 30)),
            ListRegime::JointPunishment2017
        );
        assert_eq!(
            ListRegime::of(day(2023, 10, 1)),
            ListRegime::SeriousDishonesty2023
        );
    }

    #[test]
    fn the_2023_grounds_apply_from_1_october_2023_and_the_old_ground_before() {
        assert!(ListingGround::Unlicensed.applies_on(day(2023, 10, 1)));
        assert!(!ListingGround::Unlicensed.applies_on(day(2023, 9, 30)));
        assert!(ListingGround::JointPunishment2017.applies_on(day(2022, 1, 1)));
        assert!(!ListingGround::JointPunishment2017.applies_on(day(2024, 1, 1)));
    }

    #[test]
    fn grounds_and_bases_round_trip_through_their_slugs() {
        for ground in ListingGround::CURRENT
            .into_iter()
            .chain([ListingGround::JointPunishment2017])
        {
            assert_eq!(ListingGround::from_slug(ground.slug()), Some(ground));
            assert_eq!(
                serde_json::to_string(&ground).expect("json"),
                format!("\"{}\"", ground.slug())
            );
        }
        for basis in [
            RemovalBasis::TermEnded,
            RemovalBasis::CreditRepair,
            RemovalBasis::DecisionRevoked,
            RemovalBasis::ListedInError,
        ] {
            assert_eq!(RemovalBasis::from_slug(basis.slug()), Some(basis));
        }
    }
}
