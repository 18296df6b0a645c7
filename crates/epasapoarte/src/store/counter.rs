//! The staff side of bookings (SPEC §3): a booking by id, an office's bookings over a
//! time range (the counter's agenda, the re-planning check), and the moves staff make —
//! check-in, no-show, completion, cancellation with a reason. Each move is one
//! compare-and-set transaction, like the citizen's, so staff and citizen racing on one
//! booking still have exactly one winner.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use epasapoarte_domain::booking::BookingStatus;

use super::{BookingRecord, NewAuditEntry, NewOutboxMessage, StoreResult, TransitionOutcome};
use crate::ids::{BookingId, OfficeId};

/// A staff move of one booking (see [`Counter::move_booking`]).
#[derive(Debug, Clone)]
pub struct BookingMove {
    pub booking_id: BookingId,
    pub from: BookingStatus,
    pub to: BookingStatus,
    pub now: DateTime<Utc>,
    /// A `CancelReason` name, stored with a cancellation.
    pub reason: Option<String>,
    /// The e-mail to the citizen (a cancellation notice), sealed.
    pub outbox: Option<NewOutboxMessage>,
}

#[async_trait]
pub trait Counter: Send + Sync + 'static {
    async fn booking(&self, id: &BookingId) -> StoreResult<Option<BookingRecord>>;

    /// The office's bookings whose appointment starts in `[from, to)`, in every status,
    /// by start time (then creation).
    async fn office_bookings(
        &self,
        office_id: OfficeId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<BookingRecord>>;

    /// Moves the booking `from` → `to` if it is still in `from` (the caller has checked
    /// the move against the domain lifecycle). Seats return to the slot when `to` stops
    /// holding them, the CNPs' "active booking" marks when `to` is not active, and the
    /// e-mail is queued, all in the same transaction.
    /// The `audit` line is written in the same transaction, only if the move is made.
    async fn move_booking(
        &self,
        change: &BookingMove,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<TransitionOutcome>;
}
