//! A hold as its e-mailed link shows it, and taking it in one click.

use anyhow::Context;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use epasapoarte_domain::passport::PassportType;

use crate::i18n::Lang;
use crate::ids::{BookingId, LinkToken, OfficeId};
use crate::mail::{HeldSlot, Mail};
use crate::service::appointment::AppointmentAt;
use crate::service::{BookingService, ServiceError, ServiceResult};
use crate::store::{HoldOffer, TakeHold, TakeOutcome};

/// A hold as its take page shows it.
#[derive(Debug, Clone)]
pub struct HoldView {
    pub seats: HeldSlot,
    pub hold_until: DateTime<Utc>,
    /// `open`, `taken`, `lapsed` or `void`.
    pub outcome: String,
    pub booking_id: Option<BookingId>,
}

impl BookingService {
    pub(super) async fn held_slot(
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
            cancel_url: crate::service::links::cancel_url(&self.config, &cancel_token),
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
}
