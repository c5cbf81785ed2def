//! The typed client of the portal's JSON API: the only module that knows
//! URLs or performs HTTP.

use gloo_net::http::{Request, Response};
use portal_types::ApiErrorBody;
use portal_types::site::{SiteFigures, SiteInfo};
use serde::de::DeserializeOwned;

/// Why an API call failed. `Clone`, because resources clone what they hold.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The request never got an answer: offline, DNS, refused, aborted.
    #[error("network error: {0}")]
    Network(String),
    /// The server answered with an error.
    #[error("{status}: {}", body.message)]
    Server {
        /// HTTP status.
        status: u16,
        /// The API's error body.
        body: ApiErrorBody,
    },
    /// The server answered something this client cannot read.
    #[error("unreadable answer: {0}")]
    Decode(String),
}

impl ApiError {
    /// Whether trying again later may succeed.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network(_) => true,
            ApiError::Server { status, .. } => *status >= 500 || *status == 429,
            ApiError::Decode(_) => false,
        }
    }
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        response
            .json::<T>()
            .await
            .map_err(|e| ApiError::Decode(e.to_string()))
    } else {
        let status = response.status();
        let body = response.json::<ApiErrorBody>().await.unwrap_or_else(|_| {
            ApiErrorBody::new(
                portal_types::ErrorCode::Unknown,
                format!("HTTP {status} {}", response.status_text()),
            )
        });
        Err(ApiError::Server { status, body })
    }
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = Request::get(path)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    read(response).await
}

/// `GET /api/site/figures`.
pub async fn site_figures() -> Result<SiteFigures, ApiError> {
    get("/api/site/figures").await
}

/// `GET /api/site`.
pub async fn site_info() -> Result<SiteInfo, ApiError> {
    get("/api/site").await
}
