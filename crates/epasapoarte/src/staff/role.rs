//! Who a staff member is: a role of SPEC §3 (admin > manager > clerk) and a username.

use std::fmt;
use std::str::FromStr;

/// The staff roles, ordered by reach: `Clerk < Manager < Admin`, so a rule "at least
/// manager" is a plain comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// One office's counters: the day's agenda, applications.
    Clerk,
    /// One office: its hours, services, staff — and everything a clerk does there.
    Manager,
    /// National: every office, users, the restrictions registry, the audit log.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Manager, Role::Clerk];

    /// The stable name used in the database, the CLI and the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Clerk => "clerk",
        }
    }

    /// Whether accounts of this role belong to one office (all but admins).
    pub fn has_office(self) -> bool {
        self != Role::Admin
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?} (expected admin, manager or clerk)")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(text: &str) -> Result<Role, UnknownRole> {
        match text.trim().to_ascii_lowercase().as_str() {
            "admin" => Ok(Role::Admin),
            "manager" => Ok(Role::Manager),
            "clerk" => Ok(Role::Clerk),
            _ => Err(UnknownRole(text.to_owned())),
        }
    }
}

/// A username: 3–64 characters of `a-z 0-9 . _ -`, stored lower-case so that "Ana" and
/// "ana" are one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Username(String);

impl Username {
    pub const MIN: usize = 3;
    pub const MAX: usize = 64;

    /// Parses a typed username (trimmed, folded to lower case); `None` when malformed.
    pub fn parse(text: &str) -> Option<Username> {
        let folded = text.trim().to_ascii_lowercase();
        let well_formed = (Self::MIN..=Self::MAX).contains(&folded.len())
            && folded
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
        well_formed.then_some(Username(folded))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered_by_reach() {
        assert!(Role::Admin > Role::Manager);
        assert!(Role::Manager > Role::Clerk);
    }

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert_eq!(" Manager ".parse::<Role>(), Ok(Role::Manager));
        assert!("root".parse::<Role>().is_err());
    }

    #[test]
    fn usernames_are_folded_to_lower_case() {
        assert_eq!(Username::parse(" Ana.Pop ").unwrap().as_str(), "ana.pop");
    }

    #[test]
    fn malformed_usernames_are_refused() {
        for bad in ["", "ab", "ana pop", "ană", "a/b/c", &"x".repeat(65)] {
            assert_eq!(Username::parse(bad), None, "{bad:?}");
        }
    }
}
