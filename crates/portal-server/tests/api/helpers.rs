//! `spawn_app()`: a real server on 127.0.0.1:0 with its own database and a
//! small built app, stopped when the test ends.
//!
//! The database is a fresh SQLite file, or, when `PORTAL_TEST_POSTGRES`
//! names a PostgreSQL server (`postgres://user@host:port`), a fresh
//! database made on it for the test (`cargo xtask test` runs every test
//! both ways).

use std::path::Path;

use portal_server::Server;
use portal_server::config::{Config, LogFormat};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// The inline module script of the fake built app, whose hash the CSP must carry.
pub const INLINE_SCRIPT: &str = "import init from '/portal-0123456789abcdef.js'; await init();";
/// The reporting channel's script in the fake built app.
pub const REPORT_SCRIPT: &str =
    "import init from '/bundles/report/portal-report-0123456789abcdef.js'; await init();";
/// The tools' script in the fake built app.
pub const TOOLS_SCRIPT: &str =
    "import init from '/bundles/tools/portal-tools-0123456789abcdef.js'; await init();";
/// Credit repair's script in the fake built app.
pub const REPAIR_SCRIPT: &str =
    "import init from '/bundles/repair/portal-repair-0123456789abcdef.js'; await init();";
/// The staff workspace's script in the fake built app.
pub const STAFF_SCRIPT: &str =
    "import init from '/staff/portal-staff-0123456789abcdef.js'; await init();";

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    /// The server's database, for tests that look behind the API.
    pub database_url: String,
    _stop: oneshot::Sender<()>,
    _dir: tempfile::TempDir,
}

impl Drop for TestApp {
    /// A test's PostgreSQL database is dropped with it (its server's
    /// connections are ended), so that a run of every test does not leave
    /// hundreds of databases behind.
    fn drop(&mut self) {
        let Some((server, name)) = self
            .database_url
            .starts_with("postgres")
            .then(|| self.database_url.rsplit_once('/'))
            .flatten()
        else {
            return;
        };
        let (server, name) = (server.to_owned(), name.to_owned());
        let dropped = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async move {
                sqlx::any::install_default_drivers();
                if let Ok(admin) = sqlx::AnyPool::connect(&format!("{server}/postgres")).await {
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                    )))
                    .execute(&admin)
                    .await;
                    admin.close().await;
                }
            });
        });
        let _ = dropped.join();
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// A second connection to the server's database. Queries written for
    /// both databases number their parameters (`$1`) and bind text,
    /// numbers and bytes; where the two differ, [`TestApp::sql`] picks.
    pub async fn db(&self) -> sqlx::AnyPool {
        sqlx::any::install_default_drivers();
        sqlx::AnyPool::connect(&self.database_url)
            .await
            .expect("the database opens")
    }

    /// Whether the server runs on PostgreSQL.
    pub fn on_postgres(&self) -> bool {
        self.database_url.starts_with("postgres")
    }

    /// Of two texts of SQL, the one for the server's database.
    pub fn sql(&self, sqlite: &'static str, postgres: &'static str) -> &'static str {
        if self.on_postgres() { postgres } else { sqlite }
    }

    /// GETs `path` and reads the JSON answer, asserting the status.
    pub async fn get_json(&self, path: &str, status: u16) -> serde_json::Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), status, "GET {path}");
        response.json().await.expect("a JSON body")
    }

    /// POSTs a JSON body.
    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("the server answers")
    }
}

/// Options of a test server.
pub struct Options {
    pub demo_data: bool,
    pub built_app: bool,
    pub reports_per_hour: u32,
    pub lookups_per_hour: u32,
    pub report_reads_per_hour: u32,
    /// A folder of education content to use instead of the built-in one.
    pub content: Option<std::path::PathBuf>,
    /// Served over HTTPS (cookies marked Secure).
    pub behind_tls: bool,
    /// Reverse proxies believed about `X-Forwarded-For`.
    pub trusted_proxies: Vec<&'static str>,
    /// Seconds a request's headers may take (and a connection stay idle).
    pub header_timeout_secs: u64,
    /// Connections open at once from one address.
    pub max_connections_per_address: u32,
    /// Enterprises (name, credit code) added to the directory before the
    /// server starts, beside the demo data.
    pub enterprises: Vec<(String, String)>,
    /// Where to serve Prometheus metrics, if anywhere.
    pub metrics_listen: Option<std::net::SocketAddr>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            demo_data: true,
            built_app: true,
            reports_per_hour: 1_000,
            lookups_per_hour: 1_000,
            report_reads_per_hour: 1_000,
            content: None,
            behind_tls: false,
            trusted_proxies: Vec::new(),
            header_timeout_secs: 15,
            max_connections_per_address: 128,
            enterprises: Vec::new(),
            metrics_listen: None,
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(Options::default()).await
}

