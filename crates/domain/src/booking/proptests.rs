//! A model of slots and bookings driven by random events: seats stay exact and final
//! states stay final whatever happens.

use proptest::prelude::*;

use super::*;

const SLOTS: usize = 4;

/// One step of the random story: a new booking, or an event for an existing one
/// (picked by index modulo the bookings so far).
#[derive(Debug, Clone)]
enum Op {
    Book { slot: usize, persons: u16 },
    Event { booking: usize, event: BookingEvent },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => (0..SLOTS, 1u16..=5).prop_map(|(slot, persons)| Op::Book { slot, persons }),
        3 => (any::<usize>(), prop::sample::select(BookingEvent::ALL.to_vec()))
            .prop_map(|(booking, event)| Op::Event { booking, event }),
    ]
}

struct Booking {
    slot: usize,
    persons: u16,
    status: BookingStatus,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn seats_held_always_equal_the_persons_of_holding_bookings(ops in prop::collection::vec(op(), 1..80)) {
        let mut held = [0i32; SLOTS];
        let mut bookings: Vec<Booking> = Vec::new();
        for op in ops {
            match op {
                Op::Book { slot, persons } => {
                    // Creation takes the seats: the only move into a holding state.
                    held[slot] += i32::from(persons);
                    bookings.push(Booking { slot, persons, status: BookingStatus::INITIAL });
                }
                Op::Event { booking, event } => {
                    if bookings.is_empty() {
                        continue;
                    }
                    let index = booking % bookings.len();
                    let b = &mut bookings[index];
                    let before = b.status;
                    match step(before, event) {
                        Ok(t) => {
                            prop_assert!(!before.is_final(), "{before} moved by {event}");
                            prop_assert_eq!(t.releases_seats(), t.seat_delta(b.persons) < 0);
                            held[b.slot] += t.seat_delta(b.persons);
                            b.status = t.to;
                        }
                        Err(e) => {
                            prop_assert_eq!(e, IllegalTransition { from: before, event });
                        }
                    }
                    if matches!(before, BookingStatus::Expired | BookingStatus::Cancelled) {
                        prop_assert_eq!(b.status, before, "revived by {}", event);
                    }
                }
            }
            for (slot, seats) in held.iter().enumerate() {
                let expected: i32 = bookings
                    .iter()
                    .filter(|b| b.slot == slot && b.status.holds_seats())
                    .map(|b| i32::from(b.persons))
                    .sum();
                prop_assert_eq!(*seats, expected, "slot {}", slot);
                prop_assert!(*seats >= 0);
            }
        }
    }

    #[test]
    fn a_final_status_stays_final_under_any_sequence_of_events(
        events in prop::collection::vec(prop::sample::select(BookingEvent::ALL.to_vec()), 1..40),
    ) {
        let mut status = BookingStatus::INITIAL;
        let mut reached_final: Option<BookingStatus> = None;
        for event in events {
            if let Ok(next) = transition(status, event) {
                status = next;
            }
            if let Some(f) = reached_final {
                prop_assert_eq!(status, f);
            } else if status.is_final() {
                reached_final = Some(status);
            }
        }
    }
}
