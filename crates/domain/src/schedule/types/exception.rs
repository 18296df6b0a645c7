//! One date's exception to the weekly hours: closed, or special hours.

use chrono::NaiveDate;

use super::TimeInterval;

/// What an office does on one particular date, overriding the weekly hours and holidays.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ExceptionHours {
    /// Closed all day.
    Closed,
    /// Open only during these intervals (24 and 31 December 08:30–16:30, say).
    Special(Vec<TimeInterval>),
}

/// One date's exception to the weekly hours.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DateException {
    pub date: NaiveDate,
    pub hours: ExceptionHours,
}
