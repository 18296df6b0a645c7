//! Weekly opening hours: an interval of hours on one weekday.

use chrono::{NaiveTime, Weekday};

use super::TimeInterval;

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
