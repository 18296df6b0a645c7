//! Offering a hold: the family and the seats (whole row or split) are taken together with
//! the offer, its take token and the e-mail.

use crate::store::rows;
use crate::store::sql::{SqlStore, insert_outbox};
use crate::store::*;

impl SqlStore {
    pub(super) async fn offer_hold(&self, hold: &NewHold) -> StoreResult<bool> {
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
        let persons = i64::from(hold.persons);
        // The whole row, or split: the rest stays in the pool for others.
        let whole = sqlx::query(
            "UPDATE freed_seats SET held_for = $1, hold_until = $2
             WHERE id = $3 AND held_for IS NULL AND seats = $4",
        )
        .bind(&hold.waitlist_id)
        .bind(until)
        .bind(hold.freed_id)
        .bind(persons)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if whole != 1 {
            let split = sqlx::query(
                "UPDATE freed_seats SET seats = seats - $1
                 WHERE id = $2 AND held_for IS NULL AND seats > $1",
            )
            .bind(persons)
            .bind(hold.freed_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if split != 1 {
                tx.rollback().await?;
                return Ok(false);
            }
            sqlx::query(
                "INSERT INTO freed_seats (slot_id, seats, freed_at, release_at, held_for, hold_until)
                 SELECT slot_id, $1, freed_at, release_at, $2, $3 FROM freed_seats WHERE id = $4",
            )
            .bind(persons)
            .bind(&hold.waitlist_id)
            .bind(until)
            .bind(hold.freed_id)
            .execute(&mut *tx)
            .await?;
        }
        let offer_id: i64 = sqlx::query_scalar(
            "INSERT INTO hold_offers (waitlist_id, slot_id, seats, offered_at, hold_until, outcome)
             VALUES ($1, $2, $3, $4, $5, 'open') RETURNING id",
        )
        .bind(&hold.waitlist_id)
        .bind(hold.slot_id)
        .bind(persons)
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
