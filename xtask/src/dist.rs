//! Building the app for release: `trunk build --release`, then brotli and
//! gzip copies of every compressible file, which the server sends to
//! browsers that accept them.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

use crate::process::{run, step};
use crate::tools::Tools;

/// Builds `dist/` in release mode and precompresses it.
pub fn build(root: &Path, tools: &Tools) -> anyhow::Result<()> {
    step("Build the app (trunk build --release)");
    run(tools
        .command("trunk")
        .args(["build", "--release"])
        .current_dir(root))?;
    step("Precompress dist/ (brotli, gzip)");
    let dist = root.join("dist");
    let mut total = (0usize, 0usize);
    for entry in std::fs::read_dir(&dist).context("reading dist/")? {
        let path = entry?.path();
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
                path.file_name().unwrap_or_default().to_string_lossy(),
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
