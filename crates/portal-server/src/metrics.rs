//! Prometheus metrics: requests by route and status, their latency, the
//! search index's generation and age, how far the change log is followed,
//! and the database pool. Served in the OpenMetrics text format at
//! `/metrics` on a listen address of its own (`--metrics-listen`), never on
//! the public one.
//!
//! Routes are labelled by their pattern (`/api/decisions/{id}`), never by
//! the address asked for, so that no client can grow the set of labels:
//! API requests that matched no route are `/api/{*rest}`, pages the server
//! renders are `page`, files of the built app `file`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use portal_store::Store;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

/// The labels of a request counted.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    method: String,
    status: u16,
}

/// The labels of a request timed.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

/// Latency buckets from 0.25 ms to about 8 s, doubling.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.000_25, 2.0, 16))
}

/// The route a request matched, put in its answer's extensions by the API
/// router, for the metrics layer outside it to read.
#[derive(Clone, Debug)]
pub struct RouteLabel(pub String);

/// One instance's metrics.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    /// The change number the search index was built at.
    pub index_generation: Gauge,
    /// Seconds since the search index was built.
    pub index_age_seconds: Gauge<f64, AtomicU64>,
    /// The last change number read from the change log.
    pub changes_seen: Gauge,
    /// Seconds since the change log was last read.
    pub changes_read_age_seconds: Gauge,
    /// Connections the database pool holds, and of them, idle.
    pub pool_connections: Gauge,
    pub pool_idle: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// Metrics with nothing recorded.
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("portal");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by route pattern, method and status",
            requests.clone(),
        );
        let latency = Family::<RouteLabels, Histogram, fn() -> Histogram>::new_with_constructor(
            latency_histogram,
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to answer, by route pattern",
            latency.clone(),
        );
        let mut metrics = Self {
            registry,
            requests,
            latency,
            index_generation: Gauge::default(),
            index_age_seconds: Gauge::default(),
            changes_seen: Gauge::default(),
            changes_read_age_seconds: Gauge::default(),
            pool_connections: Gauge::default(),
            pool_idle: Gauge::default(),
        };
        let gauges: [(&str, &str, Gauge); 5] = [
            (
                "search_index_generation",
                "The change number the search index of decisions was built at",
                metrics.index_generation.clone(),
            ),
            (
                "change_log_seen",
                "The last change number this instance read from the change log",
                metrics.changes_seen.clone(),
            ),
            (
                "change_log_read_age_seconds",
                "Seconds since this instance last read the change log",
                metrics.changes_read_age_seconds.clone(),
            ),
            (
                "database_pool_connections",
                "Connections the database pool holds",
                metrics.pool_connections.clone(),
            ),
            (
                "database_pool_idle_connections",
                "Connections of the database pool not in use",
                metrics.pool_idle.clone(),
            ),
        ];
        for (name, help, gauge) in gauges {
            metrics.registry.register(name, help, gauge);
        }
        metrics.registry.register(
            "search_index_age_seconds",
            "Seconds since the search index of decisions was built",
            metrics.index_age_seconds.clone(),
        );
        metrics
    }

    /// Counts and times one answered request.
    pub fn observe(&self, route: &str, method: &str, status: u16, seconds: f64) {
        self.requests
            .get_or_create(&RequestLabels {
                route: route.to_owned(),
                method: method.to_owned(),
                status,
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels {
                route: route.to_owned(),
            })
            .observe(seconds);
    }

    /// Everything, in the OpenMetrics text format.
    pub fn encode(&self) -> String {
        let mut text = String::new();
        if let Err(error) = prometheus_client::encoding::text::encode(&mut text, &self.registry) {
            tracing::warn!(%error, "cannot encode the metrics");
        }
        text
    }
}

/// What the scrape reads the gauges from.
#[derive(Clone)]
pub struct Sources {
    pub store: Store,
    pub decisions: Arc<crate::search::DecisionSearch>,
    pub follow: Arc<crate::changes::FollowState>,
}

impl Sources {
    /// Sets the gauges to how things stand now.
    fn refresh(&self, metrics: &Metrics) {
        metrics
            .index_generation
            .set(i64::try_from(self.decisions.generation()).unwrap_or(i64::MAX));
        metrics
            .index_age_seconds
            .set(self.decisions.age().as_secs_f64());
        metrics
            .changes_seen
            .set(self.follow.seen.load(Ordering::SeqCst));
        metrics
            .changes_read_age_seconds
            .set(self.follow.since_last_read().unwrap_or(-1));
        let (size, idle) = self.store.pool_status();
        metrics.pool_connections.set(i64::from(size));
        metrics
            .pool_idle
            .set(i64::try_from(idle).unwrap_or(i64::MAX));
    }
}

/// Serves `GET /metrics` on `address` (a listener of its own) for as long
/// as the process runs.
pub async fn serve_scrapes(
    address: SocketAddr,
    metrics: Arc<Metrics>,
    sources: Sources,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(address).await?;
    let router = axum::Router::new().route(
        "/metrics",
        axum::routing::get(move || {
            let metrics = Arc::clone(&metrics);
            let sources = sources.clone();
            async move {
                sources.refresh(&metrics);
                (
                    [(
                        axum::http::header::CONTENT_TYPE,
                        "application/openmetrics-text; version=1.0.0; charset=utf-8",
                    )],
                    metrics.encode(),
                )
            }
        }),
    );
    tracing::info!(%address, "serving metrics on http://{address}/metrics");
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, router).await {
            tracing::error!(%error, "the metrics listener stopped");
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_counted_by_route_method_and_status_and_timed_by_route() {
        let metrics = Metrics::new();
        metrics.observe("/api/decisions/{id}", "GET", 200, 0.003);
        metrics.observe("/api/decisions/{id}", "GET", 200, 0.004);
        metrics.observe("/api/decisions/{id}", "GET", 410, 0.001);
        let text = metrics.encode();
        assert!(
            text.contains(
                r#"portal_http_requests_total{route="/api/decisions/{id}",method="GET",status="200"} 2"#
            ),
            "{text}"
        );
        assert!(text.contains(r#"status="410"} 1"#), "{text}");
        assert!(
            text.contains(
                r#"portal_http_request_duration_seconds_count{route="/api/decisions/{id}"} 3"#
            ),
            "{text}"
        );
    }

    #[test]
    fn the_gauges_are_named_in_the_text() {
        let metrics = Metrics::new();
        metrics.index_generation.set(42);
        let text = metrics.encode();
        assert!(text.contains("portal_search_index_generation 42"), "{text}");
        assert!(text.contains("portal_database_pool_connections"), "{text}");
    }
}
