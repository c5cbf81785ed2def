//! Configuration from command-line flags, each also settable by a
//! `PORTAL_*` environment variable (flags win).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{ArgAction, Parser, Subcommand, ValueEnum};

/// The portal's API server.
#[derive(Clone, Debug, Parser)]
#[command(version, about)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "PORTAL_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// The database. A SQLite file is created, with its folder, on first start.
    #[arg(
        long,
        env = "PORTAL_DATABASE_URL",
        default_value = "sqlite:data/portal.db",
        global = true
    )]
    pub database_url: String,

    /// When a SQLite commit reaches the disk: `full` (before it is
    /// acknowledged: an acknowledged report survives a power cut) or
    /// `normal` (faster; survives the process dying, not a power cut).
    #[arg(long, env = "PORTAL_SQLITE_SYNCHRONOUS", default_value = "full", value_parser = parse_synchronous)]
    pub sqlite_synchronous: portal_store::Synchronous,

    /// Address and port to serve Prometheus metrics on (`/metrics`): keep
    /// it private (a loopback or internal address). None: no metrics.
    #[arg(long, env = "PORTAL_METRICS_LISTEN")]
    pub metrics_listen: Option<SocketAddr>,

    /// Folder of the built app (trunk's `dist`), served from `/`.
    #[arg(long, env = "PORTAL_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// Load generated demonstration records into an empty database.
    #[arg(long, env = "PORTAL_DEMO_DATA", default_value_t = true, action = ArgAction::Set)]
    pub demo_data: bool,

    /// How many penalty decisions the demo data has.
    #[arg(long, env = "PORTAL_DEMO_DECISIONS", default_value_t = 5_000)]
    pub demo_decisions: u32,

    /// How many enterprises the demo data has.
    #[arg(long, env = "PORTAL_DEMO_ENTERPRISES", default_value_t = 1_000)]
    pub demo_enterprises: u32,

    /// Hazard reports one client address may submit per hour (at once, too).
    #[arg(long, env = "PORTAL_REPORTS_PER_HOUR", default_value_t = 10)]
    pub reports_per_hour: u32,

    /// Photos one client address may upload per hour.
    #[arg(long, env = "PORTAL_PHOTOS_PER_HOUR", default_value_t = 60)]
    pub photos_per_hour: u32,

    /// Report status look-ups one client address may make per hour (wrong
    /// query codes are guessed no faster than this).
    #[arg(long, env = "PORTAL_LOOKUPS_PER_HOUR", default_value_t = 30)]
    pub lookups_per_hour: u32,

    /// Public reads about reports (an Open311 request's status, the
    /// recent-reports hint) one client address may make per hour (0: no limit).
    #[arg(long, env = "PORTAL_REPORT_READS_PER_HOUR", default_value_t = 120)]
    pub report_reads_per_hour: u32,

    /// The key that signs blacklist check results (at least 16 characters).
    /// Without it, a random key is made on first start and kept in the
    /// database; set it to keep verification codes valid across databases.
    #[arg(long, env = "PORTAL_SIGNING_KEY", hide_env_values = true)]
    pub signing_key: Option<String>,

    /// Read the safety-education content from this folder (`articles/*.md`,
    /// `quizzes/*.toml`) instead of the copy built into the server: for
    /// editors previewing changes without a rebuild.
    #[arg(long, env = "PORTAL_CONTENT")]
    pub content: Option<PathBuf>,

    /// The portal is served to browsers over HTTPS (directly or by a
    /// proxy): staff session cookies are then marked `Secure`.
    #[arg(long, env = "PORTAL_BEHIND_TLS", default_value_t = false, action = ArgAction::Set)]
    pub behind_tls: bool,

    /// The portal's public address (`https://aq.jinan.gov.cn`), written
    /// in canonical links, link previews, the sitemap and robots.txt.
    /// Without it, each request's `Host` is used.
    #[arg(long, env = "PORTAL_PUBLIC_URL", value_parser = parse_public_url)]
    pub public_url: Option<String>,

    /// Staff sign-in attempts one client address may make per hour (each
    /// user name also locks for 15 minutes after 5 failures in a row).
    #[arg(long, env = "PORTAL_SIGN_INS_PER_HOUR", default_value_t = 60)]
    pub sign_ins_per_hour: u32,

    /// Seconds a request's headers may take to arrive; also the longest a
    /// kept-alive connection stays idle. Slower or idle connections are closed.
    #[arg(long, env = "PORTAL_HEADER_TIMEOUT_SECS", default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub header_timeout_secs: u64,

    /// Connections open at once, in total; more are answered 503 and
    /// closed. Keep it well below the open-file limit (`ulimit -n`).
    #[arg(long, env = "PORTAL_MAX_CONNECTIONS", default_value_t = 768, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,

    /// Connections open at once from one client address (a trusted proxy's
    /// are not counted); more are answered 503 and closed.
    #[arg(long, env = "PORTAL_MAX_CONNECTIONS_PER_ADDRESS", default_value_t = 128, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections_per_address: u32,

    /// Reverse proxies in front of the server, as addresses or networks
    /// (`10.0.0.0/8,127.0.0.1`): for a request from one of them, the client
    /// (for rate limits and logs) is the right-most address of
    /// `X-Forwarded-For` that is not a trusted proxy. Empty: the TCP peer.
    #[arg(
        long,
        env = "PORTAL_TRUSTED_PROXIES",
        value_delimiter = ',',
        value_parser = crate::client::parse_trusted
    )]
    pub trusted_proxies: Vec<ipnet::IpNet>,

    /// Log lines as human-readable text or as JSON objects.
    #[arg(long, env = "PORTAL_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,

    /// Without a command, serve the portal.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What the server binary can do besides serving.
