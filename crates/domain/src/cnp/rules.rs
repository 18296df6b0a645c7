//! The rules on the 13 digits themselves: sex and century, birth date, county, serial,
//! check digit (SPEC §5.1), checked in that order.

use chrono::NaiveDate;

use super::{CnpError, CountyOfBirth};

/// The weights of the check-digit sum, one per digit of the first twelve.
const CHECK_KEY: [u8; 12] = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];

/// The check digit for the first twelve digits of a CNP, given as values 0–9 (not
/// ASCII): `sum(digit × key) mod 11` with key 279146358279, a remainder of 10 giving 1.
#[must_use]
pub fn check_digit(first12: &[u8; 12]) -> u8 {
    let sum: u32 = first12
        .iter()
        .zip(CHECK_KEY)
        .map(|(&digit, weight)| u32::from(digit) * u32::from(weight))
        .sum();
    match sum % 11 {
        10 => 1,
        // The remainder is below 10 here, so it fits.
        remainder => remainder as u8,
    }
}

/// The centuries a first digit allows, latest first; `Err(Sex)` for 0 and 9.
fn centuries(sex_digit: u8) -> Result<&'static [i32], CnpError> {
    match sex_digit {
        1 | 2 => Ok(&[1900]),
        3 | 4 => Ok(&[1800]),
        5 | 6 => Ok(&[2000]),
        // Foreign residents: the century is not encoded, so both are tried.
        7 | 8 => Ok(&[2000, 1900]),
        _ => Err(CnpError::Sex),
    }
}

/// The birth date: the latest date that is real in an allowed century and not after
/// `today`. Reports `BirthDate` when no allowed century makes the date real, and
/// `BirthDateInFuture` when it is real somewhere but always after `today`.
fn birth_date(values: &[u8; 13], today: NaiveDate) -> Result<NaiveDate, CnpError> {
    let centuries = centuries(values[0])?;
    let year = i32::from(values[1] * 10 + values[2]);
    let month = u32::from(values[3] * 10 + values[4]);
    let day = u32::from(values[5] * 10 + values[6]);
    let mut real_but_future = false;
    for century in centuries {
        if let Some(date) = NaiveDate::from_ymd_opt(century + year, month, day) {
            if date <= today {
                return Ok(date);
            }
            real_but_future = true;
        }
    }
    Err(if real_but_future {
        CnpError::BirthDateInFuture
    } else {
        CnpError::BirthDate
    })
}

/// Checks every rule after the input policy, in SPEC order, on digit values 0–9.
/// Returns the birth date, the one fact that needs `today` to be derived.
pub(super) fn check(values: &[u8; 13], today: NaiveDate) -> Result<NaiveDate, CnpError> {
    let born = birth_date(values, today)?;
    let county = values[7] * 10 + values[8];
    if CountyOfBirth::from_cnp_code(county).is_none() {
        return Err(CnpError::County { code: county });
    }
    if values[9..12] == [0, 0, 0] {
        return Err(CnpError::Serial);
    }
    let mut first12 = [0u8; 12];
    first12.copy_from_slice(&values[..12]);
    let expected = check_digit(&first12);
    let found = values[12];
    if expected != found {
        return Err(CnpError::CheckDigit { expected, found });
    }
    Ok(born)
}
