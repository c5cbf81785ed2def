//! Open311 GeoReport v2 (JSON): existing civic clients can list the kinds of
//! hazard, send a report and follow it.
//!
//! Service codes are the report categories' slugs. Each service declares one
//! required attribute, `district`. Following the specification, these routes
//! answer errors as `[{"code": …, "description": …}]` rather than the API's
//! own error shape. A request's public view carries its status and dates
//! only: no description, address or reporter, since anyone may read it.

use std::net::IpAddr;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use portal_store::clock::{china_time, day_start};
use portal_store::{ReportRecord, Stored};
use portal_types::District;
use portal_types::Problem;
use portal_types::reports::{self, NewReport, ReportCategory, ReportStatus, Reporter};
use serde::Serialize;
use utoipa::ToSchema;

use crate::client::ClientAddress;
use crate::error::{ApiError, Path, RawBody};
use crate::state::AppState;

/// An Open311 error.
#[derive(Debug, Serialize, ToSchema)]
pub struct Open311Error {
    pub code: u16,
    pub description: String,
}

fn open311_error(status: StatusCode, description: impl Into<String>) -> Response {
    (
        status,
        axum::Json(vec![Open311Error {
            code: status.as_u16(),
            description: description.into(),
        }]),
    )
        .into_response()
}

fn from_api_error(error: ApiError) -> Response {
    let retry_after = match &error {
        ApiError::TooManyRequests(seconds) => Some(*seconds),
        _ => None,
    };
    let status = error.status();
    let body = error.body();
    let mut description = body.message;
    for (field, messages) in body.fields {
        let said: Vec<String> = messages.iter().map(ToString::to_string).collect();
        description.push_str(&format!(" {field}: {}.", said.join("; ")));
    }
    let mut response = open311_error(status, description);
    if let Some(seconds) = retry_after
        && let Ok(value) = axum::http::HeaderValue::from_str(&seconds.to_string())
    {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// A service: a kind of hazard that can be reported.
#[derive(Debug, Serialize, ToSchema)]
pub struct Service {
    pub service_code: String,
    pub service_name: String,
    pub description: String,
    pub metadata: bool,
    #[serde(rename = "type")]
    pub kind: String,
    pub keywords: String,
    pub group: String,
}

/// A service's definition: the attributes a request must carry.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceDefinition {
    pub service_code: String,
    pub attributes: Vec<Attribute>,
}

/// One attribute of a service.
#[derive(Debug, Serialize, ToSchema)]
pub struct Attribute {
    pub variable: bool,
    pub code: String,
    pub datatype: String,
    pub required: bool,
    pub datatype_description: String,
    pub order: u32,
    pub description: String,
    pub values: Vec<AttributeValue>,
}

/// An allowed value of an attribute.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttributeValue {
    pub key: String,
    pub name: String,
}

/// The answer to a new request.
#[derive(Debug, Serialize, ToSchema)]
pub struct RequestCreated {
    pub service_request_id: String,
    pub service_notice: String,
}

/// A request as anyone may see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceRequest {
    pub service_request_id: String,
    /// `open` or `closed`.
    pub status: String,
    pub service_code: String,
    pub service_name: String,
    pub requested_datetime: DateTime<Utc>,
    pub updated_datetime: DateTime<Utc>,
    pub expected_datetime: DateTime<Utc>,
}

fn service(category: ReportCategory) -> Service {
    Service {
        service_code: category.slug().to_owned(),
        service_name: format!("{}（{}）", category.name_zh(), category.name_en()),
        description: format!(
            "举报{}领域的事故隐患和安全生产违法行为。",
            category.name_zh()
        ),
        metadata: true,
        kind: "realtime".to_owned(),
        keywords: "安全生产,事故隐患,举报,work safety,hazard".to_owned(),
        group: "安全生产举报".to_owned(),
    }
}

/// The kinds of hazard that can be reported.
#[utoipa::path(
    get,
    path = "/api/open311/v2/services.json",
    tag = "open311",
    responses((status = 200, description = "Every service.", body = Vec<Service>))
)]
pub async fn services() -> axum::Json<Vec<Service>> {
    axum::Json(ReportCategory::ALL.iter().map(|&c| service(c)).collect())
}

