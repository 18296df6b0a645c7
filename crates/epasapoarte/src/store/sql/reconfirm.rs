//! Reconfirmation (SPEC §8), written once for both backends: every step is a conditional
//! UPDATE, so with several instances exactly one asks, and a late answer racing the
//! cancellation either reconfirms or finds the booking cancelled — never both.

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use epasapoarte_domain::booking::CancelReason;

use super::bookings::{Release, release};
use super::{SqlStore, insert_outbox};
use crate::ids::{BookingId, TokenHash};
use crate::store::rows;
use crate::store::*;

#[async_trait]
impl Reconfirmations for SqlStore {
    async fn reconfirm_requests_due(
        &self,
        now: DateTime<Utc>,
        before: TimeDelta,
        limit: u32,
    ) -> StoreResult<Vec<BookingId>> {
        let now_ms = rows::millis(now);
        let before_ms = before.num_milliseconds();
        let ids = sqlx::query_scalar(
            "SELECT b.id FROM bookings b JOIN slots s ON s.id = b.slot_id
             WHERE b.status = 'confirmed' AND b.reconfirm_sent_at IS NULL
               AND b.reconfirmed_at IS NULL AND b.confirmed_at IS NOT NULL
               AND s.starts_at > $1 AND s.starts_at <= $1 + $2
               AND s.starts_at - b.confirmed_at > $2
             ORDER BY s.starts_at, b.id LIMIT $3",
        )
        .bind(now_ms)
        .bind(before_ms)
        .bind(i64::from(limit))
        .fetch_all(&self.reader)
        .await?;
        Ok(ids)
    }

    async fn ask_reconfirmation(
        &self,
        booking_id: &BookingId,
        now: DateTime<Utc>,
        by: DateTime<Utc>,
        token_hash: &TokenHash,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<bool> {
        let mut tx = self.writer.begin().await?;
        let asked = sqlx::query(
            "UPDATE bookings SET reconfirm_sent_at = $1, reconfirm_by = $2
             WHERE id = $3 AND status = 'confirmed' AND reconfirm_sent_at IS NULL",
        )
        .bind(rows::millis(now))
        .bind(rows::millis(by))
        .bind(booking_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !asked {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO fair_tokens (hash, subject, purpose, created_at)
             VALUES ($1, $2, 'reconfirm', $3)",
        )
        .bind(token_hash)
        .bind(booking_id)
        .bind(rows::millis(now))
        .execute(&mut *tx)
        .await?;
        insert_outbox(&mut tx, outbox, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn reconfirm_state(&self, booking_id: &BookingId) -> StoreResult<ReconfirmState> {
        let row: Option<(Option<i64>, Option<i64>)> =
            sqlx::query_as("SELECT reconfirm_by, reconfirmed_at FROM bookings WHERE id = $1")
                .bind(booking_id)
                .fetch_optional(&self.writer)
                .await?;
        let (by, at) = row.ok_or(StoreError::NotFound)?;
        Ok(ReconfirmState {
            reconfirm_by: by.map(rows::instant).transpose()?,
            reconfirmed_at: at.map(rows::instant).transpose()?,
        })
    }

    async fn reconfirm_booking(
        &self,
        booking_id: &BookingId,
        now: DateTime<Utc>,
    ) -> StoreResult<TransitionOutcome> {
        let mut tx = self.writer.begin().await?;
        let done = sqlx::query(
            "UPDATE bookings SET reconfirmed_at = $1
             WHERE id = $2 AND status = 'confirmed' AND reconfirmed_at IS NULL
               AND reconfirm_by IS NOT NULL AND reconfirm_by > $1",
        )
        .bind(rows::millis(now))
        .bind(booking_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if done {
            tx.commit().await?;
            return Ok(TransitionOutcome::Done);
        }
        let status: Option<String> =
            sqlx::query_scalar("SELECT status FROM bookings WHERE id = $1")
                .bind(booking_id)
                .fetch_optional(&mut *tx)
                .await?;
        tx.commit().await?;
        let status = status.ok_or(StoreError::NotFound)?;
        let status = status
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("booking status {status:?}")))?;
        Ok(TransitionOutcome::Unchanged(status))
    }

    async fn reconfirmations_lapsed(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<BookingId>> {
        let ids = sqlx::query_scalar(
            "SELECT id FROM bookings
             WHERE status = 'confirmed' AND reconfirm_by IS NOT NULL AND reconfirmed_at IS NULL
               AND reconfirm_by <= $1
             ORDER BY reconfirm_by, id LIMIT $2",
        )
        .bind(rows::millis(now))
        .bind(i64::from(limit))
        .fetch_all(&self.reader)
        .await?;
        Ok(ids)
    }

    async fn cancel_not_reconfirmed(
        &self,
        booking_id: &BookingId,
        now: DateTime<Utc>,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<bool> {
        let mut tx = self.writer.begin().await?;
        let cancelled = release(
            self,
            &mut tx,
            booking_id,
            Release::NotReconfirmed,
            "cancelled",
            now,
            Some(CancelReason::NotReconfirmed.as_str()),
        )
        .await?;
        if cancelled {
            insert_outbox(&mut tx, outbox, now).await?;
            tx.commit().await?;
        }
        Ok(cancelled)
    }
}
