//! The statistics page's figures and each chart as CSV. The figures are
//! assembled by `services::statistics`.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use portal_store::clock::today_in_china;
use portal_types::ApiErrorBody;
use portal_types::Problem;
use portal_types::enforcement::{Chart, Statistics};
use portal_types::{District, Industry};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::{ApiError, ApiResult, Json, Query};
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
    let statistics = statistics_of(&state).await?;
    let Some(data) = statistics
        .charts
        .into_iter()
        .find(|c| c.chart == params.chart)
    else {
        return Err(ApiError::field("chart", Problem::NotListed));
    };
    let label_header = match data.chart {
        Chart::DecisionsByMonth | Chart::ReportsByMonth => "月份",
        Chart::DecisionsByDistrict | Chart::ListingsByDistrict => "区县",
        Chart::DecisionsByIndustry => "行业",
    };
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    let header: Vec<&str> = std::iter::once(label_header)
        .chain(data.series.iter().map(|s| series_header(s)))
        .collect();
    let csv_error = |e: csv::Error| ApiError::Internal(e.into());
    writer.write_record(&header).map_err(csv_error)?;
    for row in &data.rows {
        let mut record = vec![label_of(data.chart, &row.label)];
        for (series, value) in data.series.iter().zip(&row.values) {
            record.push(if series == "fines_fen" {
                format!("{}.{:02}", value / 100, value % 100)
            } else {
                value.to_string()
            });
        }
        writer.write_record(&record).map_err(csv_error)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}-{}.csv\"",
        data.chart.slug(),
        statistics.as_of
    )) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

async fn statistics_of(state: &AppState) -> Result<Statistics, portal_store::StoreError> {
    crate::services::statistics::assemble(&state.store, &state.decisions, today_in_china()).await
}
