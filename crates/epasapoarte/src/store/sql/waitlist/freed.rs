//! Freed seats: giving them back after a random delay, and releasing the due ones to the pool.

use chrono::{DateTime, Utc};
use epasapoarte_domain::fair::release_at;
use sqlx::{Any, Transaction};

use crate::store::rows;
use crate::store::sql::SqlStore;
use crate::store::*;

/// The seats a booking holds, slot by slot: `persons` less those seated in later slots in
/// its own slot (first), then those in each later slot (a family seated over consecutive
/// slots, issue 12).
pub(crate) async fn seats_held(
    tx: &mut Transaction<'_, Any>,
    booking_id: &crate::ids::BookingId,
    slot_id: i64,
    persons: i64,
) -> StoreResult<Vec<(i64, i64)>> {
    let later: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT slot_id, seats FROM booking_overflow WHERE booking_id = $1 ORDER BY slot_id",
    )
    .bind(booking_id)
    .fetch_all(&mut **tx)
    .await?;
    let spilled: i64 = later.iter().map(|(_, seats)| seats).sum();
    Ok(std::iter::once((slot_id, persons - spilled))
        .chain(later)
        .collect())
}

impl SqlStore {
    /// Gives back every seat a leaving booking held, each the way [`Self::give_back`]
    /// does (see [`seats_held`]).
    pub(crate) async fn give_back_booking(
        &self,
        tx: &mut Transaction<'_, Any>,
        booking_id: &crate::ids::BookingId,
        slot_id: i64,
        persons: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        for (slot_id, seats) in seats_held(tx, booking_id, slot_id, persons).await? {
            self.give_back(tx, slot_id, seats, now).await?;
        }
        Ok(())
    }

    /// The one way seats leave a booking (citizen or staff cancel, expiry, no
    /// reconfirmation): inside the caller's transaction, they become a `freed_seats` row
    /// released after a random delay (`EPAS_RELEASE_DELAY`, never later than 2 h before
    /// the slot), or go back at once when the delay is `0-0` or the slot is too close.
    pub(crate) async fn give_back(
        &self,
        tx: &mut Transaction<'_, Any>,
        slot_id: i64,
        seats: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let delay = self.release_delay();
        if delay.max > chrono::TimeDelta::zero() {
            let starts_at: Option<i64> =
                sqlx::query_scalar("SELECT starts_at FROM slots WHERE id = $1")
                    .bind(slot_id)
                    .fetch_optional(&mut **tx)
                    .await?;
            if let Some(starts_at) = starts_at {
                let at = release_at(now, rows::instant(starts_at)?, &delay, rand::random());
                if at > now {
                    sqlx::query(
                        "INSERT INTO freed_seats (slot_id, seats, freed_at, release_at)
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(slot_id)
                    .bind(seats)
                    .bind(rows::millis(now))
                    .bind(rows::millis(at))
                    .execute(&mut **tx)
                    .await?;
                    return Ok(());
                }
            }
        }
        sqlx::query("UPDATE slots SET taken = taken - $1 WHERE id = $2")
            .bind(seats)
            .bind(slot_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    pub(super) async fn release_freed(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<u64> {
        let due: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM freed_seats WHERE held_for IS NULL AND release_at <= $1
             ORDER BY release_at, id LIMIT $2",
        )
        .bind(rows::millis(now))
        .bind(i64::from(limit))
        .fetch_all(&self.reader)
        .await?;
        if due.is_empty() {
            return Ok(0);
        }
        let mut tx = self.writer.begin().await?;
        let mut released = 0;
        for id in due {
            // Single winner: of two instances deleting the same row, one gets it back.
            let gone: Option<(i64, i64)> = sqlx::query_as(
                "DELETE FROM freed_seats WHERE id = $1 AND held_for IS NULL RETURNING slot_id, seats",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some((slot_id, seats)) = gone {
                sqlx::query("UPDATE slots SET taken = taken - $1 WHERE id = $2")
                    .bind(seats)
                    .bind(slot_id)
                    .execute(&mut *tx)
                    .await?;
                released += 1;
            }
        }
        tx.commit().await?;
        Ok(released)
    }
}
