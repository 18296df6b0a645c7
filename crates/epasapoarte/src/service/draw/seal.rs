//! A draw entry sealed for storage: its e-mail, phone and persons encrypted, its CNPs
//! and e-mail keyed-hashed.

use chrono::{DateTime, Utc};

use super::ParsedEntry;
use crate::crypto::HashPurpose;
use crate::ids::LinkToken;
use crate::mail::Mail;
use crate::service::booking::CONSENT_POLICY_VERSION;
use crate::service::input::{Person, Phone};
use crate::service::{BookingService, ServiceResult};
use crate::store::{DrawRow, NewDrawEntry, SealedPerson};

impl BookingService {
    pub(super) fn seal_entry(
        &self,
        parsed: &ParsedEntry,
        id: &str,
        draw: &DrawRow,
        (now, expires_at): (DateTime<Utc>, DateTime<Utc>),
        token: &LinkToken,
        mail: &Mail,
    ) -> ServiceResult<NewDrawEntry> {
        let c = &self.crypto;
        Ok(NewDrawEntry {
            id: id.to_owned(),
            draw_date: draw.draw_date,
            service: parsed.service.as_str().to_owned(),
            offices: parsed.offices.clone(),
            part_of_day: parsed.part_of_day.as_str().to_owned(),
            wants_waitlist: parsed.wants_waitlist,
            persons: self.seal_persons(&parsed.persons),
            email_hash: c.keyed_hash(HashPurpose::Email, parsed.email.normalized().as_bytes()),
            email: c.seal_str(parsed.email.as_str()),
            phone: parsed
                .phone
                .as_ref()
                .map(|p: &Phone| c.seal_str(p.as_str())),
            consent_policy: CONSENT_POLICY_VERSION.to_owned(),
            lang: parsed.lang.as_str().to_owned(),
            created_at: now,
            expires_at,
            confirm_token_hash: token.hash(),
            outbox: self.seal_mail(mail)?,
        })
    }

    pub(in crate::service) fn seal_persons(&self, persons: &[Person]) -> Vec<SealedPerson> {
        let c = &self.crypto;
        persons
            .iter()
            .map(|p| SealedPerson {
                last_name: c.seal_str(p.last_name.as_str()),
                first_name: c.seal_str(p.first_name.as_str()),
                cnp: c.seal_str(p.cnp.as_str()),
                cnp_hash: self.cnp_hash(p),
            })
            .collect()
    }

    pub(in crate::service) fn cnp_hash(&self, person: &Person) -> Vec<u8> {
        self.crypto
            .keyed_hash(HashPurpose::Cnp, person.cnp.as_str().as_bytes())
    }
}
