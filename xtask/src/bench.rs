//! `cargo xtask bench`: the speed and size of the server under load.
//!
//! Loads the demo data at benchmark scale once (kept in `target/bench/`),
//! starts a fresh release server on it, and drives each scenario with `wrk`
//! (64 connections, closed loop) for a fixed time, printing throughput,
//! p50/p99 latency and the server's resident memory. Figures, not
//! assertions: see BENCHMARKS.md for the targets and the last results.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::process::{output_of, run, step};

pub(crate) struct Options {
    decisions: u32,
    enterprises: u32,
    connections: u32,
    seconds: u32,
    /// The database to measure (`None`: the SQLite file in `target/bench`).
    database_url: Option<String>,
    /// Both databases side by side, report submission, and changes
    /// crossing between two instances.
    compare: bool,
}

fn number(args: &[String], name: &str, default: u32) -> anyhow::Result<u32> {
    match args.iter().position(|a| a == name) {
        Some(i) => args
            .get(i + 1)
            .and_then(|v| v.replace('_', "").parse().ok())
            .with_context(|| format!("{name} needs a whole number")),
        None => Ok(default),
    }
}

/// Runs the benchmark (`--first-load`: what a first visit costs instead;
/// `--abuse`: what one client can do to the server).
pub fn bench(root: &Path, args: &[String]) -> anyhow::Result<()> {
    if args.iter().any(|a| a == "--abuse") {
        return crate::abuse::abuse(root);
    }
    if args.iter().any(|a| a == "--first-load") {
        ensure_wrk()?;
        let tools = crate::tools::ensure_build_tools(root)?;
        crate::tools::ensure_test_tools(root)?;
        let lighthouse = !args.iter().any(|a| a == "--no-lighthouse");
        return crate::first_load::first_load(root, &tools, lighthouse);
    }
    let options = Options {
        decisions: number(args, "--decisions", 1_000_000)?,
        enterprises: number(args, "--enterprises", 100_000)?,
        connections: number(args, "--connections", 64)?,
        seconds: number(args, "--seconds", 10)?,
        database_url: args
            .iter()
            .position(|a| a == "--database-url")
            .and_then(|i| args.get(i + 1))
            .cloned(),
        compare: args.iter().any(|a| a == "--compare"),
    };
    ensure_wrk()?;
    step("Build the server (release)");
    run(Command::new("cargo").args(["build", "--release", "--locked", "-p", "portal-server"]))?;
    let folder = root.join("target/bench");
    std::fs::create_dir_all(&folder)?;
    let sqlite = format!(
        "sqlite:{}",
        folder
            .join(format!(
                "portal-{}-{}.db",
                options.decisions, options.enterprises
            ))
            .display()
    );
    if !options.compare {
        let url = options.database_url.clone().unwrap_or(sqlite);
        let (rows, memory) = measure(root, &url, &options)?;
        print_header(&options);
        println!("| scenario | matches | requests/s | p50 | p99 | server memory after |");
        println!("|---|---:|---:|---:|---:|---:|");
        for row in &rows {
            println!(
                "| {} | {} | {:.0} | {} | {} | {} |",
                row.name, row.matches, row.throughput, row.p50, row.p99, row.memory
            );
        }
        println!("\n{memory}");
        return Ok(());
    }
    crate::postgres::ensure_installed()?;
    let cluster = crate::postgres::Cluster::start(&std::env::temp_dir(), true)?;
    let postgres = cluster.create_database("bench")?;
    let (on_sqlite, sqlite_memory) = measure(root, &sqlite, &options)?;
    let (on_postgres, postgres_memory) = measure(root, &postgres, &options)?;
    let writes =
        crate::bench_writes::report_submissions(root, &cluster, &options_for_writes(&options))?;
    let crossing = crate::bench_writes::changes_crossing(root, &cluster, 100)?;
    print_header(&options);
    println!(
        "| scenario | matches | SQLite requests/s | p50 | p99 | PostgreSQL requests/s | p50 | p99 |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (a, b) in on_sqlite.iter().zip(&on_postgres) {
        println!(
            "| {} | {} | {:.0} | {} | {} | {:.0} | {} | {} |",
            a.name, a.matches, a.throughput, a.p50, a.p99, b.throughput, b.p50, b.p99
        );
    }
    println!("\nSQLite: {sqlite_memory}\nPostgreSQL: {postgres_memory}");
    println!("\n{writes}\n{crossing}");
    Ok(())
}

