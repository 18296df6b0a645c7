//! The access rules of the back office (SPEC §3), as data: every `/admin` route declares
//! one [`Require`], and [`decide`] is the only place that compares it with the staff
//! member asking. Handlers never check roles themselves.

use super::{Role, StaffMember};
use crate::ids::OfficeId;

/// What a route asks of the person calling it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Require {
    /// No session needed (the login page itself).
    Public,
    /// Any signed-in staff member, whatever the role.
    SignedIn,
    /// At least this role; the route is not about one office.
    Role(Role),
    /// At least this role, in the office whose id is the path's `{office}` segment. Staff
    /// of another office get "not found": they learn nothing about it, not even that it
    /// exists. Admins reach every office.
    Office(Role),
}

/// The verdict on one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Allowed,
    /// Signed in, the right office (or none involved), but not enough role: 403.
    Forbidden,
    /// Another office's data (or a malformed office id): 404.
    NotFound,
}

impl Require {
    /// A short stable text for the audit log (`role:admin`, `office:manager`, …).
    pub fn describe(self) -> String {
        match self {
            Require::Public => "public".to_owned(),
            Require::SignedIn => "signed_in".to_owned(),
            Require::Role(role) => format!("role:{role}"),
            Require::Office(role) => format!("office:{role}"),
        }
    }
}

/// Decides whether `member` may use a route with `rule`; `office_in_path` is the parsed
/// `{office}` segment (`None` when absent or not a number).
pub fn decide(member: &StaffMember, rule: Require, office_in_path: Option<OfficeId>) -> Access {
    let has_role = |min: Role| member.role >= min;
    match rule {
        Require::Public | Require::SignedIn => Access::Allowed,
        Require::Role(min) if has_role(min) => Access::Allowed,
        Require::Role(_) => Access::Forbidden,
        Require::Office(min) => {
            let Some(office) = office_in_path else {
                return Access::NotFound;
            };
            let own = member.role == Role::Admin || member.office_id == Some(office);
            if !own {
                Access::NotFound
            } else if has_role(min) {
                Access::Allowed
            } else {
                Access::Forbidden
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(role: Role, office: Option<OfficeId>) -> StaffMember {
        StaffMember {
            user_id: 1,
            username: "ana".to_owned(),
            role,
            office_id: office,
        }
    }

    #[test]
    fn a_clerk_is_forbidden_an_admin_route() {
        let clerk = member(Role::Clerk, Some(OfficeId(7)));
        assert_eq!(
            decide(&clerk, Require::Role(Role::Admin), None),
            Access::Forbidden
        );
    }

    #[test]
    fn another_offices_page_is_not_found_whatever_the_role() {
        for role in [Role::Clerk, Role::Manager] {
            let staff = member(role, Some(OfficeId(7)));
            for min in [Role::Clerk, Role::Manager, Role::Admin] {
                assert_eq!(
                    decide(&staff, Require::Office(min), Some(OfficeId(8))),
                    Access::NotFound
                );
            }
        }
    }

    #[test]
    fn own_office_needs_enough_role() {
        let clerk = member(Role::Clerk, Some(OfficeId(7)));
        let manager = member(Role::Manager, Some(OfficeId(7)));
        let rule = Require::Office(Role::Manager);
        assert_eq!(decide(&clerk, rule, Some(OfficeId(7))), Access::Forbidden);
        assert_eq!(decide(&manager, rule, Some(OfficeId(7))), Access::Allowed);
    }

    #[test]
    fn an_admin_reaches_every_office() {
        let admin = member(Role::Admin, None);
        assert_eq!(
            decide(&admin, Require::Office(Role::Manager), Some(OfficeId(8))),
            Access::Allowed
        );
    }

    #[test]
    fn a_missing_office_id_is_not_found() {
        let admin = member(Role::Admin, None);
        assert_eq!(
            decide(&admin, Require::Office(Role::Clerk), None),
            Access::NotFound
        );
    }
}
