//! Staff publishing of penalty decisions (editors only): CSV import in the
//! disclosure layout, all or nothing, and revocation with a public reason.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use portal_types::ApiErrorBody;
use portal_types::staff::Role;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::clock::today_in_china;
use crate::db::listings::ListingChange;
use crate::db::publishing::Revocation;
use crate::db::staff::Audit;
use crate::error::{ApiError, ApiResult, Json, Path};
use crate::staff::StaffSession;
use portal_types::staff::listings::{self, ListingChanged, NewListing, Removal};

/// Largest CSV an import takes.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// What an import stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct Imported {
    /// How many decisions were published.
    pub imported: usize,
    /// Their ids, in the order of the file.
    pub ids: Vec<i64>,
}

/// `POST /api/staff/decisions/{id}/revoke`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct Revoke {
    /// Why, as the public page will say.
    #[schema(max_length = 500)]
    pub reason: String,
}

/// Publishes the decisions of a CSV in the disclosure (双公示) column layout
/// — the layout of the portal's own export. Every row is checked first; if
/// any row is wrong nothing is stored and each bad row is named in
/// `fields` (`第 3 行`) with what is wrong.
#[utoipa::path(
    post,
    path = "/api/staff/decisions/import",
    tag = "staff",
    request_body(content = String, content_type = "text/csv", description = "UTF-8 CSV with the header row of the export."),
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token.")),
    responses(
        (status = 201, description = "Every row published.", body = Imported),
        (status = 400, description = "Some rows are wrong; nothing was stored.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 413, description = "The file is larger than 5 MB.", body = ApiErrorBody),
        (status = 415, description = "The body is not text/csv.", body = ApiErrorBody),
    )
)]
pub async fn import(
    State(state): State<AppState>,
    session: StaffSession,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<Imported>)> {
    session.require(Role::Editor)?;
    let csv_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("text/csv"));
    if !csv_type {
        return Err(ApiError::UnsupportedMediaType(
            "Send the file as text/csv.".to_owned(),
        ));
    }
    let Ok(text) = std::str::from_utf8(&body) else {
        return Err(ApiError::field(
            "file",
            "must be UTF-8 text (save the CSV as UTF-8)",
        ));
    };
    // Which numbers are taken, asked once for the whole file.
    let numbers: Vec<String> = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| r.get(0).map(|n| n.trim().to_owned()))
        .collect();
    let refs: Vec<&str> = numbers.iter().map(String::as_str).collect();
    let taken: std::collections::HashSet<String> = state
        .store
        .published_numbers(&refs)
        .await?
        .into_iter()
        .collect();
    let decisions = crate::publishing::read(text, &|n| taken.contains(n), today_in_china())
        .map_err(ApiError::Validation)?;
    let actor = session.actor();
    let ids = state
        .store
        .import_decisions(
            &decisions,
            Audit {
                actor: &actor,
                action: "decision.import",
                target: String::new(),
                before: None,
                after: None,
            },
        )
        .await?;
    state
        .decisions
        .reload(&state.store)
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    Ok((
        StatusCode::CREATED,
        Json(Imported {
            imported: ids.len(),
            ids,
        }),
    ))
}

/// Revokes a published decision with a public reason. The decision keeps
/// its address; its page says it was revoked, when and why, and the change
/// is kept as a new version.
#[utoipa::path(
    post,
    path = "/api/staff/decisions/{id}/revoke",
    tag = "staff",
    request_body = Revoke,
    params(
        ("id" = i64, Path, description = "The decision's number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "Revoked; the new version number.", body = i64),
        (status = 400, description = "No reason, or one too long.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such decision.", body = ApiErrorBody),
        (status = 409, description = "Already revoked.", body = ApiErrorBody),
    )
)]
pub async fn revoke(
    State(state): State<AppState>,
    session: StaffSession,
    Path(id): Path<i64>,
    Json(body): Json<Revoke>,
) -> ApiResult<Json<i64>> {
    session.require(Role::Editor)?;
    let reason = body.reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 || reason.chars().any(char::is_control) {
        return Err(ApiError::field(
            "reason",
            "say why, in 1 to 500 characters without control characters",
        ));
    }
    let actor = session.actor();
    let outcome = state
        .store
        .revoke_decision(
            id,
            reason,
            today_in_china(),
            Audit {
                actor: &actor,
                action: "decision.revoke",
                target: format!("decision:{id}"),
                before: None,
                after: None,
            },
        )
        .await?;
    match outcome {
        Revocation::Done(version) => {
            state
                .decisions
                .reload(&state.store)
                .await
                .map_err(|e| ApiError::Internal(e.into()))?;
            Ok(Json(version))
        }
        Revocation::NotFound => Err(ApiError::NotFound(
            "There is no decision with this number.".to_owned(),
        )),
        Revocation::AlreadyRevoked => Err(ApiError::Conflict(
            "This decision was revoked before.".to_owned(),
        )),
    }
}

