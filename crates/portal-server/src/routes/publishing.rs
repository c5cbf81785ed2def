//! Staff publishing of penalty decisions (editors only): CSV import in the
//! disclosure layout, all or nothing, and revocation with a public reason.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use portal_store::clock::today_in_china;
use portal_store::listings::ListingChange;
use portal_store::publishing::Revocation;
use portal_store::staff::Audit;
use portal_types::ApiErrorBody;
use portal_types::blacklist::rules::term_end;
use portal_types::blacklist::{ListRegime, ListingGround, RemovalBasis};
use portal_types::{Problem, field_error};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::error::{ApiError, ApiResult, Json, Path};
use crate::staff::AsEditor;
use crate::state::AppState;
use crate::{publishing, spreadsheet};
use portal_types::decisions::DecisionDetail;
use portal_types::money::format_fen;
use portal_types::staff::decisions::DecisionEdit;
use portal_types::staff::listings::{self, ListingChanged, NewListing, Removal};

/// Largest file (CSV or workbook) an import takes.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

pub use portal_types::staff::decisions::{Imported, ImportedDecision};

/// `POST /api/staff/decisions/{id}/revoke`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct Revoke {
    /// Why, as the public page will say.
    #[schema(max_length = 500, pattern = "\\S")]
    pub reason: String,
}

/// Publishes the decisions of a CSV in the disclosure (双公示) column layout
/// — the layout of the portal's own export. Every row is checked first; if
/// any row is wrong nothing is stored and each bad row is named in
/// `fields` (`rows.3`, `rows.3.罚款金额（元）`) with what is wrong.
#[utoipa::path(
    post,
    path = "/api/staff/decisions/import",
    tag = "staff",
    request_body(
        description = "CSV with the header row of the export, in UTF-8 (with or without a byte-order mark) or GB18030 (GBK; as Excel on Chinese Windows saves it, or declared by `charset=gbk`); or an Excel workbook (.xlsx) whose first sheet has the same header row and columns.",
        content(
            (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )
    ),
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token.")),
    responses(
        (status = 201, description = "Every row published.", body = Imported),
        (status = 400, description = "Some rows are wrong; nothing was stored.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 413, description = "The file is larger than 5 MB.", body = ApiErrorBody),
        (status = 415, description = "The body is neither text/csv nor an .xlsx workbook.", body = ApiErrorBody),
    )
)]
pub async fn import(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<Imported>)> {
    let table = import_table(&headers, &body)?;
    // Which numbers are taken, asked once for the whole file.
    let numbers = publishing::numbers(&table);
    let refs: Vec<&str> = numbers.iter().map(String::as_str).collect();
    let taken: std::collections::HashSet<String> = state
        .store
        .published_numbers(&refs)
        .await?
        .into_iter()
        .collect();
    let decisions = publishing::read_table(table, &|n| taken.contains(n), today_in_china())
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
            published: ids
                .iter()
                .zip(&decisions)
                .map(|(&id, d)| ImportedDecision {
                    id,
                    decision_no: d.decision_no.clone(),
                    party_name: d.party_name.clone(),
                })
                .collect(),
            ids,
        }),
    ))
}

