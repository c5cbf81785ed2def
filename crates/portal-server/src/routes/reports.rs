//! Hazard reports: photos, submission (exactly once, with an
//! Idempotency-Key), the receipt, status look-ups and the duplicate hint.
//!
//! No answer of this module ever carries the reporter's name or phone.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Days, Utc};
use portal_store::clock::{china_time, today_in_china};
use portal_store::codes::{clean_reference, code_hash, code_matches};
use portal_store::{Idempotency, ReportRecord, Stored};
use portal_types::ApiErrorBody;
use portal_types::Problem;
use portal_types::reports::{
    self, NewReport, Receipt, RecentReports, ReportView, StatusQuery, UploadedPhoto,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use utoipa::IntoParams;

use crate::client::ClientAddress;
use crate::error::{ApiError, ApiResult, Json, Path, Query, RawBody};
use crate::photos;
use crate::services::DecodeError;
use crate::state::AppState;

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
}

fn parse_json<T: for<'de> Deserialize<'de>>(headers: &HeaderMap, body: &[u8]) -> ApiResult<T> {
    if !is_json(headers) {
        return Err(ApiError::UnsupportedMediaType(
            "Send the body as JSON with `Content-Type: application/json`.".to_owned(),
        ));
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::BadRequest(format!("The JSON body is not a valid request: {e}")))
}

/// Uploads one photo of the hazard, before the report is sent.
///
/// The body is the image itself (JPEG, PNG or WebP, at most 10 MB and 40
/// megapixels), with its media type as `Content-Type`. The server decodes it
/// and stores a new JPEG without any metadata (no EXIF, no GPS); a photo not
/// attached to a report within a day is deleted.
/// What is wrong with an uploaded photo, as a field's problem.
pub(super) fn photo_problem(error: &photos::PhotoError) -> Problem {
    match error {
        photos::PhotoError::UnsupportedType => Problem::NotListed,
        photos::PhotoError::Undecodable(_) => Problem::ImageUnreadable,
        photos::PhotoError::TooLarge(_) => Problem::ImageTooLarge,
    }
}

/// A photo the decoder could not take now is the server's, not the client's,
/// problem: busy is 503 with Retry-After.
impl From<DecodeError> for ApiError {
    fn from(error: DecodeError) -> Self {
        match error {
            busy @ DecodeError::Busy => Self::Busy(busy.to_string()),
            DecodeError::Failed(e) => Self::Internal(e),
        }
    }
}

#[utoipa::path(
    post,
    path = "/api/reports/photos",
    tag = "reports",
    request_body(content = Vec<u8>, content_type = "image/jpeg", description = "The photo (image/jpeg, image/png or image/webp)."),
    responses(
        (status = 201, description = "Stored; put the token in the report.", body = UploadedPhoto),
        (status = 400, description = "Not a readable image of the declared type, or more than 40 megapixels.", body = ApiErrorBody),
        (status = 413, description = "Larger than 10 MB.", body = ApiErrorBody),
        (status = 415, description = "Not a JPEG, PNG or WebP.", body = ApiErrorBody),
        (status = 429, description = "Too many uploads from this address.", body = ApiErrorBody),
        (status = 503, description = "Every decoding slot stayed busy for 10 s; retry after `Retry-After` seconds.", body = ApiErrorBody),
    )
)]
pub async fn upload_photo(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> ApiResult<Response> {
    state.reporting.limits.photos.check(client)?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    if !photos::ACCEPTED.iter().any(|(media, _)| {
        content_type
            .split(';')
            .next()
            .is_some_and(|t| t.trim() == *media)
    }) {
        return Err(ApiError::UnsupportedMediaType(
            photos::PhotoError::UnsupportedType.to_string(),
        ));
    }
    let clean = state
        .reporting
        .clean_photo(content_type, body)
        .await?
        .map_err(|e| ApiError::field("photo", photo_problem(&e)))?;
    let token = uuid::Uuid::new_v4().simple().to_string();
    state
        .store
        .insert_photo(&token, clean.width, clean.height, &clean.jpeg)
        .await?;
    let uploaded = UploadedPhoto {
        token,
        width: clean.width,
        height: clean.height,
        bytes: clean.jpeg.len() as u64,
    };
    Ok((StatusCode::CREATED, Json(uploaded)).into_response())
}

/// Removes an uploaded photo that is not attached to a report yet.
#[utoipa::path(
    delete,
    path = "/api/reports/photos/{token}",
    tag = "reports",
    params(("token" = String, Path, description = "The token given at upload.")),
    responses(
        (status = 204, description = "Removed."),
        (status = 404, description = "No unattached photo has this token.", body = ApiErrorBody),
    )
)]
pub async fn delete_photo(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> ApiResult<StatusCode> {
    if state.store.delete_unattached_photo(&token).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound(
            "No photo waiting to be sent has this token.".to_owned(),
        ))
    }
}

