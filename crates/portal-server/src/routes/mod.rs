//! The JSON API: one module per resource, merged here, documented by the
//! OpenAPI document served at `/api/openapi.json` and browsable at `/api/docs`.

mod articles;
pub mod blacklist;
mod cases;
mod decisions;
mod education;
mod enforcement;
mod enterprises;
mod feeds;
mod health;
mod licences;
mod open311;
mod publishing;
mod repair;
pub mod reports;
mod site;
mod staff;

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::Method;
use axum::routing::{any, get};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use utoipa_swagger_ui::SwaggerUi;

use crate::error::ApiError;
use crate::state::AppState;

/// The API's documentation, completed by the routes registered below.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "济南市安全生产公众服务平台 API · Jinan Work Safety Portal API",
        description = "The public JSON API of the work-safety portal: penalty decisions, typical \
            cases, listed major hazards, accident reports, statistics, the blacklist, hazard reports and safety education. Every error answers with the \
            `ApiErrorBody` shape; timestamps are ISO 8601 with a time zone; dates are \
            calendar dates in China Standard Time.",
        license(name = "MIT OR Apache-2.0"),
    ),
    tags(
        (name = "site", description = "The portal itself: health and headline figures."),
        (name = "decisions", description = "Administrative penalty decisions (行政处罚决定) in public view."),
        (name = "licences", description = "Administrative licences (行政许可): the safety licences the city issues or supervises, with their status and history."),
        (name = "enforcement", description = "Enforcement information beyond decisions: typical cases (典型案例曝光), major hazards under listed supervision (重大隐患挂牌督办), accident investigation reports (事故调查报告), statistics."),
        (name = "reports", description = "Hazard reports (隐患举报): photos, submission, status."),
        (name = "enterprises", description = "The enterprise directory."),
        (name = "blacklist", description = "The work-safety blacklist (安全生产严重失信主体名单)."),
        (name = "education", description = "Safety education (安全宣传教育): articles and quizzes."),
        (name = "staff", description = "The staff workspace: sign-in, accounts, audit. Needs a session cookie; state-changing requests also need the session's X-CSRF-Token."),
        (name = "open311", description = "Open311 GeoReport v2 (JSON) for existing civic clients."),
    ),
    components(schemas(
        portal_types::ApiErrorBody,
        portal_types::ErrorCode,
        portal_types::FieldError,
        portal_types::Problem
    ))
)]
struct ApiDoc;

/// The OpenAPI document of every route, as the code declares it.
pub fn openapi() -> utoipa::openapi::OpenApi {
    documented().1
}

/// The documented routes, and their document with the shared answers.
fn documented() -> (axum::Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut document) = documented_routes().split_for_parts();
    document_shared_answers(&mut document);
    (router, document)
}

/// Adds to every operation the answers that the layers every request
/// passes through can give, which no handler declares: 503 (the database
/// or a queue is busy, or the 30 s limit passed); for a request with a
/// body, 413 (over the body limit), 415 (not the media type it takes) and
/// 400 (a body that cannot be read as it); for the staff workspace, 401
/// (not signed in) and 403 (the role or the CSRF token). An answer a
/// handler declares itself is kept as it is.
fn document_shared_answers(document: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    let answer = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ApiErrorBody")))
                    .build(),
            )
            .build()
    };
    for (path, item) in &mut document.paths.paths {
        let operations = [
            ("get", item.get.as_mut()),
            ("put", item.put.as_mut()),
            ("post", item.post.as_mut()),
            ("delete", item.delete.as_mut()),
            ("patch", item.patch.as_mut()),
        ];
        for (method, operation) in operations {
            let Some(operation) = operation else {
                continue;
            };
            // Signing in is the one staff operation without a session.
            let staff = path.starts_with("/api/staff")
                && !(path == "/api/staff/session" && method == "post");
            let mut shared = vec![(
                "503",
                "Busy: the database or a work queue did not answer in time; retry after `Retry-After` seconds.",
            )];
            if operation.request_body.is_some() {
                shared.extend([
                    ("400", "The body cannot be read as this operation takes it."),
                    ("413", "The body is larger than this operation accepts."),
                    (
                        "415",
                        "The body is not of the media type this operation takes.",
                    ),
                ]);
            }
            if staff {
                shared.extend([
                    ("401", "Not signed in, or the session has ended."),
                    ("403", "The session's role may not do this, or the CSRF token is missing or wrong."),
                ]);
            }
            for (status, description) in shared {
                operation
                    .responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| answer(description).into());
            }
        }
    }
}

