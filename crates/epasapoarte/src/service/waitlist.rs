//! SPEC §8, the waitlist with personal holds and the random delayed release: a family
//! joins (confirmed by e-mail like a booking), freed seats are held for the
//! longest-waiting matching family (domain `fair::hold`), the e-mailed link takes them in
//! one click, and seats nobody wants return to the public after their random delay.

use std::collections::HashSet;

use anyhow::Context;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use epasapoarte_domain::fair::release::RELEASE_BEFORE_SLOT;
use epasapoarte_domain::fair::{FreedSeat, WaitingFamily, next_family};
use epasapoarte_domain::passport::PassportType;
use serde::Deserialize;

use super::appointment::AppointmentAt;
use super::booking::CONSENT_POLICY_VERSION;
use super::input::{ApplicantInput, BookingFields, CompanionInput, ParsedBooking, PersonText};
use super::{BookingService, FieldErrors, ServiceError, ServiceResult};
use crate::crypto::HashPurpose;
use crate::i18n::Lang;
use crate::ids::{BookingId, LinkToken, OfficeId};
use crate::mail::{HeldSlot, Mail, WaitlistWish};
use crate::store::{
    HoldOffer, NewHold, NewWaitlistEntry, SealedPerson, TakeHold, TakeOutcome, WaitlistTransition,
};

/// The most offices one entry may name.
pub const MAX_OFFICES: usize = 3;
/// The longest date range one entry may ask for.
pub const MAX_RANGE_DAYS: i64 = 90;
/// The most freed-seat rows one release step gives back (a full batch runs another).
pub const RELEASE_BATCH: u32 = 500;

/// The waitlist body (`POST /api/v1/waitlist`): the person fields of a booking, up to 3
/// offices, a date range and the number of persons. Unknown fields are refused.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WaitlistRequest {
    /// `passport_electronic` (default) or `passport_temporary`.
    #[serde(default)]
    pub service: Option<String>,
    /// 1 to 3 office ids, any of which would do.
    #[schema(value_type = Vec<i64>)]
    pub office_ids: Vec<OfficeId>,
    /// First acceptable date, `YYYY-MM-DD`.
    pub date_from: String,
    /// Last acceptable date, `YYYY-MM-DD`.
    pub date_to: String,
    /// How many persons (the applicant and the companions).
    pub persons: u16,
    pub applicant: ApplicantInput,
    #[serde(default)]
    pub companions: Vec<CompanionInput>,
    #[serde(default)]
    pub consent: bool,
    /// `ro` (default) or `en`: the language of the e-mails.
    #[serde(default)]
    pub lang: Option<String>,
}

/// A waitlist request whose every field is well-formed.
#[derive(Debug, Clone)]
pub struct ParsedWaitlist {
    pub offices: Vec<OfficeId>,
    pub date_from: NaiveDate,
    pub date_to: NaiveDate,
    /// Persons, e-mail, service, consent and language, as for a booking.
    pub booking: ParsedBooking,
}

/// The fields of a waitlist request as an edge holds them (API or form).
pub struct WaitlistFields<'a> {
    pub service: &'a str,
    pub offices: Vec<OfficeId>,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
    pub persons: Option<u16>,
    pub applicant: PersonText<'a>,
    pub companions: Vec<PersonText<'a>>,
    pub email: &'a str,
    pub phone: Option<&'a str>,
    pub consent: bool,
    pub lang: Lang,
}

impl WaitlistFields<'_> {
    /// Parses every field, collecting all errors at once (field paths as the API's).
    pub fn parse(&self, today: NaiveDate) -> Result<ParsedWaitlist, FieldErrors> {
        let person = BookingFields {
            office_id: self.offices.first().copied().unwrap_or(OfficeId(0)),
            service: self.service,
            // The booking parser wants a slot; the waitlist has a range instead.
            date: Some(today),
            time: Some(NaiveTime::MIN),
            applicant: self.applicant,
            companions: self.companions.clone(),
            email: self.email,
            phone: self.phone,
            consent: self.consent,
            lang: self.lang,
        }
        .parse(today);
        let mut errors = match &person {
            Ok(_) => FieldErrors::default(),
            Err(errors) => errors.clone(),
        };
        let distinct: HashSet<_> = self.offices.iter().collect();
        if self.offices.is_empty()
            || self.offices.len() > MAX_OFFICES
            || distinct.len() != self.offices.len()
        {
            errors.add("office_ids", "choose_offices");
        }
        match self.date_from {
            None => errors.add("date_from", "invalid_date"),
            Some(from) if from < today => errors.add("date_from", "in_the_past"),
            Some(_) => {}
        }
        match (self.date_from, self.date_to) {
            (_, None) => errors.add("date_to", "invalid_date"),
            (Some(from), Some(to)) if to < from => errors.add("date_to", "invalid_range"),
            (Some(from), Some(to)) if (to - from).num_days() > MAX_RANGE_DAYS => {
                errors.add("date_to", "range_too_long");
            }
            _ => {}
        }
        match self.persons {
            None => errors.add("persons", "invalid_number"),
            Some(n) if usize::from(n) != 1 + self.companions.len() => {
                errors.add("persons", "persons_mismatch");
            }
            Some(_) => {}
        }
        match (person, self.date_from, self.date_to) {
            (Ok(booking), Some(date_from), Some(date_to)) if errors.is_empty() => {
                Ok(ParsedWaitlist {
                    offices: self.offices.clone(),
                    date_from,
                    date_to,
                    booking,
                })
            }
            _ => Err(errors),
        }
    }
}

