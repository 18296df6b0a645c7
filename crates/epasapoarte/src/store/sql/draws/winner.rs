//! Seating a draw's winner: its confirmed booking, copied from its entry.

use sqlx::{Any, Transaction};

use crate::store::rows;
use crate::store::sql::{SqlStore, insert_outbox};
use crate::store::*;

/// A winner's confirmed booking (origin `draw`), copied from its entry: seats, persons
/// (holding the CNPs), cancel token and the confirmation e-mail.
pub(super) async fn seat_winner(
    store: &SqlStore,
    tx: &mut Transaction<'_, Any>,
    result: &DrawResult,
    winner: &DrawWinner,
) -> StoreResult<()> {
    let now = rows::millis(result.ran_at);
    let later_seats: i64 = winner
        .later
        .iter()
        .map(|(_, seats)| i64::from(*seats))
        .sum();
    let slot: Option<i64> = sqlx::query_scalar(
        "UPDATE slots SET taken = taken + $1
         WHERE office_id = $2 AND date = $3 AND time = $4 AND taken + $1 <= capacity
         RETURNING id",
    )
    .bind(i64::from(winner.persons) - later_seats)
    .bind(winner.office_id)
    .bind(rows::date_text(result.draw_date))
    .bind(rows::time_text(winner.time))
    .fetch_optional(&mut **tx)
    .await?;
    let slot = slot.ok_or(StoreError::SlotFull)?;
    // A family seated over consecutive slots (issue 12): its seats in each later one.
    let mut later_slots = Vec::with_capacity(winner.later.len());
    for (time, seats) in &winner.later {
        let later: Option<i64> = sqlx::query_scalar(
            "UPDATE slots SET taken = taken + $1
             WHERE office_id = $2 AND date = $3 AND time = $4 AND taken + $1 <= capacity
             RETURNING id",
        )
        .bind(i64::from(*seats))
        .bind(winner.office_id)
        .bind(rows::date_text(result.draw_date))
        .bind(rows::time_text(*time))
        .fetch_optional(&mut **tx)
        .await?;
        later_slots.push((later.ok_or(StoreError::SlotFull)?, i64::from(*seats)));
    }
    sqlx::query(
        "INSERT INTO bookings (id, office_id, slot_id, service, persons, status, created_at,
             expires_at, confirmed_at, email_hash, email_enc, phone_enc, consent_at,
             consent_policy, lang, origin)
         SELECT $1, $2, $3, service, persons, 'confirmed', $4, $4, $4, email_hash, email_enc,
             phone_enc, consent_at, consent_policy, lang, 'draw'
         FROM draw_entries WHERE id = $5",
    )
    .bind(&winner.booking_id)
    .bind(winner.office_id)
    .bind(slot)
    .bind(now)
    .bind(&winner.entry_id)
    .execute(&mut **tx)
    .await?;
    for (slot, seats) in later_slots {
        sqlx::query(
            "INSERT INTO booking_overflow (booking_id, slot_id, seats) VALUES ($1, $2, $3)",
        )
        .bind(&winner.booking_id)
        .bind(slot)
        .bind(seats)
        .execute(&mut **tx)
        .await?;
    }
    let persons = sqlx::query(
        "INSERT INTO booking_persons (booking_id, position, last_name_enc, first_name_enc,
             cnp_enc, cnp_hash, holds)
         SELECT $1, position, last_name_enc, first_name_enc, cnp_enc, cnp_hash, true
         FROM draw_entry_persons WHERE entry_id = $2",
    )
    .bind(&winner.booking_id)
    .bind(&winner.entry_id)
    .execute(&mut **tx)
    .await;
    if let Err(error) = persons {
        if store.violates(
            &error,
            "booking_persons.cnp_hash",
            "booking_persons_one_active_per_cnp",
        ) {
            return Err(StoreError::CnpAlreadyBooked);
        }
        return Err(error.into());
    }
    // Taking any booking ends the family's place on the waitlist (SPEC §8).
    let hashes: Vec<Vec<u8>> =
        sqlx::query_scalar("SELECT cnp_hash FROM draw_entry_persons WHERE entry_id = $1")
            .bind(&winner.entry_id)
            .fetch_all(&mut **tx)
            .await?;
    crate::store::sql::waitlist::end_for(tx, &hashes, result.ran_at).await?;
    sqlx::query(
        "INSERT INTO booking_tokens (hash, booking_id, purpose, created_at) VALUES ($1, $2, 'cancel', $3)",
    )
    .bind(&winner.cancel_token_hash)
    .bind(&winner.booking_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE draw_entries SET status = 'won', booking_id = $1 WHERE id = $2 AND status = 'confirmed'",
    )
    .bind(&winner.booking_id)
    .bind(&winner.entry_id)
    .execute(&mut **tx)
    .await?;
    insert_outbox(tx, &winner.outbox, result.ran_at).await
}
