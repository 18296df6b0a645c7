//! Which statuses hold seats, and how many seats each move takes or gives back.

use crate::booking::{BookingEvent, BookingStatus, seat_delta, step};

use BookingEvent as E;
use BookingStatus as S;

#[test]
fn pending_confirmed_and_checked_in_hold_seats_but_only_the_first_two_are_active() {
    for s in BookingStatus::ALL {
        let holding = matches!(s, S::Pending | S::Confirmed | S::CheckedIn);
        let active = matches!(s, S::Pending | S::Confirmed);
        assert_eq!(s.holds_seats(), holding, "{s}");
        assert_eq!(s.is_active(), active, "{s}");
    }
}

#[test]
fn leaving_the_holding_states_releases_the_seats() {
    let t = step(S::Confirmed, E::Cancel).unwrap();
    assert!(t.releases_seats());
    assert_eq!(t.seat_delta(3), -3);
    let t = step(S::Pending, E::Confirm).unwrap();
    assert!(!t.releases_seats());
    assert_eq!(t.seat_delta(3), 0);
    // An early check-in keeps the seats: the slot is being served.
    let t = step(S::Confirmed, E::CheckIn).unwrap();
    assert!(!t.releases_seats());
    assert_eq!(t.seat_delta(5), 0);
    let t = step(S::CheckedIn, E::Complete).unwrap();
    assert!(t.releases_seats());
    assert_eq!(t.seat_delta(5), -5);
    let t = step(S::Confirmed, E::MarkNoShow).unwrap();
    assert!(t.releases_seats());
}

#[test]
fn seat_delta_covers_every_pair_of_statuses() {
    for from in BookingStatus::ALL {
        for to in BookingStatus::ALL {
            let expected = i32::from(to.holds_seats()) * 4 - i32::from(from.holds_seats()) * 4;
            assert_eq!(seat_delta(from, to, 4), expected, "{from} -> {to}");
        }
    }
    assert_eq!(seat_delta(S::Pending, S::Expired, u16::MAX), -65_535);
}
