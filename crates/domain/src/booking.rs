//! The booking lifecycle (SPEC §4): statuses, the events that move them, and which
//! moves hold or release seats.
//!
//! ```text
//! pending ──confirm──▶ confirmed ──check_in──▶ checked_in ──complete──▶ completed
//!    │                    │ └──mark_no_show──▶ no_show
//!    ├──expire──▶ expired └──cancel──▶ cancelled
//!    └──cancel──▶ cancelled
//! ```
//!
//! The storage layer runs each [`transition`] as one conditional update
//! (`… WHERE status = from`), so that of two racing events exactly one wins; it releases
//! seats in the same transaction when [`Transition::releases_seats`] says so.

mod cancel;
mod event;
mod reference;
mod status;
mod transition;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use cancel::{CancelReason, EXPLANATION_MAX_CHARS};
pub use event::BookingEvent;
pub use reference::{BookingReference, REFERENCE_LEN, ReferenceError};
pub use status::BookingStatus;
pub use transition::{IllegalTransition, Transition, seat_delta, step, transition};

/// A stable name that matched no variant of the named type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind}: {value:?}")]
pub struct UnknownName {
    /// Which type was being parsed, e.g. "booking status".
    pub kind: &'static str,
    /// The rejected input, as given.
    pub value: String,
}

/// Finds the variant whose stable name is `s`: the one parser behind every `FromStr` here.
pub(crate) fn parse_name<T: Copy>(
    all: &[T],
    name: fn(T) -> &'static str,
    kind: &'static str,
    s: &str,
) -> Result<T, UnknownName> {
    all.iter()
        .copied()
        .find(|v| name(*v) == s)
        .ok_or_else(|| UnknownName {
            kind,
            value: s.to_owned(),
        })
}
