//! PostgreSQL: the booking lifecycle. The hot paths are single statements (data-modifying
//! CTEs): one round trip, one implicit transaction, and the constraints (seat CHECK, one
//! active booking per CNP) decide races — row locks make every transition single-winner.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use epasapoarte_domain::booking::BookingStatus;
use sqlx::PgPool;

use super::booking_reads::load;
use super::{PgStore, booking_reads, classify};
use crate::store::rows;
use crate::store::*;

#[async_trait]
impl Bookings for PgStore {
    async fn create_booking(&self, booking: &NewBooking) -> StoreResult<()> {
        // Persons in CNP-hash order: two bookings sharing CNPs then wait on each other in
        // the same order, so they cannot deadlock on the unique index.
        // Each keeps its position in the booking (the order the citizen entered them).
        let mut persons: Vec<(i64, &SealedPerson)> = (1..).zip(&booking.persons).collect();
        persons.sort_by(|(_, a), (_, b)| a.cnp_hash.cmp(&b.cnp_hash));
        let count = i64::try_from(persons.len()).unwrap_or(i64::MAX);
        let now = rows::millis(booking.created_at);
        let seated: i64 = sqlx::query_scalar(
            "WITH seat AS (
                 UPDATE slots SET taken = taken + $1
                 WHERE office_id = $2 AND date = $3 AND time = $4 AND taken + $1 <= capacity
                 RETURNING id
             ), booking AS (
                 INSERT INTO bookings (id, office_id, slot_id, service, persons, status, created_at, expires_at,
                                       email_hash, email_enc, phone_enc, consent_at, consent_policy, lang)
                 SELECT $5, $2, seat.id, $6, $1, 'pending', $7, $8, $9, $10, $11, $7, $12, $13 FROM seat
                 RETURNING id
             ), people AS (
                 INSERT INTO booking_persons (booking_id, position, last_name_enc, first_name_enc, cnp_enc, cnp_hash, holds)
                 SELECT booking.id, p.position, p.last_name, p.first_name, p.cnp, p.cnp_hash, true
                 FROM booking, UNNEST($14::bigint[], $15::bytea[], $16::bytea[], $17::bytea[], $18::bytea[])
                      AS p (position, last_name, first_name, cnp, cnp_hash)
             ), token AS (
                 INSERT INTO booking_tokens (hash, booking_id, purpose, created_at)
                 SELECT $19, booking.id, 'confirm', $7 FROM booking
             ), message AS (
                 INSERT INTO outbox (created_at, kind, payload, next_attempt_at)
                 SELECT $7, $20, $21, $7 FROM booking
             )
             SELECT count(*) FROM seat",
        )
        .bind(count)
        .bind(booking.office_id)
        .bind(rows::date_text(booking.date))
        .bind(rows::time_text(booking.time))
        .bind(&booking.id)
        .bind(booking.service.as_str())
        .bind(now)
        .bind(rows::millis(booking.expires_at))
        .bind(&booking.email_hash)
        .bind(&booking.email)
        .bind(&booking.phone)
        .bind(&booking.consent_policy)
        .bind(&booking.lang)
        .bind(persons.iter().map(|(at, _)| *at).collect::<Vec<i64>>())
        .bind(persons.iter().map(|(_, p)| p.last_name.clone()).collect::<Vec<_>>())
        .bind(persons.iter().map(|(_, p)| p.first_name.clone()).collect::<Vec<_>>())
        .bind(persons.iter().map(|(_, p)| p.cnp.clone()).collect::<Vec<_>>())
        .bind(persons.iter().map(|(_, p)| p.cnp_hash.clone()).collect::<Vec<_>>())
        .bind(&booking.confirm_token_hash)
        .bind(booking.outbox.kind)
        .bind(&booking.outbox.payload)
        .fetch_one(&self.pool)
        .await
        .map_err(classify)?;
        if seated == 1 {
            Ok(())
        } else {
            Err(StoreError::SlotFull)
        }
    }

    async fn booking_by_token(
        &self,
        purpose: TokenPurpose,
        token_hash: &[u8],
    ) -> StoreResult<Option<BookingRecord>> {
        booking_reads::by_token(&self.pool, purpose, token_hash).await
    }

    async fn active_bookings_by_email(&self, email_hash: &[u8]) -> StoreResult<Vec<BookingRecord>> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM bookings WHERE email_hash = $1 AND status IN ('pending', 'confirmed') ORDER BY created_at",
        )
        .bind(email_hash)
        .fetch_all(&self.pool)
        .await?;
        load(&self.pool, &ids).await
    }

    async fn confirm_booking(
        &self,
        booking_id: &str,
        now: DateTime<Utc>,
        cancel_token_hash: &[u8],
        outbox: &NewOutboxMessage,
    ) -> StoreResult<TransitionOutcome> {
        let confirmed: i64 = sqlx::query_scalar(
            "WITH confirmed AS (
                 UPDATE bookings SET status = 'confirmed', confirmed_at = $2
                 WHERE id = $1 AND status = 'pending' AND expires_at > $2
                 RETURNING id
             ), token AS (
                 INSERT INTO booking_tokens (hash, booking_id, purpose, created_at)
                 SELECT $3, id, 'cancel', $2 FROM confirmed
             ), message AS (
                 INSERT INTO outbox (created_at, kind, payload, next_attempt_at)
                 SELECT $2, $4, $5, $2 FROM confirmed
             )
             SELECT count(*) FROM confirmed",
        )
        .bind(booking_id)
        .bind(rows::millis(now))
        .bind(cancel_token_hash)
        .bind(outbox.kind)
        .bind(&outbox.payload)
        .fetch_one(&self.pool)
        .await?;
        if confirmed == 1 {
            return Ok(TransitionOutcome::Done);
        }
        // Not confirmable: a pending booking past its time expires here and now, so the
        // citizen is told "expired" and the seats return at once.
        if release(
            &self.pool, booking_id, "pending", "expired", now, None, true,
        )
        .await?
        {
            return Ok(TransitionOutcome::Unchanged(BookingStatus::Expired));
        }
        Ok(TransitionOutcome::Unchanged(
            current_status(&self.pool, booking_id).await?,
        ))
    }

    async fn cancel_booking(
        &self,
        booking_id: &str,
        now: DateTime<Utc>,
        reason: &str,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<TransitionOutcome> {
        let mut tx = self.pool.begin().await?;
        let released = release_in(
            &mut tx,
            booking_id,
            &["pending", "confirmed"],
            "cancelled",
            now,
            Some(reason),
            false,
        )
        .await?;
        if released {
            sqlx::query("INSERT INTO outbox (created_at, kind, payload, next_attempt_at) VALUES ($1, $2, $3, $1)")
                .bind(rows::millis(now))
                .bind(outbox.kind)
                .bind(&outbox.payload)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            return Ok(TransitionOutcome::Done);
        }
        tx.commit().await?;
        Ok(TransitionOutcome::Unchanged(
            current_status(&self.pool, booking_id).await?,
        ))
    }

    async fn expire_due(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<u64> {
        // SKIP LOCKED: a booking being confirmed (or expired by another instance) right
        // now is left alone; whichever holds the row lock decides its fate, exactly once.
        // MATERIALIZED: the locking pick runs once. As an `IN (subquery)` the planner may
        // rescan it, and a rescan over bookings due at the same instant can pick other rows,
        // expiring more than `limit`.
        let expired: i64 = sqlx::query_scalar(
            "WITH due AS MATERIALIZED (
                 SELECT id FROM bookings WHERE status = 'pending' AND expires_at <= $1
                 ORDER BY expires_at, id LIMIT $2 FOR UPDATE SKIP LOCKED
             ), expired AS (
                 UPDATE bookings SET status = 'expired', closed_at = $1
                 FROM due WHERE bookings.id = due.id AND bookings.status = 'pending'
                 RETURNING bookings.id, bookings.slot_id, bookings.persons
             ), seats AS (
                 UPDATE slots SET taken = slots.taken - freed.persons
                 FROM (SELECT slot_id, sum(persons) AS persons FROM expired GROUP BY slot_id) AS freed
                 WHERE slots.id = freed.slot_id
             ), people AS (
                 UPDATE booking_persons SET holds = false WHERE booking_id IN (SELECT id FROM expired)
             )
             SELECT count(*) FROM expired",
        )
        .bind(rows::millis(now))
        .bind(i64::from(limit))
        .fetch_one(&self.pool)
        .await?;
        Ok(u64::try_from(expired).unwrap_or(0))
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
        let mut tx = self.pool.begin().await?;
        for (booking_id, purpose, hash) in tokens {
            sqlx::query("INSERT INTO booking_tokens (hash, booking_id, purpose, created_at) VALUES ($1, $2, $3, $4)")
                .bind(hash)
                .bind(booking_id)
                .bind(purpose.as_str())
                .bind(rows::millis(now))
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("INSERT INTO outbox (created_at, kind, payload, next_attempt_at) VALUES ($1, $2, $3, $1)")
            .bind(rows::millis(now))
            .bind(outbox.kind)
            .bind(&outbox.payload)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// [`release_in`] as a transaction of its own.
async fn release(
    pool: &PgPool,
    booking_id: &str,
    from: &str,
    to: &str,
    now: DateTime<Utc>,
    reason: Option<&str>,
    only_if_due: bool,
) -> StoreResult<bool> {
    let mut tx = pool.begin().await?;
    let released = release_in(&mut tx, booking_id, &[from], to, now, reason, only_if_due).await?;
    tx.commit().await?;
    Ok(released)
}

/// Moves a booking from one of `from` to `to` if it is still there (the row lock makes
/// this single-winner), and gives back its seats and its CNPs' "active booking" marks.
async fn release_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    booking_id: &str,
    from: &[&str],
    to: &str,
    now: DateTime<Utc>,
    reason: Option<&str>,
    only_if_due: bool,
) -> StoreResult<bool> {
    let from: Vec<String> = from.iter().map(|s| s.to_string()).collect();
    let released: Option<(i64, i64)> = sqlx::query_as(
        "UPDATE bookings SET status = $1, closed_at = $2, cancel_reason = $3
         WHERE id = $4 AND status = ANY($5) AND (NOT $6 OR expires_at <= $2)
         RETURNING slot_id, persons",
    )
    .bind(to)
    .bind(rows::millis(now))
    .bind(reason)
    .bind(booking_id)
    .bind(&from)
    .bind(only_if_due)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((slot_id, persons)) = released else {
        return Ok(false);
    };
    sqlx::query("UPDATE slots SET taken = taken - $1 WHERE id = $2")
        .bind(persons)
        .bind(slot_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE booking_persons SET holds = false WHERE booking_id = $1")
        .bind(booking_id)
        .execute(&mut **tx)
        .await?;
    Ok(true)
}

async fn current_status(pool: &PgPool, booking_id: &str) -> StoreResult<BookingStatus> {
    let status: Option<String> = sqlx::query_scalar("SELECT status FROM bookings WHERE id = $1")
        .bind(booking_id)
        .fetch_optional(pool)
        .await?;
    let status = status.ok_or(StoreError::NotFound)?;
    status
        .parse()
        .map_err(|_| StoreError::Corrupt(format!("booking status {status:?}")))
}
