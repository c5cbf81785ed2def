//! Building the app for release: `trunk build --release` of each bundle
//! (the public app into `dist/`, the reporting channel into
//! `dist/bundles/report/`, the tools into `dist/bundles/tools/`, credit
//! repair into `dist/bundles/repair/`, the staff
//! workspace into `dist/staff/`),
//! then, in release mode, each bundle's JS loader and CSS minified by
//! esbuild, and brotli and gzip copies of every compressible file, which
//! the server sends to browsers that accept them.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

use crate::process::{run, step};
use crate::tools::Tools;

/// The bundles: trunk's page, and where the build goes (`None`: `dist/`).
const BUNDLES: [(&str, &str, Option<&str>); 5] = [
    ("public app", "index.html", None),
    ("reporting channel", "report.html", Some("bundles/report")),
    ("tools", "tools.html", Some("bundles/tools")),
    ("credit repair", "repair.html", Some("bundles/repair")),
    ("staff workspace", "staff.html", Some("staff")),
];

/// Builds `dist/` in release mode and precompresses it.
pub fn build(root: &Path, tools: &Tools) -> anyhow::Result<()> {
    build_as(root, tools, true)
}

/// Builds every bundle into `dist/` (in release mode, or quickly for
/// development) and precompresses it. The public app comes first: trunk
/// empties `dist/` before writing it.
pub fn build_as(root: &Path, tools: &Tools, release: bool) -> anyhow::Result<()> {
    for (name, page, folder) in BUNDLES {
        let mode = if release { " --release" } else { "" };
        let target = folder.map_or_else(|| "dist/".to_owned(), |f| format!("dist/{f}/"));
        step(&format!(
            "Build the {name} (trunk build {page}{mode} → {target})"
        ));
        let mut command = tools.command("trunk");
        command.args(["build", page]).current_dir(root);
        if release {
            command.arg("--release");
        }
        if let Some(folder) = folder {
            command
                .args(["--dist", &format!("dist/{folder}")])
                .args(["--public-url", &format!("/{folder}/")]);
        }
        run(&mut command)?;
        if !root.join(&target).join("index.html").is_file() {
            anyhow::bail!("trunk did not write {target}index.html");
        }
        if release {
            minify(tools, &root.join(&target))?;
        }
    }
    step("Precompress dist/ (brotli, gzip)");
    let dist = root.join("dist");
    let mut total = (0usize, 0usize);
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for folder in std::iter::once(dist.clone()).chain(
        BUNDLES
            .iter()
            .filter_map(|(_, _, folder)| folder.map(|f| dist.join(f))),
    ) {
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

/// Minifies the JS and CSS that trunk wrote into `folder`, in place. Their
/// names keep trunk's hash of the source, which still names one content:
/// the minified form of that source. (The pages' `<link>` to the CSS carry
/// no `integrity` digest, `data-integrity="none"`, because it would be the
/// source's.)
fn minify(tools: &Tools, folder: &Path) -> anyhow::Result<()> {
    let mut files = Vec::new();
    for entry in
        std::fs::read_dir(folder).with_context(|| format!("reading {}", folder.display()))?
    {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "js" || e == "css") {
            files.push(path);
        }
    }
    for path in files {
        let before = std::fs::metadata(&path)?.len();
        let mut command = std::process::Command::new(&tools.esbuild);
        command
            .arg(&path)
            .args(["--minify", "--log-level=warning", "--allow-overwrite"])
            .arg(format!("--outfile={}", path.display()));
        if path.extension().is_some_and(|e| e == "js") {
            command.arg("--format=esm");
        }
        run(&mut command)?;
        println!(
            "    minified {}: {} → {} bytes",
            path.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default(),
            before,
            std::fs::metadata(&path)?.len()
        );
    }
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
