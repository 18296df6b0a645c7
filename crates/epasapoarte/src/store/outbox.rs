//! The transactional outbox as the store sees it: a sealed message to write with a
//! change, and the delivery side (claim, mark, depth).

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;

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
        error: &str,
        next_attempt_at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Messages not yet sent, and when the oldest of them was queued (for `/metrics`).
    async fn outbox_depth(&self) -> StoreResult<OutboxDepth>;
}

/// The outbox's backlog: how many messages wait, and since when the oldest does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxDepth {
    pub waiting: u64,
    pub oldest_queued_at: Option<DateTime<Utc>>,
}
