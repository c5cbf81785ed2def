//! The JSON API: one module per resource, merged here, documented by the
//! OpenAPI document served at `/api/openapi.json` and browsable at `/api/docs`.

mod decisions;
mod health;
mod site;

use axum::Router;
use axum::http::Method;
use axum::routing::any;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use utoipa_swagger_ui::SwaggerUi;

use crate::AppState;
use crate::error::ApiError;

/// The API's documentation, completed by the routes registered below.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "济南市安全生产公众服务平台 API · Jinan Work Safety Portal API",
        description = "The public JSON API of the work-safety portal: penalty decisions, the \
            blacklist, hazard reports and safety education. Every error answers with the \
            `ApiErrorBody` shape; timestamps are ISO 8601 with a time zone; dates are \
            calendar dates in China Standard Time.",
        license(name = "MIT OR Apache-2.0"),
    ),
    tags(
        (name = "site", description = "The portal itself: health and headline figures."),
        (name = "decisions", description = "Administrative penalty decisions (行政处罚决定) in public view."),
    ),
    components(schemas(portal_types::ApiErrorBody, portal_types::ErrorCode))
)]
struct ApiDoc;

/// The OpenAPI document of every route.
pub fn openapi() -> utoipa::openapi::OpenApi {
    documented_routes().split_for_parts().1
}

fn documented_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::health))
        .routes(routes!(site::info))
        .routes(routes!(site::figures))
        .routes(routes!(decisions::search))
        .routes(routes!(decisions::export::export_csv))
        .routes(routes!(decisions::export::export_json))
        .routes(routes!(decisions::feed::feed))
        .routes(routes!(decisions::detail))
}

/// Every route of the API, with its documentation pages and JSON fallbacks.
pub fn api_router(state: AppState) -> Router {
    let (router, document) = documented_routes().split_for_parts();
    router
        .merge(SwaggerUi::new("/api/docs").url("/api/openapi.json", document))
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
}

async fn not_found(method: Method) -> ApiError {
    let _ = method;
    ApiError::NotFound("There is no API resource at this address.".to_owned())
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
