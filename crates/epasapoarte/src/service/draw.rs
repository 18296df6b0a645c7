//! SPEC §8 "Opening day by draw": the day that enters the booking window next is not
//! first come, first served. Families enter its draw (one entry per family, CNPs in one
//! entry each), confirm by e-mail, and at `EPAS_DRAW_AT` the draw seats them in the order
//! of the committed seed. This file holds the shell around the domain rules
//! (`epasapoarte_domain::fair`): which draw takes entries, entering and confirming, running
//! a due draw, and which days the public may not see yet.

use anyhow::Context;
use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use epasapoarte_domain::fair::{
    self, DaySlot, DrawEntry, DrawSeed, Outcome, PartOfDay, draw_instant, entries_open_for,
    entry_order,
};
use epasapoarte_domain::passport::PassportType;
use epasapoarte_domain::schedule::slots_between;
use rand::RngCore;

use super::appointment::{AppointmentAt, OpenPerson};
use super::booking::CONSENT_POLICY_VERSION;
use super::input::{Person, Phone};
use super::{BookingService, FieldErrors, ServiceError, ServiceResult, links};
use crate::crypto::HashPurpose;
use crate::i18n::Lang;
use crate::i18n::format::ROMANIA;
use crate::ids::{BookingId, LinkToken, OfficeId};
use crate::mail::Mail;
use crate::store::{
    DrawEntryRecord, DrawLoser, DrawResult, DrawRow, DrawRun, DrawWinner, EntryConfirm,
    EntryRefusal, NewDrawEntry, OfficeRecord, PlannedSlot, SealedPerson, WaitlistPlace,
};

pub mod input;

pub use input::{DrawEntryRequest, EntryFields, ParsedEntry};

/// A losing family that asked for it waits for seats this many days after the draw date.
pub const WAITLIST_DAYS: u64 = 30;

/// The draws are for the whole country: Romania's clock, the longest horizon.
struct DrawClock {
    tz: Tz,
    horizon: u32,
    draw_at: NaiveTime,
    offices: std::sync::Arc<Vec<OfficeRecord>>,
}

impl DrawClock {
    fn is_open(&self, date: NaiveDate) -> bool {
        self.offices
            .iter()
            .any(|office| !office.schedule.hours_on(date).intervals().is_empty())
    }

    /// The date taking entries at `now`, and when its draw runs.
    fn open_for(&self, now: DateTime<Utc>) -> Option<(NaiveDate, DateTime<Utc>)> {
        let date = entries_open_for(now, self.tz, self.horizon, self.draw_at, |d| {
            self.is_open(d)
        })?;
        let at = draw_instant(date, self.horizon, self.draw_at, self.tz)?;
        Some((date, at))
    }
}

/// A new entry, as the API answers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryCreated {
    pub id: String,
    pub draw_date: NaiveDate,
}

impl BookingService {
    async fn draw_clock(&self) -> ServiceResult<DrawClock> {
        let offices = self.directory.offices().await?;
        let horizon = offices.iter().map(|o| o.horizon_days).max().unwrap_or(0);
        Ok(DrawClock {
            tz: ROMANIA,
            horizon,
            draw_at: self.config.fair.draw_at,
            offices,
        })
    }

    /// The draw taking entries now, created (with a fresh secret seed) the first time it
    /// is asked for; `None` when draws are off or no office opens in the coming month.
    pub async fn open_draw(&self) -> ServiceResult<Option<DrawRow>> {
        if !self.config.fair.draw {
            return Ok(None);
        }
        let now = self.now();
        let clock = self.draw_clock().await?;
        let Some((date, closes_at)) = clock.open_for(now) else {
            return Ok(None);
        };
        if let Some(row) = self.store.draw(date).await? {
            return Ok(Some(row));
        }
        let mut bytes = [0_u8; 32];
        rand::thread_rng().fill_bytes(&mut bytes);
        let seed = DrawSeed(bytes);
        let row = self
            .store
            .open_draw(date, &seed.0, &seed.sha256_hex(), now, closes_at)
            .await?;
        Ok(Some(row))
    }

