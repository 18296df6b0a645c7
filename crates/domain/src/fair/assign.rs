//! Seats for a draw's entries: in draw order, each family gets the earliest slot time that
//! day at its first ranked office with room for all of it (never split), in its part of day.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveTime;

use crate::booking::UnknownName;

/// Noon: `morning` slots start before it, `afternoon` ones at or after it.
pub const NOON: NaiveTime = match NaiveTime::from_hms_opt(12, 0, 0) {
    Some(time) => time,
    None => panic!("12:00 is a time"),
};

/// When in the day an entrant can come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartOfDay {
    Any,
    /// Slots starting before 12:00.
    Morning,
    /// Slots starting at 12:00 or later.
    Afternoon,
}

impl PartOfDay {
    pub const ALL: [Self; 3] = [Self::Any, Self::Morning, Self::Afternoon];

    /// The stable name (form, JSON, database).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Any => "any",
            Self::Morning => "morning",
            Self::Afternoon => "afternoon",
        }
    }

    /// Whether a slot starting at office-local `time` suits this part of day.
    #[must_use]
    pub fn admits(self, time: NaiveTime) -> bool {
        match self {
            Self::Any => true,
            Self::Morning => time < NOON,
            Self::Afternoon => time >= NOON,
        }
    }
}

impl fmt::Display for PartOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PartOfDay {
    type Err = UnknownName;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|part| part.as_str() == text)
            .ok_or_else(|| UnknownName {
                kind: "part of day",
                value: text.to_owned(),
            })
    }
}

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
