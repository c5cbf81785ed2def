//! The web layer around the API: the built app with its caching, the
//! security headers, request ids, logging and the panic guard.
//!
//! The app is trunk's `dist` folder. Hashed file names (`portal-<16 hex>.js`)
//! never change content, so they are cached for a year; everything else,
//! `index.html` included, is revalidated on every visit. Brotli and gzip
//! copies made at build time (`cargo xtask dist`) are served when the browser
//! accepts them. Any path that is not a file gets `index.html`, so that deep
//! links into the app work; the app itself shows its 404 page.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use sha2::{Digest, Sha256};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::TraceLayer;

use crate::error::ApiError;

/// How long an API request may take before it is answered 503.
const API_TIMEOUT: Duration = Duration::from_secs(30);

/// The built app and the Content-Security-Policy that fits it.
#[derive(Debug)]
pub struct Site {
    dist: PathBuf,
    csp: HeaderValue,
    /// The bundles' pages, cut for pages to be rendered into.
    templates: Option<crate::pages::Templates>,
    /// The portal's public address, for canonical links.
    pub public: crate::pages::PublicAddress,
}

/// The page a bundle starts from, if it is built.
fn read_index(path: &Path) -> anyhow::Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(html) => Ok(Some(html)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error.into()),
    }
}

fn template_of(path: &Path, html: &str) -> anyhow::Result<crate::pages::Template> {
    crate::pages::Template::parse(html).ok_or_else(|| {
        anyhow::anyhow!(
            "{} has no <html>, <head> and <body> to render pages into",
            path.display()
        )
    })
}

impl Site {
    /// Reads the bundles' pages in `dist` (if the app is built): the public
    /// `index.html`, `bundles/report/index.html`, `bundles/tools/index.html`,
    /// `bundles/repair/index.html` and the staff workspace's `staff/index.html`, and computes the
    /// hashes of their inline scripts for the Content-Security-Policy.
    pub fn load(dist: &Path) -> anyhow::Result<Self> {
        let mut hashes = Vec::new();
        let index = dist.join("index.html");
        let templates = match read_index(&index)? {
            Some(html) => {
                hashes.extend(inline_script_hashes(&html));
                let public = template_of(&index, &html)?;
                let mut bundle = |name: &str| -> anyhow::Result<crate::pages::Template> {
                    let path = dist.join("bundles").join(name).join("index.html");
                    match read_index(&path)? {
                        Some(html) => {
                            hashes.extend(inline_script_hashes(&html));
                            template_of(&path, &html)
                        }
                        None => {
                            tracing::warn!(
                                path = %path.display(),
                                "a bundle is not built; its pages are rendered without it"
                            );
                            Ok(public.clone())
                        }
                    }
                };
                let report = bundle("report")?;
                let tools = bundle("tools")?;
                let repair = bundle("repair")?;
                Some(crate::pages::Templates {
                    public,
                    report,
                    tools,
                    repair,
                })
            }
            None => {
                tracing::warn!(
                    path = %index.display(),
                    "the app is not built; serving the API only (run `cargo xtask dist`)"
                );
                None
            }
        };
        let staff_index = dist.join("staff/index.html");
        match read_index(&staff_index)? {
            Some(html) => hashes.extend(inline_script_hashes(&html)),
            None if templates.is_some() => tracing::warn!(
                path = %staff_index.display(),
                "the staff workspace is not built; /staff answers 503 (run `cargo xtask dist`)"
            ),
            None => {}
        }
        let csp = HeaderValue::from_str(&content_security_policy(&hashes))?;
        Ok(Self {
            dist: dist.to_path_buf(),
            csp,
            templates,
            public: crate::pages::PublicAddress::default(),
        })
    }

    /// The Content-Security-Policy header value.
    pub fn csp(&self) -> &HeaderValue {
        &self.csp
    }
}

/// The policy: scripts only from this origin, plus the inline module script
/// trunk writes (by hash) and Wasm compilation; no framing; nothing remote.
pub fn content_security_policy(script_hashes: &[String]) -> String {
    let hashes: String = script_hashes
        .iter()
        .map(|h| format!(" 'sha256-{h}'"))
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
         style-src 'self'; img-src 'self' data: blob:; font-src 'self'; \
         connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The base64 SHA-256 of the content of every `<script>` without a `src`.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after_tag = &rest[start..];
        let Some(open_end) = after_tag.find('>') else {
            break;
        };
        let attributes = &after_tag[..open_end];
        let body_and_rest = &after_tag[open_end + 1..];
        let Some(close) = body_and_rest.find("</script>") else {
            break;
        };
        if !attributes.contains("src=") {
            let body = &body_and_rest[..close];
            let digest = Sha256::digest(body.as_bytes());
            hashes.push(base64::engine::general_purpose::STANDARD.encode(digest));
        }
        rest = &body_and_rest[close..];
    }
    hashes
}

/// Puts the API and the app behind the shared layers. `api` is the bare
/// API router, from which pages are rendered; `crawl` answers robots.txt
/// and the sitemaps.
/// Puts the route pattern an API request matched in its answer, for
/// [`observe`].
async fn label_route(
    matched: Option<axum::extract::MatchedPath>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    if let Some(matched) = matched {
        response
            .extensions_mut()
            .insert(crate::metrics::RouteLabel(matched.as_str().to_owned()));
    }
    response
}

