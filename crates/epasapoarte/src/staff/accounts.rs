//! Accounts: creating one (the CLI, a manager or an admin in the back office), disabling
//! and enabling it, resetting its password, and changing one's own password.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::password::{self, NewPassword};
use super::{
    Actor, AuditEvent, Role, StaffError, StaffMember, StaffResult, StaffService, StaffSession,
    Username,
};
use crate::ids::OfficeId;
use crate::service::FieldErrors;
use crate::store::{DynStore, NewStaffUser, StaffUserRecord};

/// An account to create, already parsed.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: Username,
    pub role: Role,
    pub office_id: Option<OfficeId>,
    pub password: NewPassword,
}

/// Creates an account and writes `user.created` to the audit trail; returns its id. Needs
/// no keys (the CLI runs it before any secret is loaded).
pub async fn create_user(
    store: &DynStore,
    now: DateTime<Utc>,
    user: NewUser,
    actor: Actor,
) -> StaffResult<i64> {
    match (user.role.has_office(), user.office_id) {
        (false, Some(_)) => return Err(StaffError::OfficeNotAllowed),
        (true, None) => return Err(StaffError::OfficeRequired),
        (true, Some(office)) => {
            let offices = store.offices().await?;
            if !offices.iter().any(|known| known.id == office) {
                return Err(StaffError::UnknownOffice(office));
            }
        }
        (false, None) => {}
    }
    let password_hash = password::hash_blocking(user.password).await?;
    let row = NewStaffUser {
        username: user.username.as_str().to_owned(),
        password_hash,
        role: user.role.as_str().to_owned(),
        office_id: user.office_id,
        created_at: now,
    };
    // The account and its audit line (target: the new `user:ID`) commit together.
    let event = AuditEvent::new(actor, "user.created")
        .office(user.office_id)
        .after(json!({"username": row.username, "role": row.role, "office_id": row.office_id}));
    let id = store
        .insert_staff_user(&row, Some(&event.entry(now)))
        .await?
        .ok_or(StaffError::UsernameTaken)?;
    Ok(id)
}

/// Whom `actor` may manage in the back office (issue 12 item 14): an admin anyone but
/// themselves; a manager the clerks of their own office; a clerk nobody.
#[must_use]
pub fn may_manage(actor: &StaffMember, target: &StaffUserRecord) -> bool {
    if target.id == actor.user_id {
        return false;
    }
    match actor.role {
        Role::Admin => true,
        Role::Manager => target.role == Role::Clerk.as_str() && target.office_id == actor.office_id,
        Role::Clerk => false,
    }
}

/// The roles `actor` may create in an office: a manager clerks; an admin clerks and
/// managers (admins are created with the CLI).
#[must_use]
pub fn roles_creatable_by(actor: &StaffMember) -> &'static [Role] {
    match actor.role {
        Role::Admin => &[Role::Clerk, Role::Manager],
        Role::Manager => &[Role::Clerk],
        Role::Clerk => &[],
    }
}

/// A temporary password to hand over in person: 16 characters in four groups, from an
/// alphabet without look-alikes; about 80 bits.
pub fn temporary_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::thread_rng();
    let mut text = String::with_capacity(19);
    for i in 0..16 {
        if i > 0 && i % 4 == 0 {
            text.push('-');
        }
        text.push(char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]));
    }
    text
}

/// What an account change the back office asks for can end in, besides success.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountRefusal {
    /// No such account, or one the actor may not see: the same answer.
    NotFound,
}

impl StaffService {
    pub async fn create_user(&self, user: NewUser, actor: Actor) -> StaffResult<i64> {
        create_user(&self.store, self.now(), user, actor).await
    }

    /// The accounts of `office`, for its staff page.
    pub async fn office_users(&self, office: OfficeId) -> StaffResult<Vec<StaffUserRecord>> {
        Ok(self
            .users()
            .await?
            .into_iter()
            .filter(|user| user.office_id == Some(office))
            .collect())
    }

    /// The account `user_id` if `actor` may manage it.
    async fn managed(
        &self,
        actor: &StaffMember,
        user_id: i64,
    ) -> StaffResult<Result<StaffUserRecord, AccountRefusal>> {
        Ok(match self.store.staff_user(user_id).await? {
            Some(user) if may_manage(actor, &user) => Ok(user),
            _ => Err(AccountRefusal::NotFound),
        })
    }

