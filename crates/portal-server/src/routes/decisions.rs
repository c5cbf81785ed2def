//! Penalty decisions: search with facets, a permanent address per decision,
//! exports of any result set, and an Atom feed of the newest.
//!
//! A decision past its disclosure deadline (公示截止期) leaves every list,
//! export and feed by itself, and its address answers 410 Gone.

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use futures_util::stream::{self, StreamExt};
use portal_store::clock::today_in_china;
use portal_types::Problem;
use portal_types::decisions::{
    DecisionDetail, DecisionFacets, DecisionPage, DecisionQuery, DecisionSort, ExactKind,
    ExactMatch,
};
use portal_types::{ApiErrorBody, District, Industry, PenaltyCategory};
use utoipa::IntoParams;

use crate::error::{ApiError, ApiResult, Path};
use crate::search::{SearchError, SearchResult, Snapshot};
use crate::state::AppState;

pub mod export;
pub mod feed;

/// The query parameters of a search (documentation of [`DecisionQuery`]).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct DecisionQueryParams {
    /// Words to find in the party's name, the decision number, the credit code,
    /// the violation and the facts (every word must match; one- and
    /// two-character Chinese words work). A decision number or credit code
    /// given exactly is recognised (see `exact` in the answer). No control
    /// characters.
    #[param(max_length = 100, pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$")]
    q: Option<String>,
    /// Districts (alternatives).
    #[param(inline)]
    district: Option<Vec<District>>,
    /// Industries (alternatives).
    #[param(inline)]
    industry: Option<Vec<Industry>>,
    /// Penalty categories (alternatives).
    #[param(inline)]
    category: Option<Vec<PenaltyCategory>>,
    /// Deciding authorities, by full name (alternatives). The document lists
    /// the authorities that have made decisions; any other is refused.
    authority: Option<Vec<String>>,
    /// Years of the decision date (alternatives).
    #[param(minimum = 2000, maximum = 2100)]
    year: Option<Vec<i32>>,
    /// Smallest fine, in whole yuan.
    #[param(minimum = 0, maximum = 10_000_000_000_u64)]
    fine_min: Option<u64>,
    /// Largest fine, in whole yuan (bounds given backwards are swapped).
    #[param(minimum = 0, maximum = 10_000_000_000_u64)]
    fine_max: Option<u64>,
    /// Earliest decision date (YYYY-MM-DD).
    #[param(value_type = Option<String>, format = Date)]
    from: Option<String>,
    /// Latest decision date (YYYY-MM-DD; bounds given backwards are swapped).
    #[param(value_type = Option<String>, format = Date)]
    to: Option<String>,
    /// Order of the results.
    #[param(inline)]
    sort: Option<DecisionSort>,
    /// Page number, from 1.
    #[param(minimum = 1, maximum = 500)]
    page: Option<u32>,
    /// Results per page.
    #[param(minimum = 1, maximum = 100)]
    page_size: Option<u32>,
}

/// Parses a raw query string into a search, or a 400 naming each bad parameter.
pub fn parse_query(raw: Option<&str>) -> Result<DecisionQuery, ApiError> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .into_owned()
        .collect();
    DecisionQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(ApiError::Validation)
}

pub(crate) fn search_error(error: SearchError) -> ApiError {
    match error {
        SearchError::UnknownAuthority(_) => ApiError::field("authority", Problem::NotListed),
    }
}

/// A weak ETag for a search on this snapshot.
fn etag(snapshot: &Snapshot, key: &str) -> HeaderValue {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut hasher);
    let value = format!(
        "W/\"{}-{}-{:016x}\"",
        snapshot.generation,
        snapshot.day.format("%Y%m%d"),
        hasher.finish()
    );
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("W/\"0\""))
}

fn not_modified(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim() == etag.to_str().unwrap_or_default() || t.trim() == "*")
        })
}

fn cached(etag: HeaderValue) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    response.headers_mut().insert(header::ETAG, etag);
    response
}

/// Searches the decisions in public view, with facet counts.
///
/// When the text is exactly a decision number, the answer holds that
/// decision alone (and no facet counts); when it is a credit code, the
/// decisions of that party. Either way `exact` says so.
#[utoipa::path(
    get,
    path = "/api/decisions",
    tag = "decisions",
    params(DecisionQueryParams),
    responses(
        (status = 200, description = "A page of matching decisions, with facet counts.", body = DecisionPage,
            headers(("ETag" = String, description = "Send back in If-None-Match to get 304 when nothing changed."))),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match."),
        (status = 400, description = "A parameter is invalid; `fields` names each.", body = ApiErrorBody),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let query = parse_query(raw.as_deref())?;
    let snapshot = state.decisions.snapshot(today_in_china());
    let tag = etag(&snapshot, &format!("{:?}", query.to_pairs()));
    if not_modified(&headers, &tag) {
        return Ok(cached(tag));
    }
    // A decision number typed exactly finds that decision alone.
    let mut query = query;
    let exact_number = exact_decision_number(&state, &snapshot, &query).await?;
    let result = match exact_number {
        Some(id) => SearchResult {
            total: 1,
            ids: vec![id],
            facets: DecisionFacets::default(),
            exact: Some(ExactMatch {
                kind: ExactKind::DecisionNo,
                id: Some(id),
            }),
        },
        None => snapshot.search(&query).map_err(search_error)?,
    };
    if exact_number.is_some() {
        query.page = 1;
    }
    let items = state.store.decision_summaries(&result.ids).await?;
    let page = DecisionPage {
        total: result.total,
        page: query.page,
        page_size: query.page_size,
        items,
        facets: result.facets,
        exact: result.exact,
        as_of: Utc::now(),
    };
    let mut response = axum::Json(page).into_response();
    response.headers_mut().insert(header::ETAG, tag);
    Ok(response)
}

