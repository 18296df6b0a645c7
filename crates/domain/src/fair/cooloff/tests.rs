//! The no-show cool-off: 30 days, 90 for a repeat within 365 days, and the undo day.

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;

use crate::fair::cooloff::{CoolOffPolicy, blocked_until, can_undo};
use crate::fair::testing::utc;

fn first() -> DateTime<Utc> {
    utc(2026, 1, 15, 9, 0)
}

#[test]
fn one_no_show_blocks_for_thirty_days() {
    let policy = CoolOffPolicy::default();
    let end = first() + TimeDelta::days(30);
    assert_eq!(blocked_until(&[first()], &policy, first()), Some(end));
    assert_eq!(
        blocked_until(&[first()], &policy, end - TimeDelta::seconds(1)),
        Some(end)
    );
    assert_eq!(blocked_until(&[first()], &policy, end), None);
}

#[test]
fn a_second_no_show_within_a_year_blocks_for_ninety_days() {
    let second = first() + TimeDelta::days(365);
    let end = second + TimeDelta::days(90);
    assert_eq!(
        blocked_until(&[second, first()], &CoolOffPolicy::default(), second),
        Some(end)
    );
}

#[test]
fn a_second_no_show_more_than_a_year_later_counts_as_a_first() {
    let second = first() + TimeDelta::days(365) + TimeDelta::seconds(1);
    let end = second + TimeDelta::days(30);
    assert_eq!(
        blocked_until(&[first(), second], &CoolOffPolicy::default(), second),
        Some(end)
    );
}

#[test]
fn no_no_shows_block_nothing_and_zero_days_turns_the_cool_off_off() {
    assert_eq!(blocked_until(&[], &CoolOffPolicy::default(), first()), None);
    let off = CoolOffPolicy { days: 0 };
    assert_eq!(
        blocked_until(
            &[first(), first() + TimeDelta::days(1)],
            &off,
            first() + TimeDelta::days(1)
        ),
        None
    );
}

#[test]
fn the_days_setting_scales_the_repeat_too() {
    let policy = CoolOffPolicy { days: 1 };
    let second = first() + TimeDelta::days(2);
    assert_eq!(
        blocked_until(&[first(), second], &policy, second),
        Some(second + TimeDelta::days(3))
    );
}

#[test]
fn staff_may_undo_a_no_show_until_office_local_midnight() {
    let tz = Tz::Europe__Bucharest;
    // Marked at 16:00 local (14:00 UTC); local midnight is 22:00 UTC.
    let marked = utc(2026, 12, 7, 14, 0);
    assert!(can_undo(marked, utc(2026, 12, 7, 21, 59), tz));
    assert!(!can_undo(marked, utc(2026, 12, 7, 22, 0), tz));
    // 23:30 UTC on the 6th is already the 7th in Bucharest.
    assert!(can_undo(utc(2026, 12, 6, 23, 30), marked, tz));
}

proptest! {
    #[test]
    fn the_block_ends_thirty_or_ninety_days_after_the_last_no_show(
        gaps in proptest::collection::vec(0_i64..800, 1..6), after in 0_i64..200,
    ) {
        let mut marks = vec![first()];
        for gap in &gaps {
            let last = marks[marks.len() - 1];
            marks.push(last + TimeDelta::days(*gap));
        }
        let last = marks[marks.len() - 1];
        let repeat = marks.len() > 1 && gaps[gaps.len() - 1] <= 365;
        let end = last + TimeDelta::days(if repeat { 90 } else { 30 });
        let now = last + TimeDelta::days(after);
        marks.reverse();
        let expected = (now < end).then_some(end);
        prop_assert_eq!(blocked_until(&marks, &CoolOffPolicy::default(), now), expected);
    }
}
