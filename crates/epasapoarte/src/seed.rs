//! The demo and reference data (`epasapoarte seed`, `serve --demo`): the 42 counties, one
//! real passport office per county (and a few more), and the slots of every office over
//! its booking window. Every step is idempotent, so seeding twice changes nothing.

use chrono::{DateTime, Utc};
use epasapoarte_domain::county::COUNTIES;
use epasapoarte_domain::passport::PassportType;
use epasapoarte_domain::schedule::{BookingWindow, bookable_slots};

use crate::store::{NewOffice, OfficeRecord, PlannedSlot, Store};

mod demo_staff;
pub mod hours;
pub mod offices;

#[cfg(test)]
mod tests;

/// The offices' time zone: every demo office is in Romania.
pub const TIMEZONE: chrono_tz::Tz = chrono_tz::Europe::Bucharest;
/// Persons one booking may hold (SPEC §2 J2).
pub const MAX_PERSONS: u8 = 5;
/// Days ahead citizens may book (SPEC §2 J2).
pub const HORIZON_DAYS: u32 = 90;

/// What one run of [`seed`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    /// Counties present after the run (always all 42).
    pub counties: usize,
    pub offices_created: usize,
    pub slots_created: u64,
}

/// All counties and Bucharest as `(code, name)`.
#[must_use]
pub fn counties() -> Vec<(&'static str, &'static str)> {
    COUNTIES
        .iter()
        .map(|county| (county.code(), county.name()))
        .collect()
}

/// The demo offices of [`offices::OFFICES`], ready to insert.
#[must_use]
pub fn offices() -> Vec<NewOffice> {
    offices::OFFICES
        .iter()
        .map(|row| NewOffice {
            county_code: row.county.to_owned(),
            name: row.name.to_owned(),
            address: format!("{}, {}", row.street, row.town),
            timezone: TIMEZONE,
            max_persons: MAX_PERSONS,
            horizon_days: HORIZON_DAYS,
            services: PassportType::ALL.to_vec(),
            schedule: hours::schedule(row.counters),
        })
        .collect()
}

pub use demo_staff::{DEMO_STAFF, seed_demo_staff};

/// Loads the counties and the demo offices, then plans every office's slots for the
/// booking window at `now`. A second run creates nothing.
pub async fn seed(store: &dyn Store, now: DateTime<Utc>) -> anyhow::Result<SeedReport> {
    let counties = counties();
    store.upsert_counties(&counties).await?;
    // insert_office is idempotent by (county, name); comparing before and after tells
    // how many the run actually created.
    let before = store.offices().await?.len();
    for office in offices() {
        store.insert_office(&office).await?;
    }
    let offices_created = store.offices().await?.len().saturating_sub(before);
    let slots_created = plan_all_slots(store, now).await?;
    Ok(SeedReport {
        counties: store.counties().await?.len(),
        offices_created,
        slots_created,
    })
}

/// Creates the missing slots of every office for its booking window at `now` (at start
/// and daily, as the window moves on); returns how many it created.
pub async fn plan_all_slots(store: &dyn Store, now: DateTime<Utc>) -> anyhow::Result<u64> {
    let mut created = 0;
    for office in store.offices().await? {
        let slots = planned_slots(&office, now);
        if !slots.is_empty() {
            created += store.plan_slots(office.id, &slots).await?;
        }
    }
    Ok(created)
}

/// The slots `office` opens between `now` and the end of its booking window.
#[must_use]
pub fn planned_slots(office: &OfficeRecord, now: DateTime<Utc>) -> Vec<PlannedSlot> {
    let window = BookingWindow {
        now,
        horizon_days: office.horizon_days,
    };
    let tz = office.timezone;
    bookable_slots(
        &office.schedule,
        tz,
        &window,
        window.first_date(tz),
        window.last_date(tz),
    )
    .into_iter()
    .map(|slot| PlannedSlot {
        date: slot.date,
        time: slot.time,
        starts_at: slot.starts_at,
        capacity: slot.capacity,
    })
    .collect()
}
