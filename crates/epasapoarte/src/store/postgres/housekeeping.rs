//! PostgreSQL: releasing past appointments' CNP holds, and the retention purge.

use chrono::{DateTime, Utc};

use super::PgStore;
use crate::store::rows;
use crate::store::*;

impl PgStore {
    pub(super) async fn release_past(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        let released = sqlx::query(
            "UPDATE booking_persons SET holds = false
             WHERE holds AND booking_id IN (
                 SELECT b.id FROM bookings b JOIN slots s ON s.id = b.slot_id WHERE s.starts_at < $1)",
        )
        .bind(rows::millis(before))
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(released)
    }

    pub(super) async fn purge(
        &self,
        before: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<u64> {
        let mut tx = self.pool.begin().await?;
        let due = "SELECT b.id FROM bookings b JOIN slots s ON s.id = b.slot_id
                   WHERE b.purged_at IS NULL AND s.starts_at < $1";
        for table in ["booking_persons", "booking_tokens"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE booking_id IN ({due})"))
                .bind(rows::millis(before))
                .execute(&mut *tx)
                .await?;
        }
        let purged = sqlx::query(&format!(
            "UPDATE bookings SET email_enc = ''::bytea, email_hash = ''::bytea, phone_enc = NULL, purged_at = $2 WHERE id IN ({due})"
        ))
        .bind(rows::millis(before))
        .bind(rows::millis(now))
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
