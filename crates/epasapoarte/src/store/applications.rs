//! Storage of passport applications, the API tokens other systems use to move them, and
//! the restrictions registry (issue 5; SPEC §3). As for bookings, the store sees only
//! sealed personal data and keyed hashes; the rules (fees, pickup, transitions) are
//! decided above it, and the invariants that must hold under concurrency (unique
//! numbers, one application per booked person, compare-and-set status moves) inside it.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use epasapoarte_domain::application::{ApplicationNumber, ApplicationStatus};

use super::{NewAuditEntry, NewOutboxMessage, StoreResult};
use crate::ids::{BookingId, TokenHash};

mod records;
pub(super) mod rows;

pub use records::*;

/// Applications, API tokens and restrictions. Every method is one transaction.
#[async_trait]
pub trait Applications: Send + Sync + 'static {
    /// Draws the next number of the office's county and year and writes the application
    /// with its first event — unless the CNP is under a restriction in force on the
    /// submission day (checked in the same transaction), or the booked person already
    /// has an application.
    /// The `audit` line (its target left empty: the new number fills it) is written in the
    /// same transaction.
    async fn register_application(
        &self,
        new: &NewApplication,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<Registration>;

    async fn application_by_number(
        &self,
        number: &ApplicationNumber,
    ) -> StoreResult<Option<ApplicationRecord>>;

    /// Every application of a CNP (by its keyed hash), newest first.
    async fn applications_by_cnp(&self, cnp_hash: &[u8]) -> StoreResult<Vec<ApplicationRecord>>;

    /// The newest application matching the public lookup hash (last 9 CNP digits and
    /// submission date).
    async fn application_by_last9(
        &self,
        cnp_last9_hash: &[u8],
    ) -> StoreResult<Option<ApplicationRecord>>;

    /// An application's history, oldest first.
    async fn application_events(&self, application_id: i64) -> StoreResult<Vec<ApplicationEvent>>;

    /// Moves an application from `change.from` to `change.to` if it is still in
    /// `change.from` (compare-and-set: of two racing moves exactly one wins), with its
    /// event and, if given, the e-mail to the citizen, in one transaction.
    /// Reminders due by `today` (office-local), neither sent nor unsubscribed.
    async fn expiry_reminders_due(
        &self,
        today: NaiveDate,
        limit: u32,
    ) -> StoreResult<Vec<ExpiryReminderRecord>>;

    /// Marks the reminder sent (its address dropped, its unsubscribe token replaced by the
    /// one its e-mail carries) and queues that e-mail, in one transaction; `false` when it
    /// was sent or unsubscribed meanwhile.
    async fn queue_expiry_reminder(
        &self,
        application_id: i64,
        now: DateTime<Utc>,
        unsubscribe_hash: &TokenHash,
        outbox: &NewOutboxMessage,
    ) -> StoreResult<bool>;

    async fn expiry_reminder_by_token(
        &self,
        unsubscribe_hash: &TokenHash,
    ) -> StoreResult<Option<ExpiryReminderState>>;

    /// Unsubscribes (and drops the address); `false` when the token is unknown.
    async fn unsubscribe_expiry_reminder(
        &self,
        unsubscribe_hash: &TokenHash,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;

    async fn move_application(
        &self,
        change: &StatusChange,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<MoveOutcome>;

    /// Retention (issue 12): empties the personal data (CNP and its hashes, names,
    /// e-mail, courier address) of applications that ended (handed over, shipped,
    /// rejected) before `before`, and marks them purged at `now`. The anonymous rows
    /// stay. Returns how many it purged.
    async fn purge_applications(
        &self,
        before: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<u64>;

    /// A person of a booking, to prefill (and check) an application from it.
    async fn booked_person(
        &self,
        booking_id: &BookingId,
        position: u32,
    ) -> StoreResult<Option<BookedPerson>>;

    /// Stores a token's hash under a name; `None` when the name is taken.
    async fn add_api_token(
        &self,
        name: &str,
        token_hash: &TokenHash,
        now: DateTime<Utc>,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<Option<i64>>;

    async fn api_token_by_hash(
        &self,
        token_hash: &TokenHash,
    ) -> StoreResult<Option<ApiTokenRecord>>;

    /// All tokens, revoked ones included, by name.
    async fn api_tokens(&self) -> StoreResult<Vec<ApiTokenRecord>>;

    /// Revokes the named token; `false` when there is no such active token.
    async fn revoke_api_token(
        &self,
        name: &str,
        now: DateTime<Utc>,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<bool>;

    /// With its `audit` line (target left empty: `restriction:ID` fills it).
    async fn add_restriction(
        &self,
        new: &NewRestriction,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<i64>;

    /// Lifts a restriction before its end date; `false` when unknown or already lifted.
    async fn lift_restriction(
        &self,
        id: i64,
        by: &str,
        now: DateTime<Utc>,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<bool>;

    /// A restriction of the CNP in force on `on` (the most recently created), if any.
    async fn active_restriction(
        &self,
        cnp_hash: &[u8],
        on: NaiveDate,
    ) -> StoreResult<Option<RestrictionRecord>>;

    /// The whole registry, newest first (in force, ended and lifted alike).
    async fn restrictions(&self) -> StoreResult<Vec<RestrictionRecord>>;
}

/// A status move to make (see [`Applications::move_application`]).
#[derive(Debug, Clone)]
pub struct StatusChange {
    pub number: ApplicationNumber,
    pub from: ApplicationStatus,
    pub to: ApplicationStatus,
    /// Required for `rejected` (the database checks it), optional otherwise.
    pub reason: Option<String>,
    /// A staff username, or `token:NAME`.
    pub actor: String,
    pub now: DateTime<Utc>,
    /// The e-mail to the citizen (`ready`, `shipped`), sealed.
    pub outbox: Option<NewOutboxMessage>,
    /// The passport is issued and its holder asked for the expiry reminder (issue 12):
    /// scheduled in the same transaction (once: a second issue keeps the first).
    pub expiry_reminder: Option<NewExpiryReminder>,
}

/// What a status move found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveOutcome {
    /// This call moved it.
    Moved,
    /// It was no longer in `from`; nothing changed. Its status now.
    Unchanged(ApplicationStatus),
}
