//! Storage behind one small trait, with one implementation ([`sql`]) for both backends:
//! SQLite (the embedded default) and PostgreSQL (production); what each does its own way
//! is in [`sqlite`] and [`postgres`]. The service above it
//! seals personal data and builds e-mails before calling in; the store sees only hashes,
//! ciphertexts, ids and counts, and keeps the invariants that must hold under concurrency
//! (seats, one active booking per CNP, single-use transitions) inside the database.

use std::sync::Arc;

use crate::ids::{BookingId, OfficeId, TokenHash};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use epasapoarte_domain::booking::BookingStatus;
use epasapoarte_domain::passport::PassportType;
use epasapoarte_domain::schedule::Schedule;

mod migrations;
pub mod postgres;
mod rows;
pub mod sql;
pub mod sqlite;

/// The store the app holds: one of the backends, picked from the URL at start.
pub type DynStore = Arc<dyn Store>;

/// Opens the backend named by `EPAS_DATABASE_URL` and applies pending migrations.
pub async fn connect(database_url: &str) -> anyhow::Result<DynStore> {
    let store: DynStore =
        if database_url.starts_with("postgres://") || database_url.starts_with("postgresql://") {
            Arc::new(postgres::connect(database_url).await?)
        } else {
            Arc::new(sqlite::connect(database_url).await?)
        };
    store.migrate().await?;
    Ok(store)
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The slot has fewer free seats than persons asked for (or no longer exists).
    #[error("the slot has no room for that many persons")]
    SlotFull,
    /// One of the CNPs already holds a pending or confirmed booking.
    #[error("a CNP already holds an active booking")]
    CnpAlreadyBooked,
    /// One of the CNPs is already on an active waitlist entry.
    #[error("a CNP is already on the waitlist")]
    CnpAlreadyWaiting,
    /// One of the CNPs is cooling off after a no-show (SPEC §8).
    #[error("a CNP is cooling off after a no-show")]
    CnpCoolingOff,
    #[error("not found")]
    NotFound,
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    /// The database could not be reached — refused, reset, no connection free in time, or
    /// shutting down (issue 13): worth a retry soon, not a bug. The edges answer 503
    /// `unavailable` with Retry-After.
    pub fn is_unavailable(&self) -> bool {
        let StoreError::Database(error) = self else {
            return false;
        };
        match error {
            sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::WorkerCrashed => true,
            // SQLSTATE class 08 (connection exception); 57P01-03: the server is shutting
            // down, crashed, or not accepting connections yet.
            sqlx::Error::Database(db) => db.code().is_some_and(|code| {
                code.starts_with("08") || matches!(code.as_ref(), "57P01" | "57P02" | "57P03")
            }),
            _ => false,
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// A passport office with everything needed to plan its slots.
#[derive(Debug, Clone)]
pub struct OfficeRecord {
    pub id: OfficeId,
    pub county_code: String,
    pub name: String,
    pub address: String,
    pub timezone: chrono_tz::Tz,
    pub max_persons: u8,
    pub horizon_days: u32,
    pub services: Vec<PassportType>,
    pub schedule: Schedule,
}

/// An office to insert (seed, admin).
#[derive(Debug, Clone)]
pub struct NewOffice {
    pub county_code: String,
    pub name: String,
    pub address: String,
    pub timezone: chrono_tz::Tz,
    pub max_persons: u8,
    pub horizon_days: u32,
    pub services: Vec<PassportType>,
    pub schedule: Schedule,
}

/// A planned slot to materialise in the `slots` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedSlot {
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub starts_at: DateTime<Utc>,
    pub capacity: u16,
}

/// A slot and its seats as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotSeats {
    pub office_id: OfficeId,
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub starts_at: DateTime<Utc>,
    pub capacity: u16,
    pub taken: u16,
}

impl SlotSeats {
    pub fn free(&self) -> u16 {
        self.capacity.saturating_sub(self.taken)
    }
}

/// One person of a booking, personal data sealed.
#[derive(Debug, Clone)]
pub struct SealedPerson {
    pub last_name: Vec<u8>,
    pub first_name: Vec<u8>,
    pub cnp: Vec<u8>,
    pub cnp_hash: Vec<u8>,
}

/// Everything a new booking writes, in one transaction.
#[derive(Debug, Clone)]
pub struct NewBooking {
    pub id: BookingId,
    pub office_id: OfficeId,
    pub service: PassportType,
    pub date: NaiveDate,
    pub time: NaiveTime,
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
    /// SPEC §8: refuse with `CnpCoolingOff` when a CNP has an unexpired no-show at
    /// `created_at`. Checked inside the booking's own write (a read before it cost the
    /// plain booking path 14% of its throughput).
    pub refuse_cooling_off: bool,
    /// A family larger than its slot's free seats (issue 12): the seats it takes in the
    /// slots after `time` that day, in order. Its own slot takes the rest of `persons`.
    /// Empty when one slot seats it (the common case, and the hot path).
    pub overflow: Vec<(NaiveTime, u16)>,
}

impl NewBooking {
    /// The seats the booking takes in its own slot.
    pub fn own_seats(&self) -> i64 {
        let spilled: i64 = self
            .overflow
            .iter()
            .map(|(_, seats)| i64::from(*seats))
            .sum();
        i64::try_from(self.persons.len()).unwrap_or(i64::MAX) - spilled
    }
}

/// An unconfirmed booking a new booking of the same family may replace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaceable {
    pub id: BookingId,
    /// The seats it holds (date, time, seats at its office): its own slot's, and those of
    /// later slots for a family seated over consecutive ones. They return when it is
    /// replaced, so the new booking may be planned on them.
    pub seats: Vec<(OfficeId, NaiveDate, NaiveTime, u16)>,
    /// The CNP hashes it holds: the new booking must hold all of them.
    pub cnp_hashes: Vec<Vec<u8>>,
    /// Bookings of these CNPs replaced lately (the guard against hoarding by replacing).
    pub replaced_lately: u32,
}

