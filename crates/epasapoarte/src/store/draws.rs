//! The opening-day draw (SPEC §8) and the no-show cool-off as the store sees them: draws
//! with their committed seed, entries with sealed persons, the one transaction that runs a
//! draw (claimed by a conditional UPDATE on `ran_at`, so it happens once however many
//! instances try), and the no-show marks that block a CNP.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::{
    BookingMove, NewAuditEntry, NewOutboxMessage, SealedPerson, StoreResult, TransitionOutcome,
};
use crate::ids::{BookingId, OfficeId, TokenHash};

/// A draw as stored (the seed is secret until `ran_at`).
#[derive(Clone, PartialEq, Eq)]
pub struct DrawRow {
    pub draw_date: NaiveDate,
    pub seed: Vec<u8>,
    pub seed_sha256: String,
    pub opened_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub ran_at: Option<DateTime<Utc>>,
    pub entries: Option<u32>,
    pub seats: Option<u32>,
    pub winners: Option<u32>,
}

impl std::fmt::Debug for DrawRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DrawRow")
            .field("draw_date", &self.draw_date)
            .field("ran_at", &self.ran_at)
            .finish_non_exhaustive()
    }
}

/// Everything a new entry writes, in one transaction (with its confirm token and e-mail).
#[derive(Debug, Clone)]
pub struct NewDrawEntry {
    pub id: String,
    pub draw_date: NaiveDate,
    pub service: String,
    pub offices: Vec<OfficeId>,
    pub part_of_day: String,
    pub wants_waitlist: bool,
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

/// A stored entry, personal data still sealed.
#[derive(Debug, Clone)]
pub struct DrawEntryRecord {
    pub id: String,
    pub draw_date: NaiveDate,
    pub status: String,
    pub service: String,
    pub offices: Vec<OfficeId>,
    pub part_of_day: String,
    pub wants_waitlist: bool,
    pub expires_at: DateTime<Utc>,
    pub email: Vec<u8>,
    pub lang: String,
    pub booking_id: Option<BookingId>,
    pub persons: Vec<SealedPerson>,
}

/// Why an entry could not be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryRefusal {
    /// A CNP is already in an active entry of that draw.
    AlreadyEntered,
    /// A CNP holds an active booking.
    AlreadyBooked,
    /// A CNP is cooling off after a no-show.
    CoolingOff,
    /// The draw has run (or does not exist).
    Closed,
}

/// What confirming an entry found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryConfirm {
    /// Confirmed by this call.
    Confirmed(String),
    /// Not pending any more: its status now.
    Unchanged(String, String),
    /// Pending but past its time: lapsed here.
    Lapsed(String),
}

/// A winner of a draw: the booking it gets.
#[derive(Debug, Clone)]
pub struct DrawWinner {
    pub entry_id: String,
    pub booking_id: BookingId,
    pub office_id: OfficeId,
    pub time: NaiveTime,
    pub persons: u16,
    /// Its seats in the slots after `time`, for a family seated over consecutive slots
    /// (issue 12); the slot at `time` holds the rest of `persons`.
    pub later: Vec<(NaiveTime, u16)>,
    pub cancel_token_hash: TokenHash,
    pub outbox: NewOutboxMessage,
}

/// An entry that won nothing, its e-mail, and its waitlist place if it asked for one.
#[derive(Debug, Clone)]
pub struct DrawLoser {
    pub entry_id: String,
    pub outbox: NewOutboxMessage,
    pub waitlist: Option<WaitlistPlace>,
}

/// A waitlist place given to a losing entry (status `waiting` at once).
#[derive(Debug, Clone)]
pub struct WaitlistPlace {
    pub id: String,
    pub date_from: NaiveDate,
    pub date_to: NaiveDate,
}

/// The outcome of a draw, computed from the entries and slots read just before.
#[derive(Debug, Clone)]
pub struct DrawResult {
    pub draw_date: NaiveDate,
    pub ran_at: DateTime<Utc>,
    /// Confirmed entries taking part.
    pub entries: u32,
    /// Free seats of the day when the draw ran.
    pub seats: u32,
    pub winners: Vec<DrawWinner>,
    pub losers: Vec<DrawLoser>,
}

