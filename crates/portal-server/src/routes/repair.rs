//! Credit repair (信用修复): a listed enterprise's online application for
//! early removal, its documents, its status page, and the editors' steps.
//!
//! The public side follows the reporting channel: documents are uploaded
//! first (images re-encoded without metadata, PDFs checked to be PDFs),
//! the application answers a reference number and a query code (kept only
//! as a hash), and the status is read with both. It shares the reporting
//! channel's per-client limits: applications count as reports, documents
//! as photos, status look-ups as look-ups.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use portal_store::clock::{china_time, today_in_china};
use portal_store::codes::{clean_reference, code_hash, code_matches};
use portal_store::{RepairOutcome, RepairRecord};
use portal_types::ApiErrorBody;
use portal_types::Problem;
use portal_types::blacklist::repair::{
    NewRepairApplication, RepairCase, RepairDecision, RepairQuery, RepairReceipt, RepairSummary,
    RepairSupplement, RepairView, UploadedDocument, decide_by,
};

use crate::client::ClientAddress;
use crate::error::{ApiError, ApiResult, Json, Path, RawBody};
use crate::photos;
use crate::routes::publishing::directory_code;
use crate::routes::reports::photo_problem;
use crate::staff::AsEditor;
use crate::state::AppState;

/// The media types a document may have.
const DOCUMENT_TYPES: &str = "application/pdf, image/jpeg, image/png or image/webp";

fn media_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|t| t.trim().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Whether `bytes` look like a whole PDF file: its header first, and its
/// end-of-file marker in the last kilobyte.
fn is_pdf(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    bytes.starts_with(b"%PDF-") && tail.windows(5).any(|w| w == b"%%EOF")
}

/// Uploads one document of an application, before it is sent.
///
/// The body is the file itself, at most 10 MB, with its media type as
/// `Content-Type`: a PDF (`application/pdf`, kept as sent and shown only to
/// staff, as a download) or a photo or scan (`image/jpeg`, `image/png`,
/// `image/webp`, 40 megapixels at most: decoded and stored as a new JPEG
/// without metadata, as report photos are). A document not attached to an
/// application within a day is deleted.
#[utoipa::path(
    post,
    path = "/api/blacklist/repair/documents",
    tag = "blacklist",
    request_body(content(
        (Vec<u8> = "application/pdf"),
        (Vec<u8> = "image/jpeg"),
    ), description = "The document (application/pdf, image/jpeg, image/png or image/webp)."),
    responses(
        (status = 201, description = "Stored; put the token in the application.", body = UploadedDocument),
        (status = 400, description = "Not a readable file of the declared type.", body = ApiErrorBody),
        (status = 413, description = "Larger than 10 MB.", body = ApiErrorBody),
        (status = 415, description = "Not a PDF, JPEG, PNG or WebP.", body = ApiErrorBody),
        (status = 429, description = "Too many uploads from this address.", body = ApiErrorBody),
        (status = 503, description = "Every decoding slot stayed busy for 10 s.", body = ApiErrorBody),
    )
)]
pub async fn upload_repair_document(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> ApiResult<Response> {
    state.reporting.limits.photos.check(client)?;
    let media = media_type(&headers);
    let (stored_type, bytes) = if media == "application/pdf" {
        if !is_pdf(&body) {
            return Err(ApiError::field("document", Problem::NotAPdf));
        }
        ("application/pdf", body.to_vec())
    } else if photos::ACCEPTED.iter().any(|(m, _)| *m == media) {
        let clean = state
            .reporting
            .clean_photo(media, body)
            .await?
            .map_err(|e| ApiError::field("document", photo_problem(&e)))?;
        ("image/jpeg", clean.jpeg)
    } else {
        return Err(ApiError::UnsupportedMediaType(format!(
            "send a document as {DOCUMENT_TYPES}"
        )));
    };
    let token = uuid::Uuid::new_v4().simple().to_string();
    state
        .store
        .insert_repair_document(&token, stored_type, &bytes)
        .await?;
    let uploaded = UploadedDocument {
        token,
        media_type: stored_type.to_owned(),
        bytes: bytes.len() as u64,
    };
    Ok((StatusCode::CREATED, Json(uploaded)).into_response())
}

/// Applies for credit repair: early removal of the enterprise's current
/// listing, once it is 12 months old.
///
/// The answer is a reference number and a query code: keep both to follow
/// the application. A code of no enterprise, an enterprise not on the list,
/// a listing younger than 12 months (the message gives the day from which
/// it may apply) and a document not uploaded are refused with 400; an
/// application for the same listing still open with 409.
#[utoipa::path(
    post,
    path = "/api/blacklist/repair",
    tag = "blacklist",
    request_body = NewRepairApplication,
    responses(
        (status = 201, description = "Received. Keep the reference number and the query code.", body = RepairReceipt),
        (status = 400, description = "Invalid fields; `fields` names each.", body = ApiErrorBody),
        (status = 409, description = "An application for this listing is open already.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
        (status = 429, description = "Too many applications from this address.", body = ApiErrorBody),
    )
)]
pub async fn apply_for_repair(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    Json(mut application): Json<NewRepairApplication>,
) -> ApiResult<Response> {
    state.reporting.limits.reports.check(client)?;
    application.clean();
    application.validate().map_err(ApiError::Validation)?;
    let code = directory_code(&application.credit_code)?;
    let now = Utc::now();
    let received_on = now.with_timezone(&china_time()).date_naive();
    let decide_by = decide_by(received_on);
    let query_code = portal_store::codes::query_code();
    let record = RepairRecord {
        application: &application,
        code: &code,
        code_hash: code_hash(&query_code),
        received_at: now,
        received_on,
        decide_by,
    };
    match state.store.create_repair_application(&record).await? {
        RepairOutcome::Created { reference } => {
            tracing::info!(%reference, "credit repair application received");
            let receipt = RepairReceipt {
                reference,
                query_code,
                received_at: now,
                decide_by,
            };
            Ok((StatusCode::CREATED, Json(receipt)).into_response())
        }
        other => Err(refusal(other)),
    }
}

