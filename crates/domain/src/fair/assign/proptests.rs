//! Property tests on random days and entries, checked against a replay of the seats left
//! at each entry's turn: no slot overfilled, families whole, losers truly without room,
//! winners at their best choice, the same input always the same result.

use std::collections::BTreeMap;

use chrono::NaiveTime;
use proptest::prelude::*;

use crate::fair::PartOfDay;
use crate::fair::assign::{DaySlot, DrawEntry, Outcome, assign};

fn slots() -> impl Strategy<Value = Vec<DaySlot<u8>>> {
    // Distinct (office, time) pairs: 4 offices, half-hourly 08:00–17:30.
    proptest::collection::btree_map((0_u8..4, 16_u32..36), 0_u16..6, 0..30).prop_map(|map| {
        map.into_iter()
            .map(|((office, half_hour), free)| DaySlot {
                office,
                time: NaiveTime::from_hms_opt(half_hour / 2, 30 * (half_hour % 2), 0)
                    .unwrap_or_default(),
                free,
                // Each slot its own opening interval: one slot seats a family or none
                // does (seating over consecutive slots has its own property below).
                interval: u16::try_from(half_hour).unwrap_or(0),
            })
            .collect()
    })
}

fn entry() -> impl Strategy<Value = DrawEntry<u8>> {
    let part = proptest::sample::select(PartOfDay::ALL.to_vec());
    // 1–3 offices of 5 (office 4 has no slots), in any rank order.
    let offices = proptest::sample::subsequence(vec![0_u8, 1, 2, 3, 4], 1..=3).prop_shuffle();
    (1_u16..6, offices, part).prop_map(|(persons, offices, part_of_day)| DrawEntry {
        persons,
        offices,
        part_of_day,
    })
}

fn entries() -> impl Strategy<Value = Vec<DrawEntry<u8>>> {
    proptest::collection::vec(entry(), 0..40)
}

/// The fitting times of `office` for `entry` given the seats left.
fn fitting(
    left: &BTreeMap<(u8, NaiveTime), u16>,
    entry: &DrawEntry<u8>,
    office: u8,
) -> Vec<NaiveTime> {
    left.iter()
        .filter(|((o, time), free)| {
            *o == office && entry.part_of_day.admits(*time) && **free >= entry.persons
        })
        .map(|((_, time), _)| *time)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn every_outcome_is_the_best_the_seats_left_allowed(slots in slots(), entries in entries()) {
        let outcomes = assign(&entries, &slots);
        prop_assert_eq!(outcomes.len(), entries.len());
        let mut left: BTreeMap<(u8, NaiveTime), u16> =
            slots.iter().map(|slot| ((slot.office, slot.time), slot.free)).collect();
        for (entry, outcome) in entries.iter().zip(&outcomes) {
            let choice = entry.offices.iter().position(|office| !fitting(&left, entry, *office).is_empty());
            match (outcome, choice) {
                (Outcome::Lost, None) => {}
                (Outcome::Won { office, time, later }, Some(rank)) => {
                    prop_assert!(later.is_empty(), "one slot per interval: nothing later");
                    // Its first ranked office with room, at the earliest time there.
                    prop_assert_eq!(*office, entry.offices[rank]);
                    let earliest = fitting(&left, entry, *office).first().copied();
                    prop_assert_eq!(earliest, Some(*time));
                    // The whole family in that one slot: never more than its free seats.
                    let free = left.get_mut(&(*office, *time)).ok_or_else(|| TestCaseError::fail("no such slot"))?;
                    prop_assert!(*free >= entry.persons);
                    *free -= entry.persons;
                }
                (outcome, choice) => prop_assert!(false, "{outcome:?} but the best choice was {choice:?}"),
            }
        }
    }

    #[test]
    fn the_result_depends_only_on_the_entries_order(slots in slots(), entries in entries()) {
        let mut listed = slots.clone();
        listed.reverse();
        prop_assert_eq!(assign(&entries, &slots), assign(&entries, &listed));
    }

    #[test]
    fn seats_given_never_exceed_seats_free(slots in slots(), entries in entries()) {
        let mut given: BTreeMap<(u8, NaiveTime), u32> = BTreeMap::new();
        for (entry, outcome) in entries.iter().zip(assign(&entries, &slots)) {
            if let Outcome::Won { office, time, .. } = outcome {
                *given.entry((office, time)).or_default() += u32::from(entry.persons);
            }
        }
        for slot in &slots {
            prop_assert!(given.get(&(slot.office, slot.time)).copied().unwrap_or(0) <= u32::from(slot.free));
        }
    }

    /// With opening intervals of several slots, families larger than a slot are seated
    /// over consecutive slots of one interval: every winner gets exactly its persons'
    /// seats, starting at an admitted time, in slots of one interval listed one after
    /// another; no slot ever gives more than it had.
    #[test]
    fn families_seated_over_consecutive_slots_stay_whole_and_within_the_seats(
        slots in slots(),
        intervals in proptest::collection::vec(0_u16..3, 30),
        entries in entries(),
    ) {
        let slots: Vec<DaySlot<u8>> = slots
            .into_iter()
            .zip(intervals)
            .map(|(slot, interval)| DaySlot { interval, ..slot })
            .collect();
        let mut given: BTreeMap<(u8, NaiveTime), u32> = BTreeMap::new();
        for (entry, outcome) in entries.iter().zip(assign(&entries, &slots)) {
            let Outcome::Won { office, time, later } = outcome else { continue };
            prop_assert!(entry.part_of_day.admits(time));
            let mut listed: Vec<&DaySlot<u8>> = slots.iter().filter(|s| s.office == office).collect();
            listed.sort_by_key(|s| s.time);
            let start = listed.iter().position(|s| s.time == time).ok_or_else(|| TestCaseError::fail("no such slot"))?;
            for (k, (later_time, _)) in later.iter().enumerate() {
                let next = listed.get(start + 1 + k).ok_or_else(|| TestCaseError::fail("past the end"))?;
                prop_assert_eq!(next.time, *later_time, "consecutive");
                prop_assert_eq!(next.interval, listed[start].interval, "one interval");
            }
            let later_seats: u32 = later.iter().map(|(_, seats)| u32::from(*seats)).sum();
            prop_assert!(later_seats < u32::from(entry.persons));
            *given.entry((office, time)).or_default() += u32::from(entry.persons) - later_seats;
            for (later_time, seats) in later {
                prop_assert!(seats >= 1);
                *given.entry((office, later_time)).or_default() += u32::from(seats);
            }
        }
        for slot in &slots {
            prop_assert!(given.get(&(slot.office, slot.time)).copied().unwrap_or(0) <= u32::from(slot.free));
        }
    }
}