pub async fn spawn_app_with(options: Options) -> TestApp {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let dist = dir.path().join("dist");
    if options.built_app {
        write_fake_dist(&dist);
    }
    let database_url = fresh_database(dir.path()).await;
    let config = Config {
        listen: "127.0.0.1:0".parse().expect("an address"),
        database_url: database_url.clone(),
        metrics_listen: options.metrics_listen,
        sqlite_synchronous: portal_store::Synchronous::Full,
        dist,
        demo_data: options.demo_data,
        demo_decisions: 300,
        demo_enterprises: 60,
        reports_per_hour: options.reports_per_hour,
        photos_per_hour: 1_000,
        lookups_per_hour: options.lookups_per_hour,
        report_reads_per_hour: options.report_reads_per_hour,
        signing_key: None,
        content: options.content,
        behind_tls: options.behind_tls,
        sign_ins_per_hour: 1_000,
        public_url: None,
        trusted_proxies: options
            .trusted_proxies
            .iter()
            .map(|p| portal_server::client::parse_trusted(p).expect("a proxy address"))
            .collect(),
        header_timeout_secs: options.header_timeout_secs,
        max_connections: 768,
        max_connections_per_address: options.max_connections_per_address,
        log_format: LogFormat::Text,
        command: None,
    };
    if !options.enterprises.is_empty() {
        // A first start makes the database; the enterprises are added to
        // it; the server that serves the test starts on it and indexes them.
        let listener = TcpListener::bind(config.listen).await.expect("a free port");
        drop(
            Server::build(config.clone(), listener)
                .await
                .expect("the server starts"),
        );
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&config.database_url)
            .await
            .expect("the database");
        for (name, code) in &options.enterprises {
            sqlx::query(
                "INSERT INTO enterprises (credit_code, name, legal_representative, district,
                     industry, address, registered_on, created_at, updated_at)
                 VALUES ($1, $2, '张三', 'lixia', 'construction', '济南市历下区', '2020-01-01',
                     '2020-01-01T00:00:00+00:00', '2020-01-01T00:00:00+00:00')",
            )
            .bind(code)
            .bind(name)
            .execute(&pool)
            .await
            .expect("an enterprise added");
        }
        pool.close().await;
    }
    let listener = TcpListener::bind(config.listen).await.expect("a free port");
    let server = Server::build(config, listener)
        .await
        .expect("the server starts");
    let address = format!("http://{}", server.local_addr().expect("an address"));
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(server.serve_until(async move {
        let _ = stopped.await;
    }));
    TestApp {
        address,
        database_url,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a client"),
        _stop: stop,
        _dir: dir,
    }
}

/// A database of its own for one test: a SQLite file in `dir`, or a new
/// database on the PostgreSQL server that `PORTAL_TEST_POSTGRES` names.
pub async fn fresh_database(dir: &Path) -> String {
    let Ok(server) = std::env::var("PORTAL_TEST_POSTGRES") else {
        return format!("sqlite:{}", dir.join("portal.db").display());
    };
    let server = server.trim_end_matches('/');
    let name = format!(
        "test_{}",
        uuid_like(dir.file_name().and_then(|n| n.to_str()).unwrap_or("x"))
    );
    sqlx::any::install_default_drivers();
    let admin = sqlx::AnyPool::connect(&format!("{server}/postgres"))
        .await
        .expect("the PostgreSQL server of PORTAL_TEST_POSTGRES answers");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin)
        .await
        .expect("a test database");
    admin.close().await;
    format!("{server}/{name}")
}

