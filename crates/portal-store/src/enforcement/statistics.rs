//! The figures the statistics page adds up from the enforcement records.

use chrono::{Datelike, NaiveDate};
use portal_types::District;

use crate::Dialect;
use crate::Store;
use crate::StoreError;

impl Store {
    /// Open and overdue listings by district, as of `today`.
    pub async fn hazard_listings_by_district(
        &self,
        today: NaiveDate,
    ) -> Result<Vec<(District, i64, i64)>, StoreError> {
        on_db!(self, |pool| {
            sqlx::query_as(
                "SELECT e.district,
                    count(*) FILTER (WHERE l.status IN ('listed', 'rectifying')) AS open,
                    count(*) FILTER (WHERE l.status IN ('listed', 'rectifying')
                                     AND l.deadline < $1) AS overdue
             FROM hazard_listings l JOIN enterprises e ON e.id = l.enterprise_id
             GROUP BY e.district",
            )
            .bind(today)
            .fetch_all(pool)
            .await
            .map_err(StoreError::from)
        })
    }

    /// Reports received, and reports found substantiated, by month in
    /// Jinan (`2026-03`), from `since` on. A report counts as substantiated
    /// in the month of that step (its instant is UTC, shifted to UTC+8).
    pub async fn reports_by_month(
        &self,
        since: NaiveDate,
    ) -> Result<Vec<(String, i64, i64)>, StoreError> {
        on_db!(self, |pool| {
            // Months in Jinan: a report by the day it was received there, a
            // substantiation by its instant eight hours ahead of UTC.
            let since = NaiveDate::from_ymd_opt(since.year(), since.month(), 1).unwrap_or(since);
            let rows: Vec<(String, i64, i64)> = sqlx::query_as(pool.pick(
            "SELECT month, CAST(sum(received) AS BIGINT), CAST(sum(substantiated) AS BIGINT) FROM (
                 SELECT substr(received_on, 1, 7) AS month, 1 AS received, 0 AS substantiated
                 FROM reports WHERE received_on >= $1
                 UNION ALL
                 SELECT substr(datetime(at, '+8 hours'), 1, 7), 0, 1 FROM report_events
                 WHERE status = 'substantiated' AND datetime(at, '+8 hours') >= $1
             ) GROUP BY month ORDER BY month",
            "SELECT month, CAST(sum(received) AS BIGINT), CAST(sum(substantiated) AS BIGINT) FROM (
                 SELECT to_char(received_on, 'YYYY-MM') AS month, 1 AS received, 0 AS substantiated
                 FROM reports WHERE received_on >= $1
                 UNION ALL
                 SELECT to_char(at AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM'), 0, 1
                 FROM report_events
                 WHERE status = 'substantiated' AND (at AT TIME ZONE 'UTC' + interval '8 hours') >= $1
             ) AS m GROUP BY month ORDER BY month",
        ))
        .bind(since)
        .fetch_all(pool)
        .await?;
            Ok(rows)
        })
    }
}
