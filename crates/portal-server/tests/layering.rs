//! The storage layer is the bottom of the server: `src/db/` uses nothing of
//! the server but itself and two leaf modules (`codes`, `clock`) that use
//! nothing of the server at all. Every layer above may use the store; the
//! store never uses them (ARCHITECTURE.md, "Layers").

use std::path::{Path, PathBuf};

/// What `db/` may name with `crate::`.
const STORE_MAY_USE: &[&str] = &["db", "codes", "clock"];

fn source(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The code of a line, without its comment.
fn code(line: &str) -> &str {
    line.split("//").next().unwrap_or_default()
}

/// The modules named after `crate::` in `text`.
fn crate_paths(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines().map(code) {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let module: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.push(if module.is_empty() {
                // `crate::{a, b}`: name the group as it stands.
                rest.chars().take_while(|c| *c != ';').collect()
            } else {
                module
            });
        }
    }
    found
}

#[test]
fn the_store_uses_nothing_of_the_server_above_it() {
    let db = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/db");
    let mut offending = Vec::new();
    for file in rust_files(&db) {
        let text = source(&file);
        for module in crate_paths(&text) {
            if !STORE_MAY_USE.contains(&module.as_str()) {
                offending.push(format!("{}: crate::{module}", file.display()));
            }
        }
        if text.lines().map(code).any(|l| l.contains("super::super")) {
            offending.push(format!("{}: super::super", file.display()));
        }
    }
    assert!(offending.is_empty(), "{offending:#?}");
}

#[test]
fn the_leaves_the_store_uses_use_nothing_of_the_server() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for leaf in ["codes.rs", "clock.rs"] {
        let text = source(&src.join(leaf));
        let paths = crate_paths(&text);
        assert!(paths.is_empty(), "{leaf} uses {paths:?}");
    }
}
