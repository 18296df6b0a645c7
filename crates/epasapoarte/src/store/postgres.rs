//! What is PostgreSQL's own: one small pool shared by reads and writes of any number of
//! `serve` instances (SPEC §7: lock queues grow past ~16 connections on hot slots),
//! constraint errors named by constraint, and the hot writes as single statements
//! ([`bookings`]) so a booking costs one round trip.

use std::time::Duration;

use anyhow::Context;
use sqlx::any::AnyPoolOptions;

use super::StoreError;
use super::sql::{Backend, SqlStore};

pub(crate) mod bookings;

/// A pooled connection idle longer than this is pinged before it is used.
const IDLE_CHECK_AFTER: Duration = Duration::from_secs(10);

pub async fn connect(url: &str) -> anyhow::Result<SqlStore> {
    sqlx::any::install_default_drivers();
    let pool = AnyPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(5))
        // sqlx 0.8's reaper (idle timeout, max lifetime, min connections) can spin a
        // core forever on a race in its idle count (launchbadge/sqlx#3645, seen here
        // on SQLite in CI): none of them, so no reaper. Connections stay open; one
        // idle long enough to have been dropped is pinged before use (below).
        .idle_timeout(None)
        .max_lifetime(None)
        // sqlx pings every connection it hands out by default: one more round trip
        // per query. Only a connection idle for a while can have been dropped by the
        // server or the network, so only such a one is checked.
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for > IDLE_CHECK_AFTER {
                    sqlx::Connection::ping(conn).await?;
                }
                Ok(true)
            })
        })
        .connect(url)
        .await
        .context("connecting to PostgreSQL (EPAS_DATABASE_URL)")?;
    Ok(SqlStore {
        // Never used: PostgreSQL has many writers and commits each booking on its own.
        group_commit: super::sqlite::group_commit::GroupCommit::new(pool.clone()),
        writer: pool.clone(),
        reader: pool,
        backend: Backend::Postgres,
        release_delay: std::sync::RwLock::new(epasapoarte_domain::fair::ReleaseDelay {
            min: chrono::TimeDelta::zero(),
            max: chrono::TimeDelta::zero(),
        }),
    })
}

/// Maps the constraint errors that carry a meaning for the citizen.
pub(crate) fn classify(error: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &error {
        match db.constraint() {
            Some("booking_persons_one_active_per_cnp") => return StoreError::CnpAlreadyBooked,
            Some("slots_taken_within_capacity") => return StoreError::SlotFull,
            _ => {}
        }
    }
    StoreError::Database(error)
}
