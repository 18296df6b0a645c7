//! `epasapoarte backup --to FILE` — a consistent copy of the SQLite database, taken while
//! the service runs (`VACUUM INTO`: one read transaction, so bookings written meanwhile are
//! either wholly in it or not at all), owner-only like the database, then checked
//! (`PRAGMA integrity_check`). The key is never in it: a restore needs the backup and the
//! key kept apart (`data/secret.key` or `EPAS_SECRET_KEY`), and a wrong key is refused at
//! start (the key check, issue 13). PostgreSQL: pg_basebackup and WAL archiving.

use std::path::PathBuf;

use anyhow::{Context, bail};

use crate::config::Config;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A TOML file with the same keys as the EPAS_* variables.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// The backup file to write; it must not exist.
    #[arg(long)]
    pub to: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    crate::telemetry::init();
    let config = Config::load(args.config.as_deref())?;
    if config.is_postgres() {
        bail!(
            "`epasapoarte backup` copies a SQLite database; back PostgreSQL up with \
             pg_basebackup and WAL archiving (README, \"Production\")"
        );
    }
    let to = args.to;
    if to.exists() {
        bail!("{} exists: a backup never overwrites a file", to.display());
    }
    let Some(path) = to.to_str().map(str::to_owned) else {
        bail!("the backup path must be valid UTF-8");
    };
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::private_files::create_dir(dir)
            .with_context(|| format!("creating {}", dir.display()))?;
    }
    // Created empty and owner-only first: VACUUM INTO fills an empty file as it is.
    crate::private_files::write_new(&to, &[])
        .with_context(|| format!("creating {}", to.display()))?;
    let written = super::serve::runtime()?.block_on(async {
        let store = crate::store::connect(config.database_url.expose()).await?;
        store.backup_into(&path).await?;
        integrity(&path).await
    });
    match written {
        Ok(bookings) => {
            let bytes = std::fs::metadata(&to).map(|m| m.len()).unwrap_or(0);
            println!(
                "backup written to {} ({bytes} bytes, integrity ok, {bookings} bookings). \
                 The key is not in it: keep data/secret.key (or EPAS_SECRET_KEY) safe, \
                 apart; a restore needs both.",
                to.display()
            );
            Ok(())
        }
        Err(error) => {
            let _ = std::fs::remove_file(&to);
            Err(error)
        }
    }
}

/// Opens the copy read-only: SQLite's integrity check must say `ok`; returns its bookings.
async fn integrity(path: &str) -> anyhow::Result<i64> {
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&format!("sqlite://{path}?mode=ro"))
        .await
        .context("opening the backup")?;
    let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await?;
    if verdict != "ok" {
        bail!("the backup failed SQLite's integrity check: {verdict}");
    }
    let bookings: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bookings")
        .fetch_one(&pool)
        .await?;
    pool.close().await;
    Ok(bookings)
}
