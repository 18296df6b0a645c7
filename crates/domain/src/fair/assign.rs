//! Seats for a draw's entries: in draw order, each family gets the earliest slot time that
//! day at its first ranked office with room for all of it, in its part of day. The family
//! is never split between times: when one slot is too small it is seated over that slot
//! and the consecutive ones of the same opening interval, as a booking is
//! ([`crate::schedule::seat_family`], issue 12), and comes together at the first.

use std::collections::BTreeMap;

use chrono::NaiveTime;

use super::part_of_day::PartOfDay;
use crate::schedule::seat_family;

/// One confirmed entry of the draw. `O` identifies an office (the shell's id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawEntry<O> {
    /// The family's size; an entry of 0 persons wins nothing.
    pub persons: u16,
    /// 1–3 offices, most wanted first.
    pub offices: Vec<O>,
    pub part_of_day: PartOfDay,
}

/// A slot of the draw date with its free seats. Two slots listed with the same office and
/// time stay two slots (the first listed is used first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaySlot<O> {
    pub office: O,
    pub time: NaiveTime,
    pub free: u16,
    /// The opening interval of the office's day it belongs to: slots of one interval, in
    /// time order, are consecutive (a family may be seated over them).
    pub interval: u16,
}

/// What an entry got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<O> {
    Won {
        office: O,
        time: NaiveTime,
        /// The seats it takes in the slots after `time` (a family seated over consecutive
        /// slots); empty when the slot at `time` seats all of it.
        later: Vec<(NaiveTime, u16)>,
    },
    Lost,
}

/// The outcome of each entry (same order as `entries`, which must be the draw order).
#[must_use]
pub fn assign<O: Ord + Clone>(entries: &[DrawEntry<O>], slots: &[DaySlot<O>]) -> Vec<Outcome<O>> {
    let mut free: BTreeMap<&O, Vec<Seats>> = BTreeMap::new();
    for slot in slots {
        free.entry(&slot.office).or_default().push(Seats {
            time: slot.time,
            free: slot.free,
            interval: slot.interval,
        });
    }
    for times in free.values_mut() {
        times.sort_by_key(|seats| seats.time); // stable: equal times keep their listed order
    }
    entries.iter().map(|entry| seat(entry, &mut free)).collect()
}

/// One slot's free seats while the draw goes on.
struct Seats {
    time: NaiveTime,
    free: u16,
    interval: u16,
}

/// Seats one entry, taking its seats from `free`.
fn seat<O: Ord + Clone>(entry: &DrawEntry<O>, free: &mut BTreeMap<&O, Vec<Seats>>) -> Outcome<O> {
    if entry.persons == 0 {
        return Outcome::Lost;
    }
    for office in &entry.offices {
        let Some(times) = free.get_mut(office) else {
            continue;
        };
        for start in 0..times.len() {
            if !entry.part_of_day.admits(times[start].time) {
                continue;
            }
            let interval = times[start].interval;
            let run = times[start..]
                .iter()
                .take_while(|seats| seats.interval == interval)
                .map(|seats| seats.free);
            let Some(taken) = seat_family(run, entry.persons) else {
                continue;
            };
            let mut later = Vec::new();
            for (k, seats) in taken.into_iter().enumerate() {
                let slot = &mut times[start + k];
                slot.free -= seats;
                if k > 0 {
                    later.push((slot.time, seats));
                }
            }
            return Outcome::Won {
                office: office.clone(),
                time: times[start].time,
                later,
            };
        }
    }
    Outcome::Lost
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
