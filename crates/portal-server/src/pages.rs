//! Web pages: every public address answered with real HTML.
//!
//! A page is rendered by the app's own components (`portal::render`, the
//! same code the browser runs), so what a record shows has one source. The
//! render asks for its data through the app's typed API client; the first
//! render notes the API addresses it had no answer for, the server fetches
//! them from its own API router (no socket: `oneshot`), and renders again
//! with the answers, at most three times. The page then goes out in trunk's
//! `index.html`, with its own title, description, canonical address and
//! Open Graph tags, the rendered body, and the API answers it was rendered
//! from, which the browser app reads for its first render instead of
//! asking again. Its status is the page's own: 404 for an unknown address
//! or record, 410 for a decision past its disclosure deadline.
//!
//! With `X-Portal-Fragment: 1` the answer is the page alone (no shell), its
//! title in `X-Portal-Title`: the browser app asks for pages only the
//! server renders this way when it navigates to them.
//!
//! The language and large-text mode come from the reader's `portal.lang`
//! and `portal.display` cookies, which the app sets.

use std::collections::HashMap;
use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal::data::Answer;
use portal::i18n::Lang;
use portal::render::{PageRequest, RenderedPage};
use tower::ServiceExt as _;

/// How many times a page is rendered at most (a page that asks for more
/// data once it has some, such as an enterprise's penalties, needs two).
const MAX_RENDERS: usize = 3;
/// How many API answers one render may ask for.
const MAX_ANSWERS: usize = 12;
/// The largest API answer a page is rendered from.
const MAX_ANSWER_BYTES: usize = 4 * 1024 * 1024;

/// The portal's public address, for links that leave the page: canonical
/// links, link previews, feeds, the sitemap.
#[derive(Clone, Debug, Default)]
pub struct PublicAddress {
    /// `--public-url`, without a trailing slash.
    url: Option<String>,
    /// Whether browsers reach the portal over HTTPS (`--behind-tls`).
    https: bool,
}

impl PublicAddress {
    /// The configured address, or each request's host.
    pub fn new(url: Option<String>, https: bool) -> Self {
        Self {
            url: url.map(|u| u.trim_end_matches('/').to_owned()),
            https,
        }
    }

    /// Whether browsers reach the portal over HTTPS (`--behind-tls`).
    pub fn https(&self) -> bool {
        self.https
    }

    /// The origin (`https://aq.jinan.gov.cn`): the configured public
    /// address, or this request's `Host` if it is a plain host name.
    pub fn origin(&self, headers: &HeaderMap) -> String {
        if let Some(url) = &self.url {
            return url.clone();
        }
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| {
                !h.is_empty()
                    && h.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
            })
            .unwrap_or("127.0.0.1:8080");
        let scheme = if self.https { "https" } else { "http" };
        format!("{scheme}://{host}")
    }
}

/// trunk's `index.html`, cut where a page puts its own parts.
#[derive(Clone, Debug)]
pub struct Template {
    /// Up to `<html` (exclusive).
    before_html: String,
    /// From after the `<html …>` tag to where the title was.
    head: String,
    /// From after the title and description to `</head>` (exclusive).
    head_rest: String,
    /// `</head>` up to the end of `<body …>`.
    body_open: String,
    /// From `</body>` to the end.
    after_body: String,
    /// The description written in `index.html`, for pages without one.
    default_description: String,
}

