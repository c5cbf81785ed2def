//! Typical cases, listed major hazards, accident reports and statistics:
//! public reads, and the editors' writes (each audited by the store).

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Months, NaiveDate};
use portal_store::clock::today_in_china;
use portal_store::enforcement::{ListingFilter, Write};
use portal_store::staff::Audit;
use portal_types::ApiErrorBody;
use portal_types::decisions::FieldErrors;
use portal_types::enforcement::{
    AccidentGrade, AccidentInput, AccidentPage, AccidentReport, AssessmentInput, Chart, ChartData,
    ExposedCase, ExposedCaseInput, ExposedCasePage, HazardListing, HazardListingPage, HazardStatus,
    ListingInput, Row, Saved, Statistics, StepInput,
};
use portal_types::{District, Industry};
use portal_types::{Problem, field_error};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::{ApiError, ApiResult, Json, Path, Query};
use crate::staff::{AsEditor, StaffSession};
use crate::state::AppState;

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

// ---------------------------------------------------------------------------
// Typical cases

/// The filters of the case list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseParams {
    /// Only cases of this industry.
    pub industry: Option<Industry>,
    /// Only cases published in this year.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    /// Page number, from 1 (20 cases a page).
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<u32>,
}

/// Typical violation cases exposed to the public (典型案例曝光), newest first.
#[utoipa::path(
    get,
    path = "/api/exposed-cases",
    tag = "enforcement",
    params(CaseParams),
    responses(
        (status = 200, description = "A page of cases.", body = ExposedCasePage),
        (status = 400, description = "A bad parameter, named.", body = ApiErrorBody),
    )
)]
pub async fn cases(
    State(state): State<AppState>,
    Query(params): Query<CaseParams>,
) -> ApiResult<Json<ExposedCasePage>> {
    let page = page_of(params.page)?;
    if params.year.is_some_and(|y| !(2000..=2100).contains(&y)) {
        return Err(ApiError::field(
            "year",
            Problem::OutOfRange {
                min: 2000,
                max: 2100,
            },
        ));
    }
    Ok(Json(
        state
            .store
            .case_page(params.industry, params.year, page)
            .await?,
    ))
}

/// A typical case: what happened, the lesson, the rules broken (each with
/// its education page) and the penalty decisions behind it.
#[utoipa::path(
    get,
    path = "/api/exposed-cases/{id}",
    tag = "enforcement",
    params(("id" = i64, Path, description = "The case's number.")),
    responses(
        (status = 200, description = "The case.", body = ExposedCase),
        (status = 404, description = "No such case.", body = ApiErrorBody),
    )
)]
pub async fn case(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> ApiResult<Json<ExposedCase>> {
    state
        .store
        .exposed_case(id, today_in_china())
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound("There is no case with this number.".to_owned()))
}

/// A case as last saved, for editing.
#[utoipa::path(
    get,
    path = "/api/staff/exposed-cases/{id}",
    tag = "staff",
    params(("id" = i64, Path, description = "The case's number.")),
    responses(
        (status = 200, description = "The case's fields.", body = ExposedCaseInput),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor.", body = ApiErrorBody),
        (status = 404, description = "No such case.", body = ApiErrorBody),
    )
)]
pub async fn case_source(
    State(state): State<AppState>,
    AsEditor(_session): AsEditor,
    Path(id): Path<i64>,
) -> ApiResult<Json<ExposedCaseInput>> {
    state
        .store
        .case_input(id)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound("There is no case with this number.".to_owned()))
}

async fn save_case(
    state: &AppState,
    session: &StaffSession,
    id: Option<i64>,
    input: &ExposedCaseInput,
) -> ApiResult<i64> {
    valid(input.validate(today_in_china()))?;
    let actor = session.actor();
    let action = if id.is_some() {
        "exposed-case.update"
    } else {
        "exposed-case.create"
    };
    outcome(
        state
            .store
            .save_case(id, input, audit(&actor, action))
            .await?,
        "case",
    )
}

/// Publishes a typical case.
#[utoipa::path(
    post,
    path = "/api/staff/exposed-cases",
    tag = "staff",
    request_body = ExposedCaseInput,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token.")),
    responses(
        (status = 201, description = "Published.", body = Saved),
        (status = 400, description = "A field is wrong (an unknown decision is named).", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
    )
)]
pub async fn create_case(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Json(input): Json<ExposedCaseInput>,
) -> ApiResult<(StatusCode, Json<Saved>)> {
    let id = save_case(&state, &session, None, &input).await?;
    Ok((StatusCode::CREATED, Json(Saved { id, version: None })))
}

