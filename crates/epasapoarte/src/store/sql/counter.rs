//! The staff side of bookings. A move is one transaction whose conditional UPDATE takes
//! the row (PostgreSQL's row lock, SQLite's single writer), so a racing citizen or staff
//! move waits and then finds the status changed.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::SqlStore;
use super::booking_reads;
use super::insert_outbox;
use super::staff::audit_change;
use crate::ids::{BookingId, OfficeId};
use crate::store::rows;
use crate::store::*;

#[async_trait]
impl Counter for SqlStore {
    async fn booking(&self, id: &BookingId) -> StoreResult<Option<BookingRecord>> {
        booking_reads::by_id(&self.reader, id).await
    }

    async fn office_bookings(
        &self,
        office_id: OfficeId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<BookingRecord>> {
        booking_reads::of_office(
            &self.reader,
            office_id,
            rows::millis(from),
            rows::millis(to),
        )
        .await
    }

    async fn move_booking(
        &self,
        change: &BookingMove,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<TransitionOutcome> {
        let mut tx = self.writer.begin().await?;
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
            self.give_back_booking(&mut tx, &change.booking_id, slot_id, persons, change.now)
                .await?;
        }
        if change.from.is_active() && !change.to.is_active() {
            sqlx::query("UPDATE booking_persons SET holds = false WHERE booking_id = $1")
                .bind(&change.booking_id)
                .execute(&mut *tx)
                .await?;
        }
        if let Some(outbox) = &change.outbox {
            insert_outbox(&mut tx, outbox, change.now).await?;
        }
        audit_change(self.backend, &mut tx, audit, None).await?;
        tx.commit().await?;
        Ok(TransitionOutcome::Done)
    }
}
