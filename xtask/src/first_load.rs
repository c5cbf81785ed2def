//! `cargo xtask bench --first-load`: what a first visit costs, measured.
//!
//! Builds the release app and server, starts the server with demo data on a
//! fresh database and prints:
//!
//! - the brotli size of each bundle and, for a page of each (home, decision
//!   search, a decision, the blacklist check; the report form; a quiz, the
//!   batch check, a report's status, the reward estimate; the credit-repair
//!   application), of the first load: the page's HTML, JS, Wasm and CSS as
//!   a browser with an empty cache downloads them;
//! - Lighthouse 12.2.3 (npm, offline, Debian's Chromium) on those pages,
//!   mobile, with its default simulated slow phone (1.6 Mbps, 150 ms, CPU
//!   slowed 4×): performance and accessibility scores, LCP, TBT and CLS;
//! - throughput and p99 of static files beside `/api/health` under 16
//!   kept-alive connections, and of a server-rendered decision page under
//!   64 (wrk).
//!
//! Figures, not assertions: BENCHMARKS.md keeps the last ones.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::bench::{parse_wrk, wrk};
use crate::process::{output_of, run, step};
use crate::tools::Tools;

const LIGHTHOUSE_VERSION: &str = "12.2.3";

/// The pages the issue names and a page of every bundle but the staff
/// workspace's, by what they are.
const PAGES: [(&str, &str); 10] = [
    ("home", "/"),
    ("decision search", "/enforcement/decisions"),
    ("a decision", "DECISION"),
    ("report form", "/report/new"),
    ("blacklist check", "/blacklist"),
    ("a quiz", "/education/quizzes/fire-safety"),
    ("batch check", "/blacklist/batch"),
    ("report status", "/report/status"),
    ("reward estimate", "/report/rewards"),
    ("credit repair", "/blacklist/repair"),
];

/// Runs the first-load benchmark.
pub fn first_load(root: &Path, tools: &Tools, lighthouse: bool) -> anyhow::Result<()> {
    crate::dist::build(root, tools)?;
    step("Build the server (release)");
    run(Command::new("cargo").args(["build", "--release", "--locked", "-p", "portal-server"]))?;
    let folder = root.join("target/bench/first-load");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder)?;
    let port = 18_096;
    step("Start the server with demo data on a fresh database");
    let server = start(root, &folder, port)?;
    let result = measure(root, &folder, port, lighthouse);
    stop(server);
    result
}

