//! Offices in other time zones: their own DST dates, none at all, and a year of slots in
//! odd zones that never repeats or goes back.

use chrono_tz::America::New_York;
use chrono_tz::Asia::Tokyo;
use chrono_tz::Australia::Sydney;
use chrono_tz::Europe::Bucharest;
use chrono_tz::Tz;

use super::dst::{on, strictly_increasing};
use super::{alba, every_day, hm, interval, utc, ymd};
use crate::schedule::slots_between;

#[test]
fn new_york_office_hours_follow_eastern_time() {
    let schedule = every_day(interval(hm(9, 0), hm(17, 0), 30, 2));
    assert_eq!(
        on(New_York, &schedule, ymd(2026, 3, 6))[0].starts_at,
        utc(2026, 3, 6, 14, 0)
    );
    assert_eq!(
        on(New_York, &schedule, ymd(2026, 3, 9))[0].starts_at,
        utc(2026, 3, 9, 13, 0)
    );
    let round_the_clock = every_day(interval(hm(0, 0), hm(0, 0), 30, 1));
    assert_eq!(
        on(New_York, &round_the_clock, ymd(2026, 3, 8)).len(),
        23 * 2
    );
}

#[test]
fn tokyo_has_no_dst_and_its_morning_is_the_previous_utc_evening() {
    let schedule = every_day(interval(hm(8, 0), hm(12, 0), 60, 1));
    let slots = on(Tokyo, &schedule, ymd(2026, 3, 16));
    assert_eq!(slots.len(), 4);
    assert_eq!(slots[0].starts_at, utc(2026, 3, 15, 23, 0));
    assert_eq!(slots[0].date, ymd(2026, 3, 16)); // office-local date kept
}

#[test]
fn sydney_leaves_summer_time_in_april() {
    // Australian DST ends on Sunday 5 April 2026: AEDT (+11) before, AEST (+10) after.
    let schedule = every_day(interval(hm(9, 0), hm(10, 0), 60, 1));
    assert_eq!(
        on(Sydney, &schedule, ymd(2026, 4, 3))[0].starts_at,
        utc(2026, 4, 2, 22, 0)
    );
    assert_eq!(
        on(Sydney, &schedule, ymd(2026, 4, 6))[0].starts_at,
        utc(2026, 4, 5, 23, 0)
    );
}

#[test]
fn an_office_abroad_still_closes_on_romanian_holidays_by_default() {
    assert!(on(New_York, &alba(), ymd(2026, 12, 1)).is_empty());
}

#[test]
fn a_year_of_round_the_clock_slots_never_repeats_or_goes_back_in_any_zone() {
    // Lord Howe shifts by 30 minutes, Santiago at midnight, Apia skipped 30 Dec 2011.
    let schedule = every_day(interval(hm(0, 0), hm(0, 0), 30, 1))
        .with_holiday_rule(crate::schedule::HolidayRule::Ignore);
    for tz in [
        Bucharest,
        Sydney,
        Tz::Australia__Lord_Howe,
        Tz::America__Santiago,
        Tz::Pacific__Apia,
    ] {
        let slots = slots_between(&schedule, tz, ymd(2011, 1, 1), ymd(2011, 12, 31));
        assert!(strictly_increasing(&slots), "{tz}");
        assert!(slots.iter().all(|s| s.ends_at > s.starts_at), "{tz}");
    }
    let apia = slots_between(
        &schedule,
        Tz::Pacific__Apia,
        ymd(2011, 12, 30),
        ymd(2011, 12, 30),
    );
    assert!(apia.is_empty()); // the day Samoa crossed the date line does not exist there
}
