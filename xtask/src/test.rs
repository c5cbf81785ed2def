//! `cargo xtask test`: every check the project must pass.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::dist;
use crate::http;
use crate::postgres;
use crate::process::{run, step};
use crate::tools::{self, Tools};

const STEPS: &[&str] = &["fmt", "clippy", "unit", "wasm", "e2e", "fuzz"];

/// Runs every check, in order of cost; `--skip STEP` leaves one out.
pub fn test(root: &Path, args: &[String]) -> anyhow::Result<()> {
    let skipped: Vec<&str> = args
        .windows(2)
        .filter(|w| w[0] == "--skip")
        .map(|w| w[1].as_str())
        .collect();
    for s in &skipped {
        if !STEPS.contains(s) {
            bail!("unknown step {s:?}; steps are {}", STEPS.join(", "));
        }
    }
    let wanted = |name: &str| !skipped.contains(&name);
    let started = Instant::now();
    let tools = tools::ensure_build_tools(root)?;
    tools::ensure_test_tools(root)?;

    if wanted("fmt") {
        step("Formatting (cargo fmt --check)");
        run(Command::new("cargo").args(["fmt", "--all", "--check"]))?;
    }
    if wanted("clippy") {
        step("Clippy, host, warnings denied");
        run(Command::new("cargo").args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ]))?;
        step("Clippy, wasm32, warnings denied");
        run(Command::new("cargo").args([
            "clippy",
            "-p",
            "portal",
            "-p",
            "portal-types",
            "--all-targets",
            "--locked",
            "--features",
            "portal/csr",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]))?;
    }
    if wanted("unit") {
        step("Unit and API tests (real server, fresh SQLite database per test)");
        run(Command::new("cargo").args([
            "test",
            "--workspace",
            "--locked",
            "--exclude",
            "portal",
        ]))?;
        let cluster = postgres::Cluster::start(&std::env::temp_dir(), false)?;
        step("API tests on PostgreSQL (a fresh database per test); two instances on one database");
        run(Command::new("cargo")
            .args(["test", "--locked", "-p", "portal-server"])
            .args(["--test", "api", "--test", "instances"])
            .args(["--", "--include-ignored"])
            .env("PORTAL_TEST_POSTGRES", cluster.url()))?;
    }
    if wanted("wasm") {
        step("Component tests in headless Chromium (wasm-bindgen-test)");
        run(tools
            .command("cargo")
            .args([
                "test",
                "-p",
                "portal",
                "--locked",
                "--features",
                "csr",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .env("CHROMEDRIVER", "/usr/bin/chromedriver"))?;
    }
    if wanted("e2e") || wanted("fuzz") {
        dist::build(root, &tools)?;
        step("Build the server");
        run(Command::new("cargo").args(["build", "--locked", "-p", "portal-server"]))?;
        let server = TestServer::start(root)?;
        let result = server_checks(root, &tools, &server, &wanted);
        server.stop();
        result?;
    }
    println!("\nAll checks passed in {:.0?}.", started.elapsed());
    Ok(())
}

fn server_checks(
    root: &Path,
    tools: &Tools,
    server: &TestServer,
    wanted: &dyn Fn(&str) -> bool,
) -> anyhow::Result<()> {
    if wanted("e2e") {
        step("End-to-end and accessibility tests (Playwright, headless Chromium)");
        run(tools
            .command("npx")
            .args(["playwright", "test"])
            .current_dir(root.join("e2e"))
            .env("PORTAL_URL", server.url())
            .env("E2E_ADMIN", E2E_ADMIN)
            .env("E2E_ADMIN_PASSWORD", E2E_ADMIN_PASSWORD)
            .env("CHROMIUM_PATH", "/usr/bin/chromium"))?;
    }
    if wanted("fuzz") {
        step("API fuzzing signed out (schemathesis, all checks, the whole API)");
        fuzz(root, server, &[])?;
        // Each role fuzzes the staff API with its own session; the
        // administrator goes last, since it may disable or reset the others.
        for &(username, role) in FUZZ_STAFF {
            step(&format!(
                "API fuzzing signed in as {role} (schemathesis, all checks, the staff API)"
            ));
            let session = http::sign_in(server.port, username, FUZZ_PASSWORD)?;
            fuzz(
                root,
                server,
                &[
                    "--header",
                    &format!("Cookie: {}", session.cookie),
                    "--header",
                    &format!("X-CSRF-Token: {}", session.csrf_token),
                    "--include-path-regex",
                    "^/api/staff/",
                    // Signing out would end the run's session half-way.
                    "--exclude-operation-id",
                    "sign_out",
                ],
            )?;
        }
    }
    Ok(())
}

/// One schemathesis run against the test server, with `extra` arguments.
fn fuzz(root: &Path, server: &TestServer, extra: &[&str]) -> anyhow::Result<()> {
    run(Command::new(root.join(".tools/venv/bin/schemathesis"))
        .args(["--config-file", "e2e/schemathesis.toml"])
        .args(["run", &format!("{}/api/openapi.json", server.url())])
        .args([
            "--checks",
            "all",
            "--max-examples",
            "60",
            "--seed",
            "20181905",
        ])
        .args([
            "--request-timeout",
            "10",
            "--no-color",
            "--suppress-health-check",
            "all",
        ])
        .args(extra)
        // e2e/schemathesis_hooks.py: how to make a PDF body.
        .env("SCHEMATHESIS_HOOKS", "schemathesis_hooks")
        .env("PYTHONPATH", root.join("e2e"))
        .current_dir(root))
}

/// Makes an administrator as a deployment makes its first one: by the
/// server's own command, with the password on standard input.
pub(crate) fn add_administrator(
    server: &Path,
    database: &str,
    username: &str,
    password: &str,
) -> anyhow::Result<()> {
    add_account(server, database, username, "administrator", password)
}

/// The name an account made here carries.
fn display_name(role: &str) -> &'static str {
    match role {
        "administrator" => "系统管理员",
        "editor" => "测试信息发布员",
        _ => "测试举报办理员",
    }
}

