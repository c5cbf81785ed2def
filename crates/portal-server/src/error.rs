//! The API's error type and the extractors whose rejections become it.
//!
//! Every failure leaves the server as an [`ApiErrorBody`] with the matching
//! status. Internal faults are logged with their cause and answered with a
//! generic message: nothing about the server's insides reaches a client.

use axum::extract::rejection::{BytesRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_store::StoreError;
use portal_types::{ApiErrorBody, ErrorCode, FieldErrors, Problem};

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is malformed (a body or query string that cannot be read).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// Named fields are invalid.
    #[error("validation failed: {0:?}")]
    Validation(FieldErrors),
    /// The request needs a signed-in staff session.
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    /// The session may not do this (role, CSRF token, or a password to change).
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// Too many failed sign-ins for this user name; retry after so many seconds.
    #[error("sign-in locked for {0} s")]
    SignInLocked(u64),
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
    /// The request conflicts with one in progress.
    #[error("conflict: {0}")]
    Conflict(String),
    /// An Idempotency-Key was used before with a different request.
    #[error("idempotency key reused")]
    IdempotencyKeyReused,
    /// Too many requests from this client; retry after so many seconds.
    #[error("too many requests; retry after {0} s")]
    TooManyRequests(u64),
    /// The database could not be reached in time.
    #[error("service unavailable")]
    Unavailable,
    /// The work this request needs is at its limit (what is busy, said).
    #[error("busy: {0}")]
    Busy(String),
    /// A fault of the server; logged, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    /// A validation error for one field.
    pub fn field(field: impl Into<String>, problem: Problem) -> Self {
        let mut fields = FieldErrors::new();
        portal_types::field_error::add(&mut fields, field, problem);
        Self::Validation(fields)
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) | Self::Validation(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::SignInLocked(_) => StatusCode::TOO_MANY_REQUESTS,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Gone(_) => StatusCode::GONE,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::IdempotencyKeyReused => StatusCode::UNPROCESSABLE_ENTITY,
            Self::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable | Self::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
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
            Self::Unauthorized(message) => {
                ApiErrorBody::new(ErrorCode::Unauthorized, message.clone())
            }
            Self::Forbidden(message) => ApiErrorBody::new(ErrorCode::Forbidden, message.clone()),
            Self::SignInLocked(seconds) => ApiErrorBody::new(
                ErrorCode::SignInLocked,
                format!(
                    "Too many failed sign-ins with this user name; it is locked for {} more minutes.",
                    seconds.div_ceil(60)
                ),
            ),
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
            Self::Conflict(message) => ApiErrorBody::new(ErrorCode::Conflict, message.clone()),
            Self::IdempotencyKeyReused => ApiErrorBody::new(
                ErrorCode::IdempotencyKeyReused,
                "This Idempotency-Key was used before with a different request; use a new key for a new request.",
            ),
            Self::TooManyRequests(seconds) => ApiErrorBody::new(
                ErrorCode::TooManyRequests,
                format!("Too many requests from this address; try again in {seconds} seconds."),
            ),
            Self::Unavailable => ApiErrorBody::new(
                ErrorCode::ServiceUnavailable,
                "The service is temporarily unavailable; please try again shortly.",
            ),
            Self::Busy(message) => {
                ApiErrorBody::new(ErrorCode::ServiceUnavailable, message.clone())
            }
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
        let retry_after = match &self {
            Self::Unavailable | Self::Busy(_) => Some(5),
            Self::TooManyRequests(seconds) | Self::SignInLocked(seconds) => Some((*seconds).max(1)),
            _ => None,
        };
        if let Some(seconds) = retry_after
            && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Busy => Self::Unavailable,
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
            Some((field, message)) if is_identifier(field) => {
                Self::field(field, Problem::other(message))
            }
            _ => Self::BadRequest(format!("Invalid query string: {detail}")),
        }
    }
}

impl From<BytesRejection> for ApiError {
    fn from(rejection: BytesRejection) -> Self {
        match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => Self::PayloadTooLarge,
            _ => Self::BadRequest(rejection.body_text()),
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

/// The raw request body, refused in the API's error shape when it is too
/// large (413, before it is all read) or cannot be read.
#[derive(Debug, Clone)]
pub struct RawBody(pub axum::body::Bytes);

impl<S: Send + Sync> FromRequest<S> for RawBody {
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        axum::body::Bytes::from_request(req, state)
            .await
            .map(RawBody)
            .map_err(ApiError::from)
    }
}

/// The result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;
