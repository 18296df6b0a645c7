//! The transactional outbox as the store sees it: a sealed message to write with a
//! change, and the delivery side (claim, mark, depth).

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;
use crate::ids::BookingId;

/// A message for the outbox, already sealed by the mail layer.
#[derive(Debug, Clone)]
pub struct NewOutboxMessage {
    pub kind: &'static str,
    pub payload: Vec<u8>,
}

/// A message claimed for delivery.
#[derive(Debug, Clone)]
pub struct OutboxItem {
    pub id: i64,
    pub kind: String,
    pub payload: Vec<u8>,
    pub attempts: u32,
    pub created_at: DateTime<Utc>,
    /// The booking whose confirmation request this is (its 30 minutes start when the
    /// message is handed over); `None` for every other message.
    pub booking_id: Option<BookingId>,
}

/// Why a message was not handed over, as the outbox records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failure<'a> {
    /// Short and free of personal data ("smtp timeout", "smtp permanent 550").
    pub error: &'a str,
    /// It can never go out as it is (refused for good, malformed address, unreadable):
    /// it does not hold its booking, and the relay's return does not hurry it.
    pub undeliverable: bool,
}

/// The transactional outbox's delivery side (the writing side is in [`super::Bookings`]).
#[async_trait]
pub trait Outbox: Send + Sync + 'static {
    /// Leases up to `limit` due messages until `now + lease`; a message is leased to one
    /// worker at a time across all instances.
    async fn claim_outbox(
        &self,
        now: DateTime<Utc>,
        lease: chrono::Duration,
        limit: u32,
    ) -> StoreResult<Vec<OutboxItem>>;
    /// Marks messages sent (a group at a time: one transaction for all of them).
    async fn mark_sent(&self, ids: &[i64], now: DateTime<Utc>) -> StoreResult<()>;
    async fn mark_failed(
        &self,
        id: i64,
        failure: Failure<'_>,
        next_attempt_at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Closes messages that must not go out any more (a confirmation request for a
    /// booking no longer pending): `sent_at` is set and `last_error` says why.
    async fn mark_moot(&self, ids: &[i64], reason: &str, now: DateTime<Utc>) -> StoreResult<()>;
    /// Starts the time to confirm of the pending bookings among `bookings`, whose
    /// confirmation requests are about to be handed over: each expires no earlier than
    /// `until`. Returns the pending ones with their deadline; the others are not pending
    /// any more and their request must not be sent.
    async fn start_confirm_windows(
        &self,
        bookings: &[BookingId],
        until: DateTime<Utc>,
    ) -> StoreResult<Vec<(BookingId, DateTime<Utc>)>>;
    /// The relay answers again: every unsent message that is not undeliverable is due
    /// now, whatever its backoff said. Returns how many were brought forward.
    async fn retry_waiting_for_relay(&self, now: DateTime<Utc>) -> StoreResult<u64>;
    /// Messages not yet sent, and when the oldest of them was queued (for `/metrics`).
    async fn outbox_depth(&self) -> StoreResult<OutboxDepth>;
}

/// The outbox's backlog: how many messages wait, and since when the oldest does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxDepth {
    pub waiting: u64,
    pub oldest_queued_at: Option<DateTime<Utc>>,
    /// Of those waiting, the ones whose last attempt failed.
    pub failing: u64,
    /// Of those, the ones that cannot go out as they are (refused for good).
    pub undeliverable: u64,
}
