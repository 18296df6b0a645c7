//! `epasapoarte draw run [--date D]`: runs the due draw(s) now (SPEC §8), exactly like the
//! background job would. Idempotent: a draw that has run says so and changes nothing.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::Subcommand;

use crate::clock::SystemClock;
use crate::config::Config;
use crate::metrics::Metrics;
use crate::service::BookingService;
use crate::store::DrawRun;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: DrawCommand,
    /// A TOML file with the same keys as the EPAS_* variables.
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum DrawCommand {
    /// Run the draws whose time has come (or only the one of `--date`).
    Run {
        /// The draw's day, `YYYY-MM-DD`.
        #[arg(long)]
        date: Option<NaiveDate>,
    },
}

pub fn run(args: Args) -> anyhow::Result<()> {
    crate::telemetry::init();
    let config = Config::load(args.config.as_deref())?;
    let DrawCommand::Run { date } = args.command;
    super::serve::runtime()?.block_on(async move {
        let store = crate::store::connect(config.database_url.expose()).await?;
        let secret = crate::app::secret_key(&config)?;
        let crypto = crate::app::key_ring::open(
            store.as_ref(),
            &secret,
            config.previous_secret_key.as_ref(),
            chrono::Utc::now(),
        )
        .await?;
        let service = BookingService::new(
            store,
            crypto,
            Arc::new(SystemClock),
            Arc::new(config),
            Arc::new(Metrics::default()),
        );
        run_draws(&service, date).await
    })
}

async fn run_draws(service: &BookingService, date: Option<NaiveDate>) -> anyhow::Result<()> {
    let draws = match date {
        Some(date) => {
            let Some(draw) = service.store.draw(date).await? else {
                bail!("there is no draw for {date}");
            };
            if draw.ran_at.is_none() && draw.closes_at > service.now() {
                bail!("the draw for {date} is not due before {}", draw.closes_at);
            }
            vec![draw]
        }
        None => service.store.due_draws(service.now()).await?,
    };
    if draws.is_empty() {
        println!("no draw is due");
    }
    for draw in draws {
        let run = service
            .run_draw(&draw)
            .await
            .map_err(anyhow::Error::new)
            .with_context(|| format!("running the draw for {}", draw.draw_date))?;
        match run {
            DrawRun::Ran => println!("{}\tdrawn", draw.draw_date),
            DrawRun::AlreadyRan => println!("{}\talready drawn", draw.draw_date),
            DrawRun::Stale => bail!(
                "the draw for {} met a seat or a CNP that changed meanwhile; run it again",
                draw.draw_date
            ),
        }
    }
    service.plan_public_slots().await?;
    Ok(())
}