/// The write benchmark's settings: the same connections and time.
fn options_for_writes(options: &Options) -> crate::bench_writes::WriteOptions {
    crate::bench_writes::WriteOptions {
        connections: options.connections,
        seconds: options.seconds,
    }
}

fn print_header(options: &Options) {
    println!(
        "\n{} decisions, {} enterprises; {} connections, {} s per scenario, on {} cores\n",
        options.decisions,
        options.enterprises,
        options.connections,
        options.seconds,
        std::thread::available_parallelism().map_or(0, usize::from)
    );
}

/// Loads the demo data into `url` if it is empty, starts a fresh server on
/// it and runs every read scenario: the rows, and the server's memory.
fn measure(root: &Path, url: &str, options: &Options) -> anyhow::Result<(Vec<Row>, String)> {
    let port = 18_095;
    let log = root.join("target/bench").join(format!(
        "server-{}.log",
        if url.starts_with("postgres") {
            "postgres"
        } else {
            "sqlite"
        }
    ));
    step(&format!(
        "Start a server on {url} (the demo data loads once, if the database is empty)"
    ));
    let started = Instant::now();
    let server = start(root, url, &log, port, options, &[])?;
    println!(
        "    ready in {:.1?} (index built from the database)",
        started.elapsed()
    );
    let at_start = resident_memory(server.id());
    println!("    resident memory: {at_start}");
    let result = scenarios(port, options, server.id());
    let memory = resident_memory(server.id());
    stop(server);
    Ok((
        result?,
        format!("server resident memory at the end: {memory}; after start: {at_start}"),
    ))
}

struct Row {
    name: String,
    matches: String,
    throughput: f64,
    p50: String,
    p99: String,
    memory: String,
}

