//! Passport applications (SPEC §3, J6): registration at the counter, status moves (by
//! clerks and, through the API, by the production centre), the clerk's search, the
//! public status lookup, the restrictions registry and the API tokens.
//!
//! Like the booking operations, these parse input once into domain values, seal personal
//! data before it reaches the store, and queue the citizen's e-mail in the same
//! transaction as the change that causes it. Who may call what (roles, offices) is the
//! back office's concern; this layer takes the acting user's name for the history.

use chrono::NaiveDate;
use epasapoarte_domain::application::ApplicationNumber;

use super::{BookingService, ServiceResult};

pub mod expiry;
pub(crate) mod input;
mod lookup;
mod person;
mod register;
mod registry;
mod status;
pub mod tokens;
mod view;

pub use input::{ApplicationRequest, CourierAddress, RestrictionRequest};
pub use lookup::{PublicStatus, StatusQuestion};
pub use person::BookedHolder;
pub use register::RegisteredApplication;
pub use status::StatusMoved;
pub use tokens::{ApiAuthError, IssueTokenError};
pub use view::{ApplicationView, PickupView, RestrictionView};

/// A registration refused because of a restriction: enough for the clerk's message and
/// the audit entry, without the CNP in clear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub restriction_id: i64,
    pub legal_basis: String,
    pub ends_on: NaiveDate,
    /// The last 4 digits of the CNP, the form the audit log records.
    pub cnp_last4: String,
}

impl BookingService {
    /// An application by its number, opened for staff (`None` when unknown).
    pub async fn application(
        &self,
        number: &ApplicationNumber,
    ) -> ServiceResult<Option<ApplicationView>> {
        match self.store.application_by_number(number).await? {
            Some(record) => Ok(Some(self.open_application(&record).await?)),
            None => Ok(None),
        }
    }

    /// The clerk's search: an application number, or a CNP (all of its applications,
    /// newest first). Anything else finds nothing.
    pub async fn search_applications(&self, text: &str) -> ServiceResult<Vec<ApplicationView>> {
        if let Ok(number) = text.parse::<ApplicationNumber>() {
            return Ok(self.application(&number).await?.into_iter().collect());
        }
        let Ok(cnp) = epasapoarte_domain::cnp::Cnp::parse(text, self.today_in_romania()) else {
            return Ok(Vec::new());
        };
        let hash = self
            .crypto
            .keyed_hash(crate::crypto::HashPurpose::Cnp, cnp.as_str().as_bytes());
        let mut found = Vec::new();
        for record in self.store.applications_by_cnp(&hash).await? {
            found.push(self.open_application(&record).await?);
        }
        Ok(found)
    }
}