/// The rows of an imported file: a CSV (UTF-8 or GB18030) or an `.xlsx`
/// workbook, by the request's `Content-Type`.
pub(crate) fn import_table(headers: &HeaderMap, body: &[u8]) -> ApiResult<publishing::Table> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let media_type = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match media_type.as_str() {
        "text/csv" => {
            let Some(text) = super::decode_text(content_type, body) else {
                return Err(ApiError::field("file", Problem::NotUtf8));
            };
            Ok(publishing::csv_table(&text))
        }
        spreadsheet::XLSX_TYPE => {
            publishing::xlsx_table(body).map_err(|_| ApiError::field("file", Problem::NotAWorkbook))
        }
        _ => Err(ApiError::UnsupportedMediaType(
            "Send the file as text/csv or as an .xlsx workbook.".to_owned(),
        )),
    }
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
        (status = 200, description = "Revoked; the new version number.", content_type = "application/json", body = i64),
        (status = 400, description = "No reason, or one too long.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such decision.", body = ApiErrorBody),
        (status = 409, description = "Already revoked.", body = ApiErrorBody),
    )
)]
pub async fn revoke(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Path(id): Path<i64>,
    Json(body): Json<Revoke>,
) -> ApiResult<Json<i64>> {
    let reason = body.reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 || reason.chars().any(char::is_control) {
        return Err(ApiError::field(
            "reason",
            Problem::Length { min: 1, max: 500 },
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
pub(super) fn directory_code(text: &str) -> ApiResult<String> {
    publishing::stored_code(text).map_err(|problem| ApiError::field("credit_code", problem))
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
            Problem::Length {
                min: 1,
                max: listings::MAX_TEXT_CHARS,
            },
        ));
    }
    Ok(())
}

fn listing_outcome(change: ListingChange, conflict: &str) -> ApiResult<Json<ListingChanged>> {
    match change {
        ListingChange::Done(changed) => Ok(Json(changed)),
        ListingChange::UnknownEnterprise => {
            Err(ApiError::field("credit_code", Problem::UnknownEnterprise))
        }
        ListingChange::Conflict => Err(ApiError::Conflict(conflict.to_owned())),
        ListingChange::TooEarly { from } => Err(ApiError::field(
            "basis",
            Problem::TooEarly {
                from: from.to_string(),
            },
        )),
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
    AsEditor(session): AsEditor,
    Json(body): Json<NewListing>,
) -> ApiResult<Json<ListingChanged>> {
    let code = directory_code(&body.credit_code)?;
    text_field(&body.reason, "reason")?;
    text_field(&body.breach_summary, "breach_summary")?;
    text_field(&body.authority, "authority")?;
    text_field(&body.measures, "measures")?;
    let today = today_in_china();
    if body.listed_on > today {
        return Err(ApiError::field("listed_on", Problem::InFuture));
    }
    if !body.ground.applies_on(body.listed_on) {
        return Err(ApiError::field(
            "ground",
            if body.ground == ListingGround::JointPunishment2017 {
                Problem::WrongListGround { use_2017: false }
            } else {
                Problem::WrongListGround { use_2017: true }
            },
        ));
    }
    // Under the 2023 rules a listing lasts three years; the old list's
    // entries keep the term they were given.
    let ends_on = match (ListRegime::of(body.listed_on), body.expected_removal_on) {
        (ListRegime::SeriousDishonesty2023, None) => term_end(body.listed_on),
        (ListRegime::SeriousDishonesty2023, Some(on)) if on == term_end(body.listed_on) => on,
        (ListRegime::SeriousDishonesty2023, Some(_)) => {
            return Err(ApiError::field(
                "expected_removal_on",
                Problem::FixedTerm {
                    ends_on: term_end(body.listed_on).to_string(),
                },
            ));
        }
        (ListRegime::JointPunishment2017, Some(on)) if on > body.listed_on => on,
        (ListRegime::JointPunishment2017, _) => {
            return Err(ApiError::field(
                "expected_removal_on",
                Problem::TermEndNeeded,
            ));
        }
    };
    let actor = session.actor();
    let change = state
        .store
        .add_listing(
            &code,
            &body,
            ends_on,
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
        (status = 400, description = "A bad field, no such enterprise, a removal by hand at the end of the term, \
            or credit repair before the listing is 12 months old (the message gives the date).", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 409, description = "The enterprise is not on the list.", body = ApiErrorBody),
    )
)]
pub async fn remove_listing(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Json(body): Json<Removal>,
) -> ApiResult<Json<ListingChanged>> {
    let code = directory_code(&body.credit_code)?;
    text_field(&body.reason, "reason")?;
    if body.basis == RemovalBasis::TermEnded {
        return Err(ApiError::field("basis", Problem::EndsByItself));
    }
    let actor = session.actor();
    let change = state
        .store
        .remove_listing(
            &code,
            body.basis,
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

/// Corrects a published decision: every field but its number, with a
/// public reason. The fields that differ become a new version's amendment,
/// which the public page shows with the date.
#[utoipa::path(
    put,
    path = "/api/staff/decisions/{id}",
    tag = "staff",
    request_body = DecisionEdit,
    params(
        ("id" = i64, Path, description = "The decision's number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "The decision as corrected.", body = DecisionDetail),
        (status = 400, description = "A bad field, or nothing changed.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such decision.", body = ApiErrorBody),
        (status = 409, description = "The decision is revoked.", body = ApiErrorBody),
    )
)]
pub async fn edit(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Path(id): Path<i64>,
    Json(mut body): Json<DecisionEdit>,
) -> ApiResult<Json<DecisionDetail>> {
    let mut errors = portal_types::FieldErrors::new();
    let mut check = |field: &str, value: &str, max: usize, required: bool| {
        let value = value.trim();
        if (required && value.is_empty())
            || value.chars().count() > max
            || value
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            let min = usize::from(required);
            field_error::add(&mut errors, field, Problem::Length { min, max });
        }
    };
    check("reason", &body.reason, 500, true);
    check("party_name", &body.party_name, 200, true);
    check("violation_type", &body.violation_type, 200, true);
    check("facts", &body.facts, 5_000, true);
    check(
        "violated_provisions",
        &body.violated_provisions,
        1_000,
        true,
    );
    check("legal_basis", &body.legal_basis, 1_000, true);
    check("penalty_content", &body.penalty_content, 2_000, true);
    check("authority", &body.authority, 100, true);
    check(
        "legal_representative",
        body.legal_representative.as_deref().unwrap_or_default(),
        100,
        false,
    );
    if body.penalty_categories.is_empty() {
        field_error::add(
            &mut errors,
            "penalty_categories",
            Problem::TooFew { min: 1 },
        );
    }
    for (field, fen) in [
        ("fine_fen", body.fine_fen),
        ("confiscated_fen", body.confiscated_fen),
    ] {
        if !(0..=1_000_000_000_000).contains(&fen) {
            field_error::add(
                &mut errors,
                field,
                Problem::OutOfRange {
                    min: 0,
                    max: 1_000_000_000_000,
                },
            );
        }
    }
    if body
        .penalty_categories
        .contains(&portal_types::PenaltyCategory::Fine)
        && body.fine_fen == 0
    {
        field_error::add(&mut errors, "fine_fen", Problem::Required);
    }
    if body.decided_on > today_in_china() {
        field_error::add(&mut errors, "decided_on", Problem::InFuture);
    }
    if body.disclosure_until < body.decided_on {
        field_error::add(
            &mut errors,
            "disclosure_until",
            Problem::before("decided_on"),
        );
    }
    body.credit_code = match body.credit_code.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => match publishing::stored_code(code) {
            Ok(code) => Some(code),
            Err(problem) => {
                field_error::add(&mut errors, "credit_code", problem);
                None
            }
        },
    };
    body.legal_representative = body
        .legal_representative
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let Some(current) = state.store.decision(id).await? else {
        return Err(ApiError::NotFound(
            "There is no decision with this number.".to_owned(),
        ));
    };
    if current.revocation.is_some() {
        return Err(ApiError::Conflict(
            "A revoked decision is not corrected.".to_owned(),
        ));
    }
    let categories = |c: &[portal_types::PenaltyCategory]| {
        c.iter().map(|c| c.name_zh()).collect::<Vec<_>>().join("；")
    };
    let mut changes: Vec<(String, String, String)> = Vec::new();
    let mut differ = |field: &str, before: String, after: String| {
        if before != after {
            changes.push((field.to_owned(), before, after));
        }
    };
    differ(
        "party_name",
        current.party_name.clone(),
        body.party_name.trim().to_owned(),
    );
    differ(
        "credit_code",
        current.credit_code.clone().unwrap_or_default(),
        body.credit_code.clone().unwrap_or_default(),
    );
    differ(
        "legal_representative",
        current.legal_representative.clone().unwrap_or_default(),
        body.legal_representative.clone().unwrap_or_default(),
    );
    differ(
        "violation_type",
        current.violation_type.clone(),
        body.violation_type.trim().to_owned(),
    );
    differ("facts", current.facts.clone(), body.facts.trim().to_owned());
    differ(
        "violated_provisions",
        current.violated_provisions.clone(),
        body.violated_provisions.trim().to_owned(),
    );
    differ(
        "legal_basis",
        current.legal_basis.clone(),
        body.legal_basis.trim().to_owned(),
    );
    differ(
        "penalty_categories",
        categories(&current.penalty_categories),
        categories(&body.penalty_categories),
    );
    differ(
        "penalty_content",
        current.penalty_content.clone(),
        body.penalty_content.trim().to_owned(),
    );
    differ(
        "fine_fen",
        format_fen(current.fine_fen),
        format_fen(body.fine_fen),
    );
    differ(
        "confiscated_fen",
        format_fen(current.confiscated_fen),
        format_fen(body.confiscated_fen),
    );
    differ(
        "decided_on",
        current.decided_on.to_string(),
        body.decided_on.to_string(),
    );
    differ(
        "disclosure_until",
        current.disclosure_until.to_string(),
        body.disclosure_until.to_string(),
    );
    differ(
        "authority",
        current.authority.clone(),
        body.authority.trim().to_owned(),
    );
    differ(
        "district",
        current.district.name_zh().to_owned(),
        body.district.name_zh().to_owned(),
    );
    differ(
        "industry",
        current.industry.name_zh().to_owned(),
        body.industry.name_zh().to_owned(),
    );
    if changes.is_empty() {
        return Err(ApiError::field("reason", Problem::Unchanged));
    }
    let actor = session.actor();
    let amended = state
        .store
        .amend_decision(
            id,
            &body,
            &changes,
            Audit {
                actor: &actor,
                action: "decision.amend",
                target: format!("decision:{id}"),
                before: None,
                after: None,
            },
        )
        .await?;
    if amended.is_none() {
        return Err(ApiError::Conflict(
            "The decision changed meanwhile; reload it.".to_owned(),
        ));
    }
    state
        .decisions
        .reload(&state.store)
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    state
        .store
        .decision(id)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound("There is no decision with this number.".to_owned()))
}
