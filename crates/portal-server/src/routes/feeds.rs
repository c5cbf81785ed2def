//! Atom feeds of the enforcement lists: typical cases, listed major hazards
//! and accident reports, each with the same filters as its list page (and
//! linked from it). The decisions' feed is in `decisions/feed.rs`.

use atom_syndication::{Entry, Feed, Link, Person, Text};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use portal_store::clock::{day_start, today_in_china};
use portal_store::enforcement::ListingFilter;
use portal_types::Problem;

use super::enforcement::{AccidentParams, HazardListingParams, TypicalCaseParams, page_of};
use crate::error::{ApiError, ApiResult, Query};
use crate::state::AppState;

/// One entry of a feed.
pub struct Item {
    /// The entry's title.
    pub title: String,
    /// Its permanent id within the feed's (`decisions/12`).
    pub tag: String,
    /// The path of its page.
    pub path: String,
    /// When it last changed.
    pub updated: DateTime<Utc>,
    /// When it was published.
    pub published: Option<DateTime<Utc>>,
    /// A sentence or two.
    pub summary: String,
}

/// What a feed is, besides its entries.
pub struct About<'a> {
    /// Its title.
    pub title: &'a str,
    /// Its permanent id, with the filters it was asked for
    /// (`decisions?district=lixia`).
    pub tag: String,
    /// The path and query it was fetched from.
    pub self_path: String,
    /// The list page it follows, with the same filters.
    pub html_path: String,
}

/// The feed as an Atom 1.0 document.
pub fn atom(origin: &str, about: About<'_>, items: Vec<Item>) -> Response {
    let updated = items
        .iter()
        .map(|i| i.updated)
        .max()
        .unwrap_or_else(Utc::now)
        .fixed_offset();
    let entries = items
        .into_iter()
        .map(|item| Entry {
            title: Text::plain(item.title),
            id: format!("tag:jinan-work-safety-portal,2026:{}", item.tag),
            updated: item.updated.fixed_offset(),
            published: item.published.map(|p| p.fixed_offset()),
            links: vec![Link {
                href: format!("{origin}{}", item.path),
                rel: "alternate".to_owned(),
                mime_type: Some("text/html".to_owned()),
                ..Link::default()
            }],
            summary: Some(Text::plain(item.summary)),
            ..Entry::default()
        })
        .collect();
    let feed = Feed {
        title: Text::plain(about.title),
        id: format!("tag:jinan-work-safety-portal,2026:{}", about.tag),
        updated,
        authors: vec![Person {
            name: "济南市应急管理局".to_owned(),
            ..Person::default()
        }],
        links: vec![
            Link {
                href: format!("{origin}{}", about.self_path),
                rel: "self".to_owned(),
                mime_type: Some("application/atom+xml".to_owned()),
                ..Link::default()
            },
            Link {
                href: format!("{origin}{}", about.html_path),
                rel: "alternate".to_owned(),
                mime_type: Some("text/html".to_owned()),
                ..Link::default()
            },
        ],
        lang: Some("zh-CN".to_owned()),
        entries,
        ..Feed::default()
    };
    let mut response = feed.to_string().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
    );
    response
}

/// `path` with `query` (as given, without `page`), for self and page links.
pub fn with_query(path: &str, query: &[(&str, String)]) -> String {
    let pairs: Vec<(&str, &str)> = query
        .iter()
        .filter(|(k, v)| *k != "page" && !v.is_empty())
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    if pairs.is_empty() {
        path.to_owned()
    } else {
        let encoded = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        format!("{path}?{encoded}")
    }
}

/// The newest typical cases, with the list's filters.
#[utoipa::path(
    get,
    path = "/api/exposed-cases/feed.atom",
    tag = "enforcement",
    params(TypicalCaseParams),
    responses(
        (status = 200, description = "An Atom 1.0 feed of the first page of the list.", content_type = "application/atom+xml"),
        (status = 400, description = "A bad parameter, named.", body = portal_types::ApiErrorBody),
    )
)]
pub async fn typical_cases(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<TypicalCaseParams>,
) -> ApiResult<Response> {
    // The feed is the list's newest page, whatever `page` says, but a
    // page outside the list's range is refused as the list refuses it.
    page_of(params.page)?;
    if params.year.is_some_and(|y| !(2000..=2100).contains(&y)) {
        return Err(ApiError::field(
            "year",
            Problem::OutOfRange {
                min: 2000,
                max: 2100,
            },
        ));
    }
    let page = state
        .store
        .typical_case_page(params.industry, params.year, 1)
        .await?;
    let query = [
        (
            "industry",
            params
                .industry
                .map(|i| i.slug().to_owned())
                .unwrap_or_default(),
        ),
        (
            "year",
            params.year.map(|y| y.to_string()).unwrap_or_default(),
        ),
    ];
    let items = page
        .items
        .into_iter()
        .map(|c| Item {
            title: c.title,
            tag: format!("exposed-cases/{}", c.id),
            path: format!("/enforcement/cases/{}", c.id),
            updated: day_start(c.published_on),
            published: Some(day_start(c.published_on)),
            summary: c.summary,
        })
        .collect();
    Ok(atom(
        &state.public.origin(&headers),
        About {
            title: "济南市安全生产典型案例曝光",
            tag: with_query("exposed-cases", &query),
            self_path: with_query("/api/exposed-cases/feed.atom", &query),
            html_path: with_query("/enforcement/cases", &query),
        },
        items,
    ))
}