fn measure(root: &Path, folder: &Path, port: u16, lighthouse: bool) -> anyhow::Result<()> {
    let decision = first_decision(port)?;
    let pages: Vec<(&str, String)> = PAGES
        .iter()
        .map(|(name, path)| {
            let path = if *path == "DECISION" {
                format!("/enforcement/decisions/{decision}")
            } else {
                (*path).to_owned()
            };
            (*name, path)
        })
        .collect();

    step("Bundles (brotli, as served)");
    let dist = root.join("dist");
    println!("| bundle | Wasm | JS | CSS |");
    println!("|---|---:|---:|---:|");
    for (name, index) in [
        ("public", dist.join("index.html")),
        ("reporting channel", dist.join("bundles/report/index.html")),
        (
            "tools (quizzes, batch check, status, estimate)",
            dist.join("bundles/tools/index.html"),
        ),
        ("credit repair", dist.join("bundles/repair/index.html")),
        ("staff workspace", dist.join("staff/index.html")),
    ] {
        let html = std::fs::read_to_string(&index)
            .with_context(|| format!("reading {}", index.display()))?;
        let assets = assets_of(&html);
        let size = |ext: &str| -> anyhow::Result<String> {
            let mut total = 0;
            for asset in assets.iter().filter(|a| a.ends_with(ext)) {
                total += brotli_size(&dist, asset)?;
            }
            Ok(kb(total))
        };
        println!(
            "| {name} | {} | {} | {} |",
            size(".wasm")?,
            size(".js")?,
            size(".css")?
        );
    }

    step("First load of a page of each bundle (brotli bytes an empty cache downloads)");
    println!("| page | HTML | JS | Wasm | CSS | first load |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, path) in &pages {
        let html = http_get(port, path, true)?;
        let text = http_get(port, path, false)?;
        let text = String::from_utf8_lossy(&text).into_owned();
        let mut sizes = [html.len(), 0, 0, 0];
        for asset in assets_of(&text) {
            let slot = if asset.ends_with(".js") {
                1
            } else if asset.ends_with(".wasm") {
                2
            } else if asset.ends_with(".css") {
                3
            } else {
                continue;
            };
            sizes[slot] += brotli_size(&dist, &asset)?;
        }
        let total: usize = sizes.iter().sum();
        println!(
            "| {name} (`{path}`) | {} | {} | {} | {} | **{}** |",
            kb(sizes[0]),
            kb(sizes[1]),
            kb(sizes[2]),
            kb(sizes[3]),
            kb(total)
        );
    }

    if lighthouse {
        let bin = ensure_lighthouse(root)?;
        step("Lighthouse (mobile, simulated 1.6 Mbps / 150 ms / CPU 4×), each page once");
        println!("| page | performance | accessibility | FCP | LCP | TBT | CLS |");
        println!("|---|---:|---:|---:|---:|---:|---:|");
        for (name, path) in &pages {
            let report = folder.join(format!("lighthouse-{}.json", slug(name)));
            let url = format!("http://127.0.0.1:{port}{path}");
            let status = Command::new(&bin)
                .arg(&url)
                .args([
                    "--quiet",
                    "--output=json",
                    "--only-categories=performance,accessibility",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync",
                ])
                .arg(format!("--output-path={}", report.display()))
                .env("CHROME_PATH", "/usr/bin/chromium")
                .stdout(Stdio::null())
                .status()
                .context("running lighthouse")?;
            if !status.success() {
                bail!("lighthouse failed on {url}");
            }
            let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&report)?)?;
            let score = |category: &str| {
                json["categories"][category]["score"]
                    .as_f64()
                    .map_or_else(|| "?".to_owned(), |s| format!("{:.0}", s * 100.0))
            };
            let audit = |id: &str| {
                json["audits"][id]["numericValue"]
                    .as_f64()
                    .unwrap_or(f64::NAN)
            };
            println!(
                "| {name} | {} | {} | {:.2} s | {:.2} s | {:.0} ms | {:.3} |",
                score("performance"),
                score("accessibility"),
                audit("first-contentful-paint") / 1000.0,
                audit("largest-contentful-paint") / 1000.0,
                audit("total-blocking-time"),
                audit("cumulative-layout-shift"),
            );
        }
        println!("    (reports in {})", folder.display());
    }

    step("Static files beside the API, 16 kept-alive connections (wrk, 5 s each)");
    let public = std::fs::read_to_string(dist.join("index.html"))?;
    let css = assets_of(&public)
        .into_iter()
        .find(|a| a.ends_with(".css"))
        .context("the public page has no CSS")?;
    println!("| address | requests/s | p50 | p99 |");
    println!("|---|---:|---:|---:|");
    for path in [css.as_str(), "/favicon.png", "/robots.txt", "/api/health"] {
        let path = if path == "/favicon.png" {
            assets_of(&public)
                .into_iter()
                .find(|a| a.ends_with(".png"))
                .unwrap_or_else(|| path.to_owned())
        } else {
            path.to_owned()
        };
        let (throughput, p50, p99) = parse_wrk(&wrk(
            &format!("http://127.0.0.1:{port}{path}"),
            16,
            5,
            None,
        )?)?;
        println!("| `{path}` | {throughput:.0} | {p50} | {p99} |");
    }

    step("Server-rendered decision pages, 64 connections (wrk, 10 s)");
    let ids = decision_ids(port)?;
    let script = folder.join("pages.lua");
    std::fs::write(
        &script,
        format!(
            "ids = {{{}}}\nrequest = function()\n  return wrk.format(nil, \"/enforcement/decisions/\" .. ids[math.random(#ids)])\nend\n",
            ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
        ),
    )?;
    let output = wrk(&format!("http://127.0.0.1:{port}/"), 64, 10, Some(&script))?;
    let (throughput, p50, p99) = parse_wrk(&output)?;
    println!("| address | requests/s | p50 | p99 |");
    println!("|---|---:|---:|---:|");
    println!(
        "| `/enforcement/decisions/{{id}}` ({} decisions at random) | {throughput:.0} | {p50} | {p99} |",
        ids.len()
    );
    let ttfb = time_to_first_byte(port, &format!("/enforcement/decisions/{decision}"))?;
    println!("    time to first byte of one page on an idle server: {ttfb:.1} ms");
    Ok(())
}

