//! `EPAS_RELEASE_DELAY` and the release instant: uniform over the range, capped two hours
//! before the slot, at once when that has passed.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;

use crate::fair::release::{RELEASE_BEFORE_SLOT, ReleaseDelay, release_at};
use crate::fair::testing::utc;

fn freed_at() -> DateTime<Utc> {
    utc(2026, 12, 6, 9, 0)
}

fn far_slot() -> DateTime<Utc> {
    freed_at() + TimeDelta::days(10)
}

#[test]
fn the_delay_setting_reads_min_dash_max_seconds() {
    assert_eq!("900-10800".parse(), Ok(ReleaseDelay::default()));
    let at_once: ReleaseDelay = "0-0".parse().unwrap_or_default();
    assert_eq!(
        (at_once.min, at_once.max),
        (TimeDelta::zero(), TimeDelta::zero())
    );
    for bad in [
        "",
        "900",
        "10800-900",
        "-900",
        "900-",
        "a-b",
        "1-2-3",
        "-1-5",
        "+1-5",
        "1 - 5",
        "0-99999999999",
    ] {
        assert!(bad.parse::<ReleaseDelay>().is_err(), "{bad:?} was accepted");
    }
}

#[test]
fn the_random_number_picks_each_second_of_the_range() {
    let delay = ReleaseDelay::default();
    assert_eq!(delay.pick(0), TimeDelta::seconds(900));
    assert_eq!(delay.pick(9_900), TimeDelta::seconds(10_800));
    assert_eq!(delay.pick(9_901), TimeDelta::seconds(900));
    assert_eq!(
        release_at(freed_at(), far_slot(), &delay, 100),
        freed_at() + TimeDelta::seconds(1_000)
    );
}

#[test]
fn a_zero_delay_releases_at_once() {
    let delay: ReleaseDelay = "0-0".parse().unwrap_or_default();
    assert_eq!(
        release_at(freed_at(), far_slot(), &delay, u64::MAX),
        freed_at()
    );
}

#[test]
fn seats_are_public_two_hours_before_the_slot_at_the_latest() {
    let starts_at = freed_at() + TimeDelta::hours(3);
    let at = release_at(freed_at(), starts_at, &ReleaseDelay::default(), 9_900);
    assert_eq!(at, starts_at - RELEASE_BEFORE_SLOT);
}

#[test]
fn seats_freed_within_two_hours_of_the_slot_are_public_at_once() {
    let starts_at = freed_at() + TimeDelta::minutes(90);
    assert_eq!(
        release_at(freed_at(), starts_at, &ReleaseDelay::default(), 9_900),
        freed_at()
    );
}

proptest! {
    #[test]
    fn the_release_stays_within_its_bounds(
        min in 0_u32..20_000, span in 0_u32..20_000, random in any::<u64>(),
        ahead in -100_000_i64..1_000_000,
    ) {
        let delay: ReleaseDelay = format!("{min}-{}", min + span).parse()
            .map_err(|e| TestCaseError::fail(format!("{e}")))?;
        let picked = delay.pick(random);
        prop_assert!(delay.min <= picked && picked <= delay.max);
        let starts_at = freed_at() + TimeDelta::seconds(ahead);
        let at = release_at(freed_at(), starts_at, &delay, random);
        prop_assert!(at >= freed_at());
        prop_assert!(at <= freed_at() + delay.max);
        prop_assert!(at == freed_at() || at <= starts_at - RELEASE_BEFORE_SLOT);
    }
}
