//! The Atom feed of the newest decisions in public view.

use atom_syndication::{Entry, Feed, Link, Person, Text};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use portal_types::money::format_fen;

use crate::AppState;
use crate::clock::today_in_china;
use crate::error::ApiResult;

/// How many decisions the feed carries.
pub const FEED_LENGTH: usize = 50;

/// The 50 newest decisions in public view, as an Atom feed.
#[utoipa::path(
    get,
    path = "/api/decisions/feed.atom",
    tag = "decisions",
    responses(
        (status = 200, description = "An Atom 1.0 feed.", content_type = "application/atom+xml"),
    )
)]
pub async fn feed(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    let snapshot = state.decisions.snapshot(today_in_china());
    let ids = snapshot.index.newest(&snapshot.visible, FEED_LENGTH);
    let decisions = state.store.decision_details(&ids).await?;
    // Links follow the address the feed was fetched from.
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("127.0.0.1:8080");
    let base = format!("http://{host}");
    let updated = decisions
        .iter()
        .map(|d| d.updated_at)
        .max()
        .unwrap_or_else(Utc::now)
        .fixed_offset();
    let entries = decisions
        .iter()
        .map(|d| {
            let url = format!("{base}/enforcement/decisions/{}", d.id);
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
            Entry {
                title: Text::plain(format!("{}（{}）", d.party_name, d.decision_no)),
                id: format!("tag:jinan-work-safety-portal,2026:decisions/{}", d.id),
                updated: d.updated_at.fixed_offset(),
                published: Some(d.published_at.fixed_offset()),
                links: vec![Link {
                    href: url,
                    rel: "alternate".to_owned(),
                    mime_type: Some("text/html".to_owned()),
                    ..Link::default()
                }],
                summary: Some(Text::plain(summary)),
                ..Entry::default()
            }
        })
        .collect();
    let feed = Feed {
        title: Text::plain("济南市安全生产行政处罚决定"),
        id: "tag:jinan-work-safety-portal,2026:decisions".to_owned(),
        updated,
        authors: vec![Person {
            name: "济南市应急管理局".to_owned(),
            ..Person::default()
        }],
        links: vec![
            Link {
                href: format!("{base}/api/decisions/feed.atom"),
                rel: "self".to_owned(),
                mime_type: Some("application/atom+xml".to_owned()),
                ..Link::default()
            },
            Link {
                href: format!("{base}/enforcement/decisions"),
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
    Ok(response)
}
