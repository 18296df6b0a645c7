//! The fee due at submission, and whether a receipt covers it.

use crate::passport::{Bani, COURIER_FEE, PassportType, fee};

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