/// Sends a hazard report and answers its receipt.
///
/// Send an `Idempotency-Key` header (any unique string of up to 255 visible
/// characters) so that a retry after a network failure cannot create a
/// second report: the same key and the same body give the same receipt; the
/// same key with a different body is refused (422); a request still being
/// processed with the key is refused (409).
#[utoipa::path(
    post,
    path = "/api/reports",
    tag = "reports",
    request_body = NewReport,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe.")),
    responses(
        (status = 201, description = "Received. Keep the reference number and the query code.", body = Receipt),
        (status = 400, description = "Invalid fields; `fields` names each.", body = ApiErrorBody),
        (status = 409, description = "A request with this Idempotency-Key is being processed.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
        (status = 422, description = "This Idempotency-Key was used with a different request.", body = ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB.", body = ApiErrorBody),
        (status = 429, description = "Too many reports from this address.", body = ApiErrorBody),
    )
)]
pub async fn submit(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> ApiResult<Response> {
    state.reporting.limits.reports.check(client)?;
    let mut report: NewReport = parse_json(&headers, &body)?;
    report.clean();
    let key = match headers.get("idempotency-key") {
        None => None,
        Some(value) => {
            let key = value.to_str().ok().map(str::trim).filter(|k| {
                !k.is_empty() && k.len() <= 255 && k.chars().all(|c| c.is_ascii_graphic())
            });
            Some(key.ok_or_else(|| {
                ApiError::BadRequest(
                    "The Idempotency-Key header must be 1 to 255 visible ASCII characters."
                        .to_owned(),
                )
            })?)
        }
    };
    let now = Utc::now();
    let local_now = now.with_timezone(&china_time()).naive_local();
    report.validate(local_now).map_err(ApiError::Validation)?;
    // A bot filled the field people never see: it gets a receipt that
    // answers like any other, and nothing of its report is kept.
    let trapped = !report.website.is_empty();
    if trapped {
        tracing::info!(client = %client, "honeypot field filled; only a receipt is kept");
    }
    let _guard = match key {
        Some(key) => Some(state.reporting.claim(key).ok_or_else(|| {
            ApiError::Conflict(
                "A report with this Idempotency-Key is being processed; wait for its answer."
                    .to_owned(),
            )
        })?),
        None => None,
    };
    let request_hash = format!("{:x}", Sha256::digest(&body));
    let idempotency = key.map(|key| Idempotency {
        key,
        request_hash: &request_hash,
    });
    let received_on = now.with_timezone(&china_time()).date_naive();
    let (handle_by, handle_by_if_extended) = reports::handle_by(received_on);
    let query_code = portal_store::codes::query_code();
    let record = ReportRecord {
        report: &report,
        code_hash: code_hash(&query_code),
        received_at: now,
        received_on,
        handle_by,
        source: "web",
        trapped,
    };
    let stored = state
        .store
        .create_report(&record, idempotency.as_ref(), |reference| {
            let receipt = Receipt {
                reference: reference.to_owned(),
                query_code: query_code.clone(),
                received_at: now,
                handle_by,
                handle_by_if_extended,
            };
            serde_json::to_string(&receipt).unwrap_or_default()
        })
        .await?;
    let (status, body) = match stored {
        Stored::Created {
            id,
            reference,
            body,
        } => {
            if id.is_some() {
                tracing::info!(%reference, "hazard report received");
            }
            (StatusCode::CREATED, body)
        }
        Stored::Replayed { status, body } => (
            StatusCode::from_u16(status).unwrap_or(StatusCode::CREATED),
            body,
        ),
        Stored::KeyReused => return Err(ApiError::IdempotencyKeyReused),
        Stored::Invalid { field, problem } => return Err(ApiError::field(field, problem)),
    };
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Ok(response)
}

/// A report's status, replies and statutory dates, for whoever holds both
/// its reference number and its query code.
///
/// A wrong code and an unknown reference get the same answer; look-ups are
/// limited per client address.
#[utoipa::path(
    post,
    path = "/api/reports/status",
    tag = "reports",
    request_body = StatusQuery,
    responses(
        (status = 200, description = "The report as its reporter may see it.", body = ReportView),
        (status = 400, description = "The body is not a valid look-up.", body = ApiErrorBody),
        (status = 404, description = "No report has this reference number and query code.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
        (status = 429, description = "Too many look-ups from this address.", body = ApiErrorBody),
    )
)]
pub async fn status(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> ApiResult<Json<ReportView>> {
    state.reporting.limits.lookups.check(client)?;
    let query: StatusQuery = parse_json(&headers, &body)?;
    let reference = clean_reference(&query.reference);
    let stored = state.store.report_code_hash(&reference).await?;
    let not_found =
        || ApiError::NotFound("No report has this reference number and query code.".to_owned());
    if !code_matches(stored, &query.query_code) {
        return Err(not_found());
    }
    state
        .store
        .report_view(&reference)
        .await?
        .map(Json)
        .ok_or_else(not_found)
}

/// The parameters of the duplicate hint.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RecentParams {
    /// The enterprise about to be reported.
    #[param(minimum = 1)]
    pub enterprise_id: i64,
}