/// What a request of one service must carry: its district.
#[utoipa::path(
    get,
    path = "/api/open311/v2/services/{service_code_json}",
    tag = "open311",
    params(("service_code_json" = String, Path, description = "A service code, as listed, followed by `.json`.")),
    responses(
        (status = 200, description = "The definition.", body = ServiceDefinition),
        (status = 404, description = "No such service.", body = Vec<Open311Error>),
    )
)]
pub async fn definition(Path(file): Path<String>) -> Response {
    let Some(category) = file
        .strip_suffix(".json")
        .and_then(ReportCategory::from_slug)
    else {
        return open311_error(StatusCode::NOT_FOUND, "No service has this code.");
    };
    axum::Json(ServiceDefinition {
        service_code: category.slug().to_owned(),
        attributes: vec![Attribute {
            variable: true,
            code: "district".to_owned(),
            datatype: "singlevaluelist".to_owned(),
            required: true,
            datatype_description: "The district or functional area of Jinan.".to_owned(),
            order: 1,
            description: "所在区县 District".to_owned(),
            values: District::ALL
                .iter()
                .map(|d| AttributeValue {
                    key: d.slug().to_owned(),
                    name: format!("{} {}", d.name_zh(), d.name_en()),
                })
                .collect(),
        }],
    })
    .into_response()
}

/// Sends a report (form-encoded, as GeoReport v2 specifies).
///
/// Required: `service_code`, `attribute[district]`, `description` (at least
/// 10 characters) and a location (`address_string`, or `lat` and `long`).
/// Optional: `first_name`, `last_name` and `phone` (all three make a named
/// report; otherwise it is anonymous). `media_url` is not accepted: send
/// photos through the portal. The answer's notice carries the query code
/// that, with the request id, opens the report's status on the portal.
#[utoipa::path(
    post,
    path = "/api/open311/v2/requests.json",
    tag = "open311",
    request_body(content = String, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 201, description = "Received.", body = Vec<RequestCreated>),
        (status = 400, description = "A missing or invalid parameter.", body = Vec<Open311Error>),
        (status = 415, description = "Not form-encoded.", body = Vec<Open311Error>),
        (status = 429, description = "Too many reports from this address.", body = Vec<Open311Error>),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    match create_inner(&state, client, &headers, &body).await {
        Ok(response) => response,
        Err(error) => from_api_error(error),
    }
}