/// A stored booking, personal data still sealed.
#[derive(Debug, Clone)]
pub struct BookingRecord {
    pub id: BookingId,
    pub office_id: OfficeId,
    pub service: PassportType,
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub starts_at: DateTime<Utc>,
    pub status: BookingStatus,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub email: Vec<u8>,
    pub lang: String,
    pub persons: Vec<SealedPerson>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    Confirm,
    Cancel,
    /// Reconfirm a far-ahead booking (SPEC §8); kept with the other fair-access links.
    Reconfirm,
}

impl TokenPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::Confirm => "confirm",
            TokenPurpose::Cancel => "cancel",
            TokenPurpose::Reconfirm => "reconfirm",
        }
    }
}

/// What a status change found; exactly one concurrent caller sees `Done`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionOutcome {
    /// This call made the change.
    Done,
    /// The booking was already in another status; nothing changed.
    Unchanged(BookingStatus),
}

/// The whole storage interface the app holds: small parts, each implemented once in a
/// file of its own (`sql/bookings.rs`, `sql/staff.rs`, …).
pub trait Store:
    Database
    + Catalog
    + Bookings
    + Counter
    + Outbox
    + Staff
    + Applications
    + Reports
    + OfficeSetup
    + Stats
    + Draws
    + Waitlist
    + Proofs
    + Reconfirmations
    + Reminders
    + Declarations
    + Activities
    + Invariants
    + KeyRing
{
}

impl<
    T: Database
        + Catalog
        + Bookings
        + Counter
        + Outbox
        + Staff
        + Applications
        + Reports
        + OfficeSetup
        + Stats
        + Draws
        + Waitlist
        + Proofs
        + Reconfirmations
        + Reminders
        + Declarations
        + Activities
        + Invariants
        + KeyRing,
> Store for T
{
}

mod activity_hours;
mod applications;
mod counter;
mod declarations;
mod draws;
mod invariants;
pub mod key_ring;
mod office_setup;
mod outbox;
pub mod proofs;
mod reconfirm;
mod reminders;
pub(crate) mod reports;
mod staff;
pub mod stats;
mod waitlist;

pub use activity_hours::{Activities, ActivityHours};
pub use applications::*;
pub use counter::*;
pub use declarations::*;
pub use draws::*;
pub use invariants::{InvariantReport, Invariants};
pub use key_ring::KeyRing;
pub use office_setup::*;
pub use outbox::*;
pub use proofs::Proofs;
pub use reconfirm::{ReconfirmState, Reconfirmations};
pub use reminders::Reminders;
pub use reports::{DayCounts, LeadTimeDay, LeadTimeSample, Reports};
pub use staff::*;
pub use stats::{DrawFigures, FairCounts, Stats};
pub use waitlist::*;

#[async_trait]
pub trait Database: Send + Sync + 'static {
    /// Applies the migrations this binary carries that the database lacks.
    async fn migrate(&self) -> anyhow::Result<()>;
    /// A cheap round trip, for `/readyz`.
    async fn ping(&self) -> StoreResult<()>;
    fn backend(&self) -> &'static str;
    /// Records `value` as the database's key check value unless one is there already;
    /// returns the recorded one (this one, or the first instance's).
    async fn record_key_check(&self, value: &[u8], now: DateTime<Utc>) -> StoreResult<Vec<u8>>;
    /// Whether the database has a key check value yet.
    async fn has_key_check(&self) -> StoreResult<bool>;
    /// One sealed value of the data, if any: a database that predates the key check is
    /// tried with it before the check is recorded.
    async fn a_sealed_value(&self) -> StoreResult<Option<Vec<u8>>>;
    /// A consistent copy of a SQLite database into `path` (an empty or missing file),
    /// taken while it serves (`VACUUM INTO`); PostgreSQL has its own tools (README).
    async fn backup_into(&self, path: &str) -> anyhow::Result<()>;
}