impl Template {
    /// Cuts `index.html`; `None` when it lacks `<html>`, `<head>` or `<body>`.
    pub fn parse(html: &str) -> Option<Self> {
        let html_start = html.find("<html")?;
        let html_end = html_start + html[html_start..].find('>')? + 1;
        let head_close = html.find("</head>")?;
        let body_start = html.find("<body")?;
        let body_end = body_start + html[body_start..].find('>')? + 1;
        let body_close = html.rfind("</body>")?;
        if !(html_end <= head_close && head_close < body_start && body_end <= body_close) {
            return None;
        }
        // The title and description are the page's own: remove trunk's.
        let mut head = html[html_end..head_close].to_owned();
        let mut default_description = String::new();
        if let Some(start) = head.find("<meta name=\"description\"")
            && let Some(len) = head[start..].find('>')
        {
            let tag = head[start..start + len + 1].to_owned();
            default_description = attribute(&tag, "content").unwrap_or_default();
            head.replace_range(start..start + len + 1, "");
        }
        let (head, head_rest) = match (head.find("<title>"), head.find("</title>")) {
            (Some(start), Some(end)) if start < end => (
                head[..start].to_owned(),
                head[end + "</title>".len()..].to_owned(),
            ),
            _ => (head, String::new()),
        };
        Some(Self {
            before_html: html[..html_start].to_owned(),
            head,
            head_rest,
            body_open: html[head_close..body_end].to_owned(),
            after_body: html[body_close..].to_owned(),
            default_description,
        })
    }
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let marker = format!("{name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let len = tag[start..].find('"')?;
    Some(tag[start..start + len].to_owned())
}

/// The page of each bundle the server renders into.
#[derive(Clone, Debug)]
pub struct Templates {
    /// The public bundle's (`dist/index.html`).
    pub public: Template,
    /// The reporting channel's (`dist/bundles/report/index.html`).
    pub report: Template,
    /// The tools' (`dist/bundles/tools/index.html`).
    pub tools: Template,
    /// Credit repair's (`dist/bundles/repair/index.html`).
    pub repair: Template,
}

/// What rendering pages needs: the templates, the API to fetch from and
/// the portal's public address.
#[derive(Clone)]
pub struct Pages {
    templates: Templates,
    api: Router,
    public: PublicAddress,
}

impl std::fmt::Debug for Pages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

impl Pages {
    /// Pages in `template`, rendered from the answers of `api`.
    pub fn new(templates: Templates, api: Router, public: PublicAddress) -> Self {
        Self {
            templates,
            api,
            public,
        }
    }

    /// Answers a request for a public page.
    pub async fn answer(&self, request: Request) -> Response {
        let (parts, _) = request.into_parts();
        let path_and_query = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| "/".to_owned());
        let cookies = Cookies::read(&parts.headers);
        let page_request = PageRequest {
            path_and_query,
            lang: cookies.lang,
            large_text: cookies.large_text,
            origin: self.public.origin(&parts.headers),
        };
        let fragment = parts
            .headers
            .get(portal::api::FRAGMENT_HEADER)
            .is_some_and(|v| v == "1");
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().copied();
        let forwarded = parts.headers.get("x-forwarded-for").cloned();
        let mut answers: HashMap<String, Answer> = HashMap::new();
        let mut page = RenderedPage::default();
        for _ in 0..MAX_RENDERS {
            page = match render(&page_request, answers.clone()) {
                Ok(page) => page,
                Err(()) => return render_failed(),
            };
            let wanted: Vec<String> = page
                .missing
                .iter()
                .filter(|p| fetchable(p) && !answers.contains_key(*p))
                .take(MAX_ANSWERS)
                .cloned()
                .collect();
            if wanted.is_empty() {
                break;
            }
            let fetched = futures_util::future::join_all(
                wanted
                    .iter()
                    .map(|path| self.fetch(path, peer, forwarded.clone())),
            )
            .await;
            for (path, answer) in wanted.into_iter().zip(fetched) {
                // An address that cannot be fetched is answered 503, so that
                // the page renders its error state instead of asking again.
                answers.insert(
                    path,
                    answer.unwrap_or_else(|| Answer {
                        status: 503,
                        body: String::new(),
                    }),
                );
            }
        }
        let status = StatusCode::from_u16(page.status).unwrap_or(StatusCode::OK);
        let site = page_request.lang.strings().site_name;
        let full_title = match page.title.as_deref() {
            None | Some("") => site.to_owned(),
            Some(title) => format!("{title} - {site}"),
        };
        let mut response = if fragment {
            let mut response = Response::new(Body::from(page.fragment.unwrap_or(page.body)));
            let title = percent_encoding::utf8_percent_encode(
                page.title.as_deref().unwrap_or_default(),
                percent_encoding::NON_ALPHANUMERIC,
            )
            .to_string();
            if let Ok(value) = HeaderValue::from_str(&title) {
                response
                    .headers_mut()
                    .insert(portal::api::TITLE_HEADER, value);
            }
            response
        } else {
            Response::new(Body::from(self.document(
                &page_request,
                &page,
                &full_title,
                &answers,
            )))
        };
        *response.status_mut() = status;
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        headers.insert(
            header::VARY,
            HeaderValue::from_static("Cookie, X-Portal-Fragment"),
        );
        response
    }

