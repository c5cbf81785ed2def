//! The built app: deep links, caching, compression and security headers.

use crate::helpers::{INLINE_SCRIPT, Options, spawn_app, spawn_app_with};
use base64::Engine as _;
use sha2::{Digest, Sha256};

#[tokio::test]
async fn the_home_page_is_the_built_index() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    assert_eq!(response.status(), 200);
    assert!(response.text().await.expect("html").contains("zh-CN"));
}

#[tokio::test]
async fn a_deep_link_is_a_page_in_the_built_index_so_the_app_can_take_it_over() {
    let app = spawn_app().await;
    for (path, status) in [
        ("/enforcement", 200),
        ("/blacklist", 200),
        ("/some/unknown/page", 404),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), status, "{path}");
        let html = response.text().await.expect("html");
        assert!(
            html.contains(INLINE_SCRIPT),
            "{path} is rendered into index.html"
        );
    }
}

#[tokio::test]
async fn the_csp_allows_the_inline_script_by_its_hash_and_nothing_else_inline() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .expect("ascii");
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(INLINE_SCRIPT));
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
    assert!(csp.contains("'wasm-unsafe-eval'"));
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("'unsafe-inline'"));
    assert!(!csp.contains("'unsafe-eval'"));
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/api/health",
        "/api/missing",
        "/portal-0123456789abcdef.js",
    ] {
        let response = app.get(path).await;
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{path}");
        assert!(headers.contains_key("content-security-policy"), "{path}");
        assert!(headers.contains_key("x-request-id"), "{path}");
    }
}

#[tokio::test]
async fn behind_tls_every_answer_asks_for_https_from_now_on() {
    let app = spawn_app_with(Options {
        behind_tls: true,
        ..Options::default()
    })
    .await;
    for path in ["/", "/api/health", "/api/missing"] {
        let response = app.get(path).await;
        assert_eq!(
            response.headers()["strict-transport-security"],
            "max-age=31536000; includeSubDomains",
            "{path}"
        );
    }
}

#[tokio::test]
async fn over_plain_http_no_answer_asks_for_https() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    assert!(!response.headers().contains_key("strict-transport-security"));
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_and_the_index_is_revalidated() {
    let app = spawn_app().await;
    let asset = app.get("/portal-0123456789abcdef.js").await;
    assert_eq!(asset.status(), 200);
    assert_eq!(
        asset.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let index = app.get("/").await;
    assert_eq!(index.headers()["cache-control"], "no-cache");
    let deep = app.get("/enforcement").await;
    assert_eq!(deep.headers()["cache-control"], "no-cache");
    let favicon = app.get("/favicon.svg").await;
    assert_eq!(favicon.headers()["cache-control"], "no-cache");
}

#[tokio::test]
async fn a_precompressed_copy_is_served_to_a_browser_that_accepts_it() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/portal-0123456789abcdef.js"))
        .header("accept-encoding", "br")
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-encoding"], "br");
    let plain = app.get("/portal-0123456789abcdef.js").await;
    assert!(!plain.headers().contains_key("content-encoding"));
}

#[tokio::test]
async fn api_answers_are_compressed_when_the_client_accepts_it() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/api/openapi.json"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("answer");
    assert_eq!(response.headers()["content-encoding"], "gzip");
}

#[tokio::test]
async fn without_a_built_app_the_api_still_works_and_pages_say_why() {
    let app = spawn_app_with(Options {
        built_app: false,
        ..Options::default()
    })
    .await;
    assert_eq!(app.get("/api/health").await.status(), 200);
    let page = app.get("/").await;
    assert_eq!(page.status(), 503);
    assert!(page.text().await.expect("text").contains("cargo xtask run"));
}
