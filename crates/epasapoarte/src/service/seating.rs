//! Seating a family (issue 12): in its slot when the slot has the room, else over the
//! consecutive slots of the same opening interval (`schedule::seat_family`). Shared by
//! availability (which times can seat a family) and booking (the seats it takes).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use epasapoarte_domain::schedule::{following_times, seat_family, slot_at};

use super::input::ParsedBooking;
use super::{BookingService, ServiceResult};
use crate::store::{OfficeRecord, SlotSeats};

impl BookingService {
    /// The seats a family short of room in its slot takes in the following slots of the
    /// same opening interval (issue 12), read fresh, with `returning` seats counted free
    /// (a replaced booking's); `None` when it cannot be seated from that slot even so (or
    /// the slot alone has room now: a plain booking then lost a race).
    pub(super) async fn overflow(
        &self,
        office: &OfficeRecord,
        parsed: &ParsedBooking,
        starts_at: chrono::DateTime<chrono::Utc>,
        returning: &[(NaiveDate, NaiveTime, u16)],
    ) -> ServiceResult<Option<Vec<(NaiveTime, u16)>>> {
        let persons = u16::try_from(parsed.persons.len()).unwrap_or(u16::MAX);
        // Only the slots the family can use: its own and the next ones of the interval,
        // at most one per person (each slot it spreads over seats at least one). A flash
        // crowd's families ask this on every refusal: a whole day's rows cost it half
        // its answers per second (BENCHMARKS.md, stop 25).
        let last = std::iter::once(parsed.time)
            .chain(following_times(&office.schedule, parsed.date, parsed.time))
            .take(usize::from(persons).max(1))
            .last()
            .and_then(|time| slot_at(&office.schedule, office.timezone, parsed.date, time))
            .map_or(starts_at, |slot| slot.starts_at);
        let seats = self
            .store
            .slots(office.id, starts_at, last + chrono::Duration::seconds(1))
            .await?;
        let mut free = free_seats(&seats);
        for (date, time, seats) in returning {
            if let Some(free) = free.get_mut(&(*date, *time)) {
                *free = free.saturating_add(*seats);
            }
        }
        let seated = seating(office, &free, parsed.date, parsed.time, persons);
        Ok(seated
            .filter(|seats| seats.len() > 1)
            .map(|seats| seats[1..].to_vec()))
    }
}

/// Free seats by office-local date and time.
pub(super) type FreeSeats = HashMap<(NaiveDate, NaiveTime), u16>;

pub(super) fn free_seats(seats: &[SlotSeats]) -> FreeSeats {
    seats
        .iter()
        .map(|slot| ((slot.date, slot.time), slot.free()))
        .collect()
}

/// [`free_seats`] of the days from `first` to `last` only (an availability request's).
pub(super) fn free_seats_between(
    seats: &[SlotSeats],
    first: NaiveDate,
    last: NaiveDate,
) -> FreeSeats {
    seats
        .iter()
        .filter(|slot| (first..=last).contains(&slot.date))
        .map(|slot| ((slot.date, slot.time), slot.free()))
        .collect()
}

/// The seats a family of `persons` takes from the slot at `date` `time` on (issue 12): all
/// of them there when that slot has room, else as many as each consecutive slot of the
/// same opening interval has, until everyone is seated. `None` when it cannot be seated
/// from there. The first entry is the chosen slot: the time the family comes.
pub(super) fn seating(
    office: &OfficeRecord,
    free: &FreeSeats,
    date: NaiveDate,
    time: NaiveTime,
    persons: u16,
) -> Option<Vec<(NaiveTime, u16)>> {
    let own = *free.get(&(date, time))?;
    if own >= persons {
        return Some(vec![(time, persons)]);
    }
    let times: Vec<NaiveTime> = std::iter::once(time)
        .chain(following_times(&office.schedule, date, time))
        .collect();
    let seats = seat_family(
        times.iter().map_while(|t| free.get(&(date, *t)).copied()),
        persons,
    )?;
    Some(times.into_iter().zip(seats).collect())
}

/// The largest family [`seating`] can seat from the slot at `date` `time`: its free seats
/// and those of the following slots of the same opening interval, up to the first slot
/// without any (0 when the slot itself has none).
pub(super) fn seats_from(
    office: &OfficeRecord,
    free: &FreeSeats,
    date: NaiveDate,
    time: NaiveTime,
) -> u16 {
    std::iter::once(time)
        .chain(following_times(&office.schedule, date, time))
        .map_while(|t| free.get(&(date, t)).copied().filter(|seats| *seats > 0))
        .fold(0, u16::saturating_add)
}

/// Whether some slot of the office may have fewer seats than `persons` (a day's hours,
/// weekly or special, with fewer counters): then it may seat the family over several.
pub(super) fn may_span(office: &OfficeRecord, persons: u16) -> bool {
    use epasapoarte_domain::schedule::ExceptionHours;
    let special = office
        .schedule
        .exceptions()
        .iter()
        .flat_map(|exception| match &exception.hours {
            ExceptionHours::Closed => &[][..],
            ExceptionHours::Special(intervals) => &intervals[..],
        })
        .map(|interval| interval.counters);
    office
        .schedule
        .weekly()
        .map(|interval| interval.counters)
        .chain(special)
        .any(|counters| counters < persons)
}
