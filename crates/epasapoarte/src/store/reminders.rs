//! The reminder e-mail before an appointment (issue 12 item 10): which confirmed bookings
//! are due one, and queuing it once — a conditional update that one instance wins.

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};

use super::{NewOutboxMessage, StoreResult, TokenPurpose};
use crate::ids::{BookingId, TokenHash};

#[async_trait]
pub trait Reminders: Send + Sync + 'static {
    /// Confirmed bookings starting within `before` of `now`, confirmed more than `before`
    /// ahead of their time (one booked for tomorrow needs no reminder), not reminded yet;
    /// soonest first, at most `limit`.
    async fn reminders_due(
        &self,
        now: DateTime<Utc>,
        before: TimeDelta,
        limit: u32,
    ) -> StoreResult<Vec<BookingId>>;

    /// Marks the booking reminded and queues the e-mail with its fresh link token, in one
    /// transaction, if it is still confirmed and was not reminded; returns whether this
    /// call did.
    async fn queue_reminder(
        &self,
        booking_id: &BookingId,
        now: DateTime<Utc>,
        token: (TokenPurpose, &TokenHash),
        outbox: &NewOutboxMessage,
    ) -> StoreResult<bool>;
}
