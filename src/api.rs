//! The typed client of the portal's JSON API: the only module that knows
//! URLs or performs HTTP.

use gloo_net::http::{Request, Response};
use portal_types::ApiErrorBody;
use portal_types::decisions::{DecisionDetail, DecisionPage, DecisionQuery};
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
    /// The HTTP status, if the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Server { status, .. } => Some(*status),
            _ => None,
        }
    }

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

/// Encodes pairs as a query string (`a=1&b=%E5%AE%89`).
pub fn query_string<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

fn decision_query_string(query: &DecisionQuery) -> String {
    let pairs = query.to_pairs();
    query_string(pairs.iter().map(|(k, v)| (*k, v.as_str())))
}

/// `GET /api/decisions?…`.
pub async fn search_decisions(query: &DecisionQuery) -> Result<DecisionPage, ApiError> {
    get(&format!("/api/decisions?{}", decision_query_string(query))).await
}

/// `GET /api/decisions/{id}`; a decision past its disclosure deadline is a 410.
pub async fn decision(id: i64) -> Result<DecisionDetail, ApiError> {
    get(&format!("/api/decisions/{id}")).await
}

/// The address of an export of every decision matching `query`.
pub fn decisions_export_url(query: &DecisionQuery, format: &str) -> String {
    let mut query = query.clone();
    query.page = 1;
    format!(
        "/api/decisions/export.{format}?{}",
        decision_query_string(&query)
    )
}

/// The address of the Atom feed of new decisions.
pub const DECISIONS_FEED_URL: &str = "/api/decisions/feed.atom";
