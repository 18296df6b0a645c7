//! `--scenario faults` (issue 13 item 9): real `epasapoarte serve` processes on 127.0.0.1,
//! a rush of bookings through two instances, and one fault per scenario — an instance
//! killed with SIGKILL, PostgreSQL restarted, the primary failed over, the mail relay
//! refusing or hanging, the database behind a cut cable. After each, `epasapoarte audit`
//! with every booking id a citizen was answered `201` for. Prints one JSON object on
//! stdout and the Markdown table for RELIABILITY.md on stderr.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use chrono::{Days, Utc};
use clap::ValueEnum;
use serde::Serialize;

use crate::people::{CnpSource, Seat};
use crate::phases::catalog;
use crate::server::Server;

mod audit;
mod cluster;
mod rush;
mod scenarios;

pub use crate::server::free_port;

/// The fault of one scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// SIGKILL of one of two instances mid-rush; restarted 5 s later.
    KillInstance,
    /// `pg_ctl restart -m immediate` of the database mid-rush.
    PostgresRestart,
    /// The primary of `deploy/pg-ha` killed mid-rush; Patroni promotes the standby.
    Failover,
    /// The mail relay's port closed for 40 s.
    SmtpRefused,
    /// The mail relay accepting connections and never answering, for 40 s.
    HungRelay,
    /// The database unreachable for 10 s: open connections cut, the port closed.
    DatabaseCut,
}

impl Fault {
    pub const ALL: [Fault; 6] = [
        Fault::KillInstance,
        Fault::PostgresRestart,
        Fault::Failover,
        Fault::SmtpRefused,
        Fault::HungRelay,
        Fault::DatabaseCut,
    ];

    fn name(self) -> &'static str {
        match self {
            Fault::KillInstance => "kill -9 of one of two instances",
            Fault::PostgresRestart => "PostgreSQL restart (immediate)",
            Fault::Failover => "PostgreSQL primary failover",
            Fault::SmtpRefused => "SMTP refused for 40 s",
            Fault::HungRelay => "hung relay for 40 s",
            Fault::DatabaseCut => "database cut for 10 s",
        }
    }
}

/// One scenario's outcome: the fields first.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub name: &'static str,
    pub fault: Fault,
    /// Bookings answered `201`.
    pub acknowledged: u64,
    /// Of those, missing from the database.
    pub lost: u64,
    /// Seats beyond capacity plus slots over capacity plus counter mismatches.
    pub overbooked: u64,
    pub duplicate_cnps: u64,
    /// Seconds from the fault (for the cut and the relay: from its end) until the
    /// service was whole again: the first `201` to a request sent after the last failure
    /// (5xx, timeout, no instance reached), or for the relay faults every acknowledged
    /// booking's confirmation e-mail received.
    pub recovered_s: Option<f64>,
    /// Pending public bookings whose confirmation request is not in the outbox.
    pub pending_without_mail: u64,
    /// Booking requests sent (a retry on the other instance counts).
    pub requests: u64,
    /// Answers of the 5xx family (a 503 `unavailable` while the database is away counts).
    pub server_errors: u64,
    /// Every answer by status and error code.
    pub answers: std::collections::BTreeMap<String, u64>,
    /// What else the scenario measured.
    pub note: String,
}

/// The whole run.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub scenarios: Vec<Outcome>,
}

/// Where the scenarios find their tools.
pub struct Tools {
    pub binary: PathBuf,
    pub pg_ha: PathBuf,
}

impl Tools {
    pub fn new(binary: PathBuf, pg_ha: Option<&Path>) -> Tools {
        let pg_ha = pg_ha.map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/pg-ha"),
            Path::to_path_buf,
        );
        Tools { binary, pg_ha }
    }
}

/// Runs `faults` in order; a scenario that cannot be set up fails the run.
pub async fn run(tools: &Tools, faults: &[Fault]) -> anyhow::Result<Summary> {
    let mut scenarios = Vec::new();
    for &fault in faults {
        eprintln!("faults: {} …", fault.name());
        let started = Instant::now();
        let outcome = scenarios::run(tools, fault)
            .await
            .with_context(|| format!("scenario {:?}", fault.name()))?;
        eprintln!(
            "faults: {} done in {:.0} s: {} acknowledged, {} lost, {} overbooked, {} duplicate CNPs, recovered {}",
            fault.name(),
            started.elapsed().as_secs_f64(),
            outcome.acknowledged,
            outcome.lost,
            outcome.overbooked,
            outcome.duplicate_cnps,
            seconds(outcome.recovered_s)
        );
        scenarios.push(outcome);
    }
    Ok(Summary { scenarios })
}