/// Makes an account with `role` by the server's own command.
fn add_account(
    server: &Path,
    database: &str,
    username: &str,
    role: &str,
    password: &str,
) -> anyhow::Result<()> {
    let mut add = Command::new(server)
        .args(["--database-url", database])
        .args(["staff", "add", "--username", username])
        .args(["--name", display_name(role)])
        .args(["--role", role])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .context("cannot run the server's staff command")?;
    if let Some(mut stdin) = add.stdin.take() {
        writeln!(stdin, "{password}")?;
    }
    if !add.wait()?.success() {
        bail!("the {role} account {username} could not be created");
    }
    Ok(())
}

/// The accounts the fuzzer signs in as, in the order it uses them.
const FUZZ_STAFF: &[(&str, &str)] = &[
    ("fuzz-editor", "editor"),
    ("fuzz-handler", "case-handler"),
    ("fuzz-admin", "administrator"),
];
const FUZZ_PASSWORD: &str = "fuzzing every role 2026";

/// The administrator the end-to-end tests sign in as.
const E2E_ADMIN: &str = "admin";
const E2E_ADMIN_PASSWORD: &str = "end to end chief 2026";

/// The real server, release app, demo data, a fresh database, a free port.
struct TestServer {
    child: Child,
    port: u16,
    _data: TempDir,
}

impl TestServer {
    fn start(root: &Path) -> anyhow::Result<Self> {
        step("Start the server with demo data on a free port");
        let port = free_port()?;
        let data = TempDir::new("portal-test")?;
        let log = std::fs::File::create(data.0.join("server.log"))?;
        // The shipped content plus a hostile article, which the end-to-end
        // tests open to prove that nothing active in Markdown reaches a page.
        let content = data.0.join("content");
        copy_dir(&root.join("content"), &content)?;
        std::fs::copy(
            root.join("e2e/fixtures/content/articles/hostile-markup.md"),
            content.join("articles/hostile-markup.md"),
        )
        .context("cannot add the hostile test article")?;
        let database = format!("sqlite:{}", data.0.join("portal.db").display());
        let server = root.join("target/debug/portal-server");
        add_administrator(&server, &database, E2E_ADMIN, E2E_ADMIN_PASSWORD)?;
        for &(username, role) in FUZZ_STAFF {
            add_account(&server, &database, username, role, FUZZ_PASSWORD)?;
        }
        let child = Command::new(root.join("target/debug/portal-server"))
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .arg("--database-url")
            .arg(format!("sqlite:{}", data.0.join("portal.db").display()))
            .arg("--dist")
            .arg(root.join("dist"))
            .args(["--demo-decisions", "3000", "--demo-enterprises", "600"])
            .arg("--content")
            .arg(&content)
            // The tests and the fuzzer send many reports from one address.
            .args([
                "--reports-per-hour",
                "100000",
                "--photos-per-hour",
                "100000",
            ])
            .args(["--lookups-per-hour", "100000"])
            .args(["--report-reads-per-hour", "100000"])
            .args(["--sign-ins-per-hour", "100000"])
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .context("cannot start the server")?;
        let server = Self {
            child,
            port,
            _data: data,
        };
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if http_status(port, "/api/health").is_ok_and(|s| s == 200) {
                println!("    serving on {}", server.url());
                return Ok(server);
            }
            std::thread::sleep(Duration::from_millis(250));
        }
        let log = std::fs::read_to_string(server._data.0.join("server.log")).unwrap_or_default();
        server.stop();
        bail!("the server did not become healthy within 2 minutes; its log:\n{log}")
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Stops the server with SIGTERM (a graceful shutdown), then waits.
    fn stop(mut self) {
        let pid = self.child.id().to_string();
        let terminated = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .is_ok_and(|s| s.success());
        if !terminated {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// Copies a folder of files and folders.
fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in
        std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))?
    {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("cannot copy {}", entry.path().display()))?;
        }
    }
    Ok(())
}

fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// The status of a plain HTTP/1.1 GET on localhost.
fn http_status(port: u16, path: &str) -> anyhow::Result<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head)?;
    let text = String::from_utf8_lossy(&head);
    text.get(9..12)
        .and_then(|s| s.parse().ok())
        .context("not an HTTP answer")
}

/// A folder removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(prefix: &str) -> anyhow::Result<Self> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let path = std::env::temp_dir().join(format!("{prefix}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path)?;
        Ok(Self(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
