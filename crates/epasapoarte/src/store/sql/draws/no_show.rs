//! Marking a booking as a no-show (its seats freed, its CNPs cooling off) and undoing it.

use chrono::{DateTime, Utc};

use crate::ids::BookingId;
use crate::store::rows;
use crate::store::sql::staff::audit_change;
use crate::store::sql::{SqlStore, insert_outbox};
use crate::store::*;

impl SqlStore {
    pub(super) async fn unmark_no_show(
        &self,
        booking_id: &BookingId,
        now: DateTime<Utc>,
        audit: &NewAuditEntry,
    ) -> StoreResult<bool> {
        let mut tx = self.writer.begin().await?;
        let undone: Option<(i64, i64)> = sqlx::query_as(
            "UPDATE bookings SET status = 'confirmed', closed_at = NULL
             WHERE id = $1 AND status = 'no_show'
             RETURNING slot_id, persons",
        )
        .bind(booking_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((slot_id, persons)) = undone else {
            tx.commit().await?;
            return Ok(false);
        };
        // Its seats again, as before the mark (in later slots too, for a family seated
        // over consecutive slots), or nothing changes: never more persons than seats.
        // (Its persons' CNP holds stay released, as for every past appointment: the slot
        // has begun.)
        let held =
            crate::store::sql::waitlist::seats_held(&mut tx, booking_id, slot_id, persons).await?;
        for (slot_id, seats) in held {
            let seats = sqlx::query(
                "UPDATE slots SET taken = taken + $1 WHERE id = $2 AND taken + $1 <= capacity",
            )
            .bind(seats)
            .bind(slot_id)
            .execute(&mut *tx)
            .await?;
            if seats.rows_affected() == 0 {
                tx.rollback().await?;
                return Ok(false);
            }
        }
        sqlx::query(
            "UPDATE no_shows SET undone_at = $1 WHERE booking_id = $2 AND undone_at IS NULL",
        )
        .bind(rows::millis(now))
        .bind(booking_id)
        .execute(&mut *tx)
        .await?;
        audit_change(self.backend, &mut tx, Some(audit), None).await?;
        tx.commit().await?;
        Ok(true)
    }

    pub(super) async fn record_no_show(
        &self,
        change: &BookingMove,
        marks: &[NoShowMark],
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<TransitionOutcome> {
        let mut tx = self.writer.begin().await?;
        let moved: Option<(i64, i64)> = sqlx::query_as(
            "UPDATE bookings SET status = 'no_show', closed_at = $1 WHERE id = $2 AND status = $3
             RETURNING slot_id, persons",
        )
        .bind(rows::millis(change.now))
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
        // A no-show holds no seat: its seats go back the one way every release goes
        // (`give_back`, as `Counter::move_booking` does it).
        if change.from.holds_seats() {
            self.give_back_booking(&mut tx, &change.booking_id, slot_id, persons, change.now)
                .await?;
        }
        sqlx::query("UPDATE booking_persons SET holds = false WHERE booking_id = $1")
            .bind(&change.booking_id)
            .execute(&mut *tx)
            .await?;
        for mark in marks {
            sqlx::query(
                "INSERT INTO no_shows (booking_id, cnp_hash, marked_at, blocked_until)
                 VALUES ($1, $2, $3, $4) ON CONFLICT (booking_id, cnp_hash)
                 DO UPDATE SET marked_at = $3, blocked_until = $4, undone_at = NULL",
            )
            .bind(&change.booking_id)
            .bind(&mark.cnp_hash)
            .bind(rows::millis(mark.marked_at))
            .bind(rows::millis(mark.blocked_until))
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