    /// Disables (or enables again) an account `actor` may manage; disabling ends its
    /// sessions at once. Audited as `user.disabled` / `user.enabled`.
    pub async fn set_user_disabled(
        &self,
        actor: &StaffMember,
        user_id: i64,
        disabled: bool,
    ) -> StaffResult<Result<(), AccountRefusal>> {
        let user = match self.managed(actor, user_id).await? {
            Ok(user) => user,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let now = self.now();
        let action = if disabled {
            "user.disabled"
        } else {
            "user.enabled"
        };
        let event = AuditEvent::new(Actor::staff(actor), action)
            .office(user.office_id)
            .target(format!("user:{}", user.id))
            .after(json!({"username": user.username}));
        self.store
            .set_staff_disabled(user.id, disabled.then_some(now), Some(&event.entry(now)))
            .await?;
        Ok(Ok(()))
    }

    /// Gives an account `actor` may manage a new temporary password (returned, to hand
    /// over in person; never stored in clear nor logged) and ends its sessions. Audited
    /// as `user.password_reset`.
    pub async fn reset_user_password(
        &self,
        actor: &StaffMember,
        user_id: i64,
    ) -> StaffResult<Result<(String, String), AccountRefusal>> {
        let user = match self.managed(actor, user_id).await? {
            Ok(user) => user,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let password = temporary_password();
        let parsed = NewPassword::parse(&password)
            .map_err(|code| anyhow::anyhow!("a temporary password broke the policy: {code}"))?;
        let hash = password::hash_blocking(parsed).await?;
        let now = self.now();
        let event = AuditEvent::new(Actor::staff(actor), "user.password_reset")
            .office(user.office_id)
            .target(format!("user:{}", user.id))
            .after(json!({"username": user.username}));
        self.store
            .set_password_hash(user.id, &hash, now, &[], Some(&event.entry(now)))
            .await?;
        Ok(Ok((user.username, password)))
    }

    /// Changes the signed-in member's password: the current one must match, the new one
    /// meet the policy, differ from the current one and be typed twice alike. Every other
    /// session of the account ends (a stolen session dies with the old password).
    pub async fn change_password(
        &self,
        session: &StaffSession,
        current: &str,
        new: &str,
        again: &str,
    ) -> StaffResult<()> {
        let member = &session.member;
        let user = self
            .store
            .staff_user(member.user_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("the signed-in account {} vanished", member.user_id))?;
        let current_ok =
            password::verify_blocking(Some(user.password_hash.clone()), current.to_owned()).await;
        let mut errors = FieldErrors::default();
        if current.trim().is_empty() {
            errors.add("current_password", "password_missing");
        } else if !current_ok {
            errors.add("current_password", "password_wrong");
        }
        let parsed = NewPassword::parse(new);
        match &parsed {
            Err(code) => errors.add("new_password", code),
            Ok(_) if current_ok && new.trim() == current.trim() => {
                errors.add("new_password", "password_same")
            }
            Ok(_) => {}
        }
        if new.trim() != again.trim() {
            errors.add("new_password_again", "password_mismatch");
        }
        let actor = Actor::staff(member);
        let (Ok(parsed), true) = (parsed, errors.is_empty()) else {
            let reasons: Vec<&str> = errors.0.values().map(|error| error.code).collect();
            let event = AuditEvent::new(actor, "password.change_refused")
                .office(member.office_id)
                .target(format!("user:{}", member.user_id))
                .after(json!({"reasons": reasons}));
            self.audit_or_log(event).await;
            return Err(StaffError::Validation(errors));
        };
        let hash = password::hash_blocking(parsed).await?;
        let now = self.now();
        let event = AuditEvent::new(actor, "password.changed")
            .office(member.office_id)
            .target(format!("user:{}", member.user_id));
        self.store
            .set_password_hash(
                member.user_id,
                &hash,
                now,
                &session.id,
                Some(&event.entry(now)),
            )
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn member(id: i64, role: Role, office: Option<i64>) -> StaffMember {
        StaffMember {
            user_id: id,
            username: format!("u{id}"),
            role,
            office_id: office.map(OfficeId),
        }
    }

    fn record(id: i64, role: Role, office: Option<i64>) -> StaffUserRecord {
        let at = chrono::Utc.with_ymd_and_hms(2026, 12, 7, 8, 0, 0).unwrap();
        StaffUserRecord {
            id,
            username: format!("u{id}"),
            password_hash: String::new(),
            role: role.as_str().to_owned(),
            office_id: office.map(OfficeId),
            created_at: at,
            password_changed_at: at,
            disabled_at: None,
            failed_logins: 0,
            locked_until: None,
        }
    }

    #[test]
    fn a_manager_manages_the_clerks_of_the_own_office_only() {
        let manager = member(1, Role::Manager, Some(10));
        assert!(may_manage(&manager, &record(2, Role::Clerk, Some(10))));
        assert!(!may_manage(&manager, &record(3, Role::Clerk, Some(11))));
        assert!(!may_manage(&manager, &record(4, Role::Manager, Some(10))));
        assert!(!may_manage(&manager, &record(5, Role::Admin, None)));
        assert!(!may_manage(&manager, &record(1, Role::Manager, Some(10))));
        assert_eq!(roles_creatable_by(&manager), [Role::Clerk]);
    }

    #[test]
    fn an_admin_manages_everyone_but_themselves_and_a_clerk_nobody() {
        let admin = member(1, Role::Admin, None);
        for target in [
            record(2, Role::Clerk, Some(10)),
            record(3, Role::Manager, Some(11)),
            record(4, Role::Admin, None),
        ] {
            assert!(may_manage(&admin, &target), "{}", target.role);
        }
        assert!(!may_manage(&admin, &record(1, Role::Admin, None)));
        let clerk = member(7, Role::Clerk, Some(10));
        assert!(!may_manage(&clerk, &record(8, Role::Clerk, Some(10))));
        assert!(roles_creatable_by(&clerk).is_empty());
    }

    #[test]
    fn a_temporary_password_meets_the_policy_and_reads_clearly() {
        let password = temporary_password();
        assert_eq!(password.len(), 19);
        assert!(NewPassword::parse(&password).is_ok());
        assert!(!password.contains(['0', 'o', '1', 'l', 'i']));
        assert_ne!(password, temporary_password());
    }
}
