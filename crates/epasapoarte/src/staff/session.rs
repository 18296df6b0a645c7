//! Sessions: the cookie carries a random token, the database its SHA-256 with the times
//! that bound it. A session is valid while its account is enabled, it was used within
//! the idle timeout, and its absolute end has not come; otherwise it is deleted on sight.

use chrono::Duration;

use super::{
    ABSOLUTE_TIMEOUT, Actor, AuditEvent, IDLE_TIMEOUT, StaffResult, StaffService, StaffSession,
    member_of,
};
use crate::crypto;

/// Activity is written at most this often: a page with many requests costs one write.
const TOUCH_EVERY: Duration = Duration::minutes(1);

impl StaffService {
    /// The live session a cookie value names, if any (and marks it active).
    pub async fn session(&self, token: &str) -> StaffResult<Option<StaffSession>> {
        if !crypto::looks_like_token(token) {
            return Ok(None);
        }
        let id = crypto::token_hash(token);
        let Some((session, user)) = self.store.staff_session(&id).await? else {
            return Ok(None);
        };
        let now = self.now();
        let idle = now - session.last_seen_at >= IDLE_TIMEOUT;
        let over = now >= session.expires_at || now - session.created_at >= ABSOLUTE_TIMEOUT;
        if idle || over || user.disabled_at.is_some() {
            self.store.delete_staff_session(&id, None).await?;
            return Ok(None);
        }
        if now - session.last_seen_at >= TOUCH_EVERY {
            self.store.touch_staff_session(&id, now).await?;
        }
        Ok(Some(StaffSession {
            member: member_of(&user)?,
            id,
        }))
    }

    /// Ends the session (the cookie is cleared by the page).
    pub async fn logout(&self, session: &StaffSession) -> StaffResult<()> {
        let member = &session.member;
        let event = AuditEvent::new(Actor::staff(member), "logout")
            .office(member.office_id)
            .target(format!("user:{}", member.user_id));
        self.store
            .delete_staff_session(&session.id, Some(&event.entry(self.now())))
            .await?;
        Ok(())
    }
}
