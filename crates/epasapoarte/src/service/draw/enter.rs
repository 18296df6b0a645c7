//! Entering a family in the open draw; the confirm e-mail rides in the same transaction.

use super::{EntryCreated, ParsedEntry};
use crate::ids::{BookingId, LinkToken};
use crate::mail::Mail;
use crate::service::{BookingService, FieldErrors, ServiceError, ServiceResult, links};
use crate::store::EntryRefusal;

impl BookingService {
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
}
