//! Exports of a result set, streamed: CSV that opens in Excel with Chinese
//! text (UTF-8 with a byte-order mark), and JSON.

use axum::extract::{RawQuery, State};
use axum::response::Response;
use portal_store::clock::today_in_china;
use portal_types::decisions::DecisionDetail;
use portal_types::money::format_fen;
use portal_types::{ApiErrorBody, Problem};

use super::{DecisionQueryParams, parse_query, search_error, streamed};
use crate::error::{ApiError, ApiResult};
use crate::spreadsheet::{self, Column, Kind, SheetWriter};
use crate::state::AppState;

use portal_types::decisions::CSV_HEADERS;

async fn ids_for(state: &AppState, raw: Option<&str>) -> ApiResult<Vec<i64>> {
    let mut query = parse_query(raw)?;
    query.page = 1;
    let snapshot = state.decisions.snapshot(today_in_china());
    snapshot
        .index
        .all_ids(&query, &snapshot.visible)
        .map_err(search_error)
}

/// Every matching decision as CSV (UTF-8 with BOM, CRLF), streamed.
#[utoipa::path(
    get,
    path = "/api/decisions/export.csv",
    tag = "decisions",
    params(DecisionQueryParams),
    responses(
        (status = 200, description = "The matching decisions as CSV (the page parameters are ignored).",
            content_type = "text/csv"),
        (status = 400, description = "A parameter is invalid.", body = ApiErrorBody),
    )
)]
pub async fn export_csv(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let ids = ids_for(&state, raw.as_deref()).await?;
    let mut head = spreadsheet::BOM.as_bytes().to_vec();
    head.extend(spreadsheet::csv_rows([CSV_HEADERS.map(str::to_owned)]));
    let body = streamed(state, ids, head, Vec::new(), |details, _| {
        spreadsheet::csv_rows(details.iter().map(csv_record))
    })
    .await?;
    Ok(crate::routes::download(
        body,
        "text/csv; charset=utf-8",
        &format!("penalty-decisions-{}.csv", today_in_china()),
    ))
}

/// How a workbook shows each column of the export (the CSV's, in order).
const COLUMNS: [Column; 21] = [
    Column::new(CSV_HEADERS[0], Kind::Code, 26.0),
    Column::new(CSV_HEADERS[1], Kind::Text, 30.0),
    Column::new(CSV_HEADERS[2], Kind::Code, 21.0),
    Column::new(CSV_HEADERS[3], Kind::Text, 10.0),
    Column::new(CSV_HEADERS[4], Kind::Text, 18.0),
    Column::new(CSV_HEADERS[5], Kind::Text, 40.0),
    Column::new(CSV_HEADERS[6], Kind::Text, 30.0),
    Column::new(CSV_HEADERS[7], Kind::Text, 30.0),
    Column::new(CSV_HEADERS[8], Kind::Text, 12.0),
    Column::new(CSV_HEADERS[9], Kind::Text, 30.0),
    Column::new(CSV_HEADERS[10], Kind::Amount, 14.0),
    Column::new(CSV_HEADERS[11], Kind::Amount, 16.0),
    Column::new(CSV_HEADERS[12], Kind::Date, 12.0),
    Column::new(CSV_HEADERS[13], Kind::Date, 12.0),
    Column::new(CSV_HEADERS[14], Kind::Text, 24.0),
    Column::new(CSV_HEADERS[15], Kind::Text, 9.0),
    Column::new(CSV_HEADERS[16], Kind::Text, 12.0),
    Column::new(CSV_HEADERS[17], Kind::Text, 7.0),
    Column::new(CSV_HEADERS[18], Kind::Text, 20.0),
    Column::new(CSV_HEADERS[19], Kind::Count, 6.0),
    Column::new(CSV_HEADERS[20], Kind::Count, 8.0),
];

