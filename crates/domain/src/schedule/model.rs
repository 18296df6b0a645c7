//! A validated schedule: built once from the manager's inputs, then trusted.

use chrono::Weekday;

use super::error::{IntervalPlace, ScheduleError};
use super::types::{DateException, ExceptionHours, HolidayRule, OpeningInterval, TimeInterval};
use super::validate::check_day;

/// An office's opening hours, checked once on construction so slot code can trust them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// Intervals per weekday, indexed from Monday, each day sorted by start.
    pub(super) days: [Vec<TimeInterval>; 7],
    /// Sorted by date, at most one per date, special intervals sorted by start.
    pub(super) exceptions: Vec<DateException>,
    pub(super) holidays: HolidayRule,
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

pub(super) fn day_index(weekday: Weekday) -> usize {
    weekday.num_days_from_monday() as usize
}
