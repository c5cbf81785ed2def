//! The city's clock: dates are counted in China Standard Time (UTC+8, no DST).

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// China Standard Time.
pub fn china_time() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset")
}

/// Midnight of a day in Jinan, as an instant.
pub fn day_start(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc() - chrono::Duration::hours(8))
        .unwrap_or_default()
}

/// Today's date in Jinan.
pub fn today_in_china() -> NaiveDate {
    Utc::now().with_timezone(&china_time()).date_naive()
}
