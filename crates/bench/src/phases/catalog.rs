//! What there is to book, asked of the API itself (so the list holds exactly what the
//! service offers: no past slots, nothing beyond the horizon): every office's free seats
//! from tomorrow on, the flash-crowd day set aside, the rest shuffled into one seat list.

use std::collections::BTreeMap;

use anyhow::{Context, bail};
use chrono::{NaiveDate, NaiveTime};
use rand::seq::SliceRandom;
use serde::Deserialize;

use super::Ctx;
use crate::people::Seat;

#[derive(Deserialize)]
struct OfficeDto {
    id: i64,
}

#[derive(Deserialize)]
struct AvailabilityDto {
    days: Vec<DayDto>,
}

#[derive(Deserialize)]
struct DayDto {
    date: NaiveDate,
    slots: Vec<SlotDto>,
}

#[derive(Deserialize)]
struct SlotDto {
    time: String,
    free: u16,
}

/// A slot with its free seats.
#[derive(Debug, Clone, Copy)]
pub struct FreeSlot {
    pub seat: Seat,
    pub free: u16,
}

/// The one office day the flash crowd fights over.
#[derive(Debug, Clone)]
pub struct FlashDay {
    pub office_id: i64,
    pub date: NaiveDate,
    pub slots: Vec<FreeSlot>,
}

/// Every free slot of every office from `from` to the end of each booking window.
pub async fn free_slots(ctx: &Ctx, from: NaiveDate) -> anyhow::Result<Vec<FreeSlot>> {
    free_slots_at(&ctx.client, &ctx.base_url, from).await
}

/// [`free_slots`] of the server at `base_url`.
pub async fn free_slots_at(
    client: &reqwest::Client,
    base_url: &str,
    from: NaiveDate,
) -> anyhow::Result<Vec<FreeSlot>> {
    let offices: Vec<OfficeDto> = get_json(client, base_url, "/api/v1/offices").await?;
    let mut slots = Vec::new();
    for office in offices {
        let path = format!(
            "/api/v1/offices/{}/availability?service=passport_electronic&persons=1&from={}",
            office.id,
            from.format("%Y-%m-%d")
        );
        let availability: AvailabilityDto = get_json(client, base_url, &path).await?;
        for day in availability.days {
            for slot in day.slots {
                let time = NaiveTime::parse_from_str(&slot.time, "%H:%M")
                    .with_context(|| format!("slot time {:?}", slot.time))?;
                slots.push(FreeSlot {
                    seat: Seat {
                        office_id: office.id,
                        date: day.date,
                        time,
                    },
                    free: slot.free,
                });
            }
        }
    }
    if slots.is_empty() {
        bail!("the seeded database offers no free slot from {from} on");
    }
    Ok(slots)
}

/// Takes out the flash-crowd day: the office whose first open day (on or after `from`)
/// has the most seats — the busiest counter, the worst case.
pub fn take_flash_day(slots: &mut Vec<FreeSlot>) -> anyhow::Result<FlashDay> {
    let mut first_day: BTreeMap<i64, NaiveDate> = BTreeMap::new();
    for slot in slots.iter() {
        let day = first_day
            .entry(slot.seat.office_id)
            .or_insert(slot.seat.date);
        *day = (*day).min(slot.seat.date);
    }
    let seats_on = |office_id: i64, date: NaiveDate| -> u64 {
        slots
            .iter()
            .filter(|s| s.seat.office_id == office_id && s.seat.date == date)
            .map(|s| u64::from(s.free))
            .sum()
    };
    let (office_id, date) = first_day
        .iter()
        .map(|(&office, &date)| (office, date))
        .max_by_key(|&(office, date)| (seats_on(office, date), std::cmp::Reverse(office)))
        .context("no office has a free day")?;
    let (day, rest): (Vec<FreeSlot>, Vec<FreeSlot>) = slots
        .drain(..)
        .partition(|s| s.seat.office_id == office_id && s.seat.date == date);
    *slots = rest;
    Ok(FlashDay {
        office_id,
        date,
        slots: day,
    })
}

/// One entry per free seat, shuffled: consecutive bookings land on unrelated slots, as
/// when many citizens book at once (and no slot becomes a hot spot by accident).
#[must_use]
pub fn shuffled_seats(slots: &[FreeSlot]) -> Vec<Seat> {
    let mut seats: Vec<Seat> = slots
        .iter()
        .flat_map(|slot| std::iter::repeat_n(slot.seat, usize::from(slot.free)))
        .collect();
    seats.shuffle(&mut rand::thread_rng());
    seats
}

async fn get_json<T: serde::de::DeserializeOwned>(
    client: &reqwest::Client,
    base_url: &str,
    path: &str,
) -> anyhow::Result<T> {
    let response = client
        .get(format!("{base_url}{path}"))
        .send()
        .await
        .with_context(|| format!("GET {path}"))?;
    let status = response.status();
    if !status.is_success() {
        bail!("GET {path} answered {status}: {}", response.text().await?);
    }
    response
        .json()
        .await
        .with_context(|| format!("reading GET {path}"))
}
