//! The generators: random valid schedules in zones with odd DST rules, and instants.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeDelta, Utc, Weekday};
use chrono_tz::Tz;
use proptest::prelude::*;

use crate::schedule::{
    DateException, ExceptionHours, HolidayRule, OpeningInterval, Schedule, TimeInterval,
};

/// Zones with DST (both hemispheres), none, a half-hour offset, a half-hour DST shift
/// (Lord Howe) and a DST change at midnight (Santiago).
pub(super) const ZONES: [Tz; 9] = [
    Tz::Europe__Bucharest,
    Tz::Europe__London,
    Tz::America__New_York,
    Tz::America__Santiago,
    Tz::Asia__Tokyo,
    Tz::Asia__Kolkata,
    Tz::Australia__Sydney,
    Tz::Australia__Lord_Howe,
    Tz::Pacific__Apia,
];
pub(super) const SLOT_LENGTHS: [u16; 9] = [5, 10, 15, 20, 30, 45, 60, 120, 240];
pub(super) const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

pub(super) fn time_of(minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(minute / 60 % 24, minute % 60, 0).unwrap_or(NaiveTime::MIN)
}

/// Zero to three non-overlapping intervals of one day, each a whole number of slots.
pub(super) fn day_hours() -> impl Strategy<Value = Vec<TimeInterval>> {
    let one = (
        0_u32..=120,
        0_usize..SLOT_LENGTHS.len(),
        1_u32..=24,
        1_u16..=100,
    );
    prop::collection::vec(one, 0..=3).prop_map(|parts| {
        let mut cursor = 0;
        let mut intervals = Vec::new();
        for (gap, length, slots, counters) in parts {
            let slot_minutes = SLOT_LENGTHS[length];
            let start = cursor + gap * 5;
            let end = start + u32::from(slot_minutes) * slots;
            if end > 24 * 60 {
                break;
            }
            intervals.push(TimeInterval {
                start: time_of(start),
                end: time_of(end),
                slot_minutes,
                counters,
            });
            cursor = end;
        }
        intervals
    })
}

pub(super) fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or(NaiveDate::MIN)
}

pub(super) fn schedule() -> impl Strategy<Value = Schedule> {
    let weekly = prop::collection::vec(day_hours(), 7);
    let exceptions = prop::collection::vec((0_u64..300, day_hours()), 0..=6);
    (weekly, exceptions, any::<bool>())
        .prop_map(|(weekly, exceptions, ignore)| {
            let weekly = WEEK
                .iter()
                .zip(weekly)
                .flat_map(|(&day, hours)| {
                    hours.into_iter().map(move |h| OpeningInterval::on(day, h))
                })
                .collect();
            // One exception per date; no intervals stands for a closed day.
            let by_date: BTreeMap<NaiveDate, Vec<TimeInterval>> = exceptions
                .into_iter()
                .map(|(offset, hours)| (base() + Days::new(offset), hours))
                .collect();
            let exceptions = by_date
                .into_iter()
                .map(|(date, hours)| DateException {
                    date,
                    hours: if hours.is_empty() {
                        ExceptionHours::Closed
                    } else {
                        ExceptionHours::Special(hours)
                    },
                })
                .collect();
            let rule = if ignore {
                HolidayRule::Ignore
            } else {
                HolidayRule::Romanian
            };
            Schedule::new(weekly, exceptions).map(|s| s.with_holiday_rule(rule))
        })
        .prop_filter_map("generated schedules are valid", Result::ok)
}

pub(super) fn now() -> impl Strategy<Value = DateTime<Utc>> {
    (0_i64..(365 * 24 * 3600))
        .prop_map(|seconds| base().and_time(NaiveTime::MIN).and_utc() + TimeDelta::seconds(seconds))
}
