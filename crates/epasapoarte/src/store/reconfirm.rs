//! Reconfirmation of far-ahead bookings (SPEC §8): asking once, the one-click answer, and
//! cancelling the bookings whose answer did not come in time. The rules (who is asked,
//! when, the deadline) are the domain's `fair::reconfirm`; the store keeps each step
//! single-winner with conditional updates, so several instances may run the job.

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};

use super::{NewOutboxMessage, StoreResult, TransitionOutcome};
use crate::ids::{BookingId, TokenHash};

/// Where a booking stands with its reconfirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReconfirmState {
    /// The deadline of the request, once one was sent.
    pub reconfirm_by: Option<DateTime<Utc>>,
    pub reconfirmed_at: Option<DateTime<Utc>>,
}

#[async_trait]
pub trait Reconfirmations: Send + Sync + 'static {
    /// Confirmed bookings not yet asked whose appointment starts within `(now, now +
    /// before]` and was more than `before` away when they were confirmed; oldest first.
    async fn reconfirm_requests_due(
        &self,
        now: DateTime<Utc>,
        before: TimeDelta,
        limit: u32,
    ) -> StoreResult<Vec<BookingId>>;

    /// Records the request (deadline `by`), its link token and its e-mail in one
    /// transaction, if the booking is still confirmed and was not asked yet; returns
    /// whether this call asked.
    async fn ask_reconfirmation(
        &self,
        booking_id: &BookingId,
        now: DateTime<Utc>,
        by: DateTime<Utc>,
        token_hash: &TokenHash,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<bool>;

    async fn reconfirm_state(&self, booking_id: &BookingId) -> StoreResult<ReconfirmState>;

    /// The citizen's answer: `Done` for the call that reconfirmed a confirmed booking
    /// before its deadline, else the booking's status unchanged (also when it was
    /// reconfirmed already, or the deadline has passed).
    async fn reconfirm_booking(
        &self,
        booking_id: &BookingId,
        now: DateTime<Utc>,
    ) -> StoreResult<TransitionOutcome>;

    /// Confirmed bookings whose request's deadline passed without an answer.
    async fn reconfirmations_lapsed(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<BookingId>>;

    /// Cancels a booking whose reconfirmation lapsed (reason `not_reconfirmed`), with its
    /// e-mail, if it still is so; its seats go back as every cancellation's do.
    async fn cancel_not_reconfirmed(
        &self,
        booking_id: &BookingId,
        now: DateTime<Utc>,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<bool>;
}
