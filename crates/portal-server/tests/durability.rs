//! An acknowledged report survives the server being killed (SIGKILL) in
//! the middle of a burst of submissions, and a retry with the same
//! Idempotency-Key never makes a second one.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use portal_types::reports::Receipt;
use serde_json::{Value, json};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn start(database: &std::path::Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .arg("--database-url")
        .arg(format!("sqlite:{}", database.display()))
        .args(["--dist", "no-such-dist", "--demo-data", "false"])
        .args(["--reports-per-hour", "0", "--lookups-per-hour", "0"])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts")
}

async fn wait_healthy(client: &reqwest::Client, port: u16) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(r) = client
            .get(format!("http://127.0.0.1:{port}/api/health"))
            .send()
            .await
            && r.status() == 200
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not become healthy");
}

fn report(n: usize) -> Value {
    json!({
        "category": "construction",
        "district": "licheng",
        "address": format!("工业北路{n}号工地"),
        "seen_at": "2026-11-01T09:30",
        "description": format!("第{n}号举报：工地脚手架未设置连墙件，工人高处作业未系安全带。"),
        "photos": [],
        "reporter": { "kind": "anonymous" }
    })
}

async fn send(client: &reqwest::Client, port: u16, n: usize) -> Option<Receipt> {
    let response = client
        .post(format!("http://127.0.0.1:{port}/api/reports"))
        .header("idempotency-key", format!("burst-{n}"))
        .json(&report(n))
        .send()
        .await
        .ok()?;
    if response.status() != 201 {
        return None;
    }
    response.json().await.ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_report_survives_a_kill_exactly_once() {
    const BURST: usize = 300;
    let dir = tempfile::tempdir().expect("a folder");
    let database = dir.path().join("portal.db");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .expect("a client");
    let port = free_port();
    let mut server = start(&database, port);
    wait_healthy(&client, port).await;

    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..BURST {
        let client = client.clone();
        tasks.spawn(async move { (n, send(&client, port, n).await) });
    }
    // Kill the server while the burst is under way: once a first few are in.
    let killed_at = Instant::now();
    let mut acknowledged: Vec<(usize, Receipt)> = Vec::new();
    let mut killed = false;
    while let Some(done) = tasks.join_next().await {
        let (n, receipt) = done.expect("a task");
        if let Some(receipt) = receipt {
            acknowledged.push((n, receipt));
        }
        if !killed && (acknowledged.len() >= 20 || killed_at.elapsed() > Duration::from_secs(5)) {
            server.kill().expect("SIGKILL");
            killed = true;
        }
    }
    let _ = server.kill();
    let _ = server.wait();
    assert!(killed, "the server was killed during the burst");
    assert!(!acknowledged.is_empty());
    assert!(
        acknowledged.len() < BURST,
        "some submissions were cut off by the kill"
    );

    let port = free_port();
    let mut server = start(&database, port);
    wait_healthy(&client, port).await;
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", database.display()))
        .await
        .expect("the database");
    for (_, receipt) in &acknowledged {
        let copies: i64 = sqlx::query_scalar("SELECT count(*) FROM reports WHERE reference = $1")
            .bind(&receipt.reference)
            .fetch_one(&pool)
            .await
            .expect("a count");
        assert_eq!(copies, 1, "{} is there exactly once", receipt.reference);
        let status = client
            .post(format!("http://127.0.0.1:{port}/api/reports/status"))
            .json(&json!({ "reference": receipt.reference, "query_code": receipt.query_code }))
            .send()
            .await
            .expect("an answer");
        assert_eq!(
            status.status(),
            200,
            "{} can be looked up",
            receipt.reference
        );
    }
    // Retrying every submission with its key gives one report per key.
    for n in 0..BURST {
        let receipt = send(&client, port, n).await.expect("a retry succeeds");
        if let Some((_, first)) = acknowledged.iter().find(|(m, _)| *m == n) {
            assert_eq!(
                &receipt, first,
                "a retry of an acknowledged report gets its receipt"
            );
        }
    }
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM reports")
        .fetch_one(&pool)
        .await
        .expect("a count");
    assert_eq!(
        total,
        i64::try_from(BURST).expect("small"),
        "one report per key"
    );
    let _ = server.kill();
    let _ = server.wait();
}