/// Counties, offices and their slots.
#[async_trait]
pub trait Catalog: Send + Sync + 'static {
    async fn upsert_counties(&self, counties: &[(&str, &str)]) -> StoreResult<()>;
    async fn counties(&self) -> StoreResult<Vec<(String, String)>>;
    /// Inserts an office unless one of that name exists in the county; returns its id.
    async fn insert_office(&self, office: &NewOffice) -> StoreResult<OfficeId>;
    async fn offices(&self) -> StoreResult<Vec<OfficeRecord>>;
    /// Creates the slots that do not exist yet; returns how many it created.
    async fn plan_slots(&self, office_id: OfficeId, slots: &[PlannedSlot]) -> StoreResult<u64>;
    /// The office's slots starting in `[from, to)`, by start time.
    async fn slots(
        &self,
        office_id: OfficeId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<SlotSeats>>;
    /// Per office, its first slot in `[from, to)` with at least `persons` free seats.
    async fn first_free_slots(
        &self,
        office_ids: &[OfficeId],
        persons: u16,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<SlotSeats>>;
}

/// The booking lifecycle (SPEC §4). Every method is one transaction.
#[async_trait]
pub trait Bookings: Send + Sync + 'static {
    /// Takes the seats and writes the booking, its persons, its confirm token and its
    /// outbox message atomically. `SlotFull` or `CnpAlreadyBooked` write nothing.
    async fn create_booking(&self, booking: &NewBooking) -> StoreResult<()>;
    /// [`Self::create_booking`], first cancelling `replaced` — the same family's booking
    /// still waiting for its confirmation (issue 12: a mistyped e-mail) — in the same
    /// transaction: its seats return at once and its confirm link stops working. If
    /// `replaced` is no longer pending, nothing of it changes and the CNPs it holds make
    /// this `CnpAlreadyBooked`.
    async fn create_booking_replacing(
        &self,
        booking: &NewBooking,
        replaced: &BookingId,
    ) -> StoreResult<()>;
    /// The unconfirmed booking holding some of `cnp_hashes` that a new booking of the same
    /// family could replace, and how many of their bookings were replaced since `since`.
    async fn replaceable_pending(
        &self,
        cnp_hashes: &[Vec<u8>],
        since: DateTime<Utc>,
    ) -> StoreResult<Option<Replaceable>>;
    async fn booking_by_token(
        &self,
        purpose: TokenPurpose,
        token_hash: &TokenHash,
    ) -> StoreResult<Option<BookingRecord>>;
    async fn active_bookings_by_email(&self, email_hash: &[u8]) -> StoreResult<Vec<BookingRecord>>;
    /// pending → confirmed if not past `expires_at`; with it a cancel token and the
    /// confirmation e-mail. A pending booking past its time is expired on the spot.
    async fn confirm_booking(
        &self,
        booking_id: &BookingId,
        now: DateTime<Utc>,
        cancel_token_hash: &TokenHash,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<TransitionOutcome>;
    /// pending|confirmed → cancelled, seats released, notice e-mailed, in one transaction.
    async fn cancel_booking(
        &self,
        booking_id: &BookingId,
        now: DateTime<Utc>,
        reason: &str,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<TransitionOutcome>;
    /// Expires up to `limit` pending bookings due at `now`, releasing their seats.
    async fn expire_due(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<u64>;
    /// After an appointment's time, its CNPs no longer count as "active": the citizen may
    /// book again even if nobody marked the visit. Returns how many bookings it released.
    async fn release_past_holds(&self, before: DateTime<Utc>) -> StoreResult<u64>;
    /// Retention: deletes the personal data (persons, e-mail, phone, tokens) of bookings
    /// whose appointment started before `before`, and sent e-mails older than it; keeps
    /// the anonymous rows. Returns how many bookings it purged.
    async fn purge_personal_data(
        &self,
        before: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<u64>;
    /// Stores fresh link tokens and one outbox message (the "find my appointments" answer).
    async fn add_tokens_with_message(
        &self,
        tokens: &[(BookingId, TokenPurpose, TokenHash)],
        now: DateTime<Utc>,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<()>;
}

#[cfg(test)]
mod tests;