    /// Enters a family in the open draw; the confirm e-mail rides in the same transaction.
    pub async fn enter_draw(&self, parsed: &ParsedEntry) -> ServiceResult<EntryCreated> {
        if !self.config.fair.draw {
            return Err(ServiceError::NotFound);
        }
        if !parsed.consent {
            return Err(ServiceError::ConsentRequired);
        }
        self.check_entry_offices(parsed).await?;
        let draw = self.open_draw().await?.ok_or(ServiceError::DrawClosed)?;
        let now = self.now();
        let id = BookingId::generate().0;
        let token = LinkToken::generate();
        let timeout = i64::try_from(self.config.confirm_timeout_secs).unwrap_or(1800);
        let expires_at = now + chrono::Duration::seconds(timeout);
        let mail = Mail::DrawConfirmRequest {
            to: parsed.email.as_str().to_owned(),
            lang: parsed.lang,
            confirm_url: links::draw_confirm_url(&self.config, &token),
            expires_at,
            draw_date: draw.draw_date,
            entry_id: id.clone(),
            draw_at: draw.closes_at,
        };
        let entry = self.seal_entry(parsed, &id, &draw, (now, expires_at), &token, &mail)?;
        match self.store.create_draw_entry(&entry, now).await? {
            Ok(()) => {}
            Err(EntryRefusal::AlreadyEntered) => return Err(ServiceError::CnpAlreadyEntered),
            Err(EntryRefusal::AlreadyBooked) => return Err(ServiceError::CnpAlreadyBooked),
            Err(EntryRefusal::CoolingOff) => return Err(ServiceError::CnpCoolingOff),
            Err(EntryRefusal::Closed) => return Err(ServiceError::DrawClosed),
        }
        tracing::info!(entry = %id, draw = %draw.draw_date, persons = parsed.persons.len(), "draw entry created");
        Ok(EntryCreated {
            id,
            draw_date: draw.draw_date,
        })
    }

    /// Every ranked office exists, offers the service and seats a family this large.
    async fn check_entry_offices(&self, parsed: &ParsedEntry) -> ServiceResult<()> {
        for office_id in &parsed.offices {
            let office = self.directory.office(*office_id).await?.ok_or_else(|| {
                ServiceError::Validation(FieldErrors::single("office_ids", "unknown_office"))
            })?;
            Self::check_office_accepts(&office, parsed.service, parsed.persons.len())
                .map_err(ServiceError::Validation)?;
        }
        Ok(())
    }

    fn seal_entry(
        &self,
        parsed: &ParsedEntry,
        id: &str,
        draw: &DrawRow,
        (now, expires_at): (DateTime<Utc>, DateTime<Utc>),
        token: &LinkToken,
        mail: &Mail,
    ) -> ServiceResult<NewDrawEntry> {
        let c = &self.crypto;
        Ok(NewDrawEntry {
            id: id.to_owned(),
            draw_date: draw.draw_date,
            service: parsed.service.as_str().to_owned(),
            offices: parsed.offices.clone(),
            part_of_day: parsed.part_of_day.as_str().to_owned(),
            wants_waitlist: parsed.wants_waitlist,
            persons: self.seal_persons(&parsed.persons),
            email_hash: c.keyed_hash(HashPurpose::Email, parsed.email.normalized().as_bytes()),
            email: c.seal_str(parsed.email.as_str()),
            phone: parsed
                .phone
                .as_ref()
                .map(|p: &Phone| c.seal_str(p.as_str())),
            consent_policy: CONSENT_POLICY_VERSION.to_owned(),
            lang: parsed.lang.as_str().to_owned(),
            created_at: now,
            expires_at,
            confirm_token_hash: token.hash(),
            outbox: self.seal_mail(mail)?,
        })
    }

    pub(super) fn seal_persons(&self, persons: &[Person]) -> Vec<SealedPerson> {
        let c = &self.crypto;
        persons
            .iter()
            .map(|p| SealedPerson {
                last_name: c.seal_str(p.last_name.as_str()),
                first_name: c.seal_str(p.first_name.as_str()),
                cnp: c.seal_str(p.cnp.as_str()),
                cnp_hash: self.cnp_hash(p),
            })
            .collect()
    }

    pub(super) fn cnp_hash(&self, person: &Person) -> Vec<u8> {
        self.crypto
            .keyed_hash(HashPurpose::Cnp, person.cnp.as_str().as_bytes())
    }

