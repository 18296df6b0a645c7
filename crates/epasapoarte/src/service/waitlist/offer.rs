//! The holds job's step: lapse unconfirmed entries and untaken holds, offer freed seats
//! to the longest-waiting matching families, release what nobody holds and is due.

use std::collections::HashMap;

use anyhow::Context;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use epasapoarte_domain::fair::release::RELEASE_BEFORE_SLOT;
use epasapoarte_domain::fair::{FreedSeat, WaitingFamily, next_family};

use crate::i18n::Lang;
use crate::ids::{LinkToken, OfficeId};
use crate::mail::Mail;
use crate::service::seating::{FreeSeats, seating, seats_from};
use crate::service::{BookingService, ServiceResult};
use crate::store::NewHold;

/// What a step of the holds job did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HoldsReport {
    pub waitlist_lapsed: u64,
    pub holds_lapsed: u64,
    pub holds_offered: u64,
    pub released: u64,
}

impl BookingService {
    /// One step of the holds job: lapse unconfirmed entries and untaken holds, offer
    /// freed seats to the longest-waiting matching families, release what nobody holds
    /// and is due. Safe with many instances (every write is single-winner).
    pub async fn run_holds(&self) -> ServiceResult<HoldsReport> {
        let mut report = HoldsReport::default();
        let now = self.now();
        report.waitlist_lapsed = self.store.expire_waitlist(now).await?;
        for lapsing in self.store.lapsing_holds(now).await? {
            let seats = &lapsing.seats;
            let mail = Mail::HoldLapsed {
                to: self
                    .crypto
                    .open_string(&lapsing.email)
                    .context("opening a sealed e-mail address")?,
                lang: Lang::parse(&lapsing.lang).unwrap_or_default(),
                seats: self
                    .held_slot(seats.office_id, seats.date, seats.time, seats.seats)
                    .await?,
            };
            let outbox = self.seal_mail(&mail)?;
            if self
                .store
                .lapse_hold(lapsing.offer_id, now, &outbox)
                .await?
            {
                report.holds_lapsed += 1;
            }
        }
        report.holds_offered = self.offer_holds(now).await?;
        loop {
            let released = self.store.release_due(now, super::RELEASE_BATCH).await?;
            report.released += released;
            if released < u64::from(super::RELEASE_BATCH) {
                break;
            }
        }
        if report.released + report.holds_offered + report.holds_lapsed > 0 {
            self.directory.invalidate_all();
            tracing::info!(
                offered = report.holds_offered,
                lapsed = report.holds_lapsed,
                released = report.released,
                "freed seats handled"
            );
        }
        Ok(report)
    }

    async fn offer_holds(&self, now: DateTime<Utc>) -> ServiceResult<u64> {
        let candidates = self.store.hold_candidates(now).await?;
        if candidates.free.is_empty() || candidates.waiting.is_empty() {
            return Ok(0);
        }
        let families: Vec<WaitingFamily<OfficeId>> = candidates
            .waiting
            .iter()
            .map(|w| WaitingFamily {
                id: w.id.clone(),
                offices: w.offices.clone(),
                date_from: w.date_from,
                date_to: w.date_to,
                persons: w.persons,
                service: w.service.clone(),
                waiting_since: w.waiting_since,
            })
            .collect();
        // The freed seats nobody holds, per office by date and time (a slot may have
        // several rows), and each slot in the order its first seats were freed.
        let mut free: HashMap<OfficeId, FreeSeats> = HashMap::new();
        let mut slots: HashMap<(OfficeId, NaiveDate, NaiveTime), i64> = HashMap::new();
        let mut order: Vec<&crate::store::FreeSeats> = Vec::new();
        for row in &candidates.free {
            let seats = free
                .entry(row.office_id)
                .or_default()
                .entry((row.date, row.time))
                .or_default();
            *seats = seats.saturating_add(row.seats);
            if slots
                .insert((row.office_id, row.date, row.time), row.slot_id)
                .is_none()
            {
                order.push(row);
            }
        }
        let mut served: Vec<String> = Vec::new();
        let mut offered = 0;
        for slot in order {
            // Seats are given back no later than 2 h before the slot: no hold past that.
            let latest = slot.starts_at - RELEASE_BEFORE_SLOT;
            if now >= latest {
                continue;
            }
            let Some(office) = self.directory.office(slot.office_id).await? else {
                continue;
            };
            let services: Vec<String> = candidates
                .services
                .iter()
                .filter(|(office, _)| *office == slot.office_id)
                .map(|(_, service)| service.clone())
                .collect();
            loop {
                let pool = free.entry(slot.office_id).or_default();
                // A family larger than this slot's freed seats may be seated over the
                // following slots' too (issue 12), as a booking would be.
                let seat = FreedSeat {
                    office: slot.office_id,
                    date: slot.date,
                    seats: seats_from(&office, pool, slot.date, slot.time),
                    services: services.clone(),
                };
                if seat.seats == 0 {
                    break;
                }
                let mut skip: Vec<String> = candidates
                    .offered
                    .iter()
                    .filter(|(_, offered)| *offered == slot.slot_id)
                    .map(|(id, _)| id.clone())
                    .collect();
                skip.extend(served.iter().cloned());
                let Some(family) = next_family(&families, &seat, &skip) else {
                    break;
                };
                served.push(family.id.clone());
                let Some(waiting) = candidates.waiting.iter().find(|w| w.id == family.id) else {
                    break;
                };
                let Some(seated) = seating(&office, pool, slot.date, slot.time, family.persons)
                else {
                    break;
                };
                let seats: Vec<(i64, u16)> = seated
                    .iter()
                    .filter_map(|(time, seats)| {
                        let id = slots.get(&(slot.office_id, slot.date, *time))?;
                        Some((*id, *seats))
                    })
                    .collect();
                if seats.len() != seated.len() {
                    break;
                }
                let hold_until = self
                    .config
                    .fair
                    .hold
                    .hold_until(now, slot.starts_at)
                    .min(latest);
                let token = LinkToken::generate();
                let mail = Mail::HoldOffered {
                    to: self
                        .crypto
                        .open_string(&waiting.email)
                        .context("opening a sealed e-mail address")?,
                    lang: Lang::parse(&waiting.lang).unwrap_or_default(),
                    take_url: super::hold_take_url(&self.config, &token),
                    hold_until,
                    seats: self
                        .held_slot(slot.office_id, slot.date, slot.time, family.persons)
                        .await?,
                };
                let hold = NewHold {
                    seats,
                    waitlist_id: family.id.clone(),
                    persons: family.persons,
                    now,
                    hold_until,
                    take_token_hash: token.hash(),
                    outbox: self.seal_mail(&mail)?,
                };
                if !self.store.place_hold(&hold).await? {
                    // Another instance changed a row or the family: next step sees it.
                    break;
                }
                tracing::info!(
                    waitlist = %family.id,
                    slot = slot.slot_id,
                    slots = seated.len(),
                    "hold offered"
                );
                offered += 1;
                for (time, seats) in seated {
                    if let Some(left) = pool.get_mut(&(slot.date, time)) {
                        *left -= seats;
                    }
                }
            }
        }
        Ok(offered)
    }
}