/// What running a draw did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DrawRun {
    /// This call ran it.
    Ran,
    /// It had run already (another instance, or an earlier call).
    AlreadyRan,
    /// A seat or a CNP changed since the read: nothing written, run it again.
    Stale,
}

/// A no-show mark of one CNP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoShowMark {
    pub cnp_hash: Vec<u8>,
    pub marked_at: DateTime<Utc>,
    pub blocked_until: DateTime<Utc>,
}

#[async_trait]
pub trait Draws: Send + Sync + 'static {
    /// Creates the draw of `date` with this seed unless it exists; returns the stored row.
    async fn open_draw(
        &self,
        date: NaiveDate,
        seed: &[u8],
        seed_sha256: &str,
        now: DateTime<Utc>,
        closes_at: DateTime<Utc>,
    ) -> StoreResult<DrawRow>;
    async fn draw(&self, date: NaiveDate) -> StoreResult<Option<DrawRow>>;
    /// The latest `limit` draws, newest date first.
    async fn draws(&self, limit: u32) -> StoreResult<Vec<DrawRow>>;
    /// Draws not yet run whose time has come at `now`, oldest first.
    async fn due_draws(&self, now: DateTime<Utc>) -> StoreResult<Vec<DrawRow>>;
    /// The earliest date of a draw not yet run (the public may not book it yet).
    async fn earliest_undrawn(&self) -> StoreResult<Option<NaiveDate>>;
    /// Writes an entry, its persons, its confirm token and its e-mail, or says why not.
    async fn create_draw_entry(
        &self,
        entry: &NewDrawEntry,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<(), EntryRefusal>>;
    /// The entry a `draw_confirm` token points to.
    async fn draw_entry_by_token(&self, token_hash: &TokenHash) -> StoreResult<Option<String>>;
    /// pending → confirmed if not past its time (else lapsed on the spot).
    async fn confirm_draw_entry(&self, id: &str, now: DateTime<Utc>) -> StoreResult<EntryConfirm>;
    /// Lapses pending entries past their time (frees their CNPs); returns how many.
    async fn lapse_draw_entries(&self, now: DateTime<Utc>) -> StoreResult<u64>;
    /// An entry and its persons.
    async fn draw_entry(&self, id: &str) -> StoreResult<Option<DrawEntryRecord>>;
    /// The entries of a draw (every status), with their persons, by id.
    async fn draw_entries(&self, date: NaiveDate) -> StoreResult<Vec<DrawEntryRecord>>;
    /// Which of these CNP hashes hold an active booking or are cooling off at `now`.
    async fn blocked_cnps(
        &self,
        cnp_hashes: &[Vec<u8>],
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<Vec<u8>>>;
    /// Runs the draw in one transaction, exactly once.
    async fn run_draw(&self, result: &DrawResult) -> StoreResult<DrawRun>;
    /// The no-show marks (not undone) of these CNP hashes.
    async fn no_shows(&self, cnp_hashes: &[Vec<u8>]) -> StoreResult<Vec<NoShowMark>>;
    /// The latest `blocked_until` among live marks of these CNPs, if after `now`.
    async fn cooling_off_until(
        &self,
        cnp_hashes: &[Vec<u8>],
        now: DateTime<Utc>,
    ) -> StoreResult<Option<DateTime<Utc>>>;
    /// Undoes a booking's no-show: back to `confirmed`, its marks undone, the audit line
    /// written, in one transaction. False when it was not a no-show.
    async fn undo_no_show(
        &self,
        booking_id: &BookingId,
        now: DateTime<Utc>,
        audit: &NewAuditEntry,
    ) -> StoreResult<bool>;
    /// A staff move to `no_show` with the CNPs' cool-off marks, the citizen's e-mail and
    /// the audit line, in one transaction (like [`super::Counter::move_booking`]).
    async fn mark_no_show(
        &self,
        change: &BookingMove,
        marks: &[NoShowMark],
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<TransitionOutcome>;
}
