//! The real `epasapoarte` binary as a child process: started with a clean `EPAS_*`
//! environment and its stderr in a file, waited for through `/readyz`, stopped with
//! SIGTERM — and killed by `Drop` whenever a test fails half-way, so no server outlives
//! its test.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The binary under test, built by cargo for the integration tests.
pub const BINARY: &str = env!("CARGO_BIN_EXE_epasapoarte");

/// A command for the binary whose environment holds no `EPAS_*` variable of the test
/// runner (CI sets some): each test states every setting it relies on.
pub fn command(dir: &Path, env: &[(&str, String)]) -> Command {
    let mut command = Command::new(BINARY);
    command.current_dir(dir).stdin(Stdio::null());
    for (name, _) in std::env::vars() {
        if name.starts_with("EPAS_") {
            command.env_remove(name);
        }
    }
    for (name, value) in env {
        command.env(name, value);
    }
    command
}

/// A port nothing listens on right now (127.0.0.1 only).
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

/// One running `epasapoarte serve`.
pub struct Server {
    pub name: &'static str,
    pub base: String,
    pub log: PathBuf,
    child: Option<Child>,
}

impl Server {
    /// Starts `epasapoarte serve <args>` listening on `port`, logging into `log`.
    pub fn start(
        name: &'static str,
        dir: &Path,
        port: u16,
        args: &[&str],
        env: &[(&str, String)],
        log: PathBuf,
    ) -> Server {
        let stderr = File::create(&log).expect("creating the log file");
        let mut env = env.to_vec();
        env.push(("EPAS_LISTEN", format!("127.0.0.1:{port}")));
        let child = command(dir, &env)
            .arg("serve")
            .args(args)
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .expect("starting epasapoarte serve");
        Server {
            name,
            base: format!("http://127.0.0.1:{port}"),
            log,
            child: Some(child),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Polls `/readyz` until it answers 200; fails early if the process died.
    pub async fn wait_ready(&mut self, client: &reqwest::Client, within: Duration) {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                panic!(
                    "{} exited with {status} before it was ready; log:\n{}",
                    self.name,
                    self.log_text()
                );
            }
            let ready = client
                .get(self.url("/readyz"))
                .timeout(Duration::from_secs(2))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if ready {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{} not ready within {within:?}; log:\n{}",
                self.name,
                self.log_text()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Sends SIGTERM (through `kill(1)`, to need no extra crate).
    pub fn terminate(&self) {
        let Some(child) = &self.child else { return };
        let status = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .expect("running kill");
        assert!(status.success(), "kill -TERM {} failed", self.name);
    }

    /// Waits for the process to end after [`Server::terminate`]; `None` when it is still
    /// running after `within` (then `Drop` kills it).
    pub async fn wait_exit(&mut self, within: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                self.child = None;
                return Some(status);
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        None
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // A failing test: no graceful anything, just never leave a server behind.
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Runs a one-shot command (`seed`) to its end, stderr into `log`; killed after `within`.
pub async fn run_to_end(command: &mut Command, log: &Path, within: Duration) -> ExitStatus {
    let stderr = File::create(log).expect("creating the log file");
    let mut child = command
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .expect("starting the command");
    let deadline = Instant::now() + within;
    loop {
        if let Some(status) = child.try_wait().expect("polling the command") {
            return status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{command:?} did not finish within {within:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Polls `probe` every `every` until it yields a value; panics with `what` after `within`.
pub async fn eventually<T, F, Fut>(what: &str, within: Duration, every: Duration, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + within;
    loop {
        if let Some(value) = probe().await {
            return value;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {within:?}: {what}"
        );
        tokio::time::sleep(every).await;
    }
}
