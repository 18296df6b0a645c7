//! Taking a hold: the held seats become a confirmed booking of the family, in one
//! transaction.

use crate::ids::BookingId;
use crate::store::rows;
use crate::store::sql::{SqlStore, insert_outbox};
use crate::store::*;

impl SqlStore {
    pub(super) async fn take_offer(&self, take: &TakeHold) -> StoreResult<TakeOutcome> {
        let mut tx = self.writer.begin().await?;
        let now = rows::millis(take.now);
        let taken: Option<(i64, i64)> = sqlx::query_as(
            "UPDATE hold_offers SET outcome = 'taken', closed_at = $2
             WHERE id = $1 AND outcome = 'open' AND hold_until > $2 RETURNING slot_id, seats",
        )
        .bind(take.offer_id)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((slot_id, seats)) = taken else {
            let outcome: Option<String> =
                sqlx::query_scalar("SELECT outcome FROM hold_offers WHERE id = $1")
                    .bind(take.offer_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let booking: Option<Option<String>> =
                sqlx::query_scalar("SELECT booking_id FROM waitlist_entries WHERE id = $1")
                    .bind(&take.waitlist_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            tx.rollback().await?;
            return Ok(match outcome.as_deref() {
                Some("taken") => TakeOutcome::AlreadyTaken(booking.flatten().map(BookingId)),
                _ => TakeOutcome::Expired,
            });
        };
        // The held seats become the booking's: they stay in `taken`, the rows go; seats in
        // later slots (a family seated over consecutive slots) become its overflow.
        let held: Vec<(i64, i64)> =
            sqlx::query_as("DELETE FROM freed_seats WHERE held_for = $1 RETURNING slot_id, seats")
                .bind(&take.waitlist_id)
                .fetch_all(&mut *tx)
                .await?;
        let mut by_slot = std::collections::BTreeMap::<i64, i64>::new();
        for (slot, held) in held {
            *by_slot.entry(slot).or_default() += held;
        }
        if by_slot.values().sum::<i64>() != seats || !by_slot.contains_key(&slot_id) {
            tx.rollback().await?;
            return Ok(TakeOutcome::Expired);
        }
        sqlx::query(
            "INSERT INTO bookings (id, office_id, slot_id, service, persons, status, created_at,
                 expires_at, confirmed_at, email_hash, email_enc, phone_enc, consent_at,
                 consent_policy, lang, origin)
             SELECT $1, s.office_id, s.id, w.service, w.persons, 'confirmed', $2, $2, $2,
                    w.email_hash, w.email_enc, w.phone_enc, w.consent_at, w.consent_policy,
                    w.lang, 'hold'
             FROM waitlist_entries w, slots s WHERE w.id = $3 AND s.id = $4",
        )
        .bind(&take.booking_id)
        .bind(now)
        .bind(&take.waitlist_id)
        .bind(slot_id)
        .execute(&mut *tx)
        .await?;
        for (later, seats) in by_slot.into_iter().filter(|(slot, _)| *slot != slot_id) {
            sqlx::query(
                "INSERT INTO booking_overflow (booking_id, slot_id, seats) VALUES ($1, $2, $3)",
            )
            .bind(&take.booking_id)
            .bind(later)
            .bind(seats)
            .execute(&mut *tx)
            .await?;
        }
        let persons = sqlx::query(
            "INSERT INTO booking_persons (booking_id, position, last_name_enc, first_name_enc,
                 cnp_enc, cnp_hash, holds)
             SELECT $1, position, last_name_enc, first_name_enc, cnp_enc, cnp_hash, true
             FROM waitlist_persons WHERE entry_id = $2",
        )
        .bind(&take.booking_id)
        .bind(&take.waitlist_id)
        .execute(&mut *tx)
        .await;
        if let Err(error) = persons {
            if self.violates(
                &error,
                "booking_persons.cnp_hash",
                "booking_persons_one_active_per_cnp",
            ) {
                return Err(StoreError::CnpAlreadyBooked);
            }
            return Err(error.into());
        }
        sqlx::query(
            "INSERT INTO booking_tokens (hash, booking_id, purpose, created_at)
             VALUES ($1, $2, 'cancel', $3)",
        )
        .bind(&take.cancel_token_hash)
        .bind(&take.booking_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE waitlist_entries SET status = 'booked', booking_id = $2, closed_at = $3
             WHERE id = $1",
        )
        .bind(&take.waitlist_id)
        .bind(&take.booking_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE waitlist_persons SET active = false WHERE entry_id = $1")
            .bind(&take.waitlist_id)
            .execute(&mut *tx)
            .await?;
        insert_outbox(&mut tx, &take.outbox, take.now).await?;
        tx.commit().await?;
        Ok(TakeOutcome::Taken)
    }
}
