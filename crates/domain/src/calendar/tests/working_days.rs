//! Working days: weekends and holidays skipped, as issuance times count them.

use chrono::NaiveDate;

use super::ymd;
use crate::calendar::{add_working_days, is_working_day, working_days_between};

#[test]
fn weekdays_are_working_days_and_weekends_are_not() {
    assert!(is_working_day(ymd(2026, 3, 16))); // Monday
    assert!(is_working_day(ymd(2026, 3, 20))); // Friday
    assert!(!is_working_day(ymd(2026, 3, 21))); // Saturday
    assert!(!is_working_day(ymd(2026, 3, 22))); // Sunday
}

#[test]
fn a_public_holiday_on_a_weekday_is_not_a_working_day() {
    assert!(!is_working_day(ymd(2026, 12, 1))); // Tuesday, Ziua Națională
    assert!(!is_working_day(ymd(2026, 4, 13))); // Monday, A doua zi de Paște
}

#[test]
fn five_working_days_from_a_monday_is_the_next_monday() {
    assert_eq!(
        add_working_days(ymd(2026, 3, 16), 5),
        Some(ymd(2026, 3, 23))
    );
}

#[test]
fn five_working_days_across_easter_2026_skip_good_friday_and_easter_monday() {
    // Wed 8 Apr → Thu 9, (Fri 10 Vinerea Mare), (weekend), (Mon 13), Tue 14, Wed 15, Thu 16, Fri 17.
    assert_eq!(add_working_days(ymd(2026, 4, 8), 5), Some(ymd(2026, 4, 17)));
}

#[test]
fn working_days_across_new_year_skip_1_2_6_and_7_january() {
    // Wed 31 Dec 2025 → (Thu 1, Fri 2), (weekend), Mon 5, (Tue 6, Wed 7), Thu 8, Fri 9.
    assert_eq!(
        add_working_days(ymd(2025, 12, 31), 3),
        Some(ymd(2026, 1, 9))
    );
}

#[test]
fn zero_working_days_is_the_same_date_even_on_a_holiday() {
    assert_eq!(
        add_working_days(ymd(2026, 12, 25), 0),
        Some(ymd(2026, 12, 25))
    );
}

#[test]
fn working_days_past_the_end_of_time_are_none_not_a_panic() {
    assert_eq!(add_working_days(NaiveDate::MAX, 1), None);
}

#[test]
fn working_days_between_counts_after_from_up_to_and_including_to() {
    assert_eq!(working_days_between(ymd(2026, 3, 16), ymd(2026, 3, 23)), 5);
    assert_eq!(working_days_between(ymd(2026, 3, 16), ymd(2026, 3, 16)), 0);
    assert_eq!(working_days_between(ymd(2026, 3, 23), ymd(2026, 3, 16)), 0);
}

#[test]
fn year_2026_has_250_working_days() {
    // 261 weekdays minus the 11 holidays on weekdays (1 June counts once).
    assert_eq!(
        working_days_between(ymd(2025, 12, 31), ymd(2026, 12, 31)),
        250
    );
}
