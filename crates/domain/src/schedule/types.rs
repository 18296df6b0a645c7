//! The manager's inputs: weekly opening intervals, date exceptions and the holiday rule.

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveTime, Timelike, Weekday};

/// One stretch of opening hours on some day, cut into slots.
///
/// An `end` of 00:00 means midnight at the end of the day (24:00), so round-the-clock
/// hours are 00:00–00:00; any other `end` must be after `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeInterval {
    pub start: NaiveTime,
    pub end: NaiveTime,
    /// Length of one slot, 5 to 240 minutes; the interval must hold a whole number of them.
    pub slot_minutes: u16,
    /// Counters open = seats per slot, 1 to 100.
    pub counters: u16,
}

/// Minutes in a day: the `end` value that 00:00 stands for.
pub(super) const MINUTES_PER_DAY: u32 = 24 * 60;

impl TimeInterval {
    /// Minutes after midnight of `start`.
    pub(super) fn start_minute(&self) -> u32 {
        minute_of_day(self.start)
    }

    /// Minutes after midnight of `end`, with 00:00 read as 24:00.
    pub(super) fn end_minute(&self) -> u32 {
        match minute_of_day(self.end) {
            0 => MINUTES_PER_DAY,
            minute => minute,
        }
    }

    /// How many slots the interval holds (the tail shorter than a slot, if any, is none).
    #[must_use]
    pub fn slot_count(&self) -> u32 {
        let length = self.end_minute().saturating_sub(self.start_minute());
        length
            .checked_div(u32::from(self.slot_minutes))
            .unwrap_or(0)
    }

    /// The wall-clock start times of its slots, in order.
    pub fn slot_times(&self) -> impl Iterator<Item = NaiveTime> + '_ {
        let step = u32::from(self.slot_minutes);
        (0..self.slot_count()).filter_map(move |i| time_of_minute(self.start_minute() + i * step))
    }

    /// Whether `time` is the start of one of its slots.
    #[must_use]
    pub fn has_slot_at(&self, time: NaiveTime) -> bool {
        let (minute, start) = (minute_of_day(time), self.start_minute());
        let on_minute = time.second() == 0 && time.nanosecond() == 0;
        let step = u32::from(self.slot_minutes);
        on_minute
            && step > 0
            && minute >= start
            && (minute - start) % step == 0
            && (minute - start) / step < self.slot_count()
    }
}

/// Whole minutes after midnight (seconds ignored; validation rejects them).
pub(super) fn minute_of_day(time: NaiveTime) -> u32 {
    time.hour() * 60 + time.minute()
}

fn time_of_minute(minute: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(minute / 60, minute % 60, 0)
}

/// Weekly opening hours: every `weekday`, from `start` to `end`, cut into slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OpeningInterval {
    pub weekday: Weekday,
    pub start: NaiveTime,
    /// 00:00 means midnight at the end of the day, as in [`TimeInterval`].
    pub end: NaiveTime,
    pub slot_minutes: u16,
    pub counters: u16,
}

impl OpeningInterval {
    /// The same hours without the weekday.
    #[must_use]
    pub fn interval(&self) -> TimeInterval {
        TimeInterval {
            start: self.start,
            end: self.end,
            slot_minutes: self.slot_minutes,
            counters: self.counters,
        }
    }

    /// The given hours on `weekday`.
    #[must_use]
    pub fn on(weekday: Weekday, interval: TimeInterval) -> Self {
        let TimeInterval {
            start,
            end,
            slot_minutes,
            counters,
        } = interval;
        Self {
            weekday,
            start,
            end,
            slot_minutes,
            counters,
        }
    }
}

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

/// Whether Romanian public holidays close the office automatically (SPEC §3, §5.2).
///
/// SPEC §3 closes offices on Romanian public holidays automatically and exempts no one, so
/// [`HolidayRule::Romanian`] is the default for every office, missions abroad included
/// (a state office closes on the state's holidays). A mission abroad enters its host
/// country's holidays as date exceptions; a date exception with special hours opens any
/// office on a holiday; `Ignore` turns the automatic closure off for an office entirely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum HolidayRule {
    #[default]
    Romanian,
    Ignore,
}

impl HolidayRule {
    /// The stable snake_case name (database, JSON).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Romanian => "romanian",
            Self::Ignore => "ignore",
        }
    }
}

impl fmt::Display for HolidayRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is not the name of a [`HolidayRule`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown holiday rule {0:?} (expected \"romanian\" or \"ignore\")")]
pub struct UnknownHolidayRule(pub String);

impl FromStr for HolidayRule {
    type Err = UnknownHolidayRule;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "romanian" => Ok(Self::Romanian),
            "ignore" => Ok(Self::Ignore),
            other => Err(UnknownHolidayRule(other.to_owned())),
        }
    }
}
