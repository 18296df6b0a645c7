//! SQLite: the staff side of bookings. Reads go to the read pool; a move is one
//! transaction on the writer.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::SqliteStore;
use super::booking_reads::load;
use super::bookings::insert_outbox;
use crate::store::rows;
use crate::store::*;

#[async_trait]
impl Counter for SqliteStore {
    async fn booking(&self, id: &str) -> StoreResult<Option<BookingRecord>> {
        Ok(load(&self.reader, &[id.to_owned()]).await?.pop())
    }

    async fn office_bookings(
        &self,
        office_id: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<BookingRecord>> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT b.id FROM bookings b JOIN slots s ON s.id = b.slot_id
             WHERE s.office_id = ? AND s.starts_at >= ? AND s.starts_at < ?
             ORDER BY s.starts_at, b.created_at, b.id",
        )
        .bind(office_id)
        .bind(rows::millis(from))
        .bind(rows::millis(to))
        .fetch_all(&self.reader)
        .await?;
        load(&self.reader, &ids).await
    }

    async fn move_booking(&self, change: &BookingMove) -> StoreResult<TransitionOutcome> {
        let mut tx = self.writer.begin().await?;
        let moved: Option<(i64, i64)> = sqlx::query_as(
            "UPDATE bookings SET status = ?1,
                    closed_at = CASE WHEN ?2 THEN ?3 ELSE closed_at END,
                    cancel_reason = COALESCE(?4, cancel_reason)
             WHERE id = ?5 AND status = ?6
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
                sqlx::query_scalar("SELECT status FROM bookings WHERE id = ?")
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
            sqlx::query("UPDATE slots SET taken = taken - ? WHERE id = ?")
                .bind(persons)
                .bind(slot_id)
                .execute(&mut *tx)
                .await?;
        }
        if change.from.is_active() && !change.to.is_active() {
            sqlx::query("UPDATE booking_persons SET holds = 0 WHERE booking_id = ?")
                .bind(&change.booking_id)
                .execute(&mut *tx)
                .await?;
        }
        if let Some(outbox) = &change.outbox {
            insert_outbox(&mut tx, outbox, change.now).await?;
        }
        tx.commit().await?;
        Ok(TransitionOutcome::Done)
    }
}
