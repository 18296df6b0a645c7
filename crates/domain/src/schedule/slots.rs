//! Slots: the wall-clock times a schedule opens, pinned to UTC instants in the office's zone.

use chrono::{DateTime, MappedLocalTime, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

use super::model::Schedule;
use super::types::TimeInterval;

/// One bookable time at one office: `capacity` seats from `starts_at` to `ends_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Slot {
    /// The office-local date.
    pub date: NaiveDate,
    /// The office-local wall-clock time, as printed on the appointment.
    pub time: NaiveTime,
    pub starts_at: DateTime<Utc>,
    /// `starts_at` plus the slot length, in real (elapsed) time.
    pub ends_at: DateTime<Utc>,
    /// Seats: the interval's counters.
    pub capacity: u16,
}

/// Every slot of `schedule` on the office-local dates `from..=to`, sorted by `starts_at`.
///
/// Slot times are wall-clock times in `tz`. A wall time that does not exist (the
/// spring-forward gap) gives no slot; an ambiguous one (the fall-back hour) gives one slot,
/// at the earlier instant, so a citizen never holds an appointment that happens twice.
/// The result is as long as the range: callers bound it (see [`super::bookable_slots`]).
#[must_use]
pub fn slots_between(schedule: &Schedule, tz: Tz, from: NaiveDate, to: NaiveDate) -> Vec<Slot> {
    let mut slots: Vec<Slot> = from
        .iter_days()
        .take_while(|date| *date <= to)
        .flat_map(|date| {
            let intervals = schedule.hours_on(date).intervals();
            intervals.iter().flat_map(move |interval| {
                interval
                    .slot_times()
                    .filter_map(move |time| slot(tz, date, time, interval))
            })
        })
        .collect();
    // Wall time maps monotonically to instants once ambiguities take the earlier one, so
    // this is already in order; sorting keeps the promise whatever a zone's rules do.
    slots.sort_by_key(|slot| slot.starts_at);
    slots
}

/// The slot at office-local `date` and `time`, if the schedule really opens one then.
///
/// `None` when the office is closed that day, `time` is not the start of one of its slots,
/// or the wall time does not exist in `tz`. The booking window is not checked here.
#[must_use]
pub fn slot_at(schedule: &Schedule, tz: Tz, date: NaiveDate, time: NaiveTime) -> Option<Slot> {
    let intervals = schedule.hours_on(date).intervals();
    let interval = intervals
        .iter()
        .find(|interval| interval.has_slot_at(time))?;
    slot(tz, date, time, interval)
}

/// Pins one wall-clock slot to UTC; `None` in a DST gap or beyond chrono's range.
fn slot(tz: Tz, date: NaiveDate, time: NaiveTime, interval: &TimeInterval) -> Option<Slot> {
    let local = match tz.from_local_datetime(&date.and_time(time)) {
        MappedLocalTime::Single(local) => local,
        MappedLocalTime::Ambiguous(first, second) => first.min(second),
        MappedLocalTime::None => return None,
    };
    let starts_at = local.with_timezone(&Utc);
    let length = TimeDelta::minutes(i64::from(interval.slot_minutes));
    let ends_at = starts_at.checked_add_signed(length)?;
    Some(Slot {
        date,
        time,
        starts_at,
        ends_at,
        capacity: interval.counters,
    })
}
