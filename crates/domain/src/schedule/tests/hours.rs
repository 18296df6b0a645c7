//! Which hours a date gets (weekday, exception, holiday), and how many slots they give.

use chrono::TimeDelta;
use chrono_tz::Europe::Bucharest;

use super::{alba, alba_weekly, closed, hm, interval, special, ymd};
use crate::schedule::{
    DateException, DayHours, ExceptionHours, HolidayRule, Schedule, slots_between,
};

fn slot_count(schedule: &Schedule, year: i32, month: u32, day: u32) -> usize {
    let date = ymd(year, month, day);
    slots_between(schedule, Bucharest, date, date).len()
}

#[test]
fn each_weekday_gets_its_own_hours_and_the_weekend_none() {
    // Monday 16 March 2026 to Sunday 22 March 2026: no holidays that week.
    let schedule = alba();
    let counts: Vec<usize> = (16..=22)
        .map(|day| slot_count(&schedule, 2026, 3, day))
        .collect();
    assert_eq!(counts, [32, 32, 40, 32, 32, 0, 0]);
}

#[test]
fn a_monday_runs_from_08_30_to_the_last_slot_at_16_15_with_3_seats_each() {
    let slots = slots_between(&alba(), Bucharest, ymd(2026, 3, 16), ymd(2026, 3, 16));
    assert_eq!(slots.first().map(|s| s.time), Some(hm(8, 30)));
    assert_eq!(slots.last().map(|s| s.time), Some(hm(16, 15)));
    assert!(
        slots
            .iter()
            .all(|s| s.capacity == 3 && s.date == ymd(2026, 3, 16))
    );
    assert!(
        slots
            .iter()
            .all(|s| s.ends_at - s.starts_at == TimeDelta::minutes(15))
    );
}

#[test]
fn a_closed_exception_closes_a_working_day() {
    let schedule = Schedule::new(alba_weekly(), vec![closed(ymd(2026, 3, 17))]).expect("valid");
    assert_eq!(slot_count(&schedule, 2026, 3, 17), 0);
    assert_eq!(
        schedule.hours_on(ymd(2026, 3, 17)),
        DayHours::ClosedByException
    );
    assert_eq!(slot_count(&schedule, 2026, 3, 18), 40);
}

#[test]
fn special_hours_on_24_december_shorten_a_long_wednesday() {
    // 24 December 2025 is a Wednesday (normally 08:30–18:30); the DGP opens 08:30–16:30.
    let christmas_eve = special(
        ymd(2025, 12, 24),
        vec![interval(hm(8, 30), hm(16, 30), 15, 2)],
    );
    let schedule = Schedule::new(alba_weekly(), vec![christmas_eve]).expect("valid");
    let slots = slots_between(&schedule, Bucharest, ymd(2025, 12, 24), ymd(2025, 12, 24));
    assert_eq!(slots.len(), 32);
    assert!(slots.iter().all(|s| s.capacity == 2));
}

#[test]
fn special_hours_can_open_a_saturday() {
    let saturday = special(ymd(2026, 3, 21), vec![interval(hm(9, 0), hm(13, 0), 30, 1)]);
    let schedule = Schedule::new(alba_weekly(), vec![saturday]).expect("valid");
    assert_eq!(slot_count(&schedule, 2026, 3, 21), 8);
}

#[test]
fn public_holidays_on_weekdays_are_closed() {
    let schedule = alba();
    assert_eq!(slot_count(&schedule, 2026, 12, 1), 0); // Tuesday, Ziua Națională
    assert_eq!(slot_count(&schedule, 2026, 4, 13), 0); // Monday, A doua zi de Paște
    assert_eq!(
        schedule.hours_on(ymd(2026, 12, 1)),
        DayHours::ClosedForHoliday
    );
    assert_eq!(slot_count(&schedule, 2026, 12, 2), 40); // Wednesday after
}

#[test]
fn an_exception_wins_over_a_holiday() {
    let open = special(
        ymd(2026, 12, 1),
        vec![interval(hm(10, 0), hm(12, 0), 15, 1)],
    );
    let schedule = Schedule::new(alba_weekly(), vec![open]).expect("valid");
    assert_eq!(slot_count(&schedule, 2026, 12, 1), 8);
}

#[test]
fn an_exception_may_close_a_holiday_but_not_open_it() {
    // 1 December 2026: Ziua Națională.
    let open = special(
        ymd(2026, 12, 1),
        vec![interval(hm(10, 0), hm(12, 0), 15, 1)],
    );
    let closed = DateException {
        date: ymd(2026, 12, 1),
        hours: ExceptionHours::Closed,
    };
    let working_day = special(
        ymd(2026, 12, 2),
        vec![interval(hm(10, 0), hm(12, 0), 15, 1)],
    );
    let holiday = alba().would_open_a_holiday(&open).expect("a holiday");
    assert_eq!(holiday.date, ymd(2026, 12, 1));
    assert_eq!(alba().would_open_a_holiday(&closed), None);
    assert_eq!(alba().would_open_a_holiday(&working_day), None);
    let ignoring = alba().with_holiday_rule(HolidayRule::Ignore);
    assert_eq!(ignoring.would_open_a_holiday(&open), None);
}

#[test]
fn an_office_ignoring_holidays_opens_on_them() {
    let schedule = alba().with_holiday_rule(HolidayRule::Ignore);
    assert_eq!(slot_count(&schedule, 2026, 12, 1), 32);
    assert_eq!(schedule.hours_on(ymd(2026, 12, 1)).intervals().len(), 1);
}

#[test]
fn holiday_rule_names_round_trip() {
    for rule in [HolidayRule::Romanian, HolidayRule::Ignore] {
        assert_eq!(rule.as_str().parse::<HolidayRule>(), Ok(rule));
    }
    assert!("closed".parse::<HolidayRule>().is_err());
}
