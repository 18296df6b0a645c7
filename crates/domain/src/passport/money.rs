//! Money in bani (1 leu = 100 bani) and the fees of SPEC §5.3.
//!
//! Amounts are integers end to end — stored, compared against the receipt and shown —
//! because a fee check must never fail on a float rounding. How an amount reads ("11,30
//! lei") is the shell's business (`epasapoarte::i18n::format::money`).

mod parse;
#[cfg(test)]
mod tests;

pub use parse::ParseBaniError;

use super::PassportType;

/// An amount of money in bani. Any `u32` is a valid amount (up to ~42.9 million lei).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Bani(pub u32);

/// Electronic passport, holder aged 12 or more: 258 lei.
pub const ELECTRONIC_FEE: Bani = Bani::from_lei(258);
/// Electronic passport, holder under 12: 234 lei.
pub const ELECTRONIC_FEE_UNDER_12: Bani = Bani::from_lei(234);
/// Temporary passport, any age: 96 lei.
pub const TEMPORARY_FEE: Bani = Bani::from_lei(96);
/// Courier delivery of an electronic passport to an address in Romania: 11,30 lei, VAT
/// included (MAI press release 13/2021).
pub const COURIER_FEE: Bani = Bani(1_130);

impl Bani {
    /// A whole number of lei. Saturates rather than overflowing: fees are far below the limit.
    #[must_use]
    pub const fn from_lei(lei: u32) -> Self {
        Self(lei.saturating_mul(100))
    }

    /// The whole lei part: 11 for 11,30 lei.
    #[must_use]
    pub const fn lei(self) -> u32 {
        self.0 / 100
    }

    /// The bani part, 0–99: 30 for 11,30 lei.
    #[must_use]
    pub const fn bani(self) -> u32 {
        self.0 % 100
    }

    /// The amount in bani, as stored.
    #[must_use]
    pub const fn as_u32(self) -> u32 {
        self.0
    }

    /// The sum, or `None` on overflow (report totals go through here).
    #[must_use]
    pub const fn checked_add(self, other: Self) -> Option<Self> {
        match self.0.checked_add(other.0) {
            Some(v) => Some(Self(v)),
            None => None,
        }
    }
}

/// The fee due for one passport, by the holder's age in whole years on the day of the
/// application. "Persons aged over 12 (including those who have turned 12)" pay the full
/// electronic fee, so age 12 is the first full-fee year.
#[must_use]
pub const fn fee(passport: PassportType, age_years: u32) -> Bani {
    match passport {
        PassportType::Electronic if age_years >= 12 => ELECTRONIC_FEE,
        PassportType::Electronic => ELECTRONIC_FEE_UNDER_12,
        PassportType::Temporary => TEMPORARY_FEE,
    }
}
