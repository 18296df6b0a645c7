//! PostgreSQL: the staff side of bookings. A move is one transaction whose conditional
//! UPDATE takes the row lock, so a racing citizen or staff move waits and then finds the
//! status changed.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::PgStore;
use super::booking_reads::load;
use crate::store::rows;
use crate::store::*;

#[async_trait]
impl Counter for PgStore {
    async fn booking(&self, id: &str) -> StoreResult<Option<BookingRecord>> {
        Ok(load(&self.pool, &[id.to_owned()]).await?.pop())
    }

    async fn office_bookings(
        &self,
        office_id: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<BookingRecord>> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT b.id FROM bookings b JOIN slots s ON s.id = b.slot_id
             WHERE s.office_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3
             ORDER BY s.starts_at, b.created_at, b.id",
        )
        .bind(office_id)
        .bind(rows::millis(from))
        .bind(rows::millis(to))
        .fetch_all(&self.pool)
        .await?;
        load(&self.pool, &ids).await
    }

    async fn move_booking(&self, change: &BookingMove) -> StoreResult<TransitionOutcome> {
        let mut tx = self.pool.begin().await?;
        let moved: Option<(i64, i64)> = sqlx::query_as(
            "UPDATE bookings SET status = $1,
                    closed_at = CASE WHEN $2 THEN $3 ELSE closed_at END,
                    cancel_reason = COALESCE($4, cancel_reason)
             WHERE id = $5 AND status = $6
             RETURNING slot_id, persons",
        )
        .bind(change.to.as_str())
        .bind(change.to.is_final())
        .bind(rows::millis(change.now))
        .bind(change.reason.as_deref())
        .bind(&change.booking_id)
        .bind(change.from.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some((slot_id, persons)) = moved else {
            let status: Option<String> =
                sqlx::query_scalar("SELECT status FROM bookings WHERE id = $1")
                    .bind(&change.booking_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            tx.commit().await?;
            let status = status.ok_or(StoreError::NotFound)?;
            return Ok(TransitionOutcome::Unchanged(status.parse().map_err(
                |_| StoreError::Corrupt(format!("booking status {status:?}")),
            )?));
        };
        if change.from.holds_seats() && !change.to.holds_seats() {
            sqlx::query("UPDATE slots SET taken = taken - $1 WHERE id = $2")
                .bind(persons)
                .bind(slot_id)
                .execute(&mut *tx)
                .await?;
        }
        if change.from.is_active() && !change.to.is_active() {
            sqlx::query("UPDATE booking_persons SET holds = false WHERE booking_id = $1")
                .bind(&change.booking_id)
                .execute(&mut *tx)
                .await?;
        }
        if let Some(outbox) = &change.outbox {
            sqlx::query(
                "INSERT INTO outbox (created_at, kind, payload, next_attempt_at) VALUES ($1, $2, $3, $1)",
            )
            .bind(rows::millis(change.now))
            .bind(outbox.kind)
            .bind(&outbox.payload)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(TransitionOutcome::Done)
    }
}
