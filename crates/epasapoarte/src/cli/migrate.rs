//! `epasapoarte migrate` — apply the schema migrations (serve also does it at start).

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
        println!("migrations applied ({})", store.backend());
        Ok(())
    })
}
