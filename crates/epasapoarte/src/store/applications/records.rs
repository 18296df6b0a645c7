//! The values that go in and out of the applications store: personal data sealed,
//! everything else as domain types.

use crate::ids::OfficeId;
use chrono::{DateTime, NaiveDate, Utc};
use epasapoarte_domain::application::{ApplicationNumber, ApplicationStatus};
use epasapoarte_domain::booking::BookingStatus;
use epasapoarte_domain::passport::{Bani, HolderCategory, PassportType};

/// Where a passport is collected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickupPlace {
    /// A passport office (by id).
    Office(OfficeId),
    /// A consular mission abroad, named as the clerk chose it.
    Mission(String),
}

/// Courier delivery: the sealed address and the charge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Courier {
    pub address: Vec<u8>,
    pub fee: Bani,
}

/// Everything a registration writes.
#[derive(Debug, Clone)]
pub struct NewApplication {
    pub office_id: OfficeId,
    /// The submitting office's county: the number's prefix.
    pub county_code: String,
    /// The booking and the person's 1-based position in it; `None` for a walk-in.
    pub booking: Option<(String, u32)>,
    pub passport_type: PassportType,
    pub holder_category: HolderCategory,
    pub cnp: Vec<u8>,
    pub cnp_hash: Vec<u8>,
    pub cnp_last9_hash: Vec<u8>,
    pub last_name: Vec<u8>,
    pub first_name: Vec<u8>,
    pub email: Option<Vec<u8>>,
    pub lang: String,
    pub fee_due: Bani,
    pub receipt_number: String,
    pub receipt_amount: Bani,
    pub pickup: PickupPlace,
    pub courier: Option<Courier>,
    /// The holder asked to be e-mailed before the new passport expires (issue 12).
    pub expiry_reminder: bool,
    /// Office-local date: the number's year, the fee's reference day, the lookup's date.
    pub submitted_on: NaiveDate,
    pub actor: String,
    pub now: DateTime<Utc>,
}

/// What a registration did.
#[derive(Debug, Clone)]
pub enum Registration {
    Registered(Box<ApplicationRecord>),
    /// Refused: the CNP is under this restriction on the submission day.
    Restricted(RestrictionRecord),
    /// Refused: this booked person already has an application (not rejected).
    AlreadyRegistered,
}

/// An application as stored, personal data sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationRecord {
    pub id: i64,
    pub number: ApplicationNumber,
    pub office_id: OfficeId,
    pub booking: Option<(String, u32)>,
    pub passport_type: PassportType,
    pub holder_category: HolderCategory,
    pub cnp: Vec<u8>,
    pub cnp_hash: Vec<u8>,
    pub last_name: Vec<u8>,
    pub first_name: Vec<u8>,
    pub email: Option<Vec<u8>>,
    pub lang: String,
    pub fee_due: Bani,
    pub receipt_number: String,
    pub receipt_amount: Bani,
    pub pickup: PickupPlace,
    pub courier: Option<Courier>,
    pub status: ApplicationStatus,
    pub rejection_reason: Option<String>,
    /// The holder asked to be e-mailed before the new passport expires (issue 12).
    pub expiry_reminder: bool,
    pub submitted_on: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Its personal data was deleted after retention (issue 12): the sealed fields are
    /// empty and must not be opened.
    pub purged: bool,
}

impl ApplicationRecord {
    /// Whether staff of `office_id` deal with it: it was submitted there, or it is to be
    /// collected there.
    #[must_use]
    pub fn concerns_office(&self, office_id: OfficeId) -> bool {
        self.office_id == office_id || self.pickup == PickupPlace::Office(office_id)
    }
}

/// One step of an application's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationEvent {
    pub at: DateTime<Utc>,
    /// `None` for the registration.
    pub from: Option<ApplicationStatus>,
    pub to: ApplicationStatus,
    pub actor: String,
    pub reason: Option<String>,
}

/// A person of a booking, to register an application from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookedPerson {
    pub office_id: OfficeId,
    pub service: PassportType,
    pub status: BookingStatus,
    pub email: Vec<u8>,
    pub lang: String,
    pub last_name: Vec<u8>,
    pub first_name: Vec<u8>,
    pub cnp: Vec<u8>,
    pub cnp_hash: Vec<u8>,
}

/// An API token as stored (its hash only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenRecord {
    pub id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A restriction to add to the registry.
#[derive(Debug, Clone)]
pub struct NewRestriction {
    pub cnp: Vec<u8>,
    pub cnp_hash: Vec<u8>,
    pub legal_basis: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub created_by: String,
    pub now: DateTime<Utc>,
}

/// A restriction as stored, the CNP sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestrictionRecord {
    pub id: i64,
    pub cnp: Vec<u8>,
    pub cnp_hash: Vec<u8>,
    pub legal_basis: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub lifted_at: Option<DateTime<Utc>>,
}

impl RestrictionRecord {
    /// In force on `day`: started, not past its end date, not lifted. The same
    /// condition as the store's query, for lists that show all of them.
    #[must_use]
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.lifted_at.is_none() && self.starts_on <= day && day <= self.ends_on
    }
}

/// The passport-expiry reminder scheduled when the passport is issued (issue 12): its own
/// sealed copy of the address, the dates, and the unsubscribe link's token hash.
#[derive(Debug, Clone)]
pub struct NewExpiryReminder {
    pub email: Vec<u8>,
    pub lang: String,
    pub expires_on: NaiveDate,
    pub remind_on: NaiveDate,
    pub unsubscribe_hash: crate::ids::TokenHash,
}

/// A reminder due to be sent.
#[derive(Debug, Clone)]
pub struct ExpiryReminderRecord {
    pub application_id: i64,
    pub email: Vec<u8>,
    pub lang: String,
    pub expires_on: NaiveDate,
}

/// What an unsubscribe link finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpiryReminderState {
    pub expires_on: NaiveDate,
    pub remind_on: NaiveDate,
    pub sent: bool,
    pub unsubscribed: bool,
}