/// Rewrites a typical case (its address stays).
#[utoipa::path(
    put,
    path = "/api/staff/exposed-cases/{id}",
    tag = "staff",
    request_body = ExposedCaseInput,
    params(
        ("id" = i64, Path, description = "The case's number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "Saved.", body = Saved),
        (status = 400, description = "A field is wrong.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such case.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
    )
)]
pub async fn update_case(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Path(id): Path<i64>,
    Json(input): Json<ExposedCaseInput>,
) -> ApiResult<Json<Saved>> {
    let id = save_case(&state, &session, Some(id), &input).await?;
    Ok(Json(Saved { id, version: None }))
}

// ---------------------------------------------------------------------------
// Listed major hazards

/// The filters of the listing list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListingParams {
    /// Only listings at this step.
    pub status: Option<HazardStatus>,
    /// Only listings still open after their rectification deadline.
    pub overdue: Option<bool>,
    pub district: Option<District>,
    pub industry: Option<Industry>,
    /// Page number, from 1 (20 listings a page).
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<u32>,
}

/// Major hazards under listed supervision (重大隐患挂牌督办), newest first.
#[utoipa::path(
    get,
    path = "/api/hazard-listings",
    tag = "enforcement",
    params(ListingParams),
    responses(
        (status = 200, description = "A page of listings, with today's overdue count.", body = HazardListingPage),
        (status = 400, description = "A bad parameter, named.", body = ApiErrorBody),
    )
)]
pub async fn listings(
    State(state): State<AppState>,
    Query(params): Query<ListingParams>,
) -> ApiResult<Json<HazardListingPage>> {
    let page = page_of(params.page)?;
    let filter = ListingFilter {
        status: params.status,
        overdue: params.overdue.unwrap_or(false),
        district: params.district,
        industry: params.industry,
    };
    Ok(Json(
        state
            .store
            .hazard_listing_page(&filter, page, today_in_china())
            .await?,
    ))
}

/// A listing: the hazard, what must be done, the deadline and every step.
#[utoipa::path(
    get,
    path = "/api/hazard-listings/{id}",
    tag = "enforcement",
    params(("id" = i64, Path, description = "The listing's number.")),
    responses(
        (status = 200, description = "The listing.", body = HazardListing),
        (status = 404, description = "No such listing.", body = ApiErrorBody),
    )
)]
pub async fn listing(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> ApiResult<Json<HazardListing>> {
    state
        .store
        .hazard_listing(id, today_in_china())
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound("There is no listing with this number.".to_owned()))
}

async fn save_listing(
    state: &AppState,
    session: &StaffSession,
    id: Option<i64>,
    input: &ListingInput,
) -> ApiResult<i64> {
    let mut errors = input.validate(today_in_china()).err().unwrap_or_default();
    let code = match super::publishing::stored_code(&input.credit_code) {
        Ok(code) => Some(code),
        Err(problem) => {
            field_error::add(&mut errors, "credit_code", problem);
            None
        }
    };
    let Some(code) = code.filter(|_| errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    let actor = session.actor();
    let action = if id.is_some() {
        "hazard-listing.update"
    } else {
        "hazard-listing.create"
    };
    outcome(
        state
            .store
            .save_hazard_listing(id, &code, input, audit(&actor, action))
            .await?,
        "listing",
    )
}

/// Places a major hazard under listed supervision.
#[utoipa::path(
    post,
    path = "/api/staff/hazard-listings",
    tag = "staff",
    request_body = ListingInput,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token.")),
    responses(
        (status = 201, description = "Listed.", body = Saved),
        (status = 400, description = "A field is wrong (an unknown credit code).", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
    )
)]
pub async fn create_listing(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Json(input): Json<ListingInput>,
) -> ApiResult<(StatusCode, Json<Saved>)> {
    let id = save_listing(&state, &session, None, &input).await?;
    Ok((StatusCode::CREATED, Json(Saved { id, version: None })))
}