    /// Fetches one API answer from the server's own router, as the client
    /// whose page is being rendered.
    async fn fetch(
        &self,
        path: &str,
        peer: Option<ConnectInfo<SocketAddr>>,
        forwarded: Option<HeaderValue>,
    ) -> Option<Answer> {
        let mut request = Request::get(path)
            .header(header::ACCEPT, "application/json")
            .body(Body::empty())
            .ok()?;
        if let Some(peer) = peer {
            request.extensions_mut().insert(peer);
        }
        if let Some(forwarded) = forwarded {
            request.headers_mut().insert("x-forwarded-for", forwarded);
        }
        let response = self.api.clone().oneshot(request).await.ok()?;
        let status = response.status().as_u16();
        let is_json = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|t| t.to_str().ok())
            .is_some_and(|t| t.starts_with("application/json"));
        let bytes = axum::body::to_bytes(response.into_body(), MAX_ANSWER_BYTES)
            .await
            .ok()?;
        if !is_json {
            return None;
        }
        Some(Answer {
            status,
            body: String::from_utf8(bytes.to_vec()).ok()?,
        })
    }

    /// The whole document: the template with the page's head and body.
    fn document(
        &self,
        request: &PageRequest,
        page: &RenderedPage,
        title: &str,
        answers: &HashMap<String, Answer>,
    ) -> String {
        let path = request.path_and_query.split('?').next().unwrap_or_default();
        let t = match portal::components::layout::Bundle::for_path(path) {
            portal::components::layout::Bundle::Report => &self.templates.report,
            portal::components::layout::Bundle::Tools => &self.templates.tools,
            portal::components::layout::Bundle::Repair => &self.templates.repair,
            _ => &self.templates.public,
        };
        let description = page
            .description
            .as_deref()
            .unwrap_or(&t.default_description);
        let url = format!("{}{}", request.origin, request.path_and_query);
        let mut html = String::with_capacity(page.body.len() * 2 + 4096);
        html.push_str(&t.before_html);
        html.push_str("<html lang=\"");
        html.push_str(request.lang.tag());
        html.push('"');
        if request.large_text {
            html.push_str(" class=\"large-text\"");
        }
        html.push('>');
        html.push_str(&t.head);
        html.push_str("<title>");
        html.push_str(&escape(title));
        html.push_str("</title>\n    <meta name=\"description\" content=\"");
        html.push_str(&escape(description));
        html.push_str("\">\n    <link rel=\"canonical\" href=\"");
        html.push_str(&escape(&url));
        html.push_str("\">\n    <meta property=\"og:site_name\" content=\"");
        html.push_str(&escape(request.lang.strings().site_name));
        html.push_str("\">\n    <meta property=\"og:title\" content=\"");
        html.push_str(&escape(
            page.title
                .as_deref()
                .filter(|t| !t.is_empty())
                .unwrap_or(title),
        ));
        html.push_str("\">\n    <meta property=\"og:description\" content=\"");
        html.push_str(&escape(description));
        html.push_str("\">\n    <meta property=\"og:type\" content=\"");
        html.push_str(
            if page.fragment.is_some() && request.path_and_query != "/" {
                "article"
            } else {
                "website"
            },
        );
        html.push_str("\">\n    <meta property=\"og:url\" content=\"");
        html.push_str(&escape(&url));
        html.push_str("\">\n    <meta property=\"og:locale\" content=\"");
        html.push_str(match request.lang {
            Lang::Zh => "zh_CN",
            Lang::En => "en_US",
        });
        html.push_str("\">");
        if let Some(feed) = &page.feed {
            html.push_str("\n    <link rel=\"alternate\" type=\"application/atom+xml\" title=\"");
            html.push_str(&escape(page.title.as_deref().unwrap_or(title)));
            html.push_str("\" href=\"");
            html.push_str(&escape(&format!("{}{feed}", request.origin)));
            html.push_str("\">");
        }
        if page.status >= 400 {
            html.push_str("\n    <meta name=\"robots\" content=\"noindex\">");
        }
        html.push_str(&t.head_rest);
        html.push_str(&t.body_open);
        html.push_str(&page.body);
        let mut paths: Vec<&String> = answers.keys().collect();
        paths.sort();
        for path in paths {
            let answer = &answers[path];
            if answer.body.is_empty() {
                continue;
            }
            html.push_str("<script type=\"application/json\" data-api=\"");
            html.push_str(&escape(path));
            html.push_str("\" data-status=\"");
            html.push_str(&answer.status.to_string());
            html.push_str("\">");
            // JSON has `<` only inside strings, where `\u003c` means the same.
            html.push_str(&answer.body.replace('<', "\\u003c"));
            html.push_str("</script>");
        }
        html.push_str(&t.after_body);
        html
    }
}