/// Counts and times every answer by its route pattern (see
/// [`crate::metrics`]); answers outside the API are `page` or `file`.
async fn observe(metrics: Arc<crate::metrics::Metrics>, request: Request, next: Next) -> Response {
    let started = std::time::Instant::now();
    let method = request.method().clone();
    let kind = if request.uri().path().starts_with("/api/") {
        "/api/{*rest}"
    } else if request
        .uri()
        .path()
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
    {
        "file"
    } else {
        "page"
    };
    let response = next.run(request).await;
    let route = response
        .extensions()
        .get::<crate::metrics::RouteLabel>()
        .map_or(kind, |label| label.0.as_str());
    metrics.observe(
        route,
        method.as_str(),
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

pub fn wrap(
    api: Router,
    crawl: Router,
    site: Arc<Site>,
    metrics: Arc<crate::metrics::Metrics>,
) -> Router {
    let pages = site
        .templates
        .clone()
        .map(|templates| crate::pages::Pages::new(templates, api.clone(), site.public.clone()));
    let api = api
        .route_layer(middleware::from_fn(label_route))
        .layer(middleware::from_fn(api_guard))
        .layer(CompressionLayer::new().br(true).gzip(true));
    let app = if let Some(pages) = pages {
        // Any address that is not a file is a page, rendered by the server.
        let render = Router::new()
            .fallback(move |request: Request| {
                let pages = pages.clone();
                async move { pages.answer(request).await }
            })
            .layer(CompressionLayer::new().br(true).gzip(true));
        let files = ServeDir::new(&site.dist)
            .precompressed_br()
            .precompressed_gzip()
            .append_index_html_on_directories(false)
            .fallback(render);
        let staff_dir = site.dist.join("staff");
        let staff = if staff_dir.join("index.html").is_file() {
            let staff_index = ServeFile::new(staff_dir.join("index.html"))
                .precompressed_br()
                .precompressed_gzip();
            Router::new().fallback_service(
                ServeDir::new(&staff_dir)
                    .precompressed_br()
                    .precompressed_gzip()
                    .append_index_html_on_directories(false)
                    .fallback(staff_index),
            )
        } else {
            Router::new().fallback(app_not_built)
        };
        Router::new()
            .nest_service("/staff", staff)
            .fallback_service(files)
            .layer(middleware::from_fn(static_cache_control))
    } else {
        Router::new().fallback(app_not_built)
    };
    let csp = site.csp.clone();
    let https = site.public.https();
    api.merge(crawl.layer(CompressionLayer::new().br(true).gzip(true)))
        .merge(app)
        .layer(middleware::from_fn(move |req, next| {
            security_headers(csp.clone(), https, req, next)
        }))
        .layer(middleware::from_fn(move |req, next| {
            observe(Arc::clone(&metrics), req, next)
        }))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            let id = req
                .headers()
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), id)
        }))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(CatchPanicLayer::custom(|_panic| {
            tracing::error!("a handler panicked");
            ApiError::Internal(anyhow::anyhow!("handler panicked")).into_response()
        }))
}

/// API answers are not cached unless a handler says so, and time out.
/// Staff answers (sessions, CSRF tokens, accounts) are never stored at all.
async fn api_guard(req: Request, next: Next) -> Response {
    let staff = req.uri().path().starts_with("/api/staff");
    let mut response = match tokio::time::timeout(API_TIMEOUT, next.run(req)).await {
        Ok(response) => response,
        Err(_) => ApiError::Unavailable.into_response(),
    };
    let headers = response.headers_mut();
    if staff {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    } else {
        headers
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-cache"));
    }
    response
}

/// The headers every answer carries; over HTTPS (`--behind-tls`) also
/// HSTS, so that a browser never again asks for the portal over plain HTTP.
async fn security_headers(csp: HeaderValue, https: bool, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    if https {
        // A year, the value HSTS preload lists ask for; not `preload`
        // itself, which only the domain's owner can decide.
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(
            "geolocation=(self), camera=(), microphone=(), payment=(), usb=()",
        ),
    );
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    response
}

async fn static_cache_control(req: Request, next: Next) -> Response {
    let immutable = is_hashed_asset(req.uri().path());
    let mut response = next.run(req).await;
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let value = if immutable {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// Whether the last segment of `path` carries trunk's content hash:
/// `name-<16 lower-case hex digits>` before the extension (and `_bg`).
pub fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        hash.len() == 16
            && hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

async fn app_not_built() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        Body::from("The portal's app is not built. Run `cargo xtask run`.\n"),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_only_inline_scripts() {
        let html =
            r#"<head><script src="/a.js"></script><script type="module">import x;</script></head>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected =
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"import x;"));
        assert_eq!(hashes[0], expected);
    }

    #[test]
    fn the_policy_allows_wasm_and_the_hashed_script_and_forbids_framing() {
        let csp = content_security_policy(&["abc=".to_owned()]);
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
    }

    #[test]
    fn recognises_trunk_hashed_file_names() {
        assert!(is_hashed_asset("/portal-5c2a6d3e8f1b9a07_bg.wasm"));
        assert!(is_hashed_asset("/portal-5c2a6d3e8f1b9a07.js"));
        assert!(is_hashed_asset("/main-9f1e2d3c4b5a6978.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/enforcement/decisions"));
        assert!(!is_hashed_asset("/favicon.svg"));
        assert!(!is_hashed_asset("/portal-XYZ.js"));
    }
}
