//! The statistics page's figures and each chart as CSV. The figures are
//! assembled by `services::statistics`.

use axum::extract::State;
use axum::response::Response;
use portal_store::clock::today_in_china;
use portal_types::ApiErrorBody;
use portal_types::Problem;
use portal_types::enforcement::{Chart, Statistics};
use portal_types::{District, Industry};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::{ApiError, ApiResult, Json, Query};
use crate::spreadsheet::{self, Column, Kind};
use crate::state::AppState;

/// The figures behind every chart of the statistics page: decisions in
/// public view and their fines by month (the last 24), district and
/// industry; hazard reports received and substantiated by month; listed
/// major hazards open and overdue by district.
#[utoipa::path(
    get,
    path = "/api/statistics",
    tag = "enforcement",
    responses((status = 200, description = "Every chart's figures.", body = Statistics))
)]
pub async fn statistics(State(state): State<AppState>) -> ApiResult<Json<Statistics>> {
    Ok(Json(statistics_of(&state).await?))
}

/// Which chart to download.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChartParams {
    pub chart: Chart,
}

fn series_header(series: &str) -> &'static str {
    match series {
        "decisions" => "处罚决定（件）",
        "fines_fen" => "罚款（元）",
        "received" => "收到举报（件）",
        "substantiated" => "查实（件）",
        "open" => "督办中（项）",
        "overdue" => "逾期未整改（项）",
        _ => "数值",
    }
}

fn label_of(chart: Chart, label: &str) -> String {
    match chart {
        Chart::DecisionsByDistrict | Chart::ListingsByDistrict => {
            District::from_slug(label).map_or_else(|| label.to_owned(), |d| d.name_zh().to_owned())
        }
        Chart::DecisionsByIndustry => {
            Industry::from_slug(label).map_or_else(|| label.to_owned(), |i| i.name_zh().to_owned())
        }
        Chart::DecisionsByMonth | Chart::ReportsByMonth => label.to_owned(),
    }
}

/// One chart's figures as a table: the label column, then one column per
/// series; fines in yuan.
struct ChartTable {
    /// The file's name without its extension (the chart and the day).
    stem: String,
    columns: Vec<Column>,
    rows: Vec<Vec<String>>,
}

async fn chart_table(state: &AppState, chart: Chart) -> ApiResult<ChartTable> {
    let statistics = statistics_of(state).await?;
    let Some(data) = statistics.charts.into_iter().find(|c| c.chart == chart) else {
        return Err(ApiError::field("chart", Problem::NotListed));
    };
    let label_header = match data.chart {
        Chart::DecisionsByMonth | Chart::ReportsByMonth => "月份",
        Chart::DecisionsByDistrict | Chart::ListingsByDistrict => "区县",
        Chart::DecisionsByIndustry => "行业",
    };
    let columns = std::iter::once(Column::new(label_header, Kind::Text, 12.0))
        .chain(data.series.iter().map(|s| {
            let kind = if s == "fines_fen" {
                Kind::Amount
            } else {
                Kind::Count
            };
            Column::new(series_header(s), kind, 16.0)
        }))
        .collect();
    let rows = data
        .rows
        .iter()
        .map(|row| {
            let mut record = vec![label_of(data.chart, &row.label)];
            for (series, value) in data.series.iter().zip(&row.values) {
                record.push(if series == "fines_fen" {
                    format!("{}.{:02}", value / 100, value % 100)
                } else {
                    value.to_string()
                });
            }
            record
        })
        .collect();
    Ok(ChartTable {
        stem: format!("{}-{}", data.chart.slug(), statistics.as_of),
        columns,
        rows,
    })
}

/// One chart's figures as CSV (UTF-8 with BOM, for Excel): the label
/// column, then one column per series; fines in yuan.
#[utoipa::path(
    get,
    path = "/api/statistics/export.csv",
    tag = "enforcement",
    params(ChartParams),
    responses(
        (status = 200, description = "The chart's table.", content_type = "text/csv", body = String),
        (status = 400, description = "No chart, or an unknown one.", body = ApiErrorBody),
    )
)]
pub async fn statistics_csv(
    State(state): State<AppState>,
    Query(params): Query<ChartParams>,
) -> ApiResult<Response> {
    let table = chart_table(&state, params.chart).await?;
    let mut bytes = spreadsheet::BOM.as_bytes().to_vec();
    bytes.extend(spreadsheet::csv_rows(
        std::iter::once(table.columns.iter().map(|c| c.header.to_owned()).collect())
            .chain(table.rows),
    ));
    Ok(crate::routes::download(
        bytes,
        "text/csv; charset=utf-8",
        &format!("{}.csv", table.stem),
    ))
}

/// One chart's figures as an Excel workbook: the CSV's table, with
/// numbers as numbers.
#[utoipa::path(
    get,
    path = "/api/statistics/export.xlsx",
    tag = "enforcement",
    params(ChartParams),
    responses(
        (status = 200, description = "The chart's table.",
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "No chart, or an unknown one.", body = ApiErrorBody),
    )
)]
pub async fn statistics_xlsx(
    State(state): State<AppState>,
    Query(params): Query<ChartParams>,
) -> ApiResult<Response> {
    let table = chart_table(&state, params.chart).await?;
    let name = format!("{}.xlsx", table.stem);
    let bytes = crate::routes::workbook("统计", table.columns, table.rows).await?;
    Ok(crate::routes::download(
        bytes,
        spreadsheet::XLSX_TYPE,
        &name,
    ))
}

async fn statistics_of(state: &AppState) -> Result<Statistics, portal_store::StoreError> {
    crate::services::statistics::assemble(&state.store, &state.decisions, today_in_china()).await
}
