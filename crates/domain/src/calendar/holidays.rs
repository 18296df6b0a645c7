//! The Romanian public holidays (Codul muncii art. 139 alin. 1), as dates of a given year.
//!
//! The holidays themselves are in `kind.rs`, their names in `names.rs`, and the rule that
//! dates each in `rule.rs`; this file lists a year's holidays.

mod kind;
mod names;
mod rule;

pub use kind::HolidayKind;
pub use names::UnknownHolidayKind;

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};

use super::orthodox_easter;

/// The years the current law (with 6 and 7 January, holidays since 2024) and our
/// cross-checks cover. The functions still compute any year mechanically from today's law;
/// callers that take a year from outside should reject years outside this range.
pub const SUPPORTED_YEARS: RangeInclusive<i32> = 2024..=2100;

/// One public holiday on one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Holiday {
    pub date: NaiveDate,
    pub kind: HolidayKind,
}

/// Every holiday of `year` with its date, in the law's order; no allocation.
fn holidays_of(year: i32) -> impl Iterator<Item = Holiday> {
    let easter = orthodox_easter(year);
    HolidayKind::ALL.into_iter().filter_map(move |kind| {
        let date = kind.date(year, easter)?;
        Some(Holiday { date, kind })
    })
}

/// The public holidays of `year`, sorted by date: always 17 entries for supported years.
///
/// Two holidays on the same date (1 June and Rusalii Monday in 2026) stay two entries,
/// in the law's order, so each keeps its own name and key; displays merge them.
/// Years outside [`SUPPORTED_YEARS`] get today's law applied mechanically.
#[must_use]
pub fn public_holidays(year: i32) -> Vec<Holiday> {
    let mut holidays: Vec<Holiday> = holidays_of(year).collect();
    // A stable sort keeps the law's order among holidays that share a date.
    holidays.sort_by_key(|holiday| holiday.date);
    holidays
}

/// The public holiday on `date` (the first in the law's order when two share it).
#[must_use]
pub fn holiday_on(date: NaiveDate) -> Option<Holiday> {
    holidays_of(date.year()).find(|holiday| holiday.date == date)
}

/// Whether `date` is a Romanian public holiday. Computes the year's Easter; allocates nothing.
#[must_use]
pub fn is_public_holiday(date: NaiveDate) -> bool {
    holidays_of(date.year()).any(|holiday| holiday.date == date)
}
