//! The booking window: nothing past, nothing beyond day 90, dates counted office-local.

use chrono_tz::Asia::Tokyo;
use chrono_tz::Europe::Bucharest;

use super::{alba, hm, utc, ymd};
use crate::schedule::{BookingWindow, DEFAULT_HORIZON_DAYS, bookable_slots, slot_at};

#[test]
fn the_default_horizon_is_90_days() {
    let window = BookingWindow::new(utc(2026, 3, 4, 8, 0));
    assert_eq!(window.horizon_days, DEFAULT_HORIZON_DAYS);
    assert_eq!(DEFAULT_HORIZON_DAYS, 90);
}

#[test]
fn day_90_is_bookable_and_day_91_is_not() {
    // Wednesday 4 March 2026 + 90 days = Tuesday 2 June; Wednesday 3 June is day 91.
    let window = BookingWindow::new(utc(2026, 3, 4, 8, 0));
    let schedule = alba();
    assert_eq!(window.last_date(Bucharest), ymd(2026, 6, 2));
    let slots = bookable_slots(
        &schedule,
        Bucharest,
        &window,
        ymd(2026, 3, 1),
        ymd(2026, 6, 30),
    );
    assert_eq!(
        slots.last().map(|s| (s.date, s.time)),
        Some((ymd(2026, 6, 2), hm(16, 15)))
    );
    let day_91 = slot_at(&schedule, Bucharest, ymd(2026, 6, 3), hm(8, 30)).expect("a real slot");
    assert!(!window.allows(Bucharest, &day_91));
}

#[test]
fn slots_already_started_or_starting_now_are_not_offered() {
    // 08:00Z is 10:00 in Bucharest (EET) on Wednesday 4 March 2026.
    let now = utc(2026, 3, 4, 8, 0);
    let window = BookingWindow::new(now);
    let slots = bookable_slots(
        &alba(),
        Bucharest,
        &window,
        ymd(2026, 3, 4),
        ymd(2026, 3, 4),
    );
    assert_eq!(slots.first().map(|s| s.time), Some(hm(10, 15)));
    assert_eq!(slots.len(), 40 - 7); // 08:30 … 10:00 are gone
    let starting_now = slot_at(&alba(), Bucharest, ymd(2026, 3, 4), hm(10, 0)).expect("real");
    assert!(!window.allows(Bucharest, &starting_now));
}

#[test]
fn today_is_the_office_local_date_not_the_utc_one() {
    // 2026-03-03 22:30Z is already 4 March in Bucharest and in Tokyo.
    let window = BookingWindow::new(utc(2026, 3, 3, 22, 30));
    assert_eq!(window.first_date(Bucharest), ymd(2026, 3, 4));
    assert_eq!(window.first_date(Tokyo), ymd(2026, 3, 4));
    assert_eq!(window.last_date(Tokyo), ymd(2026, 6, 2));
}

#[test]
fn a_requested_range_is_clipped_to_the_window() {
    let window = BookingWindow::new(utc(2026, 3, 4, 8, 0));
    let far = bookable_slots(
        &alba(),
        Bucharest,
        &window,
        ymd(2020, 1, 1),
        ymd(2099, 12, 31),
    );
    assert!(
        far.iter()
            .all(|s| s.date >= ymd(2026, 3, 4) && s.date <= ymd(2026, 6, 2))
    );
    let past = bookable_slots(
        &alba(),
        Bucharest,
        &window,
        ymd(2026, 1, 1),
        ymd(2026, 3, 3),
    );
    assert!(past.is_empty());
}

#[test]
fn a_zero_day_horizon_offers_the_rest_of_today_only() {
    let window = BookingWindow {
        now: utc(2026, 3, 4, 8, 0),
        horizon_days: 0,
    };
    let slots = bookable_slots(
        &alba(),
        Bucharest,
        &window,
        ymd(2026, 3, 1),
        ymd(2026, 3, 31),
    );
    assert_eq!(slots.len(), 33);
    assert!(slots.iter().all(|s| s.date == ymd(2026, 3, 4)));
}

#[test]
fn a_huge_horizon_saturates_instead_of_panicking() {
    let window = BookingWindow {
        now: utc(2026, 3, 4, 8, 0),
        horizon_days: u32::MAX,
    };
    assert_eq!(window.last_date(Bucharest), chrono::NaiveDate::MAX);
}
