//! The reminder e-mail two days before an appointment (issue 12 item 10,
//! `EPAS_REMINDER_BEFORE_SECS`, default 172800, 0 = none): what to bring, the fees and a
//! fresh cancel link, so a family that cannot come frees the seats in time. Only for
//! bookings confirmed earlier than that — one made for tomorrow needs no reminder.

use chrono::TimeDelta;

use super::{BookingService, ServiceResult, links};
use crate::i18n::Lang;
use crate::ids::LinkToken;
use crate::mail::Mail;
use crate::store::TokenPurpose;

/// The most reminders one step of the job queues.
pub const REMINDER_BATCH: u32 = 200;

impl BookingService {
    /// Queues the reminders that are due; returns how many this call queued.
    pub async fn send_reminders(&self) -> ServiceResult<u64> {
        let secs = i64::try_from(self.config.reminder_before_secs).unwrap_or(i64::MAX);
        if secs == 0 {
            return Ok(0);
        }
        let before = TimeDelta::try_seconds(secs).unwrap_or(TimeDelta::MAX);
        let now = self.now();
        let due = self
            .store
            .reminders_due(now, before, REMINDER_BATCH)
            .await?;
        let mut sent = 0;
        for id in due {
            let Some(record) = self.store.booking(&id).await? else {
                continue;
            };
            let (appointment, email) = self.stored_appointment(&record).await?;
            let token = LinkToken::generate();
            let mail = Mail::Reminder {
                to: email,
                lang: Lang::parse(&record.lang).unwrap_or_default(),
                cancel_url: links::cancel_url(&self.config, &token),
                appointment,
            };
            let outbox = self.seal_mail(&mail)?;
            if self
                .store
                .queue_reminder(&id, now, (TokenPurpose::Cancel, &token.hash()), &outbox)
                .await?
            {
                sent += 1;
            }
        }
        if sent > 0 {
            tracing::info!(sent, "appointment reminders queued");
        }
        Ok(sent)
    }
}
