//! Whether a single date is a holiday, agreeing with the year's list.

use chrono::Datelike;

use super::ymd;
use crate::calendar::{is_public_holiday, public_holidays};

#[test]
fn is_public_holiday_agrees_with_the_list_for_every_day_of_2024_to_2030() {
    for year in 2024..=2030 {
        let holidays = public_holidays(year);
        for day in ymd(year, 1, 1).iter_days().take_while(|d| d.year() == year) {
            let listed = holidays.iter().any(|h| h.date == day);
            assert_eq!(is_public_holiday(day), listed, "{day}");
        }
    }
}

#[test]
fn an_ordinary_day_is_not_a_holiday() {
    assert!(!is_public_holiday(ymd(2026, 3, 17)));
    assert!(is_public_holiday(ymd(2026, 12, 1)));
}
