//! SQLite: the two hottest writes — creating a booking and confirming it — as ONE
//! round trip to the writer connection each.
//!
//! Why: SQLite runs on a worker thread behind sqlx, and every statement is a trip
//! through a channel and a thread wake-up. A booking written statement by statement
//! (begin, seats, booking, persons, token, outbox, commit) made seven such trips on the
//! single writer, and under load the wake-ups, not SQLite, set the pace (about 1,500
//! bookings/s). Sent as one multi-statement query, the worker runs the whole
//! transaction without waking anyone in between.
//!
//! How it stays correct: the statements run in order inside their own savepoint of a
//! group's `BEGIN IMMEDIATE … COMMIT` (`group_commit.rs`); the first one that fails
//! stops the run (seat CHECK → `SlotFull`, a missing slot leaves `slot_id` NULL →
//! `SlotFull`, the one-active-booking-per-CNP index → `CnpAlreadyBooked`) and the job is
//! rolled back to its savepoint. Parameters are plain `?`, bound in the order they appear
//! across the statements (sqlx carries the position from one statement to the next;
//! numbered `?NNN` parameters do not survive that).

use sqlx::Any;
use sqlx::any::AnyArguments;

use super::group_commit::GroupCommit;
use crate::ids::{BookingId, TokenHash};
use crate::store::rows;
use crate::store::*;

/// The statements that cancel a family's unconfirmed booking it is replacing (issue 12):
/// each does nothing unless that booking is still pending, so a booking confirmed
/// meanwhile keeps its CNPs and the new one then fails on the one-active-booking index —
/// rolling all of it back. Its seats return at once (the family is re-booking them, not
/// giving them away), those in later slots too, and its confirm link stops working.
/// Binds the replaced id 7 times and `closed_at` once, in that order: id ×7, closed_at,
/// id, id.
const REPLACE_SQL: &str = "
         UPDATE slots SET taken = taken - (SELECT o.seats FROM booking_overflow o
                                           WHERE o.booking_id = ? AND o.slot_id = slots.id)
         WHERE id IN (SELECT slot_id FROM booking_overflow WHERE booking_id = ?)
           AND EXISTS (SELECT 1 FROM bookings WHERE id = ? AND status = 'pending');
         UPDATE slots SET taken = taken - (SELECT b.persons - COALESCE((SELECT SUM(o.seats) FROM booking_overflow o
                                                                         WHERE o.booking_id = b.id), 0)
                                           FROM bookings b WHERE b.id = ? AND b.status = 'pending')
         WHERE id = (SELECT slot_id FROM bookings WHERE id = ? AND status = 'pending');
         UPDATE booking_persons SET holds = false
         WHERE booking_id = ? AND EXISTS (SELECT 1 FROM bookings WHERE id = ? AND status = 'pending');
         UPDATE bookings SET status = 'cancelled', closed_at = ?, cancel_reason = 'replaced'
         WHERE id = ? AND status = 'pending';
         DELETE FROM booking_tokens WHERE booking_id = ? AND purpose = 'confirm';";

/// The statements that take a family's seats in the slots after its own (issue 12), one
/// pair per slot: the seat CHECK refuses a slot without them, a missing slot leaves the
/// row's slot_id NULL; either fails the whole run (`SlotFull`). Binds per slot: seats,
/// office, date, time, then booking id, office, date, time, seats.
const OVERFLOW_SQL: &str = "
         UPDATE slots SET taken = taken + ? WHERE office_id = ? AND date = ? AND time = ?;
         INSERT INTO booking_overflow (booking_id, slot_id, seats)
         VALUES (?, (SELECT id FROM slots WHERE office_id = ? AND date = ? AND time = ?), ?);";