/// `GET /api/openapi.json`: the document, completed with what only the data
/// knows (the authorities a search accepts), so that it describes exactly
/// what the server accepts.
async fn openapi_json(
    State(state): State<AppState>,
    document: Arc<utoipa::openapi::OpenApi>,
) -> axum::Json<utoipa::openapi::OpenApi> {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
    let mut document = (*document).clone();
    let snapshot = state
        .decisions
        .snapshot(portal_store::clock::today_in_china());
    let authorities: Vec<String> = snapshot.index.authorities().map(str::to_owned).collect();
    for path in [
        "/api/decisions",
        "/api/decisions/export.csv",
        "/api/decisions/export.json",
        "/api/decisions/export.xlsx",
        "/api/decisions/feed.atom",
    ] {
        let Some(operation) = document
            .paths
            .paths
            .get_mut(path)
            .and_then(|item| item.get.as_mut())
        else {
            continue;
        };
        for parameter in operation.parameters.iter_mut().flatten() {
            if let utoipa::openapi::RefOr::T(parameter) = parameter
                && parameter.name == "authority"
            {
                parameter.schema = Some(
                    ArrayBuilder::new()
                        .items(
                            ObjectBuilder::new()
                                .schema_type(Type::String)
                                .enum_values(Some(authorities.clone())),
                        )
                        .into(),
                );
            }
        }
    }
    axum::Json(document)
}

fn documented_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::health))
        .routes(routes!(health::ready))
        .routes(routes!(health::live))
        .routes(routes!(site::info))
        .routes(routes!(site::figures))
        .routes(routes!(decisions::search))
        .routes(routes!(decisions::export::export_csv))
        .routes(routes!(decisions::export::export_json))
        .routes(routes!(decisions::export::export_xlsx))
        .routes(routes!(decisions::feed::feed))
        .routes(routes!(decisions::detail))
        .routes(routes!(licences::search))
        .routes(routes!(licences::licence))
        .routes(routes!(feeds::typical_cases))
        .routes(routes!(feeds::hazard_listings))
        .routes(routes!(feeds::accidents))
        .merge(enforcement::router())
        .routes(routes!(reports::submit))
        .routes(routes!(reports::status))
        .routes(routes!(reports::recent))
        .routes(routes!(reports::delete_photo))
        .routes(routes!(enterprises::matches))
        .routes(routes!(blacklist::check))
        .routes(routes!(blacklist::listed))
        .routes(routes!(blacklist::profile))
        .routes(routes!(blacklist::verify))
        .routes(routes!(repair::apply_for_repair))
        .routes(routes!(repair::repair_status))
        .routes(routes!(repair::supplement_repair))
        .routes(routes!(repair::open_repairs))
        .routes(routes!(repair::repair_case))
        .routes(routes!(repair::repair_document))
        .routes(routes!(repair::decide_repair))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(blacklist::batch))
                .routes(routes!(blacklist::batch_csv))
                .routes(routes!(blacklist::batch_xlsx))
                .layer(DefaultBodyLimit::max(256 * 1024)),
        )
        .routes(routes!(education::index))
        .routes(routes!(education::articles))
        .routes(routes!(education::article))
        .routes(routes!(education::quiz))
        .routes(routes!(staff::sign_in, staff::current, staff::sign_out))
        .routes(routes!(staff::change_password))
        .routes(routes!(staff::accounts, staff::create_account))
        .routes(routes!(staff::disable_account))
        .routes(routes!(staff::enable_account))
        .routes(routes!(staff::reset_password))
        .routes(routes!(staff::audit))
        .routes(routes!(articles::list))
        .routes(routes!(articles::preview))
        .routes(routes!(articles::source, articles::save))
        .routes(routes!(publishing::revoke))
        .routes(routes!(licences::change_status))
        .routes(routes!(publishing::edit))
        .routes(routes!(publishing::add_listing))
        .routes(routes!(publishing::remove_listing))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(publishing::import))
                .routes(routes!(licences::import))
                .layer(DefaultBodyLimit::max(publishing::MAX_IMPORT_BYTES)),
        )
        .routes(routes!(cases::queue))
        .routes(routes!(cases::case))
        .routes(routes!(cases::photo))
        .routes(routes!(cases::change_status))
        .routes(routes!(cases::link_decision))
        .routes(routes!(cases::decide_reward))
        .routes(routes!(cases::mark_paid))
        .routes(routes!(cases::extend))
        .routes(routes!(cases::reporter))
        .routes(routes!(open311::services))
        .routes(routes!(open311::definition))
        .routes(routes!(open311::create))
        .routes(routes!(open311::request))
        .merge(
            // Photos are the one large body the API accepts.
            OpenApiRouter::new()
                .routes(routes!(reports::upload_photo))
                .routes(routes!(repair::upload_repair_document))
                .layer(DefaultBodyLimit::max(
                    portal_types::reports::MAX_PHOTO_BYTES,
                )),
        )
}

