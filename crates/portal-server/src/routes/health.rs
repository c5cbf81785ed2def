//! Health: `GET /api/health/live` (the process answers),
//! `GET /api/health/ready` and `GET /api/health` (it can serve: its
//! database answers and its indexes follow the records).

use axum::extract::State;
use axum::http::StatusCode;
use portal_types::site::{Health, HealthStatus};

use crate::error::Json;
use crate::state::AppState;

/// How long the change log may go unread before the indexes count as
/// stale: several missed reads of `crate::changes::FOLLOW_EVERY`.
const STALE_AFTER_SECS: i64 = 10;

/// Whether the server can serve: its database answers and its indexes
/// follow the records.
///
/// Answers 200 when both hold, 503 when either does not (a load balancer
/// then sends requests to another instance).
#[utoipa::path(
    get,
    path = "/api/health",
    tag = "site",
    responses(
        (status = 200, description = "The server, its database and its indexes work.", body = Health),
        (status = 503, description = "The database does not answer, or the indexes are stale.", body = Health),
    )
)]
pub async fn health(state: State<AppState>) -> (StatusCode, Json<Health>) {
    readiness(state).await
}

/// The same as `GET /api/health`, under the name orchestrators use.
#[utoipa::path(
    get,
    path = "/api/health/ready",
    tag = "site",
    responses(
        (status = 200, description = "The server, its database and its indexes work.", body = Health),
        (status = 503, description = "The database does not answer, or the indexes are stale.", body = Health),
    )
)]
pub async fn ready(state: State<AppState>) -> (StatusCode, Json<Health>) {
    readiness(state).await
}

/// Whether the process answers at all (it is restarted when it does not).
#[utoipa::path(
    get,
    path = "/api/health/live",
    tag = "site",
    responses((status = 200, description = "The process answers."))
)]
pub async fn live() -> StatusCode {
    StatusCode::OK
}

async fn readiness(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let database = if state.store.ping().await {
        HealthStatus::Ok
    } else {
        HealthStatus::Degraded
    };
    let indexes = match state.follow.since_last_read() {
        Some(secs) if secs <= STALE_AFTER_SECS => HealthStatus::Ok,
        _ => HealthStatus::Degraded,
    };
    let status = if database == HealthStatus::Ok && indexes == HealthStatus::Ok {
        HealthStatus::Ok
    } else {
        HealthStatus::Degraded
    };
    let code = match status {
        HealthStatus::Ok => StatusCode::OK,
        HealthStatus::Degraded => StatusCode::SERVICE_UNAVAILABLE,
    };
    let body = Health {
        status,
        database,
        indexes,
        version: env!("CARGO_PKG_VERSION").to_owned(),
    };
    (code, Json(body))
}