/// Every matching decision as an Excel workbook (`.xlsx`): the CSV's
/// columns, with codes and numbers kept as text, dates as dates, amounts as
/// numbers, a header row that stays in place and a filter on each column.
/// At most 50,000 decisions; the CSV streams any number.
#[utoipa::path(
    get,
    path = "/api/decisions/export.xlsx",
    tag = "decisions",
    params(DecisionQueryParams),
    responses(
        (status = 200, description = "The matching decisions as a workbook (the page parameters are ignored).",
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "A parameter is invalid, or more decisions match than a workbook export holds (`too_many`, with `max`).", body = ApiErrorBody),
    )
)]
pub async fn export_xlsx(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let ids = ids_for(&state, raw.as_deref()).await?;
    if ids.len() > portal_types::decisions::MAX_XLSX_ROWS {
        return Err(ApiError::field(
            "export",
            Problem::TooMany {
                max: portal_types::decisions::MAX_XLSX_ROWS,
            },
        ));
    }
    let _permit = std::sync::Arc::clone(&state.exports)
        .acquire_owned()
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    // The workbook is written on a blocking thread (rows go to a temporary
    // file) while the records are read a chunk at a time.
    let (rows, mut received) = tokio::sync::mpsc::channel::<Vec<Vec<String>>>(2);
    let writer = tokio::task::spawn_blocking(move || {
        let mut sheet = SheetWriter::new("行政处罚决定", &COLUMNS)?;
        while let Some(chunk) = received.blocking_recv() {
            for row in &chunk {
                sheet.row(row)?;
            }
        }
        sheet.finish()
    });
    for chunk in ids.chunks(500) {
        let details = state.store.decision_details(chunk).await?;
        if rows
            .send(details.iter().map(csv_record).collect())
            .await
            .is_err()
        {
            break; // the writer stopped; its error is reported below
        }
    }
    drop(rows);
    let bytes = writer
        .await
        .map_err(|e| ApiError::Internal(e.into()))?
        .map_err(|e| ApiError::Internal(e.into()))?;
    Ok(crate::routes::download(
        bytes,
        spreadsheet::XLSX_TYPE,
        &format!("penalty-decisions-{}.xlsx", today_in_china()),
    ))
}

/// Every matching decision as a JSON array, streamed.
#[utoipa::path(
    get,
    path = "/api/decisions/export.json",
    tag = "decisions",
    params(DecisionQueryParams),
    responses(
        (status = 200, description = "The matching decisions (the page parameters are ignored).",
            body = Vec<DecisionDetail>),
        (status = 400, description = "A parameter is invalid.", body = ApiErrorBody),
    )
)]
pub async fn export_json(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let ids = ids_for(&state, raw.as_deref()).await?;
    let body = streamed(
        state,
        ids,
        b"[".to_vec(),
        b"]\n".to_vec(),
        |details, first| {
            let mut out = Vec::new();
            for (i, d) in details.iter().enumerate() {
                if !(first && i == 0) {
                    out.extend_from_slice(b",\n");
                }
                if serde_json::to_writer(&mut out, d).is_err() {
                    tracing::error!(id = d.id, "a decision could not be written as JSON");
                }
            }
            out
        },
    )
    .await?;
    Ok(crate::routes::download(
        body,
        "application/json",
        &format!("penalty-decisions-{}.json", today_in_china()),
    ))
}

fn csv_record(d: &DecisionDetail) -> Vec<String> {
    vec![
        d.decision_no.clone(),
        d.party_name.clone(),
        d.credit_code.clone().unwrap_or_default(),
        d.legal_representative.clone().unwrap_or_default(),
        d.violation_type.clone(),
        d.facts.clone(),
        d.violated_provisions.clone(),
        d.legal_basis.clone(),
        d.penalty_categories
            .iter()
            .map(|c| c.name_zh())
            .collect::<Vec<_>>()
            .join("；"),
        d.penalty_content.clone(),
        format_fen(d.fine_fen).replace(',', ""),
        format_fen(d.confiscated_fen).replace(',', ""),
        d.decided_on.to_string(),
        d.disclosure_until.to_string(),
        d.authority.clone(),
        d.district.name_zh().to_owned(),
        d.industry.name_zh().to_owned(),
        if d.revocation.is_some() {
            "已撤销"
        } else {
            "有效"
        }
        .to_owned(),
        d.revocation
            .as_ref()
            .map(|r| r.reason.clone())
            .unwrap_or_default(),
        d.version.to_string(),
        d.id.to_string(),
    ]
}
