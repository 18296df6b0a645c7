//! `epasapoarte seed` — counties, the demo offices and their slots; safe to run again.

use std::path::PathBuf;

use crate::config::Config;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A TOML file with the same keys as the EPAS_* variables.
    #[arg(long)]
    pub config: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    crate::telemetry::init();
    let config = Config::load(args.config.as_deref())?;
    super::serve::runtime()?.block_on(async move {
        let store = crate::store::connect(config.database_url.expose()).await?;
        let report = crate::seed::seed(store.as_ref(), chrono::Utc::now()).await?;
        println!(
            "counties: {}, offices created: {}, slots created: {}",
            report.counties, report.offices_created, report.slots_created
        );
        Ok(())
    })
}