fn scenarios(port: u16, options: &Options, pid: u32) -> anyhow::Result<Vec<Row>> {
    let base = format!("http://127.0.0.1:{port}");
    let encode = |s: &str| -> String { form_urlencoded::byte_serialize(s.as_bytes()).collect() };
    // Decision numbers and ids to read come from the data itself.
    let mut ids: Vec<i64> = Vec::new();
    let mut page = serde_json::Value::Null;
    for (n, sort) in [
        (1, "newest"),
        (1, "oldest"),
        (50, "newest"),
        (1, "fine_desc"),
        (120, "fine_asc"),
    ] {
        page = serde_json::from_str(&http_get(
            port,
            &format!("/api/decisions?page_size=100&page={n}&sort={sort}"),
        )?)?;
        ids.extend(
            page["items"]
                .as_array()
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|i| i["id"].as_i64())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default(),
        );
    }
    if ids.is_empty() {
        bail!("the server lists no decisions");
    }
    let party = page["items"][7]["party_name"]
        .as_str()
        .unwrap_or("济南")
        .to_owned();
    let total = |query: &str| -> String {
        http_get(port, &format!("/api/decisions?{query}"))
            .ok()
            .and_then(|body| serde_json::from_str::<serde_json::Value>(&body).ok())
            .and_then(|v| v["total"].as_u64())
            .map_or_else(|| "?".to_owned(), |n| n.to_string())
    };
    let selective = format!("q={}", encode(&party));
    let broad = format!("q={}", encode("事故隐患"));
    let two = format!("q={}", encode("消防"));
    let faceted = format!("district=lixia&industry=construction&q={}", encode("培训"));
    // An export of about 10,000 rows: a filter that gives that many.
    let export = [
        "district=lixia&year=2025",
        "district=lixia&year=2026",
        "district=lixia",
        "industry=construction&year=2025",
        "industry=construction",
        "category=fine&district=lixia",
        "district=lixia&district=shizhong&year=2025",
    ]
    .iter()
    .map(|q| (q.to_string(), total(q).parse::<i64>().unwrap_or(0)))
    .min_by_key(|(_, n)| (n - 10_000).abs())
    .map(|(q, _)| q)
    .unwrap_or_else(|| "district=lixia".to_owned());
    let folder = std::env::temp_dir();
    let detail_script = folder.join(format!("portal-bench-{pid}-detail.lua"));
    std::fs::write(
        &detail_script,
        format!(
            "ids = {{{}}}\nrequest = function()\n  return wrk.format(nil, \"/api/decisions/\" .. ids[math.random(#ids)])\nend\n",
            ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
        ),
    )?;
    // Varied searches: a word, perhaps a district and a year, a page and an
    // order drawn at random, so that few requests repeat one another.
    let words = [
        "消防", "粉尘", "培训", "隐患", "动火", "吊装", "燃气", "报警", "仓库", "车间", "疏散",
        "通道", "锁闭", "标志", "防护", "口罩", "检测", "维护", "保养", "预案", "演练", "特种",
        "电工", "焊接", "高处", "储罐", "液氨", "危险", "爆炸", "泄爆", "除尘", "通风", "配电",
        "漏电", "叉车", "烟花", "零售", "许可", "整改", "复查", "指令", "举报", "核查", "钢铁",
        "物流", "运输", "酒店", "餐饮", "机械", "食品", "纺织", "建材", "矿业", "化工", "热力",
        "物业", "百货", "商贸", "铸造", "涂料",
    ];
    let districts = [
        "",
        "lixia",
        "shizhong",
        "huaiyin",
        "tianqiao",
        "licheng",
        "changqing",
        "zhangqiu",
        "jiyang",
        "laiwu",
        "gangcheng",
        "pingyin",
        "shanghe",
        "high-tech-zone",
        "southern-mountains",
        "starting-area",
    ];
    let varied_script = folder.join(format!("portal-bench-{pid}-varied.lua"));
    let lua_list = |items: &[&str]| {
        items
            .iter()
            .map(|w| format!("\"{}\"", encode(w)))
            .collect::<Vec<_>>()
            .join(",")
    };
    std::fs::write(
        &varied_script,
        format!(
            "words = {{{}}}\ndistricts = {{{}}}\nyears = {{\"\", \"&year=2025\", \"&year=2026\"}}\n\
             sorts = {{\"newest\", \"fine_desc\", \"oldest\"}}\n\
             request = function()\n\
               local d = districts[math.random(#districts)]\n\
               local path = \"/api/decisions?q=\" .. words[math.random(#words)]\n\
               if d ~= \"\" then path = path .. \"&district=\" .. d end\n\
               path = path .. years[math.random(#years)] .. \"&sort=\" .. sorts[math.random(#sorts)] .. \"&page=\" .. math.random(3)\n\
               return wrk.format(nil, path)\n\
             end\n",
            lua_list(&words),
            lua_list(&districts)
        ),
    )?;
    let plan: Vec<(String, String, String, Option<&Path>)> = vec![
        (
            "selective keyword search (an enterprise's name)".to_owned(),
            format!("/api/decisions?{selective}"),
            total(&selective),
            None,
        ),
        (
            "broad keyword search with facets (事故隐患)".to_owned(),
            format!("/api/decisions?{broad}"),
            total(&broad),
            None,
        ),
        (
            "two-character search (消防)".to_owned(),
            format!("/api/decisions?{two}"),
            total(&two),
            None,
        ),
        (
            "words and facet filters (培训, 历下区, 建筑施工)".to_owned(),
            format!("/api/decisions?{faceted}"),
            total(&faceted),
            None,
        ),
        (
            "no filter (everything in public view)".to_owned(),
            "/api/decisions".to_owned(),
            total(""),
            None,
        ),
        (
            "varied searches (60 words × 16 districts × 3 years, random order and page)".to_owned(),
            "/".to_owned(),
            "varies".to_owned(),
            Some(varied_script.as_path()),
        ),
        (
            "detail read (random decisions)".to_owned(),
            "/".to_owned(),
            "1".to_owned(),
            Some(detail_script.as_path()),
        ),
        (
            format!("CSV export ({export})"),
            format!("/api/decisions/export.csv?{export}"),
            total(&export),
            None,
        ),
    ];
    // The blacklist: enterprises gathered through the API.
    let mut enterprises: Vec<(String, String)> = Vec::new();
    for c in [
        "济南", "山东", "鑫", "泰", "华", "瑞", "金", "宏", "和", "中", "信", "安", "通", "盛",
        "兴", "源", "祥", "天", "佳", "科",
    ] {
        let body = http_get(port, &format!("/api/enterprises?limit=20&q={}", encode(c)))?;
        let found: serde_json::Value = serde_json::from_str(&body)?;
        for e in found.as_array().into_iter().flatten() {
            if let (Some(name), Some(code)) = (e["name"].as_str(), e["credit_code"].as_str()) {
                enterprises.push((name.to_owned(), code.to_owned()));
            }
        }
    }
    enterprises.sort();
    enterprises.dedup();
    let code_script = folder.join(format!("portal-bench-{pid}-codes.lua"));
    std::fs::write(
        &code_script,
        format!(
            "codes = {{{}}}\nrequest = function()\n  return wrk.format(nil, \"/api/blacklist/check?q=\" .. codes[math.random(#codes)])\nend\n",
            enterprises
                .iter()
                .map(|(_, c)| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(",")
        ),
    )?;
    // Parts of names: 2 to 4 characters from somewhere inside.
    let parts: Vec<String> = enterprises
        .iter()
        .enumerate()
        .map(|(i, (name, _))| {
            let chars: Vec<char> = name.chars().collect();
            let length = 2 + i % 3;
            let start = (i * 7) % chars.len().saturating_sub(length).max(1);
            chars[start..(start + length).min(chars.len())]
                .iter()
                .collect()
        })
        .collect();
    let name_script = folder.join(format!("portal-bench-{pid}-names.lua"));
    std::fs::write(
        &name_script,
        format!(
            "parts = {{{}}}\nrequest = function()\n  return wrk.format(nil, \"/api/blacklist/check?q=\" .. parts[math.random(#parts)])\nend\n",
            parts
                .iter()
                .map(|p| format!("\"{}\"", encode(p)))
                .collect::<Vec<_>>()
                .join(",")
        ),
    )?;
    let batch_lines: Vec<String> = (0..1000)
        .map(|i| {
            let (name, code) = &enterprises[i % enterprises.len()];
            match i % 4 {
                0 | 1 => code.clone(),
                2 => name.clone(),
                _ => format!("{}X", &code[..10]),
            }
        })
        .collect();
    let batch_body = serde_json::to_string(&serde_json::json!({ "lines": batch_lines }))?;
    let batch_script = folder.join(format!("portal-bench-{pid}-batch.lua"));
    std::fs::write(
        &batch_script,
        format!(
            "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = {}\n",
            serde_json::to_string(&batch_body)?
        ),
    )?;
    let blacklist_plan: Vec<(String, String, String, Option<&Path>, u32)> = vec![
        (
            format!(
                "blacklist: lookup by code ({} enterprises)",
                enterprises.len()
            ),
            "/".to_owned(),
            "1".to_owned(),
            Some(code_script.as_path()),
            options.connections,
        ),
        (
            format!("blacklist: partial name ({} name parts)", parts.len()),
            "/".to_owned(),
            "varies".to_owned(),
            Some(name_script.as_path()),
            options.connections,
        ),
        (
            "blacklist: batch of 1,000 lines (one connection)".to_owned(),
            "/api/blacklist/batch".to_owned(),
            "1000 lines".to_owned(),
            Some(batch_script.as_path()),
            1,
        ),
    ];
    let plan: Vec<(String, String, String, Option<&Path>, u32)> = plan
        .into_iter()
        .map(|(a, b, c, d)| (a, b, c, d, options.connections))
        .chain(blacklist_plan)
        .collect();
    let mut rows = Vec::new();
    for (name, path, matches, script, connections) in plan {
        step(&format!("{name}: {path}"));
        let url = format!("{base}{path}");
        // A short warm-up, then the measured run.
        wrk(&url, connections, 2, script)?;
        let output = wrk(&url, connections, options.seconds, script)?;
        let (throughput, p50, p99) = parse_wrk(&output)?;
        let memory = resident_memory(pid);
        println!("    {throughput:.0} requests/s, p50 {p50}, p99 {p99}, memory {memory}");
        rows.push(Row {
            name,
            matches,
            throughput,
            p50,
            p99,
            memory,
        });
    }
    for script in [
        &detail_script,
        &varied_script,
        &code_script,
        &name_script,
        &batch_script,
    ] {
        let _ = std::fs::remove_file(script);
    }
    Ok(rows)
}

