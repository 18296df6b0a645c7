//! The reminders' SQL, the same on both backends.

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};

use super::SqlStore;
use super::bookings::insert_outbox;
use crate::ids::{BookingId, TokenHash};
use crate::store::rows;
use crate::store::*;

#[async_trait]
impl Reminders for SqlStore {
    async fn reminders_due(
        &self,
        now: DateTime<Utc>,
        before: TimeDelta,
        limit: u32,
    ) -> StoreResult<Vec<BookingId>> {
        let ids = sqlx::query_scalar(
            "SELECT b.id FROM bookings b JOIN slots s ON s.id = b.slot_id
             WHERE b.status = 'confirmed' AND b.reminded_at IS NULL AND b.confirmed_at IS NOT NULL
               AND s.starts_at > $1 AND s.starts_at <= $1 + $2
               AND s.starts_at - b.confirmed_at > $2
             ORDER BY s.starts_at, b.id LIMIT $3",
        )
        .bind(rows::millis(now))
        .bind(before.num_milliseconds())
        .bind(i64::from(limit))
        .fetch_all(&self.reader)
        .await?;
        Ok(ids)
    }

    async fn queue_reminder(
        &self,
        booking_id: &BookingId,
        now: DateTime<Utc>,
        token: (TokenPurpose, &TokenHash),
        outbox: &NewOutboxMessage,
    ) -> StoreResult<bool> {
        let mut tx = self.writer.begin().await?;
        let marked = sqlx::query(
            "UPDATE bookings SET reminded_at = $1
             WHERE id = $2 AND status = 'confirmed' AND reminded_at IS NULL",
        )
        .bind(rows::millis(now))
        .bind(booking_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !marked {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO booking_tokens (hash, booking_id, purpose, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token.1)
        .bind(booking_id)
        .bind(token.0.as_str())
        .bind(rows::millis(now))
        .execute(&mut *tx)
        .await?;
        insert_outbox(&mut tx, outbox, now).await?;
        tx.commit().await?;
        Ok(true)
    }
}
