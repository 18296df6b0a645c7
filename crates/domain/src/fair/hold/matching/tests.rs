//! Which waiting family is offered freed seats: every condition must hold, the longest
//! waiting goes first, a family is offered the same seats once.

use chrono::{DateTime, TimeDelta, Utc};

use crate::fair::hold::{FreedSeat, WaitingFamily, matches, next_family};
use crate::fair::testing::{date, utc};

fn now() -> DateTime<Utc> {
    utc(2026, 12, 6, 9, 0)
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
