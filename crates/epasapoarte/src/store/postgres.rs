//! The production backend: PostgreSQL, shared by any number of `serve` instances. The pool
//! stays small (SPEC §7: lock queues grow past ~16 connections on hot slots), and the hot
//! writes are single statements so a booking costs one round trip.

use std::time::Duration;

use anyhow::Context;
use async_trait::async_trait;
use chrono::Utc;
use sqlx::postgres::{PgPool, PgPoolOptions};

use super::migrations::{CREATE_TABLE, POSTGRES};
use super::*;

mod applications;
mod booking_reads;
mod bookings;
mod counter;
mod housekeeping;
mod office_setup;
mod offices;
mod outbox;
mod reports;
mod staff;

pub struct PgStore {
    pool: PgPool,
}

/// A pooled connection idle longer than this is pinged before it is used.
const IDLE_CHECK_AFTER: Duration = Duration::from_secs(10);

/// Any number of instances may start at once; this lock makes them migrate one by one.
const MIGRATION_LOCK: i64 = 0x6570_6173_6d69_6772; // "epasmigr"

impl PgStore {
    pub async fn connect(url: &str) -> anyhow::Result<PgStore> {
        let pool = PgPoolOptions::new()
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
        Ok(PgStore { pool })
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

/// Maps the constraint errors that carry a meaning for the citizen.
fn classify(error: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &error {
        match db.constraint() {
            Some("booking_persons_one_active_per_cnp") => return StoreError::CnpAlreadyBooked,
            Some("slots_taken_within_capacity") => return StoreError::SlotFull,
            _ => {}
        }
    }
    StoreError::Database(error)
}

#[async_trait]
impl Database for PgStore {
    async fn migrate(&self) -> anyhow::Result<()> {
        let mut conn = self.pool.acquire().await?;
        sqlx::query("SELECT pg_advisory_lock($1)")
            .bind(MIGRATION_LOCK)
            .execute(&mut *conn)
            .await?;
        let result = async {
            sqlx::query(CREATE_TABLE).execute(&mut *conn).await?;
            for migration in POSTGRES {
                let applied: Option<i64> = sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
                    .bind(migration.version)
                    .fetch_optional(&mut *conn)
                    .await?;
                if applied.is_some() {
                    continue;
                }
                // raw_sql runs the whole file as one implicit transaction.
                let script = format!(
                    "BEGIN;\n{}\nINSERT INTO schema_migrations (version, name, applied_at) VALUES ({}, '{}', {});\nCOMMIT;",
                    migration.sql,
                    migration.version,
                    migration.name,
                    Utc::now().timestamp_millis()
                );
                // A plain &str runs unprepared (simple protocol): many statements, one transaction.
                sqlx::Executor::execute(&mut *conn, script.as_str())
                    .await
                    .with_context(|| format!("applying migration {} {}", migration.version, migration.name))?;
                tracing::info!(version = migration.version, name = migration.name, "migration applied");
            }
            anyhow::Ok(())
        }
        .await;
        sqlx::query("SELECT pg_advisory_unlock($1)")
            .bind(MIGRATION_LOCK)
            .execute(&mut *conn)
            .await?;
        result
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    fn backend(&self) -> &'static str {
        "postgres"
    }
}
