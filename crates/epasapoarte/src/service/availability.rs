//! J1/J2: which slots an office can offer a family of N for a service, and the earliest
//! free appointment across a county or the country.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use epasapoarte_domain::passport::PassportType;
use epasapoarte_domain::schedule::BookingWindow;

use super::seating::{FreeSeats, free_seats, free_seats_between, may_span, seating};
use super::{BookingService, FieldErrors, ServiceError, ServiceResult};
use crate::ids::OfficeId;
use crate::store::OfficeRecord;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotAvailability {
    pub time: NaiveTime,
    /// This slot's own free seats.
    pub free: u16,
    /// How many consecutive slots the family takes from this time (issue 12): 1 when this
    /// slot has room for all of it, more for a family seated over the following slots of
    /// the same opening interval, 0 when it cannot be seated from here.
    pub span: u16,
    /// The free seats of those `span` slots together (`free` when one slot is enough).
    pub span_free: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayAvailability {
    pub date: NaiveDate,
    pub slots: Vec<SlotAvailability>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarliestSlot {
    pub office_id: OfficeId,
    pub office_name: String,
    pub county: String,
    pub date: NaiveDate,
    pub time: NaiveTime,
    /// Free seats from that time for the family: the slot's own, or those of the
    /// consecutive slots it would be seated over (issue 12).
    pub free: u16,
}

impl BookingService {
    /// The office, or `NotFound`.
    pub async fn office(&self, office_id: OfficeId) -> ServiceResult<OfficeRecord> {
        self.directory
            .office(office_id)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    /// Checks that the office offers the service to that many persons.
    pub fn check_office_accepts(
        office: &OfficeRecord,
        service: PassportType,
        persons: usize,
    ) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        if !office.services.contains(&service) {
            errors.add("service", "service_not_offered");
        }
        if persons == 0 || persons > usize::from(office.max_persons) {
            errors.add("persons", "too_many_persons");
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The largest family any office takes (at least 1): the earliest search offers up to
    /// it and refuses more (issue 12).
    pub async fn largest_family(&self) -> ServiceResult<u16> {
        let offices = self.directory.offices().await?;
        Ok(offices
            .iter()
            .map(|office| u16::from(office.max_persons))
            .max()
            .unwrap_or(1)
            .max(1))
    }

    /// Days in `[from, to]` (office-local) with the slots from which a family of `persons`
    /// can be seated (in that slot, or over consecutive ones: [`seating`](super::seating)), inside the
    /// booking window. Days without such a slot are left out; `persons` 0 lists every slot.
    pub async fn availability(
        &self,
        office: &OfficeRecord,
        persons: u16,
        from: NaiveDate,
        to: NaiveDate,
    ) -> ServiceResult<Vec<DayAvailability>> {
        self.slots_for(office, persons, from, to, false).await
    }

    /// Every slot of the days in `[from, to]` inside the booking window, full ones too,
    /// each with whether (`span` ≥ 1) a family of `persons` can be seated from it.
    pub async fn every_slot(
        &self,
        office: &OfficeRecord,
        persons: u16,
        from: NaiveDate,
        to: NaiveDate,
    ) -> ServiceResult<Vec<DayAvailability>> {
        self.slots_for(office, persons, from, to, true).await
    }

    async fn slots_for(
        &self,
        office: &OfficeRecord,
        persons: u16,
        from: NaiveDate,
        to: NaiveDate,
        every: bool,
    ) -> ServiceResult<Vec<DayAvailability>> {
        let now = self.now();
        let window = BookingWindow {
            now,
            horizon_days: office.horizon_days,
        };
        let seats = self.directory.seats(office, now).await?;
        let first = from.max(window.first_date(office.timezone));
        let last = to.min(window.last_date(office.timezone));
        // The free seats by time, for a family larger than a slot's free seats only (the
        // common case, one slot with room, needs none): built once, of the days asked.
        let mut free: Option<FreeSeats> = None;
        let mut days: Vec<DayAvailability> = Vec::new();
        for slot in seats.iter() {
            if slot.date < first || slot.date > last || slot.starts_at <= now {
                continue;
            }
            let own = slot.free();
            let (span, span_free) = if persons == 0 || own >= persons {
                (1, own)
            } else if own == 0 {
                (0, 0)
            } else {
                let free = free.get_or_insert_with(|| free_seats_between(&seats, first, last));
                match seating(office, free, slot.date, slot.time, persons) {
                    Some(seated) => (
                        u16::try_from(seated.len()).unwrap_or(u16::MAX),
                        seated
                            .iter()
                            .map(|(time, _)| free.get(&(slot.date, *time)).copied().unwrap_or(0))
                            .sum(),
                    ),
                    None => (0, 0),
                }
            };
            if span == 0 && !every {
                continue;
            }
            let entry = SlotAvailability {
                time: slot.time,
                free: own,
                span,
                span_free,
            };
            match days.last_mut() {
                Some(day) if day.date == slot.date => day.slots.push(entry),
                _ => days.push(DayAvailability {
                    date: slot.date,
                    slots: vec![entry],
                }),
            }
        }
        Ok(days)
    }

    /// Per office (of a county, or all), its first slot with room for `persons`, earliest first.
    pub async fn earliest(
        &self,
        service: PassportType,
        persons: u16,
        county: Option<&str>,
    ) -> ServiceResult<Vec<EarliestSlot>> {
        let now = self.now();
        let offices = self.directory.offices().await?;
        let candidates: Vec<&OfficeRecord> = offices
            .iter()
            .filter(|office| {
                county.is_none_or(|code| office.county_code.eq_ignore_ascii_case(code))
            })
            .filter(|office| {
                office.services.contains(&service) && u16::from(office.max_persons) >= persons
            })
            .collect();
        let ids: Vec<OfficeId> = candidates.iter().map(|office| office.id).collect();
        let horizon = candidates
            .iter()
            .map(|office| office.horizon_days)
            .max()
            .unwrap_or(0);
        let to = now + chrono::Duration::days(i64::from(horizon) + 2);
        let mut found = self.store.first_free_slots(&ids, persons, now, to).await?;
        let mut spanned_free: HashMap<OfficeId, u16> = HashMap::new();
        // An office whose slots may be too small for the family seats it over consecutive
        // slots (issue 12), which one indexed probe cannot see: its cached seats tell.
        for office in candidates.iter().filter(|office| may_span(office, persons)) {
            let probed = found.iter().position(|slot| slot.office_id == office.id);
            let before = probed.map(|i| found[i].starts_at);
            let seats = self.directory.seats(office, now).await?;
            let free = free_seats(&seats);
            let spanned = seats.iter().find(|slot| {
                slot.starts_at > now
                    && before.is_none_or(|before| slot.starts_at < before)
                    && slot.free() > 0
                    && seating(office, &free, slot.date, slot.time, persons).is_some()
            });
            if let Some(slot) = spanned {
                if let Some(i) = probed {
                    found.remove(i);
                }
                let seated = seating(office, &free, slot.date, slot.time, persons);
                let together = seated
                    .iter()
                    .flatten()
                    .map(|(time, _)| free.get(&(slot.date, *time)).copied().unwrap_or(0))
                    .sum();
                spanned_free.insert(office.id, together);
                found.push(*slot);
            }
        }
        found.sort_by_key(|slot| (slot.starts_at, slot.office_id));
        Ok(found
            .into_iter()
            .filter_map(|slot| {
                let office = candidates
                    .iter()
                    .find(|office| office.id == slot.office_id)?;
                let window = BookingWindow {
                    now,
                    horizon_days: office.horizon_days,
                };
                (slot.date <= window.last_date(office.timezone)).then(|| EarliestSlot {
                    office_id: office.id,
                    office_name: office.name.clone(),
                    county: office.county_code.clone(),
                    date: slot.date,
                    time: slot.time,
                    free: spanned_free
                        .get(&office.id)
                        .copied()
                        .unwrap_or_else(|| slot.free()),
                })
            })
            .collect())
    }
}
