//! Everything one person of a booking needs to know, gathered in the one call the shell
//! makes per person.

use super::{
    Bani, Document, HolderCategory, Issuance, PassportType, Validity, category, documents_for, fee,
    fingerprints_taken, issuance, validity,
};

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
