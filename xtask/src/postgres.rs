//! A throw-away PostgreSQL cluster for the tests, the benchmarks and the
//! cluster demonstration: Debian's `postgresql` package, a cluster made
//! with `initdb` in a folder of its own, run by an unprivileged user (the
//! server refuses to run as root) on a free local port, and removed when
//! dropped.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::process::{output_of, run, step};

/// The oldest PostgreSQL the portal supports.
const OLDEST_MAJOR: u32 = 15;

/// Installs Debian's PostgreSQL server when no supported one is there.
pub fn ensure_installed() -> anyhow::Result<()> {
    step("PostgreSQL server (Debian package)");
    if let Ok(bin) = bin_dir() {
        println!("    already installed ({})", bin.display());
        return Ok(());
    }
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
    run(&mut apt(&[
        "install",
        "-y",
        "-qq",
        "--no-install-recommends",
        "postgresql",
    ]))?;
    bin_dir().map(|_| ())
}

/// The folder of the newest installed server's programs
/// (`/usr/lib/postgresql/N/bin`).
fn bin_dir() -> anyhow::Result<PathBuf> {
    let mut best: Option<(u32, PathBuf)> = None;
    if let Ok(entries) = std::fs::read_dir("/usr/lib/postgresql") {
        for entry in entries.flatten() {
            let major = entry.file_name().to_string_lossy().parse::<u32>().ok();
            let bin = entry.path().join("bin");
            if let Some(major) = major
                && major >= OLDEST_MAJOR
                && bin.join("initdb").is_file()
                && best.as_ref().is_none_or(|(m, _)| major > *m)
            {
                best = Some((major, bin));
            }
        }
    }
    best.map(|(_, bin)| bin)
        .with_context(|| format!("no PostgreSQL {OLDEST_MAJOR} or later in /usr/lib/postgresql"))
}

/// A running throw-away cluster.
#[derive(Debug)]
pub struct Cluster {
    bin: PathBuf,
    folder: PathBuf,
    port: u16,
    /// The unprivileged user that runs it, when we are root.
    user: Option<&'static str>,
}

impl Cluster {
    /// Makes and starts a cluster under `parent` on a free port, with a
    /// superuser `portal` that needs no password from this machine.
    /// `durable: false` turns off `fsync` (for tests, whose data does not
    /// outlive them).
    pub fn start(parent: &Path, durable: bool) -> anyhow::Result<Self> {
        step("Start a throw-away PostgreSQL cluster");
        let bin = bin_dir()?;
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let folder = parent.join(format!("postgres-{port}"));
        if folder.exists() {
            std::fs::remove_dir_all(&folder)?;
        }
        std::fs::create_dir_all(&folder)?;
        let root_user = output_of("id", &["-u"]).as_deref() == Some("0");
        let user = root_user.then_some("postgres");
        if let Some(user) = user {
            // The folder and its parents must be reachable by that user.
            run(Command::new("chown").arg(user).arg(&folder))?;
            let mut ancestor = folder.parent();
            while let Some(dir) = ancestor {
                let _ = Command::new("chmod").arg("o+x").arg(dir).status();
                ancestor = dir.parent();
            }
        }
        let cluster = Self {
            bin,
            folder,
            port,
            user,
        };
        let data = cluster.folder.join("data");
        run(cluster
            .command("initdb")
            .arg("-D")
            .arg(&data)
            .args(["-U", "portal", "--auth=trust", "-E", "UTF8"])
            .args(["--locale=C.UTF-8", "--no-sync"])
            .stdout(std::process::Stdio::null()))?;
        let mut options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=300",
            cluster.folder.display()
        );
        if !durable {
            options.push_str(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }
        run(cluster
            .command("pg_ctl")
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(cluster.folder.join("server.log"))
            .args(["-o", &options, "-w", "start"]))?;
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                bail!("PostgreSQL did not start; see {}", cluster.folder.display());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        println!("    serving on {}", cluster.url());
        Ok(cluster)
    }

    /// The server's address, without a database: `postgres://portal@127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("postgres://portal@127.0.0.1:{}", self.port)
    }

    /// Makes a database and returns its URL.
    pub fn create_database(&self, name: &str) -> anyhow::Result<String> {
        run(self
            .command("createdb")
            .args(["-h", "127.0.0.1", "-p", &self.port.to_string()])
            .args(["-U", "portal", name]))?;
        Ok(format!("{}/{name}", self.url()))
    }

    /// A command of the server's programs, run as its user.
    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        match self.user {
            Some(user) => {
                let mut command = Command::new("runuser");
                command.args(["-u", user, "--"]).arg(path);
                command
            }
            None => Command::new(path),
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.folder.join("data"))
            .args(["-m", "immediate", "-w", "stop"])
            .stdout(std::process::Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}