    /// The entry a confirm link points to (the page shows it before confirming).
    pub async fn draw_entry_for_token(&self, token: &LinkToken) -> ServiceResult<DrawEntryRecord> {
        let id = self
            .store
            .draw_entry_by_token(&token.hash())
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.store
            .draw_entry(&id)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    /// Confirms an entry from its e-mailed token; returns its id and status. Twice is
    /// harmless; a lapsed entry says `Expired`.
    pub async fn confirm_draw_entry(&self, token: &LinkToken) -> ServiceResult<(String, String)> {
        let id = self
            .store
            .draw_entry_by_token(&token.hash())
            .await?
            .ok_or(ServiceError::NotFound)?;
        match self.store.confirm_draw_entry(&id, self.now()).await? {
            EntryConfirm::Confirmed(id) => {
                tracing::info!(entry = %id, "draw entry confirmed");
                Ok((id, "confirmed".to_owned()))
            }
            EntryConfirm::Lapsed(_) => Err(ServiceError::Expired),
            EntryConfirm::Unchanged(_, status) if status == "lapsed" => Err(ServiceError::Expired),
            EntryConfirm::Unchanged(id, status) => Ok((id, status)),
        }
    }

    /// Runs every draw whose time has come (idempotent; once per draw across instances).
    pub async fn run_due_draws(&self) -> ServiceResult<Vec<(NaiveDate, DrawRun)>> {
        let mut runs = Vec::new();
        for draw in self.store.due_draws(self.now()).await? {
            let run = self.run_draw(&draw).await?;
            runs.push((draw.draw_date, run));
        }
        Ok(runs)
    }

    /// Runs one draw now: plans its day's slots, orders the confirmed entries by the seed,
    /// seats them (`fair::assign`) and writes everything in one transaction.
    pub async fn run_draw(&self, draw: &DrawRow) -> ServiceResult<DrawRun> {
        if draw.ran_at.is_some() {
            return Ok(DrawRun::AlreadyRan);
        }
        let now = self.now();
        let date = draw.draw_date;
        let offices = self.directory.offices().await?;
        let slots = self.draw_day_slots(&offices, date, now).await?;
        let entries: Vec<DrawEntryRecord> = self
            .store
            .draw_entries(date)
            .await?
            .into_iter()
            .filter(|e| e.status == "confirmed")
            .collect();
        let hashes: Vec<Vec<u8>> = entries
            .iter()
            .flat_map(|e| e.persons.iter().map(|p| p.cnp_hash.clone()))
            .collect();
        let blocked = self.store.blocked_cnps(&hashes, now).await?;
        let seed_bytes: [u8; 32] = draw
            .seed
            .as_slice()
            .try_into()
            .context("a stored draw seed is not 32 bytes")?;
        let seed = DrawSeed(seed_bytes);
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        let ordered: Vec<&DrawEntryRecord> = entry_order(&seed, &ids)
            .into_iter()
            .filter_map(|id| entries.iter().find(|e| e.id == id))
            .collect();
        // An entry one of whose CNPs booked or is cooling off since it entered takes no part.
        let eligible =
            |e: &DrawEntryRecord| !e.persons.iter().any(|p| blocked.contains(&p.cnp_hash));
        let domain_entries: Vec<DrawEntry<OfficeId>> = ordered
            .iter()
            .map(|e| DrawEntry {
                persons: if eligible(e) {
                    u16::try_from(e.persons.len()).unwrap_or(0)
                } else {
                    0
                },
                offices: e.offices.clone(),
                part_of_day: e.part_of_day.parse().unwrap_or(PartOfDay::Any),
            })
            .collect();
        let outcomes = fair::assign(&domain_entries, &slots);
        let seats: u32 = slots.iter().map(|s| u32::from(s.free)).sum();
        let mut result = DrawResult {
            draw_date: date,
            ran_at: now,
            entries: u32::try_from(entries.len()).unwrap_or(u32::MAX),
            seats,
            winners: Vec::new(),
            losers: Vec::new(),
        };
        for (entry, outcome) in ordered.iter().zip(outcomes) {
            match outcome {
                Outcome::Won { office, time } => {
                    let winner = self.winner(entry, &offices, office, date, time)?;
                    result.winners.push(winner);
                }
                Outcome::Lost => {
                    let loser = self.loser(entry, date, eligible(entry))?;
                    result.losers.push(loser);
                }
            }
        }
        let run = self.store.run_draw(&result).await?;
        if run == DrawRun::Ran {
            self.directory.invalidate_all();
            tracing::info!(draw = %date, entries = result.entries, seats, winners = result.winners.len(), "draw ran");
        }
        Ok(run)
    }

    /// The draw day's slots at every office whose window reaches it, planned now if they
    /// are not yet, with their free seats.
    async fn draw_day_slots(
        &self,
        offices: &[OfficeRecord],
        date: NaiveDate,
        now: DateTime<Utc>,
    ) -> ServiceResult<Vec<DaySlot<OfficeId>>> {
        let mut day = Vec::new();
        for office in offices {
            let today = fair::wall::local_date(now, office.timezone);
            let last = today.checked_add_days(Days::new(u64::from(office.horizon_days)));
            if last.is_none_or(|last| date > last) {
                continue;
            }
            let planned: Vec<PlannedSlot> =
                slots_between(&office.schedule, office.timezone, date, date)
                    .into_iter()
                    .filter(|slot| slot.starts_at > now)
                    .map(|slot| PlannedSlot {
                        date: slot.date,
                        time: slot.time,
                        starts_at: slot.starts_at,
                        capacity: slot.capacity,
                    })
                    .collect();
            let (Some(first), Some(last)) = (planned.first(), planned.last()) else {
                continue;
            };
            let (from, to) = (
                first.starts_at,
                last.starts_at + chrono::Duration::seconds(1),
            );
            self.store.plan_slots(office.id, &planned).await?;
            for slot in self.store.slots(office.id, from, to).await? {
                if slot.date == date {
                    day.push(DaySlot {
                        office: office.id,
                        time: slot.time,
                        free: slot.free(),
                    });
                }
            }
        }
        Ok(day)
    }

    fn winner(
        &self,
        entry: &DrawEntryRecord,
        offices: &[OfficeRecord],
        office_id: OfficeId,
        date: NaiveDate,
        time: NaiveTime,
    ) -> ServiceResult<DrawWinner> {
        let office = offices
            .iter()
            .find(|o| o.id == office_id)
            .context("a draw seat at an unknown office")?;
        let slot =
            epasapoarte_domain::schedule::slot_at(&office.schedule, office.timezone, date, time)
                .context("a draw seat at no slot")?;
        let service: PassportType = entry
            .service
            .parse()
            .ok()
            .context("a draw entry with an unknown service")?;
        let booking_id = BookingId::generate();
        let persons: Vec<OpenPerson> = self.open_sealed(&entry.persons)?;
        let appointment = AppointmentAt {
            booking_id: booking_id.as_str(),
            office,
            service,
            date,
            time,
            starts_at: slot.starts_at,
        }
        .build(&persons);
        let cancel_token = LinkToken::generate();
        let mail = Mail::Confirmed {
            to: self.open_email(&entry.email)?,
            lang: Lang::parse(&entry.lang).unwrap_or_default(),
            cancel_url: links::cancel_url(&self.config, &cancel_token),
            appointment,
        };
        Ok(DrawWinner {
            entry_id: entry.id.clone(),
            booking_id,
            office_id,
            time,
            persons: u16::try_from(entry.persons.len()).unwrap_or(u16::MAX),
            cancel_token_hash: cancel_token.hash(),
            outbox: self.seal_mail(&mail)?,
        })
    }

    fn loser(
        &self,
        entry: &DrawEntryRecord,
        date: NaiveDate,
        eligible: bool,
    ) -> ServiceResult<DrawLoser> {
        let waitlist = (eligible && entry.wants_waitlist).then(|| WaitlistPlace {
            id: BookingId::generate().0,
            date_from: date,
            date_to: date
                .checked_add_days(Days::new(WAITLIST_DAYS))
                .unwrap_or(date),
        });
        let mail = Mail::DrawLost {
            to: self.open_email(&entry.email)?,
            lang: Lang::parse(&entry.lang).unwrap_or_default(),
            draw_date: date,
            entry_id: entry.id.clone(),
            waitlist: waitlist.is_some(),
        };
        Ok(DrawLoser {
            entry_id: entry.id.clone(),
            outbox: self.seal_mail(&mail)?,
            waitlist,
        })
    }

    fn open_email(&self, sealed: &[u8]) -> ServiceResult<String> {
        Ok(self
            .crypto
            .open_string(sealed)
            .context("opening a sealed e-mail address")?)
    }

    /// The first date the public may not see yet while draws are on: the date taking
    /// entries, or an earlier one whose draw has not run. `None`: everything is public.
    pub async fn public_gate(&self) -> ServiceResult<Option<NaiveDate>> {
        if !self.config.fair.draw {
            return Ok(None);
        }
        let clock = self.draw_clock().await?;
        let open = clock.open_for(self.now()).map(|(date, _)| date);
        let undrawn = self.store.earliest_undrawn().await?;
        Ok(match (open, undrawn) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        })
    }

    /// Plans every office's slots over its window, except the days still to be drawn.
    pub async fn plan_public_slots(&self) -> anyhow::Result<u64> {
        let gate = self.public_gate().await?;
        let now = self.now();
        let mut created = 0;
        for office in self.store.offices().await? {
            let slots: Vec<PlannedSlot> = crate::seed::planned_slots(&office, now)
                .into_iter()
                .filter(|slot| gate.is_none_or(|gate| slot.date < gate))
                .collect();
            if !slots.is_empty() {
                created += self.store.plan_slots(office.id, &slots).await?;
            }
        }
        Ok(created)
    }
}
