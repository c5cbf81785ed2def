//! The statistics page's figures, assembled from the search index (decisions
//! in public view) and the store (reports, listed hazards). No HTTP here:
//! `routes::enforcement::statistics` serves them as JSON and as CSV.

use chrono::{Datelike, Months, NaiveDate};
use portal_store::{Store, StoreError};
use portal_types::enforcement::{Chart, ChartData, Row, Statistics};
use portal_types::{District, Industry};

use crate::search::DecisionSearch;

/// How many months the monthly charts show.
const MONTHS: u32 = 24;

fn months_from(first: NaiveDate) -> Vec<String> {
    (0..MONTHS)
        .filter_map(|i| first.checked_add_months(Months::new(i)))
        .map(|d| format!("{:04}-{:02}", d.year(), d.month()))
        .collect()
}

/// Every chart of the statistics page as of `today` (a date in China):
/// decisions in public view and their fines by month (the last 24),
/// district and industry, from the search index; hazard reports received
/// and substantiated by month, and listed major hazards open and overdue by
/// district, from the store.
pub async fn assemble(
    store: &Store,
    decisions: &DecisionSearch,
    today: NaiveDate,
) -> Result<Statistics, StoreError> {
    let this_month = today.with_day(1).unwrap_or(today);
    let first = this_month
        .checked_sub_months(Months::new(MONTHS - 1))
        .unwrap_or(this_month);
    let months = months_from(first);
    let snapshot = decisions.snapshot(today);
    let figures = snapshot.index.figures(&snapshot.visible, first);
    let decision_series = vec!["decisions".to_owned(), "fines_fen".to_owned()];
    let by_month: std::collections::HashMap<&str, (i64, i64)> = figures
        .by_month
        .iter()
        .map(|(m, v)| (m.as_str(), *v))
        .collect();
    let decisions_by_month = ChartData {
        chart: Chart::DecisionsByMonth,
        series: decision_series.clone(),
        rows: months
            .iter()
            .map(|m| {
                let (n, fines) = by_month.get(m.as_str()).copied().unwrap_or_default();
                Row {
                    label: m.clone(),
                    values: vec![n, fines],
                }
            })
            .collect(),
    };
    let rows = |labels: Vec<&'static str>, values: &[(i64, i64)]| -> Vec<Row> {
        labels
            .into_iter()
            .zip(values)
            .map(|(label, &(n, fines))| Row {
                label: label.to_owned(),
                values: vec![n, fines],
            })
            .collect()
    };
    let decisions_by_district = ChartData {
        chart: Chart::DecisionsByDistrict,
        series: decision_series.clone(),
        rows: rows(
            District::ALL.iter().map(|d| d.slug()).collect(),
            &figures.by_district,
        ),
    };
    let decisions_by_industry = ChartData {
        chart: Chart::DecisionsByIndustry,
        series: decision_series,
        rows: rows(
            Industry::ALL.iter().map(|i| i.slug()).collect(),
            &figures.by_industry,
        ),
    };
    let reports: std::collections::HashMap<String, (i64, i64)> = store
        .reports_by_month(first)
        .await?
        .into_iter()
        .map(|(m, r, s)| (m, (r, s)))
        .collect();
    let reports_by_month = ChartData {
        chart: Chart::ReportsByMonth,
        series: vec!["received".to_owned(), "substantiated".to_owned()],
        rows: months
            .iter()
            .map(|m| {
                let (r, s) = reports.get(m).copied().unwrap_or_default();
                Row {
                    label: m.clone(),
                    values: vec![r, s],
                }
            })
            .collect(),
    };
    let listings: std::collections::HashMap<District, (i64, i64)> = store
        .hazard_listings_by_district(today)
        .await?
        .into_iter()
        .map(|(d, o, v)| (d, (o, v)))
        .collect();
    let listings_by_district = ChartData {
        chart: Chart::ListingsByDistrict,
        series: vec!["open".to_owned(), "overdue".to_owned()],
        rows: District::ALL
            .iter()
            .map(|d| {
                let (open, overdue) = listings.get(d).copied().unwrap_or_default();
                Row {
                    label: d.slug().to_owned(),
                    values: vec![open, overdue],
                }
            })
            .collect(),
    };
    Ok(Statistics {
        as_of: today,
        charts: vec![
            decisions_by_month,
            decisions_by_district,
            decisions_by_industry,
            reports_by_month,
            listings_by_district,
        ],
    })
}
