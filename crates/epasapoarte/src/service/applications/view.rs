//! Applications and restrictions opened for staff: personal data in clear, offices named.
//! Only the back office sees these (the CNP is shown to staff, and the caller records each
//! view in the audit log); the public sees [`super::PublicStatus`] and nothing more.

use chrono::{DateTime, NaiveDate, Utc};
use epasapoarte_domain::application::{ApplicationNumber, ApplicationStatus};
use epasapoarte_domain::passport::{Bani, HolderCategory, PassportType};

use super::input::CourierAddress;
use crate::ids::OfficeId;
use crate::service::{BookingService, ServiceError, ServiceResult};
use crate::store::{ApplicationEvent, ApplicationRecord, PickupPlace, RestrictionRecord};

/// Where a passport is collected, named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickupView {
    Office {
        id: OfficeId,
        name: String,
        address: String,
    },
    Mission(String),
}

impl PickupView {
    /// One line: "Name, address", or the mission's name.
    #[must_use]
    pub fn text(&self) -> String {
        match self {
            PickupView::Office { name, address, .. } => format!("{name}, {address}"),
            PickupView::Mission(name) => name.clone(),
        }
    }
}

/// An application as a clerk sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationView {
    pub id: i64,
    pub number: ApplicationNumber,
    pub office_id: OfficeId,
    pub booking: Option<(String, u32)>,
    pub passport_type: PassportType,
    pub holder_category: HolderCategory,
    pub last_name: String,
    pub first_name: String,
    /// The 13 digits: shown to staff only, each view audit-logged by the caller.
    pub cnp: String,
    pub email: Option<String>,
    pub fee_due: Bani,
    pub receipt_number: String,
    pub receipt_amount: Bani,
    pub pickup: PickupView,
    pub courier: Option<(CourierAddress, Bani)>,
    pub status: ApplicationStatus,
    pub rejection_reason: Option<String>,
    pub submitted_on: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Oldest first, the registration included.
    pub history: Vec<ApplicationEvent>,
    /// Its personal data was deleted after retention: names, CNP, e-mail and courier
    /// address are empty here, and the pages say why.
    pub purged: bool,
}

impl ApplicationView {
    /// Whether staff of `office_id` deal with it (submitted or collected there).
    #[must_use]
    pub fn concerns_office(&self, office_id: OfficeId) -> bool {
        self.office_id == office_id
            || matches!(self.pickup, PickupView::Office { id, .. } if id == office_id)
    }
}

/// A restriction as an admin sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestrictionView {
    pub id: i64,
    pub cnp: String,
    pub legal_basis: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// In force today (Romania's date).
    pub in_force: bool,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub lifted_at: Option<DateTime<Utc>>,
}

impl BookingService {
    fn open_text(&self, sealed: &[u8], what: &str) -> ServiceResult<String> {
        self.crypto
            .open_string(sealed)
            .map_err(|error| ServiceError::Internal(anyhow::anyhow!("opening {what}: {error}")))
    }

    pub(super) async fn pickup_view(&self, pickup: &PickupPlace) -> ServiceResult<PickupView> {
        Ok(match pickup {
            PickupPlace::Office(id) => {
                let office = self.directory.office(*id).await?;
                let (name, address) = office
                    .map(|o| (o.name, o.address))
                    .unwrap_or_else(|| (format!("#{id}"), String::new()));
                PickupView::Office {
                    id: *id,
                    name,
                    address,
                }
            }
            PickupPlace::Mission(name) => PickupView::Mission(name.clone()),
        })
    }

    pub(super) async fn pickup_text(&self, pickup: &PickupPlace) -> ServiceResult<String> {
        Ok(self.pickup_view(pickup).await?.text())
    }

    pub(super) async fn open_application(
        &self,
        record: &ApplicationRecord,
    ) -> ServiceResult<ApplicationView> {
        let courier = match &record.courier {
            // Retention emptied the address: nothing to open, the delivery stays known.
            Some(courier) if record.purged => Some((CourierAddress::default(), courier.fee)),
            Some(courier) => {
                let json = self.crypto.open(&courier.address).map_err(|error| {
                    ServiceError::Internal(anyhow::anyhow!("opening an address: {error}"))
                })?;
                let address: CourierAddress =
                    serde_json::from_slice(&json).map_err(anyhow::Error::from)?;
                Some((address, courier.fee))
            }
            None => None,
        };
        let email = match record.email.as_deref().filter(|e| !e.is_empty()) {
            Some(sealed) => Some(self.open_text(sealed, "an e-mail address")?),
            None => None,
        };
        let open = |sealed: &[u8], what: &str| {
            if record.purged {
                Ok(String::new())
            } else {
                self.open_text(sealed, what)
            }
        };
        Ok(ApplicationView {
            id: record.id,
            number: record.number,
            office_id: record.office_id,
            booking: record.booking.clone(),
            passport_type: record.passport_type,
            holder_category: record.holder_category,
            last_name: open(&record.last_name, "a name")?,
            first_name: open(&record.first_name, "a name")?,
            cnp: open(&record.cnp, "a CNP")?,
            email,
            fee_due: record.fee_due,
            receipt_number: record.receipt_number.clone(),
            receipt_amount: record.receipt_amount,
            pickup: self.pickup_view(&record.pickup).await?,
            courier,
            status: record.status,
            rejection_reason: record.rejection_reason.clone(),
            submitted_on: record.submitted_on,
            created_at: record.created_at,
            updated_at: record.updated_at,
            history: self.store.application_events(record.id).await?,
            purged: record.purged,
        })
    }

    pub(super) fn open_restriction(
        &self,
        record: &RestrictionRecord,
    ) -> ServiceResult<RestrictionView> {
        Ok(RestrictionView {
            id: record.id,
            cnp: self.open_text(&record.cnp, "a CNP")?,
            legal_basis: record.legal_basis.clone(),
            starts_on: record.starts_on,
            ends_on: record.ends_on,
            in_force: record.in_force_on(self.today_in_romania()),
            created_by: record.created_by.clone(),
            created_at: record.created_at,
            lifted_at: record.lifted_at,
        })
    }
}