/// A credit code as the directory stores it, or the field's error.
fn directory_code(text: &str) -> ApiResult<String> {
    match portal_types::CreditCode::parse(text) {
        Ok(code) => Ok(code.as_str().to_owned()),
        Err(portal_types::CreditCodeError::CheckCharacterMismatch { code, .. }) => {
            Ok(code.as_str().to_owned())
        }
        Err(error) => Err(ApiError::field("credit_code", error.to_string())),
    }
}

fn text_field(value: &str, field: &'static str) -> ApiResult<()> {
    let value = value.trim();
    if value.is_empty()
        || value.chars().count() > listings::MAX_TEXT_CHARS
        || value
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(ApiError::field(
            field,
            format!(
                "must have 1 to {} characters without control characters",
                listings::MAX_TEXT_CHARS
            ),
        ));
    }
    Ok(())
}

fn listing_outcome(change: ListingChange, conflict: &str) -> ApiResult<Json<ListingChanged>> {
    match change {
        ListingChange::Done(changed) => Ok(Json(changed)),
        ListingChange::UnknownEnterprise => Err(ApiError::field(
            "credit_code",
            "no enterprise in the directory has this code",
        )),
        ListingChange::Conflict => Err(ApiError::Conflict(conflict.to_owned())),
    }
}

/// Lists an enterprise on the blacklist (editors only).
#[utoipa::path(
    post,
    path = "/api/staff/blacklist",
    tag = "staff",
    request_body = NewListing,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token.")),
    responses(
        (status = 200, description = "Listed.", body = ListingChanged),
        (status = 400, description = "A bad field, or no such enterprise.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 409, description = "The enterprise is listed already.", body = ApiErrorBody),
    )
)]
pub async fn add_listing(
    State(state): State<AppState>,
    session: StaffSession,
    Json(body): Json<NewListing>,
) -> ApiResult<Json<ListingChanged>> {
    session.require(Role::Editor)?;
    let code = directory_code(&body.credit_code)?;
    text_field(&body.reason, "reason")?;
    text_field(&body.breach_summary, "breach_summary")?;
    text_field(&body.authority, "authority")?;
    text_field(&body.measures, "measures")?;
    if body.expected_removal_on <= body.listed_on {
        return Err(ApiError::field(
            "expected_removal_on",
            "must be after the listing date",
        ));
    }
    let today = today_in_china();
    if body.listed_on > today {
        return Err(ApiError::field("listed_on", "must not be in the future"));
    }
    let actor = session.actor();
    let change = state
        .store
        .add_listing(
            &code,
            &body,
            today,
            Audit {
                actor: &actor,
                action: "listing.add",
                target: String::new(),
                before: None,
                after: None,
            },
        )
        .await?;
    listing_outcome(change, "This enterprise is on the list already.")
}

/// Takes an enterprise off the blacklist; the listing stays in its history
/// with the date and reason (editors only).
#[utoipa::path(
    post,
    path = "/api/staff/blacklist/remove",
    tag = "staff",
    request_body = Removal,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token.")),
    responses(
        (status = 200, description = "Removed.", body = ListingChanged),
        (status = 400, description = "A bad field, or no such enterprise.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 409, description = "The enterprise is not on the list.", body = ApiErrorBody),
    )
)]
pub async fn remove_listing(
    State(state): State<AppState>,
    session: StaffSession,
    Json(body): Json<Removal>,
) -> ApiResult<Json<ListingChanged>> {
    session.require(Role::Editor)?;
    let code = directory_code(&body.credit_code)?;
    text_field(&body.reason, "reason")?;
    let actor = session.actor();
    let change = state
        .store
        .remove_listing(
            &code,
            body.reason.trim(),
            today_in_china(),
            Audit {
                actor: &actor,
                action: "listing.remove",
                target: String::new(),
                before: None,
                after: None,
            },
        )
        .await?;
    listing_outcome(change, "This enterprise is not on the list.")
}
