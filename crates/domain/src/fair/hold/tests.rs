//! Hold lengths at the 24 h and 72 h boundaries, the cap at the slot, `EPAS_HOLD_SECS`.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;

use crate::fair::hold::HoldPolicy;
use crate::fair::testing::utc;

fn now() -> DateTime<Utc> {
    utc(2026, 12, 6, 9, 0)
}

#[test]
fn the_hold_shortens_as_the_appointment_nears() {
    let policy = HoldPolicy::default();
    let length = |ahead: TimeDelta| policy.length(now(), now() + ahead);
    assert_eq!(length(TimeDelta::days(10)), TimeDelta::hours(12));
    assert_eq!(
        length(TimeDelta::days(3) + TimeDelta::seconds(1)),
        TimeDelta::hours(12)
    );
    assert_eq!(length(TimeDelta::days(3)), TimeDelta::hours(3));
    assert_eq!(length(TimeDelta::days(1)), TimeDelta::hours(3));
    assert_eq!(
        length(TimeDelta::days(1) - TimeDelta::seconds(1)),
        TimeDelta::minutes(30)
    );
    assert_eq!(length(TimeDelta::minutes(5)), TimeDelta::minutes(30));
}

#[test]
fn a_hold_never_outlasts_the_slot_start() {
    let policy = HoldPolicy::default();
    let starts_at = now() + TimeDelta::minutes(20);
    assert_eq!(policy.hold_until(now(), starts_at), starts_at);
    let later = now() + TimeDelta::days(5);
    assert_eq!(
        policy.hold_until(now(), later),
        now() + TimeDelta::hours(12)
    );
}

#[test]
fn the_hold_setting_reads_three_positive_seconds() {
    assert_eq!("43200/10800/1800".parse(), Ok(HoldPolicy::default()));
    let short: HoldPolicy = "3/2/1".parse().unwrap_or_default();
    assert_eq!(short.short, TimeDelta::seconds(1));
    for bad in [
        "",
        "43200/10800",
        "43200/10800/1800/1",
        "0/1/1",
        "1/-1/1",
        "+1/1/1",
        "1//1",
        "a/b/c",
        "1 /1/1",
        "1/1/99999999999",
    ] {
        assert!(bad.parse::<HoldPolicy>().is_err(), "{bad:?} was accepted");
    }
}

proptest! {
    #[test]
    fn a_hold_ends_after_it_starts_and_by_the_slot(ahead in -1_000_000_i64..10_000_000) {
        let starts_at = now() + TimeDelta::seconds(ahead);
        let until = HoldPolicy::default().hold_until(now(), starts_at);
        prop_assert!(until >= now());
        prop_assert!(until <= now() + TimeDelta::hours(12));
        if starts_at >= now() {
            prop_assert!(until <= starts_at);
        }
    }
}
