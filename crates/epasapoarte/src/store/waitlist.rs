//! The waitlist with personal holds and the random delayed release of freed seats (SPEC
//! §8). Seats a booking gives up stay counted in `slots.taken` as a `freed_seats` row
//! until they are released (so public availability needs nothing new); meanwhile the
//! service may hold them for the longest-waiting matching family. The store only keeps
//! the single-winner transitions; the service picks families (domain `fair::hold`) and
//! builds the e-mails.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use epasapoarte_domain::fair::ReleaseDelay;
use epasapoarte_domain::passport::PassportType;

use super::{NewOutboxMessage, SealedPerson, StoreResult};
use crate::ids::{BookingId, OfficeId, TokenHash};

/// What a family asks for when it joins the waitlist, sealed.
#[derive(Debug, Clone)]
pub struct NewWaitlistEntry {
    pub id: String,
    pub service: PassportType,
    pub offices: Vec<OfficeId>,
    pub date_from: NaiveDate,
    pub date_to: NaiveDate,
    pub persons: Vec<SealedPerson>,
    pub email_hash: Vec<u8>,
    pub email: Vec<u8>,
    pub phone: Option<Vec<u8>>,
    pub consent_policy: String,
    pub lang: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub confirm_token_hash: TokenHash,
    pub outbox: NewOutboxMessage,
}

/// The purposes of `fair_tokens` this part uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FairPurpose {
    WaitlistConfirm,
    HoldTake,
}

impl FairPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            FairPurpose::WaitlistConfirm => "waitlist_confirm",
            FairPurpose::HoldTake => "hold_take",
        }
    }
}

/// Seats held for a family: where, when, how many, until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldSeats {
    pub slot_id: i64,
    pub office_id: OfficeId,
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub starts_at: DateTime<Utc>,
    pub seats: u16,
    pub hold_until: DateTime<Utc>,
}

/// A stored waitlist entry, personal data still sealed.
#[derive(Debug, Clone)]
pub struct WaitlistRecord {
    pub id: String,
    /// `pending`, `waiting`, `held`, `booked`, `ended` or `lapsed`.
    pub status: String,
    pub service: String,
    pub offices: Vec<OfficeId>,
    pub date_from: NaiveDate,
    pub date_to: NaiveDate,
    pub expires_at: DateTime<Utc>,
    pub waiting_since: Option<DateTime<Utc>>,
    pub booking_id: Option<BookingId>,
    pub email: Vec<u8>,
    pub lang: String,
    pub persons: Vec<SealedPerson>,
}

/// A hold offered to a family (the take link's subject).
#[derive(Debug, Clone)]
pub struct HoldOffer {
    pub offer_id: i64,
    /// `open`, `taken`, `lapsed` or `void`.
    pub outcome: String,
    pub seats: HeldSeats,
    pub entry: WaitlistRecord,
}

/// A freed-seats row nobody holds, with its slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeSeats {
    pub freed_id: i64,
    pub slot_id: i64,
    pub office_id: OfficeId,
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub starts_at: DateTime<Utc>,
    pub seats: u16,
    pub release_at: DateTime<Utc>,
}

/// A waiting family as matching needs it (and its address for the offer).
#[derive(Debug, Clone)]
pub struct WaitingEntry {
    pub id: String,
    pub service: String,
    pub offices: Vec<OfficeId>,
    pub date_from: NaiveDate,
    pub date_to: NaiveDate,
    pub persons: u16,
    pub waiting_since: DateTime<Utc>,
    pub email: Vec<u8>,
    pub lang: String,
}

/// Everything the hold job needs to pick families, read at once.
#[derive(Debug, Clone, Default)]
pub struct HoldCandidates {
    pub free: Vec<FreeSeats>,
    pub waiting: Vec<WaitingEntry>,
    /// (waitlist id, slot id) of every offer ever made to a waiting family.
    pub offered: Vec<(String, i64)>,
    /// Per office, the services it offers.
    pub services: Vec<(OfficeId, String)>,
}

