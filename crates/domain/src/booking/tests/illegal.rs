//! Events a status cannot take: refused, and explained.

use crate::booking::{BookingEvent, BookingStatus, IllegalTransition, transition};

use BookingEvent as E;
use BookingStatus as S;

#[test]
fn a_second_confirmation_is_reported_as_illegal_for_the_shell_to_answer_kindly() {
    assert_eq!(
        transition(S::Confirmed, E::Confirm),
        Err(IllegalTransition {
            from: S::Confirmed,
            event: E::Confirm
        })
    );
}

#[test]
fn an_expired_booking_cannot_be_confirmed_or_cancelled() {
    assert!(transition(S::Expired, E::Confirm).is_err());
    assert!(transition(S::Expired, E::Cancel).is_err());
    assert!(transition(S::Cancelled, E::Confirm).is_err());
}

#[test]
fn final_statuses_take_no_event() {
    for s in BookingStatus::ALL.into_iter().filter(|s| s.is_final()) {
        for e in BookingEvent::ALL {
            assert!(transition(s, e).is_err(), "{s} + {e}");
        }
    }
    let finals: Vec<_> = BookingStatus::ALL
        .into_iter()
        .filter(|s| s.is_final())
        .collect();
    assert_eq!(finals, [S::Completed, S::NoShow, S::Expired, S::Cancelled]);
}

#[test]
fn an_illegal_transition_explains_itself() {
    let err = transition(S::Expired, E::Confirm).unwrap_err();
    assert_eq!(
        err.to_string(),
        "a booking that is expired cannot take the event confirm"
    );
}