fn create_booking_sql(
    persons: usize,
    refuse_cooling_off: bool,
    replacing: bool,
    overflow: usize,
) -> String {
    let replace = if replacing { REPLACE_SQL } else { "" };
    let overflow = OVERFLOW_SQL.repeat(overflow);
    let values = vec!["(?, ?, ?, ?, ?, ?, 1)"; persons].join(", ");
    // A cooling-off CNP (SPEC §8) leaves slot_id NULL, as a missing slot does.
    let cooling = if refuse_cooling_off {
        format!(
            " AND NOT EXISTS (SELECT 1 FROM no_shows WHERE undone_at IS NULL AND blocked_until > ?
                                AND cnp_hash IN ({}))",
            vec!["?"; persons].join(", ")
        )
    } else {
        String::new()
    };
    format!(
        "{replace}
         UPDATE slots SET taken = taken + ? WHERE office_id = ? AND date = ? AND time = ?;
         INSERT INTO bookings (id, office_id, slot_id, service, persons, status, created_at, expires_at,
                               email_hash, email_enc, phone_enc, consent_at, consent_policy, lang)
         VALUES (?, ?, (SELECT id FROM slots WHERE office_id = ? AND date = ? AND time = ?{cooling}),
                 ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?);
         INSERT INTO booking_persons (booking_id, position, last_name_enc, first_name_enc, cnp_enc, cnp_hash, holds)
         VALUES {values};{overflow}
         INSERT INTO booking_tokens (hash, booking_id, purpose, created_at) VALUES (?, ?, 'confirm', ?);
         INSERT INTO outbox (created_at, kind, payload, next_attempt_at, booking_id) VALUES (?, ?, ?, ?, ?);"
    )
}

/// Arguments in the order their `?` appear (a value used twice is bound twice).
#[derive(Default)]
struct Args(AnyArguments<'static>, Option<sqlx::error::BoxDynError>);

impl Args {
    fn add<T>(&mut self, value: T) -> &mut Self
    where
        T: sqlx::Encode<'static, Any> + sqlx::Type<Any> + 'static,
    {
        use sqlx::Arguments;
        if let Err(error) = self.0.add(value) {
            self.1.get_or_insert(error);
        }
        self
    }

    fn done(self, what: &str) -> StoreResult<AnyArguments<'static>> {
        match self.1 {
            None => Ok(self.0),
            Some(error) => Err(StoreError::Corrupt(format!("binding {what}: {error}"))),
        }
    }
}

/// Takes the seats and writes the booking, its persons, its confirm token and its e-mail;
/// with `replacing`, first cancels that unconfirmed booking of the same family (see
/// [`REPLACE_SQL`]), all in the one transaction.
pub(crate) async fn create_booking(
    writer: &GroupCommit,
    booking: &NewBooking,
    replacing: Option<&BookingId>,
) -> StoreResult<()> {
    let persons = i64::try_from(booking.persons.len()).unwrap_or(i64::MAX);
    let created_at = rows::millis(booking.created_at);
    let (office, date, time) = (
        booking.office_id,
        rows::date_text(booking.date),
        rows::time_text(booking.time),
    );
    let mut args = Args::default();
    if let Some(old) = replacing {
        for _ in 0..7 {
            args.add(old.clone());
        }
        args.add(created_at).add(old.clone()).add(old.clone());
    }
    // Seats (of its own slot).
    args.add(booking.own_seats())
        .add(office)
        .add(date.clone())
        .add(time.clone());
    // The booking.
    args.add(booking.id.clone())
        .add(office)
        .add(office)
        .add(date.clone())
        .add(time);
    if booking.refuse_cooling_off {
        args.add(created_at);
        for person in &booking.persons {
            args.add(person.cnp_hash.clone());
        }
    }
    args.add(booking.service.as_str())
        .add(persons)
        .add(created_at)
        .add(rows::millis(booking.expires_at))
        .add(booking.email_hash.clone())
        .add(booking.email.clone())
        .add(booking.phone.clone())
        .add(created_at)
        .add(booking.consent_policy.clone())
        .add(booking.lang.clone());
    // Its persons, in the order entered.
    for (position, person) in (1_i64..).zip(&booking.persons) {
        args.add(booking.id.clone())
            .add(position)
            .add(person.last_name.clone())
            .add(person.first_name.clone())
            .add(person.cnp.clone())
            .add(person.cnp_hash.clone());
    }
    // Its seats in the slots after its own.
    for (time, seats) in &booking.overflow {
        let (seats, time) = (i64::from(*seats), rows::time_text(*time));
        args.add(seats)
            .add(office)
            .add(date.clone())
            .add(time.clone());
        args.add(booking.id.clone())
            .add(office)
            .add(date.clone())
            .add(time)
            .add(seats);
    }
    // The confirm token and the e-mail.
    args.add(booking.confirm_token_hash.clone())
        .add(booking.id.clone())
        .add(created_at);
    args.add(created_at)
        .add(booking.outbox.kind)
        .add(booking.outbox.payload.clone())
        .add(created_at)
        .add(booking.id.clone());
    let sql = create_booking_sql(
        booking.persons.len(),
        booking.refuse_cooling_off,
        replacing.is_some(),
        booking.overflow.len(),
    );
    writer.run(sql, args.done("a booking")?).await.map(|_| ())
}

