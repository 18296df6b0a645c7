//! The embedded default backend: one SQLite file in WAL mode. SQLite has a single writer,
//! so every write goes through a one-connection pool (no busy-retry storms, SPEC §7) and
//! reads through a small pool of their own.

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use async_trait::async_trait;
use chrono::Utc;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use super::migrations::{CREATE_TABLE, SQLITE};
use super::*;

mod applications;
mod booking_reads;
mod bookings;
mod counter;
mod housekeeping;
mod office_setup;
mod offices;
mod one_trip;
mod outbox;
mod reports;
mod staff;

pub struct SqliteStore {
    writer: SqlitePool,
    reader: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database file of a `sqlite://PATH` URL.
    pub async fn connect(url: &str) -> anyhow::Result<SqliteStore> {
        let path = url
            .trim_start_matches("sqlite://")
            .trim_start_matches("sqlite:");
        if let Some(dir) = std::path::Path::new(path)
            .parent()
            .filter(|dir| !dir.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let options = SqliteConnectOptions::from_str(&format!("sqlite://{path}"))
            .context("parsing EPAS_DATABASE_URL")?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // NORMAL is durable against application crashes in WAL mode; a power cut may
            // lose the last transactions, which the SPEC's figures (§7) accept.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        // No ping before handing out a connection (sqlx's default): a local file cannot
        // hang up, and on the single writer the ping was one more trip per write.
        // No idle timeout or lifetime either: closing local connections buys nothing, and
        // sqlx 0.8's reaper that enforces them can spin a core forever on a race in its
        // idle count (launchbadge/sqlx#3645; seen here in CI). No reaper, no spin.
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .test_before_acquire(false)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options.clone())
            .await
            .with_context(|| format!("opening SQLite database {path}"))?;
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .test_before_acquire(false)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options.read_only(true))
            .await
            .with_context(|| format!("opening SQLite database {path} for reading"))?;
        Ok(SqliteStore { writer, reader })
    }

    /// Both pools (the writer, then the readers), for checks of their settings.
    #[cfg(test)]
    pub(crate) fn pools(&self) -> [&SqlitePool; 2] {
        [&self.writer, &self.reader]
    }
}

/// Maps the constraint errors that carry a meaning for the citizen.
fn classify(error: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &error {
        let message = db.message();
        if message.contains("booking_persons.cnp_hash") {
            return StoreError::CnpAlreadyBooked;
        }
        // A full slot fails the seat CHECK; a slot that does not exist leaves the
        // booking's slot_id NULL (see `one_trip.rs`).
        if message.contains("slots_taken_within_capacity")
            || message.contains("NOT NULL constraint failed: bookings.slot_id")
        {
            return StoreError::SlotFull;
        }
    }
    StoreError::Database(error)
}

#[async_trait]
impl Database for SqliteStore {
    async fn migrate(&self) -> anyhow::Result<()> {
        sqlx::query(CREATE_TABLE).execute(&self.writer).await?;
        for migration in SQLITE {
            let mut tx = self.writer.begin().await?;
            let applied: Option<i64> =
                sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = ?")
                    .bind(migration.version)
                    .fetch_optional(&mut *tx)
                    .await?;
            if applied.is_some() {
                continue;
            }
            // A plain &str runs unprepared, so a file may hold many statements.
            sqlx::Executor::execute(&mut *tx, migration.sql)
                .await
                .with_context(|| {
                    format!(
                        "applying migration {} {}",
                        migration.version, migration.name
                    )
                })?;
            sqlx::query(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            )
            .bind(migration.version)
            .bind(migration.name)
            .bind(Utc::now().timestamp_millis())
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            tracing::info!(
                version = migration.version,
                name = migration.name,
                "migration applied"
            );
        }
        Ok(())
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.reader).await?;
        Ok(())
    }

    fn backend(&self) -> &'static str {
        "sqlite"
    }
}
