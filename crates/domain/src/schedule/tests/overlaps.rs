//! Schedule::new across a day and across dates: overlapping intervals, duplicate and
//! empty exceptions, a bad special interval named by its date.

use chrono::Weekday;

use super::{alba_weekly, closed, hm, interval, special, ymd};
use crate::schedule::{IntervalPlace, OpeningInterval, Schedule, ScheduleError};

#[test]
fn overlapping_intervals_on_one_weekday_are_rejected_with_the_weekday() {
    let weekly = vec![
        OpeningInterval::on(Weekday::Tue, interval(hm(12, 0), hm(16, 0), 15, 2)),
        OpeningInterval::on(Weekday::Tue, interval(hm(8, 0), hm(12, 15), 15, 2)),
    ];
    let error = Schedule::new(weekly, Vec::new()).err();
    let expected = ScheduleError::IntervalsOverlap {
        at: IntervalPlace::Weekly(Weekday::Tue),
        first: hm(8, 0),
        second: hm(12, 0),
    };
    assert_eq!(error, Some(expected));
}

#[test]
fn touching_intervals_and_the_same_hours_on_two_weekdays_are_fine() {
    let weekly = vec![
        OpeningInterval::on(Weekday::Tue, interval(hm(8, 0), hm(12, 0), 15, 2)),
        OpeningInterval::on(Weekday::Tue, interval(hm(12, 0), hm(16, 0), 30, 1)),
        OpeningInterval::on(Weekday::Thu, interval(hm(8, 0), hm(12, 0), 15, 2)),
    ];
    assert!(Schedule::new(weekly, Vec::new()).is_ok());
}

#[test]
fn two_exceptions_for_one_date_are_rejected() {
    let exceptions = vec![closed(ymd(2026, 12, 24)), closed(ymd(2026, 12, 24))];
    let error = Schedule::new(alba_weekly(), exceptions).err();
    assert_eq!(
        error,
        Some(ScheduleError::DuplicateException {
            date: ymd(2026, 12, 24)
        })
    );
}

#[test]
fn special_hours_without_intervals_are_rejected() {
    let error = Schedule::new(alba_weekly(), vec![special(ymd(2026, 12, 24), Vec::new())]).err();
    assert_eq!(error.map(|e| e.code()), Some("special_hours_empty"));
}

#[test]
fn a_bad_special_interval_names_its_date() {
    let bad = special(
        ymd(2026, 12, 31),
        vec![interval(hm(8, 30), hm(16, 30), 15, 0)],
    );
    let error = Schedule::new(alba_weekly(), vec![bad]).expect_err("rejected");
    assert_eq!(error.place(), IntervalPlace::Exception(ymd(2026, 12, 31)));
    assert_eq!(
        error.to_string(),
        "2026-12-31: counters must be 1 to 100, not 0"
    );
}
