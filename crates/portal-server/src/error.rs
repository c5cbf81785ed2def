//! The API's error type and the extractors whose rejections become it.
//!
//! Every failure leaves the server as an [`ApiErrorBody`] with the matching
//! status. Internal faults are logged with their cause and answered with a
//! generic message: nothing about the server's insides reaches a client.

use std::collections::BTreeMap;

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_types::{ApiErrorBody, ErrorCode};

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is malformed (a body or query string that cannot be read).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// Named fields are invalid.
    #[error("validation failed: {0:?}")]
    Validation(BTreeMap<String, Vec<String>>),
    /// Nothing exists at this address.
    #[error("not found: {0}")]
    NotFound(String),
    /// Withdrawn from public view, with the reason.
    #[error("gone: {0}")]
    Gone(String),
    /// The resource exists but not with this method.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The body is larger than the endpoint accepts.
    #[error("payload too large")]
    PayloadTooLarge,
    /// The body has a media type the endpoint does not accept.
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    /// The database could not be reached in time.
    #[error("service unavailable")]
    Unavailable,
    /// A fault of the server; logged, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    /// A validation error for one field.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        let mut fields = BTreeMap::new();
        fields.insert(field.into(), vec![message.into()]);
        Self::Validation(fields)
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) | Self::Validation(_) => StatusCode::BAD_REQUEST,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Gone(_) => StatusCode::GONE,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The body this error is answered with.
    pub fn body(&self) -> ApiErrorBody {
        match self {
            Self::BadRequest(message) => ApiErrorBody::new(ErrorCode::BadRequest, message.clone()),
            Self::Validation(fields) => ApiErrorBody {
                code: ErrorCode::ValidationFailed,
                message: "Some parameters are invalid; see `fields`.".to_owned(),
                fields: fields.clone(),
            },
            Self::NotFound(message) => ApiErrorBody::new(ErrorCode::NotFound, message.clone()),
            Self::Gone(message) => ApiErrorBody::new(ErrorCode::Gone, message.clone()),
            Self::MethodNotAllowed => ApiErrorBody::new(
                ErrorCode::MethodNotAllowed,
                "This address does not accept this HTTP method.",
            ),
            Self::PayloadTooLarge => ApiErrorBody::new(
                ErrorCode::PayloadTooLarge,
                "The request body is larger than this endpoint accepts.",
            ),
            Self::UnsupportedMediaType(message) => {
                ApiErrorBody::new(ErrorCode::UnsupportedMediaType, message.clone())
            }
            Self::Unavailable => ApiErrorBody::new(
                ErrorCode::ServiceUnavailable,
                "The service is temporarily unavailable; please try again shortly.",
            ),
            Self::Internal(_) => ApiErrorBody::new(
                ErrorCode::Internal,
                "The server failed to answer; the fault has been logged.",
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match &self {
            Self::Internal(error) => tracing::error!(error = ?error, "internal error"),
            Self::Unavailable => tracing::warn!("answered 503: database unavailable"),
            _ => tracing::debug!(error = %self, "request refused"),
        }
        let status = self.status();
        let mut response = (status, axum::Json(self.body())).into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        response
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::PoolTimedOut => Self::Unavailable,
            other => Self::Internal(other.into()),
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => Self::PayloadTooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => Self::UnsupportedMediaType(
                "Send the body as JSON with `Content-Type: application/json`.".to_owned(),
            ),
            _ => Self::BadRequest(rejection.body_text()),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        // serde_urlencoded names the offending field at the start of its message.
        let text = rejection.body_text();
        let detail = text
            .strip_prefix("Failed to deserialize query string: ")
            .unwrap_or(&text)
            .to_owned();
        match detail.split_once(": ") {
            Some((field, message)) if is_identifier(field) => Self::field(field, message),
            _ => Self::BadRequest(format!("Invalid query string: {detail}")),
        }
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        Self::NotFound(format!("No such resource: {}", rejection.body_text()))
    }
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `axum::Json`, answering a bad body with the API's error shape.
#[derive(Debug, Clone, Copy, Default, FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct Json<T>(pub T);

impl<T: serde::Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// `axum::extract::Query`, answering a bad query string with the API's error shape.
#[derive(Debug, Clone, Copy, Default, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct Query<T>(pub T);

/// `axum::extract::Path`, answering a bad path segment with the API's error shape.
#[derive(Debug, Clone, Copy, Default, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct Path<T>(pub T);

/// The result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;
