//! The site itself: `GET /api/site` (facts about this deployment) and
//! `GET /api/site/figures` (the headline figures of the home page).

use axum::extract::State;
use portal_store::clock::today_in_china;
use portal_types::ApiErrorBody;
use portal_types::site::{SiteFigures, SiteInfo};

use crate::error::{ApiResult, Json};
use crate::state::AppState;

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

/// Facts about this deployment, such as whether it shows demo data.
#[utoipa::path(
    get,
    path = "/api/site",
    tag = "site",
    responses(
        (status = 200, description = "Facts about this deployment.", body = SiteInfo),
        (status = 503, description = "The database is unavailable.", body = ApiErrorBody),
    )
)]
pub async fn info(State(state): State<AppState>) -> ApiResult<Json<SiteInfo>> {
    Ok(Json(SiteInfo {
        demo_data: state.store.is_demo().await?,
        version: env!("CARGO_PKG_VERSION").to_owned(),
    }))
}