/// Only the public API is fetched for a page.
fn fetchable(path: &str) -> bool {
    path.starts_with("/api/") && !path.starts_with("/api/staff")
}

/// Renders once, catching a panic so that a faulty page answers 500 with
/// the API's error shape, logged, instead of tearing the connection down.
fn render(request: &PageRequest, answers: HashMap<String, Answer>) -> Result<RenderedPage, ()> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        portal::render::render_page(request, answers)
    }))
    .map_err(|_| {
        tracing::error!(path = %request.path_and_query, "rendering the page panicked");
    })
}

fn render_failed() -> Response {
    crate::error::ApiError::Internal(anyhow::anyhow!("page rendering failed")).into_response()
}

/// The reader's settings, from the cookies the app sets.
struct Cookies {
    lang: Lang,
    large_text: bool,
}

impl Cookies {
    fn read(headers: &HeaderMap) -> Self {
        let mut cookies = Self {
            lang: Lang::Zh,
            large_text: false,
        };
        for value in headers.get_all(header::COOKIE) {
            let Ok(value) = value.to_str() else {
                continue;
            };
            for pair in value.split(';') {
                let Some((name, value)) = pair.trim().split_once('=') else {
                    continue;
                };
                match name {
                    portal::i18n::COOKIE => {
                        if let Some(lang) = Lang::from_tag(value) {
                            cookies.lang = lang;
                        }
                    }
                    portal::components::prefs::COOKIE => cookies.large_text = value == "large",
                    _ => {}
                }
            }
        }
        cookies
    }
}

/// Escapes text for an HTML attribute or element.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n  <head>\n    <meta charset=\"utf-8\">\n    \
        <meta name=\"description\" content=\"门户\">\n    <title>济南</title>\n    \
        <script type=\"module\">import init from '/p.js';</script>\n  </head>\n  <body>\n    \
        <div id=\"boot\">正在加载</div>\n  </body>\n</html>\n";

    #[test]
    fn the_template_loses_trunks_title_description_and_placeholder() {
        let t = Template::parse(TRUNK).expect("a template");
        assert_eq!(t.default_description, "门户");
        assert!(!t.head.contains("<title>") && !t.head_rest.contains("<title>"));
        assert!(!format!("{}{}", t.head, t.head_rest).contains("description"));
        assert!(t.head_rest.contains("import init"));
        assert!(!t.body_open.contains("boot") && !t.after_body.contains("boot"));
    }

    #[test]
    fn a_page_without_a_body_is_no_template() {
        assert!(Template::parse("<html><head></head></html>").is_none());
    }

    #[test]
    fn the_language_and_text_size_come_from_the_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; portal.lang=en; portal.display=large"),
        );
        let cookies = Cookies::read(&headers);
        assert_eq!(cookies.lang, Lang::En);
        assert!(cookies.large_text);
        let cookies = Cookies::read(&HeaderMap::new());
        assert_eq!(cookies.lang, Lang::Zh);
        assert!(!cookies.large_text);
    }

    #[test]
    fn only_the_public_api_is_fetched() {
        assert!(fetchable("/api/decisions/1"));
        assert!(!fetchable("/api/staff/session"));
        assert!(!fetchable("/enforcement"));
    }
}
