//! The verdict after a fault: the real `epasapoarte audit --acknowledged FILE`, run on the
//! scenario's database with every id the rush was answered `201` for.

use std::process::{Command, Stdio};

use anyhow::{Context, bail};
use epasapoarte::store::InvariantReport;

use super::Stage;
use crate::server::ScratchDir;

/// Seats beyond capacity, slots over capacity and counter mismatches, as one count.
pub fn overbooked(report: &InvariantReport) -> u64 {
    report.overbooked_slots + report.overbooked_seats + report.seat_mismatches
}

pub fn audit(stage: &Stage, acknowledged: &[String]) -> anyhow::Result<InvariantReport> {
    let scratch = ScratchDir::new("audit")?;
    let file = scratch.path().join("acknowledged.txt");
    std::fs::write(&file, acknowledged.join("\n")).context("writing the acknowledged ids")?;
    let mut command = Command::new(&stage.binary);
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("EPAS_") {
            command.env_remove(&name);
        }
    }
    let output = command
        .arg("audit")
        .arg("--acknowledged")
        .arg(&file)
        .env("EPAS_DATABASE_URL", &stage.database_url)
        .env("EPAS_SECRET_KEY", &stage.key)
        .env("EPAS_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .context("running epasapoarte audit")?;
    // Exit 1 means an invariant is broken: the counts say which, so read them anyway.
    let stdout = String::from_utf8_lossy(&output.stdout);
    let Some(line) = stdout.lines().rev().find(|line| line.starts_with('{')) else {
        bail!(
            "epasapoarte audit printed no report ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    };
    let verdict: InvariantReport =
        serde_json::from_str(line).context("reading the audit's report")?;
    if verdict.acknowledged != acknowledged.len() as u64 {
        bail!(
            "the audit read {} ids of {}",
            verdict.acknowledged,
            acknowledged.len()
        );
    }
    Ok(verdict)
}
