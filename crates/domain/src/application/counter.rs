//! The rules a clerk applies when registering an application at the counter (SPEC §3):
//! where the passport may be collected, whether it may go by courier, and whether the
//! fee receipt covers what is due.
//!
//! - Pickup: an electronic passport at any passport office or consular mission; a
//!   temporary passport only at the office where the application was submitted (it is
//!   personalised there, fast, for an urgent trip).
//! - Courier: only the electronic passport, to an address in Romania (MAI press release
//!   13/2021); the passport then goes to no mission, so a courier delivery with a
//!   mission as the pickup place is refused.
//! - Fee: the passport fee for the holder's age on the submission day. The courier
//!   charge (11,30 lei) is usually paid to the courier on delivery, but a receipt that
//!   covers both is accepted too; any other amount is refused with the amount due.

use crate::passport::{Bani, COURIER_FEE, PassportType, fee};

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

/// What one application costs the holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FeeDue {
    /// The passport fee (SPEC §5.3), by type and age.
    pub passport: Bani,
    /// The courier charge, when delivery by courier was chosen.
    pub courier: Option<Bani>,
}

/// A receipt whose amount is not what is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("the receipt shows {} bani, but {} bani are due", .paid.0, .due.0)]
pub struct FeeMismatch {
    /// The passport fee due (the amount the clerk should see on the receipt).
    pub due: Bani,
    /// The amount on the receipt.
    pub paid: Bani,
}

impl FeeDue {
    /// The fee for a holder aged `age` whole years on the submission day.
    #[must_use]
    pub const fn new(passport: PassportType, age: u32, courier: bool) -> Self {
        Self {
            passport: fee(passport, age),
            courier: if courier { Some(COURIER_FEE) } else { None },
        }
    }

    /// The passport fee plus the courier charge, if any.
    #[must_use]
    pub const fn total(&self) -> Bani {
        match self.courier {
            Some(courier) => match self.passport.checked_add(courier) {
                Some(total) => total,
                None => self.passport,
            },
            None => self.passport,
        }
    }

    /// Whether a receipt of `paid` covers the application: exactly the passport fee, or
    /// exactly the passport fee and the courier charge together.
    ///
    /// # Errors
    /// [`FeeMismatch`] with the passport fee due, for any other amount — too little and
    /// too much alike (an overpayment is refunded through a separate request, not kept).
    pub const fn check_receipt(&self, paid: Bani) -> Result<(), FeeMismatch> {
        let covers_passport = paid.as_u32() == self.passport.as_u32();
        let covers_both = self.courier.is_some() && paid.as_u32() == self.total().as_u32();
        if covers_passport || covers_both {
            Ok(())
        } else {
            Err(FeeMismatch {
                due: self.passport,
                paid,
            })
        }
    }
}

#[cfg(test)]
mod tests;