fn slug(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

/// The same-origin scripts, styles and preloads a page references.
fn assets_of(html: &str) -> Vec<String> {
    let mut assets = Vec::new();
    for attribute in [
        "href=\"",
        "src=\"",
        "from '",
        "module_or_path: '",
        "import('",
        "fetch('",
    ] {
        let mut rest = html;
        while let Some(start) = rest.find(attribute) {
            rest = &rest[start + attribute.len()..];
            let end = rest.find(['"', '\'']).unwrap_or(rest.len());
            let value = &rest[..end];
            if value.starts_with('/')
                && [".js", ".wasm", ".css", ".png"]
                    .iter()
                    .any(|e| value.ends_with(e))
                && !assets.iter().any(|a| a == value)
            {
                assets.push(value.to_owned());
            }
        }
    }
    assets
}

/// The size of the brotli copy of `asset` in `dist`.
fn brotli_size(dist: &Path, asset: &str) -> anyhow::Result<usize> {
    let path: PathBuf = dist.join(asset.trim_start_matches('/'));
    let mut br = path.clone().into_os_string();
    br.push(".br");
    Ok(std::fs::metadata(&br)
        .or_else(|_| std::fs::metadata(&path))
        .with_context(|| format!("{} is not in dist/", path.display()))?
        .len() as usize)
}

fn ensure_lighthouse(root: &Path) -> anyhow::Result<PathBuf> {
    step(&format!(
        "Lighthouse {LIGHTHOUSE_VERSION} (npm, in .tools/lighthouse)"
    ));
    let folder = root.join(".tools/lighthouse");
    let bin = folder.join("node_modules/.bin/lighthouse");
    if output_of(&bin, &["--version"]).as_deref() == Some(LIGHTHOUSE_VERSION) {
        println!("    already installed");
        return Ok(bin);
    }
    std::fs::create_dir_all(&folder)?;
    run(Command::new("npm").args([
        "install",
        "--no-audit",
        "--no-fund",
        "--save-exact",
        "--prefix",
        &folder.to_string_lossy(),
        &format!("lighthouse@{LIGHTHOUSE_VERSION}"),
    ]))?;
    Ok(bin)
}

fn start(root: &Path, folder: &Path, port: u16) -> anyhow::Result<Child> {
    let log = std::fs::File::create(folder.join("server.log"))?;
    let mut child = Command::new(root.join("target/release/portal-server"))
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .arg("--database-url")
        .arg(format!("sqlite:{}", folder.join("portal.db").display()))
        .arg("--dist")
        .arg(root.join("dist"))
        .stdout(log.try_clone()?)
        .stderr(log)
        .spawn()
        .context("cannot start the server")?;
    let deadline = Instant::now() + Duration::from_secs(600);
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait()? {
            bail!(
                "the server exited ({status}); see {}",
                folder.join("server.log").display()
            );
        }
        if http_get(port, "/api/health", false).is_ok() {
            return Ok(child);
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    let _ = child.kill();
    bail!("the server did not start within ten minutes")
}

fn stop(mut child: Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
}

fn first_decision(port: u16) -> anyhow::Result<i64> {
    decision_ids(port)?
        .first()
        .copied()
        .context("the server lists no decisions")
}

fn decision_ids(port: u16) -> anyhow::Result<Vec<i64>> {
    let body = http_get(port, "/api/decisions?page_size=100", false)?;
    let page: serde_json::Value = serde_json::from_slice(&body)?;
    Ok(page["items"]
        .as_array()
        .map(|items| items.iter().filter_map(|i| i["id"].as_i64()).collect())
        .unwrap_or_default())
}

/// The body of a GET (brotli-compressed as sent when `brotli`).
fn http_get(port: u16, path: &str, brotli: bool) -> anyhow::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept-Encoding: {}\r\nConnection: close\r\n\r\n",
        if brotli { "br" } else { "identity" }
    )?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .context("not an HTTP answer")?;
    let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
    if !head.starts_with("http/1.1 200") {
        bail!("{path}: {}", head.lines().next().unwrap_or_default());
    }
    let body = &response[split + 4..];
    Ok(if head.contains("transfer-encoding: chunked") {
        dechunk(body)
    } else {
        body.to_vec()
    })
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = body.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&body[..end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.trim(), 16).ok());
        let rest = &body[end + 2..];
        match size {
            Some(size) if size > 0 && rest.len() >= size => {
                out.extend_from_slice(&rest[..size]);
                body = rest[size..].strip_prefix(b"\r\n").unwrap_or(&rest[size..]);
            }
            _ => break,
        }
    }
    out
}

/// Milliseconds from sending a request to the first byte of the answer.
fn time_to_first_byte(port: u16, path: &str) -> anyhow::Result<f64> {
    let mut best = f64::MAX;
    for _ in 0..5 {
        let mut stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_nodelay(true)?;
        let started = Instant::now();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        )?;
        let mut byte = [0u8; 1];
        stream.read_exact(&mut byte)?;
        best = best.min(started.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(best)
}
