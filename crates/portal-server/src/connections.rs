//! Accepting connections, so that no client can hold the server's
//! connections or file descriptors.
//!
//! - HTTP/1.1 only: a browser speaks it over plain TCP, and a TLS proxy in
//!   front speaks it to the server.
//! - A header-read timeout: a request's headers must arrive within
//!   [`Limits::header_timeout`] of the server waiting for them. That closes
//!   slow clients that send a header line now and then, and kept-alive
//!   connections that stay idle between requests, as well as connections
//!   that never send anything.
//! - Caps on the connections open at once, in total and per client
//!   address (a trusted proxy's address is not capped: its clients are
//!   many). Past a cap the connection is answered `503` with `Retry-After`
//!   and closed at once, so that it frees its descriptor and the server
//!   goes on accepting.
//!
//! The request timeout of the API (30 s, in [`crate::routes`]) bounds the
//! time a request takes once its headers are read, body included.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};

/// The limits on connections.
#[derive(Clone, Debug)]
pub struct Limits {
    /// The time a request's headers may take to arrive, and the longest a
    /// kept-alive connection stays idle.
    pub header_timeout: Duration,
    /// Connections open at once, in total.
    pub total: usize,
    /// Connections open at once from one client address.
    pub per_address: usize,
    /// Peers that are not capped per address (reverse proxies).
    pub uncapped: Vec<ipnet::IpNet>,
}

/// What a connection past a cap is answered before it is closed.
const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 37\r\n\r\nToo many connections; try again soon.";

/// The connections open now, per client address.
#[derive(Debug, Default)]
struct Open {
    by_address: Mutex<HashMap<IpAddr, usize>>,
}

/// One open connection, counted against its address until dropped.
struct Counted {
    open: Arc<Open>,
    address: Option<IpAddr>,
    _slot: tokio::sync::OwnedSemaphorePermit,
}

impl Drop for Counted {
    fn drop(&mut self) {
        let Some(address) = self.address else {
            return;
        };
        let mut by_address = self
            .open
            .by_address
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = by_address.get_mut(&address) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                by_address.remove(&address);
            }
        }
    }
}

/// Serves `router` on `listener` until `signal` completes, then lets the
/// requests in flight finish (for at most 30 s).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    signal: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.total));
    let open = Arc::new(Open::default());
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let mut signal = std::pin::pin!(signal);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    accept_failed(&error).await;
                    continue;
                }
            },
            () = &mut signal => break,
        };
        let Some(counted) = admit(&slots, &open, &limits, peer.ip()) else {
            tracing::debug!(%peer, "connection refused: too many open");
            refuse(&stream);
            continue;
        };
        if let Err(error) = stream.set_nodelay(true) {
            // Nagle's algorithm would hold each small answer on a
            // kept-alive connection until the client's delayed ACK (40 ms).
            tracing::debug!(%error, "cannot set TCP_NODELAY");
        }
        let router = router.clone();
        let service = hyper::service::service_fn(
            move |mut request: hyper::Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                let router = router.clone();
                async move {
                    let response =
                        tower::ServiceExt::oneshot(router, request.map(axum::body::Body::new))
                            .await;
                    Ok::<_, Infallible>(response.unwrap_or_else(|never| match never {}))
                }
            },
        );
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::trace!(%peer, %error, "connection ended with an error");
            }
            drop(counted);
        });
    }
    tracing::info!("stopped accepting; finishing the requests in flight");
    if tokio::time::timeout(Duration::from_secs(30), graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still in flight after 30 s; stopping anyway");
    }
    Ok(())
}

/// Counts a new connection from `address`, or says it is one too many.
fn admit(
    slots: &Arc<tokio::sync::Semaphore>,
    open: &Arc<Open>,
    limits: &Limits,
    address: IpAddr,
) -> Option<Counted> {
    let slot = Arc::clone(slots).try_acquire_owned().ok()?;
    let capped = !limits.uncapped.iter().any(|net| net.contains(&address));
    if capped {
        let mut by_address = open
            .by_address
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let count = by_address.entry(address).or_insert(0);
        if *count >= limits.per_address {
            return None;
        }
        *count += 1;
    }
    Some(Counted {
        open: Arc::clone(open),
        address: capped.then_some(address),
        _slot: slot,
    })
}

/// Answers 503 without waiting (a new socket's send buffer takes it) and
/// closes the connection.
fn refuse(stream: &TcpStream) {
    let _ = stream.try_write(BUSY);
}

/// After a failed `accept`: a connection that failed on its way in is
/// nothing; anything else (out of file descriptors) waits a moment, so the
/// loop does not spin while connections close.
async fn accept_failed(error: &std::io::Error) {
    use std::io::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::ConnectionRefused | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset
    ) {
        return;
    }
    tracing::warn!(%error, "accept failed; retrying in 100 ms");
    tokio::time::sleep(Duration::from_millis(100)).await;
}
