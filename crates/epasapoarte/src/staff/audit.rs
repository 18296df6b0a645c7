//! The audit trail's building blocks live in `service::audit` (below this layer, so
//! operations can carry their line into their own transaction); staff members become
//! actors here.

pub use crate::service::audit::{Actor, AuditEvent, cnp_tail};

use super::StaffMember;

impl Actor {
    pub fn staff(member: &StaffMember) -> Actor {
        Actor::Staff {
            user_id: member.user_id,
            username: member.username.clone(),
        }
    }
}
