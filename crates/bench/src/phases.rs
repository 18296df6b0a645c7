//! The measured phases and what they share: the HTTP client, the server's pid for the
//! RSS and CPU figures, the CNP stream, and one way of timing a phase into a [`Row`].

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use epasapoarte::testing::Backend;
use reqwest::StatusCode;

use crate::db::Probe;
use crate::load::{Outcome, PhaseStats};
use crate::machine::{CpuSnapshot, RssSampler};
use crate::people::CnpSource;
use crate::report::{Report, Row};

pub mod availability;
pub mod bookings;
pub mod catalog;
pub mod flash;
pub mod raw;

/// Everything a phase against the running server needs.
pub struct Ctx {
    pub backend: Backend,
    pub client: reqwest::Client,
    pub base_url: String,
    pub duration: Duration,
    pub clients: usize,
    pub cnps: Arc<CnpSource>,
    pub server_pid: Option<u32>,
    pub rss: Option<RssSampler>,
    pub probe: Probe,
    /// The PostgreSQL database under test (its backends' CPU is the "postgres" column).
    pub database: Option<String>,
    /// Whether to wait on the outbox before confirming (mail files being written).
    pub mail_dir: std::path::PathBuf,
    pub mail_wait: Duration,
}

impl Ctx {
    /// Runs `phase`, recording the server's peak RSS and the CPU everyone used meanwhile.
    pub async fn measure<Fut>(
        &self,
        report: &mut Report,
        name: &str,
        phase: Fut,
    ) -> anyhow::Result<PhaseStats>
    where
        Fut: Future<Output = anyhow::Result<PhaseStats>>,
    {
        eprintln!("  {}: {name} …", self.backend.as_str());
        if let Some(rss) = &self.rss {
            rss.take_peak_mib();
        }
        let before = CpuSnapshot::take(self.server_pid, self.database.as_deref());
        let stats = phase.await?;
        let cpu = before.until(&CpuSnapshot::take(
            self.server_pid,
            self.database.as_deref(),
        ));
        let row = Row {
            backend: self.backend.as_str(),
            phase: name.to_owned(),
            stats: stats.clone(),
            peak_rss_mib: self.rss.as_ref().map(RssSampler::take_peak_mib),
            cpu,
        };
        eprintln!("    {}", row.one_line());
        report.rows.push(row);
        Ok(stats)
    }

    #[must_use]
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}

/// Reads the whole answer (so the connection goes back to the pool) and labels it:
/// `expected` is [`Outcome::Ok`], anything else `"<status> <error code>"`.
pub async fn classify(result: reqwest::Result<reqwest::Response>, expected: StatusCode) -> Outcome {
    let response = match result {
        Ok(response) => response,
        Err(error) => return Outcome::Error(transport_label(&error)),
    };
    let status = response.status();
    let body = match response.bytes().await {
        Ok(body) => body,
        Err(error) => return Outcome::Error(transport_label(&error)),
    };
    if status == expected {
        return Outcome::Ok;
    }
    let code = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|json| json["error"]["code"].as_str().map(str::to_owned))
        .unwrap_or_default();
    Outcome::Error(format!("{} {code}", status.as_u16()).trim_end().to_owned())
}

/// A short name for a failure below HTTP (`timeout`, `connect`, …).
fn transport_label(error: &reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timeout"
    } else if error.is_connect() {
        "connect"
    } else if error.is_body() || error.is_decode() {
        "body"
    } else {
        "transport"
    };
    format!("{kind} error")
}
