//! `GET /api/site/figures`: the headline figures of the home page.

use axum::extract::State;
use portal_types::ApiErrorBody;
use portal_types::site::SiteFigures;

use crate::AppState;
use crate::clock::today_in_china;
use crate::error::{ApiResult, Json};

/// Headline figures: decisions in public view, enterprises on the blacklist.
#[utoipa::path(
    get,
    path = "/api/site/figures",
    tag = "site",
    responses(
        (status = 200, description = "The figures as of now.", body = SiteFigures),
        (status = 503, description = "The database is unavailable.", body = ApiErrorBody),
    )
)]
pub async fn figures(State(state): State<AppState>) -> ApiResult<Json<SiteFigures>> {
    let figures = state.store.site_figures(today_in_china()).await?;
    Ok(Json(figures))
}
