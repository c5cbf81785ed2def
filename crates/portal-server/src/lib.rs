//! The JSON API of the public work-safety portal, which also serves the
//! built single-page app from the same port.
//!
//! Storage is the crate `portal_store` (the only place that knows SQL), below
//! every module here.
//!
//! - [`config`]: command-line flags and `PORTAL_*` environment variables.
//! - [`changes`]: following the change log, so that several instances on
//!   one database keep their indexes current.
//! - [`telemetry`]: structured logs.
//! - [`demo`]: the deterministic generator of demonstration records.
//! - [`education`]: safety articles and quizzes, from `content/` to the API.
//! - [`limits`]: per-client rate limits of the reporting channel.
//! - [`photos`]: cleaning uploaded photos of every piece of metadata.
//! - [`memory`]: returning freed memory to the system after one-off work.
//! - [`metrics`]: Prometheus metrics, on a listen address of their own.
//! - [`error`]: the API's error type and the extractors that produce it.
//! - [`search`]: the in-memory index that answers searches of decisions.
//! - [`state`]: [`AppState`], what every handler can reach.
//! - [`signing`]: verification codes of blacklist check results.
//! - [`services`]: the state handlers share (name index, rate limits, photo slots).
//! - [`routes`]: one module per resource, merged into [`routes::api_router`].
//! - [`crawl`]: robots.txt and the sitemaps.
//! - [`pages`]: public pages rendered to HTML by the app's own components.
//! - [`web`]: the built app, its caching and the security headers.

pub mod changes;
pub mod client;
pub mod config;
pub mod connections;
pub mod crawl;
pub mod demo;
pub mod education;
pub mod error;
pub mod licensing;
pub mod limits;
pub mod memory;
pub mod metrics;
pub mod pages;
pub mod photos;
pub mod publishing;
pub mod routes;
pub mod search;
pub mod services;
pub mod signing;
pub mod spreadsheet;
pub mod staff;
pub mod state;
pub mod telemetry;
pub mod web;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use portal_store::Store;
use tokio::net::TcpListener;

pub use crate::state::{AppState, CONCURRENT_EXPORTS};

use crate::config::Config;

/// Opens the database, loads demo data when asked and serves until a
/// shutdown signal (Ctrl-C or SIGTERM) arrives.
pub async fn run(config: Config) -> anyhow::Result<()> {
    let listener = TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let server = Server::build(config, listener).await?;
    server.serve_until(shutdown_signal()).await
}

/// A server that is ready to accept connections on its listener.
pub struct Server {
    listener: TcpListener,
    router: Router,
    connections: connections::Limits,
}

