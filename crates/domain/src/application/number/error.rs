//! Why a text or its parts are not an application number.

/// Why a text or its parts are not an application number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum ApplicationNumberError {
    /// Not of the shape `CC-YYYY-NNNNNN-K` (ignoring case and separators).
    #[error("an application number looks like CJ-2026-000123-K")]
    Format,
    /// The letters are not a county code.
    #[error("the application number does not start with a county code")]
    UnknownCounty,
    /// The year is outside 2000–9999.
    #[error("the year of an application number is between 2000 and 9999")]
    Year,
    /// The serial is 0 or longer than nine digits.
    #[error("the serial of an application number is between 1 and 999999999")]
    Serial,
    /// The check letter does not match: a typing mistake somewhere.
    #[error("the check letter of the application number does not match")]
    CheckLetter,
}
