//! The staff side of bookings (SPEC §3 "Agenda", office re-planning): read a booking or an
//! office's bookings, and move one — check-in, no-show, completion, or a cancellation
//! with one of the official reasons, which e-mails the citizen in the same transaction.
//! The domain lifecycle decides which moves exist; the store makes each one a
//! compare-and-set, so a clerk and a citizen acting at once have exactly one winner.
//! Who may do this for which office is the back office's gate, not this layer's.

use chrono::{DateTime, Utc};
use epasapoarte_domain::booking::{
    BookingEvent, BookingStatus, CancelReason, EXPLANATION_MAX_CHARS, step,
};

use super::{BookingService, FieldErrors, ServiceError, ServiceResult};
use crate::i18n::Lang;
use crate::ids::{BookingId, OfficeId};
use crate::mail::Mail;
use crate::store::{BookingMove, BookingRecord, TransitionOutcome};

/// What a staff move found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffMoveOutcome {
    /// This call moved the booking; it was in `from`.
    Moved {
        from: BookingStatus,
        to: BookingStatus,
    },
    /// The lifecycle does not allow the move from the booking's current status (including
    /// a race lost to another move); nothing changed.
    NotAllowed { status: BookingStatus },
}

/// Why staff cancel a booking: one of the staff reasons, and the explanation in words
/// the citizen receives with it (required where the reason says nothing by itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffCancellation {
    pub reason: CancelReason,
    pub explanation: Option<String>,
}

impl StaffCancellation {
    pub fn new(reason: CancelReason) -> Self {
        StaffCancellation {
            reason,
            explanation: None,
        }
    }

    /// The explanation as typed: trimmed, control characters dropped, empty = none.
    pub fn explained(mut self, text: &str) -> Self {
        let clean: String = text.chars().filter(|c| !c.is_control()).collect();
        let clean = clean.trim();
        self.explanation = (!clean.is_empty()).then(|| clean.to_owned());
        self
    }

    /// The rules: a staff reason; an explanation where the reason needs one, and never
    /// longer than [`EXPLANATION_MAX_CHARS`]. Field errors name the form field
    /// `explicatie` (codes `field.explanation_*`).
    fn check(&self) -> ServiceResult<()> {
        if !CancelReason::STAFF.contains(&self.reason) {
            return Err(ServiceError::Internal(anyhow::anyhow!(
                "a staff cancellation needs a staff reason"
            )));
        }
        match &self.explanation {
            None if self.reason.needs_explanation() => Err(ServiceError::Validation(
                FieldErrors::single("explicatie", "explanation_required"),
            )),
            Some(text) if text.chars().count() > EXPLANATION_MAX_CHARS => Err(
                ServiceError::Validation(FieldErrors::single("explicatie", "explanation_too_long")),
            ),
            _ => Ok(()),
        }
    }
}

impl BookingService {
    /// A booking by id, personal data still sealed (`None` when unknown).
    pub async fn staff_booking(&self, id: &BookingId) -> ServiceResult<Option<BookingRecord>> {
        Ok(self.store.booking(id).await?)
    }

    /// The office's bookings starting in `[from, to)`, every status, by time.
    pub async fn office_bookings(
        &self,
        office_id: OfficeId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> ServiceResult<Vec<BookingRecord>> {
        Ok(self.store.office_bookings(office_id, from, to).await?)
    }

    /// Moves a booking by a staff action. `cancellation` is required for `Cancel` and
    /// ignored otherwise; a cancellation e-mails the citizen its reason (and explanation).
    pub async fn move_booking_by_staff(
        &self,
        booking_id: &BookingId,
        event: BookingEvent,
        cancellation: Option<StaffCancellation>,
        audit: super::audit::AuditEvent,
    ) -> ServiceResult<StaffMoveOutcome> {
        let record = self
            .store
            .booking(booking_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let Ok(transition) = step(record.status, event) else {
            return Ok(StaffMoveOutcome::NotAllowed {
                status: record.status,
            });
        };
        let (reason, outbox) = if event == BookingEvent::Cancel {
            let cancellation = cancellation.ok_or_else(|| {
                ServiceError::Internal(anyhow::anyhow!("a staff cancellation needs a reason"))
            })?;
            cancellation.check()?;
            let (appointment, email) = self.stored_appointment(&record).await?;
            let mail = Mail::Cancelled {
                to: email,
                lang: Lang::parse(&record.lang).unwrap_or_default(),
                reason: cancellation.reason.as_str().to_owned(),
                note: cancellation.explanation,
                appointment,
            };
            (
                Some(cancellation.reason.as_str().to_owned()),
                Some(self.seal_mail(&mail)?),
            )
        } else {
            (None, None)
        };
        let change = BookingMove {
            booking_id: record.id.clone(),
            from: transition.from,
            to: transition.to,
            now: self.now(),
            reason,
            outbox,
        };
        // The move and its audit line (with the statuses) commit together.
        let audit = audit
            .status_change(transition.from.as_str(), transition.to.as_str())
            .entry(change.now);
        let outcome = if event == BookingEvent::MarkNoShow {
            self.mark_no_show(&record, change, &audit).await?
        } else {
            self.store.move_booking(&change, Some(&audit)).await?
        };
        if transition.releases_seats() {
            self.directory.invalidate_seats(record.office_id);
        }
        Ok(match outcome {
            TransitionOutcome::Done => {
                tracing::info!(booking = %record.id, from = %transition.from, to = %transition.to, "booking moved by staff");
                StaffMoveOutcome::Moved {
                    from: transition.from,
                    to: transition.to,
                }
            }
            TransitionOutcome::Unchanged(status) => StaffMoveOutcome::NotAllowed { status },
        })
    }
}
