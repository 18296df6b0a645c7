//! An interval is accepted exactly when it follows the rules.

use chrono::Weekday;
use proptest::prelude::*;

use super::strategies::time_of;
use crate::schedule::{OpeningInterval, Schedule, TimeInterval};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn an_interval_is_accepted_exactly_when_it_follows_the_rules(
        start in 0_u32..1440,
        end in 0_u32..1440,
        slot_minutes in 0_u16..=300,
        counters in 0_u16..=120,
    ) {
        let hours = TimeInterval { start: time_of(start), end: time_of(end), slot_minutes, counters };
        let result = Schedule::new(vec![OpeningInterval::on(Weekday::Mon, hours)], Vec::new());
        let end_minute = if end == 0 { 1440 } else { end };
        let valid = end_minute > start
            && (5..=240).contains(&slot_minutes)
            && (1..=100).contains(&counters)
            && (end_minute - start) % u32::from(slot_minutes.max(1)) == 0;
        prop_assert_eq!(result.is_ok(), valid);
    }
}
