//! Why a text is not a valid CNP: one variant per rule of SPEC §5.1, in checking order.

/// The first rule a candidate CNP broke. Variants are listed in the order the rules
/// are checked, so a text breaking several rules reports the earliest one.
///
/// None of the variants carries the candidate's digits beyond the one field that failed,
/// so an error can be logged or shown without leaking the CNP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum CnpError {
    /// Nothing but whitespace, spaces or hyphens was given.
    #[error("empty input")]
    Empty,
    /// A character other than an ASCII digit, space or hyphen. `position` counts
    /// characters (not bytes) from 1, in the input with surrounding whitespace trimmed.
    /// Only the offending character is kept, never its neighbours.
    #[error("invalid character {} at position {position}", CharName(*.found))]
    InvalidCharacter { position: usize, found: char },
    /// Not exactly 13 digits (`found` digits were given).
    #[error("wrong length: {found} digits instead of 13")]
    Length { found: usize },
    /// The first digit (sex and century) is 0 or 9 (9 marks a foreigner's tax number).
    #[error("invalid first digit: must be 1 to 8")]
    Sex,
    /// The birth date is not a real calendar date (in any century the first digit allows).
    #[error("birth date is not a real calendar date")]
    BirthDate,
    /// The birth date is real but after today (in every century the first digit allows).
    #[error("birth date is in the future")]
    BirthDateInFuture,
    /// The county code (digits 8–9) is not one in use.
    #[error("invalid county code {code:02}")]
    County { code: u8 },
    /// The serial number (digits 10–12) is 000.
    #[error("serial number 000 is not allowed")]
    Serial,
    /// The last digit does not match the check digit computed from the first twelve.
    #[error("wrong check digit: expected {expected}, found {found}")]
    CheckDigit { expected: u8, found: u8 },
}

impl CnpError {
    /// A stable snake_case name for the rule, used by the API and as a translation key.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::InvalidCharacter { .. } => "invalid_character",
            Self::Length { .. } => "length",
            Self::Sex => "sex",
            Self::BirthDate => "birth_date",
            Self::BirthDateInFuture => "birth_date_in_future",
            Self::County { .. } => "county",
            Self::Serial => "serial",
            Self::CheckDigit { .. } => "check_digit",
        }
    }
}

/// Names a character safely for a message: printable ASCII is quoted, then every
/// character is given by code point, so no control, bidirectional or invisible
/// character can break or disguise a log or output line.
struct CharName(char);

impl std::fmt::Display for CharName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let code = u32::from(self.0);
        if self.0.is_ascii_graphic() {
            write!(f, "'{}' (U+{code:04X})", self.0)
        } else {
            write!(f, "U+{code:04X}")
        }
    }
}
