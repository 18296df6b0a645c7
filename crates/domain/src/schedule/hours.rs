//! Which hours a schedule gives a date: a date exception, a holiday, or the weekday.

use chrono::{Datelike, NaiveDate};

use super::model::{Schedule, day_index};
use super::types::{DateException, ExceptionHours, HolidayRule, TimeInterval};
use crate::calendar::{Holiday, holiday_on, is_public_holiday};

/// The hours that apply on one date, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayHours<'a> {
    /// The weekday's regular hours (empty when the office is closed that weekday).
    Weekly(&'a [TimeInterval]),
    /// A date exception's special hours.
    Special(&'a [TimeInterval]),
    /// A date exception closes the office.
    ClosedByException,
    /// A Romanian public holiday closes the office.
    ClosedForHoliday,
}

impl<'a> DayHours<'a> {
    /// The intervals open that day, in order; empty when closed.
    #[must_use]
    pub fn intervals(self) -> &'a [TimeInterval] {
        match self {
            Self::Weekly(intervals) | Self::Special(intervals) => intervals,
            Self::ClosedByException | Self::ClosedForHoliday => &[],
        }
    }
}

impl Schedule {
    /// The public holiday `exception` would open, if it would (issue 12): special hours
    /// on a date the law closes, under [`HolidayRule::Romanian`]. The public pages say
    /// such a day is closed, so a manager may close it (or change the office's holiday
    /// rule) but not open it by an exception.
    #[must_use]
    pub fn would_open_a_holiday(&self, exception: &DateException) -> Option<Holiday> {
        let opens =
            matches!(&exception.hours, ExceptionHours::Special(intervals) if !intervals.is_empty());
        if !opens || self.holidays != HolidayRule::Romanian {
            return None;
        }
        holiday_on(exception.date)
    }

    /// The hours of `date`: a date exception wins; else a public holiday closes (unless the
    /// rule is [`HolidayRule::Ignore`]); else the weekday's regular hours.
    #[must_use]
    pub fn hours_on(&self, date: NaiveDate) -> DayHours<'_> {
        if let Ok(index) = self.exceptions.binary_search_by_key(&date, |e| e.date) {
            return match &self.exceptions[index].hours {
                ExceptionHours::Closed => DayHours::ClosedByException,
                ExceptionHours::Special(intervals) => DayHours::Special(intervals),
            };
        }
        if self.holidays == HolidayRule::Romanian && is_public_holiday(date) {
            return DayHours::ClosedForHoliday;
        }
        DayHours::Weekly(&self.days[day_index(date.weekday())])
    }
}
