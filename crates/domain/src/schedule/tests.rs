//! Unit tests of schedules and slots, with shared builders for the usual office hours.

mod dst;
mod hours;
mod overlaps;
mod slot_lookup;
mod validation;
mod window;
mod zones;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};

use super::{
    DateException, ExceptionHours, OpeningInterval, Schedule, ScheduleError, TimeInterval,
};

/// Test literals are constants: a bad one is a bug in the test, so `expect` is fine here.
fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("real date")
}

fn hm(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).expect("real time")
}

fn utc(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, hour, minute, 0)
        .single()
        .expect("real instant")
}

fn interval(start: NaiveTime, end: NaiveTime, slot_minutes: u16, counters: u16) -> TimeInterval {
    TimeInterval {
        start,
        end,
        slot_minutes,
        counters,
    }
}

const WORKDAYS: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];
const ALL_DAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// Alba's published hours: Mon–Fri 08:30–16:30, Wednesday until 18:30; 15-minute slots,
/// 3 counters.
fn alba_weekly() -> Vec<OpeningInterval> {
    WORKDAYS
        .iter()
        .map(|&day| {
            let end = if day == Weekday::Wed {
                hm(18, 30)
            } else {
                hm(16, 30)
            };
            OpeningInterval::on(day, interval(hm(8, 30), end, 15, 3))
        })
        .collect()
}

fn alba() -> Schedule {
    Schedule::new(alba_weekly(), Vec::new()).expect("valid")
}

/// The same hours on every day of the week, with no exceptions.
fn every_day(hours: TimeInterval) -> Schedule {
    let weekly = ALL_DAYS
        .iter()
        .map(|&day| OpeningInterval::on(day, hours))
        .collect();
    Schedule::new(weekly, Vec::new()).expect("valid")
}

fn special(date: NaiveDate, intervals: Vec<TimeInterval>) -> DateException {
    DateException {
        date,
        hours: ExceptionHours::Special(intervals),
    }
}

fn closed(date: NaiveDate) -> DateException {
    DateException {
        date,
        hours: ExceptionHours::Closed,
    }
}

/// The error a one-interval Monday schedule gets.
fn monday_error(hours: TimeInterval) -> Option<ScheduleError> {
    Schedule::new(vec![OpeningInterval::on(Weekday::Mon, hours)], Vec::new()).err()
}
