//! What search engines read: `robots.txt` and the sitemaps.
//!
//! The sitemaps list every public record with the date it last changed:
//! decisions in public view today (never one past its disclosure
//! deadline), administrative licences, typical cases, listed hazards,
//! accident reports, articles,
//! quizzes and enterprises, after the portal's own pages. The protocol
//! allows 50,000 addresses a file: while the portal has fewer,
//! `/sitemap.xml` lists them all; beyond, it is a sitemap index of
//! `/sitemaps/{section}-{n}.xml`, each section cut in files of 50,000.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, NaiveDate, Utc};
use portal_store::clock::today_in_china;
use portal_store::sitemap::Listed;
use portal_types::education::{ArticleQuery, Topic};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Addresses a sitemap file may hold (sitemaps.org).
pub const PER_FILE: u64 = 50_000;

/// `robots.txt`, `/sitemap.xml` and `/sitemaps/{file}`.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(sitemap))
        .route("/sitemaps/{file}", get(sitemap_file))
        .with_state(state)
}

async fn robots(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let origin = state.public.origin(&headers);
    let body = format!(
        "# The public pages are for everyone; the staff workspace is not.\n\
         User-agent: *\n\
         Allow: /\n\
         Disallow: /staff\n\
         Disallow: /api/staff/\n\
         # Exports are whole result sets: read the pages and the feeds instead.\n\
         Disallow: /api/decisions/export\n\
         \n\
         Sitemap: {origin}/sitemap.xml\n"
    );
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        body,
    )
        .into_response()
}

/// The sections of the sitemap, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Pages,
    Decisions,
    Licences,
    Cases,
    Listings,
    Accidents,
    Education,
    Enterprises,
}

impl Section {
    const ALL: [Section; 8] = [
        Section::Pages,
        Section::Decisions,
        Section::Licences,
        Section::Cases,
        Section::Listings,
        Section::Accidents,
        Section::Education,
        Section::Enterprises,
    ];

    fn slug(self) -> &'static str {
        match self {
            Section::Pages => "pages",
            Section::Decisions => "decisions",
            Section::Licences => "licences",
            Section::Cases => "cases",
            Section::Listings => "listings",
            Section::Accidents => "accidents",
            Section::Education => "education",
            Section::Enterprises => "enterprises",
        }
    }

    fn listed(self) -> Option<Listed> {
        match self {
            Section::Licences => Some(Listed::Licences),
            Section::Cases => Some(Listed::Cases),
            Section::Listings => Some(Listed::HazardListings),
            Section::Accidents => Some(Listed::AccidentReports),
            Section::Enterprises => Some(Listed::Enterprises),
            _ => None,
        }
    }
}

/// One address: its path and when it last changed.
struct Entry {
    path: String,
    modified: Option<DateTime<Utc>>,
    reviewed: Option<NaiveDate>,
}

/// The portal's own pages: the parts and their lists.
fn own_pages() -> Vec<Entry> {
    let mut paths: Vec<String> = [
        "/",
        "/enforcement",
        "/enforcement/decisions",
        "/enforcement/licences",
        "/enforcement/cases",
        "/enforcement/listings",
        "/enforcement/accidents",
        "/enforcement/statistics",
        "/report",
        "/report/rewards",
        "/report/status",
        "/education",
        "/blacklist",
        "/blacklist/list",
        "/blacklist/verify",
        "/blacklist/batch",
    ]
    .iter()
    .map(|p| (*p).to_owned())
    .collect();
    paths.extend(
        Topic::ALL
            .iter()
            .map(|t| format!("/education/topics/{}", t.slug())),
    );
    paths
        .into_iter()
        .map(|path| Entry {
            path,
            modified: None,
            reviewed: None,
        })
        .collect()
}

/// How many addresses `section` has.
async fn count(state: &AppState, section: Section) -> ApiResult<u64> {
    Ok(match section {
        Section::Pages => own_pages().len() as u64,
        Section::Decisions => state.decisions.snapshot(today_in_china()).visible.len(),
        Section::Education => {
            let library = state.education.get();
            (library.articles(&ArticleQuery::default()).len() + library.quiz_summaries().len())
                as u64
        }
        other => match other.listed() {
            Some(kind) => state.store.listed_count(kind).await?,
            None => 0,
        },
    })
}

