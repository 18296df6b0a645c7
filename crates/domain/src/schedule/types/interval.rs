//! A stretch of opening hours cut into slots, and its arithmetic in minutes of the day.

use chrono::{NaiveTime, Timelike};

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
pub(in crate::schedule) const MINUTES_PER_DAY: u32 = 24 * 60;

impl TimeInterval {
    /// Minutes after midnight of `start`.
    pub(in crate::schedule) fn start_minute(&self) -> u32 {
        minute_of_day(self.start)
    }

    /// Minutes after midnight of `end`, with 00:00 read as 24:00.
    pub(in crate::schedule) fn end_minute(&self) -> u32 {
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
pub(in crate::schedule) fn minute_of_day(time: NaiveTime) -> u32 {
    time.hour() * 60 + time.minute()
}

fn time_of_minute(minute: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(minute / 60, minute % 60, 0)
}
