//! Typical cases (典型案例): the public list and page, and the editors'
//! writes.

use axum::extract::State;
use axum::http::StatusCode;
use portal_store::clock::today_in_china;
use portal_types::ApiErrorBody;
use portal_types::Industry;
use portal_types::Problem;
use portal_types::enforcement::{ExposedCase, ExposedCaseInput, ExposedCasePage, Saved};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{audit, outcome, page_of, valid};
use crate::error::{ApiError, ApiResult, Json, Path, Query};
use crate::staff::{AsEditor, StaffSession};
use crate::state::AppState;

/// The filters of the case list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TypicalCaseParams {
    /// Only cases of this industry.
    pub industry: Option<Industry>,
    /// Only cases published in this year.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    /// Page number, from 1 (20 cases a page).
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<u32>,
}

/// Typical violation cases exposed to the public (典型案例曝光), newest first.
#[utoipa::path(
    get,
    path = "/api/exposed-cases",
    tag = "enforcement",
    params(TypicalCaseParams),
    responses(
        (status = 200, description = "A page of cases.", body = ExposedCasePage),
        (status = 400, description = "A bad parameter, named.", body = ApiErrorBody),
    )
)]
pub async fn typical_cases(
    State(state): State<AppState>,
    Query(params): Query<TypicalCaseParams>,
) -> ApiResult<Json<ExposedCasePage>> {
    let page = page_of(params.page)?;
    if params.year.is_some_and(|y| !(2000..=2100).contains(&y)) {
        return Err(ApiError::field(
            "year",
            Problem::OutOfRange {
                min: 2000,
                max: 2100,
            },
        ));
    }
    Ok(Json(
        state
            .store
            .typical_case_page(params.industry, params.year, page)
            .await?,
    ))
}

/// A typical case: what happened, the lesson, the rules broken (each with
/// its education page) and the penalty decisions behind it.
#[utoipa::path(
    get,
    path = "/api/exposed-cases/{id}",
    tag = "enforcement",
    params(("id" = i64, Path, description = "The case's number.")),
    responses(
        (status = 200, description = "The case.", body = ExposedCase),
        (status = 404, description = "No such case.", body = ApiErrorBody),
    )
)]
pub async fn typical_case(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> ApiResult<Json<ExposedCase>> {
    state
        .store
        .typical_case(id, today_in_china())
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound("There is no case with this number.".to_owned()))
}

/// A case as last saved, for editing.
#[utoipa::path(
    get,
    path = "/api/staff/exposed-cases/{id}",
    tag = "staff",
    params(("id" = i64, Path, description = "The case's number.")),
    responses(
        (status = 200, description = "The case's fields.", body = ExposedCaseInput),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor.", body = ApiErrorBody),
        (status = 404, description = "No such case.", body = ApiErrorBody),
    )
)]
pub async fn typical_case_source(
    State(state): State<AppState>,
    AsEditor(_session): AsEditor,
    Path(id): Path<i64>,
) -> ApiResult<Json<ExposedCaseInput>> {
    state
        .store
        .typical_case_input(id)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound("There is no case with this number.".to_owned()))
}

async fn save_typical_case(
    state: &AppState,
    session: &StaffSession,
    id: Option<i64>,
    input: &ExposedCaseInput,
) -> ApiResult<i64> {
    valid(input.validate(today_in_china()))?;
    let actor = session.actor();
    let action = if id.is_some() {
        "exposed-case.update"
    } else {
        "exposed-case.create"
    };
    outcome(
        state
            .store
            .save_typical_case(id, input, audit(&actor, action))
            .await?,
        "case",
    )
}

/// Publishes a typical case.
#[utoipa::path(
    post,
    path = "/api/staff/exposed-cases",
    tag = "staff",
    request_body = ExposedCaseInput,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token.")),
    responses(
        (status = 201, description = "Published.", body = Saved),
        (status = 400, description = "A field is wrong (an unknown decision is named).", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
    )
)]
pub async fn create_typical_case(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Json(input): Json<ExposedCaseInput>,
) -> ApiResult<(StatusCode, Json<Saved>)> {
    let id = save_typical_case(&state, &session, None, &input).await?;
    Ok((StatusCode::CREATED, Json(Saved { id, version: None })))
}

/// Rewrites a typical case (its address stays).
#[utoipa::path(
    put,
    path = "/api/staff/exposed-cases/{id}",
    tag = "staff",
    request_body = ExposedCaseInput,
    params(
        ("id" = i64, Path, description = "The case's number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "Saved.", body = Saved),
        (status = 400, description = "A field is wrong.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such case.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
    )
)]
pub async fn update_typical_case(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Path(id): Path<i64>,
    Json(input): Json<ExposedCaseInput>,
) -> ApiResult<Json<Saved>> {
    let id = save_typical_case(&state, &session, Some(id), &input).await?;
    Ok(Json(Saved { id, version: None }))
}
