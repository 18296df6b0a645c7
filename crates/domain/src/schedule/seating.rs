//! Seating a family (issue 12): a booking for N persons takes N seats of its slot when the
//! slot has them; else it takes every free seat of its slot and goes on into the slots
//! that follow it in the same opening interval, each as full as it can, until everyone has
//! a seat. The family comes together at the first time; the counters see its members one
//! after another, as they would see any queue. So a family of 5 fits an office with 2
//! counters (2 + 2 + 1 over three consecutive times) on any day that has the free places,
//! never only on days when one slot happens to have 5.
//!
//! A slot with no free seat ends the run (the family would wait at the counter while
//! others are served), and so does the end of the opening interval (a break, or closing
//! time): the seats are consecutive or the family does not fit from that time.

use chrono::{NaiveDate, NaiveTime};

use super::model::Schedule;

/// The wall-clock times of the slots after `time` in its opening interval on `date`, in
/// order. Empty when `time` is the interval's last slot or not a slot of that day at all.
#[must_use]
pub fn following_times(schedule: &Schedule, date: NaiveDate, time: NaiveTime) -> Vec<NaiveTime> {
    schedule
        .hours_on(date)
        .intervals()
        .iter()
        .find(|interval| interval.has_slot_at(time))
        .map(|interval| interval.slot_times().filter(|t| *t > time).collect())
        .unwrap_or_default()
}

/// The seats a family of `persons` takes from a slot on, given the free seats of that slot
/// and of the slots after it in the same opening interval (in order, as far as known):
/// one count per slot used, the first being the chosen slot's. `None` when the family
/// cannot be seated from that slot — the slot is full, or the run of slots with free
/// seats ends (a full slot, or the interval's end) before everyone is seated.
///
/// One slot is always enough when it has the room: `[persons]`.
#[must_use]
pub fn seat_family(free: impl IntoIterator<Item = u16>, persons: u16) -> Option<Vec<u16>> {
    if persons == 0 {
        return None;
    }
    let mut left = persons;
    let mut seats = Vec::new();
    for free in free {
        if free == 0 {
            return None;
        }
        let take = free.min(left);
        seats.push(take);
        left -= take;
        if left == 0 {
            return Some(seats);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use chrono::Weekday;

    use super::*;
    use crate::schedule::{OpeningInterval, TimeInterval};

    fn hm(hour: u32, minute: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(hour, minute, 0).expect("real time")
    }

    /// Mondays 09:00–10:00 and 11:00–12:00, 15-minute slots, 2 counters.
    fn two_intervals() -> Schedule {
        let interval = |start, end| TimeInterval {
            start,
            end,
            slot_minutes: 15,
            counters: 2,
        };
        Schedule::new(
            vec![
                OpeningInterval::on(Weekday::Mon, interval(hm(9, 0), hm(10, 0))),
                OpeningInterval::on(Weekday::Mon, interval(hm(11, 0), hm(12, 0))),
            ],
            Vec::new(),
        )
        .expect("valid")
    }

    const MONDAY: NaiveDate = NaiveDate::from_ymd_opt(2026, 3, 16).expect("real date");

    #[test]
    fn the_following_times_stay_in_the_interval() {
        let schedule = two_intervals();
        assert_eq!(
            following_times(&schedule, MONDAY, hm(9, 15)),
            vec![hm(9, 30), hm(9, 45)]
        );
        // The last slot of the morning does not run on into the next interval.
        assert!(following_times(&schedule, MONDAY, hm(9, 45)).is_empty());
        assert_eq!(following_times(&schedule, MONDAY, hm(11, 0)).len(), 3);
        // Not a slot: off the grid, or a day the office is closed.
        assert!(following_times(&schedule, MONDAY, hm(9, 10)).is_empty());
        let tuesday = MONDAY.succ_opt().expect("real date");
        assert!(following_times(&schedule, tuesday, hm(9, 0)).is_empty());
    }

    #[test]
    fn one_slot_with_room_seats_the_whole_family() {
        assert_eq!(seat_family([5, 2, 2], 5), Some(vec![5]));
        assert_eq!(seat_family([3], 1), Some(vec![1]));
    }

    #[test]
    fn a_larger_family_fills_consecutive_slots_in_order() {
        assert_eq!(seat_family([2, 2, 2], 5), Some(vec![2, 2, 1]));
        assert_eq!(seat_family([1, 4], 5), Some(vec![1, 4]));
        assert_eq!(seat_family([1, 1, 1, 1, 1, 1], 5), Some(vec![1; 5]));
    }

    #[test]
    fn a_full_slot_or_the_end_of_the_interval_stops_the_run() {
        assert_eq!(seat_family([0, 5], 1), None);
        assert_eq!(seat_family([2, 0, 2], 3), None);
        assert_eq!(seat_family([2, 2], 5), None);
        assert_eq!(seat_family([], 1), None);
        assert_eq!(seat_family([3], 0), None);
    }

    proptest::proptest! {
        /// Whatever the free seats: a seating seats exactly the family, in a prefix of the
        /// slots, never more than a slot has free, at least one seat per slot used; and
        /// `None` only when that prefix cannot exist.
        #[test]
        fn a_seating_is_exact_and_within_the_free_seats(
            free in proptest::collection::vec(0u16..6, 0..8),
            persons in 1u16..11,
        ) {
            let run: u32 = free.iter().take_while(|f| **f > 0).map(|f| u32::from(*f)).sum();
            match seat_family(free.iter().copied(), persons) {
                Some(seats) => {
                    proptest::prop_assert_eq!(seats.iter().map(|s| u32::from(*s)).sum::<u32>(), u32::from(persons));
                    proptest::prop_assert!(seats.len() <= free.len());
                    for (taken, free) in seats.iter().zip(&free) {
                        proptest::prop_assert!(*taken >= 1 && taken <= free);
                    }
                    // Every slot but the last is filled: nobody skips a free seat.
                    for (taken, free) in seats.iter().zip(&free).take(seats.len() - 1) {
                        proptest::prop_assert_eq!(taken, free);
                    }
                }
                None => proptest::prop_assert!(run < u32::from(persons)),
            }
        }
    }
}
