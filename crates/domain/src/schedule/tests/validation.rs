//! Schedule::new accepts sensible hours and names every kind of mistake.

use chrono::{NaiveTime, Weekday};

use super::{alba_weekly, closed, hm, interval, monday_error, special, ymd};
use crate::schedule::{IntervalPlace, OpeningInterval, Schedule, ScheduleError};

#[test]
fn alba_office_hours_are_accepted_and_listed_monday_first() {
    let schedule = Schedule::new(alba_weekly(), Vec::new()).expect("valid");
    let weekdays: Vec<Weekday> = schedule.weekly().map(|o| o.weekday).collect();
    assert_eq!(
        weekdays,
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri
        ]
    );
}

#[test]
fn an_interval_ending_before_or_at_its_start_is_rejected() {
    let backwards = monday_error(interval(hm(16, 30), hm(8, 30), 15, 3));
    let empty = monday_error(interval(hm(8, 30), hm(8, 30), 15, 3));
    assert_eq!(backwards.map(|e| e.code()), Some("end_not_after_start"));
    assert_eq!(empty.map(|e| e.code()), Some("end_not_after_start"));
}

#[test]
fn an_end_of_midnight_means_the_end_of_the_day() {
    assert_eq!(monday_error(interval(hm(0, 0), hm(0, 0), 15, 1)), None);
    assert_eq!(monday_error(interval(hm(20, 0), hm(0, 0), 60, 1)), None);
}

#[test]
fn slot_lengths_outside_5_to_240_minutes_are_rejected() {
    assert_eq!(
        monday_error(interval(hm(8, 0), hm(8, 20), 4, 1)).map(|e| e.code()),
        Some("slot_minutes_out_of_range")
    );
    assert_eq!(
        monday_error(interval(hm(8, 0), hm(16, 1), 241, 1)).map(|e| e.code()),
        Some("slot_minutes_out_of_range")
    );
    assert_eq!(monday_error(interval(hm(8, 0), hm(8, 5), 5, 1)), None);
    assert_eq!(monday_error(interval(hm(8, 0), hm(12, 0), 240, 1)), None);
}

#[test]
fn an_interval_that_is_not_a_whole_number_of_slots_is_rejected() {
    let error = monday_error(interval(hm(8, 30), hm(16, 40), 15, 3));
    assert_eq!(error.map(|e| e.code()), Some("not_whole_slots"));
}

#[test]
fn counters_outside_1_to_100_are_rejected() {
    assert_eq!(
        monday_error(interval(hm(8, 0), hm(9, 0), 15, 0)).map(|e| e.code()),
        Some("counters_out_of_range")
    );
    assert_eq!(
        monday_error(interval(hm(8, 0), hm(9, 0), 15, 101)).map(|e| e.code()),
        Some("counters_out_of_range")
    );
    assert_eq!(monday_error(interval(hm(8, 0), hm(9, 0), 15, 100)), None);
}

#[test]
fn times_with_seconds_are_rejected() {
    let start = NaiveTime::from_hms_opt(8, 0, 30).expect("real time");
    let error = monday_error(interval(start, hm(9, 0), 15, 1));
    assert_eq!(error.map(|e| e.code()), Some("time_not_whole_minute"));
}

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

#[test]
fn errors_read_well_for_a_weekday() {
    let error = monday_error(interval(hm(8, 30), hm(16, 40), 15, 3)).expect("rejected");
    let message = "Monday: 08:30–16:40 is not a whole number of 15-minute slots";
    assert_eq!(error.to_string(), message);
}
