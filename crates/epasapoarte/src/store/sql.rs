//! The one implementation of the store, for both backends. Where the dialects agree (both
//! take `$1` placeholders, `ON CONFLICT`, `RETURNING`, `CASE`, `COALESCE`), the SQL is
//! written once and runs through sqlx's `Any` driver; where they truly differ — taking
//! seats and confirming in one round trip, leasing rows under concurrency, the migrations
//! and their lock — [`sqlite`](super::sqlite) and [`postgres`](super::postgres) each keep
//! their own, and a `match` on [`Backend`] picks it, so the difference is read in one place.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::AnyPool;

use super::{Database, StoreResult, rows};

/// SQL, for a statement on `bookings`: the booking's confirmation request is no longer
/// waiting for the mail relay. Its 30 minutes start when that e-mail is handed over
/// (issue 13), so a pending booking is not due while it waits — unless the message can
/// never go out as it is (`undeliverable`: refused for good, a malformed address) or has
/// waited a day, 86,400,000 ms (a relay down that long must not hold seats for ever).
/// `$now` names the statement's parameter holding now (milliseconds).
macro_rules! confirm_request_out {
    ($now:literal) => {
        concat!(
            "NOT EXISTS (SELECT 1 FROM outbox o WHERE o.booking_id = bookings.id
                AND o.sent_at IS NULL AND o.undeliverable = false
                AND o.created_at > ",
            $now,
            " - 86400000)"
        )
    };
}
pub(crate) use confirm_request_out;

mod activity_hours;
mod applications;
mod booking_reads;
mod bookings;
mod counter;
mod declarations;
mod draws;
mod housekeeping;
mod invariants;
mod key_ring;
mod office_setup;
mod offices;
mod outbox;
mod proofs;
mod reconfirm;
mod reminders;
mod reports;
pub(crate) mod staff;
mod stats;
mod waitlist;

use bookings::{insert_outbox, insert_outbox_rows};

/// Which database a [`SqlStore`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct SqlStore {
    /// Where every write goes: SQLite's single writer connection (SQLite has one writer;
    /// queueing here beats busy-retry storms, SPEC §7), or the PostgreSQL pool.
    pub(crate) writer: AnyPool,
    /// SQLite's two hottest writes (creating and confirming a booking), queued for the
    /// writer and committed in groups (`sqlite/group_commit.rs`); unused on PostgreSQL.
    pub(crate) group_commit: super::sqlite::group_commit::GroupCommit,
    /// Where reads go: SQLite's read-only pool (WAL: readers never wait for the writer),
    /// or the same PostgreSQL pool.
    pub(crate) reader: AnyPool,
    pub(crate) backend: Backend,
    /// `EPAS_RELEASE_DELAY` as every release path reads it (`0-0` until the app sets it).
    pub(crate) release_delay: std::sync::RwLock<epasapoarte_domain::fair::ReleaseDelay>,
}

impl SqlStore {
    /// The pools (the writer, then the reader; the same pool twice on PostgreSQL), for
    /// checks of their settings.
    #[cfg(test)]
    pub(crate) fn pools(&self) -> [&AnyPool; 2] {
        [&self.writer, &self.reader]
    }

    /// Whether `error` is the violation of the unique constraint the backend reports as
    /// `sqlite` (its message names the column) or `postgres` (the constraint's name).
    pub(crate) fn violates(&self, error: &sqlx::Error, sqlite: &str, postgres: &str) -> bool {
        let sqlx::Error::Database(db) = error else {
            return false;
        };
        match self.backend {
            Backend::Sqlite => db.message().contains(sqlite),
            Backend::Postgres => db.constraint() == Some(postgres),
        }
    }
}

/// Slots written by one statement: 5 or 6 values each, well inside both backends' limits
/// on the values one statement may bind (SQLite 32,766, PostgreSQL 65,535).
pub(crate) const SLOTS_PER_STATEMENT: usize = 500;

/// `$first, $first+1, …` for `count` values: a list bound one value per placeholder
/// (`IN (…)`, multi-row `VALUES`), the same text on both backends. Callers bound `count`.
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `($first, …), ($first+width, …), …` for `rows` rows of `width` values.
pub(crate) fn value_rows(first: usize, rows: usize, width: usize) -> String {
    (0..rows)
        .map(|row| format!("({})", placeholders(first + row * width, width)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[async_trait]
impl Database for SqlStore {
    async fn migrate(&self) -> anyhow::Result<()> {
        match self.backend {
            Backend::Sqlite => super::migrations::run_sqlite(&self.writer).await,
            Backend::Postgres => super::migrations::run_postgres(&self.writer).await,
        }
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.reader).await?;
        Ok(())
    }

    fn backend(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }

    async fn record_key_check(&self, value: &[u8], now: DateTime<Utc>) -> StoreResult<Vec<u8>> {
        // Two instances starting at once: one row wins, both read it back.
        sqlx::query(
            "INSERT INTO key_check (id, value, created_at) VALUES (1, $1, $2)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(value)
        .bind(rows::millis(now))
        .execute(&self.writer)
        .await?;
        Ok(
            sqlx::query_scalar("SELECT value FROM key_check WHERE id = 1")
                .fetch_one(&self.writer)
                .await?,
        )
    }

    async fn has_key_check(&self) -> StoreResult<bool> {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM key_check WHERE id = 1")
            .fetch_optional(&self.reader)
            .await?;
        Ok(found.is_some())
    }

    async fn backup_into(&self, path: &str) -> anyhow::Result<()> {
        match self.backend {
            Backend::Sqlite => {
                sqlx::query("VACUUM INTO $1")
                    .bind(path)
                    .execute(&self.writer)
                    .await?;
                Ok(())
            }
            Backend::Postgres => anyhow::bail!(
                "`epasapoarte backup` copies a SQLite database; back PostgreSQL up with \
                 pg_basebackup and WAL archiving (README, \"Production\")"
            ),
        }
    }

    async fn a_sealed_value(&self) -> StoreResult<Option<Vec<u8>>> {
        for query in [
            "SELECT email_enc FROM bookings WHERE email_enc IS NOT NULL LIMIT 1",
            "SELECT cnp_enc FROM booking_persons WHERE cnp_enc IS NOT NULL LIMIT 1",
            "SELECT email_enc FROM waitlist_entries WHERE email_enc IS NOT NULL LIMIT 1",
        ] {
            let sealed: Option<Vec<u8>> = sqlx::query_scalar(query)
                .fetch_optional(&self.reader)
                .await?;
            if sealed.is_some() {
                return Ok(sealed);
            }
        }
        Ok(None)
    }
}
