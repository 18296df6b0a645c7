//! The public dashboard's counts (SPEC §8 "Public dashboard"): per office what was put on
//! offer, booked and freed lately, the waitlist and what became of the holds; the draws
//! with their published figures. Nothing here is personal: counts, dates and seeds.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::StoreResult;
use crate::ids::OfficeId;

/// One office's recent fair-access figures, in seats (persons) except where named.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FairCounts {
    pub office_id: OfficeId,
    /// Seats of the slots whose day entered the booking window since `since`.
    pub seats_offered: u32,
    /// Persons of bookings confirmed since `since` (by the public, a draw or a hold).
    pub seats_booked: u32,
    /// Persons of bookings cancelled or expired since `since`: seats given back.
    pub seats_freed: u32,
    /// Families on the waitlist now (waiting or holding) with this office among theirs.
    pub waitlist: u32,
    /// Holds at this office taken since `since`.
    pub holds_taken: u32,
    /// Holds at this office that lapsed since `since`.
    pub holds_lapsed: u32,
}

/// A draw as published: its seed only once it has run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawFigures {
    pub draw_date: NaiveDate,
    pub seed_sha256: String,
    pub closes_at: DateTime<Utc>,
    pub ran_at: Option<DateTime<Utc>>,
    /// The seed, revealed after the draw (`None` before).
    pub seed: Option<Vec<u8>>,
    pub entries: Option<u32>,
    pub seats: Option<u32>,
    pub winners: Option<u32>,
}

#[async_trait]
pub trait Stats: Send + Sync + 'static {
    /// Every office's counts for `[since, now]`.
    async fn fair_counts(
        &self,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<FairCounts>>;
    /// The latest `limit` draws by date, newest first (open ones included, seedless).
    async fn recent_draws(&self, limit: u32) -> StoreResult<Vec<DrawFigures>>;
}
