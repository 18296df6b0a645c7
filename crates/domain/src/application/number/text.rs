//! The printed form `CJ-2026-000123-K`, and reading it back from what people type.

use std::fmt;
use std::str::FromStr;

use super::{ApplicationNumber, ApplicationNumberError};

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