#[derive(Clone, Debug, Subcommand)]
pub enum Command {
    /// Manage staff accounts.
    #[command(subcommand)]
    Staff(StaffCommand),
    /// Write a consistent copy of the SQLite database to a new file while
    /// the portal serves (a PostgreSQL database is backed up with pg_dump).
    Backup {
        /// The file to write; it must not exist.
        #[arg(long)]
        to: PathBuf,
    },
}

/// `portal-server staff …`.
#[derive(Clone, Debug, Subcommand)]
pub enum StaffCommand {
    /// Create an account (the first administrator is made this way). The
    /// password is asked for on the terminal, or read as one line from
    /// standard input.
    Add {
        /// The user name: 3 to 40 of a-z, 0-9, '.', '-', '_'.
        #[arg(long)]
        username: String,
        /// The person's name.
        #[arg(long)]
        name: String,
        /// administrator, editor or case-handler.
        #[arg(long, value_parser = parse_role)]
        role: portal_types::staff::Role,
    },
}

fn parse_synchronous(text: &str) -> Result<portal_store::Synchronous, String> {
    match text {
        "full" => Ok(portal_store::Synchronous::Full),
        "normal" => Ok(portal_store::Synchronous::Normal),
        _ => Err("one of full, normal".to_owned()),
    }
}

fn parse_public_url(text: &str) -> Result<String, String> {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or_else(|| "an address starting with https:// or http://".to_owned())?;
    let host = rest.trim_end_matches('/');
    if host.is_empty() || host.contains(['/', '?', '#', ' ', '"', '<', '>']) {
        return Err("a scheme and a host only, such as https://aq.jinan.gov.cn".to_owned());
    }
    Ok(text.trim_end_matches('/').to_owned())
}

fn parse_role(text: &str) -> Result<portal_types::staff::Role, String> {
    portal_types::staff::Role::from_slug(text)
        .ok_or_else(|| "one of administrator, editor, case-handler".to_owned())
}

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One human-readable line per event.
    Text,
    /// One JSON object per event, for log collectors.
    Json,
}

impl Config {
    /// Where the education content comes from.
    pub fn content_source(&self) -> crate::education::content::Source {
        match &self.content {
            Some(folder) => crate::education::content::Source::Folder(folder.clone()),
            None => crate::education::content::Source::Builtin,
        }
    }

    /// The size of the demo data asked for.
    pub fn demo_size(&self) -> crate::demo::DemoSize {
        crate::demo::DemoSize {
            enterprises: self.demo_enterprises,
            decisions: self.demo_decisions,
        }
    }
}
