//! The write side of `cargo xtask bench --compare`: what a durable
//! acknowledgement costs a report submission (SQLite `synchronous=FULL`
//! against `NORMAL`, and PostgreSQL), and how long a change made through
//! one instance takes to reach another on the same PostgreSQL database.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::bench::{http_get, parse_wrk, start_server, stop, wrk};
use crate::http;
use crate::postgres::Cluster;
use crate::process::step;

/// How hard and how long the write benchmark drives the server.
pub struct WriteOptions {
    pub connections: u32,
    pub seconds: u32,
}

/// Report submissions under load on SQLite (FULL and NORMAL) and on
/// PostgreSQL: a table in Markdown.
pub fn report_submissions(
    root: &Path,
    cluster: &Cluster,
    options: &WriteOptions,
) -> anyhow::Result<String> {
    let folder = root.join("target/bench");
    let seen = (chrono::Utc::now() + chrono::Duration::hours(6))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let body = serde_json::json!({
        "category": "construction",
        "district": "licheng",
        "address": "工业北路100号工地",
        "seen_at": seen,
        "description": "工地脚手架未设置连墙件，工人高处作业未系安全带。",
        "photos": [],
        "reporter": { "kind": "anonymous" }
    })
    .to_string();
    let script =
        std::env::temp_dir().join(format!("portal-bench-{}-report.lua", std::process::id()));
    std::fs::write(
        &script,
        format!(
            "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = {}\n",
            serde_json::to_string(&body)?
        ),
    )?;
    let mut table = String::from(
        "| report submissions (POST /api/reports, each a new report) | requests/s | p50 | p99 |\n|---|---:|---:|---:|\n",
    );
    let mut databases: Vec<(&str, String, &[&str])> = Vec::new();
    for (name, file, mode) in [
        (
            "SQLite, synchronous=FULL (the default: durable before acknowledged)",
            "writes-full.db",
            "full",
        ),
        (
            "SQLite, synchronous=NORMAL (lost to a power cut, not to a crash)",
            "writes-normal.db",
            "normal",
        ),
    ] {
        let path = folder.join(file);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let extra: &[&str] = if mode == "full" {
            &["--sqlite-synchronous", "full"]
        } else {
            &["--sqlite-synchronous", "normal"]
        };
        databases.push((name, format!("sqlite:{}", path.display()), extra));
    }
    databases.push((
        "PostgreSQL (commits before acknowledging)",
        cluster.create_database("writes")?,
        &[],
    ));
    let port = 18_097;
    for (name, url, extra) in databases {
        step(&format!("Report submissions: {name}"));
        let mut args = vec!["--reports-per-hour", "0"];
        args.extend_from_slice(extra);
        let server = start_server(
            root,
            &url,
            &folder.join("server-writes.log"),
            port,
            &["--demo-data", "false"],
            &args,
        )?;
        let address = format!("http://127.0.0.1:{port}/api/reports");
        let measured = wrk(&address, options.connections, 2, Some(&script))
            .and_then(|_| {
                wrk(
                    &address,
                    options.connections,
                    options.seconds,
                    Some(&script),
                )
            })
            .and_then(|output| parse_wrk(&output));
        stop(server);
        let (throughput, p50, p99) = measured?;
        println!("    {throughput:.0} requests/s, p50 {p50}, p99 {p99}");
        table.push_str(&format!("| {name} | {throughput:.0} | {p50} | {p99} |\n"));
    }
    let _ = std::fs::remove_file(&script);
    Ok(table)
}

/// `changes` decisions imported one by one through one instance, each
/// timed until the other instance's search finds it: p50, p99 and the
/// longest, in Markdown.
pub fn changes_crossing(root: &Path, cluster: &Cluster, changes: u32) -> anyhow::Result<String> {
    step(&format!(
        "Changes crossing between two instances on one PostgreSQL database ({changes} imports)"
    ));
    let url = cluster.create_database("crossing")?;
    let folder = root.join("target/bench");
    let ports = [18_101, 18_102];
    let first = start_server(root, &url, &folder.join("server-a.log"), ports[0], &[], &[])?;
    let second = start_server(root, &url, &folder.join("server-b.log"), ports[1], &[], &[]);
    let second = match second {
        Ok(second) => second,
        Err(error) => {
            stop(first);
            return Err(error);
        }
    };
    let timings = crossings(root, &url, ports, changes);
    stop(first);
    stop(second);
    let mut timings = timings?;
    timings.sort();
    let at = |q: f64| {
        let index = ((timings.len() as f64 * q).ceil() as usize).clamp(1, timings.len()) - 1;
        timings[index]
    };
    Ok(format!(
        "| a decision imported through one instance, until the other's search finds it ({} changes, 5,000 decisions) | p50 | p99 | longest |\n|---|---:|---:|---:|\n| PostgreSQL, two instances | {:.0?} | {:.0?} | {:.0?} |\n",
        timings.len(),
        at(0.5),
        at(0.99),
        timings.last().copied().unwrap_or_default()
    ))
}

fn crossings(
    root: &Path,
    url: &str,
    ports: [u16; 2],
    changes: u32,
) -> anyhow::Result<Vec<Duration>> {
    const PASSWORD: &str = "timing changes across instances";
    let mut add = Command::new(root.join("target/release/portal-server"))
        .args(["--database-url", url])
        .args(["staff", "add", "--username", "bench", "--name", "测速"])
        .args(["--role", "editor"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .context("cannot run the staff command")?;
    if let Some(mut stdin) = add.stdin.take() {
        writeln!(stdin, "{PASSWORD}")?;
    }
    if !add.wait()?.success() {
        bail!("the benchmark's editor could not be made");
    }
    let session = http::sign_in(ports[0], "bench", PASSWORD)?;
    let header = portal_types::decisions::CSV_HEADERS[..17].join(",");
    let mut timings = Vec::new();
    for n in 0..changes {
        let number = format!("济应急罚〔2026〕{}号", 9000 + n);
        let csv = format!(
            "{header}\r\n{number},济南跨实例测速化工有限公司,,张三,未按规定进行安全教育培训,该单位未对从业人员进行安全生产教育和培训。,《中华人民共和国安全生产法》第二十八条,《中华人民共和国安全生产法》第九十七条,罚款,罚款人民币20000元,20000,,2026-11-01,2027-11-01,济南市应急管理局,历下区,危险化学品\r\n"
        );
        let (status, _) = http::request(
            http::HERE,
            ports[0],
            "POST",
            "/api/staff/decisions/import",
            &[
                ("Content-Type", "text/csv; charset=utf-8"),
                ("Cookie", &session.cookie),
                ("X-CSRF-Token", &session.csrf_token),
            ],
            csv.as_bytes(),
            Duration::from_secs(60),
        )?;
        if status != 201 {
            bail!("import {n} answered {status}");
        }
        let acknowledged = Instant::now();
        let query = format!(
            "/api/decisions?q={}",
            form_urlencoded::byte_serialize(number.as_bytes()).collect::<String>()
        );
        loop {
            let found = http_get(ports[1], &query)
                .ok()
                .and_then(|body| serde_json::from_str::<serde_json::Value>(&body).ok())
                .is_some_and(|page| page["total"] == 1);
            if found {
                timings.push(acknowledged.elapsed());
                break;
            }
            if acknowledged.elapsed() > Duration::from_secs(30) {
                bail!("import {n} did not reach the other instance within 30 s");
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }
    Ok(timings)
}
