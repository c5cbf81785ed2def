//! Plain HTTP/1.1 requests to a local server, from a chosen local address
//! (the abuse benchmark speaks as two clients; the tests sign in).

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::time::Duration;

use anyhow::Context;

/// This machine, as the first client.
pub const HERE: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 1));

/// A request from the local address `from` to the server on `port`; the
/// status and the whole answer (head and body).
pub fn request(
    from: IpAddr,
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    timeout: Duration,
) -> anyhow::Result<(u16, String)> {
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)?;
    socket.bind(&SocketAddr::from((from, 0)).into())?;
    socket.connect_timeout(&SocketAddr::from((HERE, port)).into(), timeout)?;
    let mut stream: TcpStream = socket.into();
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .context("not an HTTP answer")?;
    Ok((status, text))
}

/// A staff session: the `Cookie` header value and the CSRF token.
pub struct StaffSession {
    pub cookie: String,
    pub csrf_token: String,
}

/// Signs in to the server on `port` as the API does for the app.
pub fn sign_in(port: u16, username: &str, password: &str) -> anyhow::Result<StaffSession> {
    let body = serde_json::json!({ "username": username, "password": password }).to_string();
    let (status, answer) = request(
        HERE,
        port,
        "POST",
        "/api/staff/session",
        &[("Content-Type", "application/json")],
        body.as_bytes(),
        Duration::from_secs(10),
    )?;
    anyhow::ensure!(status == 200, "signing in as {username} answered {status}");
    let (head, json) = answer
        .split_once("\r\n\r\n")
        .context("an answer without a body")?;
    let cookie = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("set-cookie").then(|| {
                value
                    .trim()
                    .split(';')
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            })
        })
        .context("signing in set no cookie")?;
    let session: serde_json::Value = serde_json::from_str(json)?;
    let csrf_token = session["csrf_token"]
        .as_str()
        .context("a session without a CSRF token")?
        .to_owned();
    Ok(StaffSession { cookie, csrf_token })
}
