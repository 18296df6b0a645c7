//! Moving an application along its lifecycle (SPEC §3), for clerks and for the production
//! centre's API alike: the domain decides which moves are legal, the store makes each
//! move compare-and-set, and `ready` / `shipped` queue the citizen's e-mail in the same
//! transaction. Asking for the status an application already has is a harmless repeat
//! (an API client retrying after a lost answer), not an error.

use epasapoarte_domain::application::{
    ApplicationNumber, ApplicationStatus, Delivery, transition_for,
};

use super::input::{self, REASON_MAX};
use crate::i18n::Lang;
use crate::ids::OfficeId;
use crate::mail::Mail;
use crate::service::audit::{Actor, AuditEvent};
use crate::service::{BookingService, FieldErrors, ServiceError, ServiceResult};
use crate::store::{ApplicationRecord, MoveOutcome, StatusChange};
use serde_json::json;

/// The outcome of a status request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusMoved {
    pub number: ApplicationNumber,
    /// The submitting office (for the audit entry the caller writes).
    pub office_id: OfficeId,
    /// The status before; equal to `status` when nothing changed.
    pub from: ApplicationStatus,
    pub status: ApplicationStatus,
    /// `false` when the application already had that status (nothing was done).
    pub changed: bool,
}

/// A racing move can make us read a stale status; re-reading a few times settles it.
const ATTEMPTS: usize = 3;

impl BookingService {
    /// Moves application `number` to `to`, as `actor` (staff or an API token); the move and
    /// its audit line commit together.
    /// `reason` is required for `rejected` and kept in the history for any move.
    pub async fn move_application_status(
        &self,
        number: &ApplicationNumber,
        to: ApplicationStatus,
        reason: Option<&str>,
        actor: &Actor,
    ) -> ServiceResult<StatusMoved> {
        let reason =
            match reason.filter(|r| !r.trim().is_empty()) {
                Some(text) => Some(input::reason(text, REASON_MAX).map_err(|code| {
                    ServiceError::Validation(FieldErrors::single("reason", code))
                })?),
                None => None,
            };
        if to.requires_reason() && reason.is_none() {
            return Err(ServiceError::Validation(FieldErrors::single(
                "reason", "required",
            )));
        }
        for _ in 0..ATTEMPTS {
            let record = self
                .store
                .application_by_number(number)
                .await?
                .ok_or(ServiceError::NotFound)?;
            if record.status == to {
                return Ok(StatusMoved {
                    number: *number,
                    office_id: record.office_id,
                    from: to,
                    status: to,
                    changed: false,
                });
            }
            // The courier and the passport type decide too (issue 12): a courier
            // passport is never `ready` for pickup, a temporary one never `shipped`.
            let delivery = Delivery::of(record.passport_type, record.courier.is_some());
            transition_for(record.status, to, delivery)?;
            // The expiry reminder the holder asked for is scheduled when the passport is
            // issued, and the e-mail saying so carries its unsubscribe link (issue 12).
            let (expiry_reminder, notice) = match self.schedule_expiry_reminder(&record, to)? {
                Some((reminder, notice)) => (Some(reminder), Some(notice)),
                None => (None, None),
            };
            let outbox = match self.citizen_mail(&record, to, notice).await? {
                Some(mail) => Some(self.seal_mail(&mail).map_err(anyhow_of)?),
                None => None,
            };
            let change = StatusChange {
                number: *number,
                from: record.status,
                to,
                reason: reason.clone(),
                actor: actor.label(),
                now: self.now(),
                outbox,
                expiry_reminder,
            };
            let audit = AuditEvent::new(actor.clone(), "application.status_changed")
                .office(Some(record.office_id))
                .target(number.to_string())
                .after(json!({ "reason": change.reason }))
                .status_change(record.status.as_str(), to.as_str())
                .entry(change.now);
            let moved = self.store.move_application(&change, Some(&audit)).await?;
            if moved == MoveOutcome::Moved {
                tracing::info!(application = %number, from = %record.status, to = %to, "application moved");
                return Ok(StatusMoved {
                    number: *number,
                    office_id: record.office_id,
                    from: record.status,
                    status: to,
                    changed: true,
                });
            }
        }
        Err(ServiceError::Internal(anyhow::anyhow!(
            "application {number} kept changing under a status move"
        )))
    }

    /// The e-mail a move to `to` sends, if it sends one and the citizen left an address.
    async fn citizen_mail(
        &self,
        record: &ApplicationRecord,
        to: ApplicationStatus,
        reminder: Option<crate::mail::ExpiryNotice>,
    ) -> ServiceResult<Option<Mail>> {
        let Some(sealed) = record.email.as_deref().filter(|e| !e.is_empty()) else {
            return Ok(None);
        };
        if !to.notifies_citizen() {
            return Ok(None);
        }
        let address = self
            .crypto
            .open_string(sealed)
            .map_err(|error| anyhow::anyhow!("opening an application's e-mail: {error}"))?;
        let lang = Lang::parse(&record.lang).unwrap_or_default();
        let number = record.number.to_string();
        Ok(Some(match to {
            ApplicationStatus::Shipped => Mail::ApplicationShipped {
                to: address,
                lang,
                number,
                reminder,
            },
            _ => Mail::ApplicationReady {
                to: address,
                lang,
                number,
                pickup: self.pickup_text(&record.pickup).await?,
                reminder,
            },
        }))
    }
}

fn anyhow_of(error: crate::service::ServiceError) -> ServiceError {
    match error {
        crate::service::ServiceError::Internal(error) => ServiceError::Internal(error),
        other => ServiceError::Internal(anyhow::anyhow!("{other}")),
    }
}
