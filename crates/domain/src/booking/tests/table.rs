//! The whole transition table, typed out independently and checked cell by cell.

use crate::booking::{BookingEvent, BookingStatus, IllegalTransition, transition};

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
