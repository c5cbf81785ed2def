//! `cargo xtask <task>`: the project's tasks, needing nothing but cargo.
//!
//! - `run`: installs what is missing, builds the app and the server in
//!   release mode, and serves the portal with demo data on
//!   <http://127.0.0.1:8080>.
//! - `test`: installs what is missing and runs every check: formatting,
//!   clippy (host and wasm32), unit and API tests, component tests in
//!   headless Chromium, end-to-end and accessibility tests, API fuzzing.
//! - `bench`: loads 1,000,000 decisions and prints throughput, latency and
//!   memory under 64 concurrent connections; `bench --first-load`: what a
//!   first visit costs (bundle sizes, Lighthouse, static files and rendered
//!   pages under load); `bench --abuse`: what one client can do to the
//!   server (photo bombs, connection floods, lockouts, walking references).
//!   See BENCHMARKS.md.
//! - `dist`: builds the app in release mode into `dist/`, precompressed.
//! - `setup`: installs the tools only.
//!
//! Every install step checks first and is skipped when already done.

mod abuse;
mod bench;
mod bench_writes;
mod cluster;
mod dist;
mod first_load;
mod http;
mod postgres;
mod process;
mod run;
mod test;
mod tools;

use std::path::{Path, PathBuf};

const USAGE: &str = "usage: cargo xtask <run|test|bench|cluster|dist|setup> [options]

  run [--listen ADDR] [--database-url URL]
                      build in release mode and serve the portal with demo data
                      (default http://127.0.0.1:8080)
  test [--skip STEP]… run every check (steps: fmt, clippy, unit, wasm, e2e, fuzz)
  bench [--decisions N] [--enterprises N] [--connections N] [--seconds N]
                      load demo data (default 1,000,000 decisions) and measure
                      searches, detail reads and exports under load (wrk)
  bench --database-url URL
                      the same on another database (postgres://… for PostgreSQL)
  bench --compare     SQLite and a throw-away PostgreSQL side by side, report
                      submissions (SQLite synchronous FULL and NORMAL, PostgreSQL)
                      and changes crossing between two instances
  bench --first-load [--no-lighthouse]
                      bundle sizes, the first load of a page of each bundle, Lighthouse
                      (mobile) scores, static files and rendered pages under load
  bench --abuse       photo bombs, a connection flood, a lockout attempt and
                      walking report references against the release server:
                      answers by status, health from another address, memory
  cluster             PostgreSQL and two instances on ports 8080 and 8081 sharing
                      its database; shows a change through one read through the
                      other, then serves until Ctrl-C
  dist [--debug]      build the app's bundles into dist/, precompressed (in
                      release mode, or quickly for development with --debug)
  setup [--test]      install the tools (with --test, also the test tools)";

fn main() {
    if let Err(error) = real_main() {
        eprintln!("\nxtask failed: {error:#}");
        std::process::exit(1);
    }
}

fn real_main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let task = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    let root = project_root();
    std::env::set_current_dir(&root)?;
    match task.as_str() {
        "run" => run::run(&root, &rest),
        "bench" => bench::bench(&root, &rest),
        "cluster" => cluster::cluster(&root),
        "test" => test::test(&root, &rest),
        "dist" => {
            let tools = tools::ensure_build_tools(&root)?;
            let release = !rest.iter().any(|a| a == "--debug");
            dist::build_as(&root, &tools, release)
        }
        "setup" => {
            tools::ensure_build_tools(&root)?;
            if rest.iter().any(|a| a == "--test") {
                tools::ensure_test_tools(&root)?;
            }
            Ok(())
        }
        "" | "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => anyhow::bail!("unknown task {other:?}\n\n{USAGE}"),
    }
}

/// The workspace root: the parent of this crate's folder.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}
