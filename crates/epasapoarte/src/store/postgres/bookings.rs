//! PostgreSQL: the hot writes of the booking lifecycle as single statements (data-modifying
//! CTEs): one round trip, one implicit transaction, and the constraints (seat CHECK, one
//! active booking per CNP) decide races — row locks make every transition single-winner.

use chrono::{DateTime, Utc};
use sqlx::AnyPool;

use super::classify;
use crate::ids::{BookingId, TokenHash};
use crate::store::rows;
use crate::store::sql::{confirm_request_out, value_rows};
use crate::store::*;

/// [`create_booking`] in an explicit transaction: after cancelling the family's
/// unconfirmed booking `old` it replaces (issue 12), and for a family seated over
/// consecutive slots (whose later slots must all be there, or nothing is written). Each
/// replacing step does nothing unless `old` is still pending, so one confirmed meanwhile
/// keeps its CNPs and the insert then fails on the one-active-booking index, rolling
/// everything back. Its seats return at once (those in later slots too) and its confirm
/// link stops working.
pub(crate) async fn create_booking_in_transaction(
    pool: &AnyPool,
    booking: &NewBooking,
    old: Option<&BookingId>,
) -> StoreResult<()> {
    let mut tx = pool.begin().await?;
    if let Some(old) = old {
        let closed_at = rows::millis(booking.created_at);
        let cancelled: Option<(i64, i64)> = sqlx::query_as(
            "UPDATE bookings SET status = 'cancelled', closed_at = $2, cancel_reason = 'replaced'
             WHERE id = $1 AND status = 'pending' RETURNING slot_id, persons",
        )
        .bind(old)
        .bind(closed_at)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some((slot_id, persons)) = cancelled {
            sqlx::query(
                "WITH later AS (
                     UPDATE slots SET taken = slots.taken - o.seats FROM booking_overflow o
                     WHERE o.booking_id = $1 AND slots.id = o.slot_id RETURNING o.seats
                 )
                 UPDATE slots SET taken = taken - ($3 - (SELECT COALESCE(SUM(seats), 0) FROM later))
                 WHERE id = $2",
            )
            .bind(old)
            .bind(slot_id)
            .bind(persons)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE booking_persons SET holds = false WHERE booking_id = $1")
                .bind(old)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM booking_tokens WHERE booking_id = $1 AND purpose = 'confirm'")
                .bind(old)
                .execute(&mut *tx)
                .await?;
        }
    }
    create_booking(&mut *tx, booking).await?;
    tx.commit().await?;
    Ok(())
}

