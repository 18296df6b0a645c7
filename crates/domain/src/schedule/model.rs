//! A validated schedule, and which hours it gives a date (exception, holiday, weekday).

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate, Timelike, Weekday};

use super::error::{IntervalPlace, ScheduleError};
use super::types::{DateException, ExceptionHours, HolidayRule, OpeningInterval, TimeInterval};
use crate::calendar::is_public_holiday;

/// Allowed slot lengths, in minutes.
pub const SLOT_MINUTES: RangeInclusive<u16> = 5..=240;
/// Allowed counters (seats) per slot.
pub const COUNTERS: RangeInclusive<u16> = 1..=100;

/// An office's opening hours, checked once on construction so slot code can trust them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// Intervals per weekday, indexed from Monday, each day sorted by start.
    days: [Vec<TimeInterval>; 7],
    /// Sorted by date, at most one per date, special intervals sorted by start.
    exceptions: Vec<DateException>,
    holidays: HolidayRule,
}

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
    /// Checks and builds a schedule. The holiday rule starts as [`HolidayRule::Romanian`].
    ///
    /// # Errors
    /// The first broken rule: times not on whole minutes, an end not after its start
    /// (an end of 00:00 means midnight), a slot length outside 5–240 minutes, an interval
    /// that is not a whole number of slots, counters outside 1–100, intervals of one day
    /// that overlap (touching is fine), two exceptions for one date, empty special hours.
    pub fn new(
        weekly: Vec<OpeningInterval>,
        mut exceptions: Vec<DateException>,
    ) -> Result<Self, ScheduleError> {
        let mut days: [Vec<TimeInterval>; 7] = Default::default();
        for opening in weekly {
            days[day_index(opening.weekday)].push(opening.interval());
        }
        for (weekday, intervals) in WEEK.into_iter().zip(days.iter_mut()) {
            check_day(IntervalPlace::Weekly(weekday), intervals)?;
        }
        exceptions.sort_by_key(|exception| exception.date);
        if let Some(pair) = exceptions
            .windows(2)
            .find(|pair| pair[0].date == pair[1].date)
        {
            return Err(ScheduleError::DuplicateException { date: pair[0].date });
        }
        for exception in &mut exceptions {
            if let ExceptionHours::Special(intervals) = &mut exception.hours {
                if intervals.is_empty() {
                    return Err(ScheduleError::SpecialHoursEmpty {
                        date: exception.date,
                    });
                }
                check_day(IntervalPlace::Exception(exception.date), intervals)?;
            }
        }
        Ok(Self {
            days,
            exceptions,
            holidays: HolidayRule::default(),
        })
    }

    /// The same schedule with another holiday rule.
    #[must_use]
    pub fn with_holiday_rule(mut self, rule: HolidayRule) -> Self {
        self.holidays = rule;
        self
    }

    #[must_use]
    pub fn holiday_rule(&self) -> HolidayRule {
        self.holidays
    }

    /// The weekly intervals, Monday first, each day by start time.
    pub fn weekly(&self) -> impl Iterator<Item = OpeningInterval> + '_ {
        WEEK.into_iter().flat_map(move |weekday| {
            self.days[day_index(weekday)]
                .iter()
                .map(move |i| OpeningInterval::on(weekday, *i))
        })
    }

    /// The date exceptions, sorted by date.
    #[must_use]
    pub fn exceptions(&self) -> &[DateException] {
        &self.exceptions
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

/// The weekdays in the order of `Schedule::days`.
const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn day_index(weekday: Weekday) -> usize {
    weekday.num_days_from_monday() as usize
}

/// Checks each interval of one day, then sorts them and refuses overlaps.
fn check_day(at: IntervalPlace, intervals: &mut [TimeInterval]) -> Result<(), ScheduleError> {
    for interval in intervals.iter() {
        check_interval(at, interval)?;
    }
    intervals.sort_by_key(TimeInterval::start_minute);
    match intervals
        .windows(2)
        .find(|pair| pair[1].start_minute() < pair[0].end_minute())
    {
        Some(pair) => Err(ScheduleError::IntervalsOverlap {
            at,
            first: pair[0].start,
            second: pair[1].start,
        }),
        None => Ok(()),
    }
}

fn check_interval(at: IntervalPlace, interval: &TimeInterval) -> Result<(), ScheduleError> {
    let TimeInterval {
        start,
        end,
        slot_minutes,
        counters,
    } = *interval;
    for time in [start, end] {
        if time.second() != 0 || time.nanosecond() != 0 {
            return Err(ScheduleError::TimeNotWholeMinute { at, time });
        }
    }
    if interval.end_minute() <= interval.start_minute() {
        return Err(ScheduleError::EndNotAfterStart { at, start, end });
    }
    if !SLOT_MINUTES.contains(&slot_minutes) {
        return Err(ScheduleError::SlotMinutesOutOfRange { at, slot_minutes });
    }
    if !COUNTERS.contains(&counters) {
        return Err(ScheduleError::CountersOutOfRange { at, counters });
    }
    let length = interval.end_minute() - interval.start_minute();
    if length % u32::from(slot_minutes) != 0 {
        return Err(ScheduleError::NotWholeSlots {
            at,
            start,
            end,
            slot_minutes,
        });
    }
    Ok(())
}
