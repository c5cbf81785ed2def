//! Accident investigation reports: the public list and a report at a
//! version, and the editors' writes and assessments.

use axum::extract::State;
use axum::http::StatusCode;
use portal_store::clock::today_in_china;
use portal_types::ApiErrorBody;
use portal_types::enforcement::{
    AccidentGrade, AccidentInput, AccidentPage, AccidentReport, AssessmentInput, Saved,
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{audit, outcome, page_of, valid};
use crate::error::{ApiError, ApiResult, Json, Path, Query};
use crate::staff::{AsEditor, StaffSession};
use crate::state::AppState;

/// The filters of the report list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccidentParams {
    pub grade: Option<AccidentGrade>,
    /// Page number, from 1 (20 reports a page).
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<u32>,
}

/// Accident investigation reports (事故调查报告), newest accident first.
#[utoipa::path(
    get,
    path = "/api/accident-reports",
    tag = "enforcement",
    params(AccidentParams),
    responses(
        (status = 200, description = "A page of reports.", body = AccidentPage),
        (status = 400, description = "A bad parameter, named.", body = ApiErrorBody),
    )
)]
pub async fn accidents(
    State(state): State<AppState>,
    Query(params): Query<AccidentParams>,
) -> ApiResult<Json<AccidentPage>> {
    let page = page_of(params.page)?;
    Ok(Json(state.store.accident_page(params.grade, page).await?))
}

/// Which version of a report to read.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VersionParams {
    /// A version of the public history (the latest if not given).
    #[param(minimum = 1, maximum = 100000)]
    pub version: Option<i64>,
}

/// An accident investigation report in full, its public change history and
/// its rectification assessment.
#[utoipa::path(
    get,
    path = "/api/accident-reports/{id}",
    tag = "enforcement",
    params(("id" = i64, Path, description = "The report's number."), VersionParams),
    responses(
        (status = 200, description = "The report.", body = AccidentReport),
        (status = 400, description = "A version that is not a number.", body = ApiErrorBody),
        (status = 404, description = "No such report, or no such version of it.", body = ApiErrorBody),
    )
)]
pub async fn accident(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(params): Query<VersionParams>,
) -> ApiResult<Json<AccidentReport>> {
    state
        .store
        .accident_report(id, params.version)
        .await?
        .map(Json)
        .ok_or_else(|| {
            ApiError::NotFound(
                "There is no report (or no version of it) with this number.".to_owned(),
            )
        })
}

async fn save_accident(
    state: &AppState,
    session: &StaffSession,
    id: Option<i64>,
    input: &AccidentInput,
) -> ApiResult<(i64, i64)> {
    valid(input.validate(today_in_china(), id.is_some()))?;
    let actor = session.actor();
    let action = if id.is_some() {
        "accident-report.update"
    } else {
        "accident-report.create"
    };
    outcome(
        state
            .store
            .save_accident_report(id, input, audit(&actor, action))
            .await?,
        "report",
    )
}

/// Publishes an accident investigation report in full (version 1).
#[utoipa::path(
    post,
    path = "/api/staff/accident-reports",
    tag = "staff",
    request_body = AccidentInput,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token.")),
    responses(
        (status = 201, description = "Published.", body = Saved),
        (status = 400, description = "A field is wrong.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
    )
)]
pub async fn create_accident(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Json(input): Json<AccidentInput>,
) -> ApiResult<(StatusCode, Json<Saved>)> {
    let (id, version) = save_accident(&state, &session, None, &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(Saved {
            id,
            version: Some(version),
        }),
    ))
}

/// Publishes a new version of a report; the change note is shown in its
/// public history and every earlier version stays readable.
#[utoipa::path(
    put,
    path = "/api/staff/accident-reports/{id}",
    tag = "staff",
    request_body = AccidentInput,
    params(
        ("id" = i64, Path, description = "The report's number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "The new version is public.", body = Saved),
        (status = 400, description = "A field is wrong, or no change note.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such report.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
    )
)]
pub async fn update_accident(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Path(id): Path<i64>,
    Json(input): Json<AccidentInput>,
) -> ApiResult<Json<Saved>> {
    let (id, version) = save_accident(&state, &session, Some(id), &input).await?;
    Ok(Json(Saved {
        id,
        version: Some(version),
    }))
}

/// Publishes (or corrects) the rectification assessment of a report, made
/// within a year of its publication.
#[utoipa::path(
    put,
    path = "/api/staff/accident-reports/{id}/assessment",
    tag = "staff",
    request_body = AssessmentInput,
    params(
        ("id" = i64, Path, description = "The report's number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 204, description = "Published."),
        (status = 400, description = "A field is wrong (an assessment date outside the year after publication).", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such report.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
    )
)]
pub async fn assess(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Path(id): Path<i64>,
    Json(input): Json<AssessmentInput>,
) -> ApiResult<StatusCode> {
    let actor = session.actor();
    outcome(
        state
            .store
            .save_assessment(
                id,
                &input,
                today_in_china(),
                audit(&actor, "accident-report.assess"),
            )
            .await?,
        "report",
    )?;
    Ok(StatusCode::NO_CONTENT)
}
