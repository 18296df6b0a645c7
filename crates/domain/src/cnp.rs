//! The personal numeric code (cod numeric personal, CNP), SPEC §5.1: parsed once at the
//! boundary into [`Cnp`], which holds only the canonical 13 digits of a valid code.

use chrono::{Datelike, NaiveDate};

mod county_of_birth;
mod error;
mod identity;
mod input;
mod rules;
mod sex;

pub use county_of_birth::CountyOfBirth;
pub use error::CnpError;
pub use rules::check_digit;
pub use sex::{Sex, UnknownSex};

/// A valid CNP: `S AA LL ZZ JJ NNN C`.
///
/// It is personal data: [`Display`](std::fmt::Display) prints the 13 digits (for storage and
/// for the clerk who needs them), while `Debug` is masked because it ends up in logs and
/// panic messages. Equality, hashing and ordering look at the digits only.
#[derive(Clone, Copy)]
pub struct Cnp {
    /// ASCII digits, so [`Cnp::as_str`] costs nothing.
    digits: [u8; 13],
    /// Kept because for foreign residents (S = 7/8) it depends on the `today` of parsing.
    birth_date: NaiveDate,
}

impl Cnp {
    /// Parses typed text into a CNP, checking every rule of SPEC §5.1 in order:
    /// characters, length, sex digit, real date, date not after `today`, county,
    /// serial, check digit. `today` is the caller's date (the domain never reads a clock).
    ///
    /// # Errors
    /// The first rule the text breaks, as a [`CnpError`].
    pub fn parse(input: &str, today: NaiveDate) -> Result<Self, CnpError> {
        let digits = input::canonical_digits(input)?;
        let values = digits.map(|d| d - b'0');
        let birth_date = rules::check(&values, today)?;
        Ok(Self { digits, birth_date })
    }

    /// The canonical 13 digits.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored, so this never falls back.
        std::str::from_utf8(&self.digits).unwrap_or_default()
    }

    /// The last 9 digits (from the second digit of the month on), what the public
    /// passport-status lookup asks for instead of the whole CNP.
    #[must_use]
    pub fn last9(&self) -> &str {
        self.as_str().get(4..).unwrap_or_default()
    }

    #[must_use]
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    #[must_use]
    pub fn sex(&self) -> Sex {
        if self.digits[0] % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// The county code `JJ` as a number (1–99).
    #[must_use]
    pub fn county_code(&self) -> u8 {
        (self.digits[7] - b'0') * 10 + (self.digits[8] - b'0')
    }

    /// The county code `JJ` as its two digits, e.g. `"07"`.
    #[must_use]
    pub fn county_code_str(&self) -> &str {
        self.as_str().get(7..9).unwrap_or_default()
    }

    /// What the county code says about where the CNP was assigned.
    #[must_use]
    pub fn county_of_birth(&self) -> CountyOfBirth {
        // Parsing accepted the code, so the fallback is never taken.
        CountyOfBirth::from_cnp_code(self.county_code()).unwrap_or(CountyOfBirth::Unknown)
    }

    /// Age in whole years on `date` (0 before birth).
    ///
    /// A year is added on the birthday; someone born on 29 February gets a year older
    /// on 1 March in common years (their 28 February is still the day before the
    /// birthday), the common reading used by civil-status and passport offices.
    #[must_use]
    pub fn age_on(&self, date: NaiveDate) -> u32 {
        let born = self.birth_date;
        let had_birthday = (date.month(), date.day()) >= (born.month(), born.day());
        let years = date.year() - born.year() - i32::from(!had_birthday);
        u32::try_from(years).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod proptests;
