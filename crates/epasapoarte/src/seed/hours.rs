//! The demo offices' opening hours (issue 3, the Alba office's published hours): Monday to
//! Friday 08:30–16:30, Wednesday until 18:30, 15-minute slots.

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use epasapoarte_domain::schedule::{
    DateException, ExceptionHours, OpeningInterval, Schedule, TimeInterval,
};

/// Minutes per slot.
pub const SLOT_MINUTES: u16 = 15;

/// Years whose 24 and 31 December get their exception (see [`short_days`]).
pub const EXCEPTION_YEARS: RangeInclusive<i32> = 2025..=2040;

const fn at(hour: u32, minute: u32) -> NaiveTime {
    // Evaluated at compile time: a wrong constant fails the build, never the service.
    match NaiveTime::from_hms_opt(hour, minute, 0) {
        Some(time) => time,
        None => panic!("invalid constant time"),
    }
}

const OPENS: NaiveTime = at(8, 30);
const CLOSES: NaiveTime = at(16, 30);
const CLOSES_LATE: NaiveTime = at(18, 30);

/// The weekly hours with `counters` seats per slot, and the December exceptions.
#[must_use]
pub fn schedule(counters: u16) -> Schedule {
    let weekly = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ]
    .into_iter()
    .map(|weekday| OpeningInterval {
        weekday,
        start: OPENS,
        end: if weekday == Weekday::Wed {
            CLOSES_LATE
        } else {
            CLOSES
        },
        slot_minutes: SLOT_MINUTES,
        counters,
    })
    .collect();
    let short = TimeInterval {
        start: OPENS,
        end: CLOSES,
        slot_minutes: SLOT_MINUTES,
        counters,
    };
    let exceptions = short_days()
        .map(|date| DateException {
            date,
            hours: ExceptionHours::Special(vec![short]),
        })
        .collect();
    // The table's constants always make a valid schedule; a unit test builds every
    // office's schedule, so this cannot fail at run time.
    Schedule::new(weekly, exceptions).expect("the demo hours are a valid schedule")
}

/// 24 and 31 December close at 16:30 (SPEC §3). That is already the weekday hours except
/// on a Wednesday, so only Wednesdays need an exception (weekends stay closed).
pub fn short_days() -> impl Iterator<Item = NaiveDate> {
    EXCEPTION_YEARS
        .flat_map(|year| [24, 31].map(|day| NaiveDate::from_ymd_opt(year, 12, day)))
        .flatten()
        .filter(|date| date.weekday() == Weekday::Wed)
}
