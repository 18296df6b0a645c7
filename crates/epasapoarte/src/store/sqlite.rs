//! What is SQLite's own: one file in WAL mode, a single writer connection that every write
//! queues on (no busy-retry storms, SPEC §7) beside a small read-only pool, constraint
//! errors named in messages, and the two hottest writes as one round trip each
//! ([`one_trip`]).

use anyhow::Context;
use sqlx::Executor;
use sqlx::any::AnyPoolOptions;

use super::StoreError;
use super::sql::{Backend, SqlStore};

pub(crate) mod group_commit;
pub(crate) mod one_trip;

/// Opens (creating if needed) the database file of a `sqlite://PATH` URL.
pub async fn connect(url: &str) -> anyhow::Result<SqlStore> {
    sqlx::any::install_default_drivers();
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    if let Some(dir) = std::path::Path::new(path)
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
    {
        crate::private_files::create_dir(dir)
            .with_context(|| format!("creating {}", dir.display()))?;
    }
    // Personal data lives in it: the owner's only (issue 13). SQLite gives its -wal and
    // -shm files the database file's permissions.
    if !path.starts_with(':') && !path.contains("mode=memory") {
        crate::private_files::restrict(std::path::Path::new(path))
            .with_context(|| format!("restricting {path} to its owner"))?;
    }
    // sqlx's defaults already turn foreign keys on and wait 5 s on a busy file.
    // No ping before handing out a connection (sqlx's default): a local file cannot
    // hang up, and on the single writer the ping was one more trip per write.
    // No idle timeout or lifetime either: closing local connections buys nothing, and
    // sqlx 0.8's reaper that enforces them can spin a core forever on a race in its
    // idle count (launchbadge/sqlx#3645; seen here in CI). No reaper, no spin.
    let writer = AnyPoolOptions::new()
        .max_connections(1)
        .test_before_acquire(false)
        .idle_timeout(None)
        .max_lifetime(None)
        .after_connect(|conn, _| {
            Box::pin(async move {
                // NORMAL is durable against application crashes in WAL mode; a power cut
                // may lose the last transactions, which the SPEC's figures (§7) accept.
                conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
                    .await?;
                Ok(())
            })
        })
        .connect(&format!("sqlite://{path}?mode=rwc"))
        .await
        .with_context(|| format!("opening SQLite database {path}"))?;
    let reader = AnyPoolOptions::new()
        .max_connections(4)
        .test_before_acquire(false)
        .idle_timeout(None)
        .max_lifetime(None)
        .connect(&format!("sqlite://{path}?mode=ro"))
        .await
        .with_context(|| format!("opening SQLite database {path} for reading"))?;
    Ok(SqlStore {
        group_commit: group_commit::GroupCommit::new(writer.clone()),
        writer,
        reader,
        backend: Backend::Sqlite,
        release_delay: std::sync::RwLock::new(epasapoarte_domain::fair::ReleaseDelay {
            min: chrono::TimeDelta::zero(),
            max: chrono::TimeDelta::zero(),
        }),
    })
}

/// Maps the constraint errors that carry a meaning for the citizen.
pub(crate) fn classify(error: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &error {
        let message = db.message();
        if message.contains("booking_persons.cnp_hash") {
            return StoreError::CnpAlreadyBooked;
        }
        // A full slot fails the seat CHECK; a slot that does not exist leaves the
        // booking's slot_id NULL (see `one_trip.rs`).
        if message.contains("slots_taken_within_capacity")
            || message.contains("NOT NULL constraint failed: bookings.slot_id")
            || message.contains("NOT NULL constraint failed: booking_overflow.slot_id")
        {
            return StoreError::SlotFull;
        }
    }
    StoreError::Database(error)
}
