//! Major hazards under listed supervision: the public list and page, and
//! the editors' writes and steps.

use axum::extract::State;
use axum::http::StatusCode;
use portal_store::clock::today_in_china;
use portal_store::enforcement::ListingFilter;
use portal_types::ApiErrorBody;
use portal_types::enforcement::{
    HazardListing, HazardListingPage, HazardStatus, ListingInput, Saved, StepInput,
};
use portal_types::field_error;
use portal_types::{District, Industry};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{audit, outcome, page_of};
use crate::error::{ApiError, ApiResult, Json, Path, Query};
use crate::staff::{AsEditor, StaffSession};
use crate::state::AppState;

/// The filters of the listing list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HazardListingParams {
    /// Only listings at this step.
    pub status: Option<HazardStatus>,
    /// Only listings still open after their rectification deadline.
    pub overdue: Option<bool>,
    pub district: Option<District>,
    pub industry: Option<Industry>,
    /// Page number, from 1 (20 listings a page).
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<u32>,
}

/// Major hazards under listed supervision (重大隐患挂牌督办), newest first.
#[utoipa::path(
    get,
    path = "/api/hazard-listings",
    tag = "enforcement",
    params(HazardListingParams),
    responses(
        (status = 200, description = "A page of listings, with today's overdue count.", body = HazardListingPage),
        (status = 400, description = "A bad parameter, named.", body = ApiErrorBody),
    )
)]
pub async fn hazard_listings(
    State(state): State<AppState>,
    Query(params): Query<HazardListingParams>,
) -> ApiResult<Json<HazardListingPage>> {
    let page = page_of(params.page)?;
    let filter = ListingFilter {
        status: params.status,
        overdue: params.overdue.unwrap_or(false),
        district: params.district,
        industry: params.industry,
    };
    Ok(Json(
        state
            .store
            .hazard_listing_page(&filter, page, today_in_china())
            .await?,
    ))
}

/// A listing: the hazard, what must be done, the deadline and every step.
#[utoipa::path(
    get,
    path = "/api/hazard-listings/{id}",
    tag = "enforcement",
    params(("id" = i64, Path, description = "The listing's number.")),
    responses(
        (status = 200, description = "The listing.", body = HazardListing),
        (status = 404, description = "No such listing.", body = ApiErrorBody),
    )
)]
pub async fn hazard_listing(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> ApiResult<Json<HazardListing>> {
    state
        .store
        .hazard_listing(id, today_in_china())
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound("There is no listing with this number.".to_owned()))
}

async fn save_hazard_listing(
    state: &AppState,
    session: &StaffSession,
    id: Option<i64>,
    input: &ListingInput,
) -> ApiResult<i64> {
    let mut errors = input.validate(today_in_china()).err().unwrap_or_default();
    let code = match crate::publishing::stored_code(&input.credit_code) {
        Ok(code) => Some(code),
        Err(problem) => {
            field_error::add(&mut errors, "credit_code", problem);
            None
        }
    };
    let Some(code) = code.filter(|_| errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    let actor = session.actor();
    let action = if id.is_some() {
        "hazard-listing.update"
    } else {
        "hazard-listing.create"
    };
    outcome(
        state
            .store
            .save_hazard_listing(id, &code, input, audit(&actor, action))
            .await?,
        "listing",
    )
}

/// Places a major hazard under listed supervision.
#[utoipa::path(
    post,
    path = "/api/staff/hazard-listings",
    tag = "staff",
    request_body = ListingInput,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token.")),
    responses(
        (status = 201, description = "Listed.", body = Saved),
        (status = 400, description = "A field is wrong (an unknown credit code).", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
    )
)]
pub async fn create_hazard_listing(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Json(input): Json<ListingInput>,
) -> ApiResult<(StatusCode, Json<Saved>)> {
    let id = save_hazard_listing(&state, &session, None, &input).await?;
    Ok((StatusCode::CREATED, Json(Saved { id, version: None })))
}

/// Corrects a listing's details (its steps are changed only by new steps).
#[utoipa::path(
    put,
    path = "/api/staff/hazard-listings/{id}",
    tag = "staff",
    request_body = ListingInput,
    params(
        ("id" = i64, Path, description = "The listing's number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "Saved.", body = Saved),
        (status = 400, description = "A field is wrong.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such listing.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
    )
)]
pub async fn update_hazard_listing(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Path(id): Path<i64>,
    Json(input): Json<ListingInput>,
) -> ApiResult<Json<Saved>> {
    let id = save_hazard_listing(&state, &session, Some(id), &input).await?;
    Ok(Json(Saved { id, version: None }))
}

/// Moves a listing to its next step (listed → rectifying → accepted →
/// delisted), with the date and a public note.
#[utoipa::path(
    post,
    path = "/api/staff/hazard-listings/{id}/steps",
    tag = "staff",
    request_body = StepInput,
    params(
        ("id" = i64, Path, description = "The listing's number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "The listing's status now.", body = HazardStatus),
        (status = 400, description = "Not the next step, a date before the last step or in the future, or no note.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such listing.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
    )
)]
pub async fn add_hazard_listing_step(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Path(id): Path<i64>,
    Json(step): Json<StepInput>,
) -> ApiResult<Json<HazardStatus>> {
    let actor = session.actor();
    let status = outcome(
        state
            .store
            .add_hazard_listing_step(
                id,
                &step,
                today_in_china(),
                audit(&actor, "hazard-listing.step"),
            )
            .await?,
        "listing",
    )?;
    Ok(Json(status))
}
