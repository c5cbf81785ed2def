//! `cargo xtask bench --abuse`: what one client can do to the server, on
//! loopback, bounded in time.
//!
//! Starts the release server on a fresh database and, one after another:
//! forty concurrent uploads of a photo "bomb" (11,999 × 11,999 pixels of one
//! colour, about 420 KB) and forty of the largest photo allowed (6,000 ×
//! 6,000, decoded for real); a flood of 1,100 idle and 50 slow-header
//! connections from 127.0.0.1 while another address (127.0.0.2) asks
//! `/api/health`; twenty wrong sign-ins for the administrator from one
//! address and then the right password from another; five hundred reads of
//! report references. It prints, for each, the answers by status, whether
//! health stayed answered and the server's peak resident memory. Figures,
//! not assertions: see BENCHMARKS.md.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::http::{self, HERE};
use crate::process::{run, step};

const PORT: u16 = 18_097;
const ADMIN: &str = "admin";
const ADMIN_PASSWORD: &str = "abuse bench chief 2026";
const ELSEWHERE: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));

/// Runs the abuse scenarios and prints what the server did.
pub fn abuse(root: &Path) -> anyhow::Result<()> {
    step("Build the server (release)");
    run(Command::new("cargo").args(["build", "--release", "--locked", "-p", "portal-server"]))?;
    let folder = root.join("target/bench/abuse");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder)?;
    let server = start(root, &folder)?;
    let pid = server.id();
    let result = scenarios(pid);
    crate::bench::stop(server);
    let rows = result?;
    println!("\n| scenario | answers | health from another address | server peak memory |");
    println!("|---|---|---|---:|");
    for row in rows {
        println!(
            "| {} | {} | {} | {} |",
            row.name, row.answers, row.health, row.peak
        );
    }
    println!(
        "\nThe server's log: {}",
        folder.join("server.log").display()
    );
    Ok(())
}

struct Row {
    name: &'static str,
    answers: String,
    health: String,
    peak: String,
}

fn scenarios(pid: u32) -> anyhow::Result<Vec<Row>> {
    let mut rows = Vec::new();

    step("Forty concurrent uploads of an 11,999 × 11,999 photo bomb");
    let bomb = single_colour_png(11_999, 11_999)?;
    println!("    the bomb: {} KB", bomb.len() / 1000);
    let (answers, health) = with_health_checks(|| uploads(&bomb, 40))?;
    rows.push(Row {
        name: "40 photo bombs (11,999 × 11,999)",
        answers,
        health,
        peak: crate::bench::memory_line(pid, "VmHWM:"),
    });

    step("Forty concurrent uploads of a 6,000 × 6,000 photo (decoded)");
    let large = single_colour_png(6_000, 6_000)?;
    let (answers, health) = with_health_checks(|| uploads(&large, 40))?;
    rows.push(Row {
        name: "40 largest photos (6,000 × 6,000)",
        answers,
        health,
        peak: crate::bench::memory_line(pid, "VmHWM:"),
    });

    step("1,100 idle and 50 slow-header connections for 20 s");
    let (answers, health) = with_health_checks(|| flood(1_100, 50, Duration::from_secs(20)))?;
    rows.push(Row {
        name: "connection flood (1,100 idle, 50 slow)",
        answers,
        health,
        peak: crate::bench::memory_line(pid, "VmHWM:"),
    });

    step("Twenty wrong sign-ins for the administrator, then the owner");
    let (answers, health) = with_health_checks(lockout)?;
    rows.push(Row {
        name: "lockout attempt (20 wrong, then the owner elsewhere)",
        answers,
        health,
        peak: crate::bench::memory_line(pid, "VmHWM:"),
    });

    step("Five hundred reads of report references");
    let (answers, health) = with_health_checks(walk_references)?;
    rows.push(Row {
        name: "walking references (500 Open311 reads)",
        answers,
        health,
        peak: crate::bench::memory_line(pid, "VmHWM:"),
    });
    Ok(rows)
}

