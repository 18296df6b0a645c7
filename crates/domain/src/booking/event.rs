//! What can happen to a booking: the events and their names.

use std::fmt;
use std::str::FromStr;

use super::{UnknownName, parse_name};

/// What can happen to a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BookingEvent {
    /// The citizen followed the confirmation link.
    Confirm,
    /// The confirmation window passed.
    Expire,
    /// The citizen or staff cancelled.
    Cancel,
    /// The persons arrived at the counter.
    CheckIn,
    /// Staff recorded that nobody came.
    MarkNoShow,
    /// Staff finished taking the applications.
    Complete,
}

impl BookingEvent {
    /// Every event.
    pub const ALL: [Self; 6] = [
        Self::Confirm,
        Self::Expire,
        Self::Cancel,
        Self::CheckIn,
        Self::MarkNoShow,
        Self::Complete,
    ];

    /// The stable name (audit log, metrics).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Confirm => "confirm",
            Self::Expire => "expire",
            Self::Cancel => "cancel",
            Self::CheckIn => "check_in",
            Self::MarkNoShow => "mark_no_show",
            Self::Complete => "complete",
        }
    }
}

impl fmt::Display for BookingEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for BookingEvent {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_name(&Self::ALL, Self::as_str, "booking event", s)
    }
}
