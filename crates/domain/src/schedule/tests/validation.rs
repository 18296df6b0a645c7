//! Schedule::new accepts sensible hours and names every mistake within one interval.

use chrono::{NaiveTime, Weekday};

use super::{alba_weekly, hm, interval, monday_error};
use crate::schedule::Schedule;

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
fn errors_read_well_for_a_weekday() {
    let error = monday_error(interval(hm(8, 30), hm(16, 40), 15, 3)).expect("rejected");
    let message = "Monday: 08:30–16:40 is not a whole number of 15-minute slots";
    assert_eq!(error.to_string(), message);
}
