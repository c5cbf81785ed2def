//! Running commands, printing what runs and how long it took.

use std::ffi::OsStr;
use std::process::{Command, Output};
use std::time::Instant;

use anyhow::{Context, bail};

/// Prints a step heading.
pub fn step(title: &str) {
    println!("\n==> {title}");
}

/// Runs `command`, inheriting the terminal; fails if it fails.
pub fn run(command: &mut Command) -> anyhow::Result<()> {
    let shown = describe(command);
    println!("    $ {shown}");
    let started = Instant::now();
    let status = command
        .status()
        .with_context(|| format!("cannot start `{shown}`"))?;
    if !status.success() {
        bail!("`{shown}` failed ({status})");
    }
    println!("    ok in {:.1?}", started.elapsed());
    Ok(())
}

/// Runs `command` and returns its standard output, or `None` if it cannot
/// start or fails. For version checks.
pub fn output_of(program: impl AsRef<OsStr>, args: &[&str]) -> Option<String> {
    let Output { status, stdout, .. } = Command::new(program).args(args).output().ok()?;
    status
        .success()
        .then(|| String::from_utf8_lossy(&stdout).trim().to_owned())
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}
