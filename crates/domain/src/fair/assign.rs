//! Seats for a draw's entries: in draw order, each family gets the earliest slot time that
//! day at its first ranked office with room for all of it (never split), in its part of day.

use std::collections::BTreeMap;

use chrono::NaiveTime;

use super::part_of_day::PartOfDay;

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
}

/// What an entry got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<O> {
    Won { office: O, time: NaiveTime },
    Lost,
}

/// The outcome of each entry (same order as `entries`, which must be the draw order).
#[must_use]
pub fn assign<O: Ord + Clone>(entries: &[DrawEntry<O>], slots: &[DaySlot<O>]) -> Vec<Outcome<O>> {
    let mut free: BTreeMap<&O, Vec<(NaiveTime, u16)>> = BTreeMap::new();
    for slot in slots {
        free.entry(&slot.office)
            .or_default()
            .push((slot.time, slot.free));
    }
    for times in free.values_mut() {
        times.sort_by_key(|(time, _)| *time); // stable: equal times keep their listed order
    }
    entries.iter().map(|entry| seat(entry, &mut free)).collect()
}

/// Seats one entry, taking its seats from `free`.
fn seat<O: Ord + Clone>(
    entry: &DrawEntry<O>,
    free: &mut BTreeMap<&O, Vec<(NaiveTime, u16)>>,
) -> Outcome<O> {
    if entry.persons == 0 {
        return Outcome::Lost;
    }
    for office in &entry.offices {
        let Some(times) = free.get_mut(office) else {
            continue;
        };
        let fits = |(time, seats): &&mut (NaiveTime, u16)| {
            entry.part_of_day.admits(*time) && *seats >= entry.persons
        };
        if let Some((time, seats)) = times.iter_mut().find(fits) {
            *seats -= entry.persons;
            return Outcome::Won {
                office: office.clone(),
                time: *time,
            };
        }
    }
    Outcome::Lost
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