impl WaitlistRequest {
    pub fn parse(&self, today: NaiveDate) -> Result<ParsedWaitlist, FieldErrors> {
        WaitlistFields {
            service: self
                .service
                .as_deref()
                .unwrap_or(PassportType::Electronic.as_str()),
            offices: self.office_ids.clone(),
            date_from: super::input::parse_date(&self.date_from),
            date_to: super::input::parse_date(&self.date_to),
            persons: Some(self.persons),
            applicant: self.applicant.person_text(),
            companions: self
                .companions
                .iter()
                .map(CompanionInput::person_text)
                .collect(),
            email: &self.applicant.email,
            phone: self.applicant.phone.as_deref(),
            consent: self.consent,
            lang: self
                .lang
                .as_deref()
                .and_then(Lang::parse)
                .unwrap_or_default(),
        }
        .parse(today)
    }
}

/// What a step of the holds job did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HoldsReport {
    pub waitlist_lapsed: u64,
    pub holds_lapsed: u64,
    pub holds_offered: u64,
    pub released: u64,
}

/// A hold as its take page shows it.
#[derive(Debug, Clone)]
pub struct HoldView {
    pub seats: HeldSlot,
    pub hold_until: DateTime<Utc>,
    /// `open`, `taken`, `lapsed` or `void`.
    pub outcome: String,
    pub booking_id: Option<BookingId>,
}

pub fn waitlist_confirm_url(config: &crate::config::Config, token: &LinkToken) -> String {
    format!(
        "{}/lista-asteptare/confirma/{}",
        config.base_url,
        token.expose()
    )
}

pub fn hold_take_url(config: &crate::config::Config, token: &LinkToken) -> String {
    format!(
        "{}/lista-asteptare/preia/{}",
        config.base_url,
        token.expose()
    )
}

impl BookingService {
    /// Joins the waitlist: a pending entry and its confirmation e-mail, in one transaction.
    pub async fn join_waitlist(&self, parsed: &ParsedWaitlist) -> ServiceResult<String> {
        let booking = &parsed.booking;
        if !booking.consent {
            return Err(ServiceError::ConsentRequired);
        }
        let mut office_names = Vec::new();
        for id in &parsed.offices {
            let office = self.directory.office(*id).await?.ok_or_else(|| {
                ServiceError::Validation(FieldErrors::single("office_ids", "unknown_office"))
            })?;
            Self::check_office_accepts(&office, booking.service, booking.persons.len())
                .map_err(ServiceError::Validation)?;
            office_names.push(office.name.clone());
        }
        let now = self.now();
        let id = BookingId::generate().0;
        let token = LinkToken::generate();
        let expires_at = now
            + TimeDelta::seconds(i64::try_from(self.config.confirm_timeout_secs).unwrap_or(1800));
        let persons = u16::try_from(booking.persons.len()).unwrap_or(u16::MAX);
        let mail = Mail::WaitlistConfirmRequest {
            to: booking.email.as_str().to_owned(),
            lang: booking.lang,
            confirm_url: waitlist_confirm_url(&self.config, &token),
            expires_at,
            wish: WaitlistWish {
                offices: office_names,
                date_from: parsed.date_from,
                date_to: parsed.date_to,
                persons,
            },
        };
        let c = &self.crypto;
        let entry = NewWaitlistEntry {
            id: id.clone(),
            service: booking.service,
            offices: parsed.offices.clone(),
            date_from: parsed.date_from,
            date_to: parsed.date_to,
            persons: booking
                .persons
                .iter()
                .map(|p| SealedPerson {
                    last_name: c.seal_str(p.last_name.as_str()),
                    first_name: c.seal_str(p.first_name.as_str()),
                    cnp: c.seal_str(p.cnp.as_str()),
                    cnp_hash: c.keyed_hash(HashPurpose::Cnp, p.cnp.as_str().as_bytes()),
                })
                .collect(),
            email_hash: c.keyed_hash(HashPurpose::Email, booking.email.normalized().as_bytes()),
            email: c.seal_str(booking.email.as_str()),
            phone: booking.phone.as_ref().map(|p| c.seal_str(p.as_str())),
            consent_policy: CONSENT_POLICY_VERSION.to_owned(),
            lang: booking.lang.as_str().to_owned(),
            created_at: now,
            expires_at,
            confirm_token_hash: token.hash(),
            outbox: self.seal_mail(&mail)?,
        };
        self.store.join_waitlist(&entry).await?;
        tracing::info!(waitlist = %id, persons, "waitlist entry created");
        Ok(id)
    }

