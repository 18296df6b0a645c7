//! The waitlist, personal holds and the delayed release of freed seats (SPEC §8), written
//! once for both backends. Every transition is a conditional UPDATE or DELETE, so exactly
//! one of many instances makes it; the seats themselves never leave `slots.taken` until
//! the release gives them back, so the no-overbooking CHECK keeps holding.
//! The trait's methods are thin; the SQL lives beside each concern (`waitlist/*.rs`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use epasapoarte_domain::fair::ReleaseDelay;

use super::SqlStore;
use crate::ids::TokenHash;
use crate::store::*;

mod candidates;
mod confirming;
mod ending;
mod freed;
pub(crate) use freed::seats_held;
mod joining;
mod lapsing;
mod lookups;
mod offering;
mod rows;
mod taking;

pub(crate) use ending::end_for;

#[async_trait]
impl Waitlist for SqlStore {
    fn set_release_delay(&self, delay: ReleaseDelay) {
        *self
            .release_delay
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = delay;
    }

    fn release_delay(&self) -> ReleaseDelay {
        *self
            .release_delay
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    async fn join_waitlist(&self, entry: &NewWaitlistEntry) -> StoreResult<()> {
        self.join(entry).await
    }

    async fn waitlist_by_token(
        &self,
        token_hash: &TokenHash,
    ) -> StoreResult<Option<WaitlistRecord>> {
        self.entry_by_token(token_hash).await
    }

    async fn hold_offer_by_token(&self, token_hash: &TokenHash) -> StoreResult<Option<HoldOffer>> {
        self.offer_by_token(token_hash).await
    }

    async fn confirm_waitlist(
        &self,
        id: &str,
        now: DateTime<Utc>,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<WaitlistTransition> {
        self.confirm_entry(id, now, outbox).await
    }

    async fn expire_waitlist(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        self.expire_pending(now).await
    }

    async fn hold_candidates(&self, now: DateTime<Utc>) -> StoreResult<HoldCandidates> {
        self.candidates(now).await
    }

    async fn place_hold(&self, hold: &NewHold) -> StoreResult<bool> {
        self.offer_hold(hold).await
    }

    async fn lapsing_holds(&self, now: DateTime<Utc>) -> StoreResult<Vec<LapsingHold>> {
        self.holds_lapsing(now).await
    }

    async fn lapse_hold(
        &self,
        offer_id: i64,
        now: DateTime<Utc>,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<bool> {
        self.lapse_offer(offer_id, now, outbox).await
    }

    async fn release_due(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<u64> {
        self.release_freed(now, limit).await
    }

    async fn take_hold(&self, take: &TakeHold) -> StoreResult<TakeOutcome> {
        self.take_offer(take).await
    }
}
