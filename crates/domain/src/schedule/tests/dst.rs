//! DST in Bucharest: wall-clock slots, the spring gap skipped, the fall-back hour taken
//! once.

use chrono::NaiveDate;
use chrono_tz::Europe::Bucharest;
use chrono_tz::Tz;

use super::{alba, every_day, hm, interval, utc, ymd};
use crate::schedule::{Slot, slot_at, slots_between};

pub(super) fn on(tz: Tz, schedule: &crate::schedule::Schedule, date: NaiveDate) -> Vec<Slot> {
    slots_between(schedule, tz, date, date)
}

pub(super) fn strictly_increasing(slots: &[Slot]) -> bool {
    slots
        .windows(2)
        .all(|pair| pair[0].starts_at < pair[1].starts_at)
}

#[test]
fn office_hours_on_the_spring_forward_sunday_are_all_there_in_summer_time() {
    // 29 March 2026, Bucharest: 03:00 EET becomes 04:00 EEST.
    let slots = on(
        Bucharest,
        &every_day(interval(hm(8, 30), hm(16, 30), 15, 3)),
        ymd(2026, 3, 29),
    );
    assert_eq!(slots.len(), 32);
    assert_eq!(slots[0].starts_at, utc(2026, 3, 29, 5, 30));
    assert_eq!(slots[31].starts_at, utc(2026, 3, 29, 13, 15));
}

#[test]
fn office_hours_on_the_fall_back_sunday_are_all_there_in_winter_time() {
    // 25 October 2026, Bucharest: 04:00 EEST becomes 03:00 EET.
    let slots = on(
        Bucharest,
        &every_day(interval(hm(8, 30), hm(16, 30), 15, 3)),
        ymd(2026, 10, 25),
    );
    assert_eq!(slots.len(), 32);
    assert_eq!(slots[0].starts_at, utc(2026, 10, 25, 6, 30));
}

#[test]
fn round_the_clock_hours_lose_the_missing_hour_in_spring() {
    let slots = on(
        Bucharest,
        &every_day(interval(hm(0, 0), hm(0, 0), 15, 1)),
        ymd(2026, 3, 29),
    );
    assert_eq!(slots.len(), 23 * 4);
    assert!(strictly_increasing(&slots));
    assert!(
        !slots
            .iter()
            .any(|s| s.time >= hm(3, 0) && s.time < hm(4, 0))
    );
    let around: Vec<_> = slots
        .iter()
        .filter(|s| s.time == hm(2, 45) || s.time == hm(4, 0))
        .collect();
    assert_eq!(around[0].starts_at, utc(2026, 3, 29, 0, 45));
    assert_eq!(around[1].starts_at, utc(2026, 3, 29, 1, 0));
}

#[test]
fn round_the_clock_hours_take_the_repeated_hour_once_at_the_earlier_instant_in_autumn() {
    let slots = on(
        Bucharest,
        &every_day(interval(hm(0, 0), hm(0, 0), 15, 1)),
        ymd(2026, 10, 25),
    );
    assert_eq!(slots.len(), 24 * 4);
    assert!(strictly_increasing(&slots));
    let at = |h, m| {
        slots
            .iter()
            .find(|s| s.time == hm(h, m))
            .map(|s| s.starts_at)
    };
    assert_eq!(at(3, 0), Some(utc(2026, 10, 25, 0, 0))); // 03:00 EEST, not 03:00 EET
    assert_eq!(at(3, 45), Some(utc(2026, 10, 25, 0, 45)));
    assert_eq!(at(4, 0), Some(utc(2026, 10, 25, 2, 0)));
}

#[test]
fn slot_at_agrees_with_dst_rules() {
    let schedule = every_day(interval(hm(0, 0), hm(0, 0), 15, 1));
    assert_eq!(
        slot_at(&schedule, Bucharest, ymd(2026, 3, 29), hm(3, 15)),
        None
    );
    let repeated = slot_at(&schedule, Bucharest, ymd(2026, 10, 25), hm(3, 15));
    assert_eq!(
        repeated.map(|s| s.starts_at),
        Some(utc(2026, 10, 25, 0, 15))
    );
}

#[test]
fn a_range_across_the_spring_change_shifts_utc_by_one_hour() {
    // Friday 27 March (EET) to Tuesday 31 March 2026 (EEST), Alba's weekday hours.
    let slots = slots_between(&alba(), Bucharest, ymd(2026, 3, 27), ymd(2026, 3, 31));
    assert_eq!(slots.len(), 3 * 32);
    assert!(strictly_increasing(&slots));
    assert_eq!(slots[0].starts_at, utc(2026, 3, 27, 6, 30));
    assert_eq!(slots[32].starts_at, utc(2026, 3, 30, 5, 30));
}
