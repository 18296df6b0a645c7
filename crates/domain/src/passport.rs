//! What a passport costs, how long it is valid, how soon it is issued and what to bring
//! (SPEC §5.3–5.4), for each person of a booking.
//!
//! The rules come from the official texts in `shared/seeds` (MAI press release 13/2021,
//! the 2024 Euronews guide, two county offices' pages). Where older county pages disagree
//! with the newer texts (5-year validity for adults, 14 calendar days), the newer rule
//! that SPEC states holds.
//!
//! The one call the shell makes per person is [`requirements`]; the wizard on the
//! information page uses [`documents`] with a [`HolderCategory`] the citizen picked.

mod category;
mod documents;
mod money;
mod rules;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;

pub use category::{HolderCategory, category};
pub use documents::{Document, documents, documents_for};
pub use money::{Bani, COURIER_FEE, ParseBaniError, fee};
pub use rules::{Issuance, Validity, fingerprints_taken, issuance, validity};

/// A stable name (`as_str`) that did not match any variant of the named type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind}: {value:?}")]
pub struct UnknownName {
    /// Which type was being parsed, e.g. "passport type".
    pub kind: &'static str,
    /// The rejected input, as given.
    pub value: String,
}

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

/// Everything one person needs to know before the appointment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRequirements {
    /// The list the person falls under.
    pub category: HolderCategory,
    /// The fee to pay beforehand (courier delivery not included).
    pub fee: Bani,
    /// How long the passport will be valid.
    pub validity: Validity,
    /// Whether fingerprints are taken at the counter.
    pub fingerprints: bool,
    /// How many working days issuance takes.
    pub issuance: Issuance,
    /// What to bring, in the order to show it.
    pub documents: Vec<Document>,
}

/// The requirements for one person, from the passport type, the person's age in whole
/// years on the appointment date (derived from the CNP) and where they are domiciled.
#[must_use]
pub fn requirements(passport: PassportType, age: u32, domicile_abroad: bool) -> PersonRequirements {
    PersonRequirements {
        category: category(age, domicile_abroad),
        fee: fee(passport, age),
        validity: validity(passport, age),
        fingerprints: fingerprints_taken(passport, age),
        issuance: issuance(passport),
        documents: documents_for(passport, age, domicile_abroad),
    }
}
