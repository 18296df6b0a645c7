//! The checks a schedule passes once on construction: whole minutes, slot length, counters,
//! whole slots, no overlaps.

use std::ops::RangeInclusive;

use chrono::Timelike;

use super::error::{IntervalPlace, ScheduleError};
use super::types::TimeInterval;

/// Allowed slot lengths, in minutes.
pub const SLOT_MINUTES: RangeInclusive<u16> = 5..=240;
/// Allowed counters (seats) per slot.
pub const COUNTERS: RangeInclusive<u16> = 1..=100;

/// Checks each interval of one day, then sorts them and refuses overlaps.
pub(super) fn check_day(
    at: IntervalPlace,
    intervals: &mut [TimeInterval],
) -> Result<(), ScheduleError> {
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