/// The error for an outcome that is not a success.
fn refusal(outcome: RepairOutcome) -> ApiError {
    match outcome {
        RepairOutcome::UnknownEnterprise => {
            ApiError::field("credit_code", Problem::UnknownEnterprise)
        }
        RepairOutcome::NotListed => ApiError::field("credit_code", Problem::NotOnTheList),
        RepairOutcome::TooEarly { from } => ApiError::field(
            "credit_code",
            Problem::TooEarly {
                from: from.to_string(),
            },
        ),
        RepairOutcome::AlreadyOpen { reference } => ApiError::Conflict(format!(
            "application {reference} for this listing is still open; follow it with its query code"
        )),
        RepairOutcome::UnknownDocument => ApiError::field("documents", Problem::NotUploaded),
        RepairOutcome::NotFound => {
            ApiError::NotFound("There is no credit repair application with this reference.".into())
        }
        RepairOutcome::WrongStatus(status) => ApiError::Conflict(format!(
            "the application is {}; this step is not open now",
            status.name_en().to_lowercase()
        )),
        RepairOutcome::ListingGone => ApiError::Conflict(
            "the listing is no longer in force (removed, or its term has ended)".to_owned(),
        ),
        RepairOutcome::Created { .. } | RepairOutcome::Done => {
            ApiError::Internal(anyhow::anyhow!("a success taken for a refusal"))
        }
    }
}

/// Checks a reference and a query code together; a wrong code and an
/// unknown reference answer the same, and take as long.
async fn authorised(state: &AppState, reference: &str, query_code: &str) -> ApiResult<()> {
    let stored = state.store.repair_code_hash(reference).await?;
    if code_matches(stored, query_code) {
        Ok(())
    } else {
        Err(ApiError::NotFound(
            "No credit repair application has this reference number and query code.".to_owned(),
        ))
    }
}

/// An application's status, steps and dates, for whoever holds both its
/// reference number and its query code.
#[utoipa::path(
    post,
    path = "/api/blacklist/repair/status",
    tag = "blacklist",
    request_body = RepairQuery,
    responses(
        (status = 200, description = "The application as its applicant may see it.", body = RepairView),
        (status = 400, description = "The body is not a valid look-up.", body = ApiErrorBody),
        (status = 404, description = "No application has this reference number and query code.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
        (status = 429, description = "Too many look-ups from this address.", body = ApiErrorBody),
    )
)]
pub async fn repair_status(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    Json(query): Json<RepairQuery>,
) -> ApiResult<Json<RepairView>> {
    state.reporting.limits.lookups.check(client)?;
    let reference = clean_reference(&query.reference);
    authorised(&state, &reference, &query.query_code).await?;
    state
        .store
        .repair_view(&reference)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound("No such application.".to_owned()))
}

/// Adds the documents the authority asked for (only while more are asked
/// for); the application goes back to be checked.
#[utoipa::path(
    post,
    path = "/api/blacklist/repair/supplement",
    tag = "blacklist",
    request_body = RepairSupplement,
    responses(
        (status = 200, description = "Added; the application as its applicant sees it now.", body = RepairView),
        (status = 400, description = "Invalid fields; `fields` names each.", body = ApiErrorBody),
        (status = 404, description = "No application has this reference number and query code.", body = ApiErrorBody),
        (status = 409, description = "No documents are asked for now.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
        (status = 429, description = "Too many requests from this address.", body = ApiErrorBody),
    )
)]
pub async fn supplement_repair(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    Json(supplement): Json<RepairSupplement>,
) -> ApiResult<Json<RepairView>> {
    state.reporting.limits.lookups.check(client)?;
    let reference = clean_reference(&supplement.reference);
    authorised(&state, &reference, &supplement.query_code).await?;
    supplement.validate().map_err(ApiError::Validation)?;
    match state
        .store
        .supplement_repair(&reference, &supplement.documents, &supplement.note)
        .await?
    {
        RepairOutcome::Done => {}
        RepairOutcome::WrongStatus(_) => {
            return Err(ApiError::Conflict(
                "no documents are asked for now; the authority asks for them on the status page"
                    .to_owned(),
            ));
        }
        RepairOutcome::UnknownDocument => {
            return Err(ApiError::field("documents", Problem::NotUploaded));
        }
        other => return Err(refusal(other)),
    }
    state
        .store
        .repair_view(&reference)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound("No such application.".to_owned()))
}

