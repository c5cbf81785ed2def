//! The Atom feed of the newest decisions in public view.

use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use portal_store::clock::today_in_china;
use portal_types::decisions::DecisionSort;
use portal_types::money::format_fen;

use crate::routes::feeds::{About, Item, atom, with_query};

use crate::error::ApiResult;
use crate::state::AppState;

/// How many decisions the feed carries.
pub const FEED_LENGTH: usize = 50;

/// The 50 newest decisions in public view that match the same query as a
/// search (words, districts, years, …), as an Atom feed; without a query,
/// the newest of all.
#[utoipa::path(
    get,
    path = "/api/decisions/feed.atom",
    tag = "decisions",
    params(super::DecisionQueryParams),
    responses(
        (status = 200, description = "An Atom 1.0 feed.", content_type = "application/atom+xml"),
        (status = 400, description = "A parameter is invalid; `fields` names each.", body = portal_types::ApiErrorBody),
    )
)]
pub async fn feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let mut query = super::parse_query(raw.as_deref())?;
    query.sort = DecisionSort::Newest;
    query.page = 1;
    query.page_size = FEED_LENGTH as u32;
    let snapshot = state.decisions.snapshot(today_in_china());
    let ids = if query.to_pairs().iter().any(|(k, _)| *k != "sort") {
        snapshot.search(&query).map_err(super::search_error)?.ids
    } else {
        snapshot.index.newest(&snapshot.visible, FEED_LENGTH)
    };
    let decisions = state.store.decision_details(&ids).await?;
    let pairs: Vec<(&str, String)> = query
        .to_pairs()
        .into_iter()
        .filter(|(k, _)| !matches!(*k, "sort" | "page" | "page_size"))
        .collect();
    let items = decisions
        .iter()
        .map(|d| {
            let mut summary = format!(
                "{}，{}。{}作出，决定日期{}。",
                d.party_name, d.violation_type, d.authority, d.decided_on
            );
            if d.fine_fen > 0 {
                summary.push_str(&format!("罚款{}元。", format_fen(d.fine_fen)));
            }
            if d.revocation.is_some() {
                summary.push_str("该决定已撤销。");
            }
            Item {
                title: format!("{}（{}）", d.party_name, d.decision_no),
                tag: format!("decisions/{}", d.id),
                path: format!("/enforcement/decisions/{}", d.id),
                updated: d.updated_at,
                published: Some(d.published_at),
                summary,
            }
        })
        .collect();
    Ok(atom(
        &state.public.origin(&headers),
        About {
            title: "济南市安全生产行政处罚决定",
            tag: with_query("decisions", &pairs),
            self_path: with_query("/api/decisions/feed.atom", &pairs),
            html_path: with_query("/enforcement/decisions", &pairs),
        },
        items,
    ))
}
