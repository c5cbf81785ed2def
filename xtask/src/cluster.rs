//! `cargo xtask cluster`: a demonstration anyone can repeat. PostgreSQL (a
//! throw-away cluster), two instances of the portal on one database on two
//! ports, and a change made through one read through the other — then both
//! keep serving until Ctrl-C.

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::http;
use crate::postgres;
use crate::process::{run, step};
use crate::{dist, tools};

/// The ports the two instances listen on.
const PORTS: [u16; 2] = [8080, 8081];
const EDITOR: &str = "editor";
const EDITOR_PASSWORD: &str = "two instances one portal";

/// Starts the cluster and both instances, shows a change crossing over,
/// and serves until interrupted.
pub fn cluster(root: &Path) -> anyhow::Result<()> {
    let tools = tools::ensure_build_tools(root)?;
    postgres::ensure_installed()?;
    if !root.join("dist/index.html").is_file() {
        dist::build(root, &tools)?;
    }
    step("Build the server (cargo build --release)");
    run(Command::new("cargo").args(["build", "--release", "-p", "portal-server"]))?;
    let server = root.join("target/release/portal-server");

    let cluster = postgres::Cluster::start(&std::env::temp_dir(), true)?;
    let database = cluster.create_database("portal")?;
    let mut instances = Vec::new();
    for port in PORTS {
        step(&format!("Start an instance on http://127.0.0.1:{port}"));
        instances.push(Instance::start(&server, root, &database, port)?);
        wait_ready(port)?;
        println!("    ready");
    }

    step("Make an editor (the server's own `staff add`)");
    let mut add = Command::new(&server)
        .args(["--database-url", &database])
        .args(["staff", "add", "--username", EDITOR, "--name", "信息发布员"])
        .args(["--role", "editor"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .context("cannot run the staff command")?;
    if let Some(mut stdin) = add.stdin.take() {
        writeln!(stdin, "{EDITOR_PASSWORD}")?;
    }
    if !add.wait()?.success() {
        bail!("the editor could not be made");
    }
    println!("    user name {EDITOR}, password {EDITOR_PASSWORD:?}");

    step(&format!(
        "Import a decision through :{} and search for it through :{}",
        PORTS[1], PORTS[0]
    ));
    let session = http::sign_in(PORTS[1], EDITOR, EDITOR_PASSWORD)?;
    let csv = format!(
        "{}\r\n济应急罚〔2026〕8801号,济南集群演示化工有限公司,,张三,未按规定进行安全教育培训,该单位未对从业人员进行安全生产教育和培训。,《中华人民共和国安全生产法》第二十八条,《中华人民共和国安全生产法》第九十七条,罚款,罚款人民币20000元,20000,,2026-11-01,2027-11-01,济南市应急管理局,历下区,危险化学品\r\n",
        portal_types::decisions::CSV_HEADERS[..17].join(",")
    );
    let imported = Instant::now();
    let (status, _) = http::request(
        http::HERE,
        PORTS[1],
        "POST",
        "/api/staff/decisions/import",
        &[
            ("Content-Type", "text/csv; charset=utf-8"),
            ("Cookie", &session.cookie),
            ("X-CSRF-Token", &session.csrf_token),
        ],
        csv.as_bytes(),
        Duration::from_secs(30),
    )?;
    if status != 201 {
        bail!("the import through :{} answered {status}", PORTS[1]);
    }
    let query = "/api/decisions?q=%E9%9B%86%E7%BE%A4%E6%BC%94%E7%A4%BA";
    loop {
        let (_, answer) = get(PORTS[0], query)?;
        let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        let page: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
        if page["total"] == 1 {
            println!(
                "    found through :{} {:.2?} after the import through :{}",
                PORTS[0],
                imported.elapsed(),
                PORTS[1]
            );
            break;
        }
        if imported.elapsed() > Duration::from_secs(10) {
            bail!("the decision did not reach :{} within 10 s", PORTS[0]);
        }
        std::thread::sleep(Duration::from_millis(50));
    }

    step("Both instances serve one portal (Ctrl-C stops them and the database)");
    for port in PORTS {
        println!("    http://127.0.0.1:{port}/enforcement/decisions?q=集群演示");
    }
    println!("    the database: {database}");
    println!("    sign in at /staff/sign-in as {EDITOR}, password {EDITOR_PASSWORD:?}");
    // Wait for either instance to end (Ctrl-C reaches them too).
    loop {
        for instance in &mut instances {
            if let Some(status) = instance.child.try_wait()? {
                println!("    an instance ended ({status}); stopping");
                return Ok(());
            }
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// A GET on the instance at `port`: the status and the whole answer.
fn get(port: u16, path: &str) -> anyhow::Result<(u16, String)> {
    http::request(
        http::HERE,
        port,
        "GET",
        path,
        &[],
        &[],
        Duration::from_secs(10),
    )
}

struct Instance {
    child: Child,
}

impl Instance {
    fn start(server: &Path, root: &Path, database: &str, port: u16) -> anyhow::Result<Self> {
        let child = Command::new(server)
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .args(["--database-url", database, "--dist"])
            .arg(root.join("dist"))
            .spawn()
            .context("cannot start an instance")?;
        Ok(Self { child })
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_ready(port: u16) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(300);
    while Instant::now() < deadline {
        if get(port, "/api/health/ready").is_ok_and(|(s, _)| s == 200) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    bail!("the instance on port {port} did not become ready")
}
