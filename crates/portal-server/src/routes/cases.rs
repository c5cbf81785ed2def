//! Case handling of hazard reports (case handlers only): the queue, a case,
//! its photos, status changes with public replies, the decision it led to,
//! the reward and its payment, and — deliberately, logged — the reporter.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use portal_store::cases::{Change, QueueFilter};
use portal_store::clock::today_in_china;
use portal_store::staff::Audit;
use portal_types::Problem;
use portal_types::reports::reward;
use portal_types::reports::{FEEDBACK_DAYS, ReportCategory, ReportStatus};
use portal_types::staff::cases::{
    CaseDetail, CaseQueue, DecidedBasis, DecisionLink, Extension, MAX_CONCEALED_DEATHS,
    MAX_REASON_CHARS, MAX_REPLY_CHARS, QUEUE_PAGE_SIZE, Reporter, RewardBasis, RewardDecision,
    RewardGround, RewardPaid, StatusChange,
};
use portal_types::{ApiErrorBody, District};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::{ApiError, ApiResult, Json, Path, Query};
use crate::staff::AsCaseHandler;
use crate::state::AppState;

const NO_REPORT: &str = "There is no report with this reference.";

fn outcome<T>(change: Change<T>) -> ApiResult<T> {
    match change {
        Change::Done(value) => Ok(value),
        Change::NotFound => Err(ApiError::NotFound(NO_REPORT.to_owned())),
        Change::WrongStatus(status) => Err(ApiError::Conflict(format!(
            "The report is {}; this step does not apply to it now.",
            status.name_en().to_lowercase()
        ))),
        Change::Refused(field, problem) => Err(ApiError::field(field, problem)),
    }
}

fn check_reply(reply: &str) -> ApiResult<()> {
    if reply.chars().count() > MAX_REPLY_CHARS
        || portal_types::text::has_control_characters(&reply.replace(['\n', '\r', '\t'], " "))
    {
        return Err(ApiError::field(
            "reply",
            Problem::TooLong {
                max: MAX_REPLY_CHARS,
            },
        ));
    }
    Ok(())
}

async fn detail(state: &AppState, reference: &str) -> ApiResult<Json<CaseDetail>> {
    state
        .store
        .case_detail(reference)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(NO_REPORT.to_owned()))
}

/// The filters of the queue.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueParams {
    /// Only this status.
    pub status: Option<ReportStatus>,
    /// Only this category.
    pub category: Option<ReportCategory>,
    /// Only this district.
    pub district: Option<District>,
    /// Only reports still open past their handling deadline.
    pub overdue: Option<bool>,
    /// Only reports received at least this many days ago.
    #[param(minimum = 0, maximum = 3650)]
    pub older_than_days: Option<u32>,
    /// The page, from 1.
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<u32>,
}

/// The queue of reports, oldest first.
#[utoipa::path(
    get,
    path = "/api/staff/reports",
    tag = "staff",
    params(QueueParams),
    responses(
        (status = 200, description = "A page of the queue.", body = CaseQueue),
        (status = 400, description = "A bad filter.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not a case handler.", body = ApiErrorBody),
    )
)]
pub async fn queue(
    State(state): State<AppState>,
    AsCaseHandler(_): AsCaseHandler,
    Query(params): Query<QueueParams>,
) -> ApiResult<Json<CaseQueue>> {
    let page = params.page.unwrap_or(1);
    if !(1..=100_000).contains(&page) {
        return Err(ApiError::field(
            "page",
            Problem::OutOfRange {
                min: 1,
                max: 100_000,
            },
        ));
    }
    let today = today_in_china();
    let received_by = match params.older_than_days {
        Some(days) if days > 3650 => {
            return Err(ApiError::field(
                "older_than_days",
                Problem::OutOfRange { min: 0, max: 3650 },
            ));
        }
        Some(days) => Some(today - chrono::Duration::days(i64::from(days))),
        None => None,
    };
    let filter = QueueFilter {
        status: params.status,
        category: params.category,
        district: params.district,
        overdue: params.overdue.unwrap_or(false),
        received_by,
    };
    let (items, total) = state
        .store
        .case_queue(&filter, today, page, QUEUE_PAGE_SIZE)
        .await?;
    Ok(Json(CaseQueue {
        items,
        total,
        page,
        per_page: QUEUE_PAGE_SIZE,
    }))
}

/// One case: the report, its history with replies, the linked decision,
/// the reward; never who reported it.
#[utoipa::path(
    get,
    path = "/api/staff/reports/{reference}",
    tag = "staff",
    params(("reference" = String, Path, description = "The report's reference number.")),
    responses(
        (status = 200, description = "The case.", body = CaseDetail),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not a case handler.", body = ApiErrorBody),
        (status = 404, description = "No such report.", body = ApiErrorBody),
    )
)]
pub async fn case(
    State(state): State<AppState>,
    AsCaseHandler(_): AsCaseHandler,
    Path(reference): Path<String>,
) -> ApiResult<Json<CaseDetail>> {
    detail(&state, &reference).await
}

