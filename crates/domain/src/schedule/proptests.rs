//! Property tests: random valid schedules, zones and windows; slots stay honest.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeDelta, Utc, Weekday};
use chrono_tz::Tz;
use proptest::prelude::*;

use crate::schedule::{
    BookingWindow, DateException, ExceptionHours, HolidayRule, OpeningInterval, Schedule,
    TimeInterval, bookable_slots, slot_at, slots_between,
};

/// Zones with DST (both hemispheres), none, a half-hour offset, a half-hour DST shift
/// (Lord Howe) and a DST change at midnight (Santiago).
const ZONES: [Tz; 9] = [
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
const SLOT_LENGTHS: [u16; 9] = [5, 10, 15, 20, 30, 45, 60, 120, 240];
const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn time_of(minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(minute / 60 % 24, minute % 60, 0).unwrap_or(NaiveTime::MIN)
}

/// Zero to three non-overlapping intervals of one day, each a whole number of slots.
fn day_hours() -> impl Strategy<Value = Vec<TimeInterval>> {
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

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or(NaiveDate::MIN)
}

fn schedule() -> impl Strategy<Value = Schedule> {
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

fn now() -> impl Strategy<Value = DateTime<Utc>> {
    (0_i64..(365 * 24 * 3600))
        .prop_map(|seconds| base().and_time(NaiveTime::MIN).and_utc() + TimeDelta::seconds(seconds))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn bookable_slots_are_inside_the_window_ordered_unique_and_real(
        schedule in schedule(),
        zone in 0_usize..ZONES.len(),
        now in now(),
        horizon_days in 0_u32..=100,
        from_offset in -5_i64..=100,
        length in 0_u64..=100,
    ) {
        let tz = ZONES[zone];
        let window = BookingWindow { now, horizon_days };
        let today = window.first_date(tz);
        let from = today + TimeDelta::days(from_offset);
        let to = from + Days::new(length);

        let slots = bookable_slots(&schedule, tz, &window, from, to);

        prop_assert!(slots.windows(2).all(|pair| pair[0].starts_at < pair[1].starts_at));
        for slot in &slots {
            prop_assert!(window.allows(tz, slot));
            prop_assert!(slot.starts_at > now);
            prop_assert!(slot.date >= today && slot.date <= window.last_date(tz));
            prop_assert!(slot.date >= from && slot.date <= to);
            prop_assert_eq!(slot_at(&schedule, tz, slot.date, slot.time), Some(*slot));
            let hours = schedule.hours_on(slot.date).intervals();
            let interval = hours.iter().find(|i| i.has_slot_at(slot.time));
            prop_assert_eq!(interval.map(|i| i.counters), Some(slot.capacity));
        }
    }

    #[test]
    fn without_dst_every_wall_clock_slot_exists(schedule in schedule(), days in 0_u64..=14) {
        let from = base();
        let to = from + Days::new(days);
        let expected: u32 = from
            .iter_days()
            .take_while(|d| *d <= to)
            .flat_map(|d| schedule.hours_on(d).intervals().iter().map(TimeInterval::slot_count))
            .sum();
        let slots = slots_between(&schedule, Tz::Asia__Tokyo, from, to);
        prop_assert_eq!(slots.len(), expected as usize);
    }

    #[test]
    fn an_interval_is_accepted_exactly_when_it_follows_the_rules(
        start in 0_u32..1440,
        end in 0_u32..1440,
        slot_minutes in 0_u16..=300,
        counters in 0_u16..=120,
    ) {
        let hours = TimeInterval { start: time_of(start), end: time_of(end), slot_minutes, counters };
        let result = Schedule::new(vec![OpeningInterval::on(Weekday::Mon, hours)], Vec::new());
        let end_minute = if end == 0 { 1440 } else { end };
        let valid = end_minute > start
            && (5..=240).contains(&slot_minutes)
            && (1..=100).contains(&counters)
            && (end_minute - start) % u32::from(slot_minutes.max(1)) == 0;
        prop_assert_eq!(result.is_ok(), valid);
    }
}
