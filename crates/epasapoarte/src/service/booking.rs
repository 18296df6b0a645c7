//! J2–J4: create a pending booking, confirm it from the e-mailed link, cancel it.

use epasapoarte_domain::booking::{BookingStatus, CancelReason};
use epasapoarte_domain::schedule::{BookingWindow, slot_at};

use super::appointment::{AppointmentAt, OpenPerson};
use super::input::ParsedBooking;
use super::{BookingService, FieldErrors, ServiceError, ServiceResult, links};
use crate::crypto::HashPurpose;
use crate::i18n::Lang;
use crate::ids::{BookingId, LinkToken};
use crate::mail::Mail;
use crate::store::{
    NewBooking, NewOutboxMessage, OfficeRecord, Replaceable, SealedPerson, StoreError,
    TokenPurpose, TransitionOutcome,
};

/// The version of the data-protection policy a consent refers to (SPEC §7).
pub const CONSENT_POLICY_VERSION: &str = "2026-11";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingCreated {
    pub id: BookingId,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmOutcome {
    /// Confirmed by this call.
    Confirmed { booking_id: BookingId },
    /// It had been confirmed already: using the link twice is harmless.
    AlreadyConfirmed { booking_id: BookingId },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CancelOutcome {
    Cancelled { booking_id: BookingId },
    AlreadyCancelled { booking_id: BookingId },
}

/// How many unconfirmed bookings the same CNPs may replace in 24 hours (issue 12): enough
/// to correct a mistyped address twice, not enough to hold seats by replacing forever.
pub const REPLACEMENTS_PER_DAY: u32 = 2;

impl BookingService {
    /// Saves a pending booking parsed at the edge (`input.rs`), after the checks that
    /// need the office and the clock; the confirmation e-mail rides in the same
    /// transaction.
    pub async fn create_booking(&self, parsed: &ParsedBooking) -> ServiceResult<BookingCreated> {
        if !parsed.consent {
            return Err(ServiceError::ConsentRequired);
        }
        let (office, slot) = self.bookable_slot(parsed).await?;
        let starts_at = slot.starts_at;
        let now = self.now();
        let lang = parsed.lang;
        let id = BookingId::generate();
        let token = LinkToken::generate();
        let expires_at = now
            + chrono::Duration::seconds(
                i64::try_from(self.config.confirm_timeout_secs).unwrap_or(1800),
            );
        let open: Vec<OpenPerson> = parsed
            .persons
            .iter()
            .map(|p| OpenPerson {
                last_name: p.last_name.as_str().to_owned(),
                first_name: p.first_name.as_str().to_owned(),
                cnp: p.cnp,
            })
            .collect();
        let appointment = AppointmentAt {
            booking_id: id.as_str(),
            office: &office,
            service: parsed.service,
            date: parsed.date,
            time: parsed.time,
            starts_at,
        }
        .build(&open);
        let mail = Mail::ConfirmRequest {
            to: parsed.email.as_str().to_owned(),
            lang,
            confirm_url: links::confirm_url(&self.config, &token),
            expires_at,
            appointment,
        };
        let mut booking = self.seal_booking(
            parsed,
            Pending {
                id: id.clone(),
                lang,
                now,
                expires_at,
                token: &token,
            },
            &mail,
        )?;
        let persons = u16::try_from(parsed.persons.len()).unwrap_or(u16::MAX);
        // A family larger than the slot itself is always seated over consecutive slots
        // (issue 12); one that only finds the slot partly taken tries the slot first (the
        // hot path) and spreads over the next slots when it is short of seats.
        let mut result = if persons > slot.capacity {
            Err(StoreError::SlotFull)
        } else {
            self.store.create_booking(&booking).await
        };
        let spreads = persons > 1 && matches!(result, Err(StoreError::SlotFull));
        if spreads && let Some(overflow) = self.overflow(&office, parsed, starts_at, &[]).await? {
            booking.overflow = overflow;
            result = self.store.create_booking(&booking).await;
        }
        // The same family booking again while its first booking waits for a confirmation
        // that went to a mistyped address (issue 12). A family that spreads may find its
        // own unconfirmed booking in the way of its seats: it is planned as if they were
        // back, as they are once the old booking is replaced (in the same transaction).
        let blocked = matches!(result, Err(StoreError::CnpAlreadyBooked))
            || (spreads && matches!(result, Err(StoreError::SlotFull)));
        if blocked && let Some(old) = self.replaceable(&booking).await? {
            if spreads {
                let returning: Vec<_> = old
                    .seats
                    .iter()
                    .filter(|(office_id, ..)| *office_id == office.id)
                    .map(|(_, date, time, seats)| (*date, *time, *seats))
                    .collect();
                booking.overflow = self
                    .overflow(&office, parsed, starts_at, &returning)
                    .await?
                    .unwrap_or_default();
            }
            result = self.store.create_booking_replacing(&booking, &old.id).await;
            if result.is_ok() {
                tracing::info!(booking = %id, replaced = %old.id, "an unconfirmed booking was replaced");
            }
        }
        self.metrics.booking_outcome(match &result {
            Ok(()) => "created",
            Err(crate::store::StoreError::SlotFull) => "slot_full",
            Err(crate::store::StoreError::CnpAlreadyBooked) => "cnp_already_booked",
            Err(crate::store::StoreError::CnpCoolingOff) => "cnp_cooling_off",
            Err(_) => "error",
        });
        result?;
        self.directory.invalidate_seats(office.id);
        tracing::info!(booking = %id, office = office.id.get(), persons = parsed.persons.len(), "booking created");
        Ok(BookingCreated { id, expires_at })
    }

    /// The family's unconfirmed booking that `booking` may replace: it holds none but the
    /// new booking's CNPs (so nobody can cancel another family's booking with one CNP of
    /// it), it is still pending, and these CNPs replaced fewer than
    /// [`REPLACEMENTS_PER_DAY`] bookings in the last 24 hours (so replacing cannot keep
    /// seats held without ever confirming).
    async fn replaceable(&self, booking: &NewBooking) -> ServiceResult<Option<Replaceable>> {
        let hashes: Vec<Vec<u8>> = booking.persons.iter().map(|p| p.cnp_hash.clone()).collect();
        let since = booking.created_at - chrono::Duration::hours(24);
        let Some(old) = self.store.replaceable_pending(&hashes, since).await? else {
            return Ok(None);
        };
        let same_family = old.cnp_hashes.iter().all(|hash| hashes.contains(hash));
        Ok((same_family && old.replaced_lately < REPLACEMENTS_PER_DAY).then_some(old))
    }

    /// The office and the slot a booking asks for, once the office exists, offers the
    /// service to that many persons, and the slot is real and bookable now.
    async fn bookable_slot(
        &self,
        parsed: &ParsedBooking,
    ) -> ServiceResult<(OfficeRecord, epasapoarte_domain::schedule::Slot)> {
        let office = self
            .directory
            .office(parsed.office_id)
            .await?
            .ok_or_else(|| {
                ServiceError::Validation(FieldErrors::single("office_id", "unknown_office"))
            })?;
        Self::check_office_accepts(&office, parsed.service, parsed.persons.len())
            .map_err(ServiceError::Validation)?;
        let now = self.now();
        let slot = slot_at(&office.schedule, office.timezone, parsed.date, parsed.time)
            .ok_or_else(|| ServiceError::Validation(FieldErrors::single("time", "not_a_slot")))?;
        let window = BookingWindow {
            now,
            horizon_days: office.horizon_days,
        };
        if !window.allows(office.timezone, &slot) {
            let code = if slot.starts_at <= now {
                "in_the_past"
            } else {
                "beyond_horizon"
            };
            return Err(ServiceError::Validation(FieldErrors::single("date", code)));
        }
        Ok((office, slot))
    }

    fn seal_booking(
        &self,
        parsed: &ParsedBooking,
        pending: Pending<'_>,
        mail: &Mail,
    ) -> ServiceResult<NewBooking> {
        let Pending {
            id,
            lang,
            now,
            expires_at,
            token,
        } = pending;
        let c = &self.crypto;
        Ok(NewBooking {
            id,
            office_id: parsed.office_id,
            service: parsed.service,
            date: parsed.date,
            time: parsed.time,
            persons: parsed
                .persons
                .iter()
                .map(|p| SealedPerson {
                    last_name: c.seal_str(p.last_name.as_str()),
                    first_name: c.seal_str(p.first_name.as_str()),
                    cnp: c.seal_str(p.cnp.as_str()),
                    cnp_hash: c.keyed_hash(HashPurpose::Cnp, p.cnp.as_str().as_bytes()),
                })
                .collect(),
            email_hash: c.keyed_hash(HashPurpose::Email, parsed.email.normalized().as_bytes()),
            email: c.seal_str(parsed.email.as_str()),
            phone: parsed
                .phone
                .as_ref()
                .map(|phone| c.seal_str(phone.as_str())),
            consent_policy: CONSENT_POLICY_VERSION.to_owned(),
            lang: lang.as_str().to_owned(),
            created_at: now,
            expires_at,
            confirm_token_hash: token.hash(),
            outbox: self.seal_mail(mail)?,
            // SPEC §8: a CNP marked no-show lately may not book (nor enter a draw).
            refuse_cooling_off: self.config.fair.cooloff.days != 0,
            overflow: Vec::new(),
        })
    }

    /// Seals an e-mail into an outbox message.
    pub(super) fn seal_mail(&self, mail: &Mail) -> ServiceResult<NewOutboxMessage> {
        let json =
            serde_json::to_vec(mail).map_err(|error| ServiceError::Internal(error.into()))?;
        Ok(NewOutboxMessage {
            kind: mail.kind(),
            payload: self.crypto.seal(&json),
        })
    }

    /// J3: the confirmation link. Confirming twice is harmless; an expired booking says so.
    pub async fn confirm_booking(&self, token: &LinkToken) -> ServiceResult<ConfirmOutcome> {
        let record = self.booking_for_token(TokenPurpose::Confirm, token).await?;
        match record.status {
            BookingStatus::Pending => {}
            BookingStatus::Expired => return Err(ServiceError::Expired),
            BookingStatus::Cancelled => return Err(ServiceError::Cancelled),
            _ => {
                return Ok(ConfirmOutcome::AlreadyConfirmed {
                    booking_id: record.id,
                });
            }
        }
        let (appointment, email) = self.stored_appointment(&record).await?;
        let cancel_token = LinkToken::generate();
        let mail = Mail::Confirmed {
            to: email,
            lang: Lang::parse(&record.lang).unwrap_or_default(),
            cancel_url: links::cancel_url(&self.config, &cancel_token),
            appointment,
        };
        let outbox = self.seal_mail(&mail)?;
        let outcome = self
            .store
            .confirm_booking(&record.id, self.now(), &cancel_token.hash(), &outbox)
            .await?;
        self.directory.invalidate_seats(record.office_id);
        match outcome {
            TransitionOutcome::Done => {
                // The family left the waitlist in the same transaction (SPEC §8).
                self.metrics.booking_outcome("confirmed");
                tracing::info!(booking = %record.id, "booking confirmed");
                Ok(ConfirmOutcome::Confirmed {
                    booking_id: record.id,
                })
            }
            TransitionOutcome::Unchanged(BookingStatus::Expired) => Err(ServiceError::Expired),
            TransitionOutcome::Unchanged(BookingStatus::Cancelled) => Err(ServiceError::Cancelled),
            TransitionOutcome::Unchanged(_) => Ok(ConfirmOutcome::AlreadyConfirmed {
                booking_id: record.id,
            }),
        }
    }

    /// J4: the cancel link (after the citizen confirmed on the page). Seats return at once.
    pub async fn cancel_booking(&self, token: &LinkToken) -> ServiceResult<CancelOutcome> {
        let record = self.booking_for_token(TokenPurpose::Cancel, token).await?;
        match record.status {
            // Once the appointment's time has come, the link has done its job.
            BookingStatus::Pending | BookingStatus::Confirmed if record.starts_at <= self.now() => {
                return Err(ServiceError::Expired);
            }
            BookingStatus::Pending | BookingStatus::Confirmed => {}
            BookingStatus::Cancelled => {
                return Ok(CancelOutcome::AlreadyCancelled {
                    booking_id: record.id,
                });
            }
            BookingStatus::Expired => return Err(ServiceError::Expired),
            // Checked in, completed or no-show: the appointment has happened.
            _ => return Err(ServiceError::NotFound),
        }
        let (appointment, email) = self.stored_appointment(&record).await?;
        let mail = Mail::Cancelled {
            to: email,
            lang: Lang::parse(&record.lang).unwrap_or_default(),
            reason: CancelReason::Citizen.as_str().to_owned(),
            note: None,
            appointment,
        };
        let outbox = self.seal_mail(&mail)?;
        let outcome = self
            .store
            .cancel_booking(
                &record.id,
                self.now(),
                CancelReason::Citizen.as_str(),
                &outbox,
            )
            .await?;
        self.directory.invalidate_seats(record.office_id);
        match outcome {
            TransitionOutcome::Done => {
                self.metrics.booking_outcome("cancelled");
                tracing::info!(booking = %record.id, "booking cancelled");
                Ok(CancelOutcome::Cancelled {
                    booking_id: record.id,
                })
            }
            TransitionOutcome::Unchanged(BookingStatus::Cancelled) => {
                Ok(CancelOutcome::AlreadyCancelled {
                    booking_id: record.id,
                })
            }
            TransitionOutcome::Unchanged(BookingStatus::Expired) => Err(ServiceError::Expired),
            TransitionOutcome::Unchanged(_) => Err(ServiceError::NotFound),
        }
    }

    /// The booking a link token points to (for the confirm and cancel pages too).
    pub async fn booking_for_token(
        &self,
        purpose: TokenPurpose,
        token: &LinkToken,
    ) -> ServiceResult<crate::store::BookingRecord> {
        self.store
            .booking_by_token(purpose, &token.hash())
            .await?
            .ok_or(ServiceError::NotFound)
    }
}

/// What a new booking gets besides the citizen's input.
struct Pending<'a> {
    id: BookingId,
    lang: Lang,
    now: chrono::DateTime<chrono::Utc>,
    expires_at: chrono::DateTime<chrono::Utc>,
    token: &'a LinkToken,
}
