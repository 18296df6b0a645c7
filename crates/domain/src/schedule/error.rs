//! Why a schedule was refused: one variant per rule, each with a stable code for the form.

use std::fmt;

use chrono::{NaiveDate, NaiveTime, Weekday};

/// Where in the schedule the faulty interval sits: a weekday's hours or a date exception.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntervalPlace {
    Weekly(Weekday),
    Exception(NaiveDate),
}

impl fmt::Display for IntervalPlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Weekly(weekday) => f.write_str(weekday_name(*weekday)),
            Self::Exception(date) => write!(f, "{date}"),
        }
    }
}

fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// `08:30`: how a manager wrote the time (00:00 as an end reads as midnight either way).
fn hhmm(time: &NaiveTime) -> impl fmt::Display {
    time.format("%H:%M")
}

/// A schedule the manager must correct. The first problem found is reported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("{at}: {time} is not a whole minute")]
    TimeNotWholeMinute { at: IntervalPlace, time: NaiveTime },
    #[error("{at}: the interval {}–{} does not end after it starts", hhmm(.start), hhmm(.end))]
    EndNotAfterStart {
        at: IntervalPlace,
        start: NaiveTime,
        end: NaiveTime,
    },
    #[error("{at}: a slot must last 5 to 240 minutes, not {slot_minutes}")]
    SlotMinutesOutOfRange {
        at: IntervalPlace,
        slot_minutes: u16,
    },
    #[error("{at}: {}–{} is not a whole number of {slot_minutes}-minute slots", hhmm(.start), hhmm(.end))]
    NotWholeSlots {
        at: IntervalPlace,
        start: NaiveTime,
        end: NaiveTime,
        slot_minutes: u16,
    },
    #[error("{at}: counters must be 1 to 100, not {counters}")]
    CountersOutOfRange { at: IntervalPlace, counters: u16 },
    #[error("{at}: the intervals starting at {} and {} overlap", hhmm(.first), hhmm(.second))]
    IntervalsOverlap {
        at: IntervalPlace,
        first: NaiveTime,
        second: NaiveTime,
    },
    #[error("{date}: more than one exception for the same date")]
    DuplicateException { date: NaiveDate },
    #[error("{date}: special hours need at least one interval (or mark the date closed)")]
    SpecialHoursEmpty { date: NaiveDate },
}

impl ScheduleError {
    /// The stable snake_case code: the form's translation key and the API's error code.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::TimeNotWholeMinute { .. } => "time_not_whole_minute",
            Self::EndNotAfterStart { .. } => "end_not_after_start",
            Self::SlotMinutesOutOfRange { .. } => "slot_minutes_out_of_range",
            Self::NotWholeSlots { .. } => "not_whole_slots",
            Self::CountersOutOfRange { .. } => "counters_out_of_range",
            Self::IntervalsOverlap { .. } => "intervals_overlap",
            Self::DuplicateException { .. } => "duplicate_exception",
            Self::SpecialHoursEmpty { .. } => "special_hours_empty",
        }
    }

    /// Which weekday or date the problem is on, for pointing at the right form row.
    #[must_use]
    pub const fn place(&self) -> IntervalPlace {
        match self {
            Self::TimeNotWholeMinute { at, .. }
            | Self::EndNotAfterStart { at, .. }
            | Self::SlotMinutesOutOfRange { at, .. }
            | Self::NotWholeSlots { at, .. }
            | Self::CountersOutOfRange { at, .. }
            | Self::IntervalsOverlap { at, .. } => *at,
            Self::DuplicateException { date } | Self::SpecialHoursEmpty { date } => {
                IntervalPlace::Exception(*date)
            }
        }
    }
}
