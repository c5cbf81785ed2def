//! `/api/health` (and `/live`, `/ready`), metrics, `/api/site`, `/api/site/figures`, `/api/openapi.json`, `/api/docs`.

use portal_types::site::{Health, HealthStatus, SiteFigures, SiteInfo};

use crate::helpers::{Options, spawn_app, spawn_app_with};

#[tokio::test]
async fn health_reports_ok_when_the_database_answers() {
    let app = spawn_app().await;
    let response = app.get("/api/health").await;
    assert_eq!(response.status(), 200);
    let health: Health = response.json().await.expect("a Health body");
    assert_eq!(health.status, HealthStatus::Ok);
    assert_eq!(health.database, HealthStatus::Ok);
}

#[tokio::test]
async fn readiness_says_the_database_answers_and_the_indexes_follow_and_liveness_is_bare() {
    let app = spawn_app().await;
    let response = app.get("/api/health/ready").await;
    assert_eq!(response.status(), 200);
    let health: Health = response.json().await.expect("a Health body");
    assert_eq!(health.database, HealthStatus::Ok);
    assert_eq!(health.indexes, HealthStatus::Ok);
    assert_eq!(app.get("/api/health/live").await.status(), 200);
}

#[tokio::test]
async fn figures_count_the_demo_records_in_public_view() {
    let app = spawn_app().await;
    let response = app.get("/api/site/figures").await;
    assert_eq!(response.status(), 200);
    let figures: SiteFigures = response.json().await.expect("a SiteFigures body");
    assert!(figures.demo_data);
    assert_eq!(figures.enterprises, 60);
    // Some of the 300 demo decisions are past their disclosure deadline.
    assert!(figures.published_decisions > 0 && figures.published_decisions < 300);
    assert!(figures.published_fines_yuan > 0);
    assert!(figures.blacklisted_enterprises >= 1);
}

#[tokio::test]
async fn the_home_figure_counts_the_same_decisions_as_the_public_list() {
    let app = spawn_app().await;
    let figures: SiteFigures = app
        .get("/api/site/figures")
        .await
        .json()
        .await
        .expect("body");
    let list = app.get_json("/api/decisions?page_size=1", 200).await;
    assert_eq!(
        list["total"].as_u64(),
        Some(figures.published_decisions),
        "revoked decisions in view are in both"
    );
}

#[tokio::test]
async fn figures_are_zero_and_not_demo_without_demo_data() {
    let app = spawn_app_with(Options {
        demo_data: false,
        ..Options::default()
    })
    .await;
    let figures: SiteFigures = app
        .get("/api/site/figures")
        .await
        .json()
        .await
        .expect("body");
    assert_eq!(figures.published_decisions, 0);
    assert_eq!(figures.enterprises, 0);
    assert!(!figures.demo_data);
    let info: SiteInfo = app.get("/api/site").await.json().await.expect("body");
    assert!(!info.demo_data);
}

#[tokio::test]
async fn site_info_says_the_records_are_demo_data() {
    let app = spawn_app().await;
    let info: SiteInfo = app.get("/api/site").await.json().await.expect("body");
    assert!(info.demo_data);
    assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn figures_carry_an_iso_8601_timestamp_with_a_zone() {
    let app = spawn_app().await;
    let json: serde_json::Value = app
        .get("/api/site/figures")
        .await
        .json()
        .await
        .expect("json");
    let as_of = json["as_of"].as_str().expect("a string");
    assert!(
        chrono::DateTime::parse_from_rfc3339(as_of).is_ok(),
        "{as_of}"
    );
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let app = spawn_app().await;
    let response = app.get("/api/openapi.json").await;
    assert_eq!(response.status(), 200);
    let doc: serde_json::Value = response.json().await.expect("json");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    for path in ["/api/health", "/api/site", "/api/site/figures"] {
        assert!(
            doc["paths"][path]["get"].is_object(),
            "{path} is documented"
        );
    }
    assert!(doc["components"]["schemas"]["ApiErrorBody"].is_object());
}

#[tokio::test]
async fn every_schema_the_openapi_document_refers_to_is_in_it() {
    let app = spawn_app().await;
    let doc: serde_json::Value = app.get_json("/api/openapi.json", 200).await;
    let mut refs = Vec::new();
    collect_refs(&doc, &mut refs);
    assert!(!refs.is_empty());
    for reference in refs {
        let name = reference
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("a local schema: {reference}"));
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "{reference} is defined"
        );
    }
    let field_error = &doc["components"]["schemas"]["FieldError"];
    assert!(field_error.is_object(), "field errors are described");
}

