//! Hold lengths at the 24 h and 72 h boundaries, the cap at the slot, `EPAS_HOLD_SECS`,
//! and which waiting family is offered freed seats.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;

use crate::fair::hold::{FreedSeat, HoldPolicy, WaitingFamily, matches, next_family};
use crate::fair::testing::{date, utc};

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

fn family(id: &str, waiting_minutes: i64) -> WaitingFamily<i64> {
    WaitingFamily {
        id: id.to_owned(),
        offices: vec![1, 2],
        date_from: date(2027, 1, 10),
        date_to: date(2027, 1, 20),
        persons: 2,
        service: "passport_electronic".to_owned(),
        waiting_since: now() + TimeDelta::minutes(waiting_minutes),
    }
}

fn seat() -> FreedSeat<i64> {
    FreedSeat {
        office: 2,
        date: date(2027, 1, 10),
        seats: 2,
        services: vec![
            "passport_temporary".to_owned(),
            "passport_electronic".to_owned(),
        ],
    }
}

#[test]
fn a_seat_suits_a_family_only_when_every_condition_holds() {
    let family = family("a", 0);
    assert!(matches(&family, &seat()));
    assert!(matches(
        &family,
        &FreedSeat {
            date: date(2027, 1, 20),
            ..seat()
        }
    ));
    assert!(!matches(
        &family,
        &FreedSeat {
            office: 3,
            ..seat()
        }
    ));
    assert!(!matches(
        &family,
        &FreedSeat {
            date: date(2027, 1, 9),
            ..seat()
        }
    ));
    assert!(!matches(
        &family,
        &FreedSeat {
            date: date(2027, 1, 21),
            ..seat()
        }
    ));
    assert!(!matches(&family, &FreedSeat { seats: 1, ..seat() }));
    assert!(!matches(
        &family,
        &FreedSeat {
            services: vec!["passport_temporary".to_owned()],
            ..seat()
        }
    ));
}

#[test]
fn the_longest_waiting_family_not_yet_offered_is_next() {
    let families = [
        family("late", 30),
        family("first", -60),
        family("second", -10),
    ];
    assert_eq!(
        next_family(&families, &seat(), &[]).map(|f| f.id.as_str()),
        Some("first")
    );
    let offered = ["first".to_owned()];
    assert_eq!(
        next_family(&families, &seat(), &offered).map(|f| f.id.as_str()),
        Some("second")
    );
    let all = ["first", "second", "late"].map(String::from);
    assert_eq!(next_family(&families, &seat(), &all), None);
}

#[test]
fn a_family_that_does_not_fit_is_skipped_whatever_its_wait() {
    let big = WaitingFamily {
        persons: 3,
        ..family("big", -600)
    };
    let families = [big, family("small", 0)];
    assert_eq!(
        next_family(&families, &seat(), &[]).map(|f| f.id.as_str()),
        Some("small")
    );
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
