//! `epasapoarte serve [--demo]` — the web service.

use std::path::PathBuf;

use anyhow::Context;

use crate::app::{Application, Options, shutdown_signal};
use crate::config::Config;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A TOML file with the same keys as the EPAS_* variables (which override it).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Seed demo data into an empty database and write e-mails to files (never SMTP).
    #[arg(long)]
    pub demo: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    crate::telemetry::init();
    let mut config = Config::load(args.config.as_deref())?;
    if args.demo {
        // Demo mail never leaves the machine.
        config.smtp_url = None;
    }
    if let Some(sim) = config.sim_clock {
        tracing::warn!(
            scale = sim.scale,
            start = ?sim.start,
            "simulation clock on (EPAS_CLOCK_SCALE/EPAS_CLOCK_START): not for production"
        );
    }
    let clock = crate::config::sim_clock::clock_for(config.sim_clock);
    runtime()?.block_on(async move {
        let app = Application::build(
            config,
            Options {
                clock,
                demo: args.demo,
                ..Options::default()
            },
        )
        .await?;
        app.run_until(shutdown_signal()).await
    })
}

pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}
