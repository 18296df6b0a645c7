//! Where a booking stands: the statuses, which of them hold seats, and their names.

use std::fmt;
use std::str::FromStr;

use super::{UnknownName, parse_name};

/// Where a booking stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BookingStatus {
    /// Saved, waiting for the e-mail confirmation (30 minutes); holds its seats.
    Pending,
    /// Confirmed by e-mail; holds its seats until the appointment.
    Confirmed,
    /// The persons arrived at the office.
    CheckedIn,
    /// The applications were taken.
    Completed,
    /// Nobody came.
    NoShow,
    /// Not confirmed in time.
    Expired,
    /// Cancelled by the citizen or by staff (with a reason).
    Cancelled,
}

impl BookingStatus {
    /// Every status, in lifecycle order.
    pub const ALL: [Self; 7] = [
        Self::Pending,
        Self::Confirmed,
        Self::CheckedIn,
        Self::Completed,
        Self::NoShow,
        Self::Expired,
        Self::Cancelled,
    ];

    /// The status a new booking starts in.
    pub const INITIAL: Self = Self::Pending;

    /// The stable name (database, JSON).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Confirmed => "confirmed",
            Self::CheckedIn => "checked_in",
            Self::Completed => "completed",
            Self::NoShow => "no_show",
            Self::Expired => "expired",
            Self::Cancelled => "cancelled",
        }
    }

    /// Whether the booking's persons occupy seats of its slot. A checked-in booking still
    /// does: citizens often arrive before their time, and a seat freed by an early
    /// check-in would be offered online again for a slot the counter is already serving.
    /// The seats return when the visit ends (completed), which is past the slot anyway.
    #[must_use]
    pub const fn holds_seats(self) -> bool {
        matches!(self, Self::Pending | Self::Confirmed | Self::CheckedIn)
    }

    /// Whether the booking counts for "one active booking per CNP": pending or confirmed.
    /// Once checked in, the person may book again (for instance a family member's later
    /// appointment).
    #[must_use]
    pub const fn is_active(self) -> bool {
        matches!(self, Self::Pending | Self::Confirmed)
    }

    /// Whether no event can move the booking any more.
    #[must_use]
    pub const fn is_final(self) -> bool {
        matches!(
            self,
            Self::Completed | Self::NoShow | Self::Expired | Self::Cancelled
        )
    }

    /// The catalogue key of its label on the agenda and the citizen's pages.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Pending => "booking_status.pending",
            Self::Confirmed => "booking_status.confirmed",
            Self::CheckedIn => "booking_status.checked_in",
            Self::Completed => "booking_status.completed",
            Self::NoShow => "booking_status.no_show",
            Self::Expired => "booking_status.expired",
            Self::Cancelled => "booking_status.cancelled",
        }
    }
}

impl fmt::Display for BookingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for BookingStatus {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_name(&Self::ALL, Self::as_str, "booking status", s)
    }
}