/// The newest major hazards under listed supervision, with the list's filters.
#[utoipa::path(
    get,
    path = "/api/hazard-listings/feed.atom",
    tag = "enforcement",
    params(HazardListingParams),
    responses(
        (status = 200, description = "An Atom 1.0 feed of the first page of the list.", content_type = "application/atom+xml"),
        (status = 400, description = "A bad parameter, named.", body = portal_types::ApiErrorBody),
    )
)]
pub async fn hazard_listings(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<HazardListingParams>,
) -> ApiResult<Response> {
    // The feed is the list's newest page, whatever `page` says, but a
    // page outside the list's range is refused as the list refuses it.
    page_of(params.page)?;
    let filter = ListingFilter {
        status: params.status,
        overdue: params.overdue.unwrap_or(false),
        district: params.district,
        industry: params.industry,
    };
    let page = state
        .store
        .hazard_listing_page(&filter, 1, today_in_china())
        .await?;
    let query = [
        (
            "status",
            params
                .status
                .map(|s| s.slug().to_owned())
                .unwrap_or_default(),
        ),
        (
            "overdue",
            if filter.overdue {
                "true".to_owned()
            } else {
                String::new()
            },
        ),
        (
            "district",
            params
                .district
                .map(|d| d.slug().to_owned())
                .unwrap_or_default(),
        ),
        (
            "industry",
            params
                .industry
                .map(|i| i.slug().to_owned())
                .unwrap_or_default(),
        ),
    ];
    let items = page
        .items
        .into_iter()
        .map(|l| Item {
            title: format!("{}：{}", l.enterprise_name, l.hazard),
            tag: format!("hazard-listings/{}", l.id),
            path: format!("/enforcement/listings/{}", l.id),
            updated: day_start(l.listed_on),
            published: Some(day_start(l.listed_on)),
            summary: format!(
                "{}挂牌督办，整改期限{}，{}{}。",
                l.authority,
                l.deadline,
                l.status.name_zh(),
                if l.overdue { "，逾期未整改" } else { "" }
            ),
        })
        .collect();
    Ok(atom(
        &state.public.origin(&headers),
        About {
            title: "济南市重大事故隐患挂牌督办",
            tag: with_query("hazard-listings", &query),
            self_path: with_query("/api/hazard-listings/feed.atom", &query),
            html_path: with_query("/enforcement/listings", &query),
        },
        items,
    ))
}

/// The newest accident investigation reports, with the list's filters.
#[utoipa::path(
    get,
    path = "/api/accident-reports/feed.atom",
    tag = "enforcement",
    params(AccidentParams),
    responses(
        (status = 200, description = "An Atom 1.0 feed of the first page of the list.", content_type = "application/atom+xml"),
        (status = 400, description = "A bad parameter, named.", body = portal_types::ApiErrorBody),
    )
)]
pub async fn accidents(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<AccidentParams>,
) -> ApiResult<Response> {
    // The feed is the list's newest page, whatever `page` says, but a
    // page outside the list's range is refused as the list refuses it.
    page_of(params.page)?;
    let page = state.store.accident_page(params.grade, 1).await?;
    let query = [(
        "grade",
        params
            .grade
            .map(|g| g.slug().to_owned())
            .unwrap_or_default(),
    )];
    let items = page
        .items
        .into_iter()
        .map(|a| Item {
            summary: format!(
                "{}发生，{}，死亡{}人、受伤{}人。",
                a.occurred_on,
                a.grade.name_zh(),
                a.deaths,
                a.injuries
            ),
            title: a.title,
            tag: format!("accident-reports/{}", a.id),
            path: format!("/enforcement/accidents/{}", a.id),
            updated: day_start(a.published_on),
            published: Some(day_start(a.published_on)),
        })
        .collect();
    Ok(atom(
        &state.public.origin(&headers),
        About {
            title: "济南市生产安全事故调查报告",
            tag: with_query("accident-reports", &query),
            self_path: with_query("/api/accident-reports/feed.atom", &query),
            html_path: with_query("/enforcement/accidents", &query),
        },
        items,
    ))
}