/// How many reports named an enterprise recently, so that the form can say
/// so before a new one is sent.
///
/// So that an enterprise cannot watch whether it was just reported, the
/// count is of reports received from 30 days ago up to the day before
/// yesterday (not the last two days), and it is 0 unless it is at least 3:
/// it never changes because of one report sent today, and never points at
/// one reporter.
#[utoipa::path(
    get,
    path = "/api/reports/recent",
    tag = "reports",
    params(RecentParams),
    responses(
        (status = 200, description = "The count (0 when fewer than 3).", body = RecentReports),
        (status = 400, description = "A bad enterprise id.", body = ApiErrorBody),
        (status = 429, description = "Too many reads about reports from this address.", body = ApiErrorBody),
    )
)]
pub async fn recent(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    Query(params): Query<RecentParams>,
) -> ApiResult<Json<RecentReports>> {
    state.reporting.limits.reads.check(client)?;
    if params.enterprise_id < 1 {
        return Err(ApiError::field("enterprise_id", Problem::NotANumber));
    }
    let today = today_in_china();
    let count = state
        .store
        .reports_naming(
            params.enterprise_id,
            today - Days::new(RECENT_DAYS),
            today - Days::new(RECENT_LAG_DAYS),
        )
        .await?;
    Ok(Json(RecentReports {
        enterprise_id: params.enterprise_id,
        count: if count >= RECENT_AT_LEAST { count } else { 0 },
    }))
}

/// The recent-reports hint counts the reports of this many days…
const RECENT_DAYS: u64 = 30;
/// …but not those of the last this many days (today and yesterday)…
const RECENT_LAG_DAYS: u64 = 2;
/// …and says 0 below this many.
const RECENT_AT_LEAST: u64 = 3;
