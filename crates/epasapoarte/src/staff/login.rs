//! Signing in. A wrong password and an unknown user get the same answer ("wrong username
//! or password") after the same work — exactly one argon2 check, against a dummy hash for
//! unknown users — so neither the text, the status nor the timing tells whether a
//! username exists. Too many failures get "too many attempts, try again in N minutes",
//! decided before any hashing by the limits of [`super::lockout`]: per username and
//! address, per username (a growing delay, never a lock), per address.

use std::net::IpAddr;

use chrono::TimeDelta;
use serde_json::json;

use super::lockout::{self, LoginFailures};
use super::password;
use super::{
    ABSOLUTE_TIMEOUT, Actor, AuditEvent, IDLE_TIMEOUT, StaffMember, StaffResult, StaffService,
    Username, member_of,
};
use crate::crypto::{self, HashPurpose};
use crate::store::{NewStaffSession, StaffUserRecord};

/// How a login ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginOutcome {
    /// A new session: `token` goes into the cookie (only its hash is stored).
    SignedIn { token: String, member: StaffMember },
    /// Wrong username or password (one answer for both).
    Refused,
    /// Not tried: too many recent failures; the person may try again after `retry_after`.
    TooManyAttempts { retry_after: TimeDelta },
}

/// Why a login failed — for the audit trail only, never for the person trying.
#[derive(Debug, Clone, Copy)]
enum Failure {
    UnknownUser,
    Disabled,
    WrongPassword,
}

impl Failure {
    fn as_str(self) -> &'static str {
        match self {
            Failure::UnknownUser => "unknown_user",
            Failure::Disabled => "disabled",
            Failure::WrongPassword => "wrong_password",
        }
    }
}

/// The keys the failures are counted under: the username as typed and the address.
struct Keys {
    subject: Vec<u8>,
    address: Vec<u8>,
}

impl StaffService {
    pub async fn login(
        &self,
        username: &str,
        password: &str,
        address: IpAddr,
    ) -> StaffResult<LoginOutcome> {
        let now = self.now();
        let typed: String = username.trim().to_lowercase().chars().take(64).collect();
        let keys = Keys {
            subject: self.crypto.keyed_hash(
                HashPurpose::RateLimit,
                format!("staff-user {typed}").as_bytes(),
            ),
            address: self.crypto.keyed_hash(
                HashPurpose::RateLimit,
                format!("staff-login {address}").as_bytes(),
            ),
        };
        let failures = self
            .store
            .login_failures(&keys.subject, &keys.address, now - lockout::WINDOW)
            .await?;
        // Before any hashing: a refused try costs no argon2 work and counts for nothing.
        if let Some((retry_after, _)) = lockout::wait(&failures, now) {
            return Ok(LoginOutcome::TooManyAttempts { retry_after });
        }
        let user = match Username::parse(username) {
            Some(name) => self.store.staff_user_by_username(name.as_str()).await?,
            None => None,
        };
        let stored_hash = user.as_ref().map(|user| user.password_hash.clone());
        let matched = password::verify_blocking(stored_hash, password.to_owned()).await;
        let user = match user {
            None => {
                return self
                    .refuse(&keys, &failures, None, Failure::UnknownUser)
                    .await;
            }
            Some(user) if user.disabled_at.is_some() => {
                return self
                    .refuse(&keys, &failures, Some(&user), Failure::Disabled)
                    .await;
            }
            Some(user) if !matched => {
                return self
                    .refuse(&keys, &failures, Some(&user), Failure::WrongPassword)
                    .await;
            }
            Some(user) => user,
        };
        let member = member_of(&user)?;
        self.store.clear_login_failures(&keys.subject).await?;
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

    /// Counts the failure, audits it (and a limit it reaches), refuses.
    async fn refuse(
        &self,
        keys: &Keys,
        before: &LoginFailures,
        user: Option<&StaffUserRecord>,
        failure: Failure,
    ) -> StaffResult<LoginOutcome> {
        let now = self.now();
        self.store
            .record_login_failure(&keys.subject, &keys.address, now, now - lockout::WINDOW)
            .await?;
        let (office, target) = match user {
            Some(user) => (user.office_id, Some(format!("user:{}", user.id))),
            None => (None, None),
        };
        let mut event = AuditEvent::new(Actor::Anonymous, "login.failed")
            .office(office)
            .after(json!({"reason": failure.as_str()}));
        if let Some(target) = &target {
            event = event.target(target.clone());
        }
        self.audit_or_log(event).await;
        // Once per limit reached: the trail says a lock began, not every knock after it.
        let bumped = |tally: super::Tally| super::Tally {
            count: tally.count + 1,
            last: Some(now),
        };
        let after = LoginFailures {
            pair: bumped(before.pair),
            account: bumped(before.account),
            address: bumped(before.address),
        };
        let reached = [
            (
                before.pair.count + 1 == lockout::PAIR_LIMIT,
                "login.locked",
                "account_and_address",
            ),
            (
                before.address.count + 1 == lockout::ADDRESS_LIMIT,
                "login.throttled",
                "address",
            ),
        ];
        for (_, action, scope) in reached.into_iter().filter(|(hit, _, _)| *hit) {
            let until = lockout::wait(&after, now).map(|(wait, _)| (now + wait).to_rfc3339());
            let mut event = AuditEvent::new(Actor::System, action)
                .office(office)
                .after(json!({"scope": scope, "until": until}));
            if let Some(target) = &target {
                event = event.target(target.clone());
            }
            self.audit_or_log(event).await;
        }
        Ok(LoginOutcome::Refused)
    }
}