pub(crate) fn wrk(
    url: &str,
    connections: u32,
    seconds: u32,
    script: Option<&Path>,
) -> anyhow::Result<String> {
    let mut command = Command::new("wrk");
    command.args([
        &format!("-t{}", connections.clamp(1, 2)),
        &format!("-c{connections}"),
        &format!("-d{seconds}s"),
        "--timeout",
        "30s",
        "--latency",
    ]);
    if let Some(script) = script {
        command.arg("-s").arg(script);
    }
    let output = command
        .arg(url)
        .stderr(Stdio::inherit())
        .output()
        .context("running wrk")?;
    if !output.status.success() {
        bail!("wrk failed on {url}");
    }
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    if text.contains("Non-2xx or 3xx responses") {
        bail!("the server answered errors during the run:\n{text}");
    }
    Ok(text)
}

/// Requests per second, p50 and p99 from wrk's `--latency` report.
pub(crate) fn parse_wrk(output: &str) -> anyhow::Result<(f64, String, String)> {
    let field = |prefix: &str| -> Option<String> {
        output
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with(prefix))
            .and_then(|l| l.split_whitespace().nth(1))
            .map(str::to_owned)
    };
    let throughput = field("Requests/sec:")
        .and_then(|v| v.parse().ok())
        .context("wrk printed no throughput")?;
    let p50 = field("50%").context("wrk printed no p50")?;
    let p99 = field("99%").context("wrk printed no p99")?;
    Ok((throughput, p50, p99))
}