/// Corrects a listing's details (its steps are changed only by new steps).
#[utoipa::path(
    put,
    path = "/api/staff/hazard-listings/{id}",
    tag = "staff",
    request_body = ListingInput,
    params(
        ("id" = i64, Path, description = "The listing's number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "Saved.", body = Saved),
        (status = 400, description = "A field is wrong.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such listing.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
    )
)]
pub async fn update_listing(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Path(id): Path<i64>,
    Json(input): Json<ListingInput>,
) -> ApiResult<Json<Saved>> {
    let id = save_listing(&state, &session, Some(id), &input).await?;
    Ok(Json(Saved { id, version: None }))
}

/// Moves a listing to its next step (listed → rectifying → accepted →
/// delisted), with the date and a public note.
#[utoipa::path(
    post,
    path = "/api/staff/hazard-listings/{id}/steps",
    tag = "staff",
    request_body = StepInput,
    params(
        ("id" = i64, Path, description = "The listing's number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "The listing's status now.", body = HazardStatus),
        (status = 400, description = "Not the next step, a date before the last step or in the future, or no note.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such listing.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
    )
)]
pub async fn add_step(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Path(id): Path<i64>,
    Json(step): Json<StepInput>,
) -> ApiResult<Json<HazardStatus>> {
    let actor = session.actor();
    let status = outcome(
        state
            .store
            .add_listing_step(
                id,
                &step,
                today_in_china(),
                audit(&actor, "hazard-listing.step"),
            )
            .await?,
        "listing",
    )?;
    Ok(Json(status))
}

// ---------------------------------------------------------------------------
// Accident reports

/// The filters of the report list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccidentParams {
    pub grade: Option<AccidentGrade>,
    /// Page number, from 1 (20 reports a page).
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<u32>,
}

/// Accident investigation reports (事故调查报告), newest accident first.
#[utoipa::path(
    get,
    path = "/api/accident-reports",
    tag = "enforcement",
    params(AccidentParams),
    responses(
        (status = 200, description = "A page of reports.", body = AccidentPage),
        (status = 400, description = "A bad parameter, named.", body = ApiErrorBody),
    )
)]
pub async fn accidents(
    State(state): State<AppState>,
    Query(params): Query<AccidentParams>,
) -> ApiResult<Json<AccidentPage>> {
    let page = page_of(params.page)?;
    Ok(Json(state.store.accident_page(params.grade, page).await?))
}

/// Which version of a report to read.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VersionParams {
    /// A version of the public history (the latest if not given).
    #[param(minimum = 1, maximum = 100000)]
    pub version: Option<i64>,
}

/// An accident investigation report in full, its public change history and
/// its rectification assessment.
#[utoipa::path(
    get,
    path = "/api/accident-reports/{id}",
    tag = "enforcement",
    params(("id" = i64, Path, description = "The report's number."), VersionParams),
    responses(
        (status = 200, description = "The report.", body = AccidentReport),
        (status = 400, description = "A version that is not a number.", body = ApiErrorBody),
        (status = 404, description = "No such report, or no such version of it.", body = ApiErrorBody),
    )
)]
pub async fn accident(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(params): Query<VersionParams>,
) -> ApiResult<Json<AccidentReport>> {
    state
        .store
        .accident_report(id, params.version)
        .await?
        .map(Json)
        .ok_or_else(|| {
            ApiError::NotFound(
                "There is no report (or no version of it) with this number.".to_owned(),
            )
        })
}

async fn save_accident(
    state: &AppState,
    session: &StaffSession,
    id: Option<i64>,
    input: &AccidentInput,
) -> ApiResult<(i64, i64)> {
    valid(input.validate(today_in_china(), id.is_some()))?;
    let actor = session.actor();
    let action = if id.is_some() {
        "accident-report.update"
    } else {
        "accident-report.create"
    };
    outcome(
        state
            .store
            .save_accident_report(id, input, audit(&actor, action))
            .await?,
        "report",
    )
}

/// Publishes an accident investigation report in full (version 1).
#[utoipa::path(
    post,
    path = "/api/staff/accident-reports",
    tag = "staff",
    request_body = AccidentInput,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token.")),
    responses(
        (status = 201, description = "Published.", body = Saved),
        (status = 400, description = "A field is wrong.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
    )
)]
pub async fn create_accident(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Json(input): Json<AccidentInput>,
) -> ApiResult<(StatusCode, Json<Saved>)> {
    let (id, version) = save_accident(&state, &session, None, &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(Saved {
            id,
            version: Some(version),
        }),
    ))
}

