//! The booking lifecycle. Every write is one transaction on the writer and relies on the
//! schema's constraints (seat CHECK, one active booking per CNP) rather than on a prior
//! read. The two hottest writes — creating and confirming — are one round trip each, done
//! the way each backend does that best (a multi-statement run on SQLite's writer thread,
//! data-modifying CTEs on PostgreSQL); the rest is written once.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use epasapoarte_domain::booking::BookingStatus;
use sqlx::{Any, Transaction};

use super::{Backend, SqlStore, booking_reads};
use crate::ids::{BookingId, TokenHash};
use crate::store::rows;
use crate::store::*;
use crate::store::{postgres, sqlite};

#[async_trait]
impl Bookings for SqlStore {
    async fn create_booking(&self, booking: &NewBooking) -> StoreResult<()> {
        self.create(booking, None).await
    }

    async fn create_booking_replacing(
        &self,
        booking: &NewBooking,
        replaced: &BookingId,
    ) -> StoreResult<()> {
        self.create(booking, Some(replaced)).await
    }

    async fn replaceable_pending(
        &self,
        cnp_hashes: &[Vec<u8>],
        since: DateTime<Utc>,
    ) -> StoreResult<Option<Replaceable>> {
        booking_reads::replaceable_pending(&self.reader, cnp_hashes, since).await
    }

    async fn booking_by_token(
        &self,
        purpose: TokenPurpose,
        token_hash: &TokenHash,
    ) -> StoreResult<Option<BookingRecord>> {
        // On SQLite the read pool serves a link opened right after booking: in WAL mode a
        // committed write is visible to every read that starts after it.
        booking_reads::by_token(&self.reader, purpose, token_hash).await
    }

    async fn active_bookings_by_email(&self, email_hash: &[u8]) -> StoreResult<Vec<BookingRecord>> {
        booking_reads::active_by_email(&self.reader, email_hash).await
    }

