//! J5 "Verifică programare": e-mail the active appointments held for an address, each with
//! a fresh cancel link. The caller answers the same way whatever happens here, so nobody
//! learns whether an address is known (run it in the background: timing tells nothing).

use super::input::Email;
use super::{BookingService, FieldErrors, ServiceError, ServiceResult, links};
use crate::crypto::HashPurpose;
use crate::i18n::Lang;
use crate::ids::LinkToken;
use crate::mail::Mail;
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
        let records = self.store.active_bookings_by_email(&hash).await?;
        if records.is_empty() {
            return Ok(0);
        }
        let mut tokens = Vec::with_capacity(records.len());
        let mut appointments = Vec::with_capacity(records.len());
        for record in &records {
            let token = LinkToken::generate();
            let (appointment, _) = self.stored_appointment(record).await?;
            appointments.push((appointment, links::cancel_url(&self.config, &token)));
            tokens.push((record.id.clone(), TokenPurpose::Cancel, token.hash()));
        }
        let mail = Mail::Lookup {
            to: email.as_str().to_owned(),
            lang,
            appointments,
        };
        let outbox = self.seal_mail(&mail)?;
        self.store
            .add_tokens_with_message(&tokens, self.now(), &outbox)
            .await?;
        Ok(records.len())
    }
}