/// The table for RELIABILITY.md.
#[must_use]
pub fn table(summary: &Summary) -> String {
    let mut out = String::from(
        "| scenario | acknowledged | lost | overbooked | duplicate CNPs | recovered | requests | 5xx | note |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---|\n",
    );
    for s in &summary.scenarios {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            s.name,
            s.acknowledged,
            s.lost,
            s.overbooked,
            s.duplicate_cnps,
            seconds(s.recovered_s),
            s.requests,
            s.server_errors,
            s.note
        ));
    }
    out
}

fn seconds(value: Option<f64>) -> String {
    value.map_or_else(|| "never".to_owned(), |s| format!("{s:.1} s"))
}

/// A fresh 256-bit key shared by the instances of one scenario (one key per database).
fn shared_key() -> String {
    (0..32)
        .map(|_| format!("{:02x}", rand::random::<u8>()))
        .collect()
}

/// The instances of one scenario on one database, with what they share.
pub struct Stage {
    pub client: reqwest::Client,
    pub binary: PathBuf,
    pub database_url: String,
    pub key: String,
    /// Extra settings of every instance (the relay's URL).
    pub env: Vec<(&'static str, String)>,
    pub servers: Vec<Option<Server>>,
    /// The base URLs the rush's balancer spreads over.
    pub instances: Arc<RwLock<Vec<String>>>,
    pub cnps: Arc<CnpSource>,
}

impl Stage {
    /// Seeds `database_url` and starts `count` instances on it.
    pub async fn up(
        binary: &Path,
        database_url: &str,
        count: usize,
        env: Vec<(&'static str, String)>,
    ) -> anyhow::Result<Stage> {
        let store = epasapoarte::store::connect(database_url).await?;
        epasapoarte::seed::seed(store.as_ref(), Utc::now()).await?;
        drop(store);
        let mut stage = Stage {
            client: crate::run::http_client()?,
            binary: binary.to_path_buf(),
            database_url: database_url.to_owned(),
            key: shared_key(),
            env,
            servers: Vec::new(),
            instances: Arc::new(RwLock::new(Vec::new())),
            cnps: Arc::new(CnpSource::default()),
        };
        for _ in 0..count {
            let server = stage.start_one().await?;
            if let Ok(mut urls) = stage.instances.write() {
                urls.push(server.base_url.clone());
            }
            stage.servers.push(Some(server));
        }
        Ok(stage)
    }

    async fn start_one(&self) -> anyhow::Result<Server> {
        let mut env: Vec<(&str, String)> = vec![
            ("EPAS_SECRET_KEY", self.key.clone()),
            // First come, first served: the rush books at once (no draw, no delay).
            ("EPAS_DRAW", "off".into()),
            ("EPAS_RELEASE_DELAY", "0-0".into()),
        ];
        env.extend(self.env.iter().map(|(k, v)| (*k, v.clone())));
        Server::start_with(&self.binary, &self.database_url, &self.client, &env).await
    }

    /// SIGKILL of instance `n` (its guard kills it; nothing shuts down cleanly).
    pub fn kill(&mut self, n: usize) {
        if let Some(server) = self.servers.get_mut(n).and_then(Option::take) {
            drop(server);
        }
    }

    /// A new instance in place of `n`, on a new port the balancer learns.
    pub async fn restart(&mut self, n: usize) -> anyhow::Result<()> {
        let server = self.start_one().await?;
        if let Ok(mut urls) = self.instances.write()
            && let Some(url) = urls.get_mut(n)
        {
            url.clone_from(&server.base_url);
        }
        self.servers[n] = Some(server);
        Ok(())
    }

    /// The slots the rush books: every free slot of the first offices from tomorrow on.
    pub async fn seats(&self) -> anyhow::Result<Vec<Seat>> {
        let base = self
            .instances
            .read()
            .ok()
            .and_then(|urls| urls.first().cloned())
            .context("no instance")?;
        let today = Utc::now()
            .with_timezone(&epasapoarte::seed::TIMEZONE)
            .date_naive();
        let slots = catalog::free_slots_at(&self.client, &base, today + Days::new(1)).await?;
        if slots.is_empty() {
            bail!("nothing to book");
        }
        Ok(slots.into_iter().map(|slot| slot.seat).collect())
    }

    /// Whether every instance still runs, with the warnings they logged.
    pub fn logs(&mut self) -> String {
        let mut out = Vec::new();
        for (n, server) in self.servers.iter_mut().enumerate() {
            if let Some(server) = server {
                if !server.is_running() {
                    out.push(format!("instance {n} died:\n{}", server.log_tail()));
                }
            }
        }
        out.join("\n")
    }
}

/// Waits `duration`, printing nothing: the rush runs meanwhile.
pub async fn pause(duration: Duration) {
    tokio::time::sleep(duration).await;
}