/// The addresses of file `file` (from 0) of `section`.
async fn entries(state: &AppState, section: Section, file: u64) -> ApiResult<Vec<Entry>> {
    let offset = file * PER_FILE;
    match section {
        Section::Pages => Ok(if file == 0 { own_pages() } else { Vec::new() }),
        Section::Decisions => {
            let snapshot = state.decisions.snapshot(today_in_china());
            let ids = snapshot.index.ids_of(&snapshot.visible);
            let start = usize::try_from(offset).unwrap_or(usize::MAX).min(ids.len());
            let end = start.saturating_add(PER_FILE as usize).min(ids.len());
            let ids = &ids[start..end];
            let (Some(&first), Some(&last)) = (ids.first(), ids.last()) else {
                return Ok(Vec::new());
            };
            let updates: std::collections::HashMap<i64, DateTime<Utc>> = state
                .store
                .decision_updates(first, last)
                .await?
                .into_iter()
                .collect();
            Ok(ids
                .iter()
                .map(|id| Entry {
                    path: format!("/enforcement/decisions/{id}"),
                    modified: updates.get(id).copied(),
                    reviewed: None,
                })
                .collect())
        }
        Section::Education => {
            let library = state.education.get();
            let mut all: Vec<Entry> = library
                .articles(&ArticleQuery::default())
                .into_iter()
                .map(|a| Entry {
                    path: format!("/education/articles/{}", a.slug),
                    modified: None,
                    reviewed: Some(a.reviewed_on),
                })
                .collect();
            all.extend(library.quiz_summaries().into_iter().map(|q| Entry {
                path: format!("/education/quizzes/{}", q.slug),
                modified: None,
                reviewed: None,
            }));
            Ok(all
                .into_iter()
                .skip(usize::try_from(offset).unwrap_or(usize::MAX))
                .take(PER_FILE as usize)
                .collect())
        }
        other => {
            let Some(kind) = other.listed() else {
                return Ok(Vec::new());
            };
            let prefix = match kind {
                Listed::Licences => "/enforcement/licences/",
                Listed::Cases => "/enforcement/cases/",
                Listed::HazardListings => "/enforcement/listings/",
                Listed::AccidentReports => "/enforcement/accidents/",
                Listed::Enterprises => "/blacklist/enterprises/",
            };
            Ok(state
                .store
                .listed_records(kind, offset, PER_FILE)
                .await?
                .into_iter()
                .map(|(key, at)| Entry {
                    path: format!("{prefix}{key}"),
                    modified: Some(at),
                    reviewed: None,
                })
                .collect())
        }
    }
}

fn xml(body: String) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/xml; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body,
    )
        .into_response()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn urlset(origin: &str, entries: &[Entry]) -> String {
    let mut out = String::with_capacity(entries.len() * 110 + 200);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for entry in entries {
        out.push_str("<url><loc>");
        out.push_str(&escape(&format!("{origin}{}", entry.path)));
        out.push_str("</loc>");
        let date = entry
            .modified
            .map(|t| (t + chrono::Duration::hours(8)).date_naive())
            .or(entry.reviewed);
        if let Some(date) = date {
            out.push_str("<lastmod>");
            out.push_str(&date.format("%Y-%m-%d").to_string());
            out.push_str("</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `/sitemap.xml`: every address, or the index of the sitemap files.
async fn sitemap(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    let origin = state.public.origin(&headers);
    let mut counts = Vec::new();
    for section in Section::ALL {
        counts.push((section, count(&state, section).await?));
    }
    let total: u64 = counts.iter().map(|(_, n)| n).sum();
    if total <= PER_FILE {
        let mut all = Vec::new();
        for (section, n) in &counts {
            if *n > 0 {
                all.extend(entries(&state, *section, 0).await?);
            }
        }
        return Ok(xml(urlset(&origin, &all)));
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (section, n) in counts {
        for file in 0..n.div_ceil(PER_FILE) {
            out.push_str(&format!(
                "<sitemap><loc>{}</loc></sitemap>\n",
                escape(&format!(
                    "{origin}/sitemaps/{}-{}.xml",
                    section.slug(),
                    file + 1
                ))
            ));
        }
    }
    out.push_str("</sitemapindex>\n");
    Ok(xml(out))
}

/// `/sitemaps/{section}-{n}.xml`: one file of a section.
async fn sitemap_file(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> ApiResult<Response> {
    let not_found = || ApiError::NotFound("There is no sitemap file of this name.".to_owned());
    let (section, n) = file
        .strip_suffix(".xml")
        .and_then(|stem| stem.rsplit_once('-'))
        .ok_or_else(not_found)?;
    let section = Section::ALL
        .into_iter()
        .find(|s| s.slug() == section)
        .ok_or_else(not_found)?;
    let n: u64 = n.parse().ok().filter(|n| *n >= 1).ok_or_else(not_found)?;
    if (n - 1) * PER_FILE >= count(&state, section).await?.max(1) {
        return Err(not_found());
    }
    let origin = state.public.origin(&headers);
    Ok(xml(urlset(
        &origin,
        &entries(&state, section, n - 1).await?,
    )))
}
