//! Installing the tools the build and the tests need, each step skipped
//! when the right version is already there. See TOOLCHAIN notes in
//! ARCHITECTURE.md for why each is installed the way it is.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::process::{output_of, run, step};

/// trunk 0.22 needs a newer rustc than this machine's.
const TRUNK_VERSION: &str = "0.21.14";
/// Debian's binaryen (108) silently breaks the bundle; npm's 132 works.
const BINARYEN_VERSION: &str = "132.0.0";
const SCHEMATHESIS_VERSION: &str = "4.32.5";
/// Minifies the release bundles' JS loader and CSS (trunk's own JS
/// minifier fails on wasm-bindgen's `export default`, and its HTML
/// minifier would drop the `<head>` that the server's page template finds).
const ESBUILD_VERSION: &str = "0.25.12";

/// Where the installed tools are.
#[derive(Clone, Debug)]
pub struct Tools {
    /// `PATH` with the project's tools first.
    pub path: OsString,
    /// The esbuild binary, which minifies the release bundles' JS and CSS.
    pub esbuild: PathBuf,
}

impl Tools {
    /// A command that finds the project's tools first on its `PATH`.
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("PATH", &self.path);
        command.env("TRUNK_SKIP_VERSION_CHECK", "true");
        command
    }
}

fn tools_dir(root: &Path) -> PathBuf {
    root.join(".tools")
}

fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

/// The Wasm target, trunk, wasm-bindgen and wasm-opt.
pub fn ensure_build_tools(root: &Path) -> anyhow::Result<Tools> {
    let binaryen_bin = tools_dir(root).join("binaryen/node_modules/.bin");
    let mut paths = vec![binaryen_bin.clone(), cargo_bin()];
    if let Some(existing) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&existing));
    }
    let esbuild_dir = tools_dir(root).join("esbuild");
    let tools = Tools {
        path: std::env::join_paths(paths).context("PATH contains an invalid folder")?,
        esbuild: esbuild_dir.join("node_modules/.bin/esbuild"),
    };

    step("Rust target wasm32-unknown-unknown");
    let installed = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        println!("    already installed");
    } else {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }

    step(&format!("trunk {TRUNK_VERSION}"));
    let found = output_of(cargo_bin().join("trunk"), &["--version"]);
    if found.as_deref() == Some(&format!("trunk {TRUNK_VERSION}")) {
        println!("    already installed");
    } else {
        println!("    building from crates.io (about 12 minutes on 2 cores)");
        run(Command::new("cargo").args([
            "install",
            "--locked",
            "trunk",
            "--version",
            TRUNK_VERSION,
        ]))?;
    }

    let bindgen = wasm_bindgen_version(root)?;
    step(&format!("wasm-bindgen-cli {bindgen}"));
    let found = output_of(cargo_bin().join("wasm-bindgen"), &["--version"]);
    let runner = cargo_bin().join("wasm-bindgen-test-runner").exists();
    if found.as_deref() == Some(&format!("wasm-bindgen {bindgen}")) && runner {
        println!("    already installed");
    } else {
        println!("    building from crates.io (about 4 minutes on 2 cores)");
        // Not --locked: its lock file wants a crate version the registry lacks.
        run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &bindgen]))?;
    }

    step(&format!("wasm-opt (binaryen {BINARYEN_VERSION}, from npm)"));
    let found = output_of(binaryen_bin.join("wasm-opt"), &["--version"]).unwrap_or_default();
    let major = BINARYEN_VERSION.split('.').next().unwrap_or_default();
    if found.contains(&format!("version {major}")) {
        println!("    already installed");
    } else {
        run(Command::new("npm").args([
            "install",
            "--no-audit",
            "--no-fund",
            "--prefix",
            &tools_dir(root).join("binaryen").to_string_lossy(),
            &format!("binaryen@{BINARYEN_VERSION}"),
        ]))?;
    }

    step(&format!("esbuild {ESBUILD_VERSION} (from npm)"));
    if output_of(&tools.esbuild, &["--version"]).as_deref() == Some(ESBUILD_VERSION) {
        println!("    already installed");
    } else {
        // The binary comes from npm's @esbuild/linux-x64 package (an
        // optional dependency), so nothing is downloaded from elsewhere.
        run(Command::new("npm").args([
            "install",
            "--no-audit",
            "--no-fund",
            "--save-exact",
            "--prefix",
            &esbuild_dir.to_string_lossy(),
            &format!("esbuild@{ESBUILD_VERSION}"),
        ]))?;
    }
    Ok(tools)
}

/// Chromium, its driver and CJK fonts; the end-to-end test packages; schemathesis.
pub fn ensure_test_tools(root: &Path) -> anyhow::Result<()> {
    step("Chromium, ChromeDriver and CJK fonts (Debian packages)");
    let fonts = output_of("fc-list", &[":lang=zh", "family"]).unwrap_or_default();
    let have = Path::new("/usr/bin/chromium").exists()
        && Path::new("/usr/bin/chromedriver").exists()
        && !fonts.is_empty();
    if have {
        println!("    already installed");
    } else {
        let packages = ["chromium", "chromium-driver", "fonts-noto-cjk"];
        let root_user = output_of("id", &["-u"]).as_deref() == Some("0");
        let sudo: &[&str] = if root_user { &[] } else { &["sudo", "-n"] };
        let apt = |args: &[&str]| {
            let mut all: Vec<&str> = sudo.to_vec();
            all.push("apt-get");
            all.extend_from_slice(args);
            let mut command = Command::new(all[0]);
            command
                .args(&all[1..])
                .env("DEBIAN_FRONTEND", "noninteractive");
            command
        };
        run(&mut apt(&["update", "-qq"]))?;
        let mut install = vec!["install", "-y", "-qq", "--no-install-recommends"];
        install.extend_from_slice(&packages);
        run(&mut apt(&install))?;
    }

    crate::postgres::ensure_installed()?;

    step("End-to-end test packages (npm ci in e2e/)");
    let e2e = root.join("e2e");
    let lock = std::fs::read(e2e.join("package-lock.json")).context("e2e/package-lock.json")?;
    let stamp_path = e2e.join("node_modules/.xtask-lock-hash");
    let stamp = format!("{:016x}", fnv1a(&lock));
    if std::fs::read_to_string(&stamp_path).ok().as_deref() == Some(stamp.as_str()) {
        println!("    already installed");
    } else {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&e2e)
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
        std::fs::write(&stamp_path, stamp)?;
    }

    step(&format!(
        "schemathesis {SCHEMATHESIS_VERSION} (PyPI, in .tools/venv)"
    ));
    let venv = tools_dir(root).join("venv");
    let found = output_of(venv.join("bin/schemathesis"), &["--version"]).unwrap_or_default();
    if found.contains(SCHEMATHESIS_VERSION) {
        println!("    already installed");
    } else {
        if !venv.join("bin/pip").exists() {
            run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
        }
        run(Command::new(venv.join("bin/pip")).args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            &format!("schemathesis=={SCHEMATHESIS_VERSION}"),
        ]))?;
    }
    Ok(())
}

/// The version of wasm-bindgen in Cargo.lock, which the CLI must equal.
fn wasm_bindgen_version(root: &Path) -> anyhow::Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(version) = lines.next()
            && let Some(v) = version.trim().strip_prefix("version = \"")
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    bail!("Cargo.lock has no wasm-bindgen package")
}

/// FNV-1a, to notice a changed lock file without another dependency.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
