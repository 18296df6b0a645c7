//! J1/J2: which slots an office can offer a family of N for a service, and the earliest
//! free appointment across a county or the country.

use chrono::{NaiveDate, NaiveTime};
use epasapoarte_domain::passport::PassportType;
use epasapoarte_domain::schedule::BookingWindow;

use super::{BookingService, FieldErrors, ServiceError, ServiceResult};
use crate::ids::OfficeId;
use crate::store::OfficeRecord;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotAvailability {
    pub time: NaiveTime,
    pub free: u16,
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

    /// Days in `[from, to]` (office-local) with the slots that have room for `persons`,
    /// inside the booking window. Days without such a slot are left out.
    pub async fn availability(
        &self,
        office: &OfficeRecord,
        persons: u16,
        from: NaiveDate,
        to: NaiveDate,
    ) -> ServiceResult<Vec<DayAvailability>> {
        let now = self.now();
        let window = BookingWindow {
            now,
            horizon_days: office.horizon_days,
        };
        let seats = self.directory.seats(office, now).await?;
        let first = from.max(window.first_date(office.timezone));
        let last = to.min(window.last_date(office.timezone));
        let mut days: Vec<DayAvailability> = Vec::new();
        for slot in seats.iter() {
            if slot.date < first
                || slot.date > last
                || slot.starts_at <= now
                || slot.free() < persons
            {
                continue;
            }
            let entry = SlotAvailability {
                time: slot.time,
                free: slot.free(),
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
        let found = self.store.first_free_slots(&ids, persons, now, to).await?;
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
                    free: slot.free(),
                })
            })
            .collect())
    }
}
