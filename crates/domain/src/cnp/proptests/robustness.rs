//! No input panics: arbitrary text, near misses, megabyte inputs.

use chrono::Days;
use proptest::prelude::*;

use crate::cnp::Cnp;
use crate::cnp::tests::date;

proptest! {
    // Cheap (microseconds each) and the widest net for panics: many cases.
    #![proptest_config(ProptestConfig::with_cases(5000))]

    #[test]
    fn short_arbitrary_text_never_panics(text in any::<String>()) {
        if let Ok(cnp) = Cnp::parse(&text, date(2025, 6, 15)) {
            prop_assert!(cnp.as_str().len() == 13);
            prop_assert!(cnp.as_str().bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn near_miss_text_never_panics_and_valid_results_are_consistent(
        text in "[0-9 \\-\t\u{a0}\u{2013}\u{ff11}\u{0661}aO]{0,20}",
        today_offset in 0u64..=150_000,
    ) {
        let today = date(1800, 1, 1) + Days::new(today_offset);
        if let Ok(cnp) = Cnp::parse(&text, today) {
            prop_assert!(cnp.birth_date() <= today);
            prop_assert_eq!(Cnp::parse(cnp.as_str(), today), Ok(cnp));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn megabyte_inputs_never_panic(unit in "\\PC{1,8}|[0-9 -]{1,8}") {
        let big = unit.repeat((1 << 20) / unit.len() + 1);
        let result = Cnp::parse(&big, date(2025, 6, 15));
        prop_assert!(result.is_err());
    }
}
