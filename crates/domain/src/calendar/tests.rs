//! Unit tests of the calendar, cross-checked against published dates and independent formulas.

mod easter;
mod holiday_check;
mod holiday_names;
mod holidays;
mod working_days;

use chrono::NaiveDate;

/// A date literal for tests; the inputs are constants, so a bad one is a bug in the test.
fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("test dates are real dates")
}
