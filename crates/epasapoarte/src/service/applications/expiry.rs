//! The passport-expiry reminder (issue 12 point 10): asked for at registration, scheduled
//! when the passport is issued (`ready`, or `shipped` by courier) from its validity
//! (SPEC §5.4: by type and the holder's age on the issue day), sent by the reminders job
//! 6 months before the expiry, and cancelled by the link every e-mail about it carries.

use epasapoarte_domain::application::ApplicationStatus;
use epasapoarte_domain::cnp::Cnp;
use epasapoarte_domain::passport::{expiry_reminder_on, validity};

use crate::i18n::Lang;
use crate::ids::{LinkToken, TokenHash};
use crate::mail::{ExpiryNotice, Mail};
use crate::service::{BookingService, ServiceResult, links};
use crate::store::{ApplicationRecord, ExpiryReminderState, NewExpiryReminder};

/// The most reminders one step of the job queues.
pub const EXPIRY_REMINDER_BATCH: u32 = 200;

/// What an unsubscribe link found and did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsubscribe {
    /// No such link.
    Unknown,
    /// The reminder as it is now.
    Found(ExpiryReminderState),
}

impl BookingService {
    /// The reminder a move to `to` schedules, with the notice its e-mail carries: only
    /// when `to` issues the passport, the holder asked, and an address is there.
    pub(super) fn schedule_expiry_reminder(
        &self,
        record: &ApplicationRecord,
        to: ApplicationStatus,
    ) -> ServiceResult<Option<(NewExpiryReminder, ExpiryNotice)>> {
        let issues = matches!(to, ApplicationStatus::Ready | ApplicationStatus::Shipped);
        let email = record.email.as_ref().filter(|e| !e.is_empty());
        let (true, true, Some(email)) = (issues, record.expiry_reminder && !record.purged, email)
        else {
            return Ok(None);
        };
        let issued = self.today_in_romania();
        let cnp = self
            .crypto
            .open_string(&record.cnp)
            .map_err(|error| anyhow::anyhow!("opening an application's CNP: {error}"))?;
        // Registered CNPs were valid; a birth date in the future cannot be, so `issued`
        // as "today" only serves the parser's check.
        let cnp = Cnp::parse(&cnp, issued)
            .map_err(|error| anyhow::anyhow!("a registered CNP no longer parses: {error}"))?;
        let expires_on = validity(record.passport_type, cnp.age_on(issued)).expires_on(issued);
        let remind_on = expiry_reminder_on(expires_on);
        let token = LinkToken::generate();
        let reminder = NewExpiryReminder {
            email: email.clone(),
            lang: record.lang.clone(),
            expires_on,
            remind_on,
            unsubscribe_hash: token.hash(),
        };
        let notice = ExpiryNotice {
            expires_on,
            remind_on,
            unsubscribe_url: links::expiry_unsubscribe_url(&self.config, &token),
        };
        Ok(Some((reminder, notice)))
    }

    /// Queues the reminders due today (Romanian date); returns how many this call queued.
    pub async fn send_expiry_reminders(&self) -> ServiceResult<u64> {
        let now = self.now();
        let due = self
            .store
            .expiry_reminders_due(self.today_in_romania(), EXPIRY_REMINDER_BATCH)
            .await?;
        let mut sent = 0;
        for reminder in due {
            let to = self
                .crypto
                .open_string(&reminder.email)
                .map_err(|error| anyhow::anyhow!("opening a reminder's e-mail: {error}"))?;
            let token = LinkToken::generate();
            let mail = Mail::PassportExpiring {
                to,
                lang: Lang::parse(&reminder.lang).unwrap_or_default(),
                expires_on: reminder.expires_on,
                unsubscribe_url: links::expiry_unsubscribe_url(&self.config, &token),
            };
            let outbox = self.seal_mail(&mail)?;
            if self
                .store
                .queue_expiry_reminder(reminder.application_id, now, &token.hash(), &outbox)
                .await?
            {
                sent += 1;
            }
        }
        if sent > 0 {
            tracing::info!(sent, "passport-expiry reminders queued");
        }
        Ok(sent)
    }

    /// What an unsubscribe link shows (a GET changes nothing: mail scanners follow links).
    pub async fn expiry_reminder(&self, token: &LinkToken) -> ServiceResult<Unsubscribe> {
        let hash: TokenHash = token.hash();
        Ok(match self.store.expiry_reminder_by_token(&hash).await? {
            Some(state) => Unsubscribe::Found(state),
            None => Unsubscribe::Unknown,
        })
    }

    /// Cancels the reminder (and forgets the address); harmless when repeated.
    pub async fn unsubscribe_expiry_reminder(
        &self,
        token: &LinkToken,
    ) -> ServiceResult<Unsubscribe> {
        let hash = token.hash();
        if !self
            .store
            .unsubscribe_expiry_reminder(&hash, self.now())
            .await?
        {
            return Ok(Unsubscribe::Unknown);
        }
        self.expiry_reminder(token).await
    }
}