    /// The confirmation link: pending → waiting (twice is harmless); too late → expired.
    /// Returns the entry's id and status.
    pub async fn confirm_waitlist(&self, token: &LinkToken) -> ServiceResult<(String, String)> {
        let entry = self
            .store
            .waitlist_by_token(&token.hash())
            .await?
            .ok_or(ServiceError::NotFound)?;
        match entry.status.as_str() {
            "pending" => {}
            "lapsed" => return Err(ServiceError::Expired),
            other => return Ok((entry.id.clone(), other.to_owned())),
        }
        let email = self
            .crypto
            .open_string(&entry.email)
            .context("opening a sealed e-mail address")?;
        let mut office_names = Vec::new();
        for id in &entry.offices {
            if let Some(office) = self.directory.office(*id).await? {
                office_names.push(office.name.clone());
            }
        }
        let mail = Mail::WaitlistWaiting {
            to: email,
            lang: Lang::parse(&entry.lang).unwrap_or_default(),
            wish: WaitlistWish {
                offices: office_names,
                date_from: entry.date_from,
                date_to: entry.date_to,
                persons: u16::try_from(entry.persons.len()).unwrap_or(u16::MAX),
            },
        };
        let outbox = self.seal_mail(&mail)?;
        match self
            .store
            .confirm_waitlist(&entry.id, self.now(), &outbox)
            .await?
        {
            WaitlistTransition::Done => {
                tracing::info!(waitlist = %entry.id, "waitlist entry confirmed");
                Ok((entry.id, "waiting".to_owned()))
            }
            WaitlistTransition::Unchanged(status) if status == "lapsed" => {
                Err(ServiceError::Expired)
            }
            WaitlistTransition::Unchanged(status) => Ok((entry.id, status)),
        }
    }

    async fn held_slot(
        &self,
        office_id: OfficeId,
        date: NaiveDate,
        time: NaiveTime,
        persons: u16,
    ) -> ServiceResult<HeldSlot> {
        let office = self
            .directory
            .office(office_id)
            .await?
            .context("a hold refers to an office that does not exist")?;
        Ok(HeldSlot {
            office_name: office.name.clone(),
            office_address: office.address.clone(),
            timezone: office.timezone.name().to_owned(),
            date,
            time,
            persons,
        })
    }

    async fn offer_for(&self, token: &LinkToken) -> ServiceResult<HoldOffer> {
        self.store
            .hold_offer_by_token(&token.hash())
            .await?
            .ok_or(ServiceError::NotFound)
    }

    /// The hold behind a take link, for its page (reads only).
    pub async fn hold_view(&self, token: &LinkToken) -> ServiceResult<HoldView> {
        let offer = self.offer_for(token).await?;
        let seats = &offer.seats;
        Ok(HoldView {
            seats: self
                .held_slot(seats.office_id, seats.date, seats.time, seats.seats)
                .await?,
            hold_until: seats.hold_until,
            outcome: if offer.outcome == "open" && seats.hold_until <= self.now() {
                "lapsed".to_owned()
            } else {
                offer.outcome
            },
            booking_id: offer.entry.booking_id,
        })
    }

