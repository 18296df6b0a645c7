//! The staff service (SPEC §3, issue 5): accounts with argon2id passwords, logins with
//! throttling and lockout, server-side sessions with idle and absolute timeouts, the
//! access rules of the back office, and the audit trail. The pages under `/admin` call
//! it; the CLI creates accounts through it. Rules live here, storage in `store::Staff`.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use crate::clock::Clock;
use crate::crypto::Crypto;
use crate::ids::OfficeId;
use crate::service::{BookingService, FieldErrors};
use crate::store::{AuditFilter, AuditRecord, DynStore, StaffUserRecord, StoreError};

pub mod access;
mod accounts;
pub mod audit;
mod lockout;
mod login;
pub mod password;
mod role;
mod session;

pub use access::{Access, Require};
pub use accounts::{
    AccountRefusal, NewUser, create_user, may_manage, roles_creatable_by, temporary_password,
};
pub use audit::{Actor, AuditEvent};
pub use lockout::{Limit, LoginFailures, Tally, minutes_to_say};
pub use login::LoginOutcome;
pub use role::{Role, Username};

/// A session ends after this long without a request…
pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
/// …and this long after login, whatever the activity.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);

/// A signed-in staff member, as the access rules see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMember {
    pub user_id: i64,
    pub username: String,
    pub role: Role,
    /// `None` exactly for admins.
    pub office_id: Option<OfficeId>,
}

/// A live session: who, and which session (the SHA-256 of its cookie value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffSession {
    pub member: StaffMember,
    pub id: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error("the input is not valid")]
    Validation(FieldErrors),
    #[error("the username is already taken")]
    UsernameTaken,
    #[error("an admin belongs to no office: leave --office out")]
    OfficeNotAllowed,
    #[error("a manager or a clerk belongs to one office: give --office ID")]
    OfficeRequired,
    #[error("there is no office with id {0}")]
    UnknownOffice(OfficeId),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<StoreError> for StaffError {
    fn from(error: StoreError) -> Self {
        StaffError::Internal(error.into())
    }
}

pub type StaffResult<T> = Result<T, StaffError>;

/// What the staff operations need; cheap to clone.
#[derive(Clone)]
pub struct StaffService {
    pub store: DynStore,
    pub crypto: Crypto,
    pub clock: Arc<dyn Clock>,
}

impl StaffService {
    pub fn new(store: DynStore, crypto: Crypto, clock: Arc<dyn Clock>) -> StaffService {
        StaffService {
            store,
            crypto,
            clock,
        }
    }

    /// The staff service over the same store, keys and clock as the booking service.
    pub fn of(service: &BookingService) -> StaffService {
        StaffService::new(
            service.store.clone(),
            service.crypto.clone(),
            service.clock.clone(),
        )
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Appends to the audit trail now.
    pub async fn audit(&self, event: AuditEvent) -> StaffResult<i64> {
        Ok(self.store.append_audit(&event.entry(self.now())).await?)
    }

    /// Appends to the audit trail; a failure is logged, never shown (used on paths that
    /// refuse anyway, where the refusal must not turn into an error page).
    pub async fn audit_or_log(&self, event: AuditEvent) {
        if let Err(error) = self.audit(event).await {
            tracing::error!(error = %error, "could not write the audit log");
        }
    }

    /// Up to `limit` audit lines, newest first.
    pub async fn audit_entries(
        &self,
        filter: &AuditFilter,
        limit: u32,
    ) -> StaffResult<Vec<AuditRecord>> {
        Ok(self.store.audit_entries(filter, limit).await?)
    }

    /// Every account, by username (password hashes are not for display: callers drop them).
    pub async fn users(&self) -> StaffResult<Vec<StaffUserRecord>> {
        Ok(self.store.staff_users().await?)
    }
}

/// The member an account row describes; a stored role we cannot read is corruption.
fn member_of(user: &StaffUserRecord) -> StaffResult<StaffMember> {
    let role = user
        .role
        .parse::<Role>()
        .map_err(|error| anyhow::anyhow!("staff user {}: {error}", user.id))?;
    Ok(StaffMember {
        user_id: user.id,
        username: user.username.clone(),
        role,
        office_id: user.office_id,
    })
}
