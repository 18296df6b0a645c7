//! The invariants every fault must leave intact (issue 13), read straight from the
//! database by `epasapoarte audit`: no slot holds more than its capacity, every slot's
//! counter equals the seats its bookings (and the freed seats not yet public) hold, no
//! CNP holds two active bookings, every pending booking has its confirmation request in
//! the outbox, and every booking a client was told about is there.

use async_trait::async_trait;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::StoreResult;
use crate::ids::BookingId;

/// What `epasapoarte audit` found; every count but `slots` and `acknowledged` must be 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvariantReport {
    /// Slots audited (from the given day on).
    pub slots: u64,
    /// Slots whose counter passed their capacity.
    pub overbooked_slots: u64,
    /// Seats held by bookings and freed seats beyond their slot's capacity.
    pub overbooked_seats: u64,
    /// Σ |counter − seats held by bookings and freed seats| over the slots, plus the same
    /// against the person rows still holding a seat (from the next day on: a CNP stops
    /// holding an hour after its appointment).
    pub seat_mismatches: u64,
    /// CNPs holding more than one active booking.
    pub duplicate_cnps: u64,
    /// Pending bookings made by the public with no confirmation request in the outbox
    /// (since the outbox has recorded which booking a request is for).
    pub pending_without_mail: u64,
    /// Booking ids the caller was told were saved …
    pub acknowledged: u64,
    /// … and of those, the ones the database does not hold.
    pub lost: u64,
}

impl InvariantReport {
    /// Whether every invariant holds.
    #[must_use]
    pub fn holds(&self) -> bool {
        self.overbooked_slots
            + self.overbooked_seats
            + self.seat_mismatches
            + self.duplicate_cnps
            + self.pending_without_mail
            + self.lost
            == 0
    }
}

#[async_trait]
pub trait Invariants: Send + Sync + 'static {
    /// Audits the slots of `from` and later, the CNPs, the outbox and `acknowledged`.
    async fn audit_invariants(
        &self,
        from: NaiveDate,
        acknowledged: &[BookingId],
    ) -> StoreResult<InvariantReport>;
}