    async fn confirm_booking(
        &self,
        booking_id: &BookingId,
        now: DateTime<Utc>,
        cancel_token_hash: &TokenHash,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<TransitionOutcome> {
        // The common case in one round trip; the rest below.
        let confirmed = match self.backend {
            Backend::Sqlite => {
                let now = rows::millis(now);
                sqlite::one_trip::confirm_booking(
                    &self.group_commit,
                    booking_id,
                    now,
                    cancel_token_hash,
                    outbox,
                )
                .await?
            }
            Backend::Postgres => {
                postgres::bookings::confirm_booking(
                    &self.writer,
                    booking_id,
                    now,
                    cancel_token_hash,
                    outbox,
                )
                .await?
            }
        };
        if confirmed {
            return Ok(TransitionOutcome::Done);
        }
        let mut tx = self.writer.begin().await?;
        // Not confirmable: a pending booking past its time expires here and now, so the
        // citizen is told "expired" and the seats return at once.
        if release(
            self,
            &mut tx,
            booking_id,
            Release::DuePending,
            "expired",
            now,
            None,
        )
        .await?
        {
            tx.commit().await?;
            return Ok(TransitionOutcome::Unchanged(BookingStatus::Expired));
        }
        let status = current_status(&mut tx, booking_id).await?;
        tx.commit().await?;
        Ok(TransitionOutcome::Unchanged(status))
    }

    async fn cancel_booking(
        &self,
        booking_id: &BookingId,
        now: DateTime<Utc>,
        reason: &str,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<TransitionOutcome> {
        let mut tx = self.writer.begin().await?;
        let released = release(
            self,
            &mut tx,
            booking_id,
            Release::Active,
            "cancelled",
            now,
            Some(reason),
        )
        .await?;
        if released {
            insert_outbox(&mut tx, outbox, now).await?;
            tx.commit().await?;
            return Ok(TransitionOutcome::Done);
        }
        let status = current_status(&mut tx, booking_id).await?;
        tx.commit().await?;
        Ok(TransitionOutcome::Unchanged(status))
    }

    async fn expire_due(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<u64> {
        if self.backend == Backend::Postgres && self.release_delay().max.is_zero() {
            // Several instances expire at once: see the statement's SKIP LOCKED. (With a
            // release delay the seats go through `give_back` below instead; the
            // conditional UPDATE in `release` keeps that single-winner too.)
            return postgres::bookings::expire_due(&self.writer, now, limit).await;
        }
        let mut tx = self.writer.begin().await?;
        let due: Vec<BookingId> = sqlx::query_scalar(concat!(
            "SELECT id FROM bookings WHERE status = 'pending' AND expires_at <= $1 AND ",
            confirm_request_out!("$1"),
            " ORDER BY expires_at LIMIT $2"
        ))
        .bind(rows::millis(now))
        .bind(i64::from(limit))
        .fetch_all(&mut *tx)
        .await?;
        let mut expired = 0;
        for id in &due {
            if release(self, &mut tx, id, Release::DuePending, "expired", now, None).await? {
                expired += 1;
            }
        }
        tx.commit().await?;
        Ok(expired)
    }

    async fn release_past_holds(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        self.release_past(before).await
    }

    async fn purge_personal_data(
        &self,
        before: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<u64> {
        self.purge(before, now).await
    }

    async fn add_tokens_with_message(
        &self,
        tokens: &[(BookingId, TokenPurpose, TokenHash)],
        now: DateTime<Utc>,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        for (booking_id, purpose, hash) in tokens {
            sqlx::query(
                "INSERT INTO booking_tokens (hash, booking_id, purpose, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(hash)
            .bind(booking_id)
            .bind(purpose.as_str())
            .bind(rows::millis(now))
            .execute(&mut *tx)
            .await?;
        }
        insert_outbox(&mut tx, outbox, now).await?;
        tx.commit().await?;
        Ok(())
    }
}

impl SqlStore {
    /// Creates a booking (replacing the family's unconfirmed one when asked), each backend
    /// in its one-trip way.
    async fn create(&self, booking: &NewBooking, replacing: Option<&BookingId>) -> StoreResult<()> {
        let created = match (self.backend, replacing) {
            (Backend::Sqlite, _) => {
                sqlite::one_trip::create_booking(&self.group_commit, booking, replacing).await
            }
            (Backend::Postgres, None) if booking.overflow.is_empty() => {
                postgres::bookings::create_booking(&self.writer, booking).await
            }
            (Backend::Postgres, _) => {
                postgres::bookings::create_booking_in_transaction(&self.writer, booking, replacing)
                    .await
            }
        };
        // The write refuses a cooling-off CNP the way it refuses a full slot (it takes no
        // seat); only then, rarely, a read tells the two apart.
        if let Err(StoreError::SlotFull) = created
            && booking.refuse_cooling_off
        {
            let hashes: Vec<Vec<u8>> = booking.persons.iter().map(|p| p.cnp_hash.clone()).collect();
            if self
                .cooling_until(&hashes, booking.created_at)
                .await?
                .is_some()
            {
                return Err(StoreError::CnpCoolingOff);
            }
        }
        created
    }
}

/// Which bookings a release may move.
#[derive(Clone, Copy)]
pub(super) enum Release {
    /// Pending, and past its time to confirm.
    DuePending,
    /// Pending or confirmed.
    Active,
    /// Confirmed, asked to reconfirm, and past the deadline without an answer.
    NotReconfirmed,
}

/// Moves a booking to `to` if it is still as `from` says (the conditional UPDATE makes
/// this single-winner), and gives back its seats and its CNPs' "active booking" marks.
/// Returns whether this call made the change.
pub(super) async fn release(
    store: &SqlStore,
    tx: &mut Transaction<'_, Any>,
    booking_id: &BookingId,
    from: Release,
    to: &str,
    now: DateTime<Utc>,
    reason: Option<&str>,
) -> StoreResult<bool> {
    let sql = match from {
        Release::DuePending => concat!(
            "UPDATE bookings SET status = $1, closed_at = $2, cancel_reason = $3
             WHERE id = $4 AND status = 'pending' AND expires_at <= $2 AND ",
            confirm_request_out!("$2"),
            " RETURNING slot_id, persons"
        ),
        Release::Active => {
            "UPDATE bookings SET status = $1, closed_at = $2, cancel_reason = $3
             WHERE id = $4 AND status IN ('pending', 'confirmed')
             RETURNING slot_id, persons"
        }
        Release::NotReconfirmed => {
            "UPDATE bookings SET status = $1, closed_at = $2, cancel_reason = $3
             WHERE id = $4 AND status = 'confirmed' AND reconfirmed_at IS NULL
               AND reconfirm_by IS NOT NULL AND reconfirm_by <= $2
             RETURNING slot_id, persons"
        }
    };
    let released: Option<(i64, i64)> = sqlx::query_as(sql)
        .bind(to)
        .bind(rows::millis(now))
        .bind(reason)
        .bind(booking_id)
        .fetch_optional(&mut **tx)
        .await?;
    let Some((slot_id, persons)) = released else {
        return Ok(false);
    };
    store
        .give_back_booking(tx, booking_id, slot_id, persons, now)
        .await?;
    sqlx::query("UPDATE booking_persons SET holds = false WHERE booking_id = $1")
        .bind(booking_id)
        .execute(&mut **tx)
        .await?;
    Ok(true)
}

async fn current_status(
    tx: &mut Transaction<'_, Any>,
    booking_id: &BookingId,
) -> StoreResult<BookingStatus> {
    let status: Option<String> = sqlx::query_scalar("SELECT status FROM bookings WHERE id = $1")
        .bind(booking_id)
        .fetch_optional(&mut **tx)
        .await?;
    let status = status.ok_or(StoreError::NotFound)?;
    status
        .parse()
        .map_err(|_| StoreError::Corrupt(format!("booking status {status:?}")))
}

/// Queues an e-mail in the caller's transaction: it is sent if and only if the change
/// that causes it commits.
pub(super) async fn insert_outbox(
    tx: &mut Transaction<'_, Any>,
    message: &NewOutboxMessage,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    insert_outbox_rows(tx, &[message], now).await
}

/// Several e-mails in one statement, as [`insert_outbox`] queues one (a draw's losers).
pub(super) async fn insert_outbox_rows(
    tx: &mut Transaction<'_, Any>,
    messages: &[&NewOutboxMessage],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    if messages.is_empty() {
        return Ok(());
    }
    let values: Vec<String> = (0..messages.len())
        .map(|i| format!("($1, ${}, ${}, $1)", 2 + 2 * i, 3 + 2 * i))
        .collect();
    let sql = format!(
        "INSERT INTO outbox (created_at, kind, payload, next_attempt_at) VALUES {}",
        values.join(", ")
    );
    let mut query = sqlx::query(&sql).bind(rows::millis(now));
    for message in messages {
        query = query.bind(message.kind).bind(&message.payload);
    }
    query.execute(&mut **tx).await?;
    Ok(())
}
