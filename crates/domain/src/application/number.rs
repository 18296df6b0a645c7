//! The application number on the citizen's proof of submission: `CJ-2026-000123-K` —
//! the county of the submitting office, the year, a per-county-per-year serial, and a
//! check letter.
//!
//! The number is read back by people (on the phone, typed into the status page), so it
//! carries a check letter that catches every mistyped digit and every swap of two
//! adjacent digits: a weighted sum modulo the prime 23, mapped onto 23 letters without
//! the look-alikes I, O and Q. Parsing is lenient about what people add or change
//! (lower case, spaces, hyphens, slashes) and strict about everything else.
mod check;
mod error;
mod text;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use check::check_letter;
pub use error::ApplicationNumberError;

use crate::county::County;

/// A valid application number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ApplicationNumber {
    county: &'static County,
    year: u16,
    serial: u32,
}

impl ApplicationNumber {
    /// Serials are printed with at least this many digits (zero-padded).
    pub const SERIAL_DIGITS: usize = 6;
    /// The largest serial (nine digits).
    pub const MAX_SERIAL: u32 = 999_999_999;
    /// Longer input is refused before any work.
    pub const MAX_INPUT_CHARS: usize = 40;

    /// The number of the `serial`th application of `year` in the county `county_code`.
    ///
    /// # Errors
    /// An unknown county code, a year outside 2000–9999, or a serial of 0 or above
    /// [`Self::MAX_SERIAL`].
    pub fn new(county_code: &str, year: i32, serial: u32) -> Result<Self, ApplicationNumberError> {
        let county = County::by_code(county_code).ok_or(ApplicationNumberError::UnknownCounty)?;
        let year = u16::try_from(year)
            .ok()
            .filter(|y| (2000..=9999).contains(y))
            .ok_or(ApplicationNumberError::Year)?;
        if serial == 0 || serial > Self::MAX_SERIAL {
            return Err(ApplicationNumberError::Serial);
        }
        Ok(Self {
            county,
            year,
            serial,
        })
    }

    /// The county of the office where the application was submitted.
    #[must_use]
    pub fn county(&self) -> &'static County {
        self.county
    }

    #[must_use]
    pub fn year(&self) -> u16 {
        self.year
    }

    #[must_use]
    pub fn serial(&self) -> u32 {
        self.serial
    }

    /// The number without separators and check letter: `CJ2026000123`.
    fn body(&self) -> String {
        format!(
            "{}{:04}{:0width$}",
            self.county.code(),
            self.year,
            self.serial,
            width = Self::SERIAL_DIGITS
        )
    }

    /// The check letter of this number.
    #[must_use]
    pub fn check_letter(&self) -> char {
        check_letter(&self.body())
    }
}