    /// The one click: the held seats become a confirmed booking (origin `hold`) with the
    /// usual confirmation e-mail; the family leaves the waitlist.
    pub async fn take_hold(&self, token: &LinkToken) -> ServiceResult<BookingId> {
        let offer = self.offer_for(token).await?;
        let now = self.now();
        match offer.outcome.as_str() {
            "taken" => return Err(ServiceError::HoldTaken),
            "open" if offer.seats.hold_until > now => {}
            _ => return Err(ServiceError::HoldExpired),
        }
        let entry = &offer.entry;
        let seats = &offer.seats;
        let office = self
            .directory
            .office(seats.office_id)
            .await?
            .context("a hold refers to an office that does not exist")?;
        let service: PassportType = entry
            .service
            .parse()
            .map_err(|_| anyhow::anyhow!("a waitlist entry has an unknown service"))?;
        let record = crate::store::BookingRecord {
            id: BookingId::generate(),
            office_id: seats.office_id,
            service,
            date: seats.date,
            time: seats.time,
            starts_at: seats.starts_at,
            status: epasapoarte_domain::booking::BookingStatus::Confirmed,
            created_at: now,
            expires_at: now,
            email: entry.email.clone(),
            lang: entry.lang.clone(),
            persons: entry.persons.clone(),
        };
        let persons = self.open_persons(&record)?;
        let email = self
            .crypto
            .open_string(&entry.email)
            .context("opening a sealed e-mail address")?;
        let appointment = AppointmentAt {
            booking_id: record.id.as_str(),
            office: &office,
            service,
            date: seats.date,
            time: seats.time,
            starts_at: seats.starts_at,
        }
        .build(&persons);
        let cancel_token = LinkToken::generate();
        let mail = Mail::Confirmed {
            to: email,
            lang: Lang::parse(&entry.lang).unwrap_or_default(),
            cancel_url: super::links::cancel_url(&self.config, &cancel_token),
            appointment,
        };
        let take = TakeHold {
            offer_id: offer.offer_id,
            waitlist_id: entry.id.clone(),
            booking_id: record.id.clone(),
            now,
            cancel_token_hash: cancel_token.hash(),
            outbox: self.seal_mail(&mail)?,
        };
        let outcome = self.store.take_hold(&take).await?;
        self.directory.invalidate_seats(seats.office_id);
        match outcome {
            TakeOutcome::Taken => {
                self.metrics.booking_outcome("hold_taken");
                tracing::info!(booking = %record.id, waitlist = %entry.id, "hold taken");
                Ok(record.id)
            }
            TakeOutcome::AlreadyTaken(_) => Err(ServiceError::HoldTaken),
            TakeOutcome::Expired => Err(ServiceError::HoldExpired),
        }
    }

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
            let released = self.store.release_due(now, RELEASE_BATCH).await?;
            report.released += released;
            if released < u64::from(RELEASE_BATCH) {
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
        let mut served: Vec<String> = Vec::new();
        let mut offered = 0;
        for free in &candidates.free {
            // Seats are given back no later than 2 h before the slot: no hold past that.
            let latest = free.starts_at - RELEASE_BEFORE_SLOT;
            if now >= latest {
                continue;
            }
            let services: Vec<String> = candidates
                .services
                .iter()
                .filter(|(office, _)| *office == free.office_id)
                .map(|(_, service)| service.clone())
                .collect();
            let mut remaining = free.seats;
            while remaining > 0 {
                let seat = FreedSeat {
                    office: free.office_id,
                    date: free.date,
                    seats: remaining,
                    services: services.clone(),
                };
                let mut skip: Vec<String> = candidates
                    .offered
                    .iter()
                    .filter(|(_, slot)| *slot == free.slot_id)
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
                let hold_until = self
                    .config
                    .fair
                    .hold
                    .hold_until(now, free.starts_at)
                    .min(latest);
                let token = LinkToken::generate();
                let mail = Mail::HoldOffered {
                    to: self
                        .crypto
                        .open_string(&waiting.email)
                        .context("opening a sealed e-mail address")?,
                    lang: Lang::parse(&waiting.lang).unwrap_or_default(),
                    take_url: hold_take_url(&self.config, &token),
                    hold_until,
                    seats: self
                        .held_slot(free.office_id, free.date, free.time, family.persons)
                        .await?,
                };
                let hold = NewHold {
                    freed_id: free.freed_id,
                    slot_id: free.slot_id,
                    waitlist_id: family.id.clone(),
                    persons: family.persons,
                    now,
                    hold_until,
                    take_token_hash: token.hash(),
                    outbox: self.seal_mail(&mail)?,
                };
                if !self.store.place_hold(&hold).await? {
                    // Another instance changed the row or the family: next step sees it.
                    break;
                }
                tracing::info!(waitlist = %family.id, slot = free.slot_id, "hold offered");
                offered += 1;
                remaining -= family.persons;
            }
        }
        Ok(offered)
    }
}
