//! The error body of the JSON API.
//!
//! Every failure the server answers — a bad parameter, an unknown route, a
//! rate limit, an internal fault — has this one shape, so that a client needs
//! one code path to show it:
//!
//! ```json
//! { "code": "validation_failed",
//!   "message": "Some fields are invalid.",
//!   "fields": { "page_size": [{ "code": "out_of_range",
//!                               "params": { "min": 1, "max": 100 },
//!                               "message": "must be from 1 to 100" }] } }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::field_error::{FieldErrors, Problem};

/// A machine-readable error code. Clients switch on this, never on the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request is malformed: unparsable JSON, a wrong content type, a bad query string.
    BadRequest,
    /// The request is well formed but some fields are invalid; see `fields`.
    ValidationFailed,
    /// Authentication is required or has failed.
    Unauthorized,
    /// The caller is known but not allowed to do this.
    Forbidden,
    /// Nothing exists at this address.
    NotFound,
    /// The resource existed but has been withdrawn from public view.
    Gone,
    /// The resource exists but does not accept this HTTP method.
    MethodNotAllowed,
    /// The request conflicts with the current state (for example, a request in flight).
    Conflict,
    /// An Idempotency-Key was used before with a different request.
    IdempotencyKeyReused,
    /// The request body is larger than this endpoint accepts.
    PayloadTooLarge,
    /// The request body has a media type this endpoint does not accept.
    UnsupportedMediaType,
    /// Too many requests from this client; retry after the `Retry-After` header.
    TooManyRequests,
    /// Too many failed sign-ins with this user name: it is locked for a
    /// while (`Retry-After`).
    SignInLocked,
    /// The server failed; the details are in its log, never in the answer.
    Internal,
    /// The server cannot answer now (for example, the database is unreachable).
    ServiceUnavailable,
    /// A code this client does not know yet (sent by a newer server).
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    /// The code as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BadRequest => "bad_request",
            Self::ValidationFailed => "validation_failed",
            Self::Unauthorized => "unauthorized",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not_found",
            Self::Gone => "gone",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::Conflict => "conflict",
            Self::IdempotencyKeyReused => "idempotency_key_reused",
            Self::PayloadTooLarge => "payload_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::TooManyRequests => "too_many_requests",
            Self::SignInLocked => "sign_in_locked",
            Self::Internal => "internal",
            Self::ServiceUnavailable => "service_unavailable",
            Self::Unknown => "unknown",
        }
    }
}

/// The body of every error answer of the API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    /// What went wrong, for programs.
    pub code: ErrorCode,
    /// What went wrong, for people (English; clients translate by `code`).
    pub message: String,
    /// Per-field problems, keyed by the name of the parameter or JSON field.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeMap<String, Vec<crate::FieldError>>))]
    pub fields: FieldErrors,
}

impl ApiErrorBody {
    /// An error with no field messages.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            fields: BTreeMap::new(),
        }
    }

    /// Adds a problem with one field.
    pub fn with_field(mut self, field: impl Into<String>, problem: Problem) -> Self {
        crate::field_error::add(&mut self.fields, field, problem);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_field_messages_under_their_field_names() {
        let body = ApiErrorBody::new(ErrorCode::ValidationFailed, "Some fields are invalid.")
            .with_field("page_size", Problem::OutOfRange { min: 1, max: 100 });
        let json = serde_json::to_value(&body).expect("serialisable");
        assert_eq!(json["code"], "validation_failed");
        assert_eq!(json["fields"]["page_size"][0]["code"], "out_of_range");
        assert_eq!(
            json["fields"]["page_size"][0]["message"],
            "must be from 1 to 100"
        );
    }

    #[test]
    fn omits_fields_when_there_are_none() {
        let body = ApiErrorBody::new(ErrorCode::NotFound, "No such page.");
        let json = serde_json::to_string(&body).expect("serialisable");
        assert!(!json.contains("fields"), "{json}");
    }

    #[test]
    fn reads_an_unknown_code_from_a_newer_server_as_unknown() {
        let body: ApiErrorBody =
            serde_json::from_str(r#"{"code":"brand_new","message":"x"}"#).expect("parsable");
        assert_eq!(body.code, ErrorCode::Unknown);
    }

    #[test]
    fn wire_names_match_serde_names() {
        for code in [
            ErrorCode::BadRequest,
            ErrorCode::ValidationFailed,
            ErrorCode::TooManyRequests,
            ErrorCode::SignInLocked,
            ErrorCode::ServiceUnavailable,
        ] {
            let json = serde_json::to_string(&code).expect("serialisable");
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }
}
