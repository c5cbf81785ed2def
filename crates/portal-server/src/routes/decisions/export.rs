//! Exports of a result set, streamed: CSV that opens in Excel with Chinese
//! text (UTF-8 with a byte-order mark), and JSON.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use portal_store::clock::today_in_china;
use portal_types::ApiErrorBody;
use portal_types::decisions::DecisionDetail;
use portal_types::money::format_fen;

use super::{DecisionQueryParams, parse_query, search_error, streamed};
use crate::error::ApiResult;
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

fn attachment(response: &mut Response, content_type: &'static str, name: &str) {
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, value);
    }
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
    let mut head = "\u{feff}".as_bytes().to_vec();
    head.extend(csv_rows(std::iter::once(
        CSV_HEADERS.map(str::to_owned).to_vec(),
    )));
    let body = streamed(state, ids, head, Vec::new(), |details, _| {
        csv_rows(details.iter().map(csv_record))
    });
    let mut response = body.into_response();
    attachment(
        &mut response,
        "text/csv; charset=utf-8",
        &format!("penalty-decisions-{}.csv", today_in_china()),
    );
    Ok(response)
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
    );
    let mut response = body.into_response();
    attachment(
        &mut response,
        "application/json",
        &format!("penalty-decisions-{}.json", today_in_china()),
    );
    Ok(response)
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

/// Writes records as CSV, neutralising cells that a spreadsheet would run
/// as formulas (OWASP "CSV injection").
fn csv_rows(records: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for record in records {
        let safe = record.into_iter().map(|cell| {
            if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{cell}")
            } else {
                cell
            }
        });
        if writer.write_record(safe).is_err() {
            tracing::error!("a CSV record could not be written");
        }
    }
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_are_neutralised() {
        let out = csv_rows(std::iter::once(vec!["=1+1".to_owned(), "安全".to_owned()]));
        assert_eq!(String::from_utf8(out).expect("utf-8"), "'=1+1,安全\r\n");
    }

    #[test]
    fn cells_with_commas_and_quotes_are_quoted() {
        let out = csv_rows(std::iter::once(vec![
            "a,b".to_owned(),
            "say \"hi\"".to_owned(),
        ]));
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "\"a,b\",\"say \"\"hi\"\"\"\r\n"
        );
    }
}