/// Runs `scenario` while another address asks `/api/health` every 250 ms;
/// the scenario's summary and how many health checks were answered 200.
fn with_health_checks(
    scenario: impl FnOnce() -> anyhow::Result<String>,
) -> anyhow::Result<(String, String)> {
    let done = Arc::new(AtomicBool::new(false));
    let (asked, answered) = (Arc::new(AtomicU32::new(0)), Arc::new(AtomicU32::new(0)));
    let checker = {
        let (done, asked, answered) = (done.clone(), asked.clone(), answered.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                asked.fetch_add(1, Ordering::Relaxed);
                let started = Instant::now();
                if request(
                    ELSEWHERE,
                    "GET",
                    "/api/health",
                    &[],
                    b"",
                    Duration::from_secs(2),
                )
                .is_ok_and(|(status, _)| status == 200)
                {
                    answered.fetch_add(1, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(250).saturating_sub(started.elapsed()));
            }
        })
    };
    let summary = scenario();
    done.store(true, Ordering::Relaxed);
    let _ = checker.join();
    let (asked, answered) = (
        asked.load(Ordering::Relaxed),
        answered.load(Ordering::Relaxed),
    );
    Ok((
        summary?,
        format!("{answered} of {asked} answered within 2 s"),
    ))
}

/// `count` concurrent uploads of `png`; the answers by status.
fn uploads(png: &[u8], count: usize) -> anyhow::Result<String> {
    let png = Arc::new(png.to_vec());
    let threads: Vec<_> = (0..count)
        .map(|_| {
            let png = png.clone();
            std::thread::spawn(move || {
                request(
                    HERE,
                    "POST",
                    "/api/reports/photos",
                    &[("Content-Type", "image/png")],
                    &png,
                    Duration::from_secs(60),
                )
                .map(|(status, _)| status)
            })
        })
        .collect();
    let mut statuses = BTreeMap::new();
    for thread in threads {
        let status = thread
            .join()
            .map_err(|_| anyhow::anyhow!("an upload thread panicked"))?
            .map_or_else(|e| format!("no answer ({e})"), |s| s.to_string());
        *statuses.entry(status).or_insert(0u32) += 1;
    }
    Ok(by_status(&statuses))
}