/// pending → confirmed if still pending and not past `expires_at`, with the cancel token
/// and the e-mail; `changes()` makes the two inserts follow the update only if it moved
/// the booking; the family's waitlist entries end with it. Returns whether this call
/// confirmed it.
pub(crate) async fn confirm_booking(
    writer: &GroupCommit,
    booking_id: &BookingId,
    now: i64,
    cancel_token_hash: &TokenHash,
    outbox: &NewOutboxMessage,
) -> StoreResult<bool> {
    const SQL: &str = "
         UPDATE bookings SET status = 'confirmed', confirmed_at = ?
         WHERE id = ? AND status = 'pending' AND expires_at > ? RETURNING 1;
         INSERT INTO booking_tokens (hash, booking_id, purpose, created_at)
         SELECT ?, ?, 'cancel', ? WHERE changes() = 1;
         INSERT INTO outbox (created_at, kind, payload, next_attempt_at)
         SELECT ?, ?, ?, ? WHERE changes() = 1;
         UPDATE waitlist_entries SET status = 'ended', closed_at = ?
         WHERE status IN ('pending', 'waiting', 'held') AND id IN (SELECT w.entry_id
             FROM booking_persons b JOIN waitlist_persons w ON w.cnp_hash = b.cnp_hash AND w.active = true
             WHERE b.booking_id = ? AND EXISTS (SELECT 1 FROM bookings WHERE id = ? AND status = 'confirmed'));
         UPDATE hold_offers SET outcome = 'void', closed_at = ?
         WHERE outcome = 'open' AND waitlist_id IN (SELECT w.entry_id
             FROM booking_persons b JOIN waitlist_persons w ON w.cnp_hash = b.cnp_hash AND w.active = true
             WHERE b.booking_id = ? AND EXISTS (SELECT 1 FROM bookings WHERE id = ? AND status = 'confirmed'));
         UPDATE freed_seats SET held_for = NULL, hold_until = NULL
         WHERE held_for IN (SELECT w.entry_id
             FROM booking_persons b JOIN waitlist_persons w ON w.cnp_hash = b.cnp_hash AND w.active = true
             WHERE b.booking_id = ? AND EXISTS (SELECT 1 FROM bookings WHERE id = ? AND status = 'confirmed'));
         UPDATE waitlist_persons SET active = false
         WHERE active = true AND entry_id IN (SELECT w.entry_id
             FROM booking_persons b JOIN waitlist_persons w ON w.cnp_hash = b.cnp_hash AND w.active = true
             WHERE b.booking_id = ? AND EXISTS (SELECT 1 FROM bookings WHERE id = ? AND status = 'confirmed'));";
    let id = booking_id.clone();
    let mut args = Args::default();
    args.add(now).add(id.clone()).add(now);
    args.add(cancel_token_hash.clone()).add(id.clone()).add(now);
    args.add(now)
        .add(outbox.kind)
        .add(outbox.payload.clone())
        .add(now);
    // A family that books leaves the waitlist (SPEC §8), in the same transaction: its
    // entries end, an open hold is void and its seats go back for the next family. Each
    // statement picks the family's entries by the booking id (twice: persons and status);
    // entries and offers also get `closed_at`. Persons go last: the pick reads them.
    args.add(now).add(id.clone()).add(id.clone());
    args.add(now).add(id.clone()).add(id.clone());
    args.add(id.clone()).add(id.clone());
    args.add(id.clone()).add(id);
    let args = args.done("a confirmation")?;
    // The update's RETURNING gives one row when it confirmed, none otherwise.
    Ok(writer.run(SQL.to_owned(), args).await? == 1)
}
