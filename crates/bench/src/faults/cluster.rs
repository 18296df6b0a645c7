//! PostgreSQL servers a scenario may break: a private one-node cluster (`initdb` +
//! `pg_ctl` from Debian's PostgreSQL on a free port, in a scratch directory) to restart,
//! and the primary + synchronous standby of `deploy/pg-ha` to fail over. The machine's
//! own PostgreSQL on 5432, which other work uses, is never touched.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, bail};

/// Where Debian puts the server programs of one major version.
fn postgres_bin(program: &str) -> anyhow::Result<PathBuf> {
    let base = Path::new("/usr/lib/postgresql");
    let mut versions: Vec<PathBuf> = std::fs::read_dir(base)
        .with_context(|| format!("listing {} (Debian's PostgreSQL)", base.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path().join("bin").join(program))
        .filter(|path| path.is_file())
        .collect();
    versions.sort();
    versions
        .pop()
        .with_context(|| format!("no {program} under {}", base.display()))
}

/// Runs `program args` as the `postgres` user when we are root (PostgreSQL refuses root).
fn as_postgres(program: &Path, args: &[&str]) -> anyhow::Result<()> {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout.starts_with(b"0"));
    let mut command = if root {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    };
    let output = command
        .args(args)
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("running {}", program.display()))?;
    if !output.status.success() {
        bail!(
            "{} {} failed: {}",
            program.display(),
            args.first().copied().unwrap_or_default(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}

/// A throwaway one-node PostgreSQL cluster; stopped and removed when dropped.
pub struct PrivateCluster {
    dir: PathBuf,
    pub port: u16,
}

impl PrivateCluster {
    pub fn start() -> anyhow::Result<PrivateCluster> {
        let dir =
            std::env::temp_dir().join(format!("epas_fault_pg_{:016x}", rand::random::<u64>()));
        std::fs::create_dir_all(&dir)?;
        // The server runs as `postgres`: the directory is theirs.
        let _ = Command::new("chown")
            .args(["postgres:postgres"])
            .arg(&dir)
            .status();
        let port = super::free_port()?;
        let cluster = PrivateCluster { dir, port };
        let data = cluster.data();
        as_postgres(
            &postgres_bin("initdb")?,
            &["-D", &data, "-A", "trust", "-U", "postgres", "--no-sync"],
        )?;
        // Durable as in production: fsync and synchronous commit stay on.
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=200",
            cluster.dir.display()
        );
        let log = format!("{}/server.log", cluster.dir.display());
        as_postgres(
            &postgres_bin("pg_ctl")?,
            &["-D", &data, "-o", &options, "-l", &log, "-w", "start"],
        )?;
        Ok(cluster)
    }

    fn data(&self) -> String {
        format!("{}/data", self.dir.display())
    }

    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// `pg_ctl restart -m immediate`: every backend killed without a checkpoint, crash
    /// recovery at start — the harshest restart, the one that proves commits are durable.
    pub fn restart(&self) -> anyhow::Result<()> {
        // The log again: without it the new postmaster would keep our stdout pipe open.
        let log = format!("{}/server.log", self.dir.display());
        as_postgres(
            &postgres_bin("pg_ctl")?,
            &[
                "-D",
                &self.data(),
                "-l",
                &log,
                "-m",
                "immediate",
                "-w",
                "restart",
            ],
        )
    }
}

impl Drop for PrivateCluster {
    fn drop(&mut self) {
        if let Ok(pg_ctl) = postgres_bin("pg_ctl") {
            let _ = as_postgres(&pg_ctl, &["-D", &self.data(), "-m", "immediate", "stop"]);
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The primary + synchronous standby of `deploy/pg-ha` behind its haproxy; stopped when
/// dropped.
pub struct HaCluster {
    script: PathBuf,
    pub url: String,
}

impl HaCluster {
    /// `deploy/pg-ha start`: its last line on stdout is the write endpoint's URL.
    pub fn start(script: &Path) -> anyhow::Result<HaCluster> {
        let output = Command::new(script)
            .arg("start")
            .stdin(Stdio::null())
            .stderr(Stdio::inherit())
            .output()
            .with_context(|| format!("running {} start", script.display()))?;
        if !output.status.success() {
            bail!("{} start failed ({})", script.display(), output.status);
        }
        let stdout = String::from_utf8_lossy(&output.stdout);
        let url = stdout
            .lines()
            .last()
            .filter(|line| line.starts_with("postgres"))
            .context("deploy/pg-ha start printed no URL")?
            .trim()
            .to_owned();
        Ok(HaCluster {
            script: script.to_path_buf(),
            url,
        })
    }

    /// `deploy/pg-ha failover`: the primary is killed; Patroni promotes the standby.
    pub fn fail_over(&self) -> anyhow::Result<()> {
        let status = Command::new(&self.script)
            .arg("failover")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .status()
            .context("running deploy/pg-ha failover")?;
        if !status.success() {
            bail!("deploy/pg-ha failover failed ({status})");
        }
        Ok(())
    }
}

impl Drop for HaCluster {
    fn drop(&mut self) {
        let _ = Command::new(&self.script)
            .arg("stop")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}