fn collect_refs(value: &serde_json::Value, into: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner) {
                    ("$ref", serde_json::Value::String(r)) => into.push(r.clone()),
                    _ => collect_refs(inner, into),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_refs(v, into)),
        _ => {}
    }
}

/// Every operation of the document, with its path and method.
fn operations(doc: &serde_json::Value) -> Vec<(String, String, serde_json::Value)> {
    let mut all = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in ["get", "put", "post", "delete", "patch"] {
            if item[method].is_object() {
                all.push((path.clone(), method.to_owned(), item[method].clone()));
            }
        }
    }
    all
}

#[tokio::test]
async fn every_operation_documents_the_answers_of_the_shared_layers() {
    let app = spawn_app().await;
    let doc: serde_json::Value = app.get_json("/api/openapi.json", 200).await;
    let all = operations(&doc);
    assert!(all.len() > 40, "{} operations", all.len());
    for (path, method, operation) in all {
        let responses = &operation["responses"];
        assert!(responses["503"].is_object(), "{method} {path}: 503");
        if operation["requestBody"].is_object() {
            for status in ["400", "413", "415"] {
                assert!(responses[status].is_object(), "{method} {path}: {status}");
            }
        }
        if path.starts_with("/api/staff/") && !(path == "/api/staff/session" && method == "post") {
            for status in ["401", "403"] {
                assert!(responses[status].is_object(), "{method} {path}: {status}");
            }
        }
    }
}

#[tokio::test]
async fn the_api_browser_is_served_without_remote_resources() {
    let app = spawn_app().await;
    let response = app.get("/api/docs/").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("html");
    assert!(html.contains("swagger-ui"));
    assert!(!html.contains("https://"), "no remote resources: {html}");
    let bundle = app.get("/api/docs/swagger-ui-bundle.js").await;
    assert_eq!(bundle.status(), 200);
}

#[tokio::test]
async fn a_second_start_on_the_same_database_keeps_the_records() {
    use portal_store::{DemoState, Store};
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite:{}", dir.path().join("p.db").display());
    let store = Store::open(&url).await.expect("opens");
    let size = portal_server::demo::DemoSize {
        enterprises: 20,
        decisions: 50,
    };
    portal_server::demo::load_if_empty(&store, &size)
        .await
        .expect("loads");
    store.close().await;
    let store = Store::open(&url).await.expect("opens again");
    assert_eq!(
        store.demo_state().await.expect("state"),
        DemoState::Complete
    );
    portal_server::demo::load_if_empty(&store, &size)
        .await
        .expect("skips");
    let figures = store
        .site_figures(portal_store::clock::today_in_china())
        .await
        .expect("figures");
    assert_eq!(figures.enterprises, 20);
}

#[tokio::test]
async fn metrics_count_requests_by_route_on_their_own_address_only() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let app = crate::helpers::spawn_app_with(crate::helpers::Options {
        metrics_listen: Some(format!("127.0.0.1:{port}").parse().expect("an address")),
        ..crate::helpers::Options::default()
    })
    .await;
    for id in [1, 2, 3] {
        app.get(&format!("/api/decisions/{id}")).await;
    }
    let text = app
        .client
        .get(format!("http://127.0.0.1:{port}/metrics"))
        .send()
        .await
        .expect("an answer")
        .text()
        .await
        .expect("text");
    let counted: u64 = text
        .lines()
        .filter(|l| {
            l.starts_with("portal_http_requests_total{route=\"/api/decisions/{id}\",method=\"GET\"")
        })
        .filter_map(|l| l.rsplit(' ').next()?.parse::<u64>().ok())
        .sum();
    assert_eq!(counted, 3, "{text}");
    assert!(text.contains("portal_search_index_generation"), "{text}");
    assert!(text.contains("portal_database_pool_connections"), "{text}");
    // The public address has no metrics.
    let public = app.get("/metrics").await;
    assert_ne!(public.status(), 200);
}
