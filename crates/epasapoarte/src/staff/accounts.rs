//! Accounts: creating one (the CLI, later an admin page) and changing one's own password.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::password::{self, NewPassword};
use super::{
    Actor, AuditEvent, Role, StaffError, StaffResult, StaffService, StaffSession, Username,
};
use crate::ids::OfficeId;
use crate::service::FieldErrors;
use crate::store::{DynStore, NewStaffUser};

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

impl StaffService {
    pub async fn create_user(&self, user: NewUser, actor: Actor) -> StaffResult<i64> {
        create_user(&self.store, self.now(), user, actor).await
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
