//! Storage of the back office's people: staff accounts, their sessions, login throttling,
//! and the append-only audit log (issue 5; SPEC §3). The store sees password hashes,
//! session-id hashes and address hashes only; the rules (timeouts, thresholds, who may
//! do what) live in `crate::staff`.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;
use crate::ids::OfficeId;

pub(super) mod mapping;

/// A staff account to insert. `office_id` is `None` exactly for admins (the database
/// checks it too).
#[derive(Debug, Clone)]
pub struct NewStaffUser {
    /// Lower-case, already validated.
    pub username: String,
    /// An argon2id PHC string.
    pub password_hash: String,
    /// `admin` | `manager` | `clerk`.
    pub role: String,
    pub office_id: Option<OfficeId>,
    pub created_at: DateTime<Utc>,
}

/// A staff account as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffUserRecord {
    pub id: i64,
    pub username: String,
    pub password_hash: String,
    pub role: String,
    pub office_id: Option<OfficeId>,
    pub created_at: DateTime<Utc>,
    pub password_changed_at: DateTime<Utc>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub failed_logins: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

/// A session to open: `id` is the SHA-256 of the cookie's random value.
#[derive(Debug, Clone)]
pub struct NewStaffSession {
    pub id: Vec<u8>,
    pub user_id: i64,
    pub created_at: DateTime<Utc>,
    /// The absolute end, whatever the activity.
    pub expires_at: DateTime<Utc>,
}

/// A stored session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffSessionRecord {
    pub id: Vec<u8>,
    pub user_id: i64,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// One line of the audit trail to append. `before`/`after` are JSON texts and must not
/// carry personal data in clear (a CNP as its last 4 digits or a keyed hash).
#[derive(Debug, Clone, Default)]
pub struct NewAuditEntry {
    pub at: DateTime<Utc>,
    /// A readable label: the username, `system`, `token:NAME` or `anonymous`.
    pub actor: String,
    pub actor_user_id: Option<i64>,
    /// A stable dotted name, e.g. `login.failed`, `access.denied`, `user.created`.
    pub action: String,
    pub office_id: Option<OfficeId>,
    pub target: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A line of the audit trail as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub actor_user_id: Option<i64>,
    pub action: String,
    pub office_id: Option<OfficeId>,
    pub target: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Which audit lines to read; every part optional. Newest first, `before_id` pages on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub office_id: Option<OfficeId>,
    /// Lines at or after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Lines strictly before this instant.
    pub to: Option<DateTime<Utc>>,
    /// Lines with a smaller id only (the next page of a newest-first listing).
    pub before_id: Option<i64>,
}

/// Staff accounts, sessions, login throttling and the audit log.
#[async_trait]
pub trait Staff: Send + Sync + 'static {
    /// Inserts an account; `None` when the username is already taken.
    /// With its `audit` line (target left empty: `user:ID` fills it), in one transaction.
    async fn insert_staff_user(
        &self,
        user: &NewStaffUser,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<Option<i64>>;
    async fn staff_user(&self, id: i64) -> StoreResult<Option<StaffUserRecord>>;
    /// By lower-case username.
    async fn staff_user_by_username(&self, username: &str) -> StoreResult<Option<StaffUserRecord>>;
    /// Every account, by username.
    async fn staff_users(&self) -> StoreResult<Vec<StaffUserRecord>>;

    /// Stores a new password hash and ends every session of the account except `keep`.
    async fn set_password_hash(
        &self,
        user_id: i64,
        password_hash: &str,
        now: DateTime<Utc>,
        keep_session: &[u8],
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<()>;

    /// Disables the account at `at` (ending every session of it) or, with `None`, enables
    /// it again; with its audit line, in one transaction. `NotFound` for no such account.
    async fn set_staff_disabled(
        &self,
        user_id: i64,
        at: Option<DateTime<Utc>>,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<()>;

    /// Notes a failed login of `subject` (a keyed hash of the username as typed) from an
    /// address (hashed), pruning notes older than `prune_before`.
    async fn record_login_failure(
        &self,
        subject_hash: &[u8],
        ip_hash: &[u8],
        now: DateTime<Utc>,
        prune_before: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// The failures at or after `since` of the subject from the address, of the subject
    /// from anywhere, and of anyone from the address.
    async fn login_failures(
        &self,
        subject_hash: &[u8],
        ip_hash: &[u8],
        since: DateTime<Utc>,
    ) -> StoreResult<crate::staff::LoginFailures>;
    /// A successful login: the subject's failures (from every address) are forgotten.
    async fn clear_login_failures(&self, subject_hash: &[u8]) -> StoreResult<()>;

    /// A new session with its `audit` line (the sign-in), in one transaction.
    async fn create_staff_session(
        &self,
        session: &NewStaffSession,
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<()>;
    /// A session and its account, in one round trip (every `/admin` request asks).
    async fn staff_session(
        &self,
        id: &[u8],
    ) -> StoreResult<Option<(StaffSessionRecord, StaffUserRecord)>>;
    /// Marks the session active at `now` (the idle timeout restarts).
    async fn touch_staff_session(&self, id: &[u8], now: DateTime<Utc>) -> StoreResult<()>;
    /// Ends a session, with its `audit` line (a sign-out) if given, in one transaction.
    async fn delete_staff_session(
        &self,
        id: &[u8],
        audit: Option<&NewAuditEntry>,
    ) -> StoreResult<()>;
    /// Deletes sessions past their absolute end (`expires_at <= now`) or idle since before
    /// `idle_before`; returns how many.
    async fn delete_stale_staff_sessions(
        &self,
        now: DateTime<Utc>,
        idle_before: DateTime<Utc>,
    ) -> StoreResult<u64>;

    /// Appends one line to the audit trail; returns its id.
    async fn append_audit(&self, entry: &NewAuditEntry) -> StoreResult<i64>;
    /// Up to `limit` lines matching `filter`, newest first.
    async fn audit_entries(
        &self,
        filter: &AuditFilter,
        limit: u32,
    ) -> StoreResult<Vec<AuditRecord>>;
}
