//! `GET /api/health`: whether the server and its database answer.

use axum::extract::State;
use axum::http::StatusCode;
use portal_types::site::{Health, HealthStatus};

use crate::error::Json;
use crate::state::AppState;

/// Whether the server and its database are working.
///
/// Answers 200 when both are, 503 when the database is not.
#[utoipa::path(
    get,
    path = "/api/health",
    tag = "site",
    responses(
        (status = 200, description = "The server and its database work.", body = Health),
        (status = 503, description = "The database does not answer.", body = Health),
    )
)]
pub async fn health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let database = if state.store.ping().await {
        HealthStatus::Ok
    } else {
        HealthStatus::Degraded
    };
    let status = match database {
        HealthStatus::Ok => StatusCode::OK,
        HealthStatus::Degraded => StatusCode::SERVICE_UNAVAILABLE,
    };
    let body = Health {
        status: database,
        database,
        version: env!("CARGO_PKG_VERSION").to_owned(),
    };
    (status, Json(body))
}
