//! Orthodox Easter against published tables, an independent formula and Western Easter.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::ymd;
use crate::calendar::orthodox_easter;

/// Western (Gregorian) Easter, Meeus/Jones/Butcher: only here, to compare against.
fn western_easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(year, month as u32, day as u32)
}

/// An independent Julian computus (the "RC" form published by M. Montes, smart.net) with
/// the published calendar offsets: 13 days until 28 Feb 2100, 14 days from 1 March 2100
/// until 28 Feb 2200. Valid for 1900..=2199 only, which is all it is used for.
fn orthodox_easter_by_offset_table(year: i32) -> NaiveDate {
    let r4 = (19 * (year % 19) + 16) % 30;
    let r5 = (2 * (year % 4) + 4 * (year % 7) + 6 * r4) % 7;
    let julian_days_after_march_21 = u64::try_from(r4 + r5).expect("non-negative");
    let offset = if year < 2100 { 13 } else { 14 };
    // Julian March 21 + RC, shifted by the offset, counted from Gregorian March 21.
    ymd(year, 3, 21) + Days::new(julian_days_after_march_21 + offset)
}

#[test]
fn orthodox_easter_matches_published_dates_2010_to_2035() {
    // Arrange: date.tools, userz.net and the Precupeții Vechi parish paschalion.
    let published = [
        (2010, 4, 4),
        (2011, 4, 24),
        (2012, 4, 15),
        (2013, 5, 5),
        (2017, 4, 16),
        (2018, 4, 8),
        (2019, 4, 28),
        (2020, 4, 19),
        (2021, 5, 2),
        (2022, 4, 24),
        (2023, 4, 16),
        (2024, 5, 5),
        (2025, 4, 20),
        (2026, 4, 12),
        (2027, 5, 2),
        (2028, 4, 16),
        (2029, 4, 8),
        (2030, 4, 28),
        (2031, 4, 13),
        (2032, 5, 2),
        (2033, 4, 24),
        (2034, 4, 9),
        (2035, 4, 29),
        (2036, 4, 20),
        (2037, 4, 5),
        (2043, 5, 3),
    ];
    for (year, month, day) in published {
        // Act + Assert
        assert_eq!(
            orthodox_easter(year),
            Some(ymd(year, month, day)),
            "year {year}"
        );
    }
}

#[test]
fn orthodox_easter_agrees_with_an_independent_formula_from_1900_to_2199() {
    for year in 1900..=2199 {
        assert_eq!(
            orthodox_easter(year),
            Some(orthodox_easter_by_offset_table(year)),
            "{year}"
        );
    }
}

#[test]
fn orthodox_easter_2100_uses_the_fourteen_day_offset() {
    // Julian 18 April 2100 is Gregorian 2 May: +14, because Julian 29 Feb 2100 exists.
    assert_eq!(orthodox_easter(2100), Some(ymd(2100, 5, 2)));
}

#[test]
fn orthodox_easter_is_a_sunday_between_4_april_and_8_may_from_1900_to_2099() {
    for year in 1900..=2099 {
        let easter = orthodox_easter(year).expect("in range");
        assert_eq!(easter.weekday(), Weekday::Sun, "{year}");
        assert!(
            easter >= ymd(year, 4, 4) && easter <= ymd(year, 5, 8),
            "{year}: {easter}"
        );
    }
}

#[test]
fn orthodox_easter_is_never_before_western_easter_and_differs_by_0_1_4_or_5_weeks() {
    for year in 1900..=2099 {
        let orthodox = orthodox_easter(year).expect("in range");
        let weeks = (orthodox - western_easter(year)).num_days() / 7;
        assert!(orthodox >= western_easter(year), "{year}");
        assert!([0, 1, 4, 5].contains(&weeks), "{year}: {weeks} weeks");
    }
}

#[test]
fn the_earliest_orthodox_easters_of_the_century_are_the_published_ones() {
    // Wikipedia, "List of dates for Easter": between 1875 and 2099 only 1915 and 2010 on
    // 4 April; 5 April (Julian 23 March) "last occurred in 1953, next in 2037".
    let on = |years: std::ops::RangeInclusive<i32>, month, day| -> Vec<i32> {
        years
            .filter(|&y| orthodox_easter(y) == Some(ymd(y, month, day)))
            .collect()
    };
    assert_eq!(on(1875..=2099, 4, 4), vec![1915, 2010]);
    assert_eq!(on(1953..=2037, 4, 5), vec![1953, 2037]);
}

#[test]
fn western_easter_helper_matches_published_dates() {
    // Guards the comparison above: easter-date.com and date.tools.
    assert_eq!(western_easter(2026), ymd(2026, 4, 5));
    assert_eq!(western_easter(2035), ymd(2035, 3, 25));
    assert_eq!(western_easter(2038), ymd(2038, 4, 25));
}

#[test]
fn orthodox_easter_outside_chronos_range_is_none_not_a_panic() {
    assert_eq!(orthodox_easter(i32::MAX), None);
    assert_eq!(orthodox_easter(i32::MIN), None);
}