/// A hold to place for the family `waitlist_id`: `seats` are (slot id, seats) taken from
/// the freed seats nobody holds, the first slot being the time the family comes; more than
/// one when the family is seated over consecutive slots (issue 12). Their seats add up to
/// `persons`.
#[derive(Debug, Clone)]
pub struct NewHold {
    pub seats: Vec<(i64, u16)>,
    pub waitlist_id: String,
    pub persons: u16,
    pub now: DateTime<Utc>,
    pub hold_until: DateTime<Utc>,
    pub take_token_hash: TokenHash,
    pub outbox: NewOutboxMessage,
}

/// A hold whose time has passed (to tell the family).
#[derive(Debug, Clone)]
pub struct LapsingHold {
    pub offer_id: i64,
    pub waitlist_id: String,
    pub email: Vec<u8>,
    pub lang: String,
    pub seats: HeldSeats,
}

/// Taking a hold: the confirmed booking it becomes.
#[derive(Debug, Clone)]
pub struct TakeHold {
    pub offer_id: i64,
    pub waitlist_id: String,
    pub booking_id: BookingId,
    pub now: DateTime<Utc>,
    pub cancel_token_hash: TokenHash,
    pub outbox: NewOutboxMessage,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TakeOutcome {
    Taken,
    /// The hold had lapsed (or there was none).
    Expired,
    /// This family took it already.
    AlreadyTaken(Option<BookingId>),
}

/// What a waitlist status change found; exactly one concurrent caller sees `Done`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WaitlistTransition {
    Done,
    /// The entry was in this status; nothing changed.
    Unchanged(String),
}

#[async_trait]
pub trait Waitlist: Send + Sync + 'static {
    /// The delay before freed seats return to public availability (`0-0`: at once, the
    /// old behaviour). Every release path reads it.
    fn set_release_delay(&self, delay: ReleaseDelay);
    fn release_delay(&self) -> ReleaseDelay;

    /// Writes a pending entry, its persons, its confirm token and e-mail in one
    /// transaction; `CnpAlreadyWaiting` if a CNP is on another active entry.
    async fn join_waitlist(&self, entry: &NewWaitlistEntry) -> StoreResult<()>;
    /// The entry a `waitlist_confirm` token is for.
    async fn waitlist_by_token(
        &self,
        token_hash: &TokenHash,
    ) -> StoreResult<Option<WaitlistRecord>>;
    /// The offer a `hold_take` token is for.
    async fn hold_offer_by_token(&self, token_hash: &TokenHash) -> StoreResult<Option<HoldOffer>>;
    /// pending → waiting (the wait starts now) unless past its time, with an e-mail.
    async fn confirm_waitlist(
        &self,
        id: &str,
        now: DateTime<Utc>,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<WaitlistTransition>;
    /// Unconfirmed entries past their time lapse (their CNPs are free again).
    async fn expire_waitlist(&self, now: DateTime<Utc>) -> StoreResult<u64>;

    /// Freed seats nobody holds, waiting families and past offers.
    async fn hold_candidates(&self, now: DateTime<Utc>) -> StoreResult<HoldCandidates>;
    /// Holds seats for a family, slot by slot from the freed rows nobody holds (splitting
    /// a row that has more). `false` if another worker got there first (a row or the
    /// family changed): nothing written.
    async fn place_hold(&self, hold: &NewHold) -> StoreResult<bool>;
    /// Holds whose time has passed.
    async fn lapsing_holds(&self, now: DateTime<Utc>) -> StoreResult<Vec<LapsingHold>>;
    /// Ends a hold not taken in time: the seats go back to the pool, the family back to
    /// waiting (keeping its place), with an e-mail. `false` if it was no longer open.
    async fn lapse_hold(
        &self,
        offer_id: i64,
        now: DateTime<Utc>,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<bool>;
    /// Gives back up to `limit` freed seats whose time has come and nobody holds
    /// (exactly once, however many instances run it). Returns how many rows.
    async fn release_due(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<u64>;
    /// The held seats become a confirmed booking (origin `hold`) of the family.
    async fn take_hold(&self, take: &TakeHold) -> StoreResult<TakeOutcome>;
}
