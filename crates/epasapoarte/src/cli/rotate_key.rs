//! `epasapoarte rotate-key`: seals every sealed value of the database again under a new
//! master key (issue 13 item 2). `EPAS_SECRET_KEY` is the new key, and
//! `EPAS_PREVIOUS_SECRET_KEY` the old one; instances serving meanwhile run with both
//! (they open with either and seal under the new one). Batches of rows per transaction,
//! each value replaced only if unchanged: safe while they serve, resumable, and a second
//! run changes nothing. At the end the key check value becomes the new key's, so an
//! instance on the old key alone is refused from then on.
//!
//! Prints one JSON line — rows sealed again per table, values that open with neither key
//! (never shown) — and exits non-zero if there were any. The hash key is not changed (the
//! README says why).

use std::path::PathBuf;

use anyhow::bail;

use crate::app::key_ring::{self, ROTATION_BATCH};
use crate::config::Config;
use crate::crypto::Crypto;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A TOML file with the same keys as the EPAS_* variables.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Rows read and written per transaction.
    #[arg(long, default_value_t = ROTATION_BATCH, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub batch: u32,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    crate::telemetry::init();
    let config = Config::load(args.config.as_deref())?;
    let (Some(new), Some(old)) = (&config.secret_key, &config.previous_secret_key) else {
        bail!(
            "rotate-key needs the new key in EPAS_SECRET_KEY and the old one in \
             EPAS_PREVIOUS_SECRET_KEY (README, \"Backups and the key\")"
        );
    };
    super::serve::runtime()?.block_on(async move {
        let store = crate::store::connect(config.database_url.expose()).await?;
        let now = chrono::Utc::now();
        let crypto = key_ring::open(store.as_ref(), new, Some(old), now).await?;
        let rotation = key_ring::rotate(store.as_ref(), &crypto, args.batch).await?;
        let switched = !rotation.still_changing
            && store
                .replace_key_check(&Crypto::key_check_value(old), &Crypto::key_check_value(new))
                .await?;
        let summary = serde_json::json!({
            "resealed": rotation.resealed,
            "unreadable": rotation.unreadable,
            "passes": rotation.passes,
            "key_check": if switched { "new" } else { "previous" },
        });
        println!("{summary}");
        if rotation.still_changing {
            bail!(
                "values sealed under the previous key were still being written after {} \
                 passes: an instance runs with the previous key alone. Restart every \
                 instance with both keys and run rotate-key again; the key check was left \
                 on the previous key",
                rotation.passes
            );
        }
        if !switched {
            bail!("the key check value could not be moved to the new key");
        }
        let unreadable = rotation.unreadable_values();
        if unreadable > 0 {
            bail!(
                "{unreadable} sealed values open with neither key (corrupt, or sealed under \
                 another key); everything else is under the new key"
            );
        }
        Ok(())
    })
}
