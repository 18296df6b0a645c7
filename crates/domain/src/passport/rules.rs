//! Validity, fingerprints and issuance time of a passport (SPEC §5.4).

mod issuance;
mod validity;

pub use issuance::{Issuance, issuance};
pub use validity::{EXPIRY_REMINDER_MONTHS, Validity, expiry_reminder_on, validity};

use super::PassportType;

/// Whether fingerprints are taken at the counter: from age 12 for the electronic
/// passport, never for the temporary one (it carries no chip). Those for whom taking
/// fingerprints is physically impossible are exempt — the clerk records that, not us.
#[must_use]
pub const fn fingerprints_taken(passport: PassportType, age: u32) -> bool {
    matches!(passport, PassportType::Electronic) && age >= 12
}
