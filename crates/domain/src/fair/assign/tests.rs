//! Seat assignment on small hand-made days: rank beats time, families stay together.

use crate::fair::PartOfDay;
use crate::fair::assign::{DaySlot, DrawEntry, Outcome, assign};
use crate::fair::testing::time;

fn entry(persons: u16, offices: &[u8], part_of_day: PartOfDay) -> DrawEntry<u8> {
    DrawEntry {
        persons,
        offices: offices.to_vec(),
        part_of_day,
    }
}

/// A slot alone in its opening interval (no family is seated over it and another).
fn slot(office: u8, h: u32, free: u16) -> DaySlot<u8> {
    in_interval(office, h, free, u16::try_from(h).unwrap_or(0))
}

fn in_interval(office: u8, h: u32, free: u16, interval: u16) -> DaySlot<u8> {
    DaySlot {
        office,
        time: time(h, 0),
        free,
        interval,
    }
}

fn won(office: u8, h: u32) -> Outcome<u8> {
    Outcome::Won {
        office,
        time: time(h, 0),
        later: Vec::new(),
    }
}

#[test]
fn each_entry_gets_the_earliest_time_with_room_for_the_whole_family() {
    let slots = [slot(1, 10, 2), slot(1, 9, 3), slot(1, 11, 4)];
    let entries = [
        entry(2, &[1], PartOfDay::Any),
        entry(2, &[1], PartOfDay::Any),
        entry(3, &[1], PartOfDay::Any),
    ];
    // 09:00 seats the first; 1 seat left there, so the second gets 10:00; the third 11:00.
    assert_eq!(
        assign(&entries, &slots),
        [won(1, 9), won(1, 10), won(1, 11)]
    );
}

#[test]
fn a_family_is_never_split_across_opening_intervals() {
    let slots = [slot(1, 9, 2), slot(1, 10, 2)];
    assert_eq!(
        assign(&[entry(3, &[1], PartOfDay::Any)], &slots),
        [Outcome::Lost]
    );
}

#[test]
fn a_family_larger_than_a_slot_is_seated_over_consecutive_slots() {
    // One interval 09:00–12:00 of 2 seats per slot; 11:00 already has one taken.
    let slots = [
        in_interval(1, 9, 2, 0),
        in_interval(1, 10, 2, 0),
        in_interval(1, 11, 1, 0),
    ];
    let entries = [
        entry(3, &[1], PartOfDay::Any),
        entry(2, &[1], PartOfDay::Any),
        entry(1, &[1], PartOfDay::Any),
    ];
    assert_eq!(
        assign(&entries, &slots),
        [
            Outcome::Won {
                office: 1,
                time: time(9, 0),
                later: vec![(time(10, 0), 1)],
            },
            // The second starts where a seat is left: 10:00, and goes on to 11:00.
            Outcome::Won {
                office: 1,
                time: time(10, 0),
                later: vec![(time(11, 0), 1)],
            },
            Outcome::Lost,
        ]
    );
}

#[test]
fn the_first_ranked_office_with_room_wins_over_an_earlier_time_elsewhere() {
    let slots = [slot(1, 8, 5), slot(2, 15, 5), slot(3, 9, 1)];
    let entries = [entry(2, &[3, 2, 1], PartOfDay::Any)];
    assert_eq!(assign(&entries, &slots), [won(2, 15)]);
}

#[test]
fn a_full_first_choice_falls_through_to_the_next_office() {
    let slots = [slot(1, 9, 1), slot(2, 9, 1)];
    let entries = [
        entry(1, &[1, 2], PartOfDay::Any),
        entry(1, &[1, 2], PartOfDay::Any),
        entry(1, &[1, 2], PartOfDay::Any),
    ];
    assert_eq!(
        assign(&entries, &slots),
        [won(1, 9), won(2, 9), Outcome::Lost]
    );
}

#[test]
fn the_part_of_day_limits_the_times() {
    let slots = [
        slot(1, 8, 1),
        slot(1, 11, 1),
        slot(1, 12, 1),
        slot(1, 16, 1),
    ];
    let entries = [
        entry(1, &[1], PartOfDay::Afternoon),
        entry(1, &[1], PartOfDay::Morning),
        entry(1, &[1], PartOfDay::Afternoon),
        entry(1, &[1], PartOfDay::Afternoon),
        entry(1, &[1], PartOfDay::Any),
    ];
    let expected = [won(1, 12), won(1, 8), won(1, 16), Outcome::Lost, won(1, 11)];
    assert_eq!(assign(&entries, &slots), expected);
}

#[test]
fn an_entry_for_nobody_or_nowhere_wins_nothing() {
    let slots = [slot(1, 9, 5)];
    let entries = [
        entry(0, &[1], PartOfDay::Any),
        entry(1, &[], PartOfDay::Any),
        entry(1, &[7], PartOfDay::Any),
    ];
    assert_eq!(
        assign(&entries, &slots),
        [Outcome::Lost, Outcome::Lost, Outcome::Lost]
    );
}

#[test]
fn the_part_of_day_has_stable_names() {
    for part in PartOfDay::ALL {
        assert_eq!(part.as_str().parse(), Ok(part));
        assert_eq!(part.to_string(), part.as_str());
    }
    assert_eq!(
        ["any", "morning", "afternoon"],
        PartOfDay::ALL.map(PartOfDay::as_str)
    );
    assert!("Morning".parse::<PartOfDay>().is_err());
    assert!("".parse::<PartOfDay>().is_err());
}

#[test]
fn noon_is_afternoon_and_a_minute_before_is_morning() {
    assert!(PartOfDay::Afternoon.admits(time(12, 0)));
    assert!(!PartOfDay::Morning.admits(time(12, 0)));
    assert!(PartOfDay::Morning.admits(time(11, 59)));
    assert!(!PartOfDay::Afternoon.admits(time(11, 59)));
}