/// Open credit repair applications, the oldest first (editors only).
#[utoipa::path(
    get,
    path = "/api/staff/repairs",
    tag = "staff",
    responses(
        (status = 200, description = "Open applications.", body = Vec<RepairSummary>),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor.", body = ApiErrorBody),
    )
)]
pub async fn open_repairs(
    State(state): State<AppState>,
    AsEditor(_): AsEditor,
) -> ApiResult<Json<Vec<RepairSummary>>> {
    Ok(Json(state.store.open_repairs().await?))
}

/// One application in full, with its contact and documents (editors only).
#[utoipa::path(
    get,
    path = "/api/staff/repairs/{reference}",
    tag = "staff",
    params(("reference" = String, Path, description = "The application's reference number.")),
    responses(
        (status = 200, description = "The application.", body = RepairCase),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor.", body = ApiErrorBody),
        (status = 404, description = "No such application.", body = ApiErrorBody),
    )
)]
pub async fn repair_case(
    State(state): State<AppState>,
    AsEditor(_): AsEditor,
    Path(reference): Path<String>,
) -> ApiResult<Json<RepairCase>> {
    state
        .store
        .repair_case(&clean_reference(&reference))
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound("No such application.".to_owned()))
}

/// One document of an application, as a download (editors only).
#[utoipa::path(
    get,
    path = "/api/staff/repairs/{reference}/documents/{id}",
    tag = "staff",
    params(
        ("reference" = String, Path, description = "The application's reference number."),
        ("id" = i64, Path, description = "The document's id."),
    ),
    responses(
        (status = 200, description = "The file.", content_type = "application/octet-stream"),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor.", body = ApiErrorBody),
        (status = 404, description = "No such document.", body = ApiErrorBody),
    )
)]
pub async fn repair_document(
    State(state): State<AppState>,
    AsEditor(_): AsEditor,
    Path((reference, id)): Path<(String, i64)>,
) -> ApiResult<Response> {
    // Cleaned, it is a real reference (visible ASCII) whenever a document
    // is found, so it can go into the header as it is.
    let reference = clean_reference(&reference);
    let (media, bytes) = state
        .store
        .repair_document(&reference, id)
        .await?
        .ok_or_else(|| ApiError::NotFound("There is no such document.".to_owned()))?;
    let extension = if media == "application/pdf" {
        "pdf"
    } else {
        "jpg"
    };
    let media = if media == "application/pdf" {
        "application/pdf"
    } else {
        "image/jpeg"
    };
    // A PDF is kept as the applicant sent it: it is downloaded, never
    // shown inside the portal's own origin.
    Ok((
        [
            (header::CONTENT_TYPE, media.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{reference}-{id}.{extension}\""),
            ),
            (header::CONTENT_SECURITY_POLICY, "sandbox".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

/// Takes a step on an application (editors only): accept, ask for more
/// documents, refuse, or approve — which removes the listing by credit
/// repair today, publicly, with the note as its reason.
#[utoipa::path(
    post,
    path = "/api/staff/repairs/{reference}/decision",
    tag = "staff",
    request_body = RepairDecision,
    params(
        ("reference" = String, Path, description = "The application's reference number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "The application after the step.", body = RepairCase),
        (status = 400, description = "A bad note.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such application.", body = ApiErrorBody),
        (status = 409, description = "The step is not open from the application's status, or the listing is no longer in force.", body = ApiErrorBody),
    )
)]
pub async fn decide_repair(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Path(reference): Path<String>,
    Json(decision): Json<RepairDecision>,
) -> ApiResult<Json<RepairCase>> {
    decision.validate().map_err(ApiError::Validation)?;
    let reference = clean_reference(&reference);
    let outcome = state
        .store
        .decide_repair(
            &reference,
            decision.action,
            &decision.note,
            today_in_china(),
            &session.actor(),
        )
        .await?;
    if outcome != RepairOutcome::Done {
        return Err(refusal(outcome));
    }
    state
        .store
        .repair_case(&reference)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound("No such application.".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_needs_its_header_and_its_end() {
        assert!(is_pdf(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"));
        assert!(!is_pdf(b"%PDF-1.4\n1 0 obj\n<<>>"));
        assert!(!is_pdf(b"GIF89a %%EOF"));
    }
}
