//! Fees, validity, fingerprints, issuance and categories, exhaustively over ages.

mod age_bands;
mod categories;
mod expiry;
mod issuance;
mod passport_types;
mod requirements;
