//! Releasing past appointments' CNP holds, and the retention purge.

use chrono::{DateTime, Utc};

use super::SqlStore;
use crate::store::rows;
use crate::store::*;

impl SqlStore {
    pub(super) async fn release_past(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        let released = sqlx::query(
            "UPDATE booking_persons SET holds = false
             WHERE holds AND booking_id IN (
                 SELECT b.id FROM bookings b JOIN slots s ON s.id = b.slot_id WHERE s.starts_at < $1)",
        )
        .bind(rows::millis(before))
        .execute(&self.writer)
        .await?
        .rows_affected();
        Ok(released)
    }

    pub(super) async fn purge(
        &self,
        before: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<u64> {
        let mut tx = self.writer.begin().await?;
        let due = "SELECT b.id FROM bookings b JOIN slots s ON s.id = b.slot_id
                   WHERE b.purged_at IS NULL AND s.starts_at < $1";
        for table in ["booking_persons", "booking_tokens"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE booking_id IN ({due})"))
                .bind(rows::millis(before))
                .execute(&mut *tx)
                .await?;
        }
        let purged = sqlx::query(&format!(
            "UPDATE bookings SET email_enc = $3, email_hash = $3, phone_enc = NULL, purged_at = $2 WHERE id IN ({due})"
        ))
        .bind(rows::millis(before))
        .bind(rows::millis(now))
        .bind(Vec::<u8>::new())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        sqlx::query("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1")
            .bind(rows::millis(before))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(purged)
    }
}