/// Holds `idle` connections that send nothing and `slow` ones that send a
/// header line every 2 s, for `length`; how the server treated them.
fn flood(idle: usize, slow: usize, length: Duration) -> anyhow::Result<String> {
    let address = SocketAddr::from((HERE, PORT));
    let mut open = Vec::new();
    let mut refused = 0u32;
    for _ in 0..idle + slow {
        match TcpStream::connect_timeout(&address, Duration::from_secs(2)) {
            Ok(stream) => open.push(stream),
            Err(_) => refused += 1,
        }
    }
    let (mut slow_streams, idle_streams) = (Vec::new(), open.split_off(slow.min(open.len())));
    for mut stream in open {
        let _ = stream.write_all(b"GET /api/health HTTP/1.1\r\nHost: portal\r\n");
        slow_streams.push(stream);
    }
    let started = Instant::now();
    while started.elapsed() < length {
        std::thread::sleep(Duration::from_secs(2));
        for stream in &mut slow_streams {
            let _ = stream.write_all(b"X-Slow: yes\r\n");
        }
    }
    // What each connection was told, or whether it was closed.
    let mut outcomes = BTreeMap::new();
    for mut stream in slow_streams.into_iter().chain(idle_streams) {
        let _ = stream.set_read_timeout(Some(Duration::from_millis(50)));
        let mut buffer = [0u8; 64];
        let outcome = match stream.read(&mut buffer) {
            Ok(0) => "closed by the server".to_owned(),
            Ok(n) if buffer[..n].starts_with(b"HTTP/1.1 503") => "503 and closed".to_owned(),
            Ok(_) => "answered".to_owned(),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                "still open".to_owned()
            }
            Err(_) => "reset by the server".to_owned(),
        };
        *outcomes.entry(outcome).or_insert(0u32) += 1;
    }
    if refused > 0 {
        outcomes.insert("connect failed".to_owned(), refused);
    }
    Ok(format!(
        "after {} s: {}",
        length.as_secs(),
        outcomes
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// Twenty wrong sign-ins from here, then the right one from elsewhere.
fn lockout() -> anyhow::Result<String> {
    let mut statuses = BTreeMap::new();
    for _ in 0..20 {
        let (status, _) = sign_in(HERE, "wrong wrong wrong")?;
        *statuses.entry(status.to_string()).or_insert(0u32) += 1;
    }
    let (owner, _) = sign_in(ELSEWHERE, ADMIN_PASSWORD)?;
    Ok(format!(
        "the stranger: {}; the owner from another address: {owner}",
        by_status(&statuses)
    ))
}

fn sign_in(from: IpAddr, password: &str) -> anyhow::Result<(u16, String)> {
    let body = serde_json::json!({ "username": ADMIN, "password": password }).to_string();
    request(
        from,
        "POST",
        "/api/staff/session",
        &[("Content-Type", "application/json")],
        body.as_bytes(),
        Duration::from_secs(10),
    )
}

/// Five hundred Open311 reads of references of today, one after another.
fn walk_references() -> anyhow::Result<String> {
    let mut statuses = BTreeMap::new();
    let started = Instant::now();
    for n in 0..500 {
        let path = format!("/api/open311/v2/requests/JB20261201-{n:06}.json");
        let (status, _) = request(HERE, "GET", &path, &[], b"", Duration::from_secs(10))?;
        *statuses.entry(status.to_string()).or_insert(0u32) += 1;
    }
    Ok(format!(
        "{} in {:.1} s",
        by_status(&statuses),
        started.elapsed().as_secs_f64()
    ))
}

fn by_status(statuses: &BTreeMap<String, u32>) -> String {
    statuses
        .iter()
        .map(|(status, n)| format!("{n} × {status}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A request from `from` to the benchmark's server.
fn request(
    from: IpAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    timeout: Duration,
) -> anyhow::Result<(u16, String)> {
    http::request(from, PORT, method, path, headers, body, timeout)
}

/// A PNG of `width` × `height` pixels of one colour, compressed as it is
/// made (an 11,999² picture is 432 MB of pixels but about 420 KB of file).
fn single_colour_png(width: u32, height: u32) -> anyhow::Result<Vec<u8>> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) -> anyhow::Result<()> {
        out.extend_from_slice(&u32::try_from(data.len())?.to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
        Ok(())
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &header)?;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // Filter byte 0, then the row: one colour (a safety orange).
    let row: Vec<u8> = std::iter::once(0u8)
        .chain((0..width).flat_map(|_| [217u8, 72, 15]))
        .collect();
    for _ in 0..height {
        encoder.write_all(&row)?;
    }
    chunk(&mut out, b"IDAT", &encoder.finish()?)?;
    chunk(&mut out, b"IEND", &[])?;
    Ok(out)
}

fn start(root: &Path, folder: &Path) -> anyhow::Result<Child> {
    let database = format!("sqlite:{}", folder.join("portal.db").display());
    let server = root.join("target/release/portal-server");
    crate::test::add_administrator(&server, &database, ADMIN, ADMIN_PASSWORD)?;
    let log = std::fs::File::create(folder.join("server.log"))?;
    let mut child = Command::new(&server)
        .args(["--listen", &format!("127.0.0.1:{PORT}")])
        .args(["--database-url", &database])
        .arg("--dist")
        .arg(root.join("dist"))
        .args(["--demo-decisions", "300", "--demo-enterprises", "60"])
        // Every upload reaches the decoder: the photo path is what is tried.
        .args(["--photos-per-hour", "1000"])
        .stdout(log.try_clone()?)
        .stderr(log)
        .spawn()
        .context("cannot start the server")?;
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait()? {
            bail!("the server exited ({status})");
        }
        if request(HERE, "GET", "/api/health", &[], b"", Duration::from_secs(2))
            .is_ok_and(|(status, _)| status == 200)
        {
            return Ok(child);
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    let _ = child.kill();
    bail!("the server did not start within 2 minutes")
}