/// A database name's part made of the temporary folder's name (unique
/// while the folder exists) and the time.
fn uuid_like(folder: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let folder: String = folder
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    format!("{folder}_{nanos}")
}

/// A `dist` folder shaped like trunk's output.
fn write_fake_dist(dist: &Path) {
    std::fs::create_dir_all(dist).expect("dist folder");
    let index = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><title>t</title>\
         <script type=\"module\">{INLINE_SCRIPT}</script></head><body></body></html>"
    );
    std::fs::write(dist.join("index.html"), index).expect("index.html");
    std::fs::write(
        dist.join("favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .expect("favicon");
    for (folder, script) in [
        ("bundles/report", REPORT_SCRIPT),
        ("bundles/tools", TOOLS_SCRIPT),
        ("bundles/repair", REPAIR_SCRIPT),
        ("staff", STAFF_SCRIPT),
    ] {
        std::fs::create_dir_all(dist.join(folder)).expect("a bundle's folder");
        std::fs::write(
            dist.join(folder).join("index.html"),
            format!(
                "<!DOCTYPE html><html lang=\"zh-CN\"><head><title>t</title>\
                 <script type=\"module\">{script}</script></head><body></body></html>"
            ),
        )
        .expect("a bundle's index.html");
    }
    std::fs::write(dist.join("portal-0123456789abcdef.js"), "export default 1;").expect("js");
    std::fs::write(
        dist.join("portal-0123456789abcdef.js.br"),
        b"\x0b\x08\x80brotli",
    )
    .expect("br");
}

/// A signed-in staff member: the session cookie and the CSRF token.
pub struct Staff {
    pub cookie: String,
    pub csrf: String,
}

impl TestApp {
    /// Creates a staff account straight in the database (as the server
    /// command does), with a password that needs no change.
    pub async fn add_staff(&self, username: &str, role: portal_types::staff::Role, password: &str) {
        let store = portal_store::Store::open(&self.database_url)
            .await
            .expect("the database opens");
        let hash = portal_server::staff::hash_password(password.to_owned())
            .await
            .expect("a hash");
        store
            .create_staff(
                username,
                username,
                role,
                &hash,
                false,
                &portal_store::staff::Actor("test".to_owned()),
            )
            .await
            .expect("stored")
            .expect("a new name");
    }

    /// POSTs a sign-in and returns the raw answer.
    pub async fn try_sign_in(&self, username: &str, password: &str) -> reqwest::Response {
        self.post_json(
            "/api/staff/session",
            &serde_json::json!({ "username": username, "password": password }),
        )
        .await
    }

    /// Signs in, asserting success.
    pub async fn sign_in(&self, username: &str, password: &str) -> Staff {
        let response = self.try_sign_in(username, password).await;
        assert_eq!(response.status(), 200, "sign-in of {username}");
        let cookie = response
            .headers()
            .get(reqwest::header::SET_COOKIE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .expect("a session cookie")
            .to_owned();
        let body: serde_json::Value = response.json().await.expect("a session");
        Staff {
            cookie,
            csrf: body["csrf_token"]
                .as_str()
                .expect("a CSRF token")
                .to_owned(),
        }
    }

    /// A staff request: `staff` gives the cookie, `csrf` the header.
    pub async fn staff_request(
        &self,
        method: reqwest::Method,
        path: &str,
        staff: Option<&Staff>,
        csrf: Option<&str>,
        body: Option<serde_json::Value>,
    ) -> reqwest::Response {
        let mut request = self.client.request(method, self.url(path));
        if let Some(staff) = staff {
            request = request.header(reqwest::header::COOKIE, &staff.cookie);
        }
        if let Some(csrf) = csrf {
            request = request.header("x-csrf-token", csrf);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("an answer")
    }

    /// A staff request with the member's own cookie and CSRF token.
    pub async fn as_staff(
        &self,
        staff: &Staff,
        method: reqwest::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> reqwest::Response {
        self.staff_request(method, path, Some(staff), Some(&staff.csrf), body)
            .await
    }
}
