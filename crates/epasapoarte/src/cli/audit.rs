//! `epasapoarte audit [--acknowledged FILE] [--from D]` — the invariants a fault must
//! leave intact (issue 13), read from the database: no slot over capacity, every slot's
//! counter equal to the seats its bookings hold, one active booking per CNP, every pending
//! booking's confirmation request in the outbox, and every booking in FILE (the ids a
//! client was answered 201 for, one per line) present. Prints one JSON object; exits 1
//! when an invariant is broken. Reads only, and nothing sealed: safe while the service
//! runs.

use std::path::PathBuf;

use anyhow::{Context, bail};
use chrono::NaiveDate;

use crate::config::Config;
use crate::ids::BookingId;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A TOML file with the same keys as the EPAS_* variables.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Booking ids a client was told were saved, one per line: each must be there.
    #[arg(long)]
    pub acknowledged: Option<PathBuf>,
    /// Audit the slots of this day (`YYYY-MM-DD`) and later; default today in Romania.
    #[arg(long)]
    pub from: Option<NaiveDate>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    crate::telemetry::init();
    let config = Config::load(args.config.as_deref())?;
    let acknowledged = match &args.acknowledged {
        Some(path) => read_ids(path)?,
        None => Vec::new(),
    };
    let from = args.from.unwrap_or_else(|| {
        chrono::Utc::now()
            .with_timezone(&chrono_tz::Europe::Bucharest)
            .date_naive()
    });
    let report = super::serve::runtime()?.block_on(async {
        let store = crate::store::connect(config.database_url.expose()).await?;
        store
            .audit_invariants(from, &acknowledged)
            .await
            .context("auditing the database")
    })?;
    println!("{}", serde_json::to_string(&report)?);
    if !report.holds() {
        bail!("an invariant is broken (see the counts above)");
    }
    Ok(())
}

/// The booking ids of `path`, one per line (blank lines skipped); a line that is not an
/// id is refused with its line number, never echoed.
fn read_ids(path: &std::path::Path) -> anyhow::Result<Vec<BookingId>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            BookingId::parse(line.trim())
                .with_context(|| format!("{} line {}: not a booking id", path.display(), n + 1))
        })
        .collect()
}
