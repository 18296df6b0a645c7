//! Working days (Monday–Friday, not a public holiday): the unit of passport issuance times.

use chrono::{Datelike, NaiveDate, Weekday};

use super::is_public_holiday;

/// Whether `date` is a working day: Monday to Friday and not a Romanian public holiday.
#[must_use]
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_public_holiday(date)
}

/// The `n`-th working day strictly after `date` ("issued within 5 working days").
///
/// `n = 0` returns `date` itself, whatever day it is: no working days to wait.
/// Returns `None` only when the answer would fall beyond the last date `chrono` can
/// represent. Walks day by day, so it is meant for the small `n` of issuance times.
#[must_use]
pub fn add_working_days(date: NaiveDate, n: u32) -> Option<NaiveDate> {
    let mut current = date;
    let mut remaining = n;
    while remaining > 0 {
        current = current.succ_opt()?;
        if is_working_day(current) {
            remaining -= 1;
        }
    }
    Some(current)
}

/// How many working days lie in `(from, to]`: after `from`, up to and including `to`.
///
/// The inverse of [`add_working_days`]: `working_days_between(d, add_working_days(d, n)) == n`.
/// Zero when `to` is not after `from`. Walks day by day, so keep the range to years, not eons.
#[must_use]
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> u64 {
    from.iter_days()
        .skip(1)
        .take_while(|day| *day <= to)
        .filter(|day| is_working_day(*day))
        .map(|_| 1_u64)
        .sum()
}