/// Takes the seats and writes the booking, its persons, its confirm token and its e-mail.
pub(crate) async fn create_booking<'c, E>(executor: E, booking: &NewBooking) -> StoreResult<()>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    // Persons in CNP-hash order: two bookings sharing CNPs then wait on each other in
    // the same order, so they cannot deadlock on the unique index.
    // Each keeps its position in the booking (the order the citizen entered them).
    let mut persons: Vec<(i64, &SealedPerson)> = (1..).zip(&booking.persons).collect();
    persons.sort_by(|(_, a), (_, b)| a.cnp_hash.cmp(&b.cnp_hash));
    let count = i64::try_from(persons.len()).unwrap_or(i64::MAX);
    let now = rows::millis(booking.created_at);
    // The persons' values follow the 17 fixed ones: `$18, …` five to a row.
    let people = value_rows(18, persons.len(), 5);
    // A family seated over consecutive slots (issue 12): its seats in each later slot,
    // two parameters per slot after the persons'. No capacity condition here: the seat
    // CHECK fails the statement on a slot without the seats. A missing slot takes no
    // seat and is seen in the count below (the caller's transaction then rolls back).
    let mut later = String::new();
    let first = 18 + 5 * persons.len();
    for (k, _) in booking.overflow.iter().enumerate() {
        let (time, seats) = (first + 2 * k, first + 2 * k + 1);
        later.push_str(&format!(
            ", later_{k} AS (
                 UPDATE slots SET taken = taken + ${seats}
                 WHERE office_id = $2 AND date = $3 AND time = ${time} AND EXISTS (SELECT 1 FROM booking)
                 RETURNING id
             ), later_row_{k} AS (
                 INSERT INTO booking_overflow (booking_id, slot_id, seats)
                 SELECT booking.id, later_{k}.id, ${seats} FROM booking, later_{k}
             )"
        ));
    }
    let counted: String = (0..booking.overflow.len())
        .map(|k| format!(" + (SELECT count(*) FROM later_{k})"))
        .collect();
    // A cooling-off CNP (SPEC §8) takes no seat, as a full slot does.
    let cooling = if booking.refuse_cooling_off {
        format!(
            "AND NOT EXISTS (SELECT 1 FROM no_shows
                             WHERE undone_at IS NULL AND blocked_until > $7 AND cnp_hash IN
                                 (SELECT p.cnp_hash FROM (VALUES {people})
                                      AS p (position, last_name, first_name, cnp, cnp_hash)))"
        )
    } else {
        String::new()
    };
    let sql = format!(
        "WITH seat AS (
             UPDATE slots SET taken = taken + $17
             WHERE office_id = $2 AND date = $3 AND time = $4 AND taken + $17 <= capacity
             {cooling}
             RETURNING id
         ), booking AS (
             INSERT INTO bookings (id, office_id, slot_id, service, persons, status, created_at, expires_at,
                                   email_hash, email_enc, phone_enc, consent_at, consent_policy, lang)
             SELECT $5, $2, seat.id, $6, $1, 'pending', $7, $8, $9, $10, $11, $7, $12, $13 FROM seat
             RETURNING id
         ), people AS (
             INSERT INTO booking_persons (booking_id, position, last_name_enc, first_name_enc, cnp_enc, cnp_hash, holds)
             SELECT booking.id, p.position, p.last_name, p.first_name, p.cnp, p.cnp_hash, true
             FROM booking, (VALUES {people}) AS p (position, last_name, first_name, cnp, cnp_hash)
         ), token AS (
             INSERT INTO booking_tokens (hash, booking_id, purpose, created_at)
             SELECT $14, booking.id, 'confirm', $7 FROM booking
         ), message AS (
             INSERT INTO outbox (created_at, kind, payload, next_attempt_at, booking_id)
             SELECT $7, $15, $16, $7, booking.id FROM booking
         ){later}
         SELECT (SELECT count(*) FROM seat){counted}"
    );
    let mut query = sqlx::query_scalar::<_, i64>(&sql)
        .bind(count)
        .bind(booking.office_id)
        .bind(rows::date_text(booking.date))
        .bind(rows::time_text(booking.time))
        .bind(&booking.id)
        .bind(booking.service.as_str())
        .bind(now)
        .bind(rows::millis(booking.expires_at))
        .bind(&booking.email_hash)
        .bind(&booking.email)
        .bind(&booking.phone)
        .bind(&booking.consent_policy)
        .bind(&booking.lang)
        .bind(&booking.confirm_token_hash)
        .bind(booking.outbox.kind)
        .bind(&booking.outbox.payload)
        .bind(booking.own_seats());
    for (position, person) in &persons {
        query = query
            .bind(*position)
            .bind(&person.last_name)
            .bind(&person.first_name)
            .bind(&person.cnp)
            .bind(&person.cnp_hash);
    }
    for (time, seats) in &booking.overflow {
        query = query.bind(rows::time_text(*time)).bind(i64::from(*seats));
    }
    let seated = query.fetch_one(executor).await.map_err(classify)?;
    if usize::try_from(seated).ok() == Some(1 + booking.overflow.len()) {
        Ok(())
    } else {
        Err(StoreError::SlotFull)
    }
}

