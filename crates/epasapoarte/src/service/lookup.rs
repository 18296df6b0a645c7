//! J5 "Verifică programare": e-mail the active appointments held for an address, each with
//! its true status, a fresh cancel link and, while it waits for its confirmation, a fresh
//! confirm link. The caller answers the same way whatever happens here, so nobody
//! learns whether an address is known (run it in the background: timing tells nothing).

use epasapoarte_domain::booking::BookingStatus;

use super::input::Email;
use super::{BookingService, FieldErrors, ServiceError, ServiceResult, links};
use crate::crypto::HashPurpose;
use crate::i18n::Lang;
use crate::ids::LinkToken;
use crate::mail::{LookupItem, Mail, PendingConfirm};
use crate::store::TokenPurpose;

impl BookingService {
    /// Parses the address (the only answer that can differ: a malformed address).
    pub fn parse_lookup_email(text: &str) -> ServiceResult<Email> {
        Email::parse(text)
            .map_err(|code| ServiceError::Validation(FieldErrors::single("email", code)))
    }

    /// Finds the address's active bookings and queues one e-mail listing them. Sends
    /// nothing when there are none.
    pub async fn send_lookup(&self, email: &Email, lang: Lang) -> ServiceResult<usize> {
        let hash = self
            .crypto
            .keyed_hash(HashPurpose::Email, email.normalized().as_bytes());
        let now = self.now();
        let mut records = self.store.active_bookings_by_email(&hash).await?;
        // One whose confirmation time is over has lapsed, whether or not the expiry job
        // has been round yet.
        records.retain(|r| r.status != BookingStatus::Pending || r.expires_at > now);
        if records.is_empty() {
            return Ok(0);
        }
        let mut tokens = Vec::with_capacity(records.len());
        let mut appointments = Vec::with_capacity(records.len());
        for record in &records {
            let cancel = LinkToken::generate();
            let (appointment, _) = self.stored_appointment(record).await?;
            tokens.push((record.id.clone(), TokenPurpose::Cancel, cancel.hash()));
            // A booking still waiting for its confirmation says so, with a fresh confirm
            // link (issue 12): listed as if active, it would lapse unnoticed.
            let confirm = if record.status == BookingStatus::Pending {
                let token = LinkToken::generate();
                tokens.push((record.id.clone(), TokenPurpose::Confirm, token.hash()));
                Some(PendingConfirm {
                    url: links::confirm_url(&self.config, &token),
                    expires_at: record.expires_at,
                })
            } else {
                None
            };
            appointments.push(LookupItem {
                appointment,
                cancel_url: links::cancel_url(&self.config, &cancel),
                confirm,
            });
        }
        let mail = Mail::Lookup {
            to: email.as_str().to_owned(),
            lang,
            appointments,
        };
        let outbox = self.seal_mail(&mail)?;
        self.store
            .add_tokens_with_message(&tokens, now, &outbox)
            .await?;
        Ok(records.len())
    }
}
