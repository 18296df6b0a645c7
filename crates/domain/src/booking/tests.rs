//! The booking lifecycle: every cell of the transition table, names and labels.

use crate::catalogue_keys::assert_catalogue_keys;

use super::*;

use BookingEvent as E;
use BookingStatus as S;

/// The expected outcome of each (status, event) cell. Columns follow `BookingEvent::ALL`:
/// confirm, expire, cancel, check_in, mark_no_show, complete. `None` = illegal.
const TABLE: [(BookingStatus, [Option<BookingStatus>; 6]); 7] = [
    (
        S::Pending,
        [
            Some(S::Confirmed),
            Some(S::Expired),
            Some(S::Cancelled),
            None,
            None,
            None,
        ],
    ),
    (
        S::Confirmed,
        [
            None,
            None,
            Some(S::Cancelled),
            Some(S::CheckedIn),
            Some(S::NoShow),
            None,
        ],
    ),
    (
        S::CheckedIn,
        [None, None, None, None, None, Some(S::Completed)],
    ),
    (S::Completed, [None; 6]),
    (S::NoShow, [None; 6]),
    (S::Expired, [None; 6]),
    (S::Cancelled, [None; 6]),
];

#[test]
fn every_cell_of_the_transition_table_holds() {
    assert_eq!(TABLE.map(|(s, _)| s), BookingStatus::ALL);
    for (from, row) in TABLE {
        for (event, expected) in BookingEvent::ALL.into_iter().zip(row) {
            let actual = transition(from, event);
            match expected {
                Some(to) => assert_eq!(actual, Ok(to), "{from} + {event}"),
                None => assert_eq!(
                    actual,
                    Err(IllegalTransition { from, event }),
                    "{from} + {event}"
                ),
            }
        }
    }
}

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

#[test]
fn statuses_and_events_round_trip_through_their_names() {
    let names: Vec<_> = BookingStatus::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(
        names,
        [
            "pending",
            "confirmed",
            "checked_in",
            "completed",
            "no_show",
            "expired",
            "cancelled"
        ]
    );
    for s in BookingStatus::ALL {
        assert_eq!(s.as_str().parse::<BookingStatus>(), Ok(s));
    }
    assert_catalogue_keys("booking_status", BookingStatus::ALL.map(BookingStatus::key));
    let names: Vec<_> = BookingEvent::ALL.iter().map(|e| e.as_str()).collect();
    assert_eq!(
        names,
        [
            "confirm",
            "expire",
            "cancel",
            "check_in",
            "mark_no_show",
            "complete"
        ]
    );
    for e in BookingEvent::ALL {
        assert_eq!(e.as_str().parse::<BookingEvent>(), Ok(e));
    }
    assert!("Pending".parse::<BookingStatus>().is_err());
    assert!("checkin".parse::<BookingEvent>().is_err());
}

#[test]
fn an_illegal_transition_explains_itself() {
    let err = transition(S::Expired, E::Confirm).unwrap_err();
    assert_eq!(
        err.to_string(),
        "a booking that is expired cannot take the event confirm"
    );
}

#[test]
fn cancel_reasons_round_trip_and_staff_cannot_pick_the_citizens_own() {
    for r in CancelReason::ALL {
        assert_eq!(r.as_str().parse::<CancelReason>(), Ok(r));
    }
    assert_catalogue_keys("cancel_reason", CancelReason::ALL.map(CancelReason::key));
    assert!(!CancelReason::STAFF.contains(&CancelReason::Citizen));
    assert_eq!(CancelReason::STAFF.len() + 1, CancelReason::ALL.len());
    assert_eq!(
        CancelReason::MissingDocuments.key(),
        "cancel_reason.missing_documents"
    );
    assert!("no_show".parse::<CancelReason>().is_err());
}

#[test]
fn only_other_needs_an_explanation_in_words() {
    let needing: Vec<CancelReason> = CancelReason::ALL
        .into_iter()
        .filter(|r| r.needs_explanation())
        .collect();
    assert_eq!(needing, [CancelReason::Other]);
    assert!(CancelReason::STAFF.contains(&CancelReason::Other));
}
