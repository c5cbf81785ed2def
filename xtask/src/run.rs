//! `cargo xtask run`: build everything in release mode and serve the portal.

use std::path::Path;
use std::process::Command;

use crate::process::{run as run_command, step};
use crate::{dist, tools};

/// Installs what is missing, builds, and serves until interrupted.
pub fn run(root: &Path, args: &[String]) -> anyhow::Result<()> {
    let tools = tools::ensure_build_tools(root)?;
    dist::build(root, &tools)?;
    step("Build the server (cargo build --release)");
    run_command(Command::new("cargo").args(["build", "--release", "-p", "portal-server"]))?;
    let listen = option(args, "--listen").unwrap_or("127.0.0.1:8080");
    let database = option(args, "--database-url").unwrap_or("sqlite:data/portal.db");
    step(&format!(
        "Serve the portal on http://{listen}  (Ctrl-C stops it)"
    ));
    println!("    http://{listen}");
    run_command(
        Command::new(root.join("target/release/portal-server"))
            .args(["--listen", listen, "--database-url", database, "--dist"])
            .arg(root.join("dist")),
    )
}

fn option<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}
