//! SQLite: the booking lifecycle. Every write runs on the single writer connection, in one
//! transaction, and relies on the schema's constraints (seat CHECK, one active booking per
//! CNP) rather than on a prior read.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use epasapoarte_domain::booking::BookingStatus;
use sqlx::{Sqlite, Transaction};

use super::booking_reads::load;
use super::{SqliteStore, one_trip};
use crate::store::rows;
use crate::store::*;

#[async_trait]
impl Bookings for SqliteStore {
    async fn create_booking(&self, booking: &NewBooking) -> StoreResult<()> {
        // One round trip: see `one_trip.rs`.
        one_trip::create_booking(&self.writer, booking).await
    }

    async fn booking_by_token(
        &self,
        purpose: TokenPurpose,
        token_hash: &[u8],
    ) -> StoreResult<Option<BookingRecord>> {
        let id: Option<String> = sqlx::query_scalar(
            "SELECT booking_id FROM booking_tokens WHERE hash = ? AND purpose = ?",
        )
        .bind(token_hash)
        .bind(purpose.as_str())
        .fetch_optional(&self.reader)
        .await?;
        match id {
            // WAL: a committed write is visible to every read that starts after it, so the
            // read pool serves a link opened right after booking without queueing behind
            // the single writer.
            Some(id) => load(&self.reader, &[id]).await.map(|mut found| found.pop()),
            None => Ok(None),
        }
    }

    async fn active_bookings_by_email(&self, email_hash: &[u8]) -> StoreResult<Vec<BookingRecord>> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM bookings WHERE email_hash = ? AND status IN ('pending', 'confirmed') ORDER BY created_at",
        )
        .bind(email_hash)
        .fetch_all(&self.reader)
        .await?;
        load(&self.reader, &ids).await
    }

    async fn confirm_booking(
        &self,
        booking_id: &str,
        now: DateTime<Utc>,
        cancel_token_hash: &[u8],
        outbox: &NewOutboxMessage,
    ) -> StoreResult<TransitionOutcome> {
        // The common case in one round trip (see `one_trip.rs`); the rest below.
        if one_trip::confirm_booking(
            &self.writer,
            booking_id,
            rows::millis(now),
            cancel_token_hash,
            outbox,
        )
        .await?
        {
            return Ok(TransitionOutcome::Done);
        }
        let mut tx = self.writer.begin().await?;
        // Not confirmable: a pending booking past its time expires here and now, so the
        // citizen is told "expired" and the seats return at once.
        if release(
            &mut tx,
            booking_id,
            "pending",
            "expired",
            now,
            None,
            Some(now),
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
        booking_id: &str,
        now: DateTime<Utc>,
        reason: &str,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<TransitionOutcome> {
        let mut tx = self.writer.begin().await?;
        for from in ["pending", "confirmed"] {
            if release(
                &mut tx,
                booking_id,
                from,
                "cancelled",
                now,
                Some(reason),
                None,
            )
            .await?
            {
                insert_outbox(&mut tx, outbox, now).await?;
                tx.commit().await?;
                return Ok(TransitionOutcome::Done);
            }
        }
        let status = current_status(&mut tx, booking_id).await?;
        tx.commit().await?;
        Ok(TransitionOutcome::Unchanged(status))
    }

    async fn expire_due(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<u64> {
        let mut tx = self.writer.begin().await?;
        let due: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM bookings WHERE status = 'pending' AND expires_at <= ? ORDER BY expires_at LIMIT ?",
        )
        .bind(rows::millis(now))
        .bind(i64::from(limit))
        .fetch_all(&mut *tx)
        .await?;
        let mut expired = 0;
        for id in &due {
            if release(&mut tx, id, "pending", "expired", now, None, Some(now)).await? {
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
        tokens: &[(String, TokenPurpose, Vec<u8>)],
        now: DateTime<Utc>,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        for (booking_id, purpose, hash) in tokens {
            insert_token(&mut tx, booking_id, *purpose, hash, now).await?;
        }
        insert_outbox(&mut tx, outbox, now).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Moves a booking `from` → `to` if it is still in `from`, and gives back its seats and
/// its CNPs' "active booking" marks. Returns whether this call made the change.
async fn release(
    tx: &mut Transaction<'_, Sqlite>,
    booking_id: &str,
    from: &str,
    to: &str,
    now: DateTime<Utc>,
    reason: Option<&str>,
    due_before: Option<DateTime<Utc>>,
) -> StoreResult<bool> {
    let released: Option<(i64, i64)> = sqlx::query_as(
        "UPDATE bookings SET status = ?, closed_at = ?, cancel_reason = ?
         WHERE id = ? AND status = ? AND (? IS NULL OR expires_at <= ?)
         RETURNING slot_id, persons",
    )
    .bind(to)
    .bind(rows::millis(now))
    .bind(reason)
    .bind(booking_id)
    .bind(from)
    .bind(due_before.map(rows::millis))
    .bind(due_before.map(rows::millis))
    .fetch_optional(&mut **tx)
    .await?;
    let Some((slot_id, persons)) = released else {
        return Ok(false);
    };
    sqlx::query("UPDATE slots SET taken = taken - ? WHERE id = ?")
        .bind(persons)
        .bind(slot_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE booking_persons SET holds = 0 WHERE booking_id = ?")
        .bind(booking_id)
        .execute(&mut **tx)
        .await?;
    Ok(true)
}

async fn current_status(
    tx: &mut Transaction<'_, Sqlite>,
    booking_id: &str,
) -> StoreResult<BookingStatus> {
    let status: Option<String> = sqlx::query_scalar("SELECT status FROM bookings WHERE id = ?")
        .bind(booking_id)
        .fetch_optional(&mut **tx)
        .await?;
    let status = status.ok_or(StoreError::NotFound)?;
    status
        .parse()
        .map_err(|_| StoreError::Corrupt(format!("booking status {status:?}")))
}

async fn insert_token(
    tx: &mut Transaction<'_, Sqlite>,
    booking_id: &str,
    purpose: TokenPurpose,
    hash: &[u8],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO booking_tokens (hash, booking_id, purpose, created_at) VALUES (?, ?, ?, ?)",
    )
    .bind(hash)
    .bind(booking_id)
    .bind(purpose.as_str())
    .bind(rows::millis(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(super) async fn insert_outbox(
    tx: &mut Transaction<'_, Sqlite>,
    message: &NewOutboxMessage,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO outbox (created_at, kind, payload, next_attempt_at) VALUES (?, ?, ?, ?)",
    )
    .bind(rows::millis(now))
    .bind(message.kind)
    .bind(&message.payload)
    .bind(rows::millis(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
