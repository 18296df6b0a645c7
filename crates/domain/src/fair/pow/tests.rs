//! Proof-of-work difficulty and the ticket's fill time: bounded, growing with load.

use chrono::TimeDelta;
use proptest::prelude::*;

use crate::fair::pow::{
    MAX_NUMBER_CEILING, MAX_NUMBER_FLOOR, MIN_FILL_CEILING, MIN_FILL_FLOOR, max_number,
    min_fill_time,
};

#[test]
fn a_calm_endpoint_asks_little_work() {
    assert_eq!(max_number(0, 0), MAX_NUMBER_FLOOR);
    assert_eq!(max_number(59, 2), MAX_NUMBER_FLOOR);
    assert_eq!(min_fill_time(0), MIN_FILL_FLOOR);
}

#[test]
fn a_busy_endpoint_and_a_hasty_requester_ask_the_most_work() {
    assert_eq!(max_number(u32::MAX, u32::MAX), MAX_NUMBER_CEILING);
    assert_eq!(max_number(10_000, 40), MAX_NUMBER_CEILING);
    assert!(max_number(10_000, 0) > max_number(3_000, 0));
    assert!(max_number(0, 40) > max_number(0, 20));
    assert_eq!(min_fill_time(u32::MAX), MIN_FILL_CEILING);
    assert_eq!(min_fill_time(60), TimeDelta::seconds(5));
    assert_eq!(min_fill_time(300), TimeDelta::seconds(7));
}

proptest! {
    #[test]
    fn more_load_never_means_less_work(
        load in any::<u32>(), more_load in any::<u32>(), recent in any::<u32>(), more_recent in any::<u32>(),
    ) {
        let (load_hi, recent_hi) = (load.saturating_add(more_load), recent.saturating_add(more_recent));
        let number = max_number(load, recent);
        prop_assert!((MAX_NUMBER_FLOOR..=MAX_NUMBER_CEILING).contains(&number));
        prop_assert!(max_number(load_hi, recent) >= number);
        prop_assert!(max_number(load, recent_hi) >= number);
        let fill = min_fill_time(load);
        prop_assert!(MIN_FILL_FLOOR <= fill && fill <= MIN_FILL_CEILING);
        prop_assert!(min_fill_time(load_hi) >= fill);
    }
}
