//! The verdict after a fault: the real `epasapoarte audit --acknowledged FILE`, run on the
//! scenario's database with every id the rush was answered `201` for.

use std::process::{Command, Stdio};

use anyhow::{Context, bail};
use serde::Deserialize;

use super::Stage;
use crate::server::ScratchDir;

/// The counts `epasapoarte audit` prints (the fields we read).
#[derive(Debug, Clone, Copy, Default, Deserialize)]
pub struct Verdict {
    pub overbooked_slots: u64,
    pub overbooked_seats: u64,
    pub seat_mismatches: u64,
    pub duplicate_cnps: u64,
    pub pending_without_mail: u64,
    pub acknowledged: u64,
    pub lost: u64,
}

impl Verdict {
    pub fn overbooked(&self) -> u64 {
        self.overbooked_slots + self.overbooked_seats + self.seat_mismatches
    }
}

pub fn audit(stage: &Stage, acknowledged: &[String]) -> anyhow::Result<Verdict> {
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
    let verdict: Verdict = serde_json::from_str(line).context("reading the audit's report")?;
    if verdict.acknowledged != acknowledged.len() as u64 {
        bail!(
            "the audit read {} ids of {}",
            verdict.acknowledged,
            acknowledged.len()
        );
    }
    Ok(verdict)
}
