//! Connections: slow and idle clients are dropped, and one address cannot
//! take every connection.

use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

use crate::helpers::{Options, spawn_app_with};

/// Long enough for anything the server does on loopback; a test that
/// waits this long has failed.
const PATIENCE: Duration = Duration::from_secs(20);

fn host_of(address: &str) -> &str {
    address.trim_start_matches("http://")
}

/// Reads until the server closes the connection; what it sent first.
async fn read_until_closed(stream: &mut TcpStream) -> String {
    let mut received = Vec::new();
    let read = tokio::time::timeout(PATIENCE, stream.read_to_end(&mut received)).await;
    assert!(read.is_ok(), "the server did not close the connection");
    String::from_utf8_lossy(&received).into_owned()
}

/// Opens `count` connections that send nothing.
async fn hold(app: &crate::helpers::TestApp, count: usize) -> Vec<TcpStream> {
    let mut held = Vec::new();
    for _ in 0..count {
        held.push(
            TcpStream::connect(host_of(&app.address))
                .await
                .expect("a connection"),
        );
    }
    held
}

#[tokio::test]
async fn a_client_that_sends_its_headers_too_slowly_is_disconnected() {
    let app = spawn_app_with(Options {
        header_timeout_secs: 1,
        ..Options::default()
    })
    .await;
    let mut stream = TcpStream::connect(host_of(&app.address))
        .await
        .expect("a connection");
    // One header line, then nothing more: the request never completes.
    stream
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: portal\r\n")
        .await
        .expect("sent");
    let answer = read_until_closed(&mut stream).await;
    assert!(!answer.contains("200 OK"), "{answer}");
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed() {
    let app = spawn_app_with(Options {
        header_timeout_secs: 1,
        ..Options::default()
    })
    .await;
    let mut stream = TcpStream::connect(host_of(&app.address))
        .await
        .expect("a connection");
    stream
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: portal\r\n\r\n")
        .await
        .expect("sent");
    // The answer comes, and then, the connection left idle, the close.
    let answer = read_until_closed(&mut stream).await;
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
}

#[tokio::test]
async fn a_connection_past_the_per_address_cap_is_answered_503_and_closed() {
    let app = spawn_app_with(Options {
        max_connections_per_address: 2,
        ..Options::default()
    })
    .await;
    let _held = hold(&app, 2).await;
    let mut third = TcpStream::connect(host_of(&app.address))
        .await
        .expect("a connection");
    let answer = read_until_closed(&mut third).await;
    assert!(
        answer.starts_with("HTTP/1.1 503 Service Unavailable"),
        "{answer}"
    );
    assert!(answer.contains("Retry-After: 5"), "{answer}");
}

#[tokio::test]
async fn another_address_is_answered_while_one_address_holds_its_cap() {
    let app = spawn_app_with(Options {
        max_connections_per_address: 3,
        ..Options::default()
    })
    .await;
    let _held = hold(&app, 3).await;
    // 127.0.0.2 is another address of the loopback interface.
    let other = reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .build()
        .expect("a client");
    let health = other
        .get(app.url("/api/health"))
        .send()
        .await
        .expect("the server answers");
    assert_eq!(health.status(), 200);
}

#[tokio::test]
async fn a_connection_closed_frees_its_place_under_the_cap() {
    let app = spawn_app_with(Options {
        max_connections_per_address: 1,
        ..Options::default()
    })
    .await;
    let mut first = TcpStream::connect(host_of(&app.address))
        .await
        .expect("a connection");
    first
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: portal\r\nConnection: close\r\n\r\n")
        .await
        .expect("sent");
    let answer = read_until_closed(&mut first).await;
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    drop(first);
    // The server counts a connection until its task has seen it end, a
    // moment after the close: ask until it answers, within patience.
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .build()
            .expect("a client");
        let status = client
            .get(app.url("/api/health"))
            .send()
            .await
            .map(|r| r.status().as_u16())
            .ok();
        if status == Some(200) {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the closed connection still counts: {status:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