fn ensure_wrk() -> anyhow::Result<()> {
    step("wrk (Debian package)");
    if output_of("wrk", &["--version"]).is_some() || Path::new("/usr/bin/wrk").exists() {
        println!("    already installed");
        return Ok(());
    }
    let root_user = output_of("id", &["-u"]).as_deref() == Some("0");
    let prefix: &[&str] = if root_user { &[] } else { &["sudo", "-n"] };
    for args in [
        &["apt-get", "update", "-qq"][..],
        &["apt-get", "install", "-y", "-qq", "wrk"][..],
    ] {
        let all: Vec<&str> = prefix.iter().chain(args).copied().collect();
        run(Command::new(all[0])
            .args(&all[1..])
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    Ok(())
}

pub(crate) fn start(
    root: &Path,
    url: &str,
    log: &Path,
    port: u16,
    options: &Options,
    extra: &[&str],
) -> anyhow::Result<Child> {
    start_server(
        root,
        url,
        log,
        port,
        &[
            "--demo-decisions",
            &options.decisions.to_string(),
            "--demo-enterprises",
            &options.enterprises.to_string(),
        ],
        extra,
    )
}

/// Starts the release server on `url` and `port`, its output in `log`,
/// and waits (up to an hour: a first start may load a million decisions)
/// until it answers.
pub(crate) fn start_server(
    root: &Path,
    url: &str,
    log: &Path,
    port: u16,
    demo: &[&str],
    extra: &[&str],
) -> anyhow::Result<Child> {
    let file = std::fs::File::create(log)?;
    let mut child = Command::new(root.join("target/release/portal-server"))
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .args(["--database-url", url])
        .arg("--dist")
        .arg(root.join("dist"))
        .args(demo)
        .args(extra)
        .stdout(file.try_clone()?)
        .stderr(file)
        .spawn()
        .context("cannot start the server")?;
    let deadline = Instant::now() + Duration::from_secs(3600);
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait()? {
            bail!("the server exited ({status}); see {}", log.display());
        }
        if http_get(port, "/api/health").is_ok() {
            return Ok(child);
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    let _ = child.kill();
    bail!("the server did not start within an hour")
}

pub(crate) fn stop(mut child: Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
}

/// VmRSS and its peak (VmHWM) of a process, from /proc.
fn resident_memory(pid: u32) -> String {
    format!(
        "{} (peak {})",
        memory_line(pid, "VmRSS:"),
        memory_line(pid, "VmHWM:")
    )
}

/// One memory line of a process's /proc status (`VmRSS:`, `VmHWM:`), in MB.
pub(crate) fn memory_line(pid: u32, key: &str) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or_else(|| "?".to_owned(), |kb| format!("{} MB", kb / 1024))
}

/// The body of a plain HTTP/1.1 GET on localhost, if it answers 200.
pub(crate) fn http_get(port: u16, path: &str) -> anyhow::Result<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .context("not an HTTP answer")?;
    let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
    let body = &response[split + 4..];
    if !head.starts_with("http/1.1 200") {
        bail!("{path}: {}", head.lines().next().unwrap_or_default());
    }
    let body = if head.contains("transfer-encoding: chunked") {
        dechunk(body)
    } else {
        body.to_vec()
    };
    String::from_utf8(body).context("the answer is not UTF-8")
}

/// The payload of a chunked HTTP body.
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