/// A photo of a case (JPEG, re-encoded at upload without metadata).
#[utoipa::path(
    get,
    path = "/api/staff/reports/{reference}/photos/{position}",
    tag = "staff",
    params(
        ("reference" = String, Path, description = "The report's reference number."),
        ("position" = u32, Path, description = "The photo's number, from 0."),
    ),
    responses(
        (status = 200, description = "The photo.", content_type = "image/jpeg"),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not a case handler.", body = ApiErrorBody),
        (status = 404, description = "No such photo.", body = ApiErrorBody),
    )
)]
pub async fn photo(
    State(state): State<AppState>,
    AsCaseHandler(_): AsCaseHandler,
    Path((reference, position)): Path<(String, u32)>,
) -> ApiResult<Response> {
    let bytes = state
        .store
        .case_photo(&reference, position)
        .await?
        .ok_or_else(|| ApiError::NotFound("There is no such photo.".to_owned()))?;
    Ok(([(header::CONTENT_TYPE, "image/jpeg")], bytes).into_response())
}

/// Moves a case on (received → accepted → under investigation →
/// substantiated or not), with the reply the reporter reads.
#[utoipa::path(
    post,
    path = "/api/staff/reports/{reference}/status",
    tag = "staff",
    request_body = StatusChange,
    params(
        ("reference" = String, Path, description = "The report's reference number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "The case after the change.", body = CaseDetail),
        (status = 400, description = "A bad reply.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not a case handler, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such report.", body = ApiErrorBody),
        (status = 409, description = "The report's status does not allow this step.", body = ApiErrorBody),
    )
)]
pub async fn change_status(
    State(state): State<AppState>,
    AsCaseHandler(session): AsCaseHandler,
    Path(reference): Path<String>,
    Json(body): Json<StatusChange>,
) -> ApiResult<Json<CaseDetail>> {
    check_reply(&body.reply)?;
    let feedback_by = today_in_china() + chrono::Duration::days(FEEDBACK_DAYS.cast_signed());
    let actor = session.actor();
    outcome(
        state
            .store
            .change_case_status(
                &reference,
                body.status,
                &body.reply,
                feedback_by,
                Audit {
                    actor: &actor,
                    action: "report.status",
                    target: format!("report:{reference}"),
                    before: None,
                    after: None,
                },
            )
            .await?,
    )?;
    detail(&state, &reference).await
}

/// Links a case to the penalty decision it led to.
#[utoipa::path(
    post,
    path = "/api/staff/reports/{reference}/decision",
    tag = "staff",
    request_body = DecisionLink,
    params(
        ("reference" = String, Path, description = "The report's reference number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "The case after the change.", body = CaseDetail),
        (status = 400, description = "No decision has this number.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not a case handler, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such report.", body = ApiErrorBody),
    )
)]
pub async fn link_decision(
    State(state): State<AppState>,
    AsCaseHandler(session): AsCaseHandler,
    Path(reference): Path<String>,
    Json(body): Json<DecisionLink>,
) -> ApiResult<Json<CaseDetail>> {
    let actor = session.actor();
    outcome(
        state
            .store
            .link_case_decision(
                &reference,
                body.decision_id,
                Audit {
                    actor: &actor,
                    action: "report.link-decision",
                    target: format!("report:{reference}"),
                    before: None,
                    after: None,
                },
            )
            .await?,
    )?;
    detail(&state, &reference).await
}

/// Decides the reward of a substantiated report: 15 % of the linked
/// decision's fine (3,000 to 300,000 yuan), or so much per concealed death
/// by accident grade; an amount set by hand needs a reason.
#[utoipa::path(
    post,
    path = "/api/staff/reports/{reference}/reward",
    tag = "staff",
    request_body = RewardDecision,
    params(
        ("reference" = String, Path, description = "The report's reference number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "The case after the decision.", body = CaseDetail),
        (status = 400, description = "A bad field (no linked decision, an override without a reason, an anonymous report …).", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not a case handler, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such report.", body = ApiErrorBody),
        (status = 409, description = "The report is not substantiated.", body = ApiErrorBody),
    )
)]
pub async fn decide_reward(
    State(state): State<AppState>,
    AsCaseHandler(session): AsCaseHandler,
    Path(reference): Path<String>,
    Json(body): Json<RewardDecision>,
) -> ApiResult<Json<CaseDetail>> {
    check_reply(&body.reply)?;
    let (computed, ground) = match body.basis {
        RewardBasis::Fine => {
            let Some(fine) = state.store.case_decision_fine(&reference).await? else {
                return Err(ApiError::field("basis", Problem::DecisionNotLinked));
            };
            (reward::for_fine(fine), RewardGround::Fine)
        }
        RewardBasis::Accident => {
            let Some(grade) = body.grade else {
                return Err(ApiError::field("grade", Problem::NotListed));
            };
            let deaths = match body.deaths {
                Some(deaths @ 1..=MAX_CONCEALED_DEATHS) => deaths,
                _ => {
                    return Err(ApiError::field(
                        "deaths",
                        Problem::OutOfRange {
                            min: 1,
                            max: i64::from(MAX_CONCEALED_DEATHS),
                        },
                    ));
                }
            };
            (
                reward::for_concealed_accident(grade, deaths),
                RewardGround::Accident { grade, deaths },
            )
        }
    };
    let reason = body
        .override_reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let amount = match body.amount_yuan {
        Some(amount) if amount != computed => {
            if amount > reward::MAXIMUM {
                return Err(ApiError::field(
                    "amount_yuan",
                    Problem::OutOfRange {
                        min: 0,
                        max: i64::try_from(reward::MAXIMUM).unwrap_or(i64::MAX),
                    },
                ));
            }
            match reason {
                Some(r) if r.chars().count() <= MAX_REASON_CHARS => {}
                Some(_) => {
                    return Err(ApiError::field(
                        "override_reason",
                        Problem::TooLong {
                            max: MAX_REASON_CHARS,
                        },
                    ));
                }
                None => {
                    return Err(ApiError::field("override_reason", Problem::Required));
                }
            }
            amount
        }
        _ => computed,
    };
    let actor = session.actor();
    outcome(
        state
            .store
            .decide_case_reward(
                &reference,
                amount,
                DecidedBasis {
                    ground,
                    overridden: amount != computed,
                },
                if amount == computed { None } else { reason },
                &body.reply,
                Audit {
                    actor: &actor,
                    action: "report.reward",
                    target: format!("report:{reference}"),
                    before: None,
                    after: None,
                },
            )
            .await?,
    )?;
    detail(&state, &reference).await
}

