//! The two passports a citizen can book for, and their stable ids and catalogue keys.

use std::fmt;
use std::str::FromStr;

use super::UnknownName;

/// The two passports a citizen can book an appointment for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PassportType {
    /// "Pașaport simplu electronic": biometric, 3/5/10 years.
    Electronic,
    /// "Pașaport simplu temporar": no fingerprints, 12 months, issued fast in urgent cases.
    Temporary,
}

impl PassportType {
    /// Both types, in the order the booking form lists them.
    pub const ALL: [Self; 2] = [Self::Electronic, Self::Temporary];

    /// The stable id: the service id of the API and the database.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Electronic => "passport_electronic",
            Self::Temporary => "passport_temporary",
        }
    }

    /// The catalogue key of its name ("Pașaport simplu electronic" in Romanian, as on the
    /// booking form).
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Electronic => "passport_type.electronic",
            Self::Temporary => "passport_type.temporary",
        }
    }
}

impl fmt::Display for PassportType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PassportType {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| UnknownName {
                kind: "passport type",
                value: s.to_owned(),
            })
    }
}
