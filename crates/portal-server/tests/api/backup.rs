//! `portal-server backup --to FILE`: a copy of the live SQLite database that
//! a server can be started on (the restore the README describes); a
//! PostgreSQL database is sent to pg_dump instead.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use portal_types::reports::Receipt;
use serde_json::json;

use crate::helpers::spawn_app;

fn backup(database_url: &str, to: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .args(["--database-url", database_url, "backup", "--to"])
        .arg(to)
        .stdin(Stdio::null())
        .output()
        .expect("the command runs")
}

async fn a_report(app: &crate::helpers::TestApp) -> Receipt {
    let seen = (chrono::Utc::now() + chrono::Duration::hours(6))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let response = app
        .post_json(
            "/api/reports",
            &json!({
                "category": "fire",
                "district": "lixia",
                "address": "经十路100号某商场三楼",
                "seen_at": seen,
                "description": "商场三楼安全出口被上锁，疏散通道堆满货物，消防栓被遮挡。",
                "photos": [],
                "reporter": { "kind": "anonymous" }
            }),
        )
        .await;
    assert_eq!(response.status(), 201);
    response.json().await.expect("a receipt")
}

#[tokio::test]
async fn a_backup_of_the_live_database_serves_its_reports_when_restored() {
    let app = spawn_app().await;
    if app.on_postgres() {
        // Covered below: PostgreSQL is backed up with its own tools.
        return;
    }
    let receipt = a_report(&app).await;
    let dir = tempfile::tempdir().expect("a folder");
    let copy = dir.path().join("copy.db");
    let done = backup(&app.database_url, &copy);
    assert!(done.status.success(), "{done:?}");
    // Restored: a server started on the copy knows the report.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let mut server = Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .arg("--database-url")
        .arg(format!("sqlite:{}", copy.display()))
        .args(["--dist", "no-such-dist", "--demo-data", "false"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("a server on the copy");
    let url = format!("http://127.0.0.1:{port}/api/reports/status");
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Ok(r) = app
            .client
            .post(&url)
            .json(&json!({ "reference": receipt.reference, "query_code": receipt.query_code }))
            .send()
            .await
        {
            break r.status();
        }
        assert!(Instant::now() < deadline, "the restored server answers");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let _ = server.kill();
    let _ = server.wait();
    assert_eq!(status, 200, "the report is in the restored copy");
}

#[tokio::test]
async fn a_backup_never_overwrites_a_file() {
    let app = spawn_app().await;
    if app.on_postgres() {
        return;
    }
    let dir = tempfile::tempdir().expect("a folder");
    let existing = dir.path().join("precious.db");
    std::fs::write(&existing, b"keep me").expect("a file");
    let done = backup(&app.database_url, &existing);
    assert!(!done.status.success());
    assert!(String::from_utf8_lossy(&done.stderr).contains("exists already"));
    assert_eq!(std::fs::read(&existing).expect("still there"), b"keep me");
}

#[tokio::test]
async fn a_postgresql_database_is_sent_to_pg_dump() {
    let app = spawn_app().await;
    if !app.on_postgres() {
        return;
    }
    let dir = tempfile::tempdir().expect("a folder");
    let done = backup(&app.database_url, &dir.path().join("copy.db"));
    assert!(!done.status.success());
    assert!(String::from_utf8_lossy(&done.stderr).contains("pg_dump"));
}
