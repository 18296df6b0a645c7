//! The application number on the citizen's proof of submission: `CJ-2026-000123-K` —
//! the county of the submitting office, the year, a per-county-per-year serial, and a
//! check letter.
//!
//! The number is read back by people (on the phone, typed into the status page), so it
//! carries a check letter that catches every mistyped digit and every swap of two
//! adjacent digits: a weighted sum modulo the prime 23, mapped onto 23 letters without
//! the look-alikes I, O and Q. Parsing is lenient about what people add or change
//! (lower case, spaces, hyphens, slashes) and strict about everything else.

use std::fmt;
use std::str::FromStr;

use crate::county::County;

/// The check letters, indexed by the weighted sum modulo 23. No I, O or Q: they read
/// as 1, 0 and O on a printed slip.
const CHECK_LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPRSTUVWXYZ";

/// A valid application number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ApplicationNumber {
    county: &'static County,
    year: u16,
    serial: u32,
}

/// Why a text or its parts are not an application number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum ApplicationNumberError {
    /// Not of the shape `CC-YYYY-NNNNNN-K` (ignoring case and separators).
    #[error("an application number looks like CJ-2026-000123-K")]
    Format,
    /// The letters are not a county code.
    #[error("the application number does not start with a county code")]
    UnknownCounty,
    /// The year is outside 2000–9999.
    #[error("the year of an application number is between 2000 and 9999")]
    Year,
    /// The serial is 0 or longer than nine digits.
    #[error("the serial of an application number is between 1 and 999999999")]
    Serial,
    /// The check letter does not match: a typing mistake somewhere.
    #[error("the check letter of the application number does not match")]
    CheckLetter,
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

/// The check letter of a number's body (ASCII upper-case letters and digits): the sum of
/// each character's value (0–9 for digits, 10–35 for A–Z) times its 1-based position,
/// modulo 23. Positions stay below 23 and 23 is prime, so changing one digit, or swapping
/// two different adjacent digits, always changes the letter.
#[must_use]
pub fn check_letter(body: &str) -> char {
    let sum = body
        .bytes()
        .zip(1_u32..)
        .map(|(b, weight)| {
            let value = match b {
                b'0'..=b'9' => u32::from(b - b'0'),
                b'A'..=b'Z' => u32::from(b - b'A') + 10,
                _ => 0,
            };
            value * weight
        })
        .fold(0_u32, |sum, term| (sum + term) % 23);
    char::from(CHECK_LETTERS[sum as usize])
}

impl fmt::Display for ApplicationNumber {
    /// `CJ-2026-000123-K`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{:04}-{:0width$}-{}",
            self.county.code(),
            self.year,
            self.serial,
            self.check_letter(),
            width = Self::SERIAL_DIGITS
        )
    }
}

impl FromStr for ApplicationNumber {
    type Err = ApplicationNumberError;

    /// Accepts any ASCII case, with or without spaces, hyphens and slashes between the
    /// parts: `cj 2026 000123 k`, `CJ/2026/123/K`. Anything else is refused.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.chars().count() > Self::MAX_INPUT_CHARS {
            return Err(ApplicationNumberError::Format);
        }
        let mut compact = String::with_capacity(s.len());
        for c in s.trim_matches(|c: char| c.is_ascii_whitespace()).chars() {
            match c {
                ' ' | '-' | '/' => {}
                c if c.is_ascii_alphanumeric() => compact.push(c.to_ascii_uppercase()),
                _ => return Err(ApplicationNumberError::Format),
            }
        }
        let letters = compact.bytes().take_while(u8::is_ascii_uppercase).count();
        let (code, rest) = compact.split_at(letters);
        let Some((digits, check)) = rest.split_at_checked(rest.len().saturating_sub(1)) else {
            return Err(ApplicationNumberError::Format);
        };
        let well_formed = (1..=2).contains(&code.len())
            && (4 + 1..=4 + 9).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && check.len() == 1
            && check.bytes().all(|b| b.is_ascii_uppercase());
        if !well_formed {
            return Err(ApplicationNumberError::Format);
        }
        let (year, serial) = digits.split_at(4);
        let year: i32 = year.parse().map_err(|_| ApplicationNumberError::Format)?;
        let serial: u32 = serial.parse().map_err(|_| ApplicationNumberError::Serial)?;
        let number = Self::new(code, year, serial)?;
        if !check.starts_with(number.check_letter()) {
            return Err(ApplicationNumberError::CheckLetter);
        }
        Ok(number)
    }
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
