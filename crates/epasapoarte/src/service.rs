//! The booking service: the citizen operations of SPEC §2 (J1–J5), between the edge (HTTP
//! API and pages, which parse input) and the store (which keeps the invariants). It seals
//! personal data, mints tokens, builds the e-mails that ride in the same transaction, and
//! answers in domain terms; the HTTP layer only translates.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use epasapoarte_domain::application::IllegalApplicationTransition;

use crate::clock::Clock;
use crate::config::Config;
use crate::crypto::Crypto;
use crate::metrics::Metrics;
use crate::store::{DynStore, StoreError};

pub mod applications;
mod appointment;
pub mod audit;
mod availability;
mod booking;
pub mod cooloff;
pub mod counter;
pub mod counter_persons;
mod declarations;
mod directory;
pub mod draw;
pub mod input;
mod links;
mod lookup;
mod office_setup;
mod reconfirm;
mod reminders;
pub mod reports;
mod seating;
pub mod stats;
pub mod view;
pub mod waitlist;

pub use applications::Refusal;
pub use availability::{DayAvailability, EarliestSlot, SlotAvailability};
pub use booking::{BookingCreated, CancelOutcome, ConfirmOutcome};
pub use counter::{StaffCancellation, StaffMoveOutcome};
pub use declarations::{DeclarationRequest, DeclarationView};
pub use directory::Directory;
pub use input::{BookingRequest, FieldError, FieldErrors};
pub use reconfirm::{RECONFIRM_BATCH, ReconfirmOutcome};
pub use reminders::REMINDER_BATCH;

/// The service layer's one error: what can go wrong in a booking or application
/// operation. The edges map each to what they show: the API to a status and a stable code
/// (`http/error.rs`), the pages to a problem page (`web/pages/problem.rs`).
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// 422: field errors (translation keys `field.*`).
    #[error("the input is not valid")]
    Validation(FieldErrors),
    #[error("consent to the data-protection policy is required")]
    ConsentRequired,
    #[error("the slot has no room for that many persons")]
    SlotFull,
    #[error("a CNP already holds an active booking")]
    CnpAlreadyBooked,
    /// A CNP is already in an entry of that draw.
    #[error("a CNP is already entered in this draw")]
    CnpAlreadyEntered,
    /// A CNP is cooling off after a no-show (SPEC §8).
    #[error("a CNP is cooling off after a no-show")]
    CnpCoolingOff,
    /// The draw has run or no draw takes entries.
    #[error("the draw takes no entries")]
    DrawClosed,
    /// A CNP is already on an active waitlist entry.
    #[error("a CNP is already on the waitlist")]
    CnpAlreadyWaiting,
    /// The seats held for a family were not taken in time (or there is no hold).
    #[error("the hold has lapsed")]
    HoldExpired,
    /// The family took this hold already.
    #[error("the hold was taken already")]
    HoldTaken,
    #[error("the link has expired")]
    Expired,
    #[error("the booking was cancelled")]
    Cancelled,
    /// No such booking, office, application or restriction.
    #[error("not found")]
    NotFound,
    /// The CNP is on the restrictions registry: registration refused (the caller writes
    /// the audit entry from [`Refusal`]).
    #[error("the CNP is under a travel restriction")]
    Restricted(Refusal),
    /// This person of the booking already has an application.
    #[error("this person already has an application from this booking")]
    AlreadyRegistered,
    /// The application lifecycle does not allow the move.
    #[error(transparent)]
    IllegalTransition(#[from] IllegalApplicationTransition),
    /// The database cannot be reached right now (issue 13): 503 with Retry-After.
    #[error("the database is unavailable")]
    Unavailable,
    /// Anything else: logged once by the edge, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ServiceError {
    /// For background work with no response to carry the error: log internal ones.
    pub fn log_if_internal(self) {
        if let ServiceError::Internal(error) = self {
            tracing::error!(
                error = format!("{error:#}"),
                "internal error in background work"
            );
        }
    }
}

/// Staff operations fail in the staff layer's terms; a page that meets one it does not
/// handle itself shows it like any other service failure.
impl From<crate::staff::StaffError> for ServiceError {
    fn from(error: crate::staff::StaffError) -> Self {
        match error {
            crate::staff::StaffError::Validation(fields) => ServiceError::Validation(fields),
            crate::staff::StaffError::Internal(error) => ServiceError::Internal(error),
            other => ServiceError::Internal(anyhow::Error::new(other)),
        }
    }
}

impl From<StoreError> for ServiceError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::SlotFull => ServiceError::SlotFull,
            StoreError::CnpAlreadyBooked => ServiceError::CnpAlreadyBooked,
            StoreError::CnpAlreadyWaiting => ServiceError::CnpAlreadyWaiting,
            StoreError::CnpCoolingOff => ServiceError::CnpCoolingOff,
            StoreError::NotFound => ServiceError::NotFound,
            other if other.is_unavailable() => {
                tracing::warn!(error = %other, "the database is unavailable");
                ServiceError::Unavailable
            }
            other => ServiceError::Internal(other.into()),
        }
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;

/// Everything the citizen operations need, shared by all requests.
#[derive(Clone)]
pub struct BookingService {
    pub store: DynStore,
    pub crypto: Crypto,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<Config>,
    pub directory: Directory,
    pub metrics: Arc<Metrics>,
}

impl BookingService {
    pub fn new(
        store: DynStore,
        crypto: Crypto,
        clock: Arc<dyn Clock>,
        config: Arc<Config>,
        metrics: Arc<Metrics>,
    ) -> Self {
        let directory = Directory::new(store.clone());
        BookingService {
            store,
            crypto,
            clock,
            config,
            directory,
            metrics,
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Today in Romania: the reference date for CNP birth dates ("not in the future").
    pub fn today_in_romania(&self) -> NaiveDate {
        self.now()
            .with_timezone(&chrono_tz::Europe::Bucharest)
            .date_naive()
    }
}
