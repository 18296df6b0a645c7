//! The server under test: the real release `epasapoarte serve`, started as a child
//! process on a free 127.0.0.1 port with its own scratch directory (mail files, log), and
//! killed when the guard drops — on success, on error and on panic alike.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use rand::Rng;

/// How long the server may take to answer `/readyz` (migrations run at start).
const READY_TIMEOUT: Duration = Duration::from_secs(60);

/// A directory removed when dropped.
#[derive(Debug)]
pub struct ScratchDir(PathBuf);

impl ScratchDir {
    pub fn new(label: &str) -> anyhow::Result<ScratchDir> {
        let path = std::env::temp_dir().join(format!(
            "epas_bench_{label}_{:016x}",
            rand::thread_rng().r#gen::<u64>()
        ));
        std::fs::create_dir_all(&path).with_context(|| format!("creating {}", path.display()))?;
        Ok(ScratchDir(path))
    }

    #[must_use]
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The `epasapoarte` binary beside this one (`target/release/`), or the one given.
pub fn find_binary(given: Option<&Path>) -> anyhow::Result<PathBuf> {
    let path = match given {
        Some(path) => path.to_path_buf(),
        None => std::env::current_exe()
            .context("locating the benchmark binary")?
            .parent()
            .context("the benchmark binary has no directory")?
            .join("epasapoarte"),
    };
    if !path.is_file() {
        bail!(
            "the server binary {} is missing: build both with\n    \
             cargo build --release -p epasapoarte -p epasapoarte-bench\n\
             (or pass --server PATH)",
            path.display()
        );
    }
    Ok(path)
}

/// A running `epasapoarte serve`; dropping it kills the process.
#[derive(Debug)]
pub struct Server {
    child: Child,
    pub base_url: String,
    pub mail_dir: PathBuf,
    log: PathBuf,
    // Last field: dropped after the child is gone.
    _scratch: ScratchDir,
}

impl Server {
    /// Starts the server on `database_url` and waits until `/readyz` answers 200.
    pub async fn start(
        binary: &Path,
        database_url: &str,
        client: &reqwest::Client,
    ) -> anyhow::Result<Server> {
        Server::start_with(binary, database_url, client, &[]).await
    }

    /// As [`Server::start`], with `env` set over the defaults (the fairness simulation's
    /// clock and §8 settings).
    pub async fn start_with(
        binary: &Path,
        database_url: &str,
        client: &reqwest::Client,
        env: &[(&str, String)],
    ) -> anyhow::Result<Server> {
        let scratch = ScratchDir::new("server")?;
        let mail_dir = scratch.path().join("mail");
        let log = scratch.path().join("server.log");
        let port = free_port()?;
        let base_url = format!("http://127.0.0.1:{port}");
        let log_file = std::fs::File::create(&log).context("creating the server log")?;
        let mut command = Command::new(binary);
        command.arg("serve");
        // Nothing from the caller's EPAS_* environment may leak into the measured setup.
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("EPAS_") {
                command.env_remove(&name);
            }
        }
        let child = command
            .env("EPAS_DATABASE_URL", database_url)
            .env("EPAS_LISTEN", format!("127.0.0.1:{port}"))
            .env("EPAS_BASE_URL", &base_url)
            .env("EPAS_SECRET_KEY", random_hex_key())
            .env("EPAS_RATE_LIMITS", "off")
            .env("EPAS_MAIL_DIR", &mail_dir)
            .env("EPAS_LOG", "warn")
            .envs(env.iter().map(|(name, value)| (*name, value.as_str())))
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().context("sharing the server log")?)
            .stderr(log_file)
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        let mut server = Server {
            child,
            base_url,
            mail_dir,
            log,
            _scratch: scratch,
        };
        server.wait_ready(client).await?;
        Ok(server)
    }

    #[must_use]
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    async fn wait_ready(&mut self, client: &reqwest::Client) -> anyhow::Result<()> {
        let started = Instant::now();
        let url = format!("{}/readyz", self.base_url);
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!(
                    "the server exited ({status}) before it was ready:\n{}",
                    self.log_tail()
                );
            }
            if let Ok(response) = client.get(&url).send().await
                && response.status().is_success()
            {
                return Ok(());
            }
            if started.elapsed() > READY_TIMEOUT {
                bail!(
                    "the server was not ready after {READY_TIMEOUT:?}:\n{}",
                    self.log_tail()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The last lines the server logged (warnings and errors only, `EPAS_LOG=warn`).
    #[must_use]
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    /// How many lines the server logged so far (at `warn` and above).
    #[must_use]
    pub fn log_lines(&self) -> usize {
        std::fs::read_to_string(&self.log)
            .map(|text| text.lines().count())
            .unwrap_or(0)
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // SIGKILL: the database is thrown away right after, so a clean shutdown buys
        // nothing, and a hung server must not hang the benchmark.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port the OS just had free on 127.0.0.1 (released for the server to take).
pub fn free_port() -> anyhow::Result<u16> {
    let listener =
        std::net::TcpListener::bind("127.0.0.1:0").context("finding a free local port")?;
    Ok(listener.local_addr()?.port())
}

/// A fresh 256-bit key for this run only (nothing sealed outlives the database).
fn random_hex_key() -> String {
    let bytes: [u8; 32] = rand::thread_rng().r#gen();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
