//! SPEC §8, the waitlist with personal holds and the random delayed release: a family
//! joins (confirmed by e-mail like a booking), freed seats are held for the
//! longest-waiting matching family (domain `fair::hold`), the e-mailed link takes them in
//! one click, and seats nobody wants return to the public after their random delay.
//!
//! - `input`: the request and its parsing;
//! - `take`: a hold's page and its one-click take;
//! - `offer`: the job step that lapses, offers and releases.

use anyhow::Context;
use chrono::TimeDelta;

use super::booking::CONSENT_POLICY_VERSION;
use super::{BookingService, FieldErrors, ServiceError, ServiceResult};
use crate::crypto::HashPurpose;
use crate::i18n::Lang;
use crate::ids::{BookingId, LinkToken};
use crate::mail::{Mail, WaitlistWish};
use crate::store::{NewWaitlistEntry, SealedPerson, WaitlistTransition};

mod input;
mod offer;
mod take;

pub use input::{ParsedWaitlist, WaitlistFields, WaitlistRequest};
pub use offer::HoldsReport;
pub use take::HoldView;

/// The most offices one entry may name.
pub const MAX_OFFICES: usize = 3;
/// The longest date range one entry may ask for.
pub const MAX_RANGE_DAYS: i64 = 90;
/// The most freed-seat rows one release step gives back (a full batch runs another).
pub const RELEASE_BATCH: u32 = 500;

pub fn waitlist_confirm_url(config: &crate::config::Config, token: &LinkToken) -> String {
    format!(
        "{}/lista-asteptare/confirma/{}",
        config.base_url,
        token.expose()
    )
}

pub fn hold_take_url(config: &crate::config::Config, token: &LinkToken) -> String {
    format!(
        "{}/lista-asteptare/preia/{}",
        config.base_url,
        token.expose()
    )
}

impl BookingService {
    /// Joins the waitlist: a pending entry and its confirmation e-mail, in one transaction.
    pub async fn join_waitlist(&self, parsed: &ParsedWaitlist) -> ServiceResult<String> {
        let booking = &parsed.booking;
        if !booking.consent {
            return Err(ServiceError::ConsentRequired);
        }
        let mut office_names = Vec::new();
        for id in &parsed.offices {
            let office = self.directory.office(*id).await?.ok_or_else(|| {
                ServiceError::Validation(FieldErrors::single("office_ids", "unknown_office"))
            })?;
            Self::check_office_accepts(&office, booking.service, booking.persons.len())
                .map_err(ServiceError::Validation)?;
            office_names.push(office.name.clone());
        }
        let now = self.now();
        let id = BookingId::generate().0;
        let token = LinkToken::generate();
        let expires_at = now
            + TimeDelta::seconds(i64::try_from(self.config.confirm_timeout_secs).unwrap_or(1800));
        let persons = u16::try_from(booking.persons.len()).unwrap_or(u16::MAX);
        let mail = Mail::WaitlistConfirmRequest {
            to: booking.email.as_str().to_owned(),
            lang: booking.lang,
            confirm_url: waitlist_confirm_url(&self.config, &token),
            expires_at,
            wish: WaitlistWish {
                offices: office_names,
                date_from: parsed.date_from,
                date_to: parsed.date_to,
                persons,
            },
        };
        let c = &self.crypto;
        let entry = NewWaitlistEntry {
            id: id.clone(),
            service: booking.service,
            offices: parsed.offices.clone(),
            date_from: parsed.date_from,
            date_to: parsed.date_to,
            persons: booking
                .persons
                .iter()
                .map(|p| SealedPerson {
                    last_name: c.seal_str(p.last_name.as_str()),
                    first_name: c.seal_str(p.first_name.as_str()),
                    cnp: c.seal_str(p.cnp.as_str()),
                    cnp_hash: c.keyed_hash(HashPurpose::Cnp, p.cnp.as_str().as_bytes()),
                })
                .collect(),
            email_hash: c.keyed_hash(HashPurpose::Email, booking.email.normalized().as_bytes()),
            email: c.seal_str(booking.email.as_str()),
            phone: booking.phone.as_ref().map(|p| c.seal_str(p.as_str())),
            consent_policy: CONSENT_POLICY_VERSION.to_owned(),
            lang: booking.lang.as_str().to_owned(),
            created_at: now,
            expires_at,
            confirm_token_hash: token.hash(),
            outbox: self.seal_mail(&mail)?,
        };
        self.store.join_waitlist(&entry).await?;
        tracing::info!(waitlist = %id, persons, "waitlist entry created");
        Ok(id)
    }

    /// The confirmation link: pending → waiting (twice is harmless); too late → expired.
    /// Returns the entry's id and status.
    pub async fn confirm_waitlist(&self, token: &LinkToken) -> ServiceResult<(String, String)> {
        let entry = self
            .store
            .waitlist_by_token(&token.hash())
            .await?
            .ok_or(ServiceError::NotFound)?;
        match entry.status.as_str() {
            "pending" => {}
            "lapsed" => return Err(ServiceError::Expired),
            other => return Ok((entry.id.clone(), other.to_owned())),
        }
        let email = self
            .crypto
            .open_string(&entry.email)
            .context("opening a sealed e-mail address")?;
        let mut office_names = Vec::new();
        for id in &entry.offices {
            if let Some(office) = self.directory.office(*id).await? {
                office_names.push(office.name.clone());
            }
        }
        let mail = Mail::WaitlistWaiting {
            to: email,
            lang: Lang::parse(&entry.lang).unwrap_or_default(),
            wish: WaitlistWish {
                offices: office_names,
                date_from: entry.date_from,
                date_to: entry.date_to,
                persons: u16::try_from(entry.persons.len()).unwrap_or(u16::MAX),
            },
        };
        let outbox = self.seal_mail(&mail)?;
        match self
            .store
            .confirm_waitlist(&entry.id, self.now(), &outbox)
            .await?
        {
            WaitlistTransition::Done => {
                tracing::info!(waitlist = %entry.id, "waitlist entry confirmed");
                Ok((entry.id, "waiting".to_owned()))
            }
            WaitlistTransition::Unchanged(status) if status == "lapsed" => {
                Err(ServiceError::Expired)
            }
            WaitlistTransition::Unchanged(status) => Ok((entry.id, status)),
        }
    }
}
