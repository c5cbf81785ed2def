//! The city's clock: dates are counted in China Standard Time (UTC+8, no DST).

use chrono::{FixedOffset, NaiveDate, Utc};

/// China Standard Time.
pub fn china_time() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset")
}

/// Today's date in Jinan.
pub fn today_in_china() -> NaiveDate {
    Utc::now().with_timezone(&china_time()).date_naive()
}
