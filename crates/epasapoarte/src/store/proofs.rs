//! The replay store of the proof of work (SPEC §8): each ALTCHA solution and each form
//! ticket is accepted once, across all instances, because accepting it is inserting its
//! hash under a primary key; the hashes are kept until the solution would have expired
//! anyway. Also the public dashboard's challenge counts, per day.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::StoreResult;

#[async_trait]
pub trait Proofs: Send + Sync + 'static {
    /// Records a solution as spent until `expires_at`: `true` the first time, `false` when
    /// it already was (a replay). One statement, safe under any concurrency.
    async fn spend_proof(&self, hash: &[u8], expires_at: DateTime<Utc>) -> StoreResult<bool>;
    /// Deletes the spent solutions expired at `now`; returns how many.
    async fn purge_spent_proofs(&self, now: DateTime<Utc>) -> StoreResult<u64>;
    /// Adds this instance's challenges issued and refused on `day` to the shared counts.
    async fn add_challenge_counts(
        &self,
        day: NaiveDate,
        issued: u64,
        rejected: u64,
    ) -> StoreResult<()>;
    /// Challenges issued and refused on the days from `since` on, all instances.
    async fn challenge_counts(&self, since: NaiveDate) -> StoreResult<(u64, u64)>;
}
