//! Unit tests of the CNP, one file per rule or concern; the invariants are in `proptests`.

use chrono::NaiveDate;

use super::*;
use crate::county::County;

mod accessors;
mod county;
mod dates;
mod input;
mod names;
mod published;
mod rules;

/// The `today` of most tests: fixed, so the tests never depend on the clock.
pub(super) fn today() -> NaiveDate {
    date(2025, 6, 15)
}

pub(super) fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("test dates are real")
}

/// Completes 12 digits with their correct check digit.
pub(super) fn with_check(first12: &str) -> String {
    let mut values = [0u8; 12];
    for (slot, b) in values.iter_mut().zip(first12.bytes()) {
        *slot = b - b'0';
    }
    format!("{first12}{}", check_digit(&values))
}

/// Parses with the fixed `today`.
pub(super) fn parse(input: &str) -> Result<Cnp, CnpError> {
    Cnp::parse(input, today())
}

/// Builds a CNP with a correct check digit from its fields.
pub(super) fn cnp(s: u8, yymmdd: &str, jj: u8, nnn: &str) -> String {
    with_check(&format!("{s}{yymmdd}{jj:02}{nnn}"))
}