/// Marks a decided reward paid.
#[utoipa::path(
    post,
    path = "/api/staff/reports/{reference}/paid",
    tag = "staff",
    request_body = RewardPaid,
    params(
        ("reference" = String, Path, description = "The report's reference number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "The case after the change.", body = CaseDetail),
        (status = 400, description = "A bad reply.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not a case handler, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such report.", body = ApiErrorBody),
        (status = 409, description = "No reward has been decided.", body = ApiErrorBody),
    )
)]
pub async fn mark_paid(
    State(state): State<AppState>,
    AsCaseHandler(session): AsCaseHandler,
    Path(reference): Path<String>,
    Json(body): Json<RewardPaid>,
) -> ApiResult<Json<CaseDetail>> {
    check_reply(&body.reply)?;
    let actor = session.actor();
    outcome(
        state
            .store
            .mark_case_reward_paid(
                &reference,
                &body.reply,
                Audit {
                    actor: &actor,
                    action: "report.paid",
                    target: format!("report:{reference}"),
                    before: None,
                    after: None,
                },
            )
            .await?,
    )?;
    detail(&state, &reference).await
}

/// Shows who reported a case. A deliberate step (a POST, not part of the
/// case), and every use is in the audit log. `null` for an anonymous report.
#[utoipa::path(
    post,
    path = "/api/staff/reports/{reference}/reporter",
    tag = "staff",
    params(
        ("reference" = String, Path, description = "The report's reference number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "The reporter, or null when anonymous.", body = Option<Reporter>),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not a case handler, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such report.", body = ApiErrorBody),
    )
)]
pub async fn reporter(
    State(state): State<AppState>,
    AsCaseHandler(session): AsCaseHandler,
    Path(reference): Path<String>,
) -> ApiResult<Json<Option<Reporter>>> {
    let actor = session.actor();
    outcome(
        state
            .store
            .case_reporter(
                &reference,
                Audit {
                    actor: &actor,
                    action: "report.reporter-view",
                    target: format!("report:{reference}"),
                    before: None,
                    after: None,
                },
            )
            .await?,
    )
    .map(Json)
}

/// Extends the 60-day handling deadline once, by 30 days, with the reply
/// the reporter reads (why it takes longer).
#[utoipa::path(
    post,
    path = "/api/staff/reports/{reference}/extend",
    tag = "staff",
    request_body = Extension,
    params(
        ("reference" = String, Path, description = "The report's reference number."),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token."),
    ),
    responses(
        (status = 200, description = "The case after the extension.", body = CaseDetail),
        (status = 400, description = "No reason, or extended before.", body = ApiErrorBody),
        (status = 401, description = "Not signed in.", body = ApiErrorBody),
        (status = 403, description = "Not a case handler, or no CSRF token.", body = ApiErrorBody),
        (status = 404, description = "No such report.", body = ApiErrorBody),
        (status = 409, description = "The case is no longer open.", body = ApiErrorBody),
    )
)]
pub async fn extend(
    State(state): State<AppState>,
    AsCaseHandler(session): AsCaseHandler,
    Path(reference): Path<String>,
    Json(body): Json<Extension>,
) -> ApiResult<Json<CaseDetail>> {
    check_reply(&body.reply)?;
    if body.reply.trim().is_empty() {
        return Err(ApiError::field("reply", Problem::Required));
    }
    let actor = session.actor();
    outcome(
        state
            .store
            .extend_case(
                &reference,
                portal_types::reports::EXTENSION_DAYS,
                &body.reply,
                Audit {
                    actor: &actor,
                    action: "report.extend",
                    target: format!("report:{reference}"),
                    before: None,
                    after: None,
                },
            )
            .await?,
    )?;
    detail(&state, &reference).await
}
