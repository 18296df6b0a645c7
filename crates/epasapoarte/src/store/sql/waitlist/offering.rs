//! Offering a hold: the family and the seats (whole rows or split, in one slot or over
//! consecutive ones) are taken together with the offer, its take token and the e-mail.

use sqlx::{Any, Transaction};

use crate::store::rows;
use crate::store::sql::{SqlStore, insert_outbox};
use crate::store::*;

impl SqlStore {
    pub(super) async fn offer_hold(&self, hold: &NewHold) -> StoreResult<bool> {
        let Some(&(first_slot, _)) = hold.seats.first() else {
            return Ok(false);
        };
        let mut tx = self.writer.begin().await?;
        let now = rows::millis(hold.now);
        let until = rows::millis(hold.hold_until);
        let family = sqlx::query(
            "UPDATE waitlist_entries SET status = 'held' WHERE id = $1 AND status = 'waiting'",
        )
        .bind(&hold.waitlist_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if family != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        for &(slot_id, seats) in &hold.seats {
            if !hold_in_slot(&mut tx, &hold.waitlist_id, until, slot_id, seats).await? {
                tx.rollback().await?;
                return Ok(false);
            }
        }
        let offer_id: i64 = sqlx::query_scalar(
            "INSERT INTO hold_offers (waitlist_id, slot_id, seats, offered_at, hold_until, outcome)
             VALUES ($1, $2, $3, $4, $5, 'open') RETURNING id",
        )
        .bind(&hold.waitlist_id)
        .bind(first_slot)
        .bind(i64::from(hold.persons))
        .bind(now)
        .bind(until)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO fair_tokens (hash, subject, purpose, created_at)
             VALUES ($1, $2, 'hold_take', $3)",
        )
        .bind(&hold.take_token_hash)
        .bind(offer_id.to_string())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        insert_outbox(&mut tx, &hold.outbox, hold.now).await?;
        tx.commit().await?;
        Ok(true)
    }
}

/// Holds `seats` of the freed rows nobody holds in one slot for the family, oldest rows
/// first: whole rows while they fit, the last one split (the rest stays in the pool for
/// others). `false` when the slot no longer has them (another worker changed a row).
async fn hold_in_slot(
    tx: &mut Transaction<'_, Any>,
    waitlist_id: &str,
    until: i64,
    slot_id: i64,
    seats: u16,
) -> StoreResult<bool> {
    let free: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, seats FROM freed_seats WHERE slot_id = $1 AND held_for IS NULL
         ORDER BY freed_at, id",
    )
    .bind(slot_id)
    .fetch_all(&mut **tx)
    .await?;
    let mut left = i64::from(seats);
    for (id, row_seats) in free {
        if left == 0 {
            break;
        }
        // Each write names the row's seats as read: a row changed meanwhile fails it.
        if row_seats <= left {
            let whole = sqlx::query(
                "UPDATE freed_seats SET held_for = $1, hold_until = $2
                 WHERE id = $3 AND held_for IS NULL AND seats = $4",
            )
            .bind(waitlist_id)
            .bind(until)
            .bind(id)
            .bind(row_seats)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if whole != 1 {
                return Ok(false);
            }
            left -= row_seats;
        } else {
            let split = sqlx::query(
                "UPDATE freed_seats SET seats = seats - $1
                 WHERE id = $2 AND held_for IS NULL AND seats = $3",
            )
            .bind(left)
            .bind(id)
            .bind(row_seats)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if split != 1 {
                return Ok(false);
            }
            sqlx::query(
                "INSERT INTO freed_seats (slot_id, seats, freed_at, release_at, held_for, hold_until)
                 SELECT slot_id, $1, freed_at, release_at, $2, $3 FROM freed_seats WHERE id = $4",
            )
            .bind(left)
            .bind(waitlist_id)
            .bind(until)
            .bind(id)
            .execute(&mut **tx)
            .await?;
            left = 0;
        }
    }
    Ok(left == 0)
}
