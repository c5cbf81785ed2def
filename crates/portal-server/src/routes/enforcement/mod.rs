//! Typical cases, listed major hazards, accident reports and statistics:
//! public reads, and the editors' writes (each audited by the store).

use portal_store::enforcement::Write;
use portal_store::staff::Audit;
use portal_types::Problem;
use portal_types::decisions::FieldErrors;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

mod accidents;
mod hazard_listings;
mod statistics;
mod typical_cases;

pub(super) use accidents::AccidentParams;
pub(super) use hazard_listings::HazardListingParams;
pub(super) use typical_cases::TypicalCaseParams;

/// Every route of this part, documented.
pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(typical_cases::typical_cases))
        .routes(routes!(typical_cases::typical_case))
        .routes(routes!(hazard_listings::hazard_listings))
        .routes(routes!(hazard_listings::hazard_listing))
        .routes(routes!(accidents::accidents))
        .routes(routes!(accidents::accident))
        .routes(routes!(statistics::statistics))
        .routes(routes!(statistics::statistics_csv))
        .routes(routes!(statistics::statistics_xlsx))
        .routes(routes!(typical_cases::create_typical_case))
        .routes(routes!(
            typical_cases::typical_case_source,
            typical_cases::update_typical_case
        ))
        .routes(routes!(hazard_listings::create_hazard_listing))
        .routes(routes!(hazard_listings::update_hazard_listing))
        .routes(routes!(hazard_listings::add_hazard_listing_step))
        .routes(routes!(accidents::create_accident))
        .routes(routes!(accidents::update_accident))
        .routes(routes!(accidents::assess))
}

pub(super) fn page_of(page: Option<u32>) -> ApiResult<u32> {
    let page = page.unwrap_or(1);
    if (1..=1000).contains(&page) {
        Ok(page)
    } else {
        Err(ApiError::field(
            "page",
            Problem::OutOfRange { min: 1, max: 1000 },
        ))
    }
}

fn outcome<T>(write: Write<T>, what: &str) -> ApiResult<T> {
    match write {
        Write::Done(value) => Ok(value),
        Write::NotFound => Err(ApiError::NotFound(format!(
            "There is no {what} with this number."
        ))),
        Write::Refused(errors) => Err(ApiError::Validation(errors)),
    }
}

fn valid(result: Result<(), FieldErrors>) -> ApiResult<()> {
    result.map_err(ApiError::Validation)
}

fn audit<'a>(actor: &'a portal_store::staff::Actor, action: &'a str) -> Audit<'a> {
    Audit {
        actor,
        action,
        target: String::new(),
        before: None,
        after: None,
    }
}
