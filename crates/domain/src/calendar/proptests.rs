//! Property tests: working-day arithmetic and the shape of every year's holidays.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use proptest::prelude::*;

use crate::calendar::{
    add_working_days, is_public_holiday, is_working_day, orthodox_easter, public_holidays,
    working_days_between,
};

/// Any date from 2024 to 2100, the years the law and our checks cover.
fn supported_date() -> impl Strategy<Value = NaiveDate> {
    (0_u64..=(77 * 366)).prop_map(|offset| {
        NaiveDate::from_ymd_opt(2024, 1, 1).map_or(NaiveDate::MIN, |d| d + Days::new(offset))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn add_working_days_lands_on_a_working_day_exactly_n_working_days_later(
        date in supported_date(),
        n in 1_u32..=40,
    ) {
        let result = add_working_days(date, n).expect("in range");
        prop_assert!(result > date);
        prop_assert!(is_working_day(result));
        prop_assert_eq!(working_days_between(date, result), u64::from(n));
    }

    #[test]
    fn a_working_day_is_a_weekday_that_is_not_a_holiday(date in supported_date()) {
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        prop_assert_eq!(is_working_day(date), !weekend && !is_public_holiday(date));
    }

    #[test]
    fn holidays_of_any_year_from_1583_to_4000_are_17_sorted_in_the_year(year in 1583_i32..=4000) {
        let holidays = public_holidays(year);
        prop_assert_eq!(holidays.len(), 17);
        prop_assert!(holidays.windows(2).all(|w| w[0].date <= w[1].date));
        prop_assert!(holidays.iter().all(|h| h.date.year() == year));
        prop_assert!(holidays.iter().all(|h| is_public_holiday(h.date)));
    }

    #[test]
    fn orthodox_easter_is_always_a_sunday(year in -200_000_i32..=200_000) {
        let easter = orthodox_easter(year).expect("within chrono's range");
        prop_assert_eq!(easter.weekday(), Weekday::Sun);
    }
}
