//! Finding one slot by its time, and the edges of a range of dates.

use chrono_tz::Europe::Bucharest;

use super::{alba, hm, interval, ymd};
use crate::schedule::{slot_at, slots_between};

#[test]
fn slot_at_finds_real_slots_only() {
    let schedule = alba();
    let monday = ymd(2026, 3, 16);
    let found = slot_at(&schedule, Bucharest, monday, hm(16, 15));
    assert_eq!(found.map(|s| (s.time, s.capacity)), Some((hm(16, 15), 3)));
    assert_eq!(slot_at(&schedule, Bucharest, monday, hm(8, 35)), None); // off the grid
    assert_eq!(slot_at(&schedule, Bucharest, monday, hm(16, 30)), None); // closing time
    assert_eq!(slot_at(&schedule, Bucharest, monday, hm(8, 15)), None); // before opening
    assert_eq!(
        slot_at(&schedule, Bucharest, ymd(2026, 3, 21), hm(9, 0)),
        None
    ); // Saturday
    assert_eq!(
        slot_at(&schedule, Bucharest, ymd(2026, 12, 1), hm(9, 0)),
        None
    ); // holiday
    assert!(slot_at(&schedule, Bucharest, ymd(2026, 3, 18), hm(18, 15)).is_some()); // Wed
}

#[test]
fn an_empty_or_reversed_range_has_no_slots() {
    assert!(slots_between(&alba(), Bucharest, ymd(2026, 3, 20), ymd(2026, 3, 16)).is_empty());
}

#[test]
fn slots_at_the_ends_of_chronos_calendar_do_not_panic() {
    let schedule = super::every_day(interval(hm(0, 0), hm(0, 0), 60, 1));
    let last = chrono::NaiveDate::MAX;
    let first = chrono::NaiveDate::MIN;
    assert!(slots_between(&schedule, Bucharest, last, last).len() <= 24);
    assert!(slots_between(&schedule, Bucharest, first, first).len() <= 24);
}