/// Every route of the API, with its documentation pages and JSON fallbacks.
pub fn api_router(state: AppState) -> Router {
    let (router, document) = documented();
    let document = Arc::new(document);
    router
        .route(
            "/api/openapi.json",
            get(move |state: State<AppState>| openapi_json(state, Arc::clone(&document))),
        )
        .merge(
            SwaggerUi::new("/api/docs")
                .config(utoipa_swagger_ui::Config::from("/api/openapi.json")),
        )
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
        .method_not_allowed_fallback(method_not_allowed)
        // JSON bodies are small; photos set their own limit above.
        .layer(DefaultBodyLimit::max(64 * 1024))
        .with_state(state)
}

async fn not_found(method: Method) -> ApiError {
    let _ = method;
    ApiError::NotFound("There is no API resource at this address.".to_owned())
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

/// A file to download: `body` as `content_type`, saved as `name`.
pub(crate) fn download(
    body: impl axum::response::IntoResponse,
    content_type: &'static str,
    name: &str,
) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// A one-sheet workbook of `rows`, written on a blocking thread.
pub(crate) async fn workbook(
    sheet_name: &'static str,
    columns: Vec<crate::spreadsheet::Column>,
    rows: Vec<Vec<String>>,
) -> Result<Vec<u8>, ApiError> {
    tokio::task::spawn_blocking(move || {
        let mut sheet = crate::spreadsheet::SheetWriter::new(sheet_name, &columns)?;
        for row in &rows {
            sheet.row(row)?;
        }
        sheet.finish()
    })
    .await
    .map_err(|e| ApiError::Internal(e.into()))?
    .map_err(|e| ApiError::Internal(e.into()))
}

/// The text of an uploaded text or CSV body with Content-Type
/// `content_type`: UTF-8 (with or without a byte-order mark), or GB18030 —
/// which GBK and GB2312 are part of, and what Excel on Chinese Windows saves
/// a CSV in — when the charset says so or the bytes are not UTF-8. `None`
/// when it is neither, or another charset is declared.
pub(crate) fn decode_text(content_type: &str, body: &[u8]) -> Option<String> {
    let charset = content_type.split(';').skip(1).find_map(|p| {
        let (key, value) = p.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_ascii_lowercase())
    });
    match charset.as_deref() {
        None | Some("utf-8" | "utf8") => {
            if let Ok(text) = std::str::from_utf8(body) {
                return Some(text.trim_start_matches('\u{feff}').to_owned());
            }
            if charset.is_some() {
                return None;
            }
        }
        Some("gb18030" | "gbk" | "gb2312") => {}
        Some(_) => return None,
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(body)
        .map(std::borrow::Cow::into_owned)
}
