//! The enterprise directory: picking an enterprise by name or code.

use axum::extract::State;
use portal_types::ApiErrorBody;
use portal_types::Problem;
use portal_types::enterprises::EnterpriseSummary;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::{ApiError, ApiResult, Json, Query};
use crate::state::AppState;

/// The parameters of a directory look-up.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MatchParams {
    /// Part of the name, or the start of the credit code.
    #[param(
        min_length = 1,
        max_length = 50,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$"
    )]
    pub q: String,
    /// How many to answer (1–20, 10 if not given).
    #[param(minimum = 1, maximum = 20)]
    pub limit: Option<u32>,
}

/// Enterprises whose name contains the text, or whose code starts with it.
#[utoipa::path(
    get,
    path = "/api/enterprises",
    tag = "enterprises",
    params(MatchParams),
    responses(
        (status = 200, description = "Up to `limit` enterprises, best first.", body = Vec<EnterpriseSummary>),
        (status = 400, description = "A bad parameter.", body = ApiErrorBody),
    )
)]
pub async fn matches(
    State(state): State<AppState>,
    Query(params): Query<MatchParams>,
) -> ApiResult<Json<Vec<EnterpriseSummary>>> {
    let text = params.q.trim();
    if text.is_empty() || text.chars().count() > 50 {
        return Err(ApiError::field("q", Problem::Length { min: 1, max: 50 }));
    }
    // Checked before trimming: a form feed or tab at either end is a control
    // character too, and the documented pattern refuses it.
    if params.q.chars().any(char::is_control) {
        return Err(ApiError::field("q", Problem::ControlCharacters));
    }
    let limit = params.limit.unwrap_or(10);
    if !(1..=20).contains(&limit) {
        return Err(ApiError::field(
            "limit",
            Problem::OutOfRange { min: 1, max: 20 },
        ));
    }
    let folded = portal_types::text::fold(text);
    Ok(Json(state.store.match_enterprises(&folded, limit).await?))
}
