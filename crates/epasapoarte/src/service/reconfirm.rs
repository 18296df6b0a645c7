//! SPEC §8 "Reconfirmation": a booking confirmed more than `EPAS_RECONFIRM_BEFORE_SECS`
//! ahead is asked, that long before the appointment, to reconfirm within
//! `EPAS_RECONFIRM_WINDOW_SECS` (one click); without an answer it is cancelled and its
//! seats go back like any cancellation's (to a waiting family first). A seat booked and
//! forgotten, or booked to be sold, does not stay blocked until the day.

use epasapoarte_domain::booking::{BookingStatus, CancelReason};

use super::{BookingService, ServiceError, ServiceResult, links};
use crate::i18n::Lang;
use crate::ids::{BookingId, LinkToken};
use crate::mail::Mail;
use crate::store::{TokenPurpose, TransitionOutcome};

/// The most bookings one step of the job asks or cancels.
pub const RECONFIRM_BATCH: u32 = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReconfirmOutcome {
    Reconfirmed {
        booking_id: BookingId,
    },
    /// Using the link twice is harmless.
    AlreadyReconfirmed {
        booking_id: BookingId,
    },
}

impl BookingService {
    /// Sends the requests that are due; returns how many this call sent.
    pub async fn ask_reconfirmations(&self) -> ServiceResult<u64> {
        let policy = self.config.fair.reconfirm;
        if !policy.is_on() {
            return Ok(0);
        }
        let now = self.now();
        let due = self
            .store
            .reconfirm_requests_due(now, policy.before, RECONFIRM_BATCH)
            .await?;
        let mut asked = 0;
        for id in due {
            let Some(record) = self.store.booking(&id).await? else {
                continue;
            };
            let (appointment, email) = self.stored_appointment(&record).await?;
            let token = LinkToken::generate();
            let by = policy.deadline(now, record.starts_at);
            let mail = Mail::ReconfirmRequest {
                to: email,
                lang: Lang::parse(&record.lang).unwrap_or_default(),
                reconfirm_url: links::reconfirm_url(&self.config, &token),
                reconfirm_by: by,
                appointment,
            };
            let outbox = self.seal_mail(&mail)?;
            if self
                .store
                .ask_reconfirmation(&id, now, by, &token.hash(), &outbox)
                .await?
            {
                asked += 1;
            }
        }
        if asked > 0 {
            tracing::info!(asked, "reconfirmation requested");
        }
        Ok(asked)
    }

    /// Cancels the bookings whose reconfirmation lapsed; returns how many this call did.
    pub async fn cancel_unreconfirmed(&self) -> ServiceResult<u64> {
        let now = self.now();
        let lapsed = self
            .store
            .reconfirmations_lapsed(now, RECONFIRM_BATCH)
            .await?;
        let mut cancelled = 0;
        for id in lapsed {
            let Some(record) = self.store.booking(&id).await? else {
                continue;
            };
            let (appointment, email) = self.stored_appointment(&record).await?;
            let mail = Mail::Cancelled {
                to: email,
                lang: Lang::parse(&record.lang).unwrap_or_default(),
                reason: CancelReason::NotReconfirmed.as_str().to_owned(),
                note: None,
                appointment,
            };
            let outbox = self.seal_mail(&mail)?;
            if self.store.cancel_not_reconfirmed(&id, now, &outbox).await? {
                self.directory.invalidate_seats(record.office_id);
                self.metrics.booking_outcome("not_reconfirmed");
                cancelled += 1;
            }
        }
        if cancelled > 0 {
            tracing::info!(cancelled, "bookings not reconfirmed in time cancelled");
        }
        Ok(cancelled)
    }

    /// The link of the request (after the citizen pressed the button, or the API).
    /// A deadline passed is `Expired` even before the job has cancelled the booking.
    pub async fn reconfirm_booking(&self, token: &LinkToken) -> ServiceResult<ReconfirmOutcome> {
        let record = self
            .booking_for_token(TokenPurpose::Reconfirm, token)
            .await?;
        let booking_id = record.id.clone();
        match self.store.reconfirm_booking(&record.id, self.now()).await? {
            TransitionOutcome::Done => {
                self.metrics.booking_outcome("reconfirmed");
                tracing::info!(booking = %booking_id, "booking reconfirmed");
                Ok(ReconfirmOutcome::Reconfirmed { booking_id })
            }
            TransitionOutcome::Unchanged(BookingStatus::Confirmed) => {
                let state = self.store.reconfirm_state(&record.id).await?;
                if state.reconfirmed_at.is_some() {
                    Ok(ReconfirmOutcome::AlreadyReconfirmed { booking_id })
                } else {
                    Err(ServiceError::Expired)
                }
            }
            TransitionOutcome::Unchanged(BookingStatus::Cancelled) => Err(ServiceError::Cancelled),
            TransitionOutcome::Unchanged(BookingStatus::Expired) => Err(ServiceError::Expired),
            // Checked in, completed or no-show: the appointment has happened.
            TransitionOutcome::Unchanged(_) => Err(ServiceError::NotFound),
        }
    }
}
