//! What a passport costs, how long it is valid, how soon it is issued and what to bring
//! (SPEC §5.3–5.4), for each person of a booking.
//!
//! The rules come from the official texts in `shared/seeds` (MAI press release 13/2021,
//! the 2024 Euronews guide, two county offices' pages). Where older county pages disagree
//! with the newer texts (5-year validity for adults, 14 calendar days), the newer rule
//! that SPEC states holds.
//!
//! The one call the shell makes per person is [`requirements`]; the wizard on the
//! information page uses [`documents`] with a [`HolderCategory`] the citizen picked.

mod category;
mod declaration;
mod documents;
mod money;
mod passport_type;
mod requirements;
mod rules;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use category::{HolderCategory, category};
pub use declaration::{
    DeclarationError, DeclarationKind, LOSS_DECLARED_WITHIN, check_declaration, declared_late,
};
pub use documents::{Document, documents, documents_for};
pub use money::{Bani, COURIER_FEE, ParseBaniError, fee};
pub use passport_type::PassportType;
pub use requirements::{PersonRequirements, requirements};
pub use rules::{
    EXPIRY_REMINDER_MONTHS, Issuance, Validity, expiry_reminder_on, fingerprints_taken, issuance,
    validity,
};

/// A stable name (`as_str`) that did not match any variant of the named type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind}: {value:?}")]
pub struct UnknownName {
    /// Which type was being parsed, e.g. "passport type".
    pub kind: &'static str,
    /// The rejected input, as given.
    pub value: String,
}