/// Publishes a new version of a report; the change note is shown in its
/// public history and every earlier version stays readable.
#[utoipa::path(
    put,
    path = "/api/staff/accident-reports/{id}",
    tag = "staff",
    request_body = AccidentInput,
    params(
        ("id" = i64, Path, description = "The report's number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "The new version is public.", body = Saved),
        (status = 400, description = "A field is wrong, or no change note.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such report.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
    )
)]
pub async fn update_accident(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Path(id): Path<i64>,
    Json(input): Json<AccidentInput>,
) -> ApiResult<Json<Saved>> {
    let (id, version) = save_accident(&state, &session, Some(id), &input).await?;
    Ok(Json(Saved {
        id,
        version: Some(version),
    }))
}

/// Publishes (or corrects) the rectification assessment of a report, made
/// within a year of its publication.
#[utoipa::path(
    put,
    path = "/api/staff/accident-reports/{id}/assessment",
    tag = "staff",
    request_body = AssessmentInput,
    params(
        ("id" = i64, Path, description = "The report's number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 204, description = "Published."),
        (status = 400, description = "A field is wrong (an assessment date outside the year after publication).", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not an editor, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such report.", body = ApiErrorBody),
        (status = 415, description = "The body is not JSON.", body = ApiErrorBody),
    )
)]
pub async fn assess(
    State(state): State<AppState>,
    AsEditor(session): AsEditor,
    Path(id): Path<i64>,
    Json(input): Json<AssessmentInput>,
) -> ApiResult<StatusCode> {
    let actor = session.actor();
    outcome(
        state
            .store
            .save_assessment(
                id,
                &input,
                today_in_china(),
                audit(&actor, "accident-report.assess"),
            )
            .await?,
        "report",
    )?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------------------
// Statistics

/// How many months the monthly charts show.
const MONTHS: u32 = 24;

fn months_from(first: NaiveDate) -> Vec<String> {
    (0..MONTHS)
        .filter_map(|i| first.checked_add_months(Months::new(i)))
        .map(|d| format!("{:04}-{:02}", d.year(), d.month()))
        .collect()
}

async fn statistics_of(state: &AppState) -> ApiResult<Statistics> {
    let today = today_in_china();
    let this_month = today.with_day(1).unwrap_or(today);
    let first = this_month
        .checked_sub_months(Months::new(MONTHS - 1))
        .unwrap_or(this_month);
    let months = months_from(first);
    let snapshot = state.decisions.snapshot(today);
    let figures = snapshot.index.figures(&snapshot.visible, first);
    let decision_series = vec!["decisions".to_owned(), "fines_fen".to_owned()];
    let by_month: std::collections::HashMap<&str, (i64, i64)> = figures
        .by_month
        .iter()
        .map(|(m, v)| (m.as_str(), *v))
        .collect();
    let decisions_by_month = ChartData {
        chart: Chart::DecisionsByMonth,
        series: decision_series.clone(),
        rows: months
            .iter()
            .map(|m| {
                let (n, fines) = by_month.get(m.as_str()).copied().unwrap_or_default();
                Row {
                    label: m.clone(),
                    values: vec![n, fines],
                }
            })
            .collect(),
    };
    let rows = |labels: Vec<&'static str>, values: &[(i64, i64)]| -> Vec<Row> {
        labels
            .into_iter()
            .zip(values)
            .map(|(label, &(n, fines))| Row {
                label: label.to_owned(),
                values: vec![n, fines],
            })
            .collect()
    };
    let decisions_by_district = ChartData {
        chart: Chart::DecisionsByDistrict,
        series: decision_series.clone(),
        rows: rows(
            District::ALL.iter().map(|d| d.slug()).collect(),
            &figures.by_district,
        ),
    };
    let decisions_by_industry = ChartData {
        chart: Chart::DecisionsByIndustry,
        series: decision_series,
        rows: rows(
            Industry::ALL.iter().map(|i| i.slug()).collect(),
            &figures.by_industry,
        ),
    };
    let reports: std::collections::HashMap<String, (i64, i64)> = state
        .store
        .reports_by_month(first)
        .await?
        .into_iter()
        .map(|(m, r, s)| (m, (r, s)))
        .collect();
    let reports_by_month = ChartData {
        chart: Chart::ReportsByMonth,
        series: vec!["received".to_owned(), "substantiated".to_owned()],
        rows: months
            .iter()
            .map(|m| {
                let (r, s) = reports.get(m).copied().unwrap_or_default();
                Row {
                    label: m.clone(),
                    values: vec![r, s],
                }
            })
            .collect(),
    };
    let listings: std::collections::HashMap<District, (i64, i64)> = state
        .store
        .listings_by_district(today)
        .await?
        .into_iter()
        .map(|(d, o, v)| (d, (o, v)))
        .collect();
    let listings_by_district = ChartData {
        chart: Chart::ListingsByDistrict,
        series: vec!["open".to_owned(), "overdue".to_owned()],
        rows: District::ALL
            .iter()
            .map(|d| {
                let (open, overdue) = listings.get(d).copied().unwrap_or_default();
                Row {
                    label: d.slug().to_owned(),
                    values: vec![open, overdue],
                }
            })
            .collect(),
    };
    Ok(Statistics {
        as_of: today,
        charts: vec![
            decisions_by_month,
            decisions_by_district,
            decisions_by_industry,
            reports_by_month,
            listings_by_district,
        ],
    })
}

