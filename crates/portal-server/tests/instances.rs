//! Two instances of the server on one PostgreSQL database behave as one
//! portal: a change made through one is read through the other, a staff
//! session works on both, and an instance killed during a burst of reports
//! loses no acknowledged report, while retries through the other make no
//! second one.
//!
//! These need a PostgreSQL server: `PORTAL_TEST_POSTGRES` names it
//! (`postgres://user@host:port`), and `cargo xtask test` runs them with
//! `--include-ignored` against the cluster it starts.

use std::io::Write;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use portal_types::reports::Receipt;
use serde_json::{Value, json};

const NEEDS: &str = "needs PostgreSQL: set PORTAL_TEST_POSTGRES (cargo xtask test does)";
const EDITOR_PASSWORD: &str = "battery staple river 2026";

/// A fresh database on the server `PORTAL_TEST_POSTGRES` names.
async fn fresh_database(name: &str) -> String {
    let server = std::env::var("PORTAL_TEST_POSTGRES").expect(NEEDS);
    let server = server.trim_end_matches('/');
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let database = format!("{name}_{nanos}");
    sqlx::any::install_default_drivers();
    let admin = sqlx::AnyPool::connect(&format!("{server}/postgres"))
        .await
        .expect("the PostgreSQL server answers");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {database}")))
        .execute(&admin)
        .await
        .expect("a database");
    admin.close().await;
    format!("{server}/{database}")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// An instance of the server (the real binary) on `database`.
struct Instance {
    child: Child,
    port: u16,
}

impl Instance {
    fn start(database: &str, demo: bool) -> Self {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_portal-server"))
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .args(["--database-url", database])
            .args(["--dist", "no-such-dist"])
            .args(["--demo-data", if demo { "true" } else { "false" }])
            .args(["--demo-decisions", "200", "--demo-enterprises", "40"])
            .args(["--reports-per-hour", "0", "--lookups-per-hour", "0"])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        Self { child, port }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    async fn wait_ready(&self, client: &reqwest::Client) {
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if let Ok(r) = client.get(self.url("/api/health/ready")).send().await
                && r.status() == 200
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the instance on port {} did not become ready", self.port);
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.kill();
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .expect("a client")
}

/// Makes an editor with the server's own command.
fn add_editor(database: &str) {
    let mut add = Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .args(["--database-url", database])
        .args(["staff", "add", "--username", "editor", "--name", "编辑"])
        .args(["--role", "editor"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the staff command runs");
    add.stdin
        .take()
        .expect("stdin")
        .write_all(format!("{EDITOR_PASSWORD}\n").as_bytes())
        .expect("the password is written");
    assert!(add.wait().expect("it ends").success(), "the editor is made");
}

/// A signed-in session: the cookie and the CSRF token.
struct Session {
    cookie: String,
    csrf: String,
}

async fn sign_in(client: &reqwest::Client, instance: &Instance) -> Session {
    let response = client
        .post(instance.url("/api/staff/session"))
        .json(&json!({ "username": "editor", "password": EDITOR_PASSWORD }))
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), 200, "signed in");
    let cookie = response
        .headers()
        .get(reqwest::header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned();
    let body: Value = response.json().await.expect("a session");
    Session {
        cookie,
        csrf: body["csrf_token"].as_str().expect("a token").to_owned(),
    }
}

/// Polls `check` through `instance` until it holds, for at most 5 s;
/// returns how long that took.
async fn within<F, Fut>(what: &str, mut check: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(5) {
        if check().await {
            return started.elapsed();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{what} did not reach the other instance within 5 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: set PORTAL_TEST_POSTGRES (cargo xtask test does)"]
async fn what_is_published_through_one_instance_is_read_through_the_other() {
    let database = fresh_database("instances_publish").await;
    let client = client();
    let first = Instance::start(&database, true);
    first.wait_ready(&client).await;
    let second = Instance::start(&database, true);
    second.wait_ready(&client).await;
    add_editor(&database);

    // A staff session made on one instance works on the other.
    let session = sign_in(&client, &first).await;
    let whoami = client
        .get(second.url("/api/staff/session"))
        .header("cookie", &session.cookie)
        .send()
        .await
        .expect("an answer");
    assert_eq!(
        whoami.status(),
        200,
        "the session is known to the other instance"
    );

    // A decision imported through the second is found by the first's search.
    let number = "济应急罚〔2026〕7701号";
    let csv = format!(
        "{}\r\n{number},济南双实例测试化工有限公司,,张三,未按规定进行安全教育培训,该单位未对从业人员进行安全生产教育和培训。,《中华人民共和国安全生产法》第二十八条,《中华人民共和国安全生产法》第九十七条,罚款,罚款人民币20000元,20000,,2026-11-01,2027-11-01,济南市应急管理局,历下区,危险化学品\r\n",
        portal_types::decisions::CSV_HEADERS[..17].join(",")
    );
    let imported = client
        .post(second.url("/api/staff/decisions/import"))
        .header("cookie", &session.cookie)
        .header("x-csrf-token", &session.csrf)
        .header("content-type", "text/csv; charset=utf-8")
        .body(csv)
        .send()
        .await
        .expect("an answer");
    assert_eq!(imported.status(), 201, "{:?}", imported.text().await);
    let search = first.url("/api/decisions?q=%E5%8F%8C%E5%AE%9E%E4%BE%8B%E6%B5%8B%E8%AF%95");
    within("an imported decision", || async {
        let page: Value = client
            .get(&search)
            .send()
            .await
            .expect("an answer")
            .json()
            .await
            .expect("a page");
        page["total"] == 1
    })
    .await;

    // An article edited through the first is read through the second.
    let path = "/api/staff/articles/confined-spaces";
    let mut source: Value = client
        .get(first.url(path))
        .header("cookie", &session.cookie)
        .send()
        .await
        .expect("an answer")
        .json()
        .await
        .expect("the article's source");
    source["markdown"] = json!("## 双实例\n\n进入有限空间前必须先通风、再检测、后作业。");
    source["reviewed_on"] = json!("2026-11-28");
    let saved = client
        .put(first.url(path))
        .header("cookie", &session.cookie)
        .header("x-csrf-token", &session.csrf)
        .json(&source)
        .send()
        .await
        .expect("an answer");
    assert_eq!(saved.status(), 200, "{:?}", saved.text().await);
    let article = second.url("/api/education/articles/confined-spaces");
    within("an edited article", || async {
        let body = client
            .get(&article)
            .send()
            .await
            .expect("an answer")
            .text()
            .await
            .unwrap_or_default();
        body.contains("先通风、再检测、后作业")
    })
    .await;
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

/// Submits report `n` with its own Idempotency-Key to the instance on `port`.
async fn send(client: &reqwest::Client, port: u16, n: usize) -> Option<Receipt> {
    let response = client
        .post(format!("http://127.0.0.1:{port}/api/reports"))
        .header("idempotency-key", format!("burst-{n}"))
        .json(&report(n))
        .send()
        .await
        .ok()?;
    if !matches!(response.status().as_u16(), 200 | 201) {
        return None;
    }
    response.json().await.ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: set PORTAL_TEST_POSTGRES (cargo xtask test does)"]
async fn an_instance_killed_in_a_burst_loses_no_report_and_retries_through_the_other_make_none_twice()
 {
    const BURST: usize = 300;
    let database = fresh_database("instances_burst").await;
    let client = client();
    let mut first = Instance::start(&database, false);
    first.wait_ready(&client).await;
    let second = Instance::start(&database, false);
    second.wait_ready(&client).await;

    let mut tasks = tokio::task::JoinSet::new();
    let port = first.port;
    for n in 0..BURST {
        let client = client.clone();
        tasks.spawn(async move { (n, send(&client, port, n).await) });
    }
    let started = Instant::now();
    let mut acknowledged: Vec<(usize, Receipt)> = Vec::new();
    let mut killed = false;
    while let Some(done) = tasks.join_next().await {
        let (n, receipt) = done.expect("a task");
        if let Some(receipt) = receipt {
            acknowledged.push((n, receipt));
        }
        if !killed && (acknowledged.len() >= 20 || started.elapsed() > Duration::from_secs(5)) {
            first.kill();
            killed = true;
        }
    }
    assert!(killed, "the first instance was killed during the burst");
    assert!(!acknowledged.is_empty());
    assert!(acknowledged.len() < BURST, "some submissions were cut off");

    // Every submission is retried, with its key, through the other instance.
    for n in 0..BURST {
        let receipt = send(&client, second.port, n)
            .await
            .expect("a retry through the other instance succeeds");
        if let Some((_, first_receipt)) = acknowledged.iter().find(|(m, _)| *m == n) {
            assert_eq!(
                &receipt, first_receipt,
                "a retry of an acknowledged report gets its receipt"
            );
        }
    }
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&database)
        .await
        .expect("the database");
    for (_, receipt) in &acknowledged {
        let copies: i64 = sqlx::query_scalar("SELECT count(*) FROM reports WHERE reference = $1")
            .bind(&receipt.reference)
            .fetch_one(&pool)
            .await
            .expect("a count");
        assert_eq!(copies, 1, "{} is there exactly once", receipt.reference);
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
}