/// The decision whose number is exactly the search text (folded), if any.
/// The index names candidates by a hash of the number; the records decide.
async fn exact_decision_number(
    state: &AppState,
    snapshot: &Snapshot,
    query: &DecisionQuery,
) -> ApiResult<Option<i64>> {
    let Some(q) = query.q.as_deref() else {
        return Ok(None);
    };
    let candidates = snapshot.index.number_candidates(q, &snapshot.visible);
    if candidates.is_empty() {
        return Ok(None);
    }
    let typed = portal_types::text::fold(q.trim());
    let summaries = state.store.decision_summaries(&candidates).await?;
    Ok(summaries
        .iter()
        .find(|s| portal_types::text::fold(&s.decision_no) == typed)
        .map(|s| s.id))
}

/// One decision, with every disclosure field and its amendments.
#[utoipa::path(
    get,
    path = "/api/decisions/{id}",
    tag = "decisions",
    params(("id" = i64, Path, description = "The decision's permanent identifier.")),
    responses(
        (status = 200, description = "The decision (a revoked one says so).", body = DecisionDetail,
            headers(("ETag" = String), ("Last-Modified" = String))),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match."),
        (status = 404, description = "No decision has this identifier.", body = ApiErrorBody),
        (status = 410, description = "Past its disclosure deadline: no longer public.", body = ApiErrorBody),
    )
)]
pub async fn detail(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let snapshot = state.decisions.snapshot(today_in_china());
    let Some(decision) = state.store.decision(id).await? else {
        return Err(ApiError::NotFound(format!(
            "No penalty decision has the id {id}."
        )));
    };
    if decision.disclosure_until < snapshot.day {
        return Err(ApiError::Gone(format!(
            "Penalty decision {} was public until {}; its disclosure period has ended.",
            decision.decision_no, decision.disclosure_until
        )));
    }
    let tag = etag(&snapshot, &format!("{id}-{}", decision.version));
    if not_modified(&headers, &tag) {
        return Ok(cached(tag));
    }
    let last_modified = decision
        .updated_at
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string();
    let mut response = axum::Json(decision).into_response();
    let h = response.headers_mut();
    h.insert(header::ETAG, tag);
    if let Ok(value) = HeaderValue::from_str(&last_modified) {
        h.insert(header::LAST_MODIFIED, value);
    }
    Ok(response)
}

/// Streams `ids` in chunks as body bytes made by `render`, once one of the
/// server's [`crate::CONCURRENT_EXPORTS`] export permits is free (an export
/// holds a database connection while it streams; the permit goes with the
/// body, when it ends or the client leaves).
async fn streamed<F>(
    state: AppState,
    ids: Vec<i64>,
    prefix: Vec<u8>,
    suffix: Vec<u8>,
    render: F,
) -> ApiResult<Body>
where
    F: Fn(&[DecisionDetail], bool) -> Vec<u8> + Send + Sync + 'static,
{
    const CHUNK: usize = 500;
    let permit = std::sync::Arc::clone(&state.exports)
        .acquire_owned()
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    let render = std::sync::Arc::new(render);
    let chunks: Vec<Vec<i64>> = ids.chunks(CHUNK).map(<[i64]>::to_vec).collect();
    let body = stream::iter(chunks.into_iter().enumerate()).then(move |(n, chunk)| {
        let store = state.store.clone();
        let render = std::sync::Arc::clone(&render);
        async move {
            let details = store
                .decision_details(&chunk)
                .await
                .map_err(std::io::Error::other)?;
            Ok::<_, std::io::Error>(axum::body::Bytes::from(render(&details, n == 0)))
        }
    });
    let head =
        stream::once(async move { Ok::<_, std::io::Error>(axum::body::Bytes::from(prefix)) });
    let tail = stream::once(async move {
        drop(permit);
        Ok::<_, std::io::Error>(axum::body::Bytes::from(suffix))
    });
    Ok(Body::from_stream(head.chain(body).chain(tail)))
}