/// The figures behind every chart of the statistics page: decisions in
/// public view and their fines by month (the last 24), district and
/// industry; hazard reports received and substantiated by month; listed
/// major hazards open and overdue by district.
#[utoipa::path(
    get,
    path = "/api/statistics",
    tag = "enforcement",
    responses((status = 200, description = "Every chart's figures.", body = Statistics))
)]
pub async fn statistics(State(state): State<AppState>) -> ApiResult<Json<Statistics>> {
    Ok(Json(statistics_of(&state).await?))
}

/// Which chart to download.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChartParams {
    pub chart: Chart,
}

fn series_header(series: &str) -> &'static str {
    match series {
        "decisions" => "处罚决定（件）",
        "fines_fen" => "罚款（元）",
        "received" => "收到举报（件）",
        "substantiated" => "查实（件）",
        "open" => "督办中（项）",
        "overdue" => "逾期未整改（项）",
        _ => "数值",
    }
}

fn label_of(chart: Chart, label: &str) -> String {
    match chart {
        Chart::DecisionsByDistrict | Chart::ListingsByDistrict => {
            District::from_slug(label).map_or_else(|| label.to_owned(), |d| d.name_zh().to_owned())
        }
        Chart::DecisionsByIndustry => {
            Industry::from_slug(label).map_or_else(|| label.to_owned(), |i| i.name_zh().to_owned())
        }
        Chart::DecisionsByMonth | Chart::ReportsByMonth => label.to_owned(),
    }
}

/// One chart's figures as CSV (UTF-8 with BOM, for Excel): the label
/// column, then one column per series; fines in yuan.
#[utoipa::path(
    get,
    path = "/api/statistics/export.csv",
    tag = "enforcement",
    params(ChartParams),
    responses(
        (status = 200, description = "The chart's table.", content_type = "text/csv", body = String),
        (status = 400, description = "No chart, or an unknown one.", body = ApiErrorBody),
    )
)]
pub async fn statistics_csv(
    State(state): State<AppState>,
    Query(params): Query<ChartParams>,
) -> ApiResult<Response> {
    let statistics = statistics_of(&state).await?;
    let Some(data) = statistics
        .charts
        .into_iter()
        .find(|c| c.chart == params.chart)
    else {
        return Err(ApiError::field("chart", Problem::NotListed));
    };
    let label_header = match data.chart {
        Chart::DecisionsByMonth | Chart::ReportsByMonth => "月份",
        Chart::DecisionsByDistrict | Chart::ListingsByDistrict => "区县",
        Chart::DecisionsByIndustry => "行业",
    };
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    let header: Vec<&str> = std::iter::once(label_header)
        .chain(data.series.iter().map(|s| series_header(s)))
        .collect();
    let csv_error = |e: csv::Error| ApiError::Internal(e.into());
    writer.write_record(&header).map_err(csv_error)?;
    for row in &data.rows {
        let mut record = vec![label_of(data.chart, &row.label)];
        for (series, value) in data.series.iter().zip(&row.values) {
            record.push(if series == "fines_fen" {
                format!("{}.{:02}", value / 100, value % 100)
            } else {
                value.to_string()
            });
        }
        writer.write_record(&record).map_err(csv_error)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}-{}.csv\"",
        data.chart.slug(),
        statistics.as_of
    )) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
