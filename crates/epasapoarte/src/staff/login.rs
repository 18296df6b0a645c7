//! Signing in. Every failure gives the same answer ("wrong username or password") after
//! the same work — exactly one argon2 check, against a dummy hash for unknown users — so
//! neither the text, the status nor the timing tells whether a username exists. Five
//! failures in a row lock an account for 15 minutes; twenty failures from one address in
//! 15 minutes refuse that address for every account.

use std::net::IpAddr;

use serde_json::json;

use super::password;
use super::{
    ABSOLUTE_TIMEOUT, ADDRESS_LIMIT, ADDRESS_WINDOW, Actor, AuditEvent, IDLE_TIMEOUT, LOCK_AFTER,
    LOCK_FOR, StaffMember, StaffResult, StaffService, Username, member_of,
};
use crate::crypto::{self, HashPurpose};
use crate::store::{NewStaffSession, StaffUserRecord};

/// How a login ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginOutcome {
    /// A new session: `token` goes into the cookie (only its hash is stored).
    SignedIn { token: String, member: StaffMember },
    /// One answer for every failure, whatever the reason.
    Refused,
}

/// Why a login failed — for the audit trail only, never for the person trying.
#[derive(Debug, Clone, Copy)]
enum Failure {
    UnknownUser,
    Disabled,
    Locked,
    WrongPassword,
}

impl Failure {
    fn as_str(self) -> &'static str {
        match self {
            Failure::UnknownUser => "unknown_user",
            Failure::Disabled => "disabled",
            Failure::Locked => "locked",
            Failure::WrongPassword => "wrong_password",
        }
    }
}

impl StaffService {
    pub async fn login(
        &self,
        username: &str,
        password: &str,
        address: IpAddr,
    ) -> StaffResult<LoginOutcome> {
        let now = self.now();
        let address_hash = self.crypto.keyed_hash(
            HashPurpose::RateLimit,
            format!("staff-login {address}").as_bytes(),
        );
        let from_address = self
            .store
            .address_failures_since(&address_hash, now - ADDRESS_WINDOW)
            .await?;
        let user = match Username::parse(username) {
            Some(name) => self.store.staff_user_by_username(name.as_str()).await?,
            None => None,
        };
        let stored_hash = user.as_ref().map(|user| user.password_hash.clone());
        let matched = password::verify_blocking(stored_hash, password.to_owned()).await;
        if from_address >= ADDRESS_LIMIT {
            self.note_address_failure(&address_hash).await?;
            if from_address == ADDRESS_LIMIT {
                // Once per burst: the trail says an address was shut out, not every knock.
                let event = AuditEvent::new(Actor::Anonymous, "login.throttled")
                    .after(json!({"failures": from_address, "window_minutes": ADDRESS_WINDOW.num_minutes()}));
                self.audit_or_log(event).await;
            }
            return Ok(LoginOutcome::Refused);
        }
        let user = match user {
            None => return self.refuse(&address_hash, None, Failure::UnknownUser).await,
            Some(user) if user.disabled_at.is_some() => {
                return self
                    .refuse(&address_hash, Some(&user), Failure::Disabled)
                    .await;
            }
            Some(user) if user.locked_until.is_some_and(|until| until > now) => {
                return self
                    .refuse(&address_hash, Some(&user), Failure::Locked)
                    .await;
            }
            Some(user) if !matched => {
                return self
                    .refuse(&address_hash, Some(&user), Failure::WrongPassword)
                    .await;
            }
            Some(user) => user,
        };
        let member = member_of(&user)?;
        self.store.clear_failed_logins(user.id).await?;
        // Housekeeping rides on logins: few, and the table stays small without a job.
        self.store
            .delete_stale_staff_sessions(now, now - IDLE_TIMEOUT)
            .await?;
        let token = crypto::new_token();
        let session = NewStaffSession {
            id: crypto::token_hash(&token),
            user_id: user.id,
            created_at: now,
            expires_at: now + ABSOLUTE_TIMEOUT,
        };
        let event = AuditEvent::new(Actor::staff(&member), "login.succeeded")
            .office(member.office_id)
            .target(format!("user:{}", member.user_id));
        self.store
            .create_staff_session(&session, Some(&event.entry(now)))
            .await?;
        Ok(LoginOutcome::SignedIn { token, member })
    }

    async fn note_address_failure(&self, address_hash: &[u8]) -> StaffResult<()> {
        let now = self.now();
        self.store
            .record_address_failure(address_hash, now, now - ADDRESS_WINDOW)
            .await?;
        Ok(())
    }

    /// Counts the failure (address; account unless already locked), audits it, refuses.
    async fn refuse(
        &self,
        address_hash: &[u8],
        user: Option<&StaffUserRecord>,
        failure: Failure,
    ) -> StaffResult<LoginOutcome> {
        self.note_address_failure(address_hash).await?;
        let mut event = AuditEvent::new(Actor::Anonymous, "login.failed")
            .after(json!({"reason": failure.as_str()}));
        let Some(user) = user else {
            self.audit_or_log(event).await;
            return Ok(LoginOutcome::Refused);
        };
        event = event
            .office(user.office_id)
            .target(format!("user:{}", user.id));
        self.audit_or_log(event).await;
        if matches!(failure, Failure::WrongPassword) {
            let until = self.now() + LOCK_FOR;
            if self
                .store
                .record_failed_login(user.id, LOCK_AFTER, until)
                .await?
            {
                let event = AuditEvent::new(Actor::System, "login.locked")
                    .office(user.office_id)
                    .target(format!("user:{}", user.id))
                    .after(json!({"until": until.to_rfc3339(), "after_failures": LOCK_AFTER}));
                self.audit_or_log(event).await;
            }
        }
        Ok(LoginOutcome::Refused)
    }
}
