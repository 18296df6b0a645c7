//! The legal moves between booking statuses and their effect on seats.

use std::fmt;

use super::{BookingEvent, BookingStatus};

/// An event that does not apply to a booking in its current status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub struct IllegalTransition {
    /// The status the booking was in.
    pub from: BookingStatus,
    /// The event that was refused.
    pub event: BookingEvent,
}

impl fmt::Display for IllegalTransition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a booking that is {} cannot take the event {}",
            self.from, self.event
        )
    }
}

/// One legal move, with what it means for the slot's seats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Transition {
    /// Before.
    pub from: BookingStatus,
    /// What happened.
    pub event: BookingEvent,
    /// After.
    pub to: BookingStatus,
}

impl Transition {
    /// Whether the booking's seats return to the pool: the storage layer must release
    /// them in the same database transaction as the status change.
    #[must_use]
    pub const fn releases_seats(self) -> bool {
        self.from.holds_seats() && !self.to.holds_seats()
    }

    /// The change of the slot's taken seats for a booking of `persons`.
    #[must_use]
    pub const fn seat_delta(self, persons: u16) -> i32 {
        seat_delta(self.from, self.to, persons)
    }
}

/// The status after `event`, or why the event does not apply.
///
/// Every repeated event is illegal, including a second `Confirm` on a confirmed booking:
/// the domain reports it honestly, and the shell, which reads the current status, answers
/// a second click on the confirmation link with "already confirmed" (SPEC J3: using a
/// confirmation link twice is harmless). Likewise a `Cancel` on a cancelled booking.
pub const fn transition(
    from: BookingStatus,
    event: BookingEvent,
) -> Result<BookingStatus, IllegalTransition> {
    use BookingEvent as E;
    use BookingStatus as S;
    match (from, event) {
        (S::Pending, E::Confirm) => Ok(S::Confirmed),
        (S::Pending, E::Expire) => Ok(S::Expired),
        (S::Pending | S::Confirmed, E::Cancel) => Ok(S::Cancelled),
        (S::Confirmed, E::CheckIn) => Ok(S::CheckedIn),
        (S::Confirmed, E::MarkNoShow) => Ok(S::NoShow),
        (S::CheckedIn, E::Complete) => Ok(S::Completed),
        _ => Err(IllegalTransition { from, event }),
    }
}

/// Like [`transition`], but returns the whole move so the caller can see its seat effect.
pub const fn step(
    from: BookingStatus,
    event: BookingEvent,
) -> Result<Transition, IllegalTransition> {
    match transition(from, event) {
        Ok(to) => Ok(Transition { from, event, to }),
        Err(e) => Err(e),
    }
}

/// The change of a slot's taken seats when a booking of `persons` moves from `from` to
/// `to`: `-persons` when it stops holding seats, `+persons` when it starts, 0 otherwise.
/// No legal transition starts holding seats: a booking takes its seats once, when it is
/// created as [`BookingStatus::INITIAL`], which holds them.
#[must_use]
pub const fn seat_delta(from: BookingStatus, to: BookingStatus, persons: u16) -> i32 {
    let p = persons as i32;
    match (from.holds_seats(), to.holds_seats()) {
        (true, false) => -p,
        (false, true) => p,
        _ => 0,
    }
}