impl Server {
    /// Prepares the database and the router; does not accept connections yet.
    pub async fn build(config: Config, listener: TcpListener) -> anyhow::Result<Self> {
        let store = Store::open_with(
            &config.database_url,
            &portal_store::OpenOptions {
                sqlite_synchronous: config.sqlite_synchronous,
            },
        )
        .await
        .with_context(|| format!("cannot open the database at {}", config.database_url))?;
        // Instances started together on one database take turns to prepare
        // it: the next finds the demo data and the content in place.
        let startup = store.startup_lock().await?;
        if config.demo_data {
            demo::load_if_empty(&store, &config.demo_size()).await?;
            demo::enforcement::load_if_missing(&store, portal_store::clock::today_in_china())
                .await?;
            demo::licences::load_if_missing(&store, portal_store::clock::today_in_china()).await?;
        }
        let mut site = web::Site::load(&config.dist)
            .with_context(|| format!("cannot read the built app in {}", config.dist.display()))?;
        let public = pages::PublicAddress::new(config.public_url.clone(), config.behind_tls);
        site.public = public.clone();
        let decisions = Arc::new(
            search::DecisionSearch::load(&store)
                .await
                .context("cannot build the search index")?,
        );
        let reporting = Arc::new(services::Reporting::new(limits::Limits {
            reports: limits::HourlyLimit::new(config.reports_per_hour),
            photos: limits::HourlyLimit::new(config.photos_per_hour),
            lookups: limits::HourlyLimit::new(config.lookups_per_hour),
            reads: limits::HourlyLimit::new(config.report_reads_per_hour),
        }));
        spawn_housekeeping(store.clone(), Arc::clone(&reporting));
        let key = match &config.signing_key {
            Some(key) if key.len() >= 16 => key.as_bytes().to_vec(),
            Some(_) => anyhow::bail!("the signing key must be at least 16 characters"),
            None => store.signing_key().await?,
        };
        let blacklist = Arc::new(
            services::Blacklist::load(&store, signing::Signer::new(&key))
                .await
                .context("cannot build the enterprise name index")?,
        );
        let education = Arc::new(
            education::Shelf::load(&store, &config.content_source())
                .await
                .context("cannot load the education content")?,
        );
        startup.release().await?;
        let follow = Arc::new(changes::FollowState::default());
        let built_at = i64::try_from(decisions.generation())
            .unwrap_or(i64::MAX)
            .min(blacklist.generation())
            .min(education.generation());
        follow
            .seen
            .store(built_at, std::sync::atomic::Ordering::SeqCst);
        follow.last_read.store(
            chrono::Utc::now().timestamp(),
            std::sync::atomic::Ordering::SeqCst,
        );
        changes::Follower {
            store: store.clone(),
            decisions: Arc::clone(&decisions),
            blacklist: Arc::clone(&blacklist),
            education: Arc::clone(&education),
            state: Arc::clone(&follow),
        }
        .spawn();
        let state = AppState {
            store,
            education,
            decisions,
            exports: Arc::new(tokio::sync::Semaphore::new(CONCURRENT_EXPORTS)),
            reporting,
            blacklist,
            staff: Arc::new(staff::StaffSettings {
                secure_cookie: config.behind_tls,
                sign_ins: limits::HourlyLimit::new(config.sign_ins_per_hour),
            }),
            proxies: Arc::new(client::TrustedProxies::new(config.trusted_proxies.clone())),
            public: Arc::new(public),
            follow,
        };
        let metrics = Arc::new(metrics::Metrics::new());
        if let Some(address) = config.metrics_listen {
            metrics::serve_scrapes(
                address,
                Arc::clone(&metrics),
                metrics::Sources {
                    store: state.store.clone(),
                    decisions: Arc::clone(&state.decisions),
                    follow: Arc::clone(&state.follow),
                },
            )
            .await
            .with_context(|| format!("cannot listen for metrics on {address}"))?;
        }
        let router = app(state, Arc::new(site), metrics);
        let connections = connections::Limits {
            header_timeout: std::time::Duration::from_secs(config.header_timeout_secs),
            total: usize::try_from(config.max_connections).unwrap_or(usize::MAX),
            per_address: usize::try_from(config.max_connections_per_address).unwrap_or(usize::MAX),
            uncapped: config.trusted_proxies.clone(),
        };
        Ok(Self {
            listener,
            router,
            connections,
        })
    }

    /// The address the server listens on (useful when it was given port 0).
    pub fn local_addr(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// Serves until `signal` completes, then finishes the requests in flight.
    pub async fn serve_until(
        self,
        signal: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let addr = self.local_addr()?;
        tracing::info!(%addr, "serving the portal on http://{addr}");
        connections::serve(self.listener, self.router, self.connections, signal)
            .await
            .context("the server stopped with an error")?;
        tracing::info!("server stopped");
        Ok(())
    }
}

/// The whole application: the API under `/api`, the built app everywhere else.
pub fn app(state: AppState, site: Arc<web::Site>, metrics: Arc<metrics::Metrics>) -> Router {
    let crawl = crawl::router(state.clone());
    let api = routes::api_router(state);
    web::wrap(api, crawl, site, metrics)
}

/// Every hour: deletes photos never attached to a report, documents never
/// attached to a repair application, idempotency records and entries of the
/// change log older than a day, and forgets idle clients of the rate limits.
fn spawn_housekeeping(store: Store, reporting: Arc<services::Reporting>) {
    tokio::spawn(async move {
        let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            hourly.tick().await;
            let day_ago = chrono::Utc::now() - chrono::Duration::days(1);
            match store.purge_stale_report_data(day_ago).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(removed = n, "stale photos and idempotency records removed")
                }
                Err(error) => tracing::warn!(%error, "housekeeping failed"),
            }
            match store.purge_stale_repair_documents(day_ago).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(removed = n, "unattached repair documents removed"),
                Err(error) => tracing::warn!(%error, "housekeeping failed"),
            }
            match store.purge_change_log(day_ago).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(removed = n, "old entries of the change log removed"),
                Err(error) => tracing::warn!(%error, "housekeeping failed"),
            }
            reporting.limits.reports.forget_idle();
            reporting.limits.photos.forget_idle();
            reporting.limits.lookups.forget_idle();
            reporting.limits.reads.forget_idle();
        }
    });
}

/// Completes on Ctrl-C or, on Unix, SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received; finishing requests in flight");
}