/// pending → confirmed if still pending and not past `expires_at`, with the cancel token
/// and the e-mail; the family's waitlist entries end with it. Returns whether this call
/// confirmed it.
pub(crate) async fn confirm_booking(
    pool: &AnyPool,
    booking_id: &BookingId,
    now: DateTime<Utc>,
    cancel_token_hash: &TokenHash,
    outbox: &NewOutboxMessage,
) -> StoreResult<bool> {
    let confirmed: i64 = sqlx::query_scalar(
        "WITH confirmed AS (
             UPDATE bookings SET status = 'confirmed', confirmed_at = $2
             WHERE id = $1 AND status = 'pending' AND expires_at > $2
             RETURNING id
         ), token AS (
             INSERT INTO booking_tokens (hash, booking_id, purpose, created_at)
             SELECT $3, id, 'cancel', $2 FROM confirmed
         ), message AS (
             INSERT INTO outbox (created_at, kind, payload, next_attempt_at)
             SELECT $2, $4, $5, $2 FROM confirmed
         ), leaving AS (
             -- A family that books leaves the waitlist (SPEC §8), in the same transaction.
             SELECT DISTINCT w.entry_id FROM booking_persons b
             JOIN waitlist_persons w ON w.cnp_hash = b.cnp_hash AND w.active = true
             WHERE b.booking_id = $1 AND EXISTS (SELECT 1 FROM confirmed)
         ), ended AS (
             UPDATE waitlist_entries SET status = 'ended', closed_at = $2
             WHERE id IN (SELECT entry_id FROM leaving) AND status IN ('pending', 'waiting', 'held')
         ), persons AS (
             UPDATE waitlist_persons SET active = false
             WHERE entry_id IN (SELECT entry_id FROM leaving) AND active = true
         ), voided AS (
             UPDATE hold_offers SET outcome = 'void', closed_at = $2
             WHERE waitlist_id IN (SELECT entry_id FROM leaving) AND outcome = 'open'
         ), unheld AS (
             UPDATE freed_seats SET held_for = NULL, hold_until = NULL
             WHERE held_for IN (SELECT entry_id FROM leaving)
         )
         SELECT count(*) FROM confirmed",
    )
    .bind(booking_id)
    .bind(rows::millis(now))
    .bind(cancel_token_hash)
    .bind(outbox.kind)
    .bind(&outbox.payload)
    .fetch_one(pool)
    .await?;
    Ok(confirmed == 1)
}

/// Expires up to `limit` pending bookings due at `now` in one statement.
pub(crate) async fn expire_due(pool: &AnyPool, now: DateTime<Utc>, limit: u32) -> StoreResult<u64> {
    // SKIP LOCKED: a booking being confirmed (or expired by another instance) right
    // now is left alone; whichever holds the row lock decides its fate, exactly once.
    // MATERIALIZED: the locking pick runs once. As an `IN (subquery)` the planner may
    // rescan it, and a rescan over bookings due at the same instant can pick other rows,
    // expiring more than `limit`.
    let expired: i64 = sqlx::query_scalar(concat!(
        "WITH due AS MATERIALIZED (
             SELECT id FROM bookings WHERE status = 'pending' AND expires_at <= $1 AND ",
        confirm_request_out!("$1"),
        "
             ORDER BY expires_at, id LIMIT $2 FOR UPDATE SKIP LOCKED
         ), expired AS (
             UPDATE bookings SET status = 'expired', closed_at = $1
             FROM due WHERE bookings.id = due.id AND bookings.status = 'pending'
             RETURNING bookings.id, bookings.slot_id, bookings.persons
         ), parts AS (
             -- Each booking's own slot holds its persons less those seated in later
             -- slots (issue 12); those later slots get theirs back too.
             SELECT e.slot_id, e.persons - COALESCE((SELECT sum(o.seats) FROM booking_overflow o
                                                     WHERE o.booking_id = e.id), 0) AS seats
             FROM expired e
             UNION ALL
             SELECT o.slot_id, o.seats FROM booking_overflow o JOIN expired e ON e.id = o.booking_id
         ), seats AS (
             UPDATE slots SET taken = slots.taken - freed.seats
             FROM (SELECT slot_id, sum(seats) AS seats FROM parts GROUP BY slot_id) AS freed
             WHERE slots.id = freed.slot_id
         ), people AS (
             UPDATE booking_persons SET holds = false WHERE booking_id IN (SELECT id FROM expired)
         )
         SELECT count(*) FROM expired"
    ))
    .bind(rows::millis(now))
    .bind(i64::from(limit))
    .fetch_one(pool)
    .await?;
    Ok(u64::try_from(expired).unwrap_or(0))
}
