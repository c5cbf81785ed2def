//! Building the app for release: `trunk build --release` of each bundle
//! (the public app into `dist/`, the reporting channel into
//! `dist/bundles/report/`, the tools into `dist/bundles/tools/`, the staff
//! workspace into `dist/staff/`),
//! then brotli and gzip copies of every compressible file, which the server
//! sends to browsers that accept them.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

use crate::process::{run, step};
use crate::tools::Tools;

/// Builds `dist/` in release mode and precompresses it.
pub fn build(root: &Path, tools: &Tools) -> anyhow::Result<()> {
    step("Build the public app (trunk build --release index.html)");
    run(tools
        .command("trunk")
        .args(["build", "index.html", "--release"])
        .current_dir(root))?;
    step("Build the reporting channel (trunk build --release report.html → dist/bundles/report/)");
    run(tools
        .command("trunk")
        .args(["build", "report.html", "--release"])
        .args([
            "--dist",
            "dist/bundles/report",
            "--public-url",
            "/bundles/report/",
        ])
        .current_dir(root))?;
    step("Build the tools (trunk build --release tools.html → dist/bundles/tools/)");
    run(tools
        .command("trunk")
        .args(["build", "tools.html", "--release"])
        .args([
            "--dist",
            "dist/bundles/tools",
            "--public-url",
            "/bundles/tools/",
        ])
        .current_dir(root))?;
    step("Build the staff workspace (trunk build --release staff.html → dist/staff/)");
    run(tools
        .command("trunk")
        .args(["build", "staff.html", "--release"])
        .args(["--dist", "dist/staff", "--public-url", "/staff/"])
        .current_dir(root))?;
    // The server serves dist/staff/index.html (trunk's default output name).
    if !root.join("dist/staff/index.html").is_file() {
        anyhow::bail!("trunk did not write dist/staff/index.html");
    }
    step("Precompress dist/ (brotli, gzip)");
    let dist = root.join("dist");
    let mut total = (0usize, 0usize);
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for folder in [
        dist.clone(),
        dist.join("bundles/report"),
        dist.join("bundles/tools"),
        dist.join("staff"),
    ] {
        for entry in
            std::fs::read_dir(&folder).with_context(|| format!("reading {}", folder.display()))?
        {
            files.push(entry?.path());
        }
    }
    for path in files {
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "html" | "js" | "css" | "wasm" | "svg" | "txt" | "json"));
        if !path.is_file() || !compressible {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        let br = brotli_bytes(&bytes)?;
        let gz = gzip_bytes(&bytes)?;
        std::fs::write(with_suffix(&path, "br"), &br)?;
        std::fs::write(with_suffix(&path, "gz"), &gz)?;
        if path.extension().is_some_and(|e| e == "wasm") {
            println!(
                "    {}: {} KB, {} KB brotli, {} KB gzip",
                path.strip_prefix(&dist).unwrap_or(&path).display(),
                bytes.len() / 1024,
                br.len() / 1024,
                gz.len() / 1024
            );
        }
        total.0 += bytes.len();
        total.1 += br.len();
    }
    println!(
        "    all files: {} KB, {} KB brotli",
        total.0 / 1024,
        total.1 / 1024
    );
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    name.into()
}

fn brotli_bytes(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes)?;
    }
    Ok(out)
}

fn gzip_bytes(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}
