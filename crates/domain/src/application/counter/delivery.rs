//! Where a passport may be collected and whether it may go by courier.

use crate::passport::PassportType;

/// Where the passport will be collected, relative to the submitting office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pickup {
    /// The office where the application is submitted.
    SubmittingOffice,
    /// Another passport office in Romania.
    OtherOffice,
    /// A Romanian diplomatic mission or consular office abroad.
    ConsularMission,
}

/// Why a pickup place or courier delivery is not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum DeliveryError {
    /// A temporary passport is collected where it was applied for.
    #[error("a temporary passport is collected only at the office where it was applied for")]
    TemporaryElsewhere,
    /// Courier delivery is offered for the electronic passport only.
    #[error("courier delivery is available for the electronic passport only")]
    CourierNotElectronic,
    /// A courier delivers in Romania; a mission abroad is not a fallback for it.
    #[error("a passport sent by courier cannot be collected at a consular mission")]
    CourierWithMission,
}

/// Checks the pickup place and the courier option for a passport type.
///
/// # Errors
/// The first rule broken, as a [`DeliveryError`].
pub const fn check_delivery(
    passport: PassportType,
    pickup: Pickup,
    courier: bool,
) -> Result<(), DeliveryError> {
    match (passport, pickup, courier) {
        (PassportType::Temporary, _, true) => Err(DeliveryError::CourierNotElectronic),
        (PassportType::Temporary, Pickup::OtherOffice | Pickup::ConsularMission, _) => {
            Err(DeliveryError::TemporaryElsewhere)
        }
        (PassportType::Electronic, Pickup::ConsularMission, true) => {
            Err(DeliveryError::CourierWithMission)
        }
        _ => Ok(()),
    }
}