async fn create_inner(
    state: &AppState,
    client: IpAddr,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, ApiError> {
    state.reporting.limits.reports.check(client)?;
    let form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| {
            t.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        });
    if !form {
        return Err(ApiError::UnsupportedMediaType(
            "Send the request form-encoded (application/x-www-form-urlencoded).".to_owned(),
        ));
    }
    let pairs: Vec<(String, String)> = form_urlencoded::parse(body).into_owned().collect();
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let category = get("service_code")
        .as_deref()
        .and_then(ReportCategory::from_slug)
        .ok_or_else(|| ApiError::field("service_code", Problem::NotListed))?;
    let district = get("attribute[district]")
        .as_deref()
        .and_then(District::from_slug)
        .ok_or_else(|| ApiError::field("attribute[district]", Problem::NotListed))?;
    if get("media_url").is_some() {
        return Err(ApiError::field("media_url", Problem::NotAccepted));
    }
    let coordinate = |name: &str| -> Result<Option<f64>, ApiError> {
        get(name)
            .map(|v| {
                v.parse::<f64>()
                    .map_err(|_| ApiError::field(name, Problem::NotDegrees))
            })
            .transpose()
    };
    let latitude = coordinate("lat")?;
    let longitude = coordinate("long")?;
    let address = match (get("address_string"), latitude, longitude) {
        (Some(address), _, _) => address,
        (None, Some(lat), Some(lon)) => format!("坐标 {lat:.5}, {lon:.5}"),
        _ => {
            return Err(ApiError::field("address_string", Problem::NoPlace));
        }
    };
    let reporter = match (get("first_name"), get("last_name"), get("phone")) {
        (first, last, Some(phone)) if first.is_some() || last.is_some() => Reporter::Named {
            name: format!("{}{}", last.unwrap_or_default(), first.unwrap_or_default()),
            phone,
        },
        _ => Reporter::Anonymous,
    };
    let now = Utc::now();
    let local_now = now.with_timezone(&china_time()).naive_local();
    let report = NewReport {
        category,
        district,
        address,
        latitude,
        longitude,
        enterprise_id: None,
        enterprise_name: None,
        seen_at: local_now,
        description: get("description").unwrap_or_default(),
        photos: Vec::new(),
        reporter,
        website: String::new(),
    };
    let mut report = report;
    report.clean();
    report.validate(local_now).map_err(ApiError::Validation)?;
    let received_on = now.with_timezone(&china_time()).date_naive();
    let (handle_by, _) = reports::handle_by(received_on);
    let query_code = portal_store::codes::query_code();
    let record = ReportRecord {
        report: &report,
        code_hash: portal_store::codes::code_hash(&query_code),
        received_at: now,
        received_on,
        handle_by,
        source: "open311",
        trapped: false,
    };
    match state
        .store
        .create_report(&record, None, |_| String::new())
        .await?
    {
        Stored::Created { reference, .. } => {
            let created = vec![RequestCreated {
                service_notice: format!(
                    "已收到。查询码 {query_code}：凭受理编号 {reference} 和查询码可在本平台查询办理进度和答复，请妥善保存。将于 {handle_by} 前办结。"
                ),
                service_request_id: reference,
            }];
            Ok((StatusCode::CREATED, axum::Json(created)).into_response())
        }
        Stored::Invalid { field, problem } => Err(ApiError::field(field, problem)),
        Stored::Replayed { .. } | Stored::KeyReused => Err(ApiError::Internal(anyhow::anyhow!(
            "a request without an idempotency key was replayed"
        ))),
    }
}

/// A request's public status: open or closed, and its days. The times are
/// the start of the day (China time) they fall on: nothing finer, so that
/// an answer does not help tell who reported.
#[utoipa::path(
    get,
    path = "/api/open311/v2/requests/{service_request_id_json}",
    tag = "open311",
    params(("service_request_id_json" = String, Path, description = "The id the request was given, followed by `.json`.")),
    responses(
        (status = 200, description = "The request, as anyone may see it.", body = Vec<ServiceRequest>),
        (status = 404, description = "No such request.", body = Vec<Open311Error>),
        (status = 429, description = "Too many reads about reports from this address.", body = Vec<Open311Error>),
    )
)]
pub async fn request(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    Path(file): Path<String>,
) -> Response {
    if let Err(error) = state.reporting.limits.reads.check(client) {
        return from_api_error(error);
    }
    let Some(reference) = file.strip_suffix(".json").map(str::to_ascii_uppercase) else {
        return open311_error(StatusCode::NOT_FOUND, "No request has this id.");
    };
    let view = match state.store.report_view(&reference).await {
        Ok(Some(view)) => view,
        Ok(None) => return open311_error(StatusCode::NOT_FOUND, "No request has this id."),
        Err(error) => return from_api_error(error.into()),
    };
    let closed = matches!(
        view.status,
        ReportStatus::NotSubstantiated | ReportStatus::RewardPaid
    );
    let updated = view.history.last().map_or(view.received_at, |e| e.at);
    let expected = view
        .extended_to
        .unwrap_or(view.handle_by)
        .and_hms_opt(23, 59, 59)
        .and_then(|t| t.and_local_timezone(china_time()).single())
        .map_or(view.received_at, |t| t.with_timezone(&Utc));
    let start_of_day = |at: DateTime<Utc>| day_start(at.with_timezone(&china_time()).date_naive());
    let requested = start_of_day(view.received_at);
    let updated = start_of_day(updated);
    axum::Json(vec![ServiceRequest {
        service_request_id: view.reference,
        status: if closed { "closed" } else { "open" }.to_owned(),
        service_code: view.category.slug().to_owned(),
        service_name: service(view.category).service_name,
        requested_datetime: requested,
        updated_datetime: updated,
        expected_datetime: expected,
    }])
    .into_response()
}
